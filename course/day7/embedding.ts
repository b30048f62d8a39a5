/**
 * Day 7, lessons 1-56…1-58: embeddings, the sinusoidal positional encoding, X = E + PE.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { dims, printMatrix, setup } from './setup.js';
import { embed, positionalEncoding } from './transformer.js';

export const embeddingStep: Step = {
  id: '1-56',
  title: { zh: '词嵌入：每个词一个 6 维向量', en: 'Embeddings: a 6-number vector per word' },
  text: {
    zh: `编号本身没有意义（"you" 是 1、"play" 是 2 并不表示它们相近），所以每个词查一张表，得到一个
d_model = 6 维的向量。表 E 的形状是 (25, 6)，一开始是随机数（这里取 [0, 1) 上的均匀分布，来自带种子的生成器）；
训练时它和其它权重一起学习，让用法相近的词的向量也相近。一句话 6 个词就得到一个 (6, 6) 的矩阵，每行一个词。`,
    en: `An id means nothing by itself ("you" being 1 and "play" 2 does not make them close), so each word looks up a
row of a table: a vector of d_model = 6 numbers. The table E is (25, 6) and starts random (uniform on [0, 1)
here, from the seeded generator); training learns it with the other weights, so that words used alike get
similar vectors. A phrase of 6 words becomes a (6, 6) matrix, one row per word.`,
  },
  run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    ctx.print(`embedding table E: (${s.params.embedding.shape.join(', ')})`);
    printMatrix(ctx, 'E[encoder input]', embed(s.params.embedding, s.src), {
      rows: s.srcTokens,
      cols: dims(6),
    });
  },
};

export const positionStep: Step = {
  id: '1-57',
  title: { zh: '正弦位置编码', en: 'Sinusoidal positional encoding' },
  text: {
    zh: `注意力本身不看顺序：把句子里的词打乱，每个词得到的结果也只是跟着打乱。所以要把"第几个位置"加进向量里。
原论文用正弦和余弦（位置 pos 从 0 数起，i 是维度对的编号）：

    PE(pos, 2i)   = sin(pos / 10000^(2i / d_model))
    PE(pos, 2i+1) = cos(pos / 10000^(2i / d_model))

低维变化快、高维变化慢，像一组频率不同的时钟。位置 1 的编码是
[0.8415, 0.5403, 0.0464, 0.9989, 0.0022, 1.0]：sin 1、cos 1、sin(1/21.54)、cos(1/21.54)、sin(1/464.2)、cos(1/464.2)。`,
    en: `Attention by itself ignores order: shuffle the words and each word's result is merely shuffled too. So the
position goes into the vectors. The paper uses sines and cosines (pos counted from 0, i numbers the pairs of
dimensions):

    PE(pos, 2i)   = sin(pos / 10000^(2i / d_model))
    PE(pos, 2i+1) = cos(pos / 10000^(2i / d_model))

Low dimensions turn fast and high ones slowly, like clocks at different speeds. Position 1 encodes as
[0.8415, 0.5403, 0.0464, 0.9989, 0.0022, 1.0]: sin 1, cos 1, sin(1/21.54), cos(1/21.54), sin(1/464.2),
cos(1/464.2).`,
  },
  async run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const pe = positionalEncoding(s.src.length, s.config.dModel); // (6, 6)
    printMatrix(ctx, 'PE', pe, { rows: s.srcTokens.map((t, i) => `pos ${i} ${t}`), cols: dims(6) });
    const row1 = (pe.get(1).toArray() as number[]).map((v) => v.toFixed(4));
    ctx.print(`PE[pos 1] = [${row1.join(', ')}]`);
    ctx.record('pe.pos1', row1.join(', '));

    const wide = positionalEncoding(50, s.config.dModel); // (50, 6)
    const { fig, axes } = plot.subplots(1, 2, { width: 1000, height: 420 });
    const [left, right] = axes[0];
    const h = left.heatmap(pe.toArray() as number[][], {
      xLabels: dims(6),
      yLabels: s.srcTokens.map((t, i) => `${i} ${t}`),
      cmap: 'RdBu',
      vmin: -1,
      vmax: 1,
    });
    left.title('PE of the encoder input');
    fig.colorbar(h, { ax: left });
    const positions = Array.from({ length: 50 }, (_, i) => i);
    for (let j = 0; j < 6; j++) {
      right.plot(positions, wide.get(nd.slice(), j).toArray() as number[], `C${j}`, { label: `d${j}` });
    }
    right
      .title('PE over 50 positions')
      .xlabel('position')
      .ylabel('value')
      .grid()
      .legend({ loc: 'lower left' });
    await ctx.figure('positional_encoding', fig);
  },
};

export const inputStep: Step = {
  id: '1-58',
  title: { zh: '编码器的输入：X = E + PE', en: "The encoder's input: X = E + PE" },
  text: {
    zh: `词向量和位置编码逐元素相加（不是拼接：拼接会把宽度变成 12，后面所有矩阵都得跟着改）。
相加之后每一行既带着"是哪个词"，也带着"在第几个位置"。这个 (6, 6) 的 X 就是编码器的输入。`,
    en: `Word vector and position code are added element by element (not concatenated, which would make the width 12 and
change every matrix after it). Each row now carries both "which word" and "which position". This (6, 6) X is
the encoder's input.`,
  },
  run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const E = embed(s.params.embedding, s.src); // (6, 6)
    const X = E.add(positionalEncoding(s.src.length, s.config.dModel)); // (6, 6)
    printMatrix(ctx, 'X = E + PE', X, { rows: s.srcTokens, cols: dims(6) });
  },
};
