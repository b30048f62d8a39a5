/**
 * `keras.losses`: Keras's losses on autograd tensors. Each computes one value per sample (the
 * mean over the last axis) and `call` averages them (Keras's 'sum_over_batch_size').
 *
 *   binary_crossentropy            −[y·log p + (1 − y)·log(1 − p)], p clipped to [1e-7, 1 − 1e-7]
 *   categorical_crossentropy       −Σ_c y_c·log p_c, p renormalised and clipped (or logits)
 *   sparse_categorical_crossentropy  the same with integer labels
 *   mean_squared_error / mean_absolute_error / huber
 *
 * ```ts
 * model.compile({ loss: 'binary_crossentropy', … });
 * model.compile({ loss: keras.losses.BinaryCrossentropy({ fromLogits: true }), … });
 * ```
 */
import { NDArray } from '../nd/ndarray.js';
import { IndexError, ValueError } from '../nd/errors.js';
import { Tensor } from '../autograd/tensor.js';
import { gather } from '../autograd/ops/movement.js';
import { pyShape } from './shape.js';

/** Keras's fuzz factor `backend.epsilon()`. */
export const EPSILON = 1e-7;

/**
 * Keras's `squeeze_or_expand_to_same_rank`: when ranks differ by one and the longer shape ends in
 * 1, that axis is dropped (or added to a rank-1 target).
 */
export function matchRank<T extends { ndim: number; shape: readonly number[] }>(
  yTrue: T,
  yPred: T,
  squeeze: (t: T) => T,
  expand: (t: T) => T,
): [T, T] {
  if (yTrue.ndim === yPred.ndim + 1 && yTrue.shape[yTrue.ndim - 1] === 1) {
    return yPred.ndim === 1 ? [yTrue, expand(yPred)] : [squeeze(yTrue), yPred];
  }
  if (yPred.ndim === yTrue.ndim + 1 && yPred.shape[yPred.ndim - 1] === 1) {
    return yTrue.ndim === 1 ? [expand(yTrue), yPred] : [yTrue, squeeze(yPred)];
  }
  return [yTrue, yPred];
}

function alignTensors(name: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  const [t, p] = matchRank(
    yTrue,
    yPred,
    (x) => x.squeeze(-1),
    (x) => x.unsqueeze(-1),
  );
  if (t.ndim !== p.ndim || t.shape.some((d, i) => d !== p.shape[i])) {
    const hint =
      name === 'categorical_crossentropy' && yTrue.ndim + 1 === yPred.ndim
        ? '; for integer class labels use sparse_categorical_crossentropy'
        : '';
    throw new ValueError(
      `${name}: the targets ${pyShape(yTrue.shape)} and the model's output ${pyShape(yPred.shape)} have incompatible shapes${hint}`,
    );
  }
  return [t, p];
}

/** Base class of the losses. */
export abstract class Loss {
  static readonly className: string = 'Loss';
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  get className(): string {
    return (this.constructor as typeof Loss).className;
  }

  /** One value per sample (the last axis averaged): (N, …). */
  abstract perSample(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * Converts targets to a tensor the loss can use: floats of the prediction's dtype (the sparse
   * loss keeps integers).
   */
  prepareTarget(yTrue: NDArray, yPred: Tensor): Tensor {
    return new Tensor(yTrue.dtype === yPred.dtype ? yTrue : yTrue.astype(yPred.dtype));
  }

  /** The mean loss over the batch: a scalar tensor. */
  call(yTrue: Tensor | NDArray, yPred: Tensor): Tensor {
    const t = yTrue instanceof NDArray ? this.prepareTarget(yTrue, yPred) : yTrue;
    return this.perSample(t, yPred).mean();
  }

  /** The options that recreate the loss. */
  getConfig(): Record<string, unknown> {
    return { name: this.name };
  }
}

export interface CrossentropyArgs {
  /** The model outputs logits (no sigmoid/softmax) (default false). */
  fromLogits?: boolean;
  /** Mixes the targets towards uniform: y·(1 − ε) + ε/C (binary: + ε/2). */
  labelSmoothing?: number;
  name?: string;
}

