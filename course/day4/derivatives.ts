/**
 * Day 4 (guide §4.5): activations and losses, each next to its derivative (as in the TensorFlow
 * Playground's nn.ts), and every derivative checked against a central finite difference.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f, num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';

/** An element-wise activation with its derivative. */
export interface Activation {
  name: string;
  f(x: nd.NDArray): nd.NDArray;
  /** f'(x), element-wise. */
  df(x: nd.NDArray): nd.NDArray;
}

export const sigmoidAct: Activation = {
  name: 'sigmoid',
  f: (x) => nd.divide(1, nd.exp(x.neg()).add(1)), //                σ(x) = 1 / (1 + e^(−x))
  df: (x) => {
    const s = sigmoidAct.f(x);
    return s.mul(nd.subtract(1, s)); //                               σ'(x) = σ(x)(1 − σ(x))
  },
};

export const tanhAct: Activation = {
  name: 'tanh',
  f: (x) => nd.tanh(x), //                                            tanh(x)
  df: (x) => nd.subtract(1, nd.square(nd.tanh(x))), //                tanh'(x) = 1 − tanh²(x)
};

export const reluAct: Activation = {
  name: 'relu',
  f: (x) => nd.maximum(x, 0), //                                      relu(x) = max(0, x)
  df: (x) => x.gt(0).astype('float64'), //                           relu'(x) = 1 if x > 0 else 0
};

export const ACTIVATIONS: readonly Activation[] = [sigmoidAct, tanhAct, reluAct];

/** softmax(z)_i = e^(z_i − max z) / Σ_j e^(z_j − max z), along the last axis. */
export function softmax(z: nd.NDArray): nd.NDArray {
  const e = nd.exp(z.sub(z.max({ axis: -1, keepdims: true }))); // (…, K) shifted for stability
  return e.div(e.sum({ axis: -1, keepdims: true }));
}

/** The Jacobian of softmax at z (K,): J_ij = ∂s_i/∂z_j = s_i(δ_ij − s_j) = diag(s) − s sᵀ. */
export function softmaxJacobian(z: nd.NDArray): nd.NDArray {
  const s = softmax(z); // (K,)
  return nd.diag(s).sub(nd.outer(s, s)); // (K, K)
}

/** A loss L(ŷ, y) (mean over the elements) with its gradient ∂L/∂ŷ. */
export interface Loss {
  name: string;
  f(yPred: nd.NDArray, yTrue: nd.NDArray): number;
  df(yPred: nd.NDArray, yTrue: nd.NDArray): nd.NDArray;
}

export const mse: Loss = {
  name: 'MSE',
  f: (p, y) => num(nd.square(p.sub(y)).mean()), //                   L = mean((ŷ − y)²)
  df: (p, y) => p.sub(y).mul(2 / p.size), //                          ∂L/∂ŷ = 2(ŷ − y)/n
};

export const bce: Loss = {
  name: 'BCE',
  // L = −mean(y·log p + (1 − y)·log(1 − p))
  f: (p, y) =>
    -num(
      y
        .mul(nd.log(p))
        .add(nd.subtract(1, y).mul(nd.log(nd.subtract(1, p))))
        .mean(),
    ),
  // ∂L/∂p = (−y/p + (1 − y)/(1 − p)) / n = (p − y) / (p(1 − p)) / n
  df: (p, y) =>
    p
      .sub(y)
      .div(p.mul(nd.subtract(1, p)))
      .div(p.size),
};

/** BCE through a sigmoid output, with respect to the logit z: ∂L/∂z = (σ(z) − y)/n. */
export function bceWithLogitsGrad(z: nd.NDArray, y: nd.NDArray): nd.NDArray {
  return sigmoidAct.f(z).sub(y).div(z.size); // ∂L/∂z = ∂L/∂p · ∂p/∂z = (p − y)/(p(1 − p)) · p(1 − p) = p − y
}

