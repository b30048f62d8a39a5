/**
 * Day 7, lesson 1-61: add & norm, the feed-forward network, add & norm — the encoder's output.
 */
import type { LessonContext, Step } from '../lesson.js';
import { dims, printMatrix, setup } from './setup.js';
import { transformerForward } from './transformer.js';

export const encoderStep: Step = {
  id: '1-61',
  title: {
    zh: '残差与层归一化、前馈网络：编码器的输出',
    en: "Add & norm, the feed-forward network: the encoder's output",
  },
  text: {
    zh: `**残差连接与层归一化（Add & Norm）**：把注意力的输出加回输入（X + MultiHead(X)），再对每一行（一个词的 6 个数）
做归一化：减去均值、除以标准差（分母里加 ε = 1e-5），然后乘 γ、加 β（两个可学习的 6 维向量，初始 γ = 1、β = 0）。
残差让梯度可以直接流回前面的层，归一化让每层的输入保持在差不多的尺度上。

**前馈网络**：对每个位置单独做 Linear(6→12) – ReLU – Linear(12→6)，位置之间不交流（交流是注意力的事）。
之后再做一次 Add & Norm，得到编码器的输出 Z (6, 6)：解码器的交叉注意力会从这里取键和值。`,
    en: `**Add & norm**: add the attention output back to its input (X + MultiHead(X)), then normalise each row (the 6
numbers of one word): subtract the mean, divide by the standard deviation (ε = 1e-5 under the root), multiply by
γ and add β (two learnable 6-vectors, starting at γ = 1, β = 0). The residual lets gradients flow straight back
to earlier layers; the normalisation keeps every layer's input at about the same scale.

**Feed-forward network**: at each position on its own, Linear(6→12) – ReLU – Linear(12→6); positions do not
talk here (that is attention's job). Another add & norm gives the encoder's output Z (6, 6): the decoder's
cross-attention takes its keys and values from it.`,
  },
  run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const e = transformerForward(s.params, s.src, s.tgtIn).encoder;
    const rows = s.srcTokens;
    printMatrix(ctx, 'X + MultiHead(X)', e.x.add(e.attnOut), { rows, cols: dims(6) });
    printMatrix(ctx, 'Z1 = LayerNorm(X + MultiHead(X))   (γ = 1, β = 0)', e.z1, { rows, cols: dims(6) });
    const mean = e.z1.mean({ axis: -1 });
    const std = e.z1.std({ axis: -1 });
    ctx.print(`row means of Z1: [${(mean.toArray() as number[]).map((v) => v.toFixed(4)).join(', ')}]`);
    ctx.print(`row stds of Z1:  [${(std.toArray() as number[]).map((v) => v.toFixed(4)).join(', ')}]`);
    printMatrix(ctx, 'ReLU(Z1·W1 + b1)', e.ffn.hidden, { rows, cols: dims(12, 'f') });
    printMatrix(ctx, 'FFN(Z1) = ReLU(Z1·W1 + b1)·W2 + b2', e.ffnOut, { rows, cols: dims(6) });
    printMatrix(ctx, 'Z = LayerNorm(Z1 + FFN(Z1))   (encoder output)', e.out, { rows, cols: dims(6) });
    ctx.record('encoder.rowMeanMax', Math.max(...(mean.toArray() as number[]).map(Math.abs)));
  },
};
