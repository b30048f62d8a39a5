/**
 * Day 3 (guide ch. 03): SGD with momentum as a ball rolling on a bumpy curve. Plain gradient descent
 * stops in the first dip it finds; with momentum the ball keeps its speed, rolls through the local
 * minimum and settles in the deeper one.
 */
import * as plot from '../../src/plot/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';

/** f(x) = 0.1x⁴ − sin 2.5x + 0.5 cos 1.5x + 0.2x² */
export function bumpy(x: number): number {
  return 0.1 * x ** 4 - Math.sin(2.5 * x) + 0.5 * Math.cos(1.5 * x) + 0.2 * x ** 2;
}

/** f'(x) = 0.4x³ − 2.5 cos 2.5x − 0.75 sin 1.5x + 0.4x */
export function bumpyGrad(x: number): number {
  return 0.4 * x ** 3 - 2.5 * Math.cos(2.5 * x) - 0.75 * Math.sin(1.5 * x) + 0.4 * x;
}

/**
 * Gradient descent with momentum: v ← μ·v − lr·f'(x); x ← x + v (μ = 0: plain SGD).
 * Returns the positions x₀ … x_steps.
 */
export function descend(start: number, lr: number, momentum: number, steps: number): number[] {
  let x = start;
  let v = 0;
  const xs = [x];
  for (let t = 0; t < steps; t++) {
    v = momentum * v - lr * bumpyGrad(x); // the velocity remembers past gradients
    x += v;
    xs.push(x);
  }
  return xs;
}

/** A zero of f' near `x` by Newton's method on f' (f'' by a central difference). */
export function criticalPoint(x: number): number {
  for (let i = 0; i < 50; i++) {
    const h = 1e-5;
    const g2 = (bumpyGrad(x + h) - bumpyGrad(x - h)) / (2 * h);
    const dx = bumpyGrad(x) / g2;
    x -= dx;
    if (Math.abs(dx) < 1e-13) break;
  }
  return x;
}

export const START = -3;
export const LR = 0.01;
export const MOMENTUM = 0.85;
export const STEPS = 100;

/** The curve with a ball (and the plain-SGD ball) after `t` steps. */
function drawBall(
  ax: plot.Axes,
  curve: { x: number[]; y: number[] },
  mom: number[],
  sgd: number[],
  t: number,
  zh: boolean,
): void {
  ax.plot(curve.x, curve.y, { color: '#444', lineWidth: 1.5 });
  ax.plot(mom.slice(0, t + 1), mom.slice(0, t + 1).map(bumpy), {
    color: '#d62728',
    lineWidth: 1,
    alpha: 0.5,
  });
  ax.plot([sgd[t]], [bumpy(sgd[t])], {
    marker: 'o',
    markerSize: 12,
    color: '#888',
    lineStyle: 'none',
    label: zh ? '普通 SGD' : 'plain SGD',
  });
  ax.plot([mom[t]], [bumpy(mom[t])], {
    marker: 'o',
    markerSize: 14,
    color: '#d62728',
    lineStyle: 'none',
    label: zh ? 'SGD + 动量 0.85' : 'SGD + momentum 0.85',
  });
  ax.text(0.03, 0.95, `step ${t}/${STEPS}   x = ${f(mom[t], 3)}   f(x) = ${f(bumpy(mom[t]), 3)}`, {
    coords: 'axes',
    va: 'top',
    fontSize: 13,
  });
  ax.xlim(-3.3, 2.3).ylim(-1, 11).xlabel('x').ylabel('f(x)').legend({ loc: 'upper right' });
}

