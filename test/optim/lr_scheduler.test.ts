/** LR schedulers: our closed forms against PyTorch's recursive get_lr (test/golden/gen_nn.py). */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import * as nn from '../../src/nn/index.js';
import * as optim from '../../src/optim/index.js';
import { loadGolden } from '../helpers.js';

interface SchedCase {
  name: string;
  kind: string;
  base: number;
  opts: Record<string, unknown>;
  lrs: number[];
  metrics?: number[];
}
const cases = loadGolden<{ sched: SchedCase[] }>('nn').sched;

function optimizer(lr: number): optim.SGD {
  return new optim.SGD([new nn.Parameter(nd.zeros([1]))], { lr });
}

function make(c: SchedCase, opt: optim.SGD): optim.LRScheduler {
  const o = c.opts as never;
  switch (c.kind) {
    case 'StepLR':
      return new optim.StepLR(opt, o);
    case 'MultiStepLR':
      return new optim.MultiStepLR(opt, o);
    case 'ExponentialLR':
      return new optim.ExponentialLR(opt, o);
    case 'CosineAnnealingLR':
      return new optim.CosineAnnealingLR(opt, o);
    case 'LinearLR':
      return new optim.LinearLR(opt, o);
    case 'LambdaLR':
      return new optim.LambdaLR(opt, { lrLambda: (e) => Math.pow(0.95, e) });
    case 'NoamLR':
      return new optim.NoamLR(opt, o);
    default:
      throw new Error(c.kind);
  }
}

describe('LR schedulers equal PyTorch’s', () => {
  it('has the cases', () => expect(cases.length).toBe(10));

  for (const c of cases) {
    it(`${c.kind} ${c.name}`, () => {
      const opt = optimizer(c.base);
      const got: number[] = [];
      if (c.kind === 'ReduceLROnPlateau') {
        const s = new optim.ReduceLROnPlateau(opt, c.opts as optim.ReduceLROnPlateauOptions);
        for (const m of c.metrics!) {
          s.step(m);
          got.push(s.getLastLr()[0]);
        }
      } else {
        const s = make(c, opt);
        got.push(opt.paramGroups[0].lr);
        for (let e = 1; e < c.lrs.length; e++) {
          s.step();
          got.push(s.getLastLr()[0]);
        }
      }
      expect(got.length).toBe(c.lrs.length);
      got.forEach((v, i) =>
        expect(Math.abs(v - c.lrs[i]), `epoch ${i}: ${v} vs ${c.lrs[i]}`).toBeLessThanOrEqual(
          1e-12 * Math.abs(c.lrs[i]) + 1e-15,
        ),
      );
    });
  }

  it('SequentialLR: linear warm-up, then cosine from the milestone', () => {
    const opt = optimizer(1);
    const warm = new optim.LinearLR(opt, { startFactor: 0.1, totalIters: 3 });
    const cos = new optim.CosineAnnealingLR(opt, { TMax: 4 });
    const s = new optim.SequentialLR(opt, [warm, cos], [3]);
    const lrs = [opt.paramGroups[0].lr];
    for (let e = 0; e < 6; e++) {
      s.step();
      lrs.push(opt.paramGroups[0].lr);
    }
    const want = [
      0.1,
      0.4,
      0.7,
      1,
      (1 + Math.cos(Math.PI / 4)) / 2,
      0.5,
      (1 + Math.cos((3 * Math.PI) / 4)) / 2,
    ];
    lrs.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
  });

  it('per-group base lrs; state round trip', () => {
    const p1 = new nn.Parameter(nd.zeros([1]));
    const p2 = new nn.Parameter(nd.zeros([1]));
    const opt = new optim.SGD([
      { params: [p1], lr: 1 },
      { params: [p2], lr: 0.1 },
    ]);
    const s = new optim.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    s.step();
    s.step();
    expect(s.getLastLr()).toEqual([0.25, 0.025]);
    const sd = s.stateDict();
    const s2 = new optim.StepLR(optimizer(1), { stepSize: 1, gamma: 0.5 });
    s2.loadStateDict(sd);
    expect(s2.lastEpoch).toBe(2);
    expect(s2.getLastLr()).toEqual([0.25]);
  });
});
