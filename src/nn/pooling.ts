/** Pooling and resampling layers: MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool2d, Upsample. */
import { formatShape } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import {
  adaptiveAvgPool2d,
  avgPool1d,
  avgPool2d,
  interpolate,
  maxPool1d,
  maxPool2d,
  type InterpolateOptions,
  type Pair,
} from '../autograd/ops/conv.js';
import { Module, type AnyModule } from './module.js';

function show(v: Pair): string {
  return typeof v === 'number' ? String(v) : `(${v[0]}, ${v[1]})`;
}

function check4d(m: AnyModule, x: Tensor): void {
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw m.shapeError(`expected input (N, C, H, W) or (C, H, W), got shape ${formatShape(x.shape)}`);
  }
}

/** Max over kernelSize windows: (N, C, H, W) → (N, C, H_out, W_out); the gradient goes to one arg-max. */
export class MaxPool2d extends Module {
  readonly stride: Pair;
  readonly padding: Pair;
  readonly ceilMode: boolean;
  constructor(
    readonly kernelSize: Pair,
    opts: { stride?: Pair; padding?: Pair; ceilMode?: boolean } = {},
  ) {
    super();
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
    this.ceilMode = opts.ceilMode ?? false;
  }
  forward(x: Tensor): Tensor {
    check4d(this, x);
    return maxPool2d(x, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      ceilMode: this.ceilMode,
    }); // (N, C, H_out, W_out)
  }
  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}, dilation=1, ceil_mode=${this.ceilMode ? 'True' : 'False'}`;
  }
}

/** Mean over kernelSize windows (padding counted in the divisor unless countIncludePad is false). */
export class AvgPool2d extends Module {
  readonly stride: Pair;
  readonly padding: Pair;
  readonly countIncludePad: boolean;
  constructor(
    readonly kernelSize: Pair,
    opts: { stride?: Pair; padding?: Pair; countIncludePad?: boolean } = {},
  ) {
    super();
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
    this.countIncludePad = opts.countIncludePad ?? true;
  }
  forward(x: Tensor): Tensor {
    check4d(this, x);
    return avgPool2d(x, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      countIncludePad: this.countIncludePad,
    }); // (N, C, H_out, W_out)
  }
  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}`;
  }
}

/** Max pooling over (N, C, L). */
export class MaxPool1d extends Module {
  readonly stride: number;
  readonly padding: number;
  constructor(
    readonly kernelSize: number,
    opts: { stride?: number; padding?: number } = {},
  ) {
    super();
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
  }
  forward(x: Tensor): Tensor {
    return maxPool1d(x, this.kernelSize, { stride: this.stride, padding: this.padding }); // (N, C, L_out)
  }
  override extraRepr(): string {
    return `kernel_size=${this.kernelSize}, stride=${this.stride}, padding=${this.padding}`;
  }
}

/** Average pooling over (N, C, L). */
export class AvgPool1d extends Module {
  readonly stride: number;
  readonly padding: number;
  constructor(
    readonly kernelSize: number,
    opts: { stride?: number; padding?: number } = {},
  ) {
    super();
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
  }
  forward(x: Tensor): Tensor {
    return avgPool1d(x, this.kernelSize, { stride: this.stride, padding: this.padding }); // (N, C, L_out)
  }
  override extraRepr(): string {
    return `kernel_size=(${this.kernelSize},), stride=(${this.stride},), padding=(${this.padding},)`;
  }
}

/** Averages into a fixed output size from any input size: (N, C, H, W) → (N, C, oh, ow). */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: number | readonly [number | null, number | null]) {
    super();
  }
  forward(x: Tensor): Tensor {
    check4d(this, x);
    return adaptiveAvgPool2d(x, this.outputSize); // (N, C, oh, ow)
  }
  override extraRepr(): string {
    const s = this.outputSize;
    return `output_size=${typeof s === 'number' ? s : `(${s.map((v) => (v === null ? 'None' : v)).join(', ')})`}`;
  }
}

/** nn.Upsample: resizes (N, C, L) or (N, C, H, W) by `size` or `scaleFactor` (nearest, linear, bilinear). */
export class Upsample extends Module {
  constructor(readonly opts: InterpolateOptions) {
    super();
  }
  forward(x: Tensor): Tensor {
    return interpolate(x, this.opts); // (N, C, …out)
  }
  override extraRepr(): string {
    const o = this.opts;
    const v = (a: number | readonly number[] | undefined): string =>
      a === undefined ? 'None' : typeof a === 'number' ? String(a) : `(${a.join(', ')})`;
    return `size=${v(o.size)}, scale_factor=${v(o.scaleFactor)}, mode='${o.mode ?? 'nearest'}'`;
  }
}
