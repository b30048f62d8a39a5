/**
 * Layers beyond the Keras goldens: float64 gradient checks (inputs and weights), symbolic shapes
 * equal to eager ones, initializers, dropout, BatchNormalization in fit, freezing, nesting, and
 * the call-without-`new` API.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import { gradcheck } from '../../src/autograd/gradcheck.js';
import { ArrayDataset, DataLoader } from '../../src/data/index.js';
import * as keras from '../../src/keras/index.js';

const L = keras.layers;
beforeEach(() => {
  keras.backend.clearSession();
  keras.utils.setRandomSeed(0);
});

const rng = nd.random.defaultRng(11);

/** Each layer with an input shape (batch first) and call options. */
const CASES: [string, () => keras.Layer, number[], keras.CallArgs?][] = [
  ['Dense', () => L.Dense(3, { activation: 'tanh', dtype: 'float64' }), [2, 4]],
  [
    'Conv2D same stride 2',
    () => L.Conv2D(2, [3, 2], { strides: 2, padding: 'same', dtype: 'float64' }),
    [1, 5, 4, 2],
  ],
  [
    'MaxPooling2D same',
    () => L.MaxPooling2D(2, { strides: 2, padding: 'same', dtype: 'float64' }),
    [1, 5, 3, 2],
  ],
  [
    'AveragePooling2D same',
    () => L.AveragePooling2D(3, { strides: 2, padding: 'same', dtype: 'float64' }),
    [1, 5, 4, 1],
  ],
  ['GlobalAveragePooling2D', () => L.GlobalAveragePooling2D({ dtype: 'float64' }), [2, 3, 3, 2]],
  [
    'BatchNormalization (training)',
    () => L.BatchNormalization({ dtype: 'float64' }),
    [5, 3],
    { training: true },
  ],
  ['LayerNormalization', () => L.LayerNormalization({ dtype: 'float64' }), [2, 3, 4]],
  ['SimpleRNN', () => L.SimpleRNN(3, { returnSequences: true, dtype: 'float64' }), [2, 4, 2]],
  ['LSTM', () => L.LSTM(3, { dtype: 'float64' }), [2, 4, 2]],
  ['GRU', () => L.GRU(3, { returnSequences: true, dtype: 'float64' }), [2, 3, 2]],
  ['GRU resetAfter false', () => L.GRU(2, { resetAfter: false, dtype: 'float64' }), [2, 3, 2]],
  [
    'Bidirectional LSTM',
    () => L.Bidirectional(L.LSTM(2, { returnSequences: true, dtype: 'float64' }), { dtype: 'float64' }),
    [2, 3, 2],
  ],
  ['Reshape', () => L.Reshape([-1, 2], { dtype: 'float64' }), [2, 3, 2]],
  ['Flatten', () => L.Flatten({ dtype: 'float64' }), [2, 3, 2]],
];

describe('float64 gradient checks (input and every weight)', () => {
  for (const [name, make, shape, args] of CASES) {
    it(name, () => {
      const layer = make();
      const x = new Tensor(rng.standardNormal(shape), { requiresGrad: true });
      layer.apply(x.data, args); // build
      const ws = layer.trainableWeights;
      for (const w of ws) w.data.set([], w.data.add(rng.normal(0, 0.3, [...w.shape])));
      expect(gradcheck((xi) => layer.apply(xi, args), [x, ...ws], { atol: 1e-6, rtol: 1e-4 })).toBe(true);
    });
  }
  it('MultiHeadAttention with a causal mask', () => {
    const layer = L.MultiHeadAttention({ numHeads: 2, keyDim: 2, dtype: 'float64' });
    const q = new Tensor(rng.standardNormal([1, 3, 4]), { requiresGrad: true });
    const v = new Tensor(rng.standardNormal([1, 2, 3]), { requiresGrad: true });
    const args = { useCausalMask: true };
    layer.apply([q.data, nd.zeros([1, 3, 3], { dtype: 'float64' })], args);
    const f = (a: Tensor, b: Tensor): Tensor =>
      layer.apply([a, b.index(nd.slice(), nd.slice(0, 1)).expand([1, 3, 3])], args);
    expect(gradcheck(f, [q, v, ...layer.trainableWeights], { atol: 1e-6, rtol: 1e-4 })).toBe(true);
  });
  it('losses: binary and sparse categorical cross-entropy', () => {
    const p = new Tensor(nd.array([[0.2], [0.7], [0.9]]), { requiresGrad: true });
    expect(gradcheck((t) => keras.losses.BinaryCrossentropy().call(nd.array([0, 1, 1]), t), [p])).toBe(true);
    const z = new Tensor(rng.standardNormal([3, 4]), { requiresGrad: true });
    expect(
      gradcheck(
        (t) => keras.losses.SparseCategoricalCrossentropy({ fromLogits: true }).call(nd.array([0, 3, 1]), t),
        [z],
      ),
    ).toBe(true);
  });
});