export const momentumStep: Step = {
  id: '3.2',
  title: { zh: '动量：滚过局部最小值的小球', en: 'Momentum: a ball that rolls past a local minimum' },
  text: {
    zh: `f(x) = 0.1x⁴ − sin 2.5x + 0.5 cos 1.5x + 0.2x² 有两个谷：x ≈ −1.585 处的浅谷（局部最小）和 x ≈ 0.668 处的深谷。
从 x = −3 出发，学习率 0.01，走 100 步：

- 普通 SGD：x ← x − lr·f'(x)，停在第一个谷 x ≈ −1.585；
- 带动量的 SGD：v ← 0.85·v − lr·f'(x)，x ← x + v。速度记住了下坡时的梯度，小球冲过浅谷、越过中间的坡（最远到 x ≈ 0.92），
  再来回晃几下，停在深谷：100 步后 x = 0.6678（f = −0.617；课程写作 ≈ 0.667，真正的最小点在 0.66768）。

这就是 \`SGD({ momentum: 0.9 })\`、Adam 这类优化器比朴素梯度下降更不容易卡住的原因之一。`,
    en: `f(x) = 0.1x⁴ − sin 2.5x + 0.5 cos 1.5x + 0.2x² has two valleys: a shallow one at x ≈ −1.585 (a local minimum)
and a deeper one at x ≈ 0.668. Start at x = −3 with learning rate 0.01 for 100 steps:

- plain SGD, x ← x − lr·f'(x), stops in the first valley, x ≈ −1.585;
- SGD with momentum, v ← 0.85·v − lr·f'(x), x ← x + v: the velocity remembers the downhill gradients, so the ball
  rushes through the shallow valley, over the hill between (as far as x ≈ 0.92), swings back and forth a few times
  and settles in the deep valley: x = 0.6678 after 100 steps (f = −0.617; the course writes ≈ 0.667, the minimum
itself is at 0.66768).

That is one reason why optimisers such as \`SGD({ momentum: 0.9 })\` and Adam get stuck less than plain descent.`,
  },
  async run(ctx: LessonContext) {
    const zh = ctx.config.lang === 'zh';
    const sgd = descend(START, LR, 0, STEPS);
    const mom = descend(START, LR, MOMENTUM, STEPS);
    const local = criticalPoint(-1.6);
    const deep = criticalPoint(0.7);
    ctx.print(
      `local minimum x = ${f(local, 4)} (f = ${f(bumpy(local), 4)}), deeper minimum x = ${f(deep, 4)} (f = ${f(bumpy(deep), 4)})`,
    );
    ctx.print('step   plain SGD x   momentum x');
    for (let t = 0; t <= STEPS; t += 10) {
      ctx.print(`${String(t).padStart(4)}   ${f(sgd[t], 4).padStart(11)}   ${f(mom[t], 4).padStart(10)}`);
    }
    const xm = mom[STEPS];
    const xs = sgd[STEPS];
    const furthest = Math.max(...mom);
    ctx.print(`plain SGD stops at x = ${f(xs, 3)} (f = ${f(bumpy(xs), 3)})`);
    ctx.print(
      `with momentum: passes ${f(local, 3)}, reaches x = ${f(furthest, 3)}, settles at x = ${f(xm, 3)} (f = ${f(bumpy(xm), 3)})`,
    );
    ctx.record('momentum.x', xm);
    ctx.record('momentum.f', bumpy(xm));
    ctx.record('momentum.furthest', furthest);
    ctx.record('sgd.x', xs);
    ctx.record('momentum:local', local);
    ctx.record('momentum:deep', deep);

    const n = 400;
    const curve = { x: [] as number[], y: [] as number[] };
    for (let i = 0; i < n; i++) {
      const x = -3.3 + (5.6 * i) / (n - 1);
      curve.x.push(x);
      curve.y.push(bumpy(x));
    }
    // the static figure: both paths over the curve
    const { fig, ax } = plot.subplots(1, 1, { width: 720, height: 480 });
    ax.plot(curve.x, curve.y, { color: '#444', lineWidth: 1.5, label: 'f(x)' });
    ax.plot(sgd, sgd.map(bumpy), {
      color: '#888',
      marker: 'o',
      markerSize: 5,
      lineWidth: 0.8,
      label: zh ? '普通 SGD' : 'plain SGD',
    });
    ax.plot(mom, mom.map(bumpy), {
      color: '#d62728',
      marker: 'o',
      markerSize: 4,
      lineWidth: 0.8,
      alpha: 0.8,
      label: zh ? 'SGD + 动量 0.85' : 'SGD + momentum 0.85',
    });
    ax.annotate(zh ? `局部最小 ${f(local, 3)}` : `local minimum ${f(local, 3)}`, [local, bumpy(local)], {
      xytext: [local, 3.5],
      fontSize: 12,
    });
    ax.annotate(zh ? `停在 ${f(xm, 3)}` : `settles at ${f(xm, 3)}`, [xm, bumpy(xm)], {
      xytext: [xm + 0.2, 2.8],
      fontSize: 12,
    });
    ax.xlim(-3.3, 2.3).ylim(-1, 11).xlabel('x').ylabel('f(x)').legend({ loc: 'upper right' });
    ax.title(zh ? '从 x = −3 出发，lr 0.01，100 步' : 'From x = −3, lr 0.01, 100 steps');
    await ctx.figure('momentum', fig);

    // the animation: one frame per step (every 5th in fast mode)
    const stride = ctx.config.fast ? 5 : 1;
    const ts = Array.from({ length: Math.floor(STEPS / stride) + 1 }, (_, i) => i * stride);
    const bar = ctx.progress(ts.length, 'GIF frames');
    const anim = plot.animate(
      { frames: ts.length, delay: 60 * stride, width: 640, height: 420 },
      (figure, i) => {
        drawBall(figure.subplot(), curve, mom, sgd, ts[i], zh);
        bar.tick();
      },
    );
    await ctx.animation('momentum', anim);
    bar.done();
  },
};
