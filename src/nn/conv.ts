/** Conv1d, Conv2d and ConvTranspose2d: PyTorch's layers over the ops in autograd/ops/conv.ts. */
import { formatShape } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { conv1d, conv2d, convTranspose2d, type Pair } from '../autograd/ops/conv.js';
import { Module, type Parameter } from './module.js';
import { emptyParameter, tuple, type LayerOptions } from './options.js';
import * as init from './init.js';

function pair(v: Pair | undefined, dflt: number): [number, number] {
  if (v === undefined) return [dflt, dflt];
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** kaiming_uniform(a = √5) weight and U(−1/√fan_in, 1/√fan_in) bias, as every PyTorch conv. */
function resetConv(weight: Parameter, bias: Parameter | null, opts: LayerOptions): void {
  init.kaimingUniform(weight, { a: Math.sqrt(5), rng: opts.rng });
  if (bias) {
    const bound = init.defaultBiasBound(weight.shape);
    init.uniform(bias, -bound, bound, { rng: opts.rng });
  }
}

export interface Conv2dLayerOptions extends LayerOptions {
  stride?: Pair;
  padding?: Pair | 'same' | 'valid';
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
}

/**
 * 2-D convolution: (N, C_in, H, W) → (N, C_out, H_out, W_out); weight
 * (C_out, C_in/groups, kH, kW), bias (C_out).
 */
export class Conv2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | 'same' | 'valid';
  readonly dilation: [number, number];
  readonly groups: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    opts: Conv2dLayerOptions = {},
  ) {
    super();
    this.kernelSize = pair(kernelSize, 1);
    this.stride = pair(opts.stride, 1);
    this.padding = typeof opts.padding === 'string' ? opts.padding : pair(opts.padding, 0);
    this.dilation = pair(opts.dilation, 1);
    this.groups = opts.groups ?? 1;
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw this.shapeError(`in_channels and out_channels must be divisible by groups=${this.groups}`);
    }
    this.weight = emptyParameter([outChannels, inChannels / this.groups, ...this.kernelSize], opts.dtype);
    this.bias = opts.bias === false ? null : emptyParameter([outChannels], opts.dtype);
    resetConv(this.weight, this.bias, opts);
  }

  forward(x: Tensor): Tensor {
    const c = x.ndim === 3 ? x.shape[0] : x.shape[1];
    if ((x.ndim !== 3 && x.ndim !== 4) || c !== this.inChannels) {
      throw this.shapeError(
        `expected input (N, ${this.inChannels}, H, W) or (${this.inChannels}, H, W), got shape ${formatShape(x.shape)}`,
      );
    }
    const opts = { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
    return conv2d(x, this.weight, this.bias, opts); // (N, C_out, H_out, W_out)
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${tuple(this.kernelSize)}, stride=${tuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding[0] !== 0 || this.padding[1] !== 0) s += `, padding=${tuple(this.padding)}`;
    if (this.dilation[0] !== 1 || this.dilation[1] !== 1) s += `, dilation=${tuple(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    return s;
  }
}

export interface Conv1dLayerOptions extends LayerOptions {
  stride?: number;
  padding?: number | 'same' | 'valid';
  dilation?: number;
  groups?: number;
  bias?: boolean;
}

/** 1-D convolution: (N, C_in, L) → (N, C_out, L_out); weight (C_out, C_in/groups, k). */
export class Conv1d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly stride: number;
  readonly padding: number | 'same' | 'valid';
  readonly dilation: number;
  readonly groups: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    opts: Conv1dLayerOptions = {},
  ) {
    super();
    this.stride = opts.stride ?? 1;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    this.groups = opts.groups ?? 1;
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw this.shapeError(`in_channels and out_channels must be divisible by groups=${this.groups}`);
    }
    this.weight = emptyParameter([outChannels, inChannels / this.groups, kernelSize], opts.dtype);
    this.bias = opts.bias === false ? null : emptyParameter([outChannels], opts.dtype);
    resetConv(this.weight, this.bias, opts);
  }

  forward(x: Tensor): Tensor {
    const c = x.ndim === 2 ? x.shape[0] : x.shape[1];
    if ((x.ndim !== 2 && x.ndim !== 3) || c !== this.inChannels) {
      throw this.shapeError(
        `expected input (N, ${this.inChannels}, L) or (${this.inChannels}, L), got shape ${formatShape(x.shape)}`,
      );
    }
    const opts = { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
    return conv1d(x, this.weight, this.bias, opts); // (N, C_out, L_out)
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize},), stride=(${this.stride},)`;
    if (this.padding !== 0)
      s += `, padding=${typeof this.padding === 'string' ? this.padding : `(${this.padding},)`}`;
    if (this.dilation !== 1) s += `, dilation=(${this.dilation},)`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    return s;
  }
}

export interface ConvTranspose2dLayerOptions extends LayerOptions {
  stride?: Pair;
  padding?: Pair;
  outputPadding?: Pair;
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
}

/**
 * Transposed 2-D convolution (the gradient of Conv2d as a layer, used to upsample):
 * (N, C_in, H, W) → (N, C_out, H_out, W_out); weight (C_in, C_out/groups, kH, kW).
 */
export class ConvTranspose2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly outputPadding: [number, number];
  readonly dilation: [number, number];
  readonly groups: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    opts: ConvTranspose2dLayerOptions = {},
  ) {
    super();
    this.kernelSize = pair(kernelSize, 1);
    this.stride = pair(opts.stride, 1);
    this.padding = pair(opts.padding, 0);
    this.outputPadding = pair(opts.outputPadding, 0);
    this.dilation = pair(opts.dilation, 1);
    this.groups = opts.groups ?? 1;
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw this.shapeError(`in_channels and out_channels must be divisible by groups=${this.groups}`);
    }
    this.weight = emptyParameter([inChannels, outChannels / this.groups, ...this.kernelSize], opts.dtype);
    this.bias = opts.bias === false ? null : emptyParameter([outChannels], opts.dtype);
    resetConv(this.weight, this.bias, opts);
  }

  forward(x: Tensor): Tensor {
    const c = x.ndim === 3 ? x.shape[0] : x.shape[1];
    if ((x.ndim !== 3 && x.ndim !== 4) || c !== this.inChannels) {
      throw this.shapeError(
        `expected input (N, ${this.inChannels}, H, W) or (${this.inChannels}, H, W), got shape ${formatShape(x.shape)}`,
      );
    }
    return convTranspose2d(x, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      outputPadding: this.outputPadding,
      dilation: this.dilation,
      groups: this.groups,
    }); // (N, C_out, H_out, W_out)
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${tuple(this.kernelSize)}, stride=${tuple(this.stride)}`;
    if (this.padding[0] !== 0 || this.padding[1] !== 0) s += `, padding=${tuple(this.padding)}`;
    if (this.outputPadding[0] !== 0 || this.outputPadding[1] !== 0)
      s += `, output_padding=${tuple(this.outputPadding)}`;
    if (this.dilation[0] !== 1 || this.dilation[1] !== 1) s += `, dilation=${tuple(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    return s;
  }
}
