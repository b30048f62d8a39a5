/**
 * The Tensor engine: golden values of guide ch.05 in all three styles, finite-difference checks
 * of every op in float64, second derivatives, errors, and a 1,000-step loop with a flat heap.
 */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import {
  F,
  GradientTape,
  Tensor,
  concat,
  gather,
  grad,
  gradcheck,
  noGrad,
  pad,
  scatterAdd,
  split,
  stack,
  tensor,
  valueAndGrad,
  where,
} from '../../src/autograd/index.js';

const rng = nd.random.defaultRng(1234);
/** A float64 leaf with values in [−1, 1) scaled, requiring grad. */
function rand(shape: number[], scale = 1, shift = 0): Tensor {
  return tensor(rng.random(shape).mul(2).sub(1).mul(scale).add(shift), {
    dtype: 'float64',
    requiresGrad: true,
  });
}

describe('guide ch.05: the same gradient three ways', () => {
  const w0 = () => tensor(nd.full([3, 2], 0.1), { dtype: 'float64', requiresGrad: true });
  const b0 = () => tensor(nd.zeros([2]), { dtype: 'float64', requiresGrad: true });
  const x = tensor([[1, 2, 3]], { dtype: 'float64' });
  const lossOf = (w: Tensor, b: Tensor) => x.matmul(w).add(b).tanh().square().mean();
  const check = (loss: number, dw: Tensor, db: Tensor) => {
    expect(loss).toBeCloseTo(0.288422, 6);
    const g = dw.toArray() as number[][];
    [0.382153, 0.764305, 1.146458].forEach((v, i) => {
      expect(g[i][0]).toBeCloseTo(v, 6);
      expect(g[i][1]).toBeCloseTo(v, 6);
    });
    (db.toArray() as number[]).forEach((v) => expect(v).toBeCloseTo(0.382153, 6));
  };

  it('PyTorch style: loss.backward()', () => {
    const w = w0();
    const b = b0();
    const loss = lossOf(w, b);
    loss.backward();
    check(loss.item(), w.grad!, b.grad!);
  });
  it('JAX style: grad(f, argnums) and valueAndGrad', () => {
    const [dw, db] = grad(lossOf, [0, 1])(w0(), b0());
    const [value] = valueAndGrad(lossOf, [0, 1])(w0(), b0());
    check(value.item(), dw, db);
  });
  it('TensorFlow style: GradientTape', () => {
    const w = w0();
    const b = b0();
    const tape = new GradientTape();
    const loss = tape.record(() => lossOf(w, b));
    const [dw, db] = tape.gradient(loss, [w, b]);
    check(loss.item(), dw, db);
    expect(() => tape.gradient(loss, [w])).toThrow(/only be called once/);
  });
});

