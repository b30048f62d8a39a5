/** Small seeded models learn: an MLP on moons, an LSTM that remembers, a CNN on real digits. */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import { crossEntropy } from '../../src/autograd/functional.js';
import * as nn from '../../src/nn/index.js';
import * as optim from '../../src/optim/index.js';
import { makeMoons } from '../../src/data/generated.js';

/** Fraction of rows whose arg-max equals the label. */
function accuracy(logits: Tensor, y: nd.NDArray): number {
  return Number(logits.data.argmax({ axis: 1 }).eq(y).astype('float64').mean().item());
}

describe('learning', () => {
  it('a seeded 2-16-16-2 MLP learns moons to ≥ 97% with Adam', () => {
    const rng = nd.random.defaultRng(0);
    const { X, y } = makeMoons(200, { noise: 0.1, rng });
    const x = new Tensor(X.astype('float32'));
    const model = new nn.Sequential(
      new nn.Linear(2, 16, { rng }),
      new nn.Tanh(),
      new nn.Linear(16, 16, { rng }),
      new nn.Tanh(),
      new nn.Linear(16, 2, { rng }),
    );
    const opt = new optim.Adam(model.parameters(), { lr: 0.05 });
    let loss = Infinity;
    for (let step = 0; step < 150; step++) {
      opt.zeroGrad();
      const l = crossEntropy(model.call(x), y); // (,)
      l.backward();
      opt.step();
      loss = l.item();
    }
    expect(loss).toBeLessThan(0.1);
    expect(accuracy(model.call(x), y)).toBeGreaterThanOrEqual(0.97);
  });

  it('a tiny LSTM learns to recall the first bit of a sequence', () => {
    const rng = nd.random.defaultRng(1);
    class Recall extends nn.Module {
      lstm = new nn.LSTM(1, 8, { batchFirst: true, rng });
      head = new nn.Linear(8, 2, { rng });
      forward(x: Tensor): Tensor {
        const [, [hn]] = this.lstm.call(x); // hn (1, B, 8)
        return this.head.call(hn.squeeze(0)); // (B, 2)
      }
    }
    const model = new Recall();
    const opt = new optim.Adam(model.parameters(), { lr: 0.05 });
    const batch = (n: number): [Tensor, nd.NDArray] => {
      const bits = rng.integers(0, 2, [n, 6]);
      return [new Tensor(bits.astype('float32').reshape(n, 6, 1)), bits.get(nd.slice(), 0).astype('int64')];
    };
    for (let step = 0; step < 120; step++) {
      const [x, y] = batch(32);
      opt.zeroGrad();
      crossEntropy(model.call(x), y).backward();
      optim.clipGradNorm(model.parameters(), 1);
      opt.step();
    }
    const [x, y] = batch(200);
    expect(accuracy(model.call(x), y)).toBeGreaterThanOrEqual(0.95);
  });

  it('a tiny CNN’s loss falls on 200 embedded MNIST digits', async () => {
    let images: nd.NDArray;
    let labels: nd.NDArray;
    try {
      const { loadEmbeddedMnist } = await import('../../src/data/mnist.js');
      const { train } = await loadEmbeddedMnist();
      images = train.images.get(nd.slice(0, 200)).reshape(200, 1, 28, 28);
      labels = train.labels.get(nd.slice(0, 200));
    } catch {
      // the data module is not there: synthetic images whose class is the bright quadrant
      const rng = nd.random.defaultRng(3);
      labels = rng.integers(0, 4, [200]).astype('int64');
      const img = rng.uniform(0, 0.3, [200, 1, 28, 28]);
      for (let i = 0; i < 200; i++) {
        const q = Number(labels.item(i));
        img.set(
          [i, 0, nd.slice((q >> 1) * 14, (q >> 1) * 14 + 14), nd.slice((q & 1) * 14, (q & 1) * 14 + 14)],
          1,
        );
      }
      images = img.astype('float32');
    }
    const rng = nd.random.defaultRng(4);
    const model = new nn.Sequential(
      new nn.Conv2d(1, 8, 3, { padding: 1, rng }), // (B, 8, 28, 28)
      new nn.ReLU(),
      new nn.MaxPool2d(2), // (B, 8, 14, 14)
      new nn.Conv2d(8, 16, 3, { rng }), // (B, 16, 12, 12)
      new nn.ReLU(),
      new nn.MaxPool2d(2), // (B, 16, 6, 6)
      new nn.Flatten(), // (B, 576)
      new nn.Linear(16 * 6 * 6, 10, { rng }), // (B, 10)
    );
    const opt = new optim.Adam(model.parameters(), { lr: 2e-3 });
    const x = new Tensor(images.astype('float32'));
    const first = crossEntropy(model.call(x), labels).item();
    for (let epoch = 0; epoch < 6; epoch++) {
      for (let s = 0; s < 200; s += 50) {
        const xb = x.index(nd.slice(s, s + 50));
        const yb = labels.get(nd.slice(s, s + 50));
        opt.zeroGrad();
        crossEntropy(model.call(xb), yb).backward();
        opt.step();
      }
    }
    const last = crossEntropy(model.call(x), labels).item();
    expect(last).toBeLessThan(first * 0.5);
    expect(accuracy(model.call(x), labels)).toBeGreaterThan(0.7);
  });
});
