/**
 * compile, fit, evaluate and predict (Keras's Trainer), as functions of a Model.
 *
 * One training step: forward in training mode → loss (mean over the batch) → `backward()` →
 * the optimiser updates the trainable weights → the loss tracker (weighted by batch size) and
 * the metrics accumulate. The logs a callback sees are the epoch's running values, keys sorted
 * as Keras sorts them (`accuracy`, `loss`, `val_accuracy`, `val_loss`).
 *
 * Data: with `shuffle` (the default) each epoch draws `permutation(n)` from the session's
 * shuffle generator (`keras.utils.setRandomSeed`; NumPy's `default_rng(seed)` stream), and the
 * batches are consecutive slices of that order. `validationSplit` takes the last fraction of
 * the samples before shuffling, as Keras does.
 *
 * Output: `verbose: 'auto'` (the default) shows a progress bar on a terminal and nothing
 * otherwise; an explicit `verbose: 1` off a terminal prints one line per epoch (Keras's
 * `verbose: 2`).
 */
import { NDArray } from '../nd/ndarray.js';
import { concatenate } from '../nd/manip.js';
import { ValueError } from '../nd/errors.js';
import { Tensor } from '../autograd/tensor.js';
import { enableGrad, noGrad } from '../autograd/engine.js';
import type { Model } from './model.js';
import { getWriter, shuffleGenerator } from './backend.js';
import { get as getOptimizer, type OptimizerLike } from './optimizers.js';
import { get as getLoss, type LossLike } from './losses.js';
import { Mean, get as getMetric, type Metric, type MetricLike } from './metrics.js';
import { Callback, CallbackList, History, ProgbarLogger, type Logs } from './callbacks.js';
import {
  castInput,
  numSamples,
  rows,
  splitIndex,
  toArrays,
  type ArrayInput,
  type DataInput,
} from './data.js';

export type Verbose = 0 | 1 | 2 | 'auto';

/**
 * A dataset that yields batches — `[x, y]` pairs (x alone for predict) — one epoch per
 * iteration, like `data.DataLoader` (its `length` gives the steps per epoch).
 */
export type BatchSource = Iterable<unknown> & { readonly length?: number };

export interface CompileArgs {
  /** Default 'rmsprop', as Keras. */
  optimizer?: OptimizerLike;
  loss?: LossLike;
  /** e.g. ['accuracy']. */
  metrics?: MetricLike[];
}

export interface FitArgs {
  /** Default 1. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** 'auto' (default): a bar on a terminal, silent otherwise. */
  verbose?: Verbose;
  callbacks?: Callback[];
  /** Fraction of the data (the last samples) held out for validation. */
  validationSplit?: number;
  /** [x, y] (or a dataset of batches) to evaluate after each epoch. */
  validationData?: readonly [DataInput, ArrayInput] | BatchSource;
  validationBatchSize?: number;
  /** Reshuffle the training samples each epoch (default true). */
  shuffle?: boolean;
  /** Epoch to start from (for resuming). */
  initialEpoch?: number;
}

export interface EvaluateArgs {
  batchSize?: number;
  verbose?: Verbose;
  callbacks?: Callback[];
  /** Return `{ loss, accuracy, … }` instead of [loss, accuracy, …]. */
  returnDict?: boolean;
}

export interface PredictArgs {
  batchSize?: number;
  verbose?: Verbose;
  callbacks?: Callback[];
}

/** The compiled metrics and the loss tracker. */
export interface TrainState {
  lossTracker: Mean;
  metricSpecs: MetricLike[];
  /** Resolved on the first batch (Keras picks the accuracy kind from the shapes). */
  metrics: Metric[] | null;
}

/** 'auto' → 1 on a terminal, else 0; an explicit 1 off a terminal → 2 (one line per epoch). */
export function resolveVerbose(v: Verbose | undefined): 0 | 1 | 2 {
  const tty = getWriter().isTTY === true;
  if (v === undefined || v === 'auto') return tty ? 1 : 0;
  if (v === 1 && !tty) return 2;
  return v;
}

export function compile(model: Model, args: CompileArgs): void {
  model.optimizer = getOptimizer(args.optimizer ?? 'rmsprop');
  model.loss = args.loss === undefined ? null : getLoss(args.loss);
  model.trainState = {
    lossTracker: new Mean({ name: 'loss' }),
    metricSpecs: [...(args.metrics ?? [])],
    metrics: null,
  };
  model.compiled = true;
}

