/**
 * The convolution's bias gradient: computed by the weight-gradient kernel in the same pass over dy
 * when the weight also needs its gradient, else by a sum — both equal Σ_{b,oh,ow} dy, and both stay
 * differentiable (grad of grad through the bias).
 */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import { gradcheck } from '../../src/autograd/gradcheck.js';
import { grad } from '../../src/autograd/grad.js';
import { concat } from '../../src/autograd/ops/movement.js';
import * as C from '../../src/autograd/ops/conv.js';
import * as nn from '../../src/nn/index.js';

const rng = nd.random.defaultRng(11);

function maxAbs(a: nd.NDArray, b: nd.NDArray): number {
  return Number(nd.abs(nd.subtract(a, b)).max().item());
}

describe('conv2d bias gradient', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: with and without the weight gradient, = Σ dy over batch, height and width`, () => {
      const x = new Tensor(rng.standardNormal([3, 4, 9, 8]).astype(dtype), { requiresGrad: true });
      const dy = rng.standardNormal([3, 6, 5, 4]).astype(dtype);
      const want = dy.sum({ axis: [0, 2, 3] }); // (6,)
      for (const wantW of [true, false]) {
        const w = new Tensor(rng.standardNormal([6, 2, 3, 3]).astype(dtype), { requiresGrad: wantW });
        const b = new Tensor(rng.standardNormal([6]).astype(dtype), { requiresGrad: true });
        const y = C.conv2d(x, w, b, { stride: 2, padding: 1, groups: 2 }); // (3, 6, 5, 4)
        y.backward(dy);
        expect(b.grad!.dtype).toBe(dtype);
        expect(b.grad!.shape).toEqual([6]);
        expect(maxAbs(b.grad!.data, want)).toBeLessThan(dtype === 'float32' ? 1e-4 : 1e-12);
        expect(w.grad === null).toBe(!wantW);
        x.grad = null;
      }
    });
  }

  it('Conv2d layer: one backward fills weight and bias gradients; a second accumulates', () => {
    const m = new nn.Conv2d(1, 5, 3, { padding: 1, rng: nd.random.defaultRng(0) });
    const x = new Tensor(rng.standardNormal([4, 1, 7, 7]).astype('float32'));
    m.call(x).sum().backward();
    const first = m.bias!.grad!.data.copy();
    expect(maxAbs(first, nd.full([5], 4 * 7 * 7, { dtype: 'float32' }))).toBe(0); // Σ of ones over (4, 7, 7)
    m.call(x).sum().backward();
    expect(maxAbs(m.bias!.grad!.data, nd.multiply(first, 2))).toBe(0);
  });

  it('grad of grad through the bias equals finite differences (float64)', () => {
    const f = (x: Tensor, w: Tensor, b: Tensor): Tensor => C.conv2d(x, w, b, { stride: 2, padding: 1 });
    const gradOf = (x: Tensor, w: Tensor, b: Tensor): Tensor => {
      const gs = grad((p: Tensor, q: Tensor, r: Tensor) => f(p, q, r).square().sum(), [0, 1, 2])(
        x,
        w,
        b,
      ) as Tensor[];
      return concat(gs.map((g) => g.flatten()));
    };
    const input = (...shape: number[]): Tensor => new Tensor(rng.normal(0, 1, shape), { requiresGrad: true });
    expect(gradcheck(gradOf, [input(2, 2, 4, 5), input(3, 2, 2, 2), input(3)])).toBe(true);
  });
});