describe('symbolic shapes equal eager shapes', () => {
  for (const [name, make, shape, args] of CASES) {
    it(name, () => {
      const symbolic = make().apply(keras.Input(shape.slice(1)), args);
      const eager = make().apply<Tensor>(rng.standardNormal(shape), args);
      expect(symbolic.shape).toEqual([null, ...eager.shape.slice(1)]);
    });
  }
  it('RNN returnState and variable-length sequences', () => {
    const [out, h, c] = L.LSTM(4, { returnState: true, returnSequences: true }).apply<keras.KerasTensor[]>(
      keras.Input([null, 3]),
    );
    expect([out.shape, h.shape, c.shape]).toEqual([
      [null, null, 4],
      [null, 4],
      [null, 4],
    ]);
  });
});

describe('initializers', () => {
  it('Keras names and defaults; seeded ones repeat, unseeded ones follow setRandomSeed', () => {
    const g = keras.initializers.GlorotUniform({ seed: 5 });
    expect(g.call([3, 4]).toArray()).toEqual(g.call([3, 4]).toArray());
    const limit = Math.sqrt(6 / (3 + 4));
    const v = Array.from(g.call([3, 4]).toTypedArray(), Number);
    expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(limit);
    keras.utils.setRandomSeed(1);
    const a = keras.initializers.get('he_normal').call([50, 50]);
    keras.utils.setRandomSeed(1);
    const b = keras.initializers.HeNormal().call([50, 50]);
    expect(a.toArray()).toEqual(b.toArray());
    const std = Number(a.astype('float64').std().item());
    expect(std).toBeGreaterThan(Math.sqrt(2 / 50) * 0.9);
    expect(std).toBeLessThan(Math.sqrt(2 / 50) * 1.1);
    expect(keras.initializers.computeFans([3, 3, 2, 8])).toEqual([18, 72]);
    expect(keras.initializers.Constant(0.5).call([2]).toArray()).toEqual([0.5, 0.5]);
    const q = keras.initializers.Orthogonal({ seed: 2 }).call([4, 4]).astype('float64');
    const eye = nd.matmul(q.T, q);
    expect(Math.abs(Number(eye.sub(nd.eye(4)).abs().max().item()))).toBeLessThan(1e-6);
  });

  it('Dense defaults to glorot_uniform kernel and zero bias; Embedding to U(−0.05, 0.05)', () => {
    const d = L.Dense(5);
    d.apply(keras.Input([10]));
    const [k, b] = d.getWeights();
    expect(Math.max(...Array.from(k.toTypedArray(), (x) => Math.abs(Number(x))))).toBeLessThanOrEqual(
      Math.sqrt(6 / 15),
    );
    expect(b.toArray()).toEqual([0, 0, 0, 0, 0]);
    const e = L.Embedding(10, 4);
    e.apply(keras.Input([3]));
    expect(
      Math.max(...Array.from(e.getWeights()[0].toTypedArray(), (x) => Math.abs(Number(x)))),
    ).toBeLessThanOrEqual(0.05);
    const lstm = L.LSTM(2);
    lstm.apply(keras.Input([3, 4]));
    expect(lstm.getWeights()[2].toArray()).toEqual([0, 0, 1, 1, 0, 0, 0, 0]); // unit forget bias
  });
});

