/**
 * The Keras API against Keras 3 itself (test/golden/gen_keras.py, keras 3.15.1 on JAX):
 * summary texts, layer outputs with the same weights, activations, losses, optimiser steps and
 * a training step.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import * as keras from '../../src/keras/index.js';
import { dec, expectArray, loadGolden, type ArraySpec } from '../helpers.js';

interface LayerCase {
  name: string;
  inputs: ArraySpec[];
  weights: ArraySpec[];
  outputs: ArraySpec[];
  training_outputs?: ArraySpec[];
  weights_after_training_call?: ArraySpec[];
}

interface Golden {
  summaries: { name: string; text: string }[];
  layers: LayerCase[];
  activations: Record<string, ArraySpec>;
  activations_2d: { x: ArraySpec; softmax: ArraySpec; log_softmax: ArraySpec };
  losses: {
    name: string;
    args: Record<string, unknown>;
    y_true: ArraySpec;
    y_pred: ArraySpec;
    value: number;
  }[];
  optimizers: {
    className: string;
    args: Record<string, unknown>;
    w0: ArraySpec;
    grads: ArraySpec[];
    w: ArraySpec;
  }[];
  train_step: {
    weights0: ArraySpec[];
    x: ArraySpec;
    y: ArraySpec;
    logs: Record<string, number>[];
    weights: ArraySpec[];
  };
}

const G = loadGolden<Golden>('keras');
const L = keras.layers;

beforeEach(() => keras.backend.clearSession());

/** The models of gen_keras.py's summaries, built the same way. */
const MODELS: Record<string, () => keras.Model> = {
  day3: () =>
    keras.Sequential([
      keras.Input([2]),
      L.Dense(1, {
        activation: 'sigmoid',
        kernelInitializer: keras.initializers.Constant(0),
        biasInitializer: keras.initializers.Constant(1),
      }),
    ]),
  mnist_mlp: () =>
    keras.Sequential([
      keras.Input([28, 28]),
      L.Flatten(),
      L.Dense(64, { activation: 'relu' }),
      L.Dense(10, { activation: 'softmax' }),
    ]),
  cnn: () =>
    keras.Sequential([
      keras.Input([28, 28, 1]),
      L.Conv2D(8, 3, { activation: 'relu' }),
      L.MaxPooling2D(2),
      L.Conv2D(16, 3, { strides: 2, padding: 'same' }),
      L.BatchNormalization(),
      L.GlobalAveragePooling2D(),
      L.Dropout(0.5),
      L.Dense(10, { activation: 'softmax' }),
    ]),
  rnn: () =>
    keras.Sequential([
      keras.Input([10]),
      L.Embedding(100, 16),
      L.Bidirectional(L.LSTM(8, { returnSequences: true })),
      L.GRU(8),
      L.Dense(1),
    ]),
  unbuilt: () => keras.Sequential([L.Dense(4), L.Dense(1)]),
  branches: () => {
    const inputs = keras.Input([16]);
    const a = L.Dense(8, { activation: 'relu' }).apply(inputs);
    const b = L.Dense(8).apply(inputs);
    const c = L.Concatenate().apply([a, b]);
    const d = L.Add().apply([L.Dense(16).apply(c), inputs]);
    return keras.Model({ inputs, outputs: L.Dense(1).apply(d) });
  },
  attention: () => {
    const x = keras.Input([5, 16]);
    let y = L.MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply([x, x]);
    y = L.LayerNormalization().apply(L.Add().apply([x, y]));
    return keras.Model({ inputs: x, outputs: y });
  },
  functional_chain: () => {
    const x = keras.Input([4]);
    const h = L.Dense(3, { activation: 'tanh' }).apply(x);
    return keras.Model({ inputs: x, outputs: L.Dense(2).apply(h) });
  },
};

describe('summary() prints exactly what Keras 3 prints', () => {
  for (const s of G.summaries) {
    it(s.name, () => {
      let text = '';
      MODELS[s.name]().summary({ printFn: (t) => (text += t) });
      expect(text).toBe(s.text);
    });
  }
});

/** The layer of each golden case, configured as in gen_keras.py. */
const LAYERS: Record<string, () => keras.Layer> = {
  dense_relu: () => L.Dense(3, { activation: 'relu' }),
  dense_3d: () => L.Dense(2, { useBias: false }),
  conv2d_valid: () => L.Conv2D(3, 3, { activation: 'relu' }),
  conv2d_same_stride2: () => L.Conv2D(4, [3, 2], { strides: 2, padding: 'same' }),
  conv2d_dilated: () => L.Conv2D(2, 3, { dilationRate: 2 }),
  maxpool_valid: () => L.MaxPooling2D(2),
  maxpool_same_stride2: () => L.MaxPooling2D(3, { strides: 2, padding: 'same' }),
  avgpool_same: () => L.AveragePooling2D(2, { padding: 'same' }),
  gap2d: () => L.GlobalAveragePooling2D(),
  flatten: () => L.Flatten(),
  reshape: () => L.Reshape([4, -1]),
  batchnorm: () => L.BatchNormalization(),
  batchnorm_4d: () => L.BatchNormalization({ momentum: 0.9, epsilon: 1e-2 }),
  layernorm: () => L.LayerNormalization(),
  embedding: () => L.Embedding(7, 3),
  simple_rnn_seq: () => L.SimpleRNN(4, { returnSequences: true }),
  lstm_state: () => L.LSTM(4, { returnState: true }),
  lstm_backwards_seq: () => L.LSTM(3, { returnSequences: true, goBackwards: true }),
  gru: () => L.GRU(4),
  gru_seq_reset_before: () => L.GRU(3, { returnSequences: true, resetAfter: false }),
  bidirectional_lstm_seq: () => L.Bidirectional(L.LSTM(3, { returnSequences: true })),
  bidirectional_gru_sum: () => L.Bidirectional(L.GRU(3), { mergeMode: 'sum' }),
  mha_self: () => L.MultiHeadAttention({ numHeads: 2, keyDim: 3 }),
  mha_cross_causal_scores: () => L.MultiHeadAttention({ numHeads: 3, keyDim: 2, valueDim: 4 }),
  concatenate: () => L.Concatenate(),
  add: () => L.Add(),
};

