/**
 * Day 4 (guide §4.5): gradient descent on f(x, y) = (x + y)² — with the right gradient, and with
 * the one the original demo used (that of x² + y²).
 */
import * as plot from '../../src/plot/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';

export type Grad2 = (x: number, y: number) => [number, number];

/** f(x, y) = (x + y)² */
export const bowl = (x: number, y: number) => (x + y) ** 2;
/** ∇f = (2(x + y), 2(x + y)): both partials are the same, ∂f/∂x = ∂f/∂y = 2(x + y). */
export const gradBowl: Grad2 = (x, y) => [2 * (x + y), 2 * (x + y)];
/** What the original demo used: the gradient of x² + y², a different function. */
export const gradOriginal: Grad2 = (x, y) => [2 * x, 2 * y];

export function descend(grad: Grad2, start: [number, number], lr: number, steps: number): [number, number][] {
  const path: [number, number][] = [start];
  let [x, y] = start;
  for (let i = 0; i < steps; i++) {
    const [gx, gy] = grad(x, y);
    x -= lr * gx;
    y -= lr * gy;
    path.push([x, y]);
  }
  return path;
}

export const descentStep: Step = {
  id: '1-11',
  title: { zh: '梯度下降演示：f(x, y) = (x + y)²', en: 'A gradient descent demo: f(x, y) = (x + y)²' },
  text: {
    zh: `梯度指向函数增长最快的方向，沿它的反方向走就能下降。对 f(x, y) = (x + y)²，两个偏导相同：
∂f/∂x = ∂f/∂y = 2(x + y)，所以每一步 x 和 y 减去同样的量，点沿 (1, 1) 方向滑到谷底直线 x + y = 0 上最近的点。
从 (2, 1) 出发、学习率 0.1、30 步：停在 (0.5, −0.5)，f = 0。

**原课程的错误 #4：** 原演示用的是 (2x, 2y)——那是 x² + y² 的梯度，不是 (x + y)² 的。它也会走到 f = 0 的地方，
但走的是通往原点 (0, 0) 的另一条路：结果"看起来对"，只是因为原点恰好也在谷底直线上。`,
    en: `The gradient points where the function grows fastest; stepping against it goes down. For
f(x, y) = (x + y)² both partials are equal: ∂f/∂x = ∂f/∂y = 2(x + y), so each step takes the same amount
off x and y and the point slides along (1, 1) to the nearest point of the valley line x + y = 0. From (2, 1),
learning rate 0.1, 30 steps: it stops at (0.5, −0.5), f = 0.

**The original's bug #4:** the original demo uses (2x, 2y) — the gradient of x² + y², not of (x + y)². It also
reaches f = 0, but along another path, to the origin (0, 0): the result "looks right" only because the
origin happens to lie on the valley line too.`,
  },
  async run(ctx: LessonContext) {
    const start: [number, number] = [2, 1];
    const right = descend(gradBowl, start, 0.1, 30);
    const wrong = descend(gradOriginal, start, 0.1, 30);
    const [rx, ry] = right[right.length - 1];
    const [wx, wy] = wrong[wrong.length - 1];
    ctx.print(
      `gradient of (x + y)²: ends at (${f(rx, 4)}, ${f(ry, 4)}), f = ${bowl(rx, ry).toExponential(2)}`,
    );
    ctx.print(
      `original (2x, 2y):    ends at (${f(wx, 4)}, ${f(wy, 4)}), f = ${bowl(wx, wy).toExponential(2)}`,
    );
    ctx.record('descent.x', rx);
    ctx.record('descent.y', ry);

    const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 480 });
    const cf = ax.contourf(bowl, { xlim: [-1.5, 2.5], ylim: [-1.5, 2.5], levels: 12, cmap: 'viridis' });
    fig.colorbar(cf, { label: '(x + y)²' });
    ax.plot(
      right.map((p) => p[0]),
      right.map((p) => p[1]),
      'r-o',
      { markerSize: 4, label: 'gradient of (x + y)²' },
    );
    ax.plot(
      wrong.map((p) => p[0]),
      wrong.map((p) => p[1]),
      'w--s',
      { markerSize: 3, label: 'original: (2x, 2y)' },
    );
    ax.plot([-1.5, 2.5], [1.5, -2.5], 'k:', { label: 'x + y = 0' });
    ax.title('Gradient descent on (x + y)²')
      .xlabel('x')
      .ylabel('y')
      .xlim(-1.5, 2.5)
      .ylim(-1.5, 2.5)
      .aspect('equal');
    ax.legend({ loc: 'upper left' });
    await ctx.figure('descent', fig);
  },
};
