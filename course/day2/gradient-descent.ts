/**
 * Day 2, lesson 1-7 (fixed): real gradient descent on the mean squared error, over the slope AND
 * the intercept, with the gradient written by hand.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f, num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { linePoints, scatterPoints } from './data.js';
import { leastSquares } from './least-squares.js';

/** L(m, b) = mean((m·x + b − y)²) and its gradient, forward and backward side by side. */
export function mseAndGrad(
  m: number,
  b: number,
  x: nd.NDArray,
  y: nd.NDArray,
): { loss: number; dm: number; db: number } {
  // forward
  const pred = x.mul(m).add(b); // (N,)  ŷ = m·x + b
  const err = pred.sub(y); // (N,)       e = ŷ − y
  const loss = num(nd.square(err).mean()); //  L = mean(e²)
  // backward
  const dpred = err.mul(2 / x.size); // (N,)  ∂L/∂ŷ = 2e / N
  const dm = num(dpred.mul(x).sum()); //       ∂L/∂m = Σ ∂L/∂ŷ · x
  const db = num(dpred.sum()); //              ∂L/∂b = Σ ∂L/∂ŷ · 1
  return { loss, dm, db };
}

export interface DescentResult {
  m: number;
  b: number;
  losses: number[];
  path: [number, number][];
}

/** Plain gradient descent from (m0, b0). */
export function gradientDescent(
  x: nd.NDArray,
  y: nd.NDArray,
  steps: number,
  lr = 0.1,
  m0 = 1,
  b0 = 4,
): DescentResult {
  let m = m0;
  let b = b0;
  const losses: number[] = [];
  const path: [number, number][] = [[m, b]];
  for (let i = 0; i < steps; i++) {
    const g = mseAndGrad(m, b, x, y);
    losses.push(g.loss);
    m -= lr * g.dm;
    b -= lr * g.db;
    path.push([m, b]);
  }
  return { m, b, losses, path };
}

export const gradientDescentStep: Step = {
  id: '1-7',
  title: {
    zh: '真正的梯度下降：同时学习斜率和截距',
    en: 'Real gradient descent: learn the slope and the intercept',
  },
  text: {
    zh: `损失取均方误差 L(m, b) = mean((mx + b − y)²)。链式法则给出 ∂L/∂m = mean(2(ŷ − y)·x)，∂L/∂b = mean(2(ŷ − y))。
每一步沿负梯度走一小步：m ← m − lr·∂L/∂m，b ← b − lr·∂L/∂b（lr = 0.1，从同一条起始直线 y = x + 4 出发，400 步）。
步长与误差大小成正比，误差越小走得越慢，所以它会**收敛**——停在最小二乘解 (3.0457, 3.9569) 上，
而上一步的符号更新只会一直抖动。这就是第 4–7 天所有训练的核心。`,
    en: `Take the mean squared error L(m, b) = mean((mx + b − y)²). The chain rule gives ∂L/∂m = mean(2(ŷ − y)·x)
and ∂L/∂b = mean(2(ŷ − y)). Each step moves a little against the gradient: m ← m − lr·∂L/∂m,
b ← b − lr·∂L/∂b (lr = 0.1, from the same start line y = x + 4, 400 steps). The step shrinks with the error,
so the method **converges** — onto the least-squares line (3.0457, 3.9569) — where the sign-only update
keeps jittering. This loop is the heart of every training run on days 4–7.`,
  },
  async run(ctx: LessonContext) {
    const { x, y } = linePoints(ctx.config.seed);
    const steps = 400;
    const res = gradientDescent(x, y, steps, 0.1);
    for (const i of [0, 10, 50, 100, 200, 300, steps]) {
      const [m, b] = res.path[i];
      const loss = i < steps ? res.losses[i] : mseAndGrad(m, b, x, y).loss;
      ctx.print(`step ${String(i).padStart(3)}: m = ${f(m, 4)}  b = ${f(b, 4)}  mse = ${f(loss, 6)}`);
    }
    const ls = leastSquares(x, y);
    const gap = Math.max(Math.abs(res.m - ls.m), Math.abs(res.b - ls.b));
    ctx.print(
      `gradient descent: (${f(res.m, 4)}, ${f(res.b, 4)})   least squares: (${f(ls.m, 4)}, ${f(ls.b, 4)})   gap ${gap.toExponential(1)}`,
    );
    ctx.record('gd.m', res.m);
    ctx.record('gd.b', res.b);
    ctx.record('gd.gap', gap);

    const { fig, axes } = plot.subplots(1, 2, { width: 1000, height: 420 });
    const a = axes[0]![0]!;
    const lsMse = mseAndGrad(ls.m, ls.b, x, y).loss;
    a.plot(
      res.losses.map((_, i) => i),
      res.losses.map((l) => Math.max(l - lsMse, 1e-16)),
      'C1',
    );
    a.yscale('log').title('MSE − least-squares MSE (lr 0.1)').xlabel('step').ylabel('excess MSE').grid();
    const b = axes[0]![1]!;
    scatterPoints(b, x, y);
    b.plot([0, 4], [4, 8], 'k--', { lineWidth: 1, label: 'start: y = x + 4' });
    for (const i of [5, 20, 60]) {
      const [m, c] = res.path[i];
      b.plot([0, 4], [c, c + 4 * m], 'C2', {
        alpha: 0.5,
        lineWidth: 1,
        label: i === 5 ? 'steps 5, 20, 60' : undefined,
      });
    }
    b.plot([0, 4], [res.b, res.b + 4 * res.m], 'r', {
      lineWidth: 2,
      label: `GD: y = ${f(res.m, 3)}x + ${f(res.b, 3)}`,
    });
    b.title('Gradient descent on slope and intercept').legend({ loc: 'upper left' });
    await ctx.figure('gradient_descent', fig);
  },
};
