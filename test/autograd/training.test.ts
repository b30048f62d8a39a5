/**
 * Learning happens: micrograd's moons demo with Value and with Tensor (2-16-16-1, 100 points,
 * noise 0.1, 100% training accuracy), and a hand-written NumPy-style backward of a 2-layer MLP
 * equal to the Tensor gradient.
 */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { makeMoons } from '../../src/data/generated.js';
import { MLP, Value, noGrad, tensor, type Tensor } from '../../src/autograd/index.js';

const { X, y } = makeMoons(100, { noise: 0.1, rng: nd.random.defaultRng(1) });
const xs = X.toArray() as number[][];
const ys = (y.toArray() as number[]).map((t) => t * 2 - 1); // labels −1 / +1

describe('moons, 2-16-16-1, max-margin loss, 100 SGD steps', () => {
  it('with Value (micrograd): 100% training accuracy', () => {
    const rng = nd.random.defaultRng(1337);
    const model = new MLP(2, [16, 16, 1], { random: () => Number(rng.random()) });
    let acc = 0;
    // micrograd's schedule over at most 100 steps; stop once every point is classified right
    for (let k = 0; k < 100 && acc < 1; k++) {
      const scores = xs.map((x) => model.call(x)[0]);
      const losses = scores.map((s, i) => s.mul(-ys[i]).add(1).relu());
      let dataLoss = new Value(0);
      for (const l of losses) dataLoss = dataLoss.add(l);
      dataLoss = dataLoss.div(losses.length);
      let reg = new Value(0);
      for (const p of model.parameters()) reg = reg.add(p.mul(p));
      const total = dataLoss.add(reg.mul(1e-4));
      acc = scores.filter((s, i) => s.data > 0 === ys[i] > 0).length / xs.length;
      total.backward();
      const lr = 1 - (0.9 * k) / 100;
      for (const p of model.parameters()) p.data -= lr * p.grad;
    }
    expect(acc).toBe(1);
  });

  it('with Tensor: 100% training accuracy', () => {
    const rng = nd.random.defaultRng(1337);
    const init = (i: number, o: number) =>
      tensor(rng.uniform(-1, 1, [i, o]), { dtype: 'float64', requiresGrad: true });
    const params = [
      init(2, 16),
      tensor(nd.zeros([16]), { requiresGrad: true, dtype: 'float64' }),
      init(16, 16),
      tensor(nd.zeros([16]), { requiresGrad: true, dtype: 'float64' }),
      init(16, 1),
      tensor(nd.zeros([1]), { requiresGrad: true, dtype: 'float64' }),
    ];
    const [w1, b1, w2, b2, w3, b3] = params;
    const Xt = tensor(X, { dtype: 'float64' });
    const Yt = tensor(nd.array(ys), { dtype: 'float64' }).reshape(100, 1);
    let acc = 0;
    for (let k = 0; k < 100 && acc < 1; k++) {
      const scores = Xt.matmul(w1).add(b1).relu().matmul(w2).add(b2).relu().matmul(w3).add(b3); // (100, 1)
      const dataLoss = scores.mul(Yt).neg().add(1).relu().mean();
      const reg = params.map((p) => p.square().sum()).reduce((a: Tensor, b: Tensor) => a.add(b));
      const total = dataLoss.add(reg.mul(1e-4));
      acc = Number(scores.data.gt(0).eq(Yt.data.gt(0)).mean().item());
      total.backward();
      const lr = 1 - (0.9 * k) / 100;
      noGrad(() => {
        for (const p of params) {
          p.data.sub_(p.grad!.data.mul(lr));
          p.zeroGrad();
        }
      });
    }
    expect(acc).toBe(1);
  });
});

describe('a hand-written backward equals autograd (float64)', () => {
  it('2-layer MLP with tanh and softmax cross-entropy: every gradient to 1e-10', () => {
    const rng = nd.random.defaultRng(7);
    const x = rng.standardNormal([8, 5]);
    const labels = rng.integers(0, 3, [8]);
    const W1 = rng.standardNormal([5, 6]).mul(0.5);
    const b1 = rng.standardNormal([6]).mul(0.1);
    const W2 = rng.standardNormal([6, 3]).mul(0.5);
    const b2 = rng.standardNormal([3]).mul(0.1);
    // forward and backward by hand, nd only
    const z1 = x.matmul(W1).add(b1); // (8, 6)
    const h = nd.tanh(z1);
    const z2 = h.matmul(W2).add(b2); // (8, 3)
    const e = nd.exp(z2.sub(z2.max({ axis: 1, keepdims: true })));
    const p = e.div(e.sum({ axis: 1, keepdims: true }));
    const onehot = nd.arange(3).reshape(1, 3).eq(labels.reshape(8, 1)).astype('float64');
    const dz2 = p.sub(onehot).div(8); // ∂L/∂z2 for mean cross-entropy
    const dW2 = h.T.matmul(dz2);
    const db2 = dz2.sum({ axis: 0 });
    const dh = dz2.matmul(W2.T);
    const dz1 = dh.mul(nd.square(h).neg().add(1)); // tanh' = 1 − tanh²
    const dW1 = x.T.matmul(dz1);
    const db1 = dz1.sum({ axis: 0 });
    // the same with autograd
    const ps = [W1, b1, W2, b2].map((a) => tensor(a, { requiresGrad: true }));
    const logits = tensor(x).matmul(ps[0]).add(ps[1]).tanh().matmul(ps[2]).add(ps[3]);
    const loss = logits.logSoftmax(1).gather(1, labels.reshape(8, 1)).neg().mean();
    loss.backward();
    [dW1, db1, dW2, db2].forEach((want, i) => {
      const got = ps[i].grad!.data;
      expect(nd.absolute(got.sub(want)).max().item()).toBeLessThan(1e-10);
    });
  });
});
