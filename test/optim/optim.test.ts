/** Optimisers against PyTorch's update code (transcribed in test/golden/gen_nn.py), state and groups. */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import * as nn from '../../src/nn/index.js';
import * as optim from '../../src/optim/index.js';
import { dec, expectArray, loadGolden, type ArraySpec } from '../helpers.js';

interface OptimCase {
  name: string;
  kind: 'SGD' | 'Adam' | 'AdamW' | 'RMSprop' | 'Adagrad';
  opts: Record<string, unknown>;
  params: ArraySpec[];
}
const golden = loadGolden<{ optim: { A: ArraySpec; b: ArraySpec; p0: ArraySpec; cases: OptimCase[] } }>(
  'nn',
).optim;
const A = new Tensor(dec(golden.A));
const b = new Tensor(dec(golden.b));

function make(
  kind: OptimCase['kind'],
  params: Tensor[],
  opts: Record<string, unknown>,
): optim.Optimizer<{ lr: number }> {
  const ctor = {
    SGD: optim.SGD,
    Adam: optim.Adam,
    AdamW: optim.AdamW,
    RMSprop: optim.RMSprop,
    Adagrad: optim.Adagrad,
  }[kind];
  return new ctor(params, opts as never) as unknown as optim.Optimizer<{ lr: number }>;
}

/** f(p) = ½ pᵀAp − bᵀp, so ∇f = Ap − b (A symmetric). */
function lossOf(p: Tensor): Tensor {
  return p.matmul(A).matmul(p).mul(0.5).sub(p.matmul(b));
}

describe('optimisers follow PyTorch’s update rules (5 steps on a quadratic, float64)', () => {
  it('has the cases', () => expect(golden.cases.length).toBe(12));

  for (const c of golden.cases) {
    it(`${c.kind} ${c.name}`, () => {
      const p = new nn.Parameter(dec(golden.p0).copy());
      const data = p.data;
      const opt = make(c.kind, [p], c.opts);
      for (let step = 0; step < 5; step++) {
        opt.zeroGrad();
        lossOf(p).backward();
        opt.step();
        expectArray(p.data, c.params[step], { rtol: 1e-12, atol: 1e-14 });
      }
      expect(p.data).toBe(data); // updated in place
    });
  }

  it('the one-pass update of contiguous arrays equals the ufunc sequence for strided ones', () => {
    // A (4, 3) parameter stored as the transpose of a (3, 4) array is not C-contiguous, so its
    // update takes the general nd path; the same values stored contiguously take the fused loop.
    for (const c of golden.cases) {
      const p0 = nd.random.defaultRng(1).standardNormal([4, 3]);
      const contiguous = new nn.Parameter(p0.copy());
      const strided = new nn.Parameter(p0.T.copy().T);
      expect(strided.data.flags.cContiguous).toBe(false);
      const o1 = make(c.kind, [contiguous], c.opts);
      const o2 = make(c.kind, [strided], c.opts);
      const target = nd.random.defaultRng(2).standardNormal([4, 3]);
      for (let step = 0; step < 4; step++) {
        for (const [p, o] of [
          [contiguous, o1],
          [strided, o2],
        ] as const) {
          o.zeroGrad();
          p.sub(new Tensor(target)).pow(2).sum().backward();
          o.step();
        }
        const diff = nd.abs(nd.subtract(strided.data, contiguous.data)).max().item();
        expect(diff, `${c.kind} ${c.name} step ${step}`).toBeLessThan(1e-12);
      }
    }
  });

  it('float32 parameters stay float32 and follow the float64 trajectory closely', () => {
    const c = golden.cases.find((x) => x.name === 'adam')!;
    const p = new nn.Parameter(dec(golden.p0).astype('float32'));
    const A32 = new Tensor(A.data.astype('float32'));
    const b32 = new Tensor(b.data.astype('float32'));
    const opt = new optim.Adam([p], c.opts);
    for (let step = 0; step < 5; step++) {
      opt.zeroGrad();
      p.matmul(A32).matmul(p).mul(0.5).sub(p.matmul(b32)).backward();
      opt.step();
    }
    expect(p.dtype).toBe('float32');
    expectArray(p.data.astype('float64'), c.params[4], { rtol: 1e-4, atol: 1e-5, dtype: false });
  });
});