export class BinaryCrossentropy extends Loss {
  static override readonly className: string = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  constructor(args: CrossentropyArgs = {}) {
    super(args.name ?? 'binary_crossentropy');
    this.fromLogits = args.fromLogits ?? false;
    this.labelSmoothing = args.labelSmoothing ?? 0;
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const [y0, p] = alignTensors('binary_crossentropy', yTrue, yPred);
    const y = this.labelSmoothing ? y0.mul(1 - this.labelSmoothing).add(0.5 * this.labelSmoothing) : y0;
    let e: Tensor;
    if (this.fromLogits) {
      e = p.relu().sub(p.mul(y)).add(p.abs().neg().exp().add(1).log()); // max(z,0) − z·y + log(1 + e^−|z|)
    } else {
      const q = p.clamp(EPSILON, 1 - EPSILON);
      e = y
        .mul(q.log())
        .add(y.neg().add(1).mul(q.neg().add(1).log()))
        .neg();
    }
    return e.mean({ axis: -1 }); // (N, …)
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
}

/** log p over the last axis, from probabilities (renormalised, clipped) or logits. */
function logProbs(p: Tensor, fromLogits: boolean): Tensor {
  if (fromLogits) return p.logSoftmax(-1);
  return p
    .div(p.sum({ axis: -1, keepdims: true }))
    .clamp(EPSILON, 1 - EPSILON)
    .log();
}

export class CategoricalCrossentropy extends Loss {
  static override readonly className: string = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  constructor(args: CrossentropyArgs = {}) {
    super(args.name ?? 'categorical_crossentropy');
    this.fromLogits = args.fromLogits ?? false;
    this.labelSmoothing = args.labelSmoothing ?? 0;
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const [y0, p] = alignTensors('categorical_crossentropy', yTrue, yPred);
    const C = p.shape[p.ndim - 1];
    const y = this.labelSmoothing ? y0.mul(1 - this.labelSmoothing).add(this.labelSmoothing / C) : y0;
    return y.mul(logProbs(p, this.fromLogits)).sum({ axis: -1 }).neg(); // (N, …)
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
}

export interface SparseCrossentropyArgs {
  fromLogits?: boolean;
  /** A label value whose samples contribute 0 (padding). */
  ignoreClass?: number | null;
  name?: string;
}

/** Cross-entropy with integer labels (N,) or (N, 1) for predictions (N, C) (or (N, T) for (N, T, C)). */
export class SparseCategoricalCrossentropy extends Loss {
  static override readonly className: string = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;
  constructor(args: SparseCrossentropyArgs = {}) {
    super(args.name ?? 'sparse_categorical_crossentropy');
    this.fromLogits = args.fromLogits ?? false;
    this.ignoreClass = args.ignoreClass ?? null;
  }
  override prepareTarget(yTrue: NDArray): Tensor {
    return new Tensor(yTrue);
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    let y = yTrue.data;
    if (y.ndim === yPred.ndim && y.shape[y.ndim - 1] === 1) y = y.reshape(y.shape.slice(0, -1));
    const want = yPred.shape.slice(0, -1);
    if (y.ndim !== want.length || y.shape.some((d, i) => d !== want[i])) {
      throw new ValueError(
        `sparse_categorical_crossentropy: labels of shape ${pyShape(yTrue.shape)} do not fit the model's output ${pyShape(yPred.shape)}; expected labels ${pyShape(want)} (one class index per sample)`,
      );
    }
    const C = yPred.shape[yPred.ndim - 1];
    const v = y.toTypedArray();
    const ignore = this.ignoreClass;
    for (let k = 0; k < v.length; k++) {
      const c = Number(v[k]);
      if (c === ignore) continue;
      if (!(c >= 0 && c < C) || !Number.isInteger(c)) {
        const shown = Array.from(v.slice(0, 20), Number).join(' ');
        throw new IndexError(
          `Received a label value of ${c} which is outside the valid range of [0, ${C}). Label values: ${shown}${v.length > 20 ? ' …' : ''} (sparse_categorical_crossentropy: the model's output ${pyShape(yPred.shape)} has ${C} classes)`,
        );
      }
    }
    const idx = (ignore === null ? y : y.astype('float64').mul(y.ne(ignore))).astype('int64'); // (N, …)
    const picked = gather(logProbs(yPred, this.fromLogits), -1, idx.expandDims(-1)).squeeze(-1); // (N, …)
    const loss = picked.neg();
    return ignore === null ? loss : loss.mul(new Tensor(y.ne(ignore).astype(yPred.dtype)));
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fromLogits: this.fromLogits, ignoreClass: this.ignoreClass };
  }
}

export class MeanSquaredError extends Loss {
  static override readonly className: string = 'MeanSquaredError';
  constructor(args: { name?: string } = {}) {
    super(args.name ?? 'mean_squared_error');
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const [y, p] = alignTensors('mean_squared_error', yTrue, yPred);
    const d = p.sub(y);
    return d.mul(d).mean({ axis: -1 }); // (N, …)
  }
}

export class MeanAbsoluteError extends Loss {
  static override readonly className: string = 'MeanAbsoluteError';
  constructor(args: { name?: string } = {}) {
    super(args.name ?? 'mean_absolute_error');
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const [y, p] = alignTensors('mean_absolute_error', yTrue, yPred);
    return p.sub(y).abs().mean({ axis: -1 }); // (N, …)
  }
}

/** ½d² for |d| ≤ δ, δ·(|d| − ½δ) beyond. */
export class Huber extends Loss {
  static override readonly className: string = 'Huber';
  readonly delta: number;
  constructor(args: { delta?: number; name?: string } = {}) {
    super(args.name ?? 'huber_loss');
    this.delta = args.delta ?? 1;
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const [y, p] = alignTensors('huber_loss', yTrue, yPred);
    const a = p.sub(y).abs();
    const q = a.clamp(null, this.delta); // min(|d|, δ)
    return q.mul(q).mul(0.5).add(a.sub(q).mul(this.delta)).mean({ axis: -1 }); // (N, …)
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), delta: this.delta };
  }
}

