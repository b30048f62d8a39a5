/**
 * Day 3, lesson 1-8: the 200 points of `default_rng(0).standard_normal((200, 2))`, label 1 where
 * x + y > 0 (98 ones, 102 zeros), and how the lesson draws them (red 0, blue 1).
 */
import * as nd from '../../src/nd/index.js';
import { day3Points } from '../../src/data/index.js';
import * as plot from '../../src/plot/index.js';
import type { LessonContext, Step } from '../lesson.js';

export const RED = '#d62728';
export const BLUE = '#1f5fd1';
export const LIMITS: [number, number] = [-3.2, 3.2];

/** X (200, 2) float64 from `default_rng(seed).standard_normal((200, 2))`, y (200,) int64: x + y > 0. */
export function points(seed = 0): { X: nd.NDArray; y: nd.NDArray } {
  return day3Points({ seed });
}

/** Scatters the points, class 0 red and class 1 blue. */
export function scatterClasses(ax: plot.Axes, X: nd.NDArray, y: nd.NDArray, size = 18): void {
  const labels = y.toArray() as number[];
  ax.scatter(X.get(nd.slice(), 0), X.get(nd.slice(), 1), {
    c: labels.map((k) => (k ? BLUE : RED)),
    s: size,
    edgeColor: 'white',
    lineWidth: 0.4,
  });
  ax.xlim(LIMITS[0], LIMITS[1]).ylim(LIMITS[0], LIMITS[1]).aspect('equal');
}

export const dataStep: Step = {
  id: '1-8',
  title: { zh: '数据：200 个点，x + y > 0 为 1', en: 'The data: 200 points, 1 where x + y > 0' },
  text: {
    zh: `\`rng = default_rng(0)\` 抽 200 个二维标准正态点 \`rng.standard_normal((200, 2))\`，
标签是 \`x + y > 0\`：直线 y = −x 上方为 1（蓝），下方为 0（红）。正好 98 个 1、102 个 0。
我们的 \`nd.random.defaultRng\` 与 NumPy 的 PCG64 逐位相同，所以这些点和原课程一模一样。`,
    en: `\`rng = default_rng(0)\` draws 200 two-dimensional standard-normal points \`rng.standard_normal((200, 2))\`;
the label is \`x + y > 0\`: 1 (blue) above the line y = −x, 0 (red) below. That is exactly 98 ones and 102 zeros.
Our \`nd.random.defaultRng\` is bit-for-bit NumPy's PCG64, so these are the very points of the original course.`,
  },
  async run(ctx: LessonContext) {
    const { X, y } = points(ctx.config.seed);
    ctx.print('X = rng.standard_normal((200, 2))  # X.shape =', `(${X.shape.join(', ')})`);
    ctx.print('X[:5] =');
    ctx.print(X.get(nd.slice(0, 5)));
    ctx.print('y[:10] =', y.get(nd.slice(0, 10)));
    const ones = Number(y.sum().item());
    ctx.print(`ones: ${ones}, zeros: ${y.size - ones}`);
    ctx.record('data.ones', ones);
    ctx.record('data.zeros', y.size - ones);
    ctx.record('data.x0', Number(X.item(0, 0)));
    ctx.record('data.y0', Number(X.item(0, 1)));

    const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 560 });
    scatterClasses(ax, X, y);
    ax.plot(LIMITS, [-LIMITS[0], -LIMITS[1]], 'k--', { lineWidth: 1, label: 'x + y = 0' });
    ax.title(ctx.config.lang === 'zh' ? '200 个点：红 0，蓝 1' : '200 points: red 0, blue 1').legend({
      loc: 'upper left',
    });
    await ctx.figure('points', fig);
  },
};
