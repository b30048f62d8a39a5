/**
 * Day 2's trainer: gradient descent on the MSE over slope and intercept (the lesson's `mseAndGrad`),
 * or the course's sign-only nudges (the lesson's `signOnlyUpdates`), one update per step.
 */
import { linePoints } from '../../../course/day2/data.js';
import { mseAndGrad } from '../../../course/day2/gradient-descent.js';
import { signOnlyUpdates } from '../../../course/day2/sign-update.js';
import { serve } from './rpc.js';

export type Day2Mode = 'gd' | 'sign';
export interface Day2State {
  step: number;
  m: number;
  b: number;
  losses: number[];
}

const { x, y } = linePoints(0);
const xs = Array.from(x.toTypedArray() as Float64Array);
const ys = Array.from(y.toTypedArray() as Float64Array);
const signHistory = signOnlyUpdates(xs, ys, 4);

let mode: Day2Mode = 'gd';
let lr = 0.1;
let step = 0;
let m = 1;
let b = 4;

serve({
  init(args: { mode: Day2Mode; lr: number }) {
    mode = args.mode;
    lr = args.lr;
    step = 0;
    m = 1; // the start line y = x + 4
    b = 4;
    return { x: xs, y: ys, state: { step, m, b, losses: [mseAndGrad(m, b, x, y).loss] } satisfies Day2State };
  },
  setLr(args: { lr: number }) {
    lr = args.lr;
  },
  step(args: { n: number }): Day2State {
    const losses: number[] = [];
    for (let i = 0; i < args.n; i++) {
      if (mode === 'gd') {
        const g = mseAndGrad(m, b, x, y); // forward + hand-written gradient
        m -= lr * g.dm; // m ← m − lr·∂L/∂m
        b -= lr * g.db; // b ← b − lr·∂L/∂b
      } else {
        m = signHistory[step % signHistory.length]; // the course's ±0.01 nudge, intercept frozen at 4
      }
      step++;
      losses.push(mseAndGrad(m, b, x, y).loss);
    }
    return { step, m, b, losses };
  },
});
