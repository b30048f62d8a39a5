/**
 * `keras.metrics`: stateful metrics that accumulate over an epoch (a running weighted mean of
 * per-sample values, as Keras's MeanMetricWrapper), computed on plain arrays without gradients.
 *
 * `'accuracy'` in `compile` becomes binary, sparse-categorical or categorical accuracy from the
 * shapes of the first batch, exactly as Keras 3 decides: binary when the output has one column,
 * sparse when the labels have one dimension fewer than the output (or a last dimension of 1).
 */
import { NDArray } from '../nd/ndarray.js';
import { ValueError } from '../nd/errors.js';
import { matchRank } from './losses.js';

/** Base class: `updateState` per batch, `result` for the epoch so far, `resetState` per epoch. */
export abstract class Metric {
  static readonly className: string = 'Metric';
  name: string;
  constructor(name: string) {
    this.name = name;
  }
  get className(): string {
    return (this.constructor as typeof Metric).className;
  }
  abstract updateState(yTrue: NDArray, yPred: NDArray): void;
  abstract result(): number;
  abstract resetState(): void;
  getConfig(): Record<string, unknown> {
    return { name: this.name };
  }
}

/** The weighted mean of the values it is given. */
export class Mean extends Metric {
  static override readonly className: string = 'Mean';
  protected total = 0;
  protected count = 0;
  constructor(args: { name?: string } = {}) {
    super(args.name ?? 'mean');
  }
  /** Adds values (an array counts each element) with weight `sampleWeight` each (default 1). */
  update(values: NDArray | number, sampleWeight = 1): void {
    if (typeof values === 'number') {
      this.total += values * sampleWeight;
      this.count += sampleWeight;
    } else {
      this.total += Number(values.astype('float64').sum().item()) * sampleWeight;
      this.count += values.size * sampleWeight;
    }
  }
  updateState(yTrue: NDArray, yPred: NDArray): void {
    void yTrue;
    this.update(yPred);
  }
  result(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }
  resetState(): void {
    this.total = 0;
    this.count = 0;
  }
}

/** Per-sample values from (yTrue, yPred), as arrays. */
export type MetricFn = (yTrue: NDArray, yPred: NDArray) => NDArray;

/** A Mean over a per-sample function's values. */
export class MeanMetricWrapper extends Mean {
  static override readonly className: string = 'MeanMetricWrapper';
  constructor(
    readonly fn: MetricFn,
    args: { name?: string } = {},
  ) {
    super({ name: args.name ?? (fn.name || 'metric') });
  }
  override updateState(yTrue: NDArray, yPred: NDArray): void {
    this.update(this.fn(yTrue, yPred));
  }
}

function align(yTrue: NDArray, yPred: NDArray): [NDArray, NDArray] {
  return matchRank(
    yTrue,
    yPred,
    (x) => x.squeeze(-1),
    (x) => x.expandDims(-1),
  );
}

/** 1 where `yPred > threshold` equals yTrue, averaged over the last axis. */
export function binaryAccuracy(yTrue: NDArray, yPred: NDArray, threshold = 0.5): NDArray {
  const [t, p] = align(yTrue, yPred);
  return p.gt(threshold).astype('float64').eq(t.astype('float64')).astype('float64').mean({ axis: -1 });
}

/** 1 where the arg-max of yPred equals the integer label. */
export function sparseCategoricalAccuracy(yTrue: NDArray, yPred: NDArray): NDArray {
  let t = yTrue;
  if (t.ndim === yPred.ndim) t = t.squeeze(-1);
  let m = yPred.argmax({ axis: -1 }).astype('float64').eq(t.astype('float64')).astype('float64');
  if (m.ndim > 1 && m.shape[m.ndim - 1] === 1) m = m.squeeze(-1);
  return m;
}

/** 1 where the arg-max of yPred equals the arg-max of the one-hot yTrue. */
export function categoricalAccuracy(yTrue: NDArray, yPred: NDArray): NDArray {
  return yPred
    .argmax({ axis: -1 })
    .eq(yTrue.argmax({ axis: -1 }))
    .astype('float64');
}