function assertCompiled(model: Model, method: string): TrainState {
  if (!model.compiled || !model.trainState)
    throw new ValueError(`You must call \`compile()\` before calling \`${method}()\`.`);
  if (!model.loss && method !== 'predict')
    throw new ValueError(
      `Model "${model.name}" was compiled without a loss; pass \`loss\` to compile() before calling \`${method}()\`.`,
    );
  return model.trainState;
}

/** Runs the model on arrays (cast to the inputs' dtypes). */
function forward(model: Model, xs: NDArray[], training: boolean): Tensor | Tensor[] {
  const tensors = xs.map((a, i) => new Tensor(castInput(a, model.inputs[i]?.dtype ?? null, model.dtype)));
  return model.eagerCall(tensors, tensors.length === 1, { training });
}

function single(model: Model, out: Tensor | Tensor[]): Tensor {
  if (Array.isArray(out)) {
    throw new ValueError(
      `Model "${model.name}" has ${out.length} outputs; training and evaluating support single-output models (combine the outputs in one layer, or use the outputs in a custom loop)`,
    );
  }
  return out;
}

function resolveMetrics(state: TrainState, y: NDArray, yPred: NDArray): Metric[] {
  state.metrics ??= state.metricSpecs.map((m) => getMetric(m, y.shape, yPred.shape));
  return state.metrics;
}

function resetMetrics(state: TrainState): void {
  state.lossTracker.resetState();
  for (const m of state.metrics ?? []) m.resetState();
}