describe('training behaviour', () => {
  it('Dropout is seeded, scales by 1/(1 − rate) while training and is the identity otherwise', () => {
    const x = nd.ones([4, 50]);
    const a = L.Dropout(0.5, { seed: 3 }).apply<Tensor>(x, { training: true });
    const b = L.Dropout(0.5, { seed: 3 }).apply<Tensor>(x, { training: true });
    expect(a.toArray()).toEqual(b.toArray());
    const vals = new Set(Array.from(a.data.toTypedArray(), Number));
    expect([...vals].sort()).toEqual([0, 2]);
    expect(L.Dropout(0.5).apply<Tensor>(x).toArray()).toEqual(x.astype('float32').toArray());
  });

  it('fit updates BatchNormalization moving statistics; predict uses them', async () => {
    const m = keras.Sequential([keras.Input([2]), L.BatchNormalization({ momentum: 0.5 }), L.Dense(1)]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = rng.normal(3, 2, [16, 2]);
    await m.fit(x, nd.zeros([16]), { epochs: 3, batchSize: 16, shuffle: false });
    const [, , mean, variance] = m.layers[0].getWeights();
    const colMean = x.mean({ axis: 0 }).toArray() as number[];
    (mean.toArray() as number[]).forEach((v, i) => expect(v).toBeCloseTo(colMean[i] * (1 - 0.5 ** 3), 4));
    expect(m.layers[0].nonTrainableWeights.map((w) => w.path)).toEqual([
      'batch_normalization/moving_mean',
      'batch_normalization/moving_variance',
    ]);
    expect(Number(variance.min().item())).toBeGreaterThan(1);
  });

  it('trainable = false freezes a layer (and shows as non-trainable)', async () => {
    const first = L.Dense(3);
    const m = keras.Sequential([keras.Input([2]), first, L.Dense(1)]);
    first.trainable = false;
    const before = first.getWeights()[0].toArray();
    m.compile({ optimizer: keras.optimizers.SGD({ learningRate: 0.5 }), loss: 'mse' });
    await m.fit(rng.standardNormal([8, 2]), rng.standardNormal([8]), { epochs: 2 });
    expect(first.getWeights()[0].toArray()).toEqual(before);
    expect(m.trainableWeights.length).toBe(2);
    expect(m.nonTrainableWeights.length).toBe(2);
  });

  it('a Sequential without an Input builds from the first batch', async () => {
    const m = keras.Sequential([L.Dense(4, { activation: 'relu' }), L.Dense(1)]);
    expect(m.built).toBe(false);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    await m.fit(rng.standardNormal([6, 3]), rng.standardNormal([6]), { epochs: 1 });
    expect(m.built).toBe(true);
    expect(m.countParams()).toBe(3 * 4 + 4 + 4 + 1);
    expect(m.layers[0].getWeights()[0].shape).toEqual([3, 4]);
  });

  it('nested models and layers called twice share weights', () => {
    const encoder = keras.Sequential([keras.Input([4]), L.Dense(2, { name: 'code' })], { name: 'encoder' });
    const a = keras.Input([4]);
    const b = keras.Input([4]);
    const out = L.Subtract().apply([encoder.apply(a), encoder.apply(b)]);
    const m = keras.Model([a, b], out); // Python's positional form
    expect(m.weights.length).toBe(2);
    const x = rng.standardNormal([3, 4]);
    const d = m.predict([x, x]);
    expect(Number(d.abs().max().item())).toBe(0);
    expect(m.predictMultiple([x, x]).length).toBe(1);
  });

  it('classes are callable with or without new, and instanceof works', () => {
    const a = L.Dense(2);
    const b = new L.Dense(2);
    expect(a).toBeInstanceOf(L.Dense);
    expect(b).toBeInstanceOf(L.Dense);
    expect(a).toBeInstanceOf(keras.Layer);
    expect(a.name).toBe('dense');
    expect(b.name).toBe('dense_1');
    expect(keras.optimizers.Adam()).toBeInstanceOf(keras.optimizers.Optimizer);
    expect(String(keras.Input([2]))).toBe(
      '<KerasTensor shape=(None, 2), dtype=float32, sparse=False, name=keras_tensor>',
    );
  });

  it('Keras defaults: Adam lr 0.001 eps 1e-7, SGD lr 0.01, RMSprop lr 0.001 rho 0.9, AdamW decay 0.004', () => {
    const adam = keras.optimizers.Adam();
    expect([adam.learningRate, adam.beta1, adam.beta2, adam.epsilon]).toEqual([0.001, 0.9, 0.999, 1e-7]);
    expect(keras.optimizers.SGD().learningRate).toBe(0.01);
    const rms = keras.optimizers.RMSprop();
    expect([rms.learningRate, rms.rho, rms.epsilon]).toEqual([0.001, 0.9, 1e-7]);
    expect(keras.optimizers.AdamW().weightDecay).toBe(0.004);
    expect(keras.optimizers.get('adagrad').learningRate).toBe(0.001);
  });

  it('fit, evaluate and predict take a data.DataLoader of [x, y] batches', async () => {
    const x = rng.standardNormal([20, 3]);
    const y = x.sum({ axis: 1 }).gt(0).astype('int64');
    const loader = new DataLoader(new ArrayDataset(x, y), { batchSize: 8, shuffle: true, seed: 0 });
    const m = keras.Sequential([keras.Input([3]), L.Dense(1, { activation: 'sigmoid' })]);
    m.compile({
      optimizer: keras.optimizers.SGD({ learningRate: 0.5 }),
      loss: 'binary_crossentropy',
      metrics: ['accuracy'],
    });
    const steps: number[] = [];
    const seen = keras.callbacks.LambdaCallback({ onBatchEnd: (b) => void steps.push(b) });
    const validation = new DataLoader(new ArrayDataset(x, y), { batchSize: 10 });
    const h = await m.fit(loader, { epochs: 3, validationData: validation, callbacks: [seen] });
    expect(steps).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(Object.keys(h.history)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    const [loss, acc] = m.evaluate(validation);
    expect(loss).toBeCloseTo(m.evaluate(x, y)[0], 6);
    expect(acc).toBe(h.history.val_accuracy[2]);
    expect(m.predict(new DataLoader(new ArrayDataset(x), { batchSize: 6 })).shape).toEqual([20, 1]);
  });

  it('toCategorical one-hot encodes labels', () => {
    expect(keras.utils.toCategorical([0, 2, 1], 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
  });
});
