/** Bad input gives clear errors that name the layer and the shapes, in Keras's words. */
import { beforeEach, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { IndexError, ValueError } from '../../src/nd/errors.js';
import * as keras from '../../src/keras/index.js';

const L = keras.layers;
beforeEach(() => keras.backend.clearSession());

function mnistModel(): keras.Sequential {
  L.Dense(1); // an earlier layer took the name "dense"
  const m = keras.Sequential([
    keras.Input([784]),
    L.Dense(64, { activation: 'relu' }),
    L.Dense(10, { activation: 'softmax' }),
  ]);
  m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return m;
}

describe('input shapes', () => {
  it('a wrong feature size names the layer and the received shape (Keras wording)', async () => {
    const model = mnistModel();
    const x = nd.zeros([64, 28, 28]);
    const y = nd.zeros([64], { dtype: 'int64' });
    const msg =
      'Input 0 of layer "dense_1" is incompatible with the layer: expected axis -1 of input shape to have value 784, but received input with shape (32, 28, 28)';
    await expect(model.fit(x, y, { batchSize: 32 })).rejects.toThrow(msg);
    await expect(model.fit(x, y, { batchSize: 32 })).rejects.toBeInstanceOf(ValueError);
    expect(() => model.predict(x)).toThrow(msg);
  });

  it('symbolically, with None for the batch', () => {
    const dense = L.Dense(4);
    dense.apply(keras.Input([3]));
    expect(() => dense.apply(keras.Input([5]))).toThrow(
      'Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 5)',
    );
  });

  it('a rank mismatch: Conv2D on (None, 28, 28)', () => {
    expect(() => keras.Sequential([keras.Input([28, 28]), L.Conv2D(8, 3)])).toThrow(
      'Input 0 of layer "conv2d" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28)',
    );
  });

  it('a model adds no layer that does not fit, and keeps working', () => {
    const m = keras.Sequential([keras.Input([4, 4, 1])]);
    expect(() => m.add(L.Conv2D(2, 5))).toThrow('Computed output size would be negative');
    m.add(L.Flatten());
    expect(m.layers.map((l) => l.name)).toEqual(['flatten']);
  });

  it('samples must agree between x and y', async () => {
    const m = mnistModel();
    await expect(m.fit(nd.zeros([10, 784]), nd.zeros([9]))).rejects.toThrow(
      "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. 'x' sizes: 10 'y' sizes: 9",
    );
  });
});

describe('labels and losses', () => {
  it('labels out of range for sparse categorical cross-entropy', async () => {
    const m = mnistModel();
    const y = nd.array([3, 10, 1, 2]);
    const err = await m.fit(nd.zeros([4, 784]), y, { shuffle: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect((err as Error).message).toBe(
      "Received a label value of 10 which is outside the valid range of [0, 10). Label values: 3 10 1 2 (sparse_categorical_crossentropy: the model's output (4, 10) has 10 classes)",
    );
  });

  it('integer labels with categorical cross-entropy suggest the sparse loss', async () => {
    const m = keras.Sequential([keras.Input([2]), L.Dense(3, { activation: 'softmax' })]);
    m.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
    await expect(m.fit(nd.zeros([4, 2]), nd.array([0, 1, 2, 1]))).rejects.toThrow(
      "categorical_crossentropy: the targets (4,) and the model's output (4, 3) have incompatible shapes; for integer class labels use sparse_categorical_crossentropy",
    );
  });

  it('unknown names', () => {
    const m = keras.Sequential([keras.Input([2]), L.Dense(1)]);
    expect(() => m.compile({ optimizer: 'adamax' })).toThrow(
      'Could not interpret optimizer identifier: adamax',
    );
    expect(() => m.compile({ loss: 'cross_entropy' })).toThrow(
      'Could not interpret loss identifier: cross_entropy',
    );
    expect(() => L.Dense(1, { activation: 'rel' })).toThrow(
      'Could not interpret activation function identifier: rel',
    );
    expect(() => L.Dense(1, { kernelInitializer: 'glorot' })).toThrow(
      'Could not interpret initializer identifier: glorot',
    );
  });

  it('Embedding ids outside [0, inputDim)', () => {
    const e = L.Embedding(5, 2);
    expect(() => e.apply(nd.array([[1, 5]]))).toThrow(
      'Embedding "embedding": index 5 is not in [0, 5) (inputDim=5)',
    );
  });
});

describe('training API misuse', () => {
  it('fit, evaluate and trainOnBatch before compile', async () => {
    const m = keras.Sequential([keras.Input([2]), L.Dense(1)]);
    await expect(m.fit(nd.zeros([2, 2]), nd.zeros([2]))).rejects.toThrow(
      'You must call `compile()` before calling `fit()`.',
    );
    expect(() => m.evaluate(nd.zeros([2, 2]), nd.zeros([2]))).toThrow(
      'You must call `compile()` before calling `evaluate()`.',
    );
    expect(() => m.trainOnBatch(nd.zeros([2, 2]), nd.zeros([2]))).toThrow(
      'You must call `compile()` before calling `trainOnBatch()`.',
    );
    expect(m.predict(nd.zeros([2, 2])).shape).toEqual([2, 1]); // predict needs no compile
  });

  it('setWeights with the wrong count or shapes', () => {
    const d = L.Dense(2);
    d.apply(nd.zeros([1, 3]));
    expect(() => d.setWeights([nd.zeros([3, 2])])).toThrow(
      'You called `setWeights(weights)` on layer "dense" with a weight list of length 1, but the layer was expecting 2 weights.',
    );
    expect(() => d.setWeights([nd.zeros([2, 2]), nd.zeros([2])])).toThrow(
      'Layer dense weight shape (3, 2) is not compatible with provided weight shape (2, 2).',
    );
  });

  it('duplicate names and disconnected graphs', () => {
    expect(() => keras.Sequential([L.Dense(1, { name: 'a' }), L.Dense(1, { name: 'a' })])).toThrow(
      "All layers added to a Sequential model should have unique names. Name 'a' is already the name of a layer in this model.",
    );
    const a = keras.Input([2]);
    const b = keras.Input([2]);
    const out = L.Add().apply([a, b]);
    expect(() => keras.Model({ inputs: a, outputs: out })).toThrow('Graph disconnected');
  });

  it('bad fit arguments', async () => {
    const m = keras.Sequential([keras.Input([2]), L.Dense(1)]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(m.fit(nd.zeros([3, 2]), nd.zeros([3]), { batchSize: 0 })).rejects.toThrow(
      '`batchSize` must be a positive integer',
    );
    await expect(m.fit(nd.zeros([1, 2]), nd.zeros([1]), { validationSplit: 0.5 })).rejects.toThrow(
      'Training data contains 1 samples, which is not sufficient to split it into a validation and training set',
    );
  });
});
