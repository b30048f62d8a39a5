/**
 * COURSE.md Day 3's multi-class part: Flatten → Dense(64, relu) → Dense(10, softmax) with Adam
 * and sparse categorical cross-entropy, one epoch at batch 32, on embedded MNIST digits; and a
 * small CNN (Day 5's framework version) for one short epoch.
 */
import { beforeAll, beforeEach, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { loadEmbeddedMnist } from '../../src/data/mnist.js';
import type { ImageSplits } from '../../src/data/mnist.js';
import * as keras from '../../src/keras/index.js';

let mnist: ImageSplits;
beforeAll(async () => {
  mnist = await loadEmbeddedMnist();
});
beforeEach(() => {
  keras.backend.clearSession();
  keras.utils.setRandomSeed(0);
});

function subset(n: number, split: 'train' | 'test' = 'train'): [nd.NDArray, nd.NDArray] {
  const s = mnist[split];
  return [s.images.get(nd.slice(0, n)), s.labels.get(nd.slice(0, n))];
}

it('an MLP learns digits in one epoch: test accuracy far above chance', async () => {
  const [x, y] = subset(960);
  const [xt, yt] = subset(500, 'test');
  const model = keras.Sequential([
    keras.Input([28, 28]),
    keras.layers.Flatten(),
    keras.layers.Dense(64, { activation: 'relu' }),
    keras.layers.Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  expect(model.countParams()).toBe(50890);
  const [loss0, acc0] = model.evaluate(xt, yt);
  expect(loss0).toBeGreaterThan(1.9); // ≈ ln 10 before training
  expect(acc0).toBeLessThan(0.3);
  const history = await model.fit(x, y, { epochs: 1, batchSize: 32 });
  expect(history.history.loss[0]).toBeLessThan(loss0);
  const [loss, acc] = model.evaluate(xt, yt, { batchSize: 100 });
  expect(loss).toBeLessThan(1.5);
  expect(acc).toBeGreaterThan(0.7);
  const probs = model.predict(xt.get(nd.slice(0, 5)));
  expect(probs.shape).toEqual([5, 10]);
  const rowSums = probs.sum({ axis: 1 }).toArray() as number[];
  for (const s of rowSums) expect(s).toBeCloseTo(1, 5);
});

it('a small CNN (channels last) trains on 28×28×1 digits', async () => {
  const [x, y] = subset(320);
  const [xt, yt] = subset(200, 'test');
  const model = keras.Sequential([
    keras.Input([28, 28, 1]),
    keras.layers.Conv2D(8, 3, { activation: 'relu' }),
    keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(),
    keras.layers.Dense(10, { activation: 'softmax' }),
  ]);
  expect(model.layers[0].getWeights()[0].shape).toEqual([3, 3, 1, 8]); // Keras's (kh, kw, cin, cout)
  expect(model.countParams()).toBe(80 + 1352 * 10 + 10);
  model.compile({
    optimizer: keras.optimizers.Adam({ learningRate: 0.005 }),
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
  await model.fit(x.reshape([320, 28, 28, 1]), y, { epochs: 1, batchSize: 32 });
  const [, acc] = model.evaluate(xt.reshape([200, 28, 28, 1]), yt);
  expect(acc).toBeGreaterThan(0.5);
});
