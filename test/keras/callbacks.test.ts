/**
 * Callbacks: hook order and logs, History, EarlyStopping, ReduceLROnPlateau,
 * LearningRateScheduler, TerminateOnNaN, CSVLogger, ModelCheckpoint, and the progress output.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nd from '../../src/nd/index.js';
import * as keras from '../../src/keras/index.js';
import { Progbar } from '../../src/keras/progbar.js';

/** Captures everything Keras prints. */
function capture(isTTY = false): { text: () => string } {
  let out = '';
  keras.utils.setWriter({ write: (t) => void (out += t), isTTY, columns: 100 });
  return { text: () => out };
}

/** 10 points on a line, label 1 above x = 0.5. */
function toy(n = 10): { x: nd.NDArray; y: nd.NDArray } {
  const x = nd.linspace(0, 1, n).reshape([n, 1]);
  return { x, y: x.reshape([n]).gt(0.5).astype('int64') };
}

function toyModel(lr = 0.1): keras.Sequential {
  const m = keras.Sequential([keras.Input([1]), keras.layers.Dense(1, { activation: 'sigmoid' })]);
  m.compile({
    optimizer: keras.optimizers.SGD({ learningRate: lr }),
    loss: 'binary_crossentropy',
    metrics: ['accuracy'],
  });
  return m;
}

class Recorder extends keras.callbacks.Callback {
  events: string[] = [];
  logs: Record<string, keras.callbacks.Logs> = {};
  override onTrainBegin(): void {
    this.events.push('trainBegin');
  }
  override onTrainEnd(logs?: keras.callbacks.Logs): void {
    this.events.push('trainEnd');
    this.logs.trainEnd = { ...logs };
  }
  override onEpochBegin(epoch: number): void {
    this.events.push(`epochBegin ${epoch}`);
  }
  override onEpochEnd(epoch: number, logs?: keras.callbacks.Logs): void {
    this.events.push(`epochEnd ${epoch}`);
    this.logs[`epoch${epoch}`] = { ...logs };
  }
  override onBatchBegin(batch: number): void {
    this.events.push(`batchBegin ${batch}`);
  }
  override onBatchEnd(batch: number, logs?: keras.callbacks.Logs): void {
    this.events.push(`batchEnd ${batch}`);
    this.logs[`batch${batch}`] = { ...logs };
  }
  override onTestBegin(): void {
    this.events.push('testBegin');
  }
  override onTestBatchEnd(batch: number): void {
    this.events.push(`testBatchEnd ${batch}`);
  }
  override onTestEnd(): void {
    this.events.push('testEnd');
  }
}

beforeEach(() => {
  keras.backend.clearSession();
  capture();
});
afterEach(() => keras.utils.setWriter(null));

