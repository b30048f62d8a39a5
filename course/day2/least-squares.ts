/**
 * Day 2, lesson 1-6: the closed-form least-squares line (slope and intercept both free).
 */
import * as nd from '../../src/nd/index.js';
import { f, num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { linePoints } from './data.js';

/**
 * Ordinary least squares for y ≈ m·x + b: m = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², b = ȳ − m·x̄
 * (setting both partial derivatives of Σ(m·x + b − y)² to zero).
 */
export function leastSquares(x: nd.NDArray, y: nd.NDArray): { m: number; b: number } {
  const dx = x.sub(x.mean()); // (N,)  x − x̄
  const dy = y.sub(y.mean()); // (N,)  y − ȳ
  const m = num(dx.mul(dy).sum()) / num(nd.square(dx).sum());
  const b = num(y.mean()) - m * num(x.mean());
  return { m, b };
}

export const leastSquaresStep: Step = {
  id: '1-6',
  title: { zh: '最小二乘：一步算出的答案', en: 'Least squares: the answer in one formula' },
  text: {
    zh: `如果让斜率和截距都自由变化，并且改用**竖直方向**的误差 Σ(mx + b − y)²，这个问题有解析解：
对 m 和 b 求偏导、令其为零，得到 m = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²，b = ȳ − m·x̄。
结果是 (m, b) ≈ (3.0457, 3.9569)，和 \`nd.linalg.lstsq\` 的结果一致。后面的梯度下降应当收敛到这里。`,
    en: `Let the slope and the intercept both vary and measure the error **vertically**, Σ(mx + b − y)²: then
there is a closed form. Setting both partial derivatives to zero gives m = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² and
b = ȳ − m·x̄. The result, (m, b) ≈ (3.0457, 3.9569), agrees with \`nd.linalg.lstsq\`. Gradient descent, later
today, must converge to this line.`,
  },
  run(ctx: LessonContext) {
    const { x, y } = linePoints(ctx.config.seed);
    const { m, b } = leastSquares(x, y);
    ctx.print(`closed form:     m = ${f(m, 4)}, b = ${f(b, 4)}`);
    const A = nd.stack([x, nd.onesLike(x)], { axis: 1 }); // (100, 2)  columns [x, 1]
    const sol = nd.linalg.lstsq(A, y).x; // (2,)
    ctx.print('nd.linalg.lstsq:', sol);
    const mse = num(nd.square(x.mul(m).add(b).sub(y)).mean());
    ctx.print(`mean squared error of this line: ${f(mse, 5)}`);
    ctx.record('lstsq.m', m);
    ctx.record('lstsq.b', b);
    ctx.record('lstsq.mse', mse);
  },
};
