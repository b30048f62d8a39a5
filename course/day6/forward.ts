/**
 * Day 6, lesson 1-48: the many-to-one RNN's forward pass, untrained.
 */
import * as nd from '../../src/nd/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { loadPhrases } from './data.js';
import { initRnn, phraseInputs, rnnForward, softmax, PARAM_NAMES } from './rnn.js';

/** Hidden units of the RNN. */
export const HIDDEN = 64;

export const forwardStep: Step = {
  id: '1-48',
  title: { zh: '多对一 RNN 的前向传播', en: "The many-to-one RNN's forward pass" },
  text: {
    zh: `RNN 用同一组权重一步步读入句子，把读过的内容压缩进隐藏状态 h（64 维）：

    h_0 = 0
    h_t = tanh(W_xh · x_t + W_hh · h_{t−1} + b_h)      W_xh (64, 18), W_hh (64, 64), b_h (64, 1)
    y   = W_hy · h_T + b_y                               W_hy (2, 64),  b_y (2, 1)
    p   = softmax(y)

"多对一"：读入 T 个词，只在最后输出一次。权重按教程取 randn/1000（来自带种子的生成器），偏置为 0。
权重这么小，h 几乎是 0，y 几乎是 0，所以未训练的网络对任何句子都给出 ≈ [0.5, 0.5]：完全不知道。`,
    en: `An RNN reads the phrase step by step with the same weights, squeezing what it has read into a hidden
state h (64 numbers):

    h_0 = 0
    h_t = tanh(W_xh · x_t + W_hh · h_{t−1} + b_h)      W_xh (64, 18), W_hh (64, 64), b_h (64, 1)
    y   = W_hy · h_T + b_y                               W_hy (2, 64),  b_y (2, 1)
    p   = softmax(y)

"Many-to-one": T words in, one output at the end. The weights are randn/1000 as in the tutorial (from the
seeded generator), the biases zero. With weights that small h is almost 0 and so is y, so the untrained
network answers ≈ [0.5, 0.5] for every phrase: it has no idea yet.`,
  },
  run(ctx: LessonContext) {
    const { vocabulary } = loadPhrases();
    const rng = nd.random.defaultRng(ctx.config.seed);
    const p = initRnn(rng, vocabulary.size, HIDDEN, 2);
    for (const k of PARAM_NAMES) ctx.print(`${k.padEnd(3)} shape (${p[k].shape.join(', ')})`);
    const text = 'i am very good';
    const { y, cache } = rnnForward(p, phraseInputs(vocabulary.oneHot(text))); // y (2, 1)
    ctx.print(`h_T (first 5 of ${HIDDEN}):`, cache.hs[cache.hs.length - 1].ravel().get(nd.slice(0, 5)));
    ctx.print('y =', y.ravel());
    const probs = softmax(y).ravel();
    ctx.print(`softmax(y) for "${text}":`, probs);
    ctx.print(`p(negative) = ${f(Number(probs.item(0)), 7)}, p(positive) = ${f(Number(probs.item(1)), 7)}`);
    ctx.record('untrained.p0', Number(probs.item(0)));
    ctx.record('untrained.p1', Number(probs.item(1)));
  },
};