describe('the hooks', () => {
  it('fire in Keras order with the epoch running logs, validation after the batches', async () => {
    const { x, y } = toy();
    const model = toyModel();
    const rec = new Recorder();
    await model.fit(x, y, { epochs: 2, batchSize: 4, validationSplit: 0.2, callbacks: [rec] });
    const epoch = [
      'batchBegin 0',
      'batchEnd 0',
      'batchBegin 1',
      'batchEnd 1',
      'testBegin',
      'testBatchEnd 0',
      'testEnd',
    ];
    expect(rec.events).toEqual([
      'trainBegin',
      'epochBegin 0',
      ...epoch,
      'epochEnd 0',
      'epochBegin 1',
      ...epoch,
      'epochEnd 1',
      'trainEnd',
    ]);
    expect(rec.params).toEqual({ verbose: 0, epochs: 2, steps: 2 });
    expect(Object.keys(rec.logs.batch0)).toEqual(['accuracy', 'loss']);
    expect(Object.keys(rec.logs.epoch1)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(rec.logs.trainEnd).toEqual(rec.logs.epoch1);
    // History holds the same epoch logs
    expect(model.history!.history.val_loss[1]).toBe(rec.logs.epoch1.val_loss);
    // validationSplit holds out the last 20 % (before shuffling): val_loss is the loss on x[8:]
    const [valLoss, valAcc] = model.evaluate(x.get(nd.slice(8)), y.get(nd.slice(8)));
    expect(valLoss).toBeCloseTo(rec.logs.epoch1.val_loss, 6);
    expect(valAcc).toBe(rec.logs.epoch1.val_accuracy);
  });

  it('fit awaits hooks that return promises', async () => {
    const { x, y } = toy();
    const model = toyModel();
    const order: string[] = [];
    const slow = keras.callbacks.LambdaCallback({
      onEpochEnd: async (epoch) => {
        await new Promise((r) => setTimeout(r, 5));
        order.push(`slow ${epoch}`);
      },
      onEpochBegin: (epoch) => void order.push(`begin ${epoch}`),
    });
    await model.fit(x, y, { epochs: 2, callbacks: [slow] });
    expect(order).toEqual(['begin 0', 'slow 0', 'begin 1', 'slow 1']);
  });

  it('validationData is evaluated after each epoch', async () => {
    const { x, y } = toy();
    const model = toyModel();
    const h = await model.fit(x, y, { epochs: 3, validationData: [x, y] });
    expect(Object.keys(h.history)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(h.history.val_loss.length).toBe(3);
    expect(h.history.val_loss[2]).toBeCloseTo(model.evaluate(x, y)[0], 6);
  });

  it('initialEpoch resumes the epoch count', async () => {
    const { x, y } = toy();
    const h = await toyModel().fit(x, y, { epochs: 5, initialEpoch: 3 });
    expect(h.epoch).toEqual([3, 4]);
  });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights', () => {
    const model = toyModel();
    const es = keras.callbacks.EarlyStopping({
      monitor: 'val_loss',
      patience: 2,
      restoreBestWeights: true,
      verbose: 1,
    });
    es.setModel(model);
    es.onTrainBegin();
    const losses = [1.0, 0.8, 0.85, 0.9];
    losses.forEach((l, epoch) => {
      model.setWeights([nd.full([1, 1], epoch), nd.full([1], epoch)]);
      es.onEpochEnd(epoch, { val_loss: l });
    });
    expect(model.stopTraining).toBe(true);
    expect(es.stoppedEpoch).toBe(3);
    expect(es.bestEpoch).toBe(1);
    const out = capture();
    es.onTrainEnd();
    expect(out.text()).toBe(
      'Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 2.\n',
    );
    expect(model.getWeights()[0].toArray()).toEqual([[1]]);
  });

  it('minDelta: smaller improvements do not count; accuracy is maximised in auto mode', () => {
    const model = toyModel();
    const es = keras.callbacks.EarlyStopping({ monitor: 'accuracy', minDelta: 0.05, patience: 1 });
    es.setModel(model);
    es.onTrainBegin();
    es.onEpochEnd(0, { accuracy: 0.5 });
    es.onEpochEnd(1, { accuracy: 0.52 }); // +0.02 < minDelta
    expect(model.stopTraining).toBe(true);
  });

  it('inside fit: history stops at the stopping epoch', async () => {
    const { x, y } = toy();
    const model = toyModel(0);
    const h = await model.fit(x, y, {
      epochs: 20,
      callbacks: [keras.callbacks.EarlyStopping({ monitor: 'loss', patience: 2 })],
    });
    expect(h.epoch).toEqual([0, 1, 2]); // lr 0: the loss never improves after epoch 0
  });

  it('warns when the monitored value is missing', () => {
    const out = capture();
    const es = keras.callbacks.EarlyStopping();
    es.setModel(toyModel());
    es.onTrainBegin();
    es.onEpochEnd(0, { loss: 1, accuracy: 0.5 });
    expect(out.text()).toContain(
      'Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss,accuracy',
    );
  });
});

describe('learning-rate callbacks', () => {
  it('ReduceLROnPlateau multiplies the rate by factor after patience, respecting cooldown and minLr', () => {
    const model = toyModel(0.1);
    const cb = keras.callbacks.ReduceLROnPlateau({
      monitor: 'val_loss',
      factor: 0.5,
      patience: 1,
      cooldown: 2,
      minLr: 0.02,
      verbose: 1,
    });
    cb.setModel(model);
    cb.onTrainBegin();
    const out = capture();
    const logs = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0].map((v) => ({ val_loss: v }) as keras.callbacks.Logs);
    const lrs = logs.map((l, e) => {
      cb.onEpochEnd(e, l);
      return model.optimizer!.learningRate;
    });
    expect(lrs).toEqual([0.1, 0.05, 0.05, 0.025, 0.025, 0.02]);
    expect(logs[1].learning_rate).toBe(0.1);
    expect(out.text()).toContain('\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05.\n');
  });

  it('LearningRateScheduler sets schedule(epoch, lr) before each epoch; History records learning_rate', async () => {
    const { x, y } = toy();
    const model = toyModel(0.1);
    const h = await model.fit(x, y, {
      epochs: 3,
      callbacks: [keras.callbacks.LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr / 2))],
    });
    expect(h.history.learning_rate).toEqual([0.1, 0.05, 0.025]);
    expect(model.optimizer!.learningRate).toBe(0.025);
  });
});

describe('TerminateOnNaN', () => {
  it('stops at the first batch with a NaN loss and says which', async () => {
    const { x, y } = toy(20);
    x.set([12, 0], NaN);
    const model = toyModel();
    const out = capture();
    const stop = keras.callbacks.TerminateOnNaN();
    let batches = 0;
    const count = keras.callbacks.LambdaCallback({ onBatchEnd: () => void batches++ });
    const h = await model.fit(x, y, { epochs: 3, batchSize: 1, shuffle: false, callbacks: [stop, count] });
    expect(out.text()).toBe('Batch 12: Invalid loss, terminating training\n');
    expect(stop.stoppedBatch).toBe(12);
    expect(batches).toBe(13);
    expect(h.epoch).toEqual([0]);
    expect(Number.isNaN(h.history.loss[0])).toBe(true);
  });
});

