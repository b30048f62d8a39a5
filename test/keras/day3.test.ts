/**
 * COURSE.md Day 3 through the Keras API: the 200-point classifier, its summary, and training
 * that ends where the NumPy re-simulation of Keras's Adam (test/golden/gen_keras_day3.py) and
 * Keras 3 itself (gen_keras.py) end, batch for batch.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import * as keras from '../../src/keras/index.js';
import { dec, loadGolden, type ArraySpec } from '../helpers.js';

interface Run {
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  kernel: number[][];
  bias: number[];
  history: { accuracy: number[]; loss: number[] };
  evaluate: number[];
  steps: number;
}
const SIM = loadGolden<{ ones: number; first: number[]; runs: Run[] }>('keras_day3');
const KERAS = loadGolden<{
  day3: { weights: ArraySpec[]; history: { accuracy: number[]; loss: number[] }; evaluate: number[] };
}>('keras').day3;

/** `default_rng(0).standard_normal((200, 2))`, label 1 where x + y > 0. */
function data(): { X: nd.NDArray; y: nd.NDArray } {
  const X = nd.random.defaultRng(0).standardNormal([200, 2]);
  const y = X.get(nd.slice(), 0).add(X.get(nd.slice(), 1)).gt(0).astype('int64');
  return { X, y };
}

function day3Model(): keras.Sequential {
  const model = keras.Sequential([
    keras.Input([2]),
    keras.layers.Dense(1, {
      activation: 'sigmoid',
      kernelInitializer: keras.initializers.Constant(0.0),
      biasInitializer: keras.initializers.Constant(1.0),
    }),
  ]);
  model.compile({
    optimizer: keras.optimizers.Adam({ learningRate: 0.01 }),
    loss: 'binary_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

function flat(model: keras.Model): number[] {
  return model.getWeights().flatMap((w) => Array.from(w.toTypedArray(), Number));
}

beforeEach(() => keras.backend.clearSession());

it('the data: 200 points, 98 labelled 1, the first at (0.12573, −0.13210)', () => {
  const { X, y } = data();
  expect(Number(y.sum().item())).toBe(98);
  expect(SIM.ones).toBe(98);
  expect(Number(X.item(0, 0))).toBeCloseTo(SIM.first[0], 12);
  expect(Number(X.item(0, 1))).toBeCloseTo(SIM.first[1], 12);
});

it('summary() shows the Dense layer with 3 parameters in Keras 3 layout', () => {
  let text = '';
  day3Model().summary({ printFn: (t) => (text += t) });
  expect(text).toBe(
    [
      'Model: "sequential"',
      '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
      '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
      '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
      '│ dense (Dense)                   │ (None, 1)              │             3 │',
      '└─────────────────────────────────┴────────────────────────┴───────────────┘',
      ' Total params: 3 (12.00 B)',
      ' Trainable params: 3 (12.00 B)',
      ' Non-trainable params: 0 (0.00 B)',
      '',
    ].join('\n'),
  );
});

describe('fit(epochs 5, batchSize 1) — the course run', () => {
  it('ends at weights ≈ (2.47, 2.45), bias ≈ 0.07 within 1e-5 of the NumPy re-simulation, accuracy 0.99', async () => {
    const { X, y } = data();
    const model = day3Model();
    const frames: number[][] = [];
    // the Day 3 animation: one frame per batch
    const record = keras.callbacks.LambdaCallback({ onBatchEnd: () => void frames.push(flat(model)) });
    const history = await model.fit(X, y, { epochs: 5, batchSize: 1, callbacks: [record] });
    const sim = SIM.runs[0];
    const [w0, w1, b] = flat(model);
    expect(Math.abs(w0 - sim.kernel[0][0])).toBeLessThan(1e-5);
    expect(Math.abs(w1 - sim.kernel[1][0])).toBeLessThan(1e-5);
    expect(Math.abs(b - sim.bias[0])).toBeLessThan(1e-5);
    expect([w0, w1, b].map((v) => Number(v.toFixed(2)))).toEqual([2.47, 2.45, 0.07]);
    // Keras 3 itself, same batch order (float32 on both sides)
    const kw = KERAS.weights.flatMap((s) => Array.from(dec(s).toTypedArray(), Number));
    [w0, w1, b].forEach((v, i) => expect(Math.abs(v - kw[i])).toBeLessThan(2e-5));
    // the logs: the epoch's running loss and accuracy, as Keras reports them
    expect(Object.keys(history.history)).toEqual(['accuracy', 'loss']);
    expect(history.epoch).toEqual([0, 1, 2, 3, 4]);
    history.history.loss.forEach((v, i) => expect(Math.abs(v - sim.history.loss[i])).toBeLessThan(2e-6));
    history.history.accuracy.forEach((v, i) => expect(v).toBeCloseTo(sim.history.accuracy[i], 10));
    expect(history.history.accuracy).toEqual([0.66, 0.945, 0.97, 0.99, 0.98]);
    // one frame per batch, the last one the final weights
    expect(frames.length).toBe(sim.steps);
    expect(frames.length).toBe(1000);
    expect(frames[999]).toEqual([w0, w1, b]);
    expect(frames[0]).not.toEqual(frames[1]);
    const [loss, accuracy] = model.evaluate(X, y);
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
    expect(accuracy).toBeCloseTo(0.99, 10);
    expect(Math.abs(loss - sim.evaluate[0])).toBeLessThan(1e-5);
    expect(model.metricsNames).toEqual(['loss', 'accuracy']);
  });

  it('4 epochs at batch 2 reach ≈ 0.985 (COURSE.md)', async () => {
    const { X, y } = data();
    const model = day3Model();
    await model.fit(X, y, { epochs: 4, batchSize: 2 });
    const sim = SIM.runs[1];
    const [w0, w1, b] = flat(model);
    expect(Math.abs(w0 - sim.kernel[0][0])).toBeLessThan(1e-5);
    expect(Math.abs(w1 - sim.kernel[1][0])).toBeLessThan(1e-5);
    expect(Math.abs(b - sim.bias[0])).toBeLessThan(1e-5);
    const res = model.evaluate(X, y, { returnDict: true });
    expect(res.accuracy).toBeCloseTo(0.985, 10);
    expect(Object.keys(res)).toEqual(['accuracy', 'loss']);
  });

  it('shuffle: false trains in the data order (the re-simulation without shuffling)', async () => {
    const { X, y } = data();
    const model = day3Model();
    await model.fit(X, y, { epochs: 5, batchSize: 1, shuffle: false });
    const sim = SIM.runs[2];
    const [w0, w1, b] = flat(model);
    expect(Math.abs(w0 - sim.kernel[0][0])).toBeLessThan(1e-5);
    expect(Math.abs(w1 - sim.kernel[1][0])).toBeLessThan(1e-5);
    expect(Math.abs(b - sim.bias[0])).toBeLessThan(1e-5);
  });
});

it('the decision boundary −(w0·x + b)/w1 separates the classes', async () => {
  const { X, y } = data();
  const model = day3Model();
  await model.fit(X, y, { epochs: 5, batchSize: 1 });
  const p = model.predict(X);
  expect(p.shape).toEqual([200, 1]);
  const [w0, w1, b] = flat(model);
  const above = X.get(nd.slice(), 1).gt(X.get(nd.slice(), 0).mul(w0).add(b).div(-w1));
  const predicted = p.reshape([200]).gt(0.5);
  expect(Number(above.eq(predicted).astype('int64').sum().item())).toBe(200);
  expect(Number(predicted.eq(y.astype('bool')).astype('int64').sum().item())).toBe(198);
});