/** A loss given as a function (yTrue, yPred) → per-sample (or scalar) losses. */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

class LossFunctionWrapper extends Loss {
  static override readonly className: string = 'LossFunctionWrapper';
  constructor(private readonly fn: LossFn) {
    super(fn.name || 'loss');
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return this.fn(yTrue, yPred);
  }
}

/** Loss classes by Keras class name (for saved compile configs). */
export const LOSS_CLASSES: Readonly<Record<string, new (config?: never) => Loss>> = {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  MeanSquaredError,
  MeanAbsoluteError,
  Huber,
};

const BY_NAME: Readonly<Record<string, () => Loss>> = {
  binary_crossentropy: () => new BinaryCrossentropy(),
  categorical_crossentropy: () => new CategoricalCrossentropy(),
  sparse_categorical_crossentropy: () => new SparseCategoricalCrossentropy(),
  mean_squared_error: () => new MeanSquaredError(),
  mse: () => new MeanSquaredError(),
  mean_absolute_error: () => new MeanAbsoluteError(),
  mae: () => new MeanAbsoluteError(),
  huber: () => new Huber(),
  huber_loss: () => new Huber(),
};

/** A loss given by name, object or function. */
export type LossLike = string | Loss | LossFn;

/** Resolves a name (`'mse'`), class name, Loss or function to a Loss. */
export function get(identifier: LossLike): Loss {
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === 'function') return new LossFunctionWrapper(identifier);
  const make = BY_NAME[identifier];
  if (make) return make();
  const C = LOSS_CLASSES[identifier];
  if (C) return new (C as new () => Loss)();
  throw new ValueError(
    `Could not interpret loss identifier: ${identifier}. Known names: ${Object.keys(BY_NAME).join(', ')}`,
  );
}