/** The current metric values, keys sorted (Keras's `pythonify_logs`). */
function metricsResult(state: TrainState): Logs {
  const entries: [string, number][] = [[state.lossTracker.name, state.lossTracker.result()]];
  for (const m of state.metrics ?? []) entries.push([m.name, m.result()]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

function updateMetrics(state: TrainState, loss: number, batch: number, y: NDArray, yPred: NDArray): void {
  state.lossTracker.update(loss, batch);
  for (const m of resolveMetrics(state, y, yPred)) m.updateState(y, yPred);
}

/** One optimisation step on a batch; updates the metrics. */
function trainStep(model: Model, state: TrainState, xs: NDArray[], y: NDArray): void {
  const vars = model.trainableWeights;
  for (const v of vars) v.grad = null;
  const [lossValue, yPred] = enableGrad((): [number, NDArray] => {
    const out = single(model, forward(model, xs, true));
    const loss = model.loss!.call(y, out);
    const value = loss.item();
    if (loss.requiresGrad) loss.backward();
    return [value, out.data];
  });
  model.optimizer!.apply(
    vars.map((v) => (v.grad ? v.grad.data : null)),
    vars,
  );
  for (const v of vars) v.grad = null;
  updateMetrics(state, lossValue, y.ndim === 0 ? 1 : y.shape[0], y, yPred);
}

/** Loss and metrics on a batch in inference mode. */
function testStep(model: Model, state: TrainState, xs: NDArray[], y: NDArray): void {
  noGrad(() => {
    const yPred = single(model, forward(model, xs, false));
    const loss = model.loss!.call(y, yPred).item();
    updateMetrics(state, loss, y.shape[0], y, yPred.data);
  });
}

function checkBatchSize(b: number): number {
  if (!Number.isInteger(b) || b <= 0)
    throw new ValueError(`\`batchSize\` must be a positive integer. Received: batchSize=${b}`);
  return b;
}

/** Where a loop's batches come from: arrays cut into slices, or a dataset that yields batches. */
interface Batches {
  /** Batches per epoch (null: unknown until the first pass ends). */
  steps: number | null;
  /** The batches of one epoch: [inputs, targets (null when there are none)]. */
  epoch(shuffle: boolean): Iterable<[NDArray[], NDArray | null]>;
}

function arrayBatches(xs: NDArray[], y: NDArray | null, batchSize: number): Batches {
  const n = numSamples(xs, y);
  const steps = Math.ceil(n / batchSize);
  return {
    steps,
    *epoch(shuffle: boolean) {
      const order = shuffle ? Array.from(shuffleGenerator().permutation(n).toTypedArray(), Number) : null;
      for (let step = 0; step < steps; step++) {
        const start = step * batchSize;
        const end = Math.min(start + batchSize, n);
        yield [xs.map((a) => rows(a, start, end, order)), y === null ? null : rows(y, start, end, order)];
      }
    },
  };
}

/** Whether `x` yields batches (a DataLoader, a generator …) rather than being an array itself. */
export function isBatchSource(x: unknown): x is BatchSource {
  return (
    typeof x === 'object' &&
    x !== null &&
    !(x instanceof NDArray) &&
    !(x instanceof Tensor) &&
    !Array.isArray(x) &&
    Symbol.iterator in x
  );
}

function sourceBatches(source: BatchSource, inputs: number): Batches {
  const steps = typeof source.length === 'number' ? source.length : null;
  return {
    steps,
    *epoch() {
      for (const item of source) {
        const pair = Array.isArray(item) && item.length === 2 && !(typeof item[0] === 'number');
        const [x, y] = pair ? (item as unknown as [DataInput, ArrayInput]) : [item as DataInput, null];
        yield [toArrays(x, inputs), y === null ? null : toArrays(y, 1)[0]];
      }
    },
  };
}

function needTargets(y: NDArray | null, method: string): NDArray {
  if (y === null)
    throw new ValueError(`\`${method}()\` needs targets: pass y, or a dataset that yields [x, y] batches`);
  return y;
}

/** Keras's fit. */
export async function fit(
  model: Model,
  x: DataInput | BatchSource,
  y: ArrayInput | null,
  args: FitArgs = {},
): Promise<History> {
  const state = assertCompiled(model, 'fit');
  const epochs = args.epochs ?? 1;
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const verbose = resolveVerbose(args.verbose);
  const inputs = Math.max(model.inputs.length, 1);
  let train: Batches;
  let val: Batches | null = null;
  if (isBatchSource(x)) {
    if (args.validationSplit)
      throw new ValueError(
        '`validationSplit` is only supported for arrays; pass `validationData` with a dataset',
      );
    train = sourceBatches(x, inputs);
  } else {
    let xs = toArrays(x, inputs);
    let ys = needTargets(y === null ? null : toArrays(y, 1)[0], 'fit');
    const n = numSamples(xs, ys);
    if (args.validationSplit) {
      const at = splitIndex(n, args.validationSplit);
      val = arrayBatches(
        xs.map((a) => rows(a, at, n)),
        rows(ys, at, n),
        args.validationBatchSize ?? batchSize,
      );
      xs = xs.map((a) => rows(a, 0, at));
      ys = rows(ys, 0, at);
    }
    train = arrayBatches(xs, ys, batchSize);
  }
  if (args.validationData) {
    const vd = args.validationData;
    if (Array.isArray(vd)) {
      const [vx, vy] = vd as unknown as readonly [DataInput, ArrayInput];
      val = arrayBatches(toArrays(vx, inputs), toArrays(vy, 1)[0], args.validationBatchSize ?? batchSize);
    } else val = sourceBatches(vd as BatchSource, inputs);
  }
  const history = new History();
  const list: Callback[] = [...(args.callbacks ?? []), history];
  if (verbose) list.push(new ProgbarLogger());
  const callbacks = new CallbackList(list);
  callbacks.setModel(model);
  callbacks.setParams({ verbose, epochs, steps: train.steps });
  model.stopTraining = false;
  model.history = history;
  const shuffle = args.shuffle ?? true;
  await callbacks.run('onTrainBegin', {});
  let logs: Logs = {};
  for (let epoch = args.initialEpoch ?? 0; epoch < epochs; epoch++) {
    resetMetrics(state);
    await callbacks.run('onEpochBegin', epoch, {});
    let step = 0;
    for (const [xb, yb] of train.epoch(shuffle)) {
      await callbacks.run('onTrainBatchBegin', step, {});
      trainStep(model, state, xb, needTargets(yb, 'fit'));
      logs = metricsResult(state);
      await callbacks.run('onTrainBatchEnd', step, logs);
      step++;
      if (model.stopTraining) break;
    }
    const epochLogs: Logs = { ...metricsResult(state) };
    if (val) {
      const v = evaluateBatches(model, state, val, callbacks);
      for (const [k, value] of Object.entries(v)) epochLogs[`val_${k}`] = value;
    }
    await callbacks.run('onEpochEnd', epoch, epochLogs);
    logs = epochLogs;
    if (model.stopTraining) break;
  }
  await callbacks.run('onTrainEnd', logs);
  return history;
}

/** Loss and metrics over batches; `callbacks` get the test hooks. */
function evaluateBatches(model: Model, state: TrainState, batches: Batches, callbacks: CallbackList): Logs {
  resetMetrics(state);
  callbacks.runSync('onTestBegin', {});
  let step = 0;
  for (const [xb, yb] of batches.epoch(false)) {
    callbacks.runSync('onTestBatchBegin', step, {});
    testStep(model, state, xb, needTargets(yb, 'evaluate'));
    callbacks.runSync('onTestBatchEnd', step, metricsResult(state));
    step++;
  }
  const logs = metricsResult(state);
  callbacks.runSync('onTestEnd', logs);
  return logs;
}

/** Keras's evaluate: [loss, ...metrics] in `metricsNames` order, or the logs with returnDict. */
export function evaluate(
  model: Model,
  x: DataInput | BatchSource,
  y: ArrayInput | null,
  args: EvaluateArgs = {},
): number[] | Logs {
  const state = assertCompiled(model, 'evaluate');
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const verbose = resolveVerbose(args.verbose);
  const inputs = Math.max(model.inputs.length, 1);
  const batches = isBatchSource(x)
    ? sourceBatches(x, inputs)
    : arrayBatches(
        toArrays(x, inputs),
        needTargets(y === null ? null : toArrays(y, 1)[0], 'evaluate'),
        batchSize,
      );
  const list: Callback[] = [...(args.callbacks ?? [])];
  if (verbose) list.push(new ProgbarLogger());
  const callbacks = new CallbackList(list);
  callbacks.setModel(model);
  callbacks.setParams({ verbose, epochs: 1, steps: batches.steps });
  const logs = evaluateBatches(model, state, batches, callbacks);
  if (args.returnDict) return logs;
  return metricsNames(model).map((k) => logs[k]);
}

/** ['loss', then the compiled metrics' names]. */
export function metricsNames(model: Model): string[] {
  const state = model.trainState;
  if (!state) return [];
  const names = state.metrics
    ? state.metrics.map((m) => m.name)
    : state.metricSpecs.map((m) => (typeof m === 'string' ? m : typeof m === 'function' ? m.name : m.name));
  return ['loss', ...names];
}

/** Keras's predict: the outputs batch by batch, concatenated. */
export function predict(
  model: Model,
  x: DataInput | BatchSource,
  args: PredictArgs = {},
): NDArray | NDArray[] {
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const verbose = resolveVerbose(args.verbose);
  const inputs = Math.max(model.inputs.length, 1);
  const batches = isBatchSource(x)
    ? sourceBatches(x, inputs)
    : arrayBatches(toArrays(x, inputs), null, batchSize);
  const list: Callback[] = [...(args.callbacks ?? [])];
  if (verbose) list.push(new ProgbarLogger());
  const callbacks = new CallbackList(list);
  callbacks.setModel(model);
  callbacks.setParams({ verbose, epochs: 1, steps: batches.steps });
  callbacks.runSync('onPredictBegin', {});
  const parts: NDArray[][] = [];
  let step = 0;
  for (const [xb] of batches.epoch(false)) {
    callbacks.runSync('onPredictBatchBegin', step, {});
    const out = noGrad(() => forward(model, xb, false));
    const outs = Array.isArray(out) ? out : [out];
    outs.forEach((t, k) => (parts[k] ??= []).push(t.data));
    callbacks.runSync('onPredictBatchEnd', step, {});
    step++;
  }
  callbacks.runSync('onPredictEnd', {});
  if (parts.length === 0) throw new ValueError('`predict()` got no data');
  const result = parts.map((p) => (p.length === 1 ? p[0].copy() : concatenate(p, { axis: 0 })));
  return result.length === 1 ? result[0] : result;
}

/** One step on one batch (Keras's train_on_batch). */
export function trainOnBatch(
  model: Model,
  x: DataInput,
  y: ArrayInput,
  args: { returnDict?: boolean } = {},
): number[] | Logs {
  const state = assertCompiled(model, 'trainOnBatch');
  const xs = toArrays(x, Math.max(model.inputs.length, 1));
  const ys = toArrays(y, 1)[0];
  numSamples(xs, ys);
  resetMetrics(state);
  trainStep(model, state, xs, ys);
  const logs = metricsResult(state);
  return args.returnDict ? logs : metricsNames(model).map((k) => logs[k]);
}