describe('files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlseries-keras-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('CSVLogger writes sorted keys and Python float reprs', async () => {
    const { x, y } = toy();
    const file = join(dir, 'log.csv');
    const h = await toyModel().fit(x, y, { epochs: 2, callbacks: [keras.callbacks.CSVLogger(file)] });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('epoch,accuracy,loss');
    expect(lines.length).toBe(3);
    const [e, acc, loss] = lines[2].split(',');
    expect(e).toBe('1');
    expect(Number(acc)).toBe(h.history.accuracy[1]);
    expect(Number(loss)).toBe(h.history.loss[1]);
  });

  it('ModelCheckpoint saves on improvement only (saveBestOnly), with the epoch in the name', async () => {
    const { x, y } = toy();
    const model = toyModel(0.5);
    const ckpt = keras.callbacks.ModelCheckpoint(join(dir, 'best-{epoch:02d}'), {
      monitor: 'loss',
      saveBestOnly: true,
      verbose: 1,
    });
    const out = capture();
    await model.fit(x, y, { epochs: 3, callbacks: [ckpt] });
    expect(ckpt.saved.length).toBeGreaterThanOrEqual(2);
    expect(ckpt.saved[0]).toBe(join(dir, 'best-01'));
    for (const p of ckpt.saved) {
      expect(existsSync(`${p}.json`)).toBe(true);
      expect(existsSync(`${p}.safetensors`)).toBe(true);
    }
    expect(out.text()).toContain(`\nEpoch 1: loss improved from inf to `);
    const loaded = await keras.loadModel(ckpt.saved[ckpt.saved.length - 1]);
    expect(loaded.predict(x).toArray()).toEqual(model.predict(x).toArray());
  });
});

describe('progress output', () => {
  const ESC = String.fromCharCode(27);
  const strip = (s: string): string => s.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');

  it("verbose 'auto' is silent when the output is not a terminal", async () => {
    const out = capture(false);
    const { x, y } = toy();
    await toyModel().fit(x, y, { epochs: 2 });
    expect(out.text()).toBe('');
  });

  it('an explicit verbose 1 off a terminal prints one line per epoch (Keras verbose 2)', async () => {
    const out = capture(false);
    const { x, y } = toy();
    await toyModel().fit(x, y, { epochs: 2, batchSize: 4, verbose: 1 });
    const lines = out.text().trimEnd().split('\n');
    expect(lines.length).toBe(4);
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[2]).toBe('Epoch 2/2');
    expect(lines[1]).toMatch(/^3\/3 - \d+s - \d+(s|ms|us)\/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$/);
  });

  it('on a terminal: a redrawn Keras 3 bar, no "Epoch 1/1" line for a single epoch', async () => {
    const out = capture(true);
    const { x, y } = toy();
    await toyModel().fit(x, y, { epochs: 1, batchSize: 4 });
    const text = out.text();
    expect(text).toContain('\r');
    expect(text).toContain('\x1b[32m━');
    const last = strip(text.slice(text.lastIndexOf('\r') + 1));
    // Keras pads with spaces over a longer previous line
    expect(last).toMatch(
      /^3\/3 ━━━━━━━━━━━━━━━━━━━━ \d+s \d+(s|ms|us)\/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} *\n$/,
    );
    expect(text).not.toContain('Epoch 1/1');
  });

  it('Progbar formats like Keras (fake clock)', () => {
    let t = 100;
    let out = '';
    const writer = { write: (s: string) => void (out += s), isTTY: false };
    const bar = new Progbar(1875, { verbose: 2, writer, now: () => t });
    t += 0.5;
    bar.update(1, [
      ['accuracy', 0.5],
      ['loss', 0.5],
    ]);
    t += 3;
    bar.update(1875, [
      ['accuracy', 0.93124],
      ['loss', 0.24013],
    ]);
    expect(out).toBe('1875/1875 - 4s - 2ms/step - accuracy: 0.9312 - loss: 0.2401\n');
    out = '';
    t = 0;
    const tty = new Progbar(1875, {
      verbose: 1,
      writer: { ...writer, isTTY: true, write: (s: string) => void (out += s) },
      now: () => t,
    });
    t = 3.2;
    tty.update(1875, [
      ['accuracy', 0.93124],
      ['loss', 0.00012],
    ]);
    expect(strip(out)).toBe(
      '\r1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 2ms/step - accuracy: 0.9312 - loss: 1.2000e-04\n',
    );
  });
});
