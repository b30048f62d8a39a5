/**
 * Conv2D and the 2-D pooling layers, channels-last as in Keras: images (N, H, W, C), kernels
 * (kh, kw, C_in, C_out). Inside, the tensors are permuted to autograd's NCHW ops (conv2d,
 * maxPool2d, avgPool2d) and back. `padding: 'same'` follows TensorFlow: output ⌈H / stride⌉,
 * the odd padding row/column at the bottom/right.
 */
import * as nd from '../../nd/index.js';
import { ValueError } from '../../nd/errors.js';
import { Tensor } from '../../autograd/tensor.js';
import { avgPool2d, conv2d, maxPool2d } from '../../autograd/ops/conv.js';
import { pad } from '../../autograd/ops/movement.js';
import { Layer, type LayerArgs, type ShapeArg } from '../layer.js';
import { convOutputLength, pyShape, samePadding, type Shape } from '../shape.js';
import { get as getActivation, type Activation, type ActivationLike } from '../activations.js';
import { get as getInitializer, type Initializer, type InitializerLike } from '../initializers.js';
import type { KerasVariable } from '../variable.js';
import { firstArg, positiveInt } from './core.js';

export type Padding = 'valid' | 'same';
export type DataFormat = 'channels_last' | 'channels_first';
/** One number for both axes, or [height, width]. */
export type Pair = number | readonly [number, number];