const CALL_ARGS: Record<string, keras.CallArgs> = {
  mha_cross_causal_scores: { useCausalMask: true, returnAttentionScores: true },
};

describe('layers compute what Keras computes with the same weights', () => {
  for (const c of G.layers) {
    it(c.name, () => {
      const layer = LAYERS[c.name]();
      const xs = c.inputs.map(dec);
      const input = xs.length === 1 ? xs[0] : xs;
      const args = CALL_ARGS[c.name] ?? {};
      layer.apply<Tensor | Tensor[]>(input, args); // builds
      expect(layer.weights.map((w) => [...w.shape])).toEqual(c.weights.map((w) => w.shape));
      layer.setWeights(c.weights.map(dec));
      const out = layer.apply<Tensor | Tensor[]>(input, args);
      const outs = Array.isArray(out) ? out : [out];
      expect(outs.length).toBe(c.outputs.length);
      outs.forEach((o, i) => expectArray(o.data, c.outputs[i], { rtol: 2e-5, atol: 2e-6 }));
      if (c.training_outputs) {
        const t = layer.apply<Tensor>(input, { training: true });
        expectArray(t.data, c.training_outputs[0], { rtol: 2e-5, atol: 2e-5 });
        layer
          .getWeights()
          .forEach((w, i) => expectArray(w, c.weights_after_training_call![i], { rtol: 2e-5, atol: 2e-6 }));
      }
    });
  }
});

describe('activations', () => {
  const x = nd.linspace(-4, 4, 17).astype('float32');
  for (const [name, want] of Object.entries(G.activations)) {
    it(name, () => {
      const y = keras.activations.get(name)(new Tensor(x));
      expectArray(y.data, want, { rtol: 1e-5, atol: 1e-6 });
    });
  }
  it('softmax and log_softmax over the last axis', () => {
    const x2 = new Tensor(dec(G.activations_2d.x));
    expectArray(keras.activations.get('softmax')(x2).data, G.activations_2d.softmax, { rtol: 1e-5 });
    expectArray(keras.activations.get('log_softmax')(x2).data, G.activations_2d.log_softmax, { rtol: 1e-5 });
  });
});

describe('losses', () => {
  const make: Record<string, (a: Record<string, unknown>) => keras.losses.Loss> = {
    binary_crossentropy: (a) => keras.losses.BinaryCrossentropy(a),
    categorical_crossentropy: (a) => keras.losses.CategoricalCrossentropy(a),
    sparse_categorical_crossentropy: (a) => keras.losses.SparseCategoricalCrossentropy(a),
    mean_squared_error: () => keras.losses.MeanSquaredError(),
    mean_absolute_error: () => keras.losses.MeanAbsoluteError(),
    huber: (a) => keras.losses.Huber(a),
  };
  for (const c of G.losses) {
    it(`${c.name} ${JSON.stringify(c.args)}`, () => {
      const v = make[c.name](c.args)
        .call(dec(c.y_true), new Tensor(dec(c.y_pred)))
        .item();
      expect(v).toBeCloseTo(c.value, 5);
    });
  }
});

describe('optimizers take the same steps as Keras', () => {
  const make: Record<string, (a: Record<string, unknown>) => keras.optimizers.Optimizer> = {
    Adam: (a) => keras.optimizers.Adam(a),
    AdamW: (a) => keras.optimizers.AdamW(a),
    SGD: (a) => keras.optimizers.SGD(a),
    RMSprop: (a) => keras.optimizers.RMSprop(a),
    Adagrad: (a) => keras.optimizers.Adagrad(a),
  };
  for (const c of G.optimizers) {
    it(`${c.className} ${JSON.stringify(c.args)}`, () => {
      const v = new keras.KerasVariable(dec(c.w0), 'w', 'w');
      const opt = make[c.className](c.args);
      for (const g of c.grads) opt.apply([dec(g)], [v]);
      expect(opt.iterations).toBe(c.grads.length);
      expectArray(v.data, c.w, { rtol: 1e-5, atol: 1e-6 });
    });
  }
});

it('train_on_batch: loss, accuracy and weights after three steps match Keras', () => {
  const T = G.train_step;
  const model = keras.Sequential([
    keras.Input([4]),
    L.Dense(5, { activation: 'tanh' }),
    L.Dense(3, { activation: 'softmax' }),
  ]);
  model.setWeights(T.weights0.map(dec));
  model.compile({
    optimizer: keras.optimizers.Adam({ learningRate: 0.05 }),
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
  const x = dec(T.x);
  const y = dec(T.y);
  for (const want of T.logs) {
    const logs = model.trainOnBatch(x, y, { returnDict: true }) as Record<string, number>;
    expect(Object.keys(logs)).toEqual(Object.keys(want));
    expect(logs.loss).toBeCloseTo(want.loss, 5);
    expect(logs.accuracy).toBeCloseTo(want.accuracy, 6);
  }
  model.getWeights().forEach((w, i) => expectArray(w, T.weights[i], { rtol: 1e-4, atol: 1e-5 }));
});