describe('finite-difference checks of every differentiable op (float64, broadcasting)', () => {
  const pos = (shape: number[]) => rand(shape, 0.5, 1.5); // in (1, 2): safe for log, sqrt, pow, div
  const cases: [string, () => [(...t: Tensor[]) => Tensor, Tensor[]]][] = [
    ['add (broadcast)', () => [(a, b) => a.add(b), [rand([3, 4]), rand([4])]]],
    ['sub (broadcast)', () => [(a, b) => a.sub(b), [rand([2, 1, 3]), rand([4, 1])]]],
    ['mul (broadcast)', () => [(a, b) => a.mul(b), [rand([3, 1]), rand([1, 5])]]],
    ['div', () => [(a, b) => a.div(b), [rand([2, 3]), pos([3])]]],
    ['pow tensor', () => [(a, b) => a.pow(b), [pos([2, 3]), rand([2, 3])]]],
    ['pow scalar', () => [(a) => a.pow(3), [rand([4])]]],
    ['neg exp log sqrt', () => [(a) => a.neg().exp().add(a.log()).add(a.sqrt()), [pos([3, 2])]]],
    ['sin cos tanh sigmoid', () => [(a) => a.sin().mul(a.cos()).add(a.tanh()).add(a.sigmoid()), [rand([5])]]],
    ['abs relu', () => [(a) => a.abs().add(a.relu()), [rand([6], 1, 0.05)]]],
    [
      'relu of a transposed (non-contiguous) view',
      () => [(a) => a.transpose(0, 1).relu(), [rand([3, 4], 1, 0.05)]],
    ],
    ['maximum minimum', () => [(a, b) => a.maximum(b).add(a.minimum(b.mul(0.5))), [rand([3, 4]), rand([4])]]],
    ['clamp', () => [(a) => a.clamp(-0.5, 0.5), [rand([8])]]],
    ['where', () => [(a, b) => where(a.data.gt(0), a.mul(2), b), [rand([3, 3]), rand([3])]]],
    ['matmul 2-D', () => [(a, b) => a.matmul(b), [rand([3, 4]), rand([4, 2])]]],
    ['matmul batched broadcast', () => [(a, b) => a.matmul(b), [rand([2, 3, 4]), rand([4, 5])]]],
    ['matmul vector', () => [(a, b) => a.matmul(b), [rand([4]), rand([2, 4, 3])]]],
    [
      'sum axes keepdims',
      () => [(a) => a.sum({ axis: [0, 2], keepdims: true }).mul(a.sum({ axis: 1 }).sum()), [rand([2, 3, 4])]],
    ],
    ['mean', () => [(a) => a.mean({ axis: -1 }), [rand([3, 5])]]],
    ['max min', () => [(a) => a.max({ axis: 1 }).add(a.min({ axis: 1 })), [rand([3, 5])]]],
    ['var std', () => [(a) => a.var({ axis: 0, ddof: 1 }).add(a.std({ axis: 0 })), [rand([4, 3])]]],
    ['logsumexp', () => [(a) => a.logsumexp({ axis: 1 }), [rand([3, 4], 3)]]],
    [
      'reshape permute expand',
      () => [
        (a) =>
          a
            .reshape(3, 2, 2)
            .permute(2, 0, 1)
            .expand(4, 2, 3, 2)
            .mul(a.reshape(1, 1, 3, 4).index('0, 0, :, 0:2')),
        [rand([12])],
      ],
    ],
    [
      'transpose squeeze unsqueeze flatten',
      () => [(a) => a.transpose(0, 1).unsqueeze(0).squeeze(0).flatten(), [rand([2, 3])]],
    ],
    [
      'index basic + advanced (repeats)',
      () => [
        (a) =>
          a
            .index('1:, ::-1')
            .sum()
            .add(a.index([0, 0, 2], [1, 1, 0]).mul(2).sum()),
        [rand([3, 4])],
      ],
    ],
    [
      'concat stack split pad',
      () => [
        (a, b) =>
          concat([a, b], 1)
            .mul(stack([a, a], 0).sum({ axis: 0 }).index(':, :1'))
            .add(
              split(
                pad(b, [
                  [1, 0],
                  [0, 2],
                ]),
                [2, 3],
                0,
              )[1].sum(),
            ),
        [rand([4, 2]), rand([4, 3])],
      ],
    ],
    [
      'gather scatterAdd',
      () => [
        (a, b) =>
          gather(
            a,
            1,
            nd.array([
              [0, 2],
              [1, 1],
            ]),
          ).mul(
            scatterAdd(
              b,
              1,
              nd.array([
                [0, 0],
                [2, 1],
              ]),
              a.index(':, :2'),
            ).index(':, :2'),
          ),
        [rand([2, 3]), rand([2, 3])],
      ],
    ],
    ['softmax logSoftmax', () => [(a) => a.softmax(-1).mul(a.logSoftmax(0)), [rand([3, 4], 2)]]],
    [
      'softmax, logSoftmax along a middle axis',
      () => [(a) => a.softmax(1).mul(a.logSoftmax(-2)).add(a.logSoftmax(2)), [rand([2, 3, 4], 2)]],
    ],
    [
      'crossEntropy',
      () => [(a) => F.crossEntropy(a, nd.array([0, 2, 1]), { labelSmoothing: 0.1 }), [rand([3, 4], 2)]],
    ],
    ['nll ignoreIndex', () => [(a) => F.nllLoss(a.logSoftmax(1), nd.array([0, -100, 1])), [rand([3, 4])]]],
    [
      'nll class weights, sum and none, (N, C, d) input',
      () => [
        (a) => {
          const w = tensor([0.5, 2, 1, 3], { dtype: 'float64' });
          const lp = a.logSoftmax(1);
          const t = nd.array([3, 0, 1]);
          return F.nllLoss(lp, t, { weight: w })
            .add(F.nllLoss(lp, t, { weight: w, reduction: 'sum' }))
            .add(
              F.nllLoss(lp, t, { reduction: 'none' })
                .mul(tensor([1, -2, 3], { dtype: 'float64' }))
                .sum(),
            )
            .add(F.crossEntropy(a.reshape([1, 3, 4]).transpose(1, 2), nd.array([[0, 3, 1]])));
        },
        [rand([3, 4])],
      ],
    ],
    [
      'bce with logits',
      () => [
        (a) => F.binaryCrossEntropyWithLogits(a, tensor([[0, 1, 1]], { dtype: 'float64' }).expand(2, 3)),
        [rand([2, 3], 3)],
      ],
    ],
    ['softplus', () => [(a) => F.softplus(a.mul(30)), [rand([5])]]],
    [
      'bce',
      () => [
        (a) => F.binaryCrossEntropy(a.sigmoid(), tensor([0, 1, 1, 0], { dtype: 'float64' })),
        [rand([4])],
      ],
    ],
    [
      'mse l1 huber',
      () => [
        (a, b) =>
          F.mseLoss(a, b)
            .add(F.l1Loss(a, b))
            .add(F.huberLoss(a.mul(3), b, { delta: 0.5 })),
        [rand([5]), rand([5])],
      ],
    ],
    [
      'kl div',
      () => [
        (a) =>
          F.klDiv(a.logSoftmax(1), tensor([[0.2, 0.3, 0.5]], { dtype: 'float64' }), {
            reduction: 'batchmean',
          }),
        [rand([1, 3])],
      ],
    ],
    ['hinge', () => [(a) => F.hingeLoss(a, nd.array([1, 0])), [rand([2, 3])]]],
    [
      'gelu silu leakyRelu',
      () => [
        (a) =>
          F.gelu(a)
            .add(F.silu(a))
            .add(F.leakyRelu(a, 0.1))
            .add(F.gelu(a, { approximate: 'tanh' })),
        [rand([6], 2, 0.03)],
      ],
    ],
    ['layerNorm', () => [(a, w, b) => F.layerNorm(a, [4], w, b), [rand([3, 4]), rand([4]), rand([4])]]],
    [
      'batchNorm (training)',
      () => [
        (a, w, b) => F.batchNorm(a, null, null, { weight: w, bias: b }),
        [rand([4, 3, 2]), rand([3]), rand([3])],
      ],
    ],
    [
      'embedding',
      () => [
        (w) =>
          F.embedding(
            nd.array([
              [1, 0],
              [1, 3],
            ]),
            w,
          ),
        [rand([4, 3])],
      ],
    ],
    ['linear', () => [(x, w, b) => F.linear(x, w, b), [rand([2, 3]), rand([4, 3]), rand([4])]]],
    ['linear, 3-D input', () => [(x, w, b) => F.linear(x, w, b), [rand([2, 2, 3]), rand([4, 3]), rand([4])]]],
    ['linear, 1-D input, no bias', () => [(x, w) => F.linear(x, w), [rand([3]), rand([4, 3])]]],
    [
      'linear, input as a transposed view',
      () => [(x, w, b) => F.linear(x.transpose(0, 1), w, b), [rand([3, 5]), rand([2, 3]), rand([2])]],
    ],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const [f, inputs] = make();
      expect(gradcheck(f, inputs)).toBe(true);
    });
  }
});