function pair(v: Pair | undefined, dflt: number): [number, number] {
  if (v === undefined) return [dflt, dflt];
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

function checkPadding(p: string | undefined): Padding {
  const v = (p ?? 'valid').toLowerCase();
  if (v !== 'valid' && v !== 'same')
    throw new ValueError(
      `The \`padding\` argument must be a string in {'valid', 'same'}. Received: padding=${p}`,
    );
  return v;
}

/** (N, H, W, C) → (N, C, H, W) unless the data is already channels-first. */
function toNCHW(x: Tensor, format: DataFormat): Tensor {
  return format === 'channels_last' ? x.permute(0, 3, 1, 2) : x;
}
function fromNCHW(y: Tensor, format: DataFormat): Tensor {
  return format === 'channels_last' ? y.permute(0, 2, 3, 1) : y;
}

/** The [top, bottom] and [left, right] zero padding that `same` needs for an NCHW tensor. */
function samePads(
  x: Tensor,
  kernel: [number, number],
  strides: [number, number],
  dilation: [number, number],
): [[number, number], [number, number]] {
  return [
    samePadding(x.shape[2], kernel[0], strides[0], dilation[0]),
    samePadding(x.shape[3], kernel[1], strides[1], dilation[1]),
  ];
}

function spatial(shape: Shape, format: DataFormat): [number | null, number | null, number | null] {
  return format === 'channels_last' ? [shape[1], shape[2], shape[3]] : [shape[2], shape[3], shape[1]];
}

function assemble(
  n: number | null,
  h: number | null,
  w: number | null,
  c: number | null,
  format: DataFormat,
): Shape {
  return format === 'channels_last' ? [n, h, w, c] : [n, c, h, w];
}

// ----------------------------------------------------------------------------------------- Conv2D

export interface Conv2DArgs extends LayerArgs {
  filters?: number;
  kernelSize?: Pair;
  strides?: Pair;
  padding?: Padding;
  dataFormat?: DataFormat;
  dilationRate?: Pair;
  groups?: number;
  activation?: ActivationLike;
  useBias?: boolean;
  kernelInitializer?: InitializerLike;
  biasInitializer?: InitializerLike;
}

/**
 * 2-D convolution: (N, H, W, C_in) → (N, H_out, W_out, filters); kernel (kh, kw, C_in/groups,
 * filters), bias (filters).
 */
export class Conv2D extends Layer {
  static override readonly className: string = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dataFormat: DataFormat;
  readonly dilationRate: [number, number];
  readonly groups: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  kernel: KerasVariable | null = null;
  bias: KerasVariable | null = null;

  constructor(filters: number | Conv2DArgs, kernelSize?: Pair | Conv2DArgs, args: Conv2DArgs = {}) {
    const [f, o1] = firstArg(
      filters,
      'filters',
      typeof kernelSize === 'object' && !Array.isArray(kernelSize) ? (kernelSize as Conv2DArgs) : args,
    );
    const o =
      typeof kernelSize === 'number' || Array.isArray(kernelSize)
        ? { ...o1, kernelSize: kernelSize as Pair }
        : o1;
    super(o);
    this.filters = positiveInt(this.name, 'filters', f);
    if (o.kernelSize === undefined)
      throw new ValueError(`Conv2D needs a \`kernelSize\` (layer ${this.name})`);
    this.kernelSize = pair(o.kernelSize, 1);
    this.strides = pair(o.strides, 1);
    this.padding = checkPadding(o.padding);
    this.dataFormat = o.dataFormat ?? 'channels_last';
    this.dilationRate = pair(o.dilationRate, 1);
    this.groups = o.groups ?? 1;
    this.activation = getActivation(o.activation);
    this.useBias = o.useBias ?? true;
    this.kernelInitializer = getInitializer(o.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(o.biasInitializer ?? 'zeros');
    if (this.filters % this.groups !== 0) {
      throw new ValueError(
        `The number of filters must be evenly divisible by the number of groups. Received: groups=${this.groups}, filters=${this.filters}.`,
      );
    }
  }

  override build(shape: ShapeArg): void {
    const s = shape as Shape;
    if (s.length !== 4) {
      throw new ValueError(
        `Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=4, found ndim=${s.length}. Full shape received: ${pyShape(s)}`,
      );
    }
    const cin = spatial(s, this.dataFormat)[2];
    if (cin === null)
      throw new ValueError(
        `The channel dimension of the inputs to Conv2D should be defined. Found None. Full input shape received: ${pyShape(s)}`,
      );
    if (cin % this.groups !== 0) {
      throw new ValueError(
        `The number of input channels must be evenly divisible by the number of groups. Received groups=${this.groups}, but the input has ${cin} channels (full input shape is ${pyShape(s)}).`,
      );
    }
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, cin / this.groups, this.filters], {
      initializer: this.kernelInitializer,
    });
    if (this.useBias)
      this.bias = this.addWeight('bias', [this.filters], { initializer: this.biasInitializer });
    this.inputSpec = { ndim: 4, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: cin } };
  }

  call(input: Tensor): Tensor {
    let x = toNCHW(input, this.dataFormat); // (N, C_in, H, W)
    const w = this.kernel!.permute(3, 2, 0, 1); // (filters, C_in/groups, kh, kw)
    let padding: [number, number] = [0, 0];
    if (this.padding === 'same') {
      const [ph, pw] = samePads(x, this.kernelSize, this.strides, this.dilationRate);
      if (ph[0] === ph[1] && pw[0] === pw[1]) padding = [ph[0], pw[0]];
      else x = pad(x, [[0, 0], [0, 0], ph, pw]); // (N, C_in, H + pads, W + pads)
    }
    const y = conv2d(x, w, this.bias, {
      stride: this.strides,
      padding,
      dilation: this.dilationRate,
      groups: this.groups,
    }); // (N, filters, H_out, W_out)
    return this.activation(fromNCHW(y, this.dataFormat)); // (N, H_out, W_out, filters)
  }

  override computeOutputShape(shape: ShapeArg): Shape {
    const s = shape as Shape;
    const [h, w] = spatial(s, this.dataFormat);
    const oh = convOutputLength(h, this.kernelSize[0], this.padding, this.strides[0], this.dilationRate[0]);
    const ow = convOutputLength(w, this.kernelSize[1], this.padding, this.strides[1], this.dilationRate[1]);
    if ((oh !== null && oh <= 0) || (ow !== null && ow <= 0)) {
      throw new ValueError(
        `Computed output size would be negative. Received \`inputs shape=${pyShape(s)}\`, \`kernel shape=${pyShape([...this.kernelSize, spatial(s, this.dataFormat)[2], this.filters])}\`, \`dilation_rate=${pyShape(this.dilationRate)}\` (layer "${this.name}").`,
      );
    }
    return assemble(s[0], oh, ow, this.filters, this.dataFormat);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: this.dilationRate,
      groups: this.groups,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
    };
  }
}

// ---------------------------------------------------------------------------------------- pooling

export interface Pooling2DArgs extends LayerArgs {
  /** Window size (default 2). */
  poolSize?: Pair;
  /** Step (default: poolSize). */
  strides?: Pair | null;
  padding?: Padding;
  dataFormat?: DataFormat;
}

abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dataFormat: DataFormat;

  constructor(poolSize?: Pair | Pooling2DArgs, args: Pooling2DArgs = {}) {
    const o =
      typeof poolSize === 'number' || Array.isArray(poolSize)
        ? { ...args, poolSize: poolSize as Pair }
        : { ...((poolSize as Pooling2DArgs) ?? {}), ...args };
    super(o);
    this.poolSize = pair(o.poolSize, 2);
    this.strides = o.strides === undefined || o.strides === null ? this.poolSize : pair(o.strides, 1);
    this.padding = checkPadding(o.padding);
    this.dataFormat = o.dataFormat ?? 'channels_last';
    this.inputSpec = { ndim: 4 };
  }

  protected abstract pool(x: Tensor): Tensor;

  call(input: Tensor): Tensor {
    return fromNCHW(this.pool(toNCHW(input, this.dataFormat)), this.dataFormat); // (N, H_out, W_out, C)
  }

  override computeOutputShape(shape: ShapeArg): Shape {
    const s = shape as Shape;
    const [h, w, c] = spatial(s, this.dataFormat);
    const oh = convOutputLength(h, this.poolSize[0], this.padding, this.strides[0]);
    const ow = convOutputLength(w, this.poolSize[1], this.padding, this.strides[1]);
    if ((oh !== null && oh <= 0) || (ow !== null && ow <= 0)) {
      throw new ValueError(
        `Computed output size would be negative. Received: inputs.shape=${pyShape(s)} and pool_size=${pyShape(this.poolSize)} (layer "${this.name}").`,
      );
    }
    return assemble(s[0], oh, ow, c, this.dataFormat);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      poolSize: this.poolSize,
      strides: this.strides,
      padding: this.padding,
      dataFormat: this.dataFormat,
    };
  }
}

/** Max over poolSize windows: (N, H, W, C) → (N, H_out, W_out, C). */
export class MaxPooling2D extends Pooling2D {
  static override readonly className: string = 'MaxPooling2D';
  protected pool(x: Tensor): Tensor {
    if (this.padding === 'same') {
      const [ph, pw] = samePads(x, this.poolSize, this.strides, [1, 1]);
      x = pad(x, [[0, 0], [0, 0], ph, pw], -Infinity); // padding never wins the max
    }
    return maxPool2d(x, this.poolSize, { stride: this.strides }); // (N, C, H_out, W_out)
  }
}

/** Mean over poolSize windows (with `same`, padded cells are left out of the mean, as Keras). */
export class AveragePooling2D extends Pooling2D {
  static override readonly className: string = 'AveragePooling2D';
  protected pool(x: Tensor): Tensor {
    if (this.padding === 'valid') return avgPool2d(x, this.poolSize, { stride: this.strides }); // (N, C, H_out, W_out)
    const [ph, pw] = samePads(x, this.poolSize, this.strides, [1, 1]);
    const padded = pad(x, [[0, 0], [0, 0], ph, pw]);
    const ones = new Tensor(nd.ones([1, 1, x.shape[2], x.shape[3]], { dtype: x.dtype }));
    const count = avgPool2d(pad(ones, [[0, 0], [0, 0], ph, pw]), this.poolSize, { stride: this.strides }); // (1, 1, H_out, W_out)
    return avgPool2d(padded, this.poolSize, { stride: this.strides }).div(count); // (N, C, H_out, W_out)
  }
}

export interface GlobalPooling2DArgs extends LayerArgs {
  dataFormat?: DataFormat;
  /** Keep the spatial axes as size 1 (default false). */
  keepdims?: boolean;
}

/** Mean over the spatial axes: (N, H, W, C) → (N, C). */
export class GlobalAveragePooling2D extends Layer {
  static override readonly className: string = 'GlobalAveragePooling2D';
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;
  constructor(args: GlobalPooling2DArgs = {}) {
    super(args);
    this.dataFormat = args.dataFormat ?? 'channels_last';
    this.keepdims = args.keepdims ?? false;
    this.inputSpec = { ndim: 4 };
  }
  call(x: Tensor): Tensor {
    const axes = this.dataFormat === 'channels_last' ? [1, 2] : [2, 3];
    return x.mean({ axis: axes, keepdims: this.keepdims }); // (N, C)
  }
  override computeOutputShape(shape: ShapeArg): Shape {
    const s = shape as Shape;
    const c = spatial(s, this.dataFormat)[2];
    if (!this.keepdims) return [s[0], c];
    return assemble(s[0], 1, 1, c, this.dataFormat);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepdims };
  }
}
