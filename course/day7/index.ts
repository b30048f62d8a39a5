/**
 * Day 7 — a Transformer by hand (lessons 1-54…1-64; guide "9.3 Transformer 分解").
 */
import type { Day } from '../lesson.js';
import { headStep, multiHeadStep } from './attention.js';
import { dataStep, vocabStep } from './data.js';
import { crossStep, maskedStep } from './decoder.js';
import { embeddingStep, inputStep, positionStep } from './embedding.js';
import { encoderStep } from './encoder.js';
import { trainStep } from './train.js';

export const day: Day = {
  day: 7,
  title: { zh: '第 7 天 · 手算 Transformer', en: 'Day 7 · A Transformer by hand' },
  summary: {
    zh: `Transformer 没有循环：词嵌入加上正弦位置编码，注意力让每个词按 Q·Kᵀ/√d_k 的权重读取所有词的值，
多头并行、拼接、乘 W_o；残差与层归一化、逐位置的前馈网络组成一层。解码器用掩码挡住未来的词，
再用交叉注意力（Q 来自解码器，K、V 来自编码器）读源句，最后每个位置单独投影到词表。
我们用 nd 手写了每一层的前向和反向（与自动求导一致），用 Adam 训练到贪心解码得出 "you win or you die <end>"
（本机高负载下：90 步、约 4 秒；整天约 7 秒，快速模式相同）。`,
    en: `A Transformer has no recurrence: word embeddings plus sinusoidal positions; attention lets every word read all the
words' values with weights softmax(Q·Kᵀ/√d_k); several heads in parallel, concatenated, times W_o; residuals
with layer norm and a position-wise feed-forward network make a layer. The decoder masks future words and reads
the source through cross-attention (Q from the decoder, K and V from the encoder); each position is projected
to the vocabulary on its own. We wrote every layer's forward and backward on nd (matching autograd) and trained
with Adam until greedy decoding gives "you win or you die <end>" (here, under heavy load: 90 steps, about 4 s; the
whole day about 7 s, fast mode the same).`,
  },
  steps: [
    dataStep,
    vocabStep,
    embeddingStep,
    positionStep,
    inputStep,
    headStep,
    multiHeadStep,
    encoderStep,
    maskedStep,
    crossStep,
    trainStep,
  ],
};

export default day;
