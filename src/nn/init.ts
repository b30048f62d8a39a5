/**
 * `nn.init`: PyTorch's initialisers. Each fills a tensor in place (no gradient is recorded) from
 * a seeded generator (`rng`, else the default one, see rng.ts) and returns it.
 *
 * Fans follow PyTorch: for a weight of shape (out, in, k…), fan_in = in·Πk and fan_out = out·Πk.
 *
 * ```ts
 * nn.init.kaimingUniform(layer.weight, { a: Math.sqrt(5), rng });   // PyTorch's Linear/Conv default
 * nn.init.xavierUniform(w, { gain: nn.init.calculateGain('tanh') });
 * ```
 */
import { NDArray } from '../nd/ndarray.js';
import { copyto } from '../nd/manip.js';
import { ValueError, formatShape } from '../nd/errors.js';
import { qr } from '../nd/linalg/qr.js';
import type { Tensor } from '../autograd/tensor.js';
import { resolveRng, type Generator } from './rng.js';

export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

export interface RngOption {
  rng?: Generator | null;
}

/** The recommended gain for a nonlinearity (PyTorch's table; `param` is leaky_relu's slope). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'conv_transpose1d':
    case 'conv_transpose2d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new ValueError(`calculateGain: unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/** [fan_in, fan_out] of a weight of `shape` (at least 2-D). */
export function calculateFanInAndFanOut(shape: readonly number[]): [number, number] {
  if (shape.length < 2) {
    throw new ValueError(
      `init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got shape ${formatShape(shape)}`,
    );
  }
  const receptive = shape.slice(2).reduce((p, q) => p * q, 1);
  return [shape[1] * receptive, shape[0] * receptive];
}

/** Writes float64 `values` into `t` (cast to its dtype). */
function fill(t: Tensor, values: NDArray): Tensor {
  copyto(t.data, values, { casting: 'unsafe' });
  return t;
}

function shapeOf(t: Tensor): number[] {
  return [...t.shape];
}

/** U(a, b). */
export function uniform(t: Tensor, a = 0, b = 1, opts: RngOption = {}): Tensor {
  return fill(t, resolveRng(opts.rng).uniform(a, b, shapeOf(t)));
}

/** N(mean, std²). */
export function normal(t: Tensor, mean = 0, std = 1, opts: RngOption = {}): Tensor {
  return fill(t, resolveRng(opts.rng).normal(mean, std, shapeOf(t)));
}

/** N(mean, std²) redrawn until inside [a, b] (PyTorch's trunc_normal_ bounds are absolute). */
export function truncNormal(t: Tensor, mean = 0, std = 1, a = -2, b = 2, opts: RngOption = {}): Tensor {
  const rng = resolveRng(opts.rng);
  const n = t.size;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v: number;
    do v = mean + std * (rng.standardNormal() as number);
    while (v < a || v > b);
    out[i] = v;
  }
  return fill(t, NDArray.fromData(out, shapeOf(t), 'float64'));
}

export function constant(t: Tensor, value: number): Tensor {
  t.data.fill(value);
  return t;
}
export function ones(t: Tensor): Tensor {
  return constant(t, 1);
}
export function zeros(t: Tensor): Tensor {
  return constant(t, 0);
}

/** The identity matrix in a 2-D tensor (ones on the diagonal). */
export function eye(t: Tensor): Tensor {
  if (t.ndim !== 2) throw new ValueError(`eye: only 2-D tensors are supported, got ${formatShape(t.shape)}`);
  t.data.fill(0);
  for (let i = 0; i < Math.min(t.shape[0], t.shape[1]); i++) t.data.set([i, i], 1);
  return t;
}

/** Glorot uniform: U(−a, a), a = gain·√(6 / (fan_in + fan_out)). */
export function xavierUniform(t: Tensor, opts: RngOption & { gain?: number } = {}): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t.shape);
  const std = (opts.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut));
  const a = Math.sqrt(3) * std;
  return uniform(t, -a, a, opts);
}

/** Glorot normal: N(0, std²), std = gain·√(2 / (fan_in + fan_out)). */
export function xavierNormal(t: Tensor, opts: RngOption & { gain?: number } = {}): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t.shape);
  return normal(t, 0, (opts.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), opts);
}

export interface KaimingOptions extends RngOption {
  /** Negative slope of the leaky_relu that follows (default 0). */
  a?: number;
  /** Preserve the variance of the forward ('fan_in', default) or backward ('fan_out') pass. */
  mode?: 'fan_in' | 'fan_out';
  /** Default 'leaky_relu' (with slope `a`), as PyTorch. */
  nonlinearity?: Nonlinearity;
}

function kaimingStd(t: Tensor, opts: KaimingOptions): number {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t.shape);
  const fan = (opts.mode ?? 'fan_in') === 'fan_in' ? fanIn : fanOut;
  const gain = calculateGain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** He uniform: U(−b, b), b = gain·√(3 / fan). With a = √5 this is PyTorch's Linear/Conv default. */
export function kaimingUniform(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, opts);
  return uniform(t, -bound, bound, opts);
}

/** He normal: N(0, std²), std = gain / √fan. */
export function kaimingNormal(t: Tensor, opts: KaimingOptions = {}): Tensor {
  return normal(t, 0, kaimingStd(t, opts), opts);
}

/**
 * A (semi-)orthogonal matrix (Saxe et al.), reshaped to `t`'s shape (rows = dimension 0): the Q
 * of a QR decomposition of a normal matrix, with signs fixed by R's diagonal, times `gain`.
 */
export function orthogonal(t: Tensor, opts: RngOption & { gain?: number } = {}): Tensor {
  if (t.ndim < 2)
    throw new ValueError(
      `orthogonal: only tensors with 2 or more dimensions are supported, got ${formatShape(t.shape)}`,
    );
  const rows = t.shape[0];
  const cols = t.size / rows;
  let flat = resolveRng(opts.rng).normal(0, 1, [rows, cols]);
  if (rows < cols) flat = flat.T.copy();
  const { Q, R } = qr(flat);
  const k = Math.min(rows, cols);
  const d = new Float64Array(k);
  for (let i = 0; i < k; i++) d[i] = Math.sign(Number(R.item(i, i))) || 1;
  let q = Q.mul(NDArray.fromData(d, [k], 'float64'));
  if (rows < cols) q = q.T;
  return fill(t, q.mul(opts.gain ?? 1).reshape(shapeOf(t)));
}

/** The bound 1/√fan_in that PyTorch's Linear and Conv biases are drawn within. */
export function defaultBiasBound(weightShape: readonly number[]): number {
  const [fanIn] = calculateFanInAndFanOut(weightShape);
  return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
}
