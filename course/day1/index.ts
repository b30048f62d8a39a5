/**
 * Day 1 — NumPy-style arrays (lessons 1-2…1-5; guide §1.2). Every example prints what NumPy prints.
 */
import type { Day } from '../lesson.js';
import { basicsStep } from './basics.js';
import { broadcastingStep } from './broadcasting.js';
import { creationStep } from './creation.js';
import { diskStep } from './disk.js';
import { figuresStep } from './figures.js';
import { indexingStep } from './indexing.js';
import { randomStep } from './random.js';
import { reshapeStep } from './reshape.js';
import { statisticsStep } from './statistics.js';

export const day: Day = {
  day: 1,
  title: { zh: '第 1 天 · NumPy 风格的数组', en: 'Day 1 · NumPy-style arrays' },
  summary: {
    zh: `数组 = 内存 + 形状 + 步长。切片是视图、高级索引是副本；广播让不同形状的数组直接运算；
沿轴归约、变形、拼接是整理数据的基本功；带种子的生成器让随机结果可以复现，而且和 NumPy 逐位相同。
后面几天的神经网络，全部建立在这些操作之上。本机实测（2 核，另有多个任务同时运行）：整天约 2 秒，快速模式与完整运行相同。`,
    en: `An array is memory plus a shape and strides. Slices are views, advanced indexing copies; broadcasting
combines arrays of different shapes; reductions along axes, reshaping and joining are the everyday tools of
data handling; a seeded generator makes random results repeatable — bit for bit NumPy's. Every network in
the days ahead is built from these operations. Measured on this machine (2 cores, shared with other jobs): the whole day takes about 2 s; fast mode is the same run.`,
  },
  steps: [
    basicsStep,
    creationStep,
    diskStep,
    indexingStep,
    broadcastingStep,
    statisticsStep,
    reshapeStep,
    randomStep,
    figuresStep,
  ],
};

export default day;
