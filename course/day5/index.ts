/**
 * Day 5 — a CNN by hand on MNIST (lessons 1-13…1-16; guide §7.2): IDX files, convolution, pooling,
 * softmax, their backward passes written out on nd, training; then the framework versions.
 */
import type { Day } from '../lesson.js';
import { backpropStep } from './backprop.js';
import { convolutionStep } from './convolution.js';
import { forwardStep } from './forward.js';
import { frameworkStep } from './framework.js';
import { mnistStep } from './mnist.js';
import { trainStepLesson } from './train.js';

export const day: Day = {
  day: 5,
  title: { zh: '第 5 天 · 亲手写一个卷积网络', en: 'Day 5 · A CNN by hand' },
  summary: {
    zh: `MNIST 的 IDX 文件：大端的文件头（魔数 2051 / 2049），后面是一个字节一个像素。卷积是滑动的加权和
（Sobel 例子的第一个输出是 29）；Conv3x3(8) 把 28×28 变成 26×26×8（72 个权重），最大池化减半到 13×13×8，
Softmax 层 1352 → 10。未训练时损失 ≈ ln 10 = 2.302，准确率是瞎猜的水平（种子 0：14.7%，种子 0–19 在 6.1%–20.1%）。
三层的反向传播都手写在 nd 上，和有限差分、自动求导一一对上；池化的梯度只给一个最大值（原教程给了每个并列的最大值，#7）。
手写网络在 1,000 / 1,000 张上训练 3 个 epoch：测试准确率 0.840（原教程 ≈ 0.78）；在全部 8,000 张上：0.9125。
Keras 写的同一个网络（Adam，3 个 epoch，8,000 张）：0.911；PyTorch 风格的更大 CNN（两层卷积 + 128 隐藏单元，4 个 epoch）：0.975
（多线程的求和顺序不固定，几次运行在 0.9745–0.9755 之间；test/course/day5-cnn.test.ts 检查 ≥ 0.97）。
本机实测（2 核，另有多个任务同时运行）：完整运行约 50 秒（手写训练 1,000 张 × 3 约 2 秒、8,000 张 × 3 约 13 秒，
Keras 4 秒，更大的 CNN 28 秒）；快速模式约 10 秒（手写部分不变，框架部分只训练 1 个 epoch）。`,
    en: `MNIST's IDX files: a big-endian header (magic 2051 / 2049), then one byte per pixel. A convolution is a sliding
weighted sum (the Sobel example's first output is 29); Conv3x3(8) turns 28×28 into 26×26×8 (72 weights), max-pooling
halves it to 13×13×8, the softmax layer maps 1352 → 10. Untrained, the loss is ≈ ln 10 = 2.302 and the accuracy is at
the level of guessing (seed 0: 14.7 %; seeds 0–19: 6.1 %–20.1 %). All three backward passes are written by hand on nd
and agree with finite differences and with autograd; the pooling gradient goes to one maximum (the original sent it to
every tied maximum, #7). The hand-written net, 3 epochs on 1,000 / 1,000 digits:
test accuracy 0.840 (the original: ≈ 0.78); on all 8,000 training digits: 0.9125. The same net in Keras (Adam, 3
epochs, 8,000 digits): 0.911; a bigger CNN in the PyTorch style (two conv layers and 128 hidden units, 4 epochs):
0.975 (0.9745–0.9755 over runs: the threaded kernels add up in varying order; test/course/day5-cnn.test.ts checks
≥ 0.97). Measured on this machine (2 cores, shared with other jobs): the full run takes about 50 s (by hand
1,000 × 3 steps about 2 s and 8,000 × 3 about 13 s, Keras 4 s, the bigger CNN 28 s); fast mode about 10 s (the
hand-written part unchanged, the framework part one epoch).`,
  },
  steps: [mnistStep, convolutionStep, forwardStep, backpropStep, trainStepLesson, frameworkStep],
};

export default day;