/** Central differences of an element-wise function: (f(x + ε) − f(x − ε)) / 2ε. */
export function numericElementwise(fn: (x: nd.NDArray) => nd.NDArray, x: nd.NDArray, eps = 1e-6): nd.NDArray {
  return fn(x.add(eps))
    .sub(fn(x.sub(eps)))
    .div(2 * eps);
}

/** Central differences of a scalar function of an array, one element at a time. */
export function numericGradient(fn: (x: nd.NDArray) => number, x: nd.NDArray, eps = 1e-6): nd.NDArray {
  const g = new Float64Array(x.size);
  const flat = x.astype('float64').toTypedArray() as Float64Array;
  for (let i = 0; i < flat.length; i++) {
    const up = Float64Array.from(flat);
    const down = Float64Array.from(flat);
    up[i] += eps;
    down[i] -= eps;
    g[i] =
      (fn(nd.NDArray.fromData(up, [...x.shape], 'float64')) -
        fn(nd.NDArray.fromData(down, [...x.shape], 'float64'))) /
      (2 * eps);
  }
  return nd.NDArray.fromData(g, [...x.shape], 'float64');
}

const maxAbs = (a: nd.NDArray, b: nd.NDArray) => num(nd.abs(a.sub(b)).max());

export const derivativesStep: Step = {
  id: '1-11',
  title: { zh: '激活函数与损失函数，以及它们的导数', en: 'Activations and losses, beside their derivatives' },
  text: {
    zh: `反向传播只需要每个部件"自己的"导数。每个函数都和它的导数写在一起，并用中心差分 (f(x+ε) − f(x−ε))/2ε 检验：
- sigmoid：σ' = σ(1 − σ)；tanh：tanh' = 1 − tanh²；relu：x > 0 时为 1，否则为 0（0 点处取 0）。
- softmax：雅可比矩阵 J = diag(s) − s·sᵀ。
- MSE：∂L/∂ŷ = 2(ŷ − y)/n。
- 二元交叉熵 BCE = −[y·log p + (1 − y)·log(1 − p)]：BCE(0.9, 1) = 0.10536，BCE(0.1, 1) = 2.30259——
  越"自信地错"，惩罚越重。∂BCE/∂p = (p − y) / (p(1 − p))。

**原课程的错误 #3：** 原文把 p − y 标成 ∂BCE/∂p。其实 p − y 是 sigmoid 输出时对**logit z** 的导数
∂BCE/∂z = ∂BCE/∂p · σ'(z) = (p − y)/(p(1 − p)) · p(1 − p) = p − y。在 p = 0.9、y = 1 处：∂BCE/∂p = −1.1111，而 p − y = −0.1。`,
    en: `Backpropagation needs only each piece's own derivative. Every function sits next to its derivative and
both are checked with central differences (f(x+ε) − f(x−ε))/2ε:
- sigmoid: σ' = σ(1 − σ); tanh: tanh' = 1 − tanh²; relu: 1 where x > 0, else 0 (0 at 0).
- softmax: the Jacobian J = diag(s) − s·sᵀ.
- MSE: ∂L/∂ŷ = 2(ŷ − y)/n.
- binary cross-entropy BCE = −[y·log p + (1 − y)·log(1 − p)]: BCE(0.9, 1) = 0.10536, BCE(0.1, 1) = 2.30259 —
  the more confidently wrong, the heavier the penalty. ∂BCE/∂p = (p − y) / (p(1 − p)).

**The original's bug #3:** it labels p − y as ∂BCE/∂p. In fact p − y is the derivative with respect to the
**logit z** of a sigmoid output: ∂BCE/∂z = ∂BCE/∂p · σ'(z) = (p − y)/(p(1 − p)) · p(1 − p) = p − y. At p = 0.9,
y = 1: ∂BCE/∂p = −1.1111, while p − y = −0.1.`,
  },
  async run(ctx: LessonContext) {
    // points away from relu's kink at 0
    const x = nd.linspace(-4, 4, 41).add(0.013); // (41,)
    for (const act of ACTIVATIONS) {
      const err = maxAbs(act.df(x), numericElementwise(act.f, x));
      const at0 = act.df(nd.array([0]));
      ctx.print(
        `${act.name.padEnd(8)} f(0) = ${f(num(act.f(nd.array([0])).get(0)), 4)}   f'(0) = ${f(num(at0.get(0)), 4)}   max |f' − numeric| = ${err.toExponential(1)}`,
      );
      ctx.record(`deriv.${act.name}.err`, err);
    }
    const z = nd.array([1.0, 2.0, 0.5]);
    ctx.print('softmax([1, 2, 0.5]) =', softmax(z));
    const J = softmaxJacobian(z);
    const Jnum = nd.stack(
      [0, 1, 2].map((j) => numericGradient((zz) => num(softmax(zz).get(j)), z)),
      { axis: 0 },
    );
    const jerr = maxAbs(J, Jnum);
    ctx.print('softmax Jacobian diag(s) − s sᵀ =\n' + J.toString());
    ctx.print(`softmax  max |J − numeric| = ${jerr.toExponential(1)}`);
    ctx.record('deriv.softmax.err', jerr);

    const yT = nd.array([1, 0, 0, 1]);
    const yP = nd.array([0.8, 0.3, 0.1, 0.6]);
    for (const loss of [mse, bce]) {
      const err = maxAbs(
        loss.df(yP, yT),
        numericGradient((p) => loss.f(p, yT), yP),
      );
      ctx.print(
        `${loss.name.padEnd(8)} L = ${f(loss.f(yP, yT), 5)}   max |∂L/∂ŷ − numeric| = ${err.toExponential(1)}`,
      );
      ctx.record(`deriv.${loss.name.toLowerCase()}.err`, err);
    }
    const one = nd.array([1]);
    const b09 = bce.f(nd.array([0.9]), one);
    const b01 = bce.f(nd.array([0.1]), one);
    ctx.print(`BCE(0.9, 1) = ${f(b09, 5)}   BCE(0.1, 1) = ${f(b01, 5)}`);
    ctx.record('bce.0.9', b09);
    ctx.record('bce.0.1', b01);

    // bug #3: p − y is ∂BCE/∂z, not ∂BCE/∂p
    const p = 0.9;
    const zLogit = Math.log(p / (1 - p));
    const dp = num(bce.df(nd.array([p]), one).get(0));
    const dz = num(bceWithLogitsGrad(nd.array([zLogit]), one).get(0));
    const dzNum = num(numericGradient((zz) => bce.f(sigmoidAct.f(zz), one), nd.array([zLogit])).get(0));
    ctx.print(
      `at p = 0.9, y = 1:  ∂BCE/∂p = ${f(dp, 4)}   ∂BCE/∂z = ${f(dz, 4)} (numeric ${f(dzNum, 4)})   p − y = ${f(p - 1, 4)}`,
    );
    ctx.record('bce.dp', dp);
    ctx.record('bce.dz', dz);

    // the figure: each activation with its derivative, and BCE with its derivative
    const xs = nd.linspace(-5, 5, 401);
    const { fig, axes } = plot.subplots(1, 4, { width: 1280, height: 320 });
    ACTIVATIONS.forEach((act, i) => {
      const ax = axes[0]![i]!;
      ax.plot(xs, act.f(xs), 'C0', { label: act.name });
      ax.plot(xs, act.df(xs), 'C1--', { label: 'derivative' });
      ax.title(act.name).grid().legend({ loc: 'upper left' });
    });
    const ps = nd.linspace(0.02, 0.98, 97);
    const ax = axes[0]![3]!;
    const ones = nd.onesLike(ps);
    const bcePerPoint = nd.log(ps).neg(); // y = 1: −log p
    ax.plot(ps, bcePerPoint, 'C0', { label: 'BCE(p, 1)' });
    ax.plot(ps, bce.df(ps, ones).mul(ps.size), 'C1--', { label: '∂BCE/∂p' });
    ax.plot(ps, ps.sub(1), 'C2:', { label: 'p − y = ∂BCE/∂z' });
    ax.title('binary cross-entropy, y = 1').ylim(-6, 4).grid().legend({ loc: 'lower right' });
    await ctx.figure('activations', fig);
  },
};