describe('Optimizer machinery', () => {
  it('parameter groups take their own options, defaults fill the rest', () => {
    const w1 = new nn.Parameter(nd.ones([2], { dtype: 'float64' }));
    const w2 = new nn.Parameter(nd.ones([2], { dtype: 'float64' }));
    const opt = new optim.SGD([{ params: [w1] }, { params: [w2], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([
      [0.1, 0.9],
      [0.5, 0.9],
    ]);
    w1.grad = new Tensor(nd.ones([2], { dtype: 'float64' }));
    w2.grad = new Tensor(nd.ones([2], { dtype: 'float64' }));
    opt.step();
    expect(w1.data.toArray()).toEqual([0.9, 0.9]);
    expect(w2.data.toArray()).toEqual([0.5, 0.5]);
    expect(() => new optim.SGD([{ params: [w1] }, { params: [w1] }])).toThrow(
      'more than one parameter group',
    );
    expect(() => new optim.Adam([], {})).toThrow('empty parameter list');
    expect(() => new optim.SGD([w1], { lr: -1 })).toThrow('invalid learning rate value: -1');
    expect(() => new optim.SGD([w1], { nesterov: true })).toThrow('Nesterov momentum requires a momentum');
  });

  it('skips parameters without gradients; zeroGrad sets to null or zeros', () => {
    const w = new nn.Parameter(nd.ones([2], { dtype: 'float64' }));
    const v = new nn.Parameter(nd.ones([2], { dtype: 'float64' }));
    const opt = new optim.Adam([w, v], { lr: 0.1 });
    w.grad = new Tensor(nd.ones([2], { dtype: 'float64' }));
    opt.step();
    expect(v.data.toArray()).toEqual([1, 1]);
    expect(opt.state.has(v)).toBe(false);
    opt.zeroGrad(false);
    expect(w.grad!.data.toArray()).toEqual([0, 0]);
    opt.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it('stateDict → loadStateDict resumes exactly (Adam with amsgrad)', () => {
    const c = golden.cases.find((x) => x.name === 'adam_amsgrad_wd')!;
    const run = (split: boolean): nd.NDArray => {
      const p = new nn.Parameter(dec(golden.p0).copy());
      let opt = new optim.Adam([p], c.opts);
      for (let step = 0; step < 5; step++) {
        if (split && step === 2) {
          const sd = JSON.parse(
            JSON.stringify(opt.stateDict(), (_k, v) => (v instanceof nd.NDArray ? { nd: v.toArray() } : v)),
            (_k, v) => (v && typeof v === 'object' && 'nd' in v ? nd.array(v.nd, { dtype: 'float64' }) : v),
          );
          opt = new optim.Adam([p], { lr: 123 });
          opt.loadStateDict(sd);
          expect(opt.paramGroups[0].lr).toBe(0.1);
        }
        opt.zeroGrad();
        lossOf(p).backward();
        opt.step();
      }
      return p.data;
    };
    expect(nd.arrayEqual(run(true), run(false))).toBe(true);
    expectArray(run(true), c.params[4], { rtol: 1e-12 });
    const sd = new optim.Adam([new nn.Parameter(nd.ones([3]))]).stateDict();
    const other = new optim.Adam([new nn.Parameter(nd.ones([3])), new nn.Parameter(nd.ones([3]))]);
    expect(() => other.loadStateDict(sd)).toThrow('parameter group of 1 parameters');
  });

  it('a closure recomputes the loss and returns it', () => {
    const p = new nn.Parameter(dec(golden.p0).copy());
    const opt = new optim.SGD([p], { lr: 0.1 });
    const loss = opt.step(() => {
      opt.zeroGrad();
      const l = lossOf(p);
      l.backward();
      return l;
    });
    expect(typeof loss).toBe('number');
    expectArray(p.data, golden.cases[0].params[0], { rtol: 1e-12 });
  });
});

describe('gradient clipping', () => {
  it('clipGradNorm scales all gradients together and returns the norm before', () => {
    const a = new nn.Parameter(nd.zeros([2], { dtype: 'float64' }));
    const c = new nn.Parameter(nd.zeros([1], { dtype: 'float64' }));
    a.grad = new Tensor(nd.array([3, 0], { dtype: 'float64' }));
    c.grad = new Tensor(nd.array([4], { dtype: 'float64' }));
    expect(optim.clipGradNorm([a, c], 1)).toBeCloseTo(5, 12);
    expect(Number(a.grad.data.item(0))).toBeCloseTo(3 / (5 + 1e-6), 12);
    expect(Number(c.grad.data.item(0))).toBeCloseTo(4 / (5 + 1e-6), 12);
    expect(optim.clipGradNorm([a, c], 10)).toBeCloseTo(1, 5); // below maxNorm: unchanged
    expect(Number(a.grad.data.item(0))).toBeCloseTo(3 / (5 + 1e-6), 12);
    a.grad = new Tensor(nd.array([-3, 2], { dtype: 'float64' }));
    expect(optim.clipGradNorm([a, c], 1, Infinity)).toBe(3);
    expect(optim.clipGradNorm([a, c], 100, 1)).toBeCloseTo(3 / 3 + 2 / 3 + 4 / (5 + 1e-6) / 3, 5); // after the ∞-norm clip
  });

  it('gradients shared by two parameters are clipped once', () => {
    const x = new nn.Parameter(nd.ones([3], { dtype: 'float64' }));
    const y = new nn.Parameter(nd.ones([3], { dtype: 'float64' }));
    x.add(y).mul(2).sum().backward(); // autograd may hand one gradient array to both
    optim.clipGradNorm([x, y], 1);
    const norm = Math.hypot(...(x.grad!.data.toArray() as number[]), ...(y.grad!.data.toArray() as number[]));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('clipGradValue clamps elementwise', () => {
    const p = new nn.Parameter(nd.zeros([3], { dtype: 'float64' }));
    p.grad = new Tensor(nd.array([-5, 0.5, 5], { dtype: 'float64' }));
    optim.clipGradValue([p], 1);
    expect(p.grad.data.toArray()).toEqual([-1, 0.5, 1]);
  });
});
