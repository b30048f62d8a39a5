/** BatchNorm1d/2d, LayerNorm and GroupNorm. */
import * as nd from '../nd/index.js';
import { ValueError, formatShape } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { batchNorm, layerNorm } from '../autograd/functional.js';
import { Module, type Parameter } from './module.js';
import { emptyParameter, pyNum, tuple, type FloatDType } from './options.js';
import * as init from './init.js';

export interface BatchNormOptions {
  eps?: number;
  /** Weight of the new batch in the running statistics (default 0.1); null: cumulative average. */
  momentum?: number | null;
  /** Learnable per-channel weight and bias (default true). */
  affine?: boolean;
  /** Keep running statistics for eval mode (default true). */
  trackRunningStats?: boolean;
  dtype?: FloatDType;
}

/**
 * Shared by BatchNorm1d/2d: normalises each channel (dimension 1) with the batch statistics while
 * training — updating running_mean and running_var (unbiased) — and with the running ones in eval.
 */
abstract class BatchNormBase extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  declare runningMean: nd.NDArray | null;
  declare runningVar: nd.NDArray | null;
  declare numBatchesTracked: nd.NDArray | null;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  protected abstract readonly dims: readonly number[];

  constructor(
    readonly numFeatures: number,
    opts: BatchNormOptions = {},
  ) {
    super();
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    this.affine = opts.affine ?? true;
    this.trackRunningStats = opts.trackRunningStats ?? true;
    this.weight = this.affine ? (init.ones(emptyParameter([numFeatures], opts.dtype)) as Parameter) : null;
    this.bias = this.affine ? emptyParameter([numFeatures], opts.dtype) : null;
    const dtype = opts.dtype ?? 'float32';
    this.registerBuffer('runningMean', this.trackRunningStats ? nd.zeros([numFeatures], { dtype }) : null);
    this.registerBuffer('runningVar', this.trackRunningStats ? nd.ones([numFeatures], { dtype }) : null);
    this.registerBuffer(
      'numBatchesTracked',
      this.trackRunningStats ? nd.zeros([], { dtype: 'int64' }) : null,
    );
  }

  forward(x: Tensor): Tensor {
    if (!this.dims.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      const tail: Record<number, string> = { 2: '', 3: ', L', 4: ', H, W' };
      const want = this.dims.map((d) => `(N, ${this.numFeatures}${tail[d]})`).join(' or ');
      throw this.shapeError(`expected input ${want}, got shape ${formatShape(x.shape)}`);
    }
    const useBatch = this.training || !this.trackRunningStats;
    if (this.training && x.size / this.numFeatures <= 1) {
      throw new ValueError(
        `${this.describe()}: expected more than 1 value per channel when training, got input size ${formatShape(x.shape)}`,
      );
    }
    let factor = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.numBatchesTracked) {
      this.numBatchesTracked.set([], Number(this.numBatchesTracked.item()) + 1);
      if (this.momentum === null) factor = 1 / Number(this.numBatchesTracked.item());
    }
    const track = this.training && this.trackRunningStats;
    return batchNorm(
      x,
      track || !useBatch ? this.runningMean : null,
      track || !useBatch ? this.runningVar : null,
      {
        weight: this.weight,
        bias: this.bias,
        training: useBatch,
        momentum: factor,
        eps: this.eps,
      },
    ); // same shape as x
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${pyNum(this.eps)}, momentum=${this.momentum === null ? 'None' : pyNum(this.momentum)}, affine=${this.affine ? 'True' : 'False'}, track_running_stats=${this.trackRunningStats ? 'True' : 'False'}`;
  }
}

/** Batch normalisation of (N, C) or (N, C, L). */
export class BatchNorm1d extends BatchNormBase {
  protected readonly dims = [2, 3];
}

/** Batch normalisation of (N, C, H, W). */
export class BatchNorm2d extends BatchNormBase {
  protected readonly dims = [4];
}

/** Normalises over the trailing `normalizedShape` dimensions, then scales and shifts elementwise. */
export class LayerNorm extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  readonly normalizedShape: number[];
  readonly eps: number;

  constructor(
    normalizedShape: number | readonly number[],
    opts: { eps?: number; elementwiseAffine?: boolean; bias?: boolean; dtype?: FloatDType } = {},
  ) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = opts.eps ?? 1e-5;
    const affine = opts.elementwiseAffine ?? true;
    this.weight = affine ? (init.ones(emptyParameter(this.normalizedShape, opts.dtype)) as Parameter) : null;
    this.bias = affine && opts.bias !== false ? emptyParameter(this.normalizedShape, opts.dtype) : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    const tail = x.shape.slice(x.ndim - k);
    if (x.ndim < k || tail.some((d, i) => d !== this.normalizedShape[i])) {
      throw this.shapeError(
        `expected input ending in ${formatShape(this.normalizedShape)}, got shape ${formatShape(x.shape)}`,
      );
    }
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps); // same shape as x
  }

  override extraRepr(): string {
    return `${tuple(this.normalizedShape)}, eps=${pyNum(this.eps)}, elementwise_affine=${this.weight ? 'True' : 'False'}`;
  }
}

/**
 * Group normalisation: the C channels of (N, C, …) are split into numGroups groups, each
 * normalised over its channels and positions; then a per-channel weight and bias.
 */
export class GroupNorm extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  readonly eps: number;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    opts: { eps?: number; affine?: boolean; dtype?: FloatDType } = {},
  ) {
    super();
    if (numChannels % numGroups !== 0)
      throw new ValueError(
        `GroupNorm: num_channels ${numChannels} must be divisible by num_groups ${numGroups}`,
      );
    this.eps = opts.eps ?? 1e-5;
    const affine = opts.affine ?? true;
    this.weight = affine ? (init.ones(emptyParameter([numChannels], opts.dtype)) as Parameter) : null;
    this.bias = affine ? emptyParameter([numChannels], opts.dtype) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim < 2 || x.shape[1] !== this.numChannels) {
      throw this.shapeError(`expected input (N, ${this.numChannels}, …), got shape ${formatShape(x.shape)}`);
    }
    const n = x.shape[0];
    const g = x.reshape([n, this.numGroups, -1]); // (N, G, C/G·…)
    const mu = g.mean({ axis: 2, keepdims: true }); // (N, G, 1)
    const centred = g.sub(mu);
    const v = centred.mul(centred).mean({ axis: 2, keepdims: true }); // (N, G, 1)
    let y = centred.div(v.add(this.eps).sqrt()).reshape([...x.shape]); // (N, C, …)
    const bshape = x.shape.map((d, i) => (i === 1 ? d : 1));
    if (this.weight) y = y.mul(this.weight.reshape(bshape));
    if (this.bias) y = y.add(this.bias.reshape(bshape));
    return y;
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyNum(this.eps)}, affine=${this.weight ? 'True' : 'False'}`;
  }
}

