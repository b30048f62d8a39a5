/**
 * Day 2, lesson 1-7: the course's first "machine learning" — nudge the slope by ±0.01 towards each
 * point in turn — and the 400-frame animation of the line moving.
 */
import * as plot from '../../src/plot/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { linePoints, scatterPoints } from './data.js';

/**
 * The course's update, as it wrote it: start from y = x + 4; for each point, if the line passes
 * below it raise the slope by `step`, otherwise lower it. The intercept never moves. Returns the
 * slope after every update.
 */
export function signOnlyUpdates(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  passes = 4,
  step = 0.01,
): number[] {
  let m = 1; // start line y = 1·x + 4
  const history: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < x.length; i++) {
      const pred = m * x[i] + 4;
      if (pred < y[i])
        m += step; // the line is below the point: steeper
      else m -= step; //              above it: flatter
      history.push(m);
    }
  }
  return history;
}

export const signUpdateStep: Step = {
  id: '1-7',
  title: {
    zh: '课程的"机器学习"：按符号微调斜率',
    en: 'The course\'s "machine learning": nudge the slope by its sign',
  },
  text: {
    zh: `从直线 y = x + 4 出发，依次看每个点：直线在点的下方就把斜率加 0.01，在上方就减 0.01。
把 100 个点走 4 遍，一共 400 次更新。斜率在第 278 次更新时第一次到达 3.00，之后在 3 附近来回抖动，最后停在 3.08。
动画每帧对应一次更新（400 帧，每帧 40 ms），标签 "param: x.xx" 是当前斜率。

**原课程的问题（已说明，未照搬为唯一做法）：** 这一步只看误差的**符号**、步长固定、截距一直冻结在 4，
所以它永远停不下来，也找不到最优截距。这不是梯度下降——下一步我们做真正的梯度下降。`,
    en: `Start from the line y = x + 4 and visit the points in turn: if the line passes below the point, raise
the slope by 0.01, otherwise lower it. Four passes over the 100 points make 400 updates. The slope first
reaches 3.00 at update 278, then jitters around 3 and ends at 3.08. The animation has one frame per update
(400 frames, 40 ms each); the label "param: x.xx" is the current slope.

**What the original does (kept here as the course showed it, then fixed):** it uses only the **sign** of
the error, a fixed step, and freezes the intercept at 4 — so it never settles and cannot find the best
intercept. That is not gradient descent; the next step does the real thing.`,
  },
  async run(ctx: LessonContext) {
    const { x, y } = linePoints(ctx.config.seed);
    const xs = x.toTypedArray() as Float64Array;
    const ys = y.toTypedArray() as Float64Array;
    const passes = ctx.config.epochs ?? 4;
    const history = signOnlyUpdates(xs, ys, passes);
    const reach = history.findIndex((m) => Math.round(m * 100) >= 300) + 1; // 1-based; 0 = never
    for (const u of [1, 50, 100, 200, reach, 300, history.length].filter(
      (v, i, a) => v > 0 && a.indexOf(v) === i,
    )) {
      if (u <= history.length) ctx.print(`update ${String(u).padStart(3)}: param ${f(history[u - 1], 2)}`);
    }
    const final = history[history.length - 1];
    ctx.print(`updates: ${history.length}, first reaches 3.00 at update ${reach}, ends at ${f(final, 2)}`);
    ctx.record('sign.updates', history.length);
    ctx.record('sign.reach3', reach);
    ctx.record('sign.final', final);

    // The animation: one frame per update (in fast mode every 20th, each shown 20× as long).
    const stride = ctx.config.fast ? 20 : 1;
    const shown = history.filter((_, i) => i % stride === stride - 1 || i === history.length - 1);
    const bar = ctx.progress(shown.length, 'GIF frames');
    const anim = plot.animate(
      { frames: shown.length, delay: 40 * stride, width: 640, height: 480 },
      (fig, i) => {
        const ax = fig.subplot();
        const m = shown[i];
        scatterPoints(ax, x, y);
        ax.plot([0, 4], [4, 8], 'k--', { lineWidth: 1, label: 'start: y = x + 4' });
        ax.plot([0, 4], [4, 4 + 4 * m], 'r', { lineWidth: 2, label: 'y = param·x + 4' });
        ax.text(0.04, 0.95, `param: ${f(m, 2)}`, { coords: 'axes', va: 'top', fontSize: 16 });
        ax.title('Sign-only update of the slope').xlim(-0.2, 4.2).ylim(2, 18).legend({ loc: 'lower right' });
        bar.tick();
      },
    );
    await ctx.animation('fit', anim);
    bar.done();
  },
};