describe('binaryCrossEntropyWithLogits at z = 0', () => {
  it('has gradient σ(0) − y = 0.5 − y', () => {
    const z = tensor([0, 0], { dtype: 'float64', requiresGrad: true });
    F.binaryCrossEntropyWithLogits(z, tensor([1, 0], { dtype: 'float64' }), { reduction: 'sum' }).backward();
    expect(z.grad!.toArray()).toEqual([-0.5, 0.5]);
  });
});

describe('higher derivatives and modes', () => {
  it('grad(grad(f)) of elementwise ops: d²/dx² (x³ + sin x) = 6x − sin x', () => {
    const f = (x: Tensor) => x.pow(3).add(x.sin()).sum();
    const g2 = grad((x: Tensor) => grad(f)(x).sum());
    const x = tensor([0.5, -1.2, 2], { dtype: 'float64' });
    const got = g2(x).toArray() as number[];
    [0.5, -1.2, 2].forEach((v, i) => expect(got[i]).toBeCloseTo(6 * v - Math.sin(v), 10));
  });
  it('grad(grad(f)) through matmul: d/dA of ‖∂(xAᵀA x)/∂x‖² is checked numerically', () => {
    const A = rand([3, 3]);
    const x = tensor([[0.3], [-0.2], [0.7]], { dtype: 'float64' });
    const h = (a: Tensor) => {
      const inner = grad((v: Tensor) => a.matmul(v).square().sum())(x);
      return inner.square().sum();
    };
    expect(gradcheck(h, [A])).toBe(true);
  });
  it('grad(grad(f)) through linear: d/dW of ‖∂ sum(tanh(linear(x, W, b)))/∂x‖² is checked numerically', () => {
    const x = rand([2, 3]);
    const b = rand([4]);
    const h = (w: Tensor) =>
      grad((v: Tensor) => F.linear(v, w, b).tanh().sum())(x)
        .square()
        .sum();
    expect(gradcheck(h, [rand([4, 3])])).toBe(true);
  });
  it('grad(grad(f)) through softmax and logSoftmax is checked numerically', () => {
    const x = rand([2, 3]);
    const h = (w: Tensor) =>
      grad((v: Tensor) => v.mul(w).softmax(1).mul(v.logSoftmax(0)).sum())(x)
        .square()
        .sum();
    expect(gradcheck(h, [rand([2, 3])])).toBe(true);
  });
  it('grad(grad(f)) through crossEntropy is checked numerically', () => {
    const x = rand([3, 4]);
    const h = (w: Tensor) =>
      grad((v: Tensor) => F.crossEntropy(v.mul(w), nd.array([1, 0, 3])))(x)
        .square()
        .sum();
    expect(gradcheck(h, [rand([3, 4])])).toBe(true);
  });
  it('relu: NaN and −0 pass through like np.maximum(x, 0); the gradient is 1 only where x > 0', () => {
    const x = tensor([-1, -0, 0, 2, NaN], { dtype: 'float32', requiresGrad: true });
    const y = x.relu();
    expect(y.toArray()).toEqual([0, -0, 0, 2, NaN]);
    expect(Object.is((y.toArray() as number[])[1], -0)).toBe(true);
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 0, 0, 1, 0]);
    // second derivative through relu (grad mode on inside the backward) is zero
    const z = tensor([0.5, -0.5], { dtype: 'float64' });
    const h = grad((v: Tensor) => grad((u: Tensor) => u.relu().square().sum())(v).sum());
    expect(h(z).toArray()).toEqual([2, 0]);
  });
  it('linear names the shapes that do not fit', () => {
    expect(() => F.linear(rand([2, 5]), rand([4, 3]))).toThrow(
      "linear: input (2,5) and weight (4,3) do not fit: the input's last dimension must be in_features = 3",
    );
    expect(() => F.linear(rand([2, 3]), rand([4, 3]), rand([3]))).toThrow(
      'linear: bias must have shape (4,), got (3,)',
    );
  });
  it('every leaf gets a .grad in memory of its own (kept without a copy only when nothing else sees it)', () => {
    const a = rand([2, 3]);
    const b = rand([2, 3]);
    const c = rand([2, 3]);
    const seed = tensor(nd.ones([2, 3]), { dtype: 'float64' });
    // a and b receive the very same gradient array from add; c's comes from mul (a fresh array);
    // the root gets the caller's seed.
    const h = a.add(b);
    h.retainGrad();
    const y = h.add(c.mul(3));
    y.backward(seed);
    const arrays = [a.grad!.data, b.grad!.data, c.grad!.data, h.grad!.data, seed.data];
    for (let i = 0; i < arrays.length; i++)
      for (let j = i + 1; j < arrays.length; j++) expect(nd.sharesMemory(arrays[i], arrays[j])).toBe(false);
    for (const x of [a, b, c]) expect(nd.sharesMemory(x.grad!.data, x.data)).toBe(false);
    a.grad!.data.mul_(0);
    expect(b.grad!.toArray()).toEqual(nd.ones([2, 3]).toArray());
    expect(c.grad!.toArray()).toEqual(nd.full([2, 3], 3).toArray());
    // a leaf that is the root keeps a copy of the seed, not the seed itself
    const leaf = rand([2]);
    const g = tensor([1, 2], { dtype: 'float64' });
    leaf.backward(g);
    g.data.mul_(10);
    expect(leaf.grad!.toArray()).toEqual([1, 2]);
  });
  it('recycled intermediate gradients never alias live memory: backward() matches grad() step after step', () => {
    const rng = nd.random.defaultRng(5);
    const w1 = tensor(rng.standardNormal([32, 48]).astype('float32'), { requiresGrad: true });
    const b1 = tensor(rng.standardNormal([32]).astype('float32'), { requiresGrad: true });
    const w2 = tensor(rng.standardNormal([10, 32]).astype('float32'), { requiresGrad: true });
    const x = tensor(rng.standardNormal([64, 48]).astype('float32'));
    const labels = rng.integers(0, 10, [64]);
    const keep: Tensor[] = [];
    const loss = (a: Tensor, b: Tensor, c: Tensor) => {
      const h = F.linear(x, a, b).relu(); // 64 × 32 float32: 8 KiB, pooled
      keep.push(h);
      const z = h.add(h.mul(0.5)).reshape([64, 32]); // add hands g to both inputs; reshape a view
      const logits = F.linear(z, c);
      return F.crossEntropy(logits, labels).add(z.sum().mul(1e-3));
    };
    const params = [w1, b1, w2];
    const reference = grad(loss, [0, 1, 2]);
    for (let step = 0; step < 4; step++) {
      const want = reference(w1, b1, w2) as unknown as Tensor[];
      const hBefore = keep[keep.length - 1].data.copy();
      for (const p of params) p.grad = null;
      loss(w1, b1, w2).backward();
      params.forEach((p, i) =>
        expect(p.grad!.toArray(), `step ${step} param ${i}`).toEqual(want[i].toArray()),
      );
      // a forward value kept by the caller is untouched by the pool
      expect(keep[keep.length - 2].data.toArray()).toEqual(hBefore.toArray());
      expect(want[0].toArray()).not.toEqual(nd.zeros([32, 48]).toArray());
      for (const p of params) p.data.sub_(p.grad!.data.mul(0.01)); // move, so every step differs
    }
  });
  it('noGrad records nothing; detach cuts the graph', () => {
    const a = rand([2]);
    const b = noGrad(() => a.mul(2));
    expect(b.requiresGrad).toBe(false);
    expect(a.mul(2).detach().requiresGrad).toBe(false);
  });
  it('gradients accumulate across backward calls until zeroGrad', () => {
    const a = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    a.mul(3).sum().backward();
    a.mul(3).sum().backward();
    expect(a.grad!.toArray()).toEqual([6, 6]);
    a.zeroGrad();
    expect(a.grad).toBe(null);
  });
});

