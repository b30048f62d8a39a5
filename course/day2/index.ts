/**
 * Day 2 — a best-fit line (lessons 1-6, 1-7; guide §1.4–1.5).
 */
import type { Day } from '../lesson.js';
import { dataStep } from './data.js';
import { gradientDescentStep } from './gradient-descent.js';
import { leastSquaresStep } from './least-squares.js';
import { scanStep } from './scan.js';
import { signUpdateStep } from './sign-update.js';

export const day: Day = {
  day: 2,
  title: { zh: '第 2 天 · 拟合一条直线', en: 'Day 2 · A best-fit line' },
  summary: {
    zh: `同一份数据，四种找直线的办法：穷举斜率（m ≈ 3.0352）、解析的最小二乘（3.0457, 3.9569）、
课程里只看符号的微调（永远在 3 附近抖动，最后 3.08），以及真正的梯度下降——它沿损失的负梯度前进，
收敛到最小二乘解。以后每个网络的训练都是最后这种做法，只是参数更多、梯度由链式法则逐层算出。
本机实测（2 核，另有多个任务同时运行）：完整运行 23 秒，其中约 20 秒是 400 帧的 GIF；快速模式（20 帧）约 2 秒。两种模式的数值完全相同。`,
    en: `One data set, four ways to a line: scanning the slope (m ≈ 3.0352), the closed-form least squares
(3.0457, 3.9569), the course's sign-only nudges (forever jittering around 3, ending at 3.08), and real
gradient descent, which follows the negative gradient of the loss and converges to the least-squares line.
Every network later is trained the last way — more parameters, gradients from the chain rule layer by layer.
Measured on this machine (2 cores, shared with other jobs): the full run takes 23 s, about 20 s of it the
400-frame GIF; fast mode (20 frames) about 2 s. The numbers are identical in both modes.`,
  },
  steps: [dataStep, scanStep, leastSquaresStep, signUpdateStep, gradientDescentStep],
};

export default day;
