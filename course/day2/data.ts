/**
 * Day 2, lesson 1-6: the 100 noisy points around y = 3x + 4 that the whole day fits.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f, num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';

/** The course's points: x = linspace(0, 4, 100), y = 3x + 4 + noise, noise uniform in [−0.5, 0.5). */
export function linePoints(seed = 0): { x: nd.NDArray; y: nd.NDArray } {
  const rng = nd.random.defaultRng(seed); // rng = np.random.default_rng(0)
  const noise = rng.random(100).sub(0.5); // (100,)  noise = rng.random(100) - 0.5
  const x = nd.linspace(0, 4, 100); // (100,)      x = np.linspace(0, 4, 100)
  const y = x.mul(3).add(4).add(noise); // (100,)  y = 3 * x + 4 + noise
  return { x, y };
}

/** The scatter every Day 2 figure starts from. */
export function scatterPoints(ax: plot.Axes, x: nd.NDArray, y: nd.NDArray): void {
  ax.scatter(x, y, { s: 14, color: 'C0', label: 'data' });
  ax.xlabel('x').ylabel('y').grid();
}

export const dataStep: Step = {
  id: '1-6',
  title: { zh: '数据：y = 3x + 4 附近的 100 个点', en: 'Data: 100 points around y = 3x + 4' },
  text: {
    zh: `我们先造一份"答案已知"的数据：在直线 y = 3x + 4 上取 100 个点，再给每个 y 加上 [−0.5, 0.5) 之间的均匀噪声。
随机数来自 \`default_rng(0)\`（与 NumPy 的 PCG64 逐位相同），所以第一个点就是课程里的 (0, 4.13696)。
接下来的每一步都试图从这些点里把斜率 3 和截距 4 找回来。`,
    en: `We start from data whose answer we know: 100 points on the line y = 3x + 4, each y shifted by uniform
noise in [−0.5, 0.5). The numbers come from \`default_rng(0)\` (bit-for-bit NumPy's PCG64), so the first
point is the course's (0, 4.13696). Every step today tries to recover the slope 3 and intercept 4 from them.`,
  },
  async run(ctx: LessonContext) {
    const { x, y } = linePoints(ctx.config.seed);
    ctx.print('x[:5] =', x.get(':5'));
    ctx.print('y[:5] =', y.get(':5'));
    const x0 = num(x.get(0));
    const y0 = num(y.get(0));
    ctx.print(`first point: (${x0}, ${f(y0, 5)})   points: ${x.size}`);
    ctx.record('data.n', x.size);
    ctx.record('data.x0', x0);
    ctx.record('data.y0', y0);

    const { fig, ax } = plot.subplots(1, 1, { width: 640, height: 480 });
    scatterPoints(ax, x, y);
    ax.plot([0, 4], [4, 16], 'k:', { label: 'y = 3x + 4' });
    ax.title('100 points: y = 3x + 4 + noise').legend({ loc: 'upper left' });
    await ctx.figure('data', fig);
  },
};
