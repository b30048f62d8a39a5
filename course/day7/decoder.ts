/**
 * Day 7, lessons 1-62 and 1-63: the decoder's masked self-attention; cross-attention and the
 * projection to the vocabulary.
 */
import * as plot from '../../src/plot/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { attentionMap } from './attention.js';
import { dims, printMatrix, setup } from './setup.js';
import { transformerForward } from './transformer.js';

export const maskedStep: Step = {
  id: '1-62',
  title: { zh: '解码器：带掩码的自注意力', en: 'The decoder: masked self-attention' },
  text: {
    zh: `解码器的输入 "<start> you win or you die" 同样做 E + PE。训练时整句一次性送进去，但位置 t 在预测第 t+1 个词时
不能偷看后面的词，所以在 softmax 之前给分数加一个掩码：对角线上方是 −∞、其余是 0。
exp(−∞) = 0，于是 softmax 之后上三角全是 0：第 1 行只看 \`<start>\`，第 2 行看前两个词……
之后同样是 Add & Norm。`,
    en: `The decoder's input "<start> you win or you die" also becomes E + PE. Training feeds the whole phrase at once,
but position t, predicting word t+1, must not peek at later words: before the softmax the scores get a mask,
−∞ above the diagonal and 0 elsewhere. exp(−∞) = 0, so after the softmax the upper triangle is all zeros: row
1 sees only \`<start>\`, row 2 the first two words, and so on. Then add & norm as before.`,
  },
  async run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const d = transformerForward(s.params, s.src, s.tgtIn).decoder;
    const rows = s.tgtInTokens;
    printMatrix(ctx, 'Y = E + PE (decoder input)', d.y, { rows, cols: dims(6) });
    printMatrix(ctx, 'mask', d.mask, { rows, cols: rows, digits: 0 });
    const head = d.selfAttn.heads[0];
    printMatrix(ctx, 'S = Q·Kᵀ / √d_k + mask (head 1)', head.S, { rows, cols: rows });
    printMatrix(ctx, 'A = softmax(S) (head 1)', head.A, { rows, cols: rows });
    printMatrix(ctx, 'Y1 = LayerNorm(Y + MaskedMultiHead(Y))', d.y1, { rows, cols: dims(6) });
    let upper = 0;
    const A = head.A.toArray() as number[][];
    A.forEach((row, i) => row.forEach((v, j) => (upper = j > i ? Math.max(upper, v) : upper)));
    ctx.record('masked.upperMax', upper);

    const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 480 });
    attentionMap(ax, head.A, rows, rows, 'Decoder masked self-attention, head 1');
    await ctx.figure('decoder_masked_attention', fig);
  },
};

export const crossStep: Step = {
  id: '1-63',
  title: {
    zh: '交叉注意力、投影到词表、softmax、取最大',
    en: 'Cross-attention, projection to the vocabulary, softmax, arg-max',
  },
  text: {
    zh: `**交叉注意力**是解码器"看"编码器的地方：查询 Q 来自解码器（Y1·W_q），键和值来自编码器的输出（Z·W_k、Z·W_v）。
于是分数表是 (解码器 6 个位置) × (编码器 6 个词)：每个要生成的位置决定去读源句的哪些词。
（公开文章把两边弄反了，让编码器发出查询。）之后 Add & Norm、前馈网络、Add & Norm。

**输出**：每个位置单独乘 (6, 25) 的 W_out 加偏置，得到 25 个词的分数，softmax 成概率，取最大的那个词。
（文章先把 (6, 6) 的矩阵展平成一个 36 维向量再投影——那样输出大小就和句子长度绑死了，也不对。）
还没训练，所以现在的预测是随机的。`,
    en: `**Cross-attention** is where the decoder looks at the encoder: the queries come from the decoder (Y1·W_q), the
keys and values from the encoder's output (Z·W_k, Z·W_v). The score table is (6 decoder positions) × (6 encoder
words): each position being generated chooses which source words to read. (The public article swaps the sides,
letting the encoder ask the questions.) Then add & norm, feed-forward, add & norm.

**Output**: each position on its own is multiplied by the (6, 25) W_out plus a bias — scores for the 25 tokens —
turned into probabilities by a softmax, and the most likely token is picked. (The article first flattens the
(6, 6) matrix into one 36-vector and projects that — tying the output size to the phrase length, which is wrong
too.) Untrained, the predictions are still random.`,
  },
  async run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const c = transformerForward(s.params, s.src, s.tgtIn);
    const d = c.decoder;
    const v = s.data.vocabulary;
    const head = d.crossAttn.heads[0];
    printMatrix(ctx, 'Q = Y1·W_q (from the decoder, head 1)', head.Q, {
      rows: s.tgtInTokens,
      cols: dims(4, 'q'),
    });
    printMatrix(ctx, 'K = Z·W_k (from the encoder, head 1)', head.K, {
      rows: s.srcTokens,
      cols: dims(4, 'k'),
    });
    printMatrix(ctx, 'A = softmax(Q·Kᵀ / √d_k) (head 1)', head.A, { rows: s.tgtInTokens, cols: s.srcTokens });
    printMatrix(ctx, 'Y3 (decoder output)', d.out, { rows: s.tgtInTokens, cols: dims(6) });
    printMatrix(ctx, 'logits = Y3·W_out + b_out (first 8 of 25 columns)', c.logits.get(':, :8'), {
      rows: s.tgtInTokens,
      cols: v.tokens.slice(0, 8),
      digits: 3,
    });
    const predicted = (c.probs.argmax({ axis: -1 }).toArray() as number[]).map((i) => v.token(i));
    s.tgtInTokens.forEach((t, i) => {
      const best = Number(c.probs.get(i).max().item());
      ctx.print(
        `after "${t}": predicts "${predicted[i]}" (p = ${best.toFixed(3)}), should be "${s.tgtOutTokens[i]}"`,
      );
    });
    ctx.record('untrained.prediction', predicted.join(' '));
    ctx.record('cross.shape', `(${head.A.shape.join(',')})`);

    const { fig, ax } = plot.subplots(1, 1, { width: 600, height: 480 });
    attentionMap(ax, head.A, s.tgtInTokens, s.srcTokens, 'Cross-attention, head 1 (untrained)');
    ax.xlabel('encoder token (key)').ylabel('decoder position (query)');
    await ctx.figure('cross_attention_untrained', fig);
  },
};