describe('errors say what to do', () => {
  it('matmul names the shapes', () => {
    expect(() => rand([2, 3]).matmul(rand([4, 5]))).toThrow(
      'matmul: shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)',
    );
  });
  it('backward twice on a freed graph', () => {
    const a = rand([2]);
    const l = a.exp().sum();
    l.backward();
    expect(() => l.backward()).toThrow(/second time.*retainGraph: true/);
    const m = a.exp().sum();
    m.backward(undefined, { retainGraph: true });
    m.backward();
  });
  it('backward of a non-scalar needs a gradient', () => {
    expect(() => rand([2, 2]).mul(2).backward()).toThrow(
      /grad can be implicitly created only for scalar outputs; this tensor has shape \(2,2\)/,
    );
  });
  it('crossEntropy rejects labels out of range', () => {
    expect(() => F.crossEntropy(rand([2, 3]), nd.array([0, 3]))).toThrow(
      'nllLoss: target 3 is out of bounds for 3 classes (valid labels are 0 … 2)',
    );
  });
});

describe('memory', () => {
  it('a 1,000-step training loop keeps a flat heap (graphs are freed)', () => {
    const w = tensor(rng.standardNormal([64, 32]).mul(0.1), { requiresGrad: true });
    const x = tensor(rng.standardNormal([16, 64]));
    const step = () => {
      const loss = x.matmul(w).tanh().square().mean();
      loss.backward();
      noGrad(() => {
        w.data.sub_(w.grad!.data.mul(0.01));
      });
      w.zeroGrad();
    };
    for (let i = 0; i < 200; i++) step();
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1000; i++) step();
    globalThis.gc?.();
    const after = process.memoryUsage().heapUsed;
    // without gc exposed we still expect no growth proportional to the 1,000 graphs (≈ MBs each)
    expect(after - before).toBeLessThan(16 * 1024 * 1024);
  });
});