/** 1 where yPred equals yTrue exactly. */
export function accuracy(yTrue: NDArray, yPred: NDArray): NDArray {
  const [t, p] = align(yTrue, yPred);
  return p.astype('float64').eq(t.astype('float64')).astype('float64').mean({ axis: -1 });
}

export function meanSquaredError(yTrue: NDArray, yPred: NDArray): NDArray {
  const [t, p] = align(yTrue, yPred);
  const d = p.astype('float64').sub(t.astype('float64'));
  return d.mul(d).mean({ axis: -1 });
}

export function meanAbsoluteError(yTrue: NDArray, yPred: NDArray): NDArray {
  const [t, p] = align(yTrue, yPred);
  return p.astype('float64').sub(t.astype('float64')).abs().mean({ axis: -1 });
}

export class BinaryAccuracy extends MeanMetricWrapper {
  static override readonly className: string = 'BinaryAccuracy';
  readonly threshold: number;
  constructor(args: { name?: string; threshold?: number } = {}) {
    const threshold = args.threshold ?? 0.5;
    super((t, p) => binaryAccuracy(t, p, threshold), { name: args.name ?? 'binary_accuracy' });
    this.threshold = threshold;
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), threshold: this.threshold };
  }
}

export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className: string = 'SparseCategoricalAccuracy';
  constructor(args: { name?: string } = {}) {
    super(sparseCategoricalAccuracy, { name: args.name ?? 'sparse_categorical_accuracy' });
  }
}

export class CategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className: string = 'CategoricalAccuracy';
  constructor(args: { name?: string } = {}) {
    super(categoricalAccuracy, { name: args.name ?? 'categorical_accuracy' });
  }
}

export class Accuracy extends MeanMetricWrapper {
  static override readonly className: string = 'Accuracy';
  constructor(args: { name?: string } = {}) {
    super(accuracy, { name: args.name ?? 'accuracy' });
  }
}

export class MeanSquaredError extends MeanMetricWrapper {
  static override readonly className: string = 'MeanSquaredError';
  constructor(args: { name?: string } = {}) {
    super(meanSquaredError, { name: args.name ?? 'mean_squared_error' });
  }
}

export class MeanAbsoluteError extends MeanMetricWrapper {
  static override readonly className: string = 'MeanAbsoluteError';
  constructor(args: { name?: string } = {}) {
    super(meanAbsoluteError, { name: args.name ?? 'mean_absolute_error' });
  }
}

/** A metric given by name, object or per-sample function. */
export type MetricLike = string | Metric | MetricFn;

const BY_NAME: Readonly<Record<string, () => Metric>> = {
  binary_accuracy: () => new BinaryAccuracy(),
  sparse_categorical_accuracy: () => new SparseCategoricalAccuracy(),
  categorical_accuracy: () => new CategoricalAccuracy(),
  mean_squared_error: () => new MeanSquaredError(),
  mse: () => new MeanSquaredError(),
  mean_absolute_error: () => new MeanAbsoluteError(),
  mae: () => new MeanAbsoluteError(),
};

/**
 * Resolves a metric for targets and outputs of the given shapes (Keras's `get_metric`); a string
 * identifier is also the metric's name in the logs.
 */
export function get(
  identifier: MetricLike,
  yTrueShape: readonly number[],
  yPredShape: readonly number[],
): Metric {
  if (identifier instanceof Metric) return identifier;
  if (typeof identifier === 'function') return new MeanMetricWrapper(identifier);
  const id = identifier.toLowerCase();
  let m: Metric;
  if (id === 'accuracy' || id === 'acc') {
    const last = yPredShape[yPredShape.length - 1];
    const isBinary = last === 1;
    const isSparse =
      yTrueShape.length < yPredShape.length || (yTrueShape[yTrueShape.length - 1] === 1 && last > 1);
    m = isBinary
      ? new BinaryAccuracy()
      : isSparse
        ? new SparseCategoricalAccuracy()
        : new CategoricalAccuracy();
  } else {
    const make = BY_NAME[id];
    if (!make)
      throw new ValueError(
        `Could not interpret metric identifier: ${identifier}. Known names: accuracy, ${Object.keys(BY_NAME).join(', ')}`,
      );
    m = make();
  }
  m.name = identifier;
  return m;
}
