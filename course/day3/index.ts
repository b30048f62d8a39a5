/**
 * Day 3 — binary classification (lessons 1-8, 1-9; guide §2.2, §3.2): the principle of deep
 * learning, a one-neuron classifier with the Keras-style API, the boundary as it learns, momentum,
 * and a first MNIST classifier.
 */
import type { Day } from '../lesson.js';
import { boundaryStep } from './boundary.js';
import { classifierStep } from './classifier.js';
import { dataStep } from './data.js';
import { mnistDenseStep } from './mnist.js';
import { momentumStep } from './momentum.js';
import { principleStep } from './principle.js';

export const day: Day = {
  day: 3,
  title: { zh: '第 3 天 · 二分类', en: 'Day 3 · Binary classification' },
  summary: {
    zh: `训练的一圈：前向 → 损失 → 梯度 → 优化器更新权重。一个 sigmoid 神经元用 Keras 风格的接口学会了把
200 个点按 x + y > 0 分开（5 个 epoch、批大小 1：准确率 0.99，权重 (2.47, 2.45)，偏置 0.07；4 个 epoch、批大小 2：0.985），
动画里每个批次一帧，分界线用正确的 −(w0·x + b)/w1 画出。动量让小球冲过 −1.585 处的局部最小，停在 0.668（f = −0.617），
普通 SGD 则停在 −1.585。最后，Flatten → Dense(64) → Dense(10) 一个 epoch 就能认出大部分 MNIST 数字。
本机实测（2 核，另有多个任务同时运行）：完整运行 29 秒（其中 400 帧的边界动画约 13 秒；MNIST 用 8,000 张训练 1 个 epoch，
测试准确率 0.888）；快速模式约 10 秒（动画 40 帧，MNIST 只训练 2,000 张：0.821）。两种模式下 Day 3 课程里的数字完全相同。`,
    en: `One turn of training: forward → loss → gradients → the optimizer updates the weights. A single sigmoid neuron,
built with the Keras-style API, learned to split 200 points by x + y > 0 (5 epochs at batch 1: accuracy 0.99, weights
(2.47, 2.45), bias 0.07; 4 epochs at batch 2: 0.985); the animation has one frame per batch, the boundary drawn with the
correct −(w0·x + b)/w1. Momentum carries the ball past the local minimum at −1.585 to settle at 0.668 (f = −0.617),
where plain SGD stops at −1.585. Finally Flatten → Dense(64) → Dense(10) recognises most MNIST digits after one epoch.
Measured on this machine (2 cores, shared with other jobs): the full run takes 29 s (about 13 s of it the
400-frame boundary animation; MNIST trained on 8,000 images for one epoch: test accuracy 0.888); fast mode about
10 s (40 animation frames, MNIST on 2,000 images: 0.821). The course's numbers are identical in both modes.`,
  },
  steps: [principleStep, dataStep, classifierStep, boundaryStep, momentumStep, mnistDenseStep],
};

export default day;
