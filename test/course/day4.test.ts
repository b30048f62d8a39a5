/**
 * Day 4 — a dense network by hand: the course's numbers at their printed precision, the learning
 * targets, the figures, and every hand-written backward pass against autograd and finite differences.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { F, tensor, type Tensor } from '../../src/autograd/index.js';
import { ONES } from '../../course/day4/chain-rule.js';
import {
  ACTIVATIONS,
  bce,
  bceWithLogitsGrad,
  mse,
  numericElementwise,
  numericGradient,
  softmax,
  softmaxJacobian,
} from '../../course/day4/derivatives.js';
import { bowl, descend, gradBowl, gradOriginal } from '../../course/day4/descent.js';
import { bceLoss, logisticBackward, logisticForward, moonsData } from '../../course/day4/moons.js';
import {
  initNet,
  netBackward,
  netForward,
  netObjective,
  type NetParams,
} from '../../course/day4/moons-net.js';
import { backward, forward, PARAM_NAMES, type Params } from '../../course/day4/network.js';
import { courseGolden, expectPrinted, maxDiff, pngSize, runFast } from './helpers.js';

const golden = courseGolden.day4 as Record<string, number & unknown> & {
  'moons.X[:3]': number[][];
  'moons.y[:10]': number[];
  'moons.logistic.500': [number, number];
  'moons.h3.2000': [number, number, number];
  'moons.h3.20000': [number, number, number];
  'moons.panel.500': Record<string, number>;
  'moons.panel.20000': Record<string, number>;
};
let run: Awaited<ReturnType<typeof runFast>>;

beforeAll(async () => {
  run = await runFast(4);
}, 120_000);

describe('Day 4 in fast mode: the numbers of the course', () => {
  it('one neuron → 0.9990889, the 2-2-1 network → 0.7216326', () => {
    expectPrinted(run.records.neuron, 7, '0.9990889');
    expectPrinted(run.records.network, 7, '0.7216326');
    expect(run.records.neuron).toBeCloseTo(golden.neuron, 15);
    expect(run.records.network).toBeCloseTo(golden.network, 15);
  });

  it('MSE of the all-zero predictor on [1, 0, 0, 1] = 0.5', () => {
    expect(run.records.mse).toBe(0.5);
  });

  it('the chain rule for Alice: ∂L/∂w1 = 0.0214 (parts −0.952, 0.249, −0.0904)', () => {
    expectPrinted(run.records['chain.byHand.dL_dypred'], 3, '-0.952');
    expectPrinted(run.records['chain.dypred_dh1'], 3, '0.249');
    expectPrinted(run.records['chain.dh1_dw1'], 4, '-0.0904');
    expectPrinted(run.records['chain.byHand.dL_dw1'], 4, '0.0214');
    expect(run.text).toContain('∂L/∂w1 = -0.952 × 0.249 × -0.0904 = 0.0214');
    // unrounded, against NumPy and against the finite difference
    expect(run.records['chain.dL_dw1']).toBeCloseTo(golden['chain.dL_dw1'], 14);
    expect(run.records['chain.numeric']).toBeCloseTo(golden['chain.dL_dw1'], 8);
  });

  it('training on Alice/Bob/Charlie/Diana: "Epoch N loss" every 10, Emily ≈ 0.95 (> 0.9), Frank ≈ 0.04 (< 0.1)', () => {
    const epochs = run.text.match(/^Epoch \d+ loss: \d\.\d{3}$/gm) ?? [];
    expect(epochs.length).toBe(100);
    expect(epochs[0]).toBe('Epoch 0 loss: 0.292');
    expect(run.records['train.emily'] as number).toBeGreaterThan(0.9);
    expect(run.records['train.frank'] as number).toBeLessThan(0.1);
    expectPrinted(run.records['train.emily'], 3, '0.949');
    expectPrinted(run.records['train.frank'], 3, '0.040');
    expect(run.records['train.emily']).toBeCloseTo(golden['train.emily'], 12);
    expect(run.records['train.frank']).toBeCloseTo(golden['train.frank'], 12);
    expect(run.records['train.lossFinal']).toBeCloseTo(golden['train.lossFinal'], 12);
  });

  it('activations and losses beside their derivatives, each checked numerically; BCE(0.9,1) = 0.10536, BCE(0.1,1) = 2.30259', () => {
    for (const name of ['sigmoid', 'tanh', 'relu', 'softmax', 'mse', 'bce']) {
      expect(run.records[`deriv.${name}.err`] as number).toBeLessThan(1e-7);
    }
    expectPrinted(run.records['bce.0.9'], 5, '0.10536');
    expectPrinted(run.records['bce.0.1'], 5, '2.30259');
    // bug #3: at p = 0.9, y = 1, ∂BCE/∂p = −1/0.9 while p − y = −0.1 is ∂BCE/∂z
    expect(run.records['bce.dp']).toBeCloseTo(-1 / 0.9, 9);
    expect(run.records['bce.dz']).toBeCloseTo(-0.1, 9);
  });

  it('gradient descent on (x + y)²: the right gradient ends at (0.5, −0.5) (bug #4)', () => {
    expect(run.records['descent.x']).toBeCloseTo(0.5, 6);
    expect(run.records['descent.y']).toBeCloseTo(-0.5, 6);
  });

  it("the moons are the original's: make_moons(200, noise=0.2) after np.random.seed(3)", () => {
    const { X, y } = moonsData();
    expect(maxDiff(X.get(':3'), nd.array(golden['moons.X[:3]']))).toBe(0);
    expect(y.get(':10').toArray()).toEqual(golden['moons.y[:10]']);
    expect(Number(X.sum().item())).toBeCloseTo(golden['moons.sum'], 10);
    expect(run.records['moons.n']).toBe(200);
  });

  it('logistic regression baseline ≈ 0.885', () => {
    expectPrinted(run.records['moons.logistic.acc'], 3, '0.885');
    expect(run.records['moons.logistic.acc']).toBe(golden['moons.logistic.500'][0]);
    expect(run.records['moons.logistic.loss']).toBeCloseTo(golden['moons.logistic.500'][1], 10);
  });

  it("the 2-3-2 tanh/softmax net reaches ≥ 0.97 (≈ 0.985), its loss NumPy's", () => {
    expect(run.records['moons.h3.acc'] as number).toBeGreaterThanOrEqual(0.97);
    expectPrinted(run.records['moons.h3.acc'], 3, '0.985');
    expect(run.records['moons.h3.passes']).toBe(2000);
    expect(run.records['moons.h3.loss']).toBeCloseTo(golden['moons.h3.2000'][1], 10);
    expect(run.text).toContain(`Loss after iteration 0: ${golden['moons.h3.2000'][2].toFixed(6)}`);
  });

  it('the hidden-size panel h ∈ {1, 2, 3, 4, 5, 20, 50} (fast mode: 500 passes)', () => {
    for (const [h, acc] of Object.entries(golden['moons.panel.500'])) {
      expect(run.records[`moons.panel.h${h}`], `h = ${h}`).toBe(acc);
    }
    expect(run.records['moons.panel.h1'] as number).toBeLessThan(0.9);
  });

  it('writes the figures', () => {
    for (const name of [
      'train_loss',
      'activations',
      'descent',
      'moons_logistic',
      'moons_h3',
      'moons_hidden_sizes',
    ]) {
      const { width, height } = pngSize(join(run.dir, `${name}.png`));
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(300);
    }
    expect(run.files.length).toBe(6);
  });

  it('prints the same numbers twice (seeded)', async () => {
    const a = await runFast(4, { epochs: 50 });
    const b = await runFast(4, { epochs: 50 });
    expect(a.output).toEqual(b.output);
  });
});

// ------------------------------------------------------------------ gradient checks

const f64 = (a: nd.NDArray | number[] | number[][], grad = false) =>
  tensor(a instanceof nd.NDArray ? a.astype('float64') : nd.array(a, { dtype: 'float64' }), {
    dtype: 'float64',
    requiresGrad: grad,
  });
const gradOf = (t: Tensor) => t.grad!.data;

describe('Day 4 gradients: the 2-2-1 network (backward) = autograd = finite differences', () => {
  const rng = nd.random.defaultRng(7);
  const points: { p: Params; x: [number, number]; y: number }[] = [
    { p: { ...ONES }, x: [-2, -1], y: 1 },
    ...[0, 1, 2].map((k) => {
      const p = {} as Params;
      for (const n of PARAM_NAMES) p[n] = rng.normal() as number;
      return {
        p,
        x: [[25, 6] as [number, number], [-15, -6] as [number, number], [0.3, -1.2] as [number, number]][k],
        y: k % 2,
      };
    }),
  ];

  for (const [i, { p, x, y }] of points.entries()) {
    it(`point ${i}`, () => {
      const g = backward(p, forward(p, x), y);
      // autograd: the same network on scalar tensors
      const t = Object.fromEntries(PARAM_NAMES.map((n) => [n, f64([p[n]], true)])) as Record<string, Tensor>;
      const h1 = t.w1.mul(x[0]).add(t.w2.mul(x[1])).add(t.b1).sigmoid();
      const h2 = t.w3.mul(x[0]).add(t.w4.mul(x[1])).add(t.b2).sigmoid();
      const o1 = t.w5.mul(h1).add(t.w6.mul(h2)).add(t.b3).sigmoid();
      const L = o1.neg().add(y).square().sum();
      L.backward();
      const loss = (q: Params) => (y - forward(q, x).o1) ** 2;
      for (const n of PARAM_NAMES) {
        const auto = Number(gradOf(t[n]).item(0));
        expect(g[n], `∂L/∂${n} vs autograd`).toBeCloseTo(auto, 12);
        const eps = 1e-6;
        const fd = (loss({ ...p, [n]: p[n] + eps }) - loss({ ...p, [n]: p[n] - eps })) / (2 * eps);
        expect(Math.abs(g[n] - fd), `∂L/∂${n} vs finite difference`).toBeLessThan(1e-7 + 1e-5 * Math.abs(fd));
      }
    });
  }
});

describe('Day 4 gradients: activations and losses', () => {
  const x = nd.linspace(-3, 3, 13).add(0.01);
  it('sigmoid, tanh, relu: df = autograd = finite differences', () => {
    const ops: Record<string, (t: Tensor) => Tensor> = {
      sigmoid: (t) => t.sigmoid(),
      tanh: (t) => t.tanh(),
      relu: (t) => t.relu(),
    };
    for (const act of ACTIVATIONS) {
      const t = f64(x, true);
      ops[act.name](t).sum().backward();
      expect(maxDiff(act.df(x), gradOf(t)), act.name).toBeLessThan(1e-12);
      expect(maxDiff(act.df(x), numericElementwise(act.f, x)), act.name).toBeLessThan(1e-7);
    }
  });

  it('softmax Jacobian diag(s) − s sᵀ = autograd (row by row) = finite differences', () => {
    const z = nd.array([0.3, -1.2, 2.0, 0.7]);
    const J = softmaxJacobian(z);
    for (let i = 0; i < 4; i++) {
      const t = f64(z, true);
      t.softmax(-1).index(i).backward();
      expect(maxDiff(J.get(i), gradOf(t))).toBeLessThan(1e-12);
      expect(
        maxDiff(
          J.get(i),
          numericGradient((zz) => Number(softmax(zz).get(i).item()), z),
        ),
      ).toBeLessThan(1e-8);
    }
    expect(maxDiff(softmax(z), F.softmax(f64(z), -1).data)).toBeLessThan(1e-15);
  });

  it('MSE and BCE: ∂L/∂ŷ = autograd; BCE through a sigmoid: ∂L/∂z = p − y = autograd', () => {
    const y = nd.array([1, 0, 0, 1, 1]);
    const p = nd.array([0.8, 0.3, 0.1, 0.6, 0.05]);
    const tm = f64(p, true);
    F.mseLoss(tm, f64(y)).backward();
    expect(maxDiff(mse.df(p, y), gradOf(tm))).toBeLessThan(1e-14);
    const tb = f64(p, true);
    const lb = F.binaryCrossEntropy(tb, f64(y));
    lb.backward();
    expect(bce.f(p, y)).toBeCloseTo(lb.item(), 12);
    expect(maxDiff(bce.df(p, y), gradOf(tb))).toBeLessThan(1e-12);
    const z = nd.array([1.2, -0.4, 0.01, 2.5, -3]); // NOTE: not 0 exactly: at z = 0 autograd's stable form (relu, abs) picks subgradients and gets 0, not σ(0) − y
    const tz = f64(z, true);
    F.binaryCrossEntropyWithLogits(tz, f64(y)).backward();
    expect(maxDiff(bceWithLogitsGrad(z, y), gradOf(tz))).toBeLessThan(1e-12);
  });

  it('(x + y)²: the lesson’s gradient = autograd; the original’s (2x, 2y) is not', () => {
    const a = f64([1.5], true);
    const b = f64([-0.25], true);
    a.add(b).square().sum().backward();
    const [gx, gy] = gradBowl(1.5, -0.25);
    expect(gx).toBeCloseTo(Number(gradOf(a).item(0)), 14);
    expect(gy).toBeCloseTo(Number(gradOf(b).item(0)), 14);
    expect(gradOriginal(1.5, -0.25)[1]).not.toBeCloseTo(Number(gradOf(b).item(0)), 3);
    const path = descend(gradBowl, [2, 1], 0.1, 30);
    expect(bowl(...path[path.length - 1])).toBeLessThan(1e-10);
  });
});

describe('Day 4 gradients: logistic regression and the 2-h-2 moons network', () => {
  const { X, y } = moonsData();

  it('logistic: ∂L/∂w, ∂L/∂b by hand = autograd = finite differences', () => {
    const m = { w: nd.array([0.7, -1.9]), b: 0.3 };
    const { p } = logisticForward(m, X);
    const g = logisticBackward(X, y, p);
    const w = f64(m.w, true);
    const b = f64([m.b], true);
    F.binaryCrossEntropy(f64(X).matmul(w).add(b).sigmoid(), f64(y.astype('float64'))).backward();
    expect(maxDiff(g.dw, gradOf(w))).toBeLessThan(1e-12);
    expect(g.db).toBeCloseTo(Number(gradOf(b).item(0)), 12);
    const fdW = numericGradient((ww) => bceLoss(logisticForward({ w: ww, b: m.b }, X).p, y), m.w);
    expect(maxDiff(g.dw, fdW)).toBeLessThan(1e-7);
  });

  for (const h of [3, 5]) {
    it(`2-${h}-2 net: netBackward = autograd = finite differences`, () => {
      // start from a trained-ish point so that no gradient is trivially small
      const p0 = initNet(h, 1);
      const rng = new nd.random.RandomState(5);
      const p: NetParams = { ...p0, b1: rng.randn(1, h).mul(0.3), b2: rng.randn(1, 2).mul(0.3) };
      const reg = 0.01;
      const g = netBackward(p, X, y, netForward(p, X), reg);
      const t = {
        W1: f64(p.W1, true),
        b1: f64(p.b1, true),
        W2: f64(p.W2, true),
        b2: f64(p.b2, true),
      };
      const logits = f64(X).matmul(t.W1).add(t.b1).tanh().matmul(t.W2).add(t.b2);
      const ce = F.crossEntropy(logits, y, { reduction: 'sum' });
      const objective = ce.add(
        t.W1.square()
          .sum()
          .add(t.W2.square().sum())
          .mul(reg / 2),
      );
      objective.backward();
      expect(netObjective(p, X, y, reg)).toBeCloseTo(objective.item(), 9);
      for (const k of ['W1', 'b1', 'W2', 'b2'] as const) {
        expect(maxDiff(g[k], gradOf(t[k])), `${k} vs autograd`).toBeLessThan(1e-10);
        const fd = numericGradient((v) => netObjective({ ...p, [k]: v }, X, y, reg), p[k]);
        expect(maxDiff(g[k], fd), `${k} vs finite differences`).toBeLessThan(1e-5);
      }
    });
  }
});
