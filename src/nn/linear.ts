/** Linear, Identity, Flatten and Unflatten. */
import { formatShape } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { linear } from '../autograd/functional.js';
import { Module, type Parameter } from './module.js';
import { emptyParameter, type LayerOptions } from './options.js';
import * as init from './init.js';

/**
 * y = x Wᵀ + b over the last dimension: (…, in_features) → (…, out_features). Weight
 * (out_features, in_features) and bias start as PyTorch's: U(−1/√in, 1/√in).
 */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: LayerOptions & { bias?: boolean } = {},
  ) {
    super();
    this.weight = emptyParameter([outFeatures, inFeatures], opts.dtype);
    this.bias = opts.bias === false ? null : emptyParameter([outFeatures], opts.dtype);
    this.resetParameters(opts);
  }

  /** kaiming_uniform(a = √5) for the weight, U(−1/√fan_in, 1/√fan_in) for the bias. */
  resetParameters(opts: LayerOptions = {}): void {
    init.kaimingUniform(this.weight, { a: Math.sqrt(5), rng: opts.rng });
    if (this.bias) {
      const bound = init.defaultBiasBound(this.weight.shape);
      init.uniform(this.bias, -bound, bound, { rng: opts.rng });
    }
  }

  forward(x: Tensor): Tensor {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw this.shapeError(
        `expected input with last dimension ${this.inFeatures}, got shape ${formatShape(x.shape)}`,
      );
    }
    return linear(x, this.weight, this.bias); // (…, out_features)
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}${this.bias ? '' : ', bias=False'}`;
  }
}

/** Returns its input. */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Flattens dimensions startDim … endDim into one: (N, C, H, W) → (N, C·H·W) by default. */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** Unflattens dimension `dim` into `sizes`: (N, 784) → (N, 1, 28, 28) with dim 1, sizes [1, 28, 28]. */
export class Unflatten extends Module {
  constructor(
    readonly dim: number,
    readonly sizes: readonly number[],
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    const d = this.dim < 0 ? this.dim + x.ndim : this.dim;
    const n = this.sizes.reduce((p, q) => p * q, 1);
    if (x.shape[d] !== n) {
      throw this.shapeError(
        `dimension ${this.dim} of input ${formatShape(x.shape)} has size ${x.shape[d]}, expected ${n}`,
      );
    }
    return x.reshape([...x.shape.slice(0, d), ...this.sizes, ...x.shape.slice(d + 1)]);
  }
  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=(${this.sizes.join(', ')})`;
  }
}
