/** model.save → keras.loadModel → predict gives identical outputs; weights-only files; errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import { loadSafetensors } from '../../src/io/node.js';
import * as keras from '../../src/keras/index.js';

const L = keras.layers;
let dir: string;
beforeEach(() => {
  keras.backend.clearSession();
  keras.utils.setRandomSeed(7);
  dir = mkdtempSync(join(tmpdir(), 'mlseries-keras-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rng = nd.random.defaultRng(3);

function summary(m: keras.Model): string {
  let t = '';
  m.summary({ printFn: (s) => (t += s) });
  return t;
}

describe('save → load → predict', () => {
  it('a trained CNN with BatchNormalization and Dropout (moving statistics included)', async () => {
    const model = keras.Sequential([
      keras.Input([8, 8, 1]),
      L.Conv2D(4, 3, { activation: 'relu', padding: 'same' }),
      L.BatchNormalization(),
      L.MaxPooling2D(2),
      L.Dropout(0.25),
      L.Flatten(),
      L.Dense(3, { activation: 'softmax' }),
    ]);
    model.compile({
      optimizer: keras.optimizers.Adam({ learningRate: 0.01 }),
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const x = rng.standardNormal([24, 8, 8, 1]).astype('float32');
    const y = rng.integers(0, 3, [24]);
    await model.fit(x, y, { epochs: 2, batchSize: 8 });
    const bn = model.layers[1];
    expect(bn.getWeights()[2].toArray()).not.toEqual([0, 0, 0, 0]); // moving_mean moved
    const path = join(dir, 'cnn');
    await model.save(path);
    const json = JSON.parse(readFileSync(`${path}.json`, 'utf8'));
    expect(json.format).toBe('mlseries.model');
    expect(json.architecture.className).toBe('Sequential');
    const { tensors } = loadSafetensors(`${path}.safetensors`);
    expect([...tensors.keys()].sort()).toEqual(
      [
        'batch_normalization/beta',
        'batch_normalization/gamma',
        'batch_normalization/moving_mean',
        'batch_normalization/moving_variance',
        'conv2d/bias',
        'conv2d/kernel',
        'dense/bias',
        'dense/kernel',
      ].sort(),
    );
    const loaded = await keras.loadModel(path);
    expect(loaded.predict(x).toArray()).toEqual(model.predict(x).toArray());
    // the same table (the trained model's summary also counts its optimiser's variables)
    expect(summary(loaded).split(' Total')[0]).toBe(summary(model).split(' Total')[0]);
    // the compile configuration comes back: the same loss and accuracy
    expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
    expect(loaded.optimizer!.className).toBe('Adam');
    expect(loaded.optimizer!.learningRate).toBe(0.01);
  });

  it('a functional model with branches, attention and recurrent layers', async () => {
    const tokens = keras.Input({ shape: [6], dtype: 'int32' });
    const e = L.Embedding(20, 8).apply(tokens); // (None, 6, 8)
    const att = L.MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply([e, e]);
    const h = L.LayerNormalization().apply(L.Add().apply([e, att]));
    const seq = L.Bidirectional(L.LSTM(5, { returnSequences: true })).apply(h);
    const last = L.GRU(4).apply(seq);
    const pooled = L.SimpleRNN(3).apply(h);
    const out = L.Dense(2, { activation: 'softmax' }).apply(L.Concatenate().apply([last, pooled]));
    const model = keras.Model({ inputs: tokens, outputs: out });
    const x = rng.integers(0, 20, [5, 6]);
    const path = join(dir, 'functional');
    await model.save(path);
    const loaded = await keras.loadModel(path);
    expect(loaded.predict(x).toArray()).toEqual(model.predict(x).toArray());
    expect(summary(loaded)).toBe(summary(model));
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
  });

  it('in memory, without files (browser): modelToFiles → modelFromFiles', () => {
    const model = keras.Sequential([keras.Input([3]), L.Dense(4, { activation: 'gelu' }), L.Dense(1)]);
    const files = keras.saving.modelToFiles(model, 'm.safetensors');
    const back = keras.saving.modelFromFiles(files.json, files.weights);
    const x = rng.standardNormal([2, 3]);
    expect(back.predict(x).toArray()).toEqual(model.predict(x).toArray());
  });
});

describe('weights only', () => {
  it('saveWeights → loadWeights into the same architecture', async () => {
    const make = (): keras.Sequential =>
      keras.Sequential([keras.Input([3]), L.Dense(4, { activation: 'relu' }), L.Dense(2)]);
    const a = make();
    const b = make();
    const x = rng.standardNormal([5, 3]);
    expect(b.predict(x).toArray()).not.toEqual(a.predict(x).toArray());
    await a.saveWeights(join(dir, 'w'));
    keras.backend.clearSession(); // same names again
    const c = make();
    await c.loadWeights(join(dir, 'w.safetensors'));
    expect(c.predict(x).toArray()).toEqual(a.predict(x).toArray());
  });

  it('a different architecture is refused with the mismatches listed', async () => {
    const a = keras.Sequential([keras.Input([3]), L.Dense(4)]);
    await a.saveWeights(join(dir, 'w'));
    keras.backend.clearSession();
    const b = keras.Sequential([keras.Input([3]), L.Dense(5), L.Dense(1)]);
    await expect(b.loadWeights(join(dir, 'w'))).rejects.toThrow(
      'Cannot load weights into model "sequential":\n  weight dense/kernel has shape (3, 4) in the file but (3, 5) in the model\n  weight dense/bias has shape (4,) in the file but (5,) in the model\n  missing weight dense_1/kernel\n  missing weight dense_1/bias',
    );
  });

  it('a subclassed model saves its weights but not an architecture', async () => {
    class TwoLayer extends keras.Model {
      hidden = L.Dense(4, { activation: 'tanh' });
      out = L.Dense(1);
      override call(x: Tensor | Tensor[]): Tensor {
        return this.out.apply(this.hidden.apply(x as Tensor));
      }
    }
    const m = new TwoLayer();
    expect(m.name).toBe('two_layer');
    const x = rng.standardNormal([2, 3]);
    const y0 = m.predict(x);
    expect(m.layers.map((l) => l.name)).toEqual(['dense', 'dense_1']);
    expect(m.weights.length).toBe(4);
    await m.saveWeights(join(dir, 'sub'));
    await expect(m.save(join(dir, 'sub-model'))).rejects.toThrow('is a subclassed model');
    m.setWeights(m.getWeights().map((w) => nd.zerosLike(w)));
    await m.loadWeights(join(dir, 'sub'));
    expect(m.predict(x).toArray()).toEqual(y0.toArray());
  });

  it('a custom activation function cannot be saved in the architecture', async () => {
    const m = keras.Sequential([keras.Input([2]), L.Dense(1, { activation: (t: Tensor) => t.mul(2) })]);
    await expect(m.save(join(dir, 'x'))).rejects.toThrow(
      'a custom function cannot be saved in a model config',
    );
  });
});
