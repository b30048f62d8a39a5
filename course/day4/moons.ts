/**
 * Day 4, lesson 1-12: the moons data and a straight-line baseline — logistic regression, its
 * gradient written by hand.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f, num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { drawDecision } from './boundary.js';
import { makeMoons } from '../../src/data/generated.js';

/** The original's data seed: `np.random.seed(3); X, y = sklearn.datasets.make_moons(200, noise=0.20)`. */
export const MOONS_SEED = 3;

/** The lesson's 200 moons points: X (200, 2) float64, y (200,) int64. */
export function moonsData(): { X: nd.NDArray; y: nd.NDArray } {
  return makeMoons(200, { noise: 0.2, rng: new nd.random.RandomState(MOONS_SEED) });
}

export interface Logistic {
  w: nd.NDArray; // (2,)
  b: number;
}

/** p = σ(X·w + b), the probability of class 1 for every row. */
export function logisticForward(m: Logistic, X: nd.NDArray): { z: nd.NDArray; p: nd.NDArray } {
  const z = nd.matmul(X, m.w).add(m.b); // (N,)  z = X·w + b
  const p = nd.divide(1, nd.exp(z.neg()).add(1)); // (N,)  p = σ(z)
  return { z, p };
}

/** Mean binary cross-entropy of the probabilities `p` against labels `y`. */
export function bceLoss(p: nd.NDArray, y: nd.NDArray): number {
  const yf = y.astype('float64');
  return -num(
    yf
      .mul(nd.log(p))
      .add(nd.subtract(1, yf).mul(nd.log(nd.subtract(1, p))))
      .mean(),
  );
}

/** ∂L/∂w, ∂L/∂b of the mean BCE. */
export function logisticBackward(
  X: nd.NDArray,
  y: nd.NDArray,
  p: nd.NDArray,
): { dw: nd.NDArray; db: number } {
  const dz = p.sub(y).div(y.size); // (N,)  ∂L/∂z = (p − y)/N  (∂L/∂p · σ'(z); NOT ∂L/∂p, see bug #3)
  const dw = nd.matmul(X.T, dz); // (2,)    ∂L/∂w = Xᵀ·∂L/∂z
  const db = num(dz.sum()); //              ∂L/∂b = Σ ∂L/∂z
  return { dw, db };
}

/** Full-batch gradient descent from zero weights. */
export function trainLogistic(
  X: nd.NDArray,
  y: nd.NDArray,
  steps: number,
  lr = 1,
): Logistic & { loss: number } {
  const m: Logistic = { w: nd.zeros(2), b: 0 };
  for (let i = 0; i < steps; i++) {
    const { p } = logisticForward(m, X);
    const g = logisticBackward(X, y, p);
    m.w = m.w.sub(g.dw.mul(lr));
    m.b -= lr * g.db;
  }
  return { ...m, loss: bceLoss(logisticForward(m, X).p, y) };
}

export function accuracy(pred: nd.NDArray, y: nd.NDArray): number {
  return num(pred.eq(y).astype('float64').mean());
}

export const moonsStep: Step = {
  id: '1-12',
  title: { zh: '月牙数据与逻辑回归基线', en: 'The moons, and a logistic-regression baseline' },
  text: {
    zh: `两个交错的半月形，共 200 个点，噪声 0.2——和原课程一样由 \`np.random.seed(3)\` 后的
\`sklearn.datasets.make_moons(200, noise=0.20)\` 生成（我们实现了同一个旧版 MT19937 生成器，点是逐位相同的）。
先试一条直线能分得多好：逻辑回归 p = σ(w·x + b)，损失为二元交叉熵，全批量梯度下降（学习率 1，从零开始）。
它的反向传播只有一行：∂L/∂z = p − y（除以 N）——正如上一步所说，这是对 z 的导数，不是对 p 的。
直线边界的准确率约 0.885：月牙弯曲的部分怎么也分不开。（原课程用 scikit-learn 的 LogisticRegressionCV；这里手写。）`,
    en: `Two interleaving half moons, 200 points, noise 0.2 — generated as the original did, by
\`sklearn.datasets.make_moons(200, noise=0.20)\` after \`np.random.seed(3)\` (we implement the same legacy
MT19937 generator, so the points are the original's bit for bit). First, how well does a straight line do?
Logistic regression p = σ(w·x + b), binary cross-entropy, full-batch gradient descent (learning rate 1, from
zero). Its backward pass is one line: ∂L/∂z = p − y (over N) — the derivative with respect to z, not p, as the
previous step showed. The straight boundary scores about 0.885: the curved tips of the moons stay on the wrong
side. (The original calls scikit-learn's LogisticRegressionCV; here it is written by hand.)`,
  },
  async run(ctx: LessonContext) {
    const { X, y } = moonsData();
    ctx.print('X[:3] =', X.get(':3'));
    ctx.print('y[:10] =', y.get(':10'));
    ctx.print(`points: ${X.shape[0]}, class 1: ${num(y.sum())}`);
    const steps = ctx.config.fast ? 500 : 2000;
    const m = trainLogistic(X, y, steps, 1);
    const acc = accuracy(logisticForward(m, X).p.gt(0.5).astype('int64'), y);
    ctx.print(`logistic regression (${steps} steps): w = ${m.w}, b = ${f(m.b, 4)}, loss = ${f(m.loss, 4)}`);
    ctx.print(`accuracy: ${f(acc, 3)}`);
    ctx.record('moons.n', X.shape[0]);
    ctx.record('moons.logistic.acc', acc);
    ctx.record('moons.logistic.loss', m.loss);

    const { fig, axes } = plot.subplots(1, 2, { width: 1040, height: 420 });
    const a = axes[0]![0]!;
    const labels = y.toArray() as number[];
    a.scatter(X.get(':, 0'), X.get(':, 1'), { c: labels.map((k) => (k ? '#1f4fd1' : '#d1342f')), s: 16 });
    a.title('make_moons(200, noise=0.20)').xlabel('x₁').ylabel('x₂').grid();
    drawDecision(axes[0]![1]!, (G) => logisticForward(m, G).p, X, y, {
      title: `Logistic regression: accuracy ${f(acc, 3)}`,
    });
    await ctx.figure('moons_logistic', fig);
  },
};
