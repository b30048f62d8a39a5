/**
 * Day 2, lesson 1-6: the "traditional" fit. Keep the intercept at 4, try 200 slopes, keep the one
 * whose line is closest to the points in perpendicular distance.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f, num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { linePoints, scatterPoints } from './data.js';

/**
 * Σ_i d_i² for the line y = m·x + 4, where d_i = |m·x_i − y_i + 4| / √(m² + 1) is the perpendicular
 * distance of point i from the line — for every candidate slope at once.
 */
export function perpendicularLoss(ms: nd.NDArray, x: nd.NDArray, y: nd.NDArray): nd.NDArray {
  const m = ms.get(nd.slice(), nd.newaxis); // (S, 1)
  const r = m.mul(x).sub(y).add(4); // (S, N)   m·x − y + 4
  return nd.square(r).sum({ axis: 1 }).div(nd.square(ms).add(1)); // (S,)  Σ r² / (m² + 1)
}

export const scanStep: Step = {
  id: '1-6',
  title: {
    zh: '传统方法：扫描斜率，最小化垂直距离',
    en: 'The traditional way: scan the slope, minimise perpendicular distances',
  },
  text: {
    zh: `把截距固定为 4，在 linspace(2, 4, 200) 上逐个尝试斜率 m，计算每个点到直线 y = mx + 4 的**垂直距离**
d = |mx − y + 4| / √(m² + 1)，把 200 个 Σd² 都算出来，取最小的那个。
答案是 m ≈ 3.0352（Σd² ≈ 0.878）。这种"穷举"只在参数很少时可行：两个参数就要 200² 次，一百万个参数就不可能了。`,
    en: `Fix the intercept at 4 and try each slope m in linspace(2, 4, 200): for every point compute its
**perpendicular distance** d = |mx − y + 4| / √(m² + 1) to the line y = mx + 4, add up the squares, keep the
smallest. The answer is m ≈ 3.0352 (Σd² ≈ 0.878). Trying every value works only for very few parameters:
two of them already need 200² tries, a million is out of reach.`,
  },
  async run(ctx: LessonContext) {
    const { x, y } = linePoints(ctx.config.seed);
    const ms = nd.linspace(2, 4, 200); // (200,) candidate slopes
    const loss = perpendicularLoss(ms, x, y); // (200,)
    const best = num(loss.argmin());
    const m = num(ms.get(best));
    const sum = num(loss.get(best));
    ctx.print(`slopes tried: ${ms.size}, best index ${best}`);
    ctx.print(`m ≈ ${f(m, 4)}   sum of squared perpendicular distances ≈ ${f(sum, 3)}`);
    ctx.record('scan.m', m);
    ctx.record('scan.sum', sum);

    const { fig, axes } = plot.subplots(1, 2, { width: 1000, height: 420 });
    const a = axes[0]![0]!;
    a.plot(ms, loss, 'C1');
    a.plot([m], [sum], 'ko', { markerSize: 6 });
    a.annotate(`m = ${f(m, 4)}`, [m, sum], { xytext: [30, 60], textCoords: 'offset' });
    a.title('Σ perpendicular distance² vs slope').xlabel('slope m').ylabel('Σ d²').grid();
    const b = axes[0]![1]!;
    scatterPoints(b, x, y);
    b.plot([0, 4], [4, 4 + 4 * m], 'r', { label: `y = ${f(m, 4)}x + 4` });
    b.title('Best slope with intercept 4').legend({ loc: 'upper left' });
    await ctx.figure('scan', fig);
  },
};
