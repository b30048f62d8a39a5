/**
 * Day 4, lesson 1-11: the loss (MSE) and one derivative worked out by the chain rule.
 */
import * as nd from '../../src/nd/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { backward, forward, mseLoss, type Params } from './network.js';

export const mseStep: Step = {
  id: '1-11',
  title: { zh: '损失：均方误差', en: 'The loss: mean squared error' },
  text: {
    zh: `训练之前要先有"好坏"的标准。对 n 个样本，均方误差 MSE = (1/n)·Σ(y_true − y_pred)²：预测越准，损失越小。
例子：真实值 [1, 0, 0, 1]，一个永远输出 0 的预测器，MSE = (1 + 0 + 0 + 1)/4 = 0.5。
训练 = 调整权重和偏置，让损失变小。`,
    en: `Before training we need a measure of how wrong we are. Over n samples the mean squared error is
MSE = (1/n)·Σ(y_true − y_pred)²: the better the predictions, the lower the loss. Example: true values
[1, 0, 0, 1] and a predictor that always says 0 give MSE = (1 + 0 + 0 + 1)/4 = 0.5. Training means changing
the weights and biases to make the loss smaller.`,
  },
  run(ctx: LessonContext) {
    const yTrue = nd.array([1, 0, 0, 1]);
    const yPred = nd.array([0, 0, 0, 0]);
    const loss = mseLoss(yTrue, yPred);
    ctx.print('mse_loss([1, 0, 0, 1], [0, 0, 0, 0]) =', loss);
    ctx.record('mse', loss);
  },
};

/** All weights 1, all biases 0: the lesson's starting point for the worked example. */
export const ONES: Params = { w1: 1, w2: 1, w3: 1, w4: 1, w5: 1, w6: 1, b1: 0, b2: 0, b3: 0 };

export const chainRuleStep: Step = {
  id: '1-11',
  title: { zh: '链式法则：算出 ∂L/∂w1', en: 'The chain rule: working out ∂L/∂w1' },
  text: {
    zh: `只看一个样本 Alice：x = (−2, −1)，y = 1，所有权重为 1、偏置为 0，损失 L = (1 − y_pred)²。
w1 只通过 h1 影响输出，所以 ∂L/∂w1 = ∂L/∂y_pred · ∂y_pred/∂h1 · ∂h1/∂w1：
- ∂L/∂y_pred = −2(1 − y_pred) ≈ −0.952（y_pred = σ(h1 + h2) ≈ 0.524）
- ∂y_pred/∂h1 = w5·σ'(w5·h1 + w6·h2 + b3) ≈ 0.249
- ∂h1/∂w1 = x1·σ'(w1·x1 + w2·x2 + b1) ≈ −0.0904，其中 σ'(x) = σ(x)(1 − σ(x))

相乘得 ∂L/∂w1 ≈ 0.0214（原文先把 y_pred 取成 0.524 再手算；不取整的精确值是 0.02147）：w1 增大一点，损失会增大约 0.0214 倍——所以训练要把 w1 稍微减小。
这种从输出往输入方向逐层求导的过程就是**反向传播**。`,
    en: `Take one sample, Alice: x = (−2, −1), y = 1, every weight 1 and every bias 0, loss L = (1 − y_pred)².
w1 reaches the output only through h1, so ∂L/∂w1 = ∂L/∂y_pred · ∂y_pred/∂h1 · ∂h1/∂w1:
- ∂L/∂y_pred = −2(1 − y_pred) ≈ −0.952 (y_pred = σ(h1 + h2) ≈ 0.524)
- ∂y_pred/∂h1 = w5·σ'(w5·h1 + w6·h2 + b3) ≈ 0.249
- ∂h1/∂w1 = x1·σ'(w1·x1 + w2·x2 + b1) ≈ −0.0904, with σ'(x) = σ(x)(1 − σ(x))

The product is ∂L/∂w1 ≈ 0.0214 (the article rounds y_pred to 0.524 before multiplying; unrounded it is
0.02147): nudging w1 up raises the loss by about 0.0214 per unit — so training will
lower w1 a little. Differentiating from the output back towards the inputs like this is **backpropagation**.`,
  },
  run(ctx: LessonContext) {
    const x = [-2, -1] as const;
    const y = 1;
    const c = forward(ONES, x);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const dsig = (v: number) => sig(v) * (1 - sig(v));
    const dL_dypred = -2 * (y - c.o1);
    const dypred_dh1 = ONES.w5 * dsig(c.sumO1);
    const dh1_dw1 = x[0] * dsig(c.sumH1);
    const dL_dw1 = dL_dypred * dypred_dh1 * dh1_dw1;
    ctx.print(`h1 = h2 = σ(−3) = ${f(c.h1, 4)}, y_pred = σ(${f(c.sumO1, 4)}) = ${f(c.o1, 4)}`);
    // By hand, as the article: y_pred rounded to 0.524 first, the parts rounded, then multiplied.
    const byHand = {
      dL_dypred: -2 * (1 - Number(c.o1.toFixed(3))),
      dypred_dh1: Number(dypred_dh1.toFixed(3)),
      dh1_dw1: Number(dh1_dw1.toFixed(4)),
    };
    const byHandW1 = byHand.dL_dypred * byHand.dypred_dh1 * byHand.dh1_dw1;
    ctx.print(
      `∂L/∂y_pred  = −2(1 − ${f(c.o1, 3)}) = ${f(byHand.dL_dypred, 3)}   (unrounded ${f(dL_dypred, 4)})`,
    );
    ctx.print(`∂y_pred/∂h1 = w5·σ'(${f(c.sumO1, 4)}) = ${f(dypred_dh1, 3)}`);
    ctx.print(`∂h1/∂w1     = x1·σ'(−3) = ${f(dh1_dw1, 4)}`);
    ctx.print(
      `∂L/∂w1 = ${f(byHand.dL_dypred, 3)} × ${f(byHand.dypred_dh1, 3)} × ${f(byHand.dh1_dw1, 4)} = ${f(byHandW1, 4)}`,
    );
    ctx.print(`unrounded: ∂L/∂w1 = ${f(dL_dw1, 5)}`);
    // The same number from the network's full backward pass, and from a finite difference.
    const g = backward(ONES, c, y);
    const eps = 1e-6;
    const loss = (w1: number) => (y - forward({ ...ONES, w1 }, x).o1) ** 2;
    const numeric = (loss(1 + eps) - loss(1 - eps)) / (2 * eps);
    ctx.print(`backward(): ${f(g.w1, 6)}   finite difference: ${f(numeric, 6)}`);
    ctx.record('chain.byHand.dL_dypred', byHand.dL_dypred);
    ctx.record('chain.byHand.dL_dw1', byHandW1);
    ctx.record('chain.dL_dypred', dL_dypred);
    ctx.record('chain.dypred_dh1', dypred_dh1);
    ctx.record('chain.dh1_dw1', dh1_dw1);
    ctx.record('chain.dL_dw1', dL_dw1);
    ctx.record('chain.numeric', numeric);
  },
};
