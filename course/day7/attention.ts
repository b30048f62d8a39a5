/**
 * Day 7, lessons 1-59 and 1-60: one attention head step by step, then multi-head attention.
 */
import * as plot from '../../src/plot/index.js';
import type * as nd from '../../src/nd/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { dims, printMatrix, setup } from './setup.js';
import { transformerForward } from './transformer.js';

/** Attention weights as a heat map with the tokens on both axes (rows: queries, columns: keys). */
export function attentionMap(
  ax: plot.Axes,
  A: nd.NDArray,
  queries: readonly string[],
  keys: readonly string[],
  title: string,
): void {
  ax.heatmap(A.toArray() as number[][], {
    xLabels: keys,
    yLabels: queries,
    cmap: 'viridis',
    vmin: 0,
    vmax: 1,
  });
  ax.title(title).xlabel('key').ylabel('query');
}

export const headStep: Step = {
  id: '1-59',
  title: { zh: '自注意力：一个头，一步一步', en: 'Self-attention: one head, step by step' },
  text: {
    zh: `每个词用三个矩阵（各 6×4）变出三个向量：查询 Q = X·W_q、键 K = X·W_k、值 V = X·W_v，
每行一个词，形状都是 (6, 4)。然后：

    分数   S = Q·Kᵀ / √d_k          (6, 6)：第 i 行第 j 列 = 词 i 的查询和词 j 的键有多匹配
    权重   A = softmax(S)，逐行     每行加起来是 1
    输出   H = A·V                  (6, 4)：每个词得到所有词的值的加权平均

除以 √d_k = 2 是为了让点积的大小不随 d_k 增长、softmax 不至于过早饱和。
**不照抄原文的错误**：公开文章把 Q、K、V 写成了转置（每列一个词），并且除以 √d_model；
这里 Q、K、V 每行一个词，Q·Kᵀ 才是"词对词"的 (6, 6) 分数表，除的是 √d_k。`,
    en: `Each word makes three vectors with three matrices (6×4 each): query Q = X·W_q, key K = X·W_k, value
V = X·W_v — one row per word, each (6, 4). Then:

    scores   S = Q·Kᵀ / √d_k        (6, 6): row i, column j = how well word i's query matches word j's key
    weights  A = softmax(S), by row  each row sums to 1
    output   H = A·V                 (6, 4): each word gets a weighted mean of all the words' values

Dividing by √d_k = 2 keeps the dot products from growing with d_k, so the softmax does not saturate early.
**Not copying the article's errors**: the public article writes Q, K and V transposed (one word per column)
and divides by √d_model; here Q, K, V have one word per row, so Q·Kᵀ is the (6, 6) word-by-word score table,
and the scale is √d_k.`,
  },
  async run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const c = transformerForward(s.params, s.src, s.tgtIn);
    const head = c.encoder.attn.heads[0];
    const p = s.params.encoder.selfAttn;
    const rows = s.srcTokens;
    printMatrix(ctx, 'W_q (head 1)', p.Wq[0], { cols: dims(4, 'q') });
    printMatrix(ctx, 'W_k (head 1)', p.Wk[0], { cols: dims(4, 'k') });
    printMatrix(ctx, 'W_v (head 1)', p.Wv[0], { cols: dims(4, 'v') });
    printMatrix(ctx, 'Q = X·W_q', head.Q, { rows, cols: dims(4, 'q') });
    printMatrix(ctx, 'K = X·W_k', head.K, { rows, cols: dims(4, 'k') });
    printMatrix(ctx, 'V = X·W_v', head.V, { rows, cols: dims(4, 'v') });
    printMatrix(ctx, 'S = Q·Kᵀ / √d_k', head.S, { rows, cols: rows });
    printMatrix(ctx, 'A = softmax(S) (rows sum to 1)', head.A, { rows, cols: rows });
    printMatrix(ctx, 'H = A·V', head.H, { rows, cols: dims(4, 'h') });
    ctx.record('attention.scale', Math.sqrt(s.config.dK));

    const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 480 });
    attentionMap(ax, head.A, rows, rows, 'Encoder self-attention, head 1 (untrained)');
    await ctx.figure('encoder_attention_head1', fig);
  },
};

export const multiHeadStep: Step = {
  id: '1-60',
  title: {
    zh: '多头注意力：拼接各头，再乘 W_o',
    en: 'Multi-head attention: concatenate the heads, then W_o',
  },
  text: {
    zh: `一个头只能学一种"看"的方式。多头就是用几组独立的 W_q、W_k、W_v 同时做几次注意力（这里 2 个头，各 d_k = 4），
把各头的输出按列拼起来得到 (6, 8)，再乘一个 (8, 6) 的 W_o，回到 d_model = 6 的宽度，以便和输入相加。`,
    en: `One head learns one way of looking. Multi-head attention runs several with independent W_q, W_k, W_v (here 2
heads, d_k = 4 each), concatenates their outputs column-wise into (6, 8), and multiplies by an (8, 6) W_o to
get back to d_model = 6, so the result can be added to the input.`,
  },
  async run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const c = transformerForward(s.params, s.src, s.tgtIn);
    const { heads, concat } = c.encoder.attn;
    const rows = s.srcTokens;
    printMatrix(ctx, 'A (head 2)', heads[1].A, { rows, cols: rows });
    printMatrix(ctx, 'H (head 2)', heads[1].H, { rows, cols: dims(4, 'h') });
    printMatrix(ctx, 'concat(H1, H2)', concat, { rows, cols: dims(8, 'c') });
    printMatrix(ctx, 'W_o', s.params.encoder.selfAttn.Wo, { rows: dims(8, 'c'), cols: dims(6) });
    printMatrix(ctx, 'MultiHead(X) = concat · W_o', c.encoder.attnOut, { rows, cols: dims(6) });

    const { fig, axes } = plot.subplots(1, heads.length, { width: 500 * heads.length, height: 460 });
    heads.forEach((h, i) =>
      attentionMap(axes[0][i], h.A, rows, rows, `Encoder self-attention, head ${i + 1}`),
    );
    await ctx.figure('encoder_attention_heads', fig);
  },
};