/**
 * Root-mean-square normalisation (Zhang & Sennrich 2019; Llama's norm): x / √(mean(x²) + ε) · weight
 * over the trailing `normalizedShape` dimensions, without centring. ε defaults to the machine
 * epsilon of the input's dtype, as PyTorch's.
 */
export class RMSNorm extends Module {
  weight: Parameter | null;
  readonly normalizedShape: number[];
  readonly eps: number | null;

  constructor(
    normalizedShape: number | readonly number[],
    opts: { eps?: number | null; elementwiseAffine?: boolean; dtype?: FloatDType } = {},
  ) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = opts.eps ?? null;
    this.weight =
      (opts.elementwiseAffine ?? true)
        ? (init.ones(emptyParameter(this.normalizedShape, opts.dtype)) as Parameter)
        : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    const tail = x.shape.slice(x.ndim - k);
    if (x.ndim < k || tail.some((d, i) => d !== this.normalizedShape[i])) {
      throw this.shapeError(
        `expected input ending in ${formatShape(this.normalizedShape)}, got shape ${formatShape(x.shape)}`,
      );
    }
    const eps = this.eps ?? (x.dtype === 'float64' ? 2.220446049250313e-16 : 1.1920928955078125e-7);
    const axes = Array.from({ length: k }, (_, i) => x.ndim - k + i);
    const y = x.div(x.mul(x).mean({ axis: axes, keepdims: true }).add(eps).sqrt()); // same shape as x
    return this.weight ? y.mul(this.weight) : y;
  }

  override extraRepr(): string {
    return `${tuple(this.normalizedShape)}, eps=${this.eps === null ? 'None' : pyNum(this.eps)}, elementwise_affine=${this.weight ? 'True' : 'False'}`;
  }
}
