/**
 * What the home page lists before a lesson module is loaded: the 7 days and the guide's 12
 * chapters, in both languages. A day is live when course/index.ts registers its module; a chapter
 * when it has one (none yet: they are listed as coming).
 */
import type { Bilingual } from '../../course/lesson.js';

export interface DayInfo {
  day: number;
  title: Bilingual;
  blurb: Bilingual;
  demo: Bilingual;
}

export const DAY_INFO: readonly DayInfo[] = [
  {
    day: 1,
    title: { zh: 'NumPy 风格的数组', en: 'NumPy-style arrays' },
    blurb: {
      zh: '视图与副本、索引、广播、统计、随机数',
      en: 'Views and copies, indexing, broadcasting, statistics, random',
    },
    demo: { zh: '数组游乐场', en: 'Array playground' },
  },
  {
    day: 2,
    title: { zh: '拟合一条直线', en: 'A best-fit line' },
    blurb: {
      zh: '穷举、最小二乘、符号更新与梯度下降',
      en: 'Scan, least squares, sign updates and gradient descent',
    },
    demo: { zh: '直线拟合动画', en: 'Line-fit animation' },
  },
  {
    day: 3,
    title: { zh: '二分类', en: 'Binary classification' },
    blurb: { zh: 'Keras 风格的模型、决策边界、动量', en: 'A Keras-style model, decision boundary, momentum' },
    demo: { zh: '逐批移动的决策边界', en: 'The boundary, batch by batch' },
  },
  {
    day: 4,
    title: { zh: '亲手写一个全连接网络', en: 'A dense network by hand' },
    blurb: { zh: '神经元、链式法则、月牙数据', en: 'Neurons, the chain rule, the moons' },
    demo: { zh: '月牙上的隐藏层', en: 'A hidden layer on the moons' },
  },
  {
    day: 5,
    title: { zh: '手写 CNN 识别 MNIST', en: 'A CNN by hand on MNIST' },
    blurb: { zh: '卷积、池化、softmax，手写反向传播', en: 'Convolution, pooling, softmax, backprop by hand' },
    demo: { zh: '训练 CNN + 手写板', en: 'Train the CNN + drawing pad' },
  },
  {
    day: 6,
    title: { zh: '手写 RNN 做情感分类', en: 'An RNN by hand for sentiment' },
    blurb: { zh: '隐藏状态、随时间反向传播', en: 'Hidden state, backpropagation through time' },
    demo: { zh: '逐词查看隐藏状态', en: 'The hidden state, word by word' },
  },
  {
    day: 7,
    title: { zh: '手写 Transformer', en: 'A Transformer by hand' },
    blurb: {
      zh: '嵌入、位置编码、注意力、因果掩码',
      en: 'Embeddings, positions, attention, the causal mask',
    },
    demo: { zh: '逐步查看矩阵与注意力', en: 'Step through matrices and attention' },
  },
];

export interface ChapterInfo {
  n: number;
  title: Bilingual;
  /** Days that already teach parts of it. */
  days: number[];
}

export const CHAPTERS: readonly ChapterInfo[] = [
  { n: 1, title: { zh: 'Python 与 NumPy 基础', en: 'Python and NumPy basics' }, days: [1, 2] },
  { n: 2, title: { zh: '机器学习入门：分类', en: 'Machine-learning basics: classification' }, days: [3] },
  { n: 3, title: { zh: '优化：SGD、动量、Adam', en: 'Optimisation: SGD, momentum, Adam' }, days: [3] },
  { n: 4, title: { zh: '神经网络原理', en: 'How neural networks work' }, days: [4] },
  { n: 5, title: { zh: '张量与自动微分', en: 'Tensors and automatic differentiation' }, days: [] },
  { n: 6, title: { zh: '训练神经网络', en: 'Training networks' }, days: [] },
  { n: 7, title: { zh: '卷积神经网络', en: 'Convolutional networks' }, days: [5] },
  { n: 8, title: { zh: '循环神经网络', en: 'Recurrent networks' }, days: [6] },
  { n: 9, title: { zh: '注意力与 Transformer', en: 'Attention and Transformers' }, days: [7] },
  { n: 10, title: { zh: '生成模型：GAN 与扩散', en: 'Generative models: GANs and diffusion' }, days: [] },
  { n: 11, title: { zh: '大语言模型', en: 'Large language models' }, days: [] },
  { n: 12, title: { zh: '走出单机：导出与部署', en: 'Beyond one machine: export and deploy' }, days: [] },
];
