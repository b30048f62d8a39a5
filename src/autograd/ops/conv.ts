/**
 * Convolution, pooling and resampling over NCHW tensors, each forward beside its backward.
 *
 * The heavy loops run in the compute backend (`getBackend()`: wasm or the js reference). Three
 * primitives carry all the convolutions, and each is bilinear, so each one's gradient is made of
 * the other two and second derivatives work through every convolution:
 *
 *   convForward      y  = x ⋆ w            ∂x = convInputGrad(g, w)     ∂w = convWeightGrad(x, g)
 *   convInputGrad    dx = wᵀ ⋆ dy          ∂dy = convForward(g, w)      ∂w = convWeightGrad(g, dy)
 *   convWeightGrad   dw = Σ dy · x         ∂x = convInputGrad(dy, g)    ∂dy = convForward(x, g)
 *
 * `convTranspose2d` is `convInputGrad` of the convolution it transposes. Pooling backwards are
 * recorded ops too (average pooling's adjoint is itself a pooling; max pooling's is a gather at
 * the arg-max). Adaptive pooling and interpolation are separable linear maps: y = A_h · x · A_wᵀ
 * with small constant matrices, so their gradients come from matmul.
 */
import { NDArray } from '../../nd/ndarray.js';
import { DTypeError, ShapeError, ValueError, formatShape } from '../../nd/errors.js';
import { DTYPE_INFO } from '../../nd/creation.js';
import { getBackend } from '../../kernels/backend.js';
import {
  conv2dGeometry,
  pool2dGeometry,
  type Conv2dGeometry,
  type FloatArray,
  type Pool2dGeometry,
} from '../../kernels/types.js';
import { Tensor } from '../tensor.js';
import { record } from './util.js';

/** One number for both spatial axes, or [height, width]. */
export type Pair = number | readonly [number, number];

export interface Conv2dOptions {
  stride?: Pair;
  /** Zero padding on both sides, `'valid'` (none) or `'same'` (output size = input size, stride 1). */
  padding?: Pair | 'same' | 'valid';
  dilation?: Pair;
  groups?: number;
}

export interface Conv1dOptions {
  stride?: number;
  padding?: number | 'same' | 'valid';
  dilation?: number;
  groups?: number;
}

export interface ConvTranspose2dOptions {
  stride?: Pair;
  /** Removes `dilation·(k − 1) − padding` … PyTorch's meaning: the conv it transposes had this padding. */
  padding?: Pair;
  /** Extra rows/columns added at the bottom/right of the output (must be < stride or < dilation). */
  outputPadding?: Pair;
  dilation?: Pair;
  groups?: number;
}

function pair(v: Pair | undefined, dflt: number): [number, number] {
  if (v === undefined) return [dflt, dflt];
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

// ------------------------------------------------------------------------------------------ data

/** The typed array and offset of a C-contiguous float array (a copy when `a` is a strided view). */
function dense(op: string, a: NDArray): { arr: FloatArray; off: number } {
  if (a.dtype !== 'float32' && a.dtype !== 'float64') {
    throw new DTypeError(`${op}: expected float32 or float64 tensors, got ${a.dtype}`);
  }
  const c = a.flags.cContiguous ? a : a.copy();
  return { arr: c.data as FloatArray, off: c.offset };
}

/** A fresh zero-filled C-contiguous array of `shape`. */
function alloc(shape: readonly number[], dtype: 'float32' | 'float64'): NDArray {
  const n = shape.reduce((p, q) => p * q, 1);
  return NDArray.fromData(new DTYPE_INFO[dtype].ctor(n), shape, dtype);
}

function floatType(op: string, ...ts: Tensor[]): 'float32' | 'float64' {
  const d = ts[0].dtype;
  for (const t of ts) {
    if (t.dtype !== d)
      throw new DTypeError(`${op}: all tensors must share one dtype, got ${d} and ${t.dtype}`);
  }
  if (d !== 'float32' && d !== 'float64')
    throw new DTypeError(`${op}: expected float32 or float64 tensors, got ${d}`);
  return d;
}

// ---------------------------------------------------------------------------- conv primitives

/** y = x ⋆ w (+ bias): x (n, cIn, h, w), w (cOut, cIn/groups, kh, kw) → y (n, cOut, outH, outW). */
function convForward(x: Tensor, w: Tensor, b: Tensor | null, g: Conv2dGeometry): Tensor {
  const dt = floatType('conv2d', ...(b ? [x, w, b] : [x, w]));
  const y = alloc([g.n, g.cOut, g.outH, g.outW], dt);
  const X = dense('conv2d', x.data);
  const W = dense('conv2d', w.data);
  const B = b ? dense('conv2d', b.data) : null;
  getBackend().conv2d({
    geom: g,
    x: X.arr,
    xOffset: X.off,
    w: W.arr,
    wOffset: W.off,
    bias: B?.arr ?? null,
    biasOffset: B?.off ?? 0,
    y: y.data as FloatArray,
    yOffset: 0,
  });
  const inputs = b ? [x, w, b] : [x, w];
  return record('conv2d', y, inputs, (dy) => {
    const dx = x.requiresGrad ? convInputGrad(dy, w, g) : null; // ∂x = wᵀ ⋆ dy
    const wantB = b?.requiresGrad ?? false;
    if (!w.requiresGrad) return [dx, null, wantB ? dy.sum({ axis: [0, 2, 3] }) : null]; // ∂b = Σ_{b,oh,ow} dy
    // ∂w = Σ_{b,oh,ow} dy · x, and ∂b in the same pass over dy
    const [dw, db] = convWeightGrad(x, dy, g, wantB);
    return [dx, dw, db];
  });
}

/** dx = wᵀ ⋆ dy: the adjoint of {@link convForward} in x; dy (n, cOut, outH, outW) → (n, cIn, h, w). */
function convInputGrad(dy: Tensor, w: Tensor, g: Conv2dGeometry): Tensor {
  const dt = floatType('conv2dBackwardInput', dy, w);
  const dx = alloc([g.n, g.cIn, g.h, g.w], dt);
  const DY = dense('conv2dBackwardInput', dy.data);
  const W = dense('conv2dBackwardInput', w.data);
  getBackend().conv2dBackwardInput({
    geom: g,
    dy: DY.arr,
    dyOffset: DY.off,
    w: W.arr,
    wOffset: W.off,
    dx: dx.data as FloatArray,
    dxOffset: 0,
  });
  return record('conv2dBackwardInput', dx, [dy, w], (gg) => [
    dy.requiresGrad ? convForward(gg, w, null, g) : null, // linear in dy: the adjoint of the adjoint
    w.requiresGrad ? convWeightGrad(gg, dy, g) : null, // ∂w[co,c,i,j] = Σ gg[b,c,ih,iw] · dy[b,co,oh,ow]
  ]);
}

/**
 * dw = Σ_{b,oh,ow} dy · x: the weight gradient of {@link convForward}; → (cOut, cIn/groups, kh, kw).
 * With `withBias`, also the bias gradient db = Σ_{b,oh,ow} dy (cOut,), from the same kernel call.
 */
function convWeightGrad(x: Tensor, dy: Tensor, g: Conv2dGeometry): Tensor;
function convWeightGrad(x: Tensor, dy: Tensor, g: Conv2dGeometry, withBias: boolean): [Tensor, Tensor | null];
function convWeightGrad(
  x: Tensor,
  dy: Tensor,
  g: Conv2dGeometry,
  withBias?: boolean,
): Tensor | [Tensor, Tensor | null] {
  const dt = floatType('conv2dBackwardWeight', x, dy);
  const dw = alloc([g.cOut, g.cIn / g.groups, g.kh, g.kw], dt);
  const db = withBias ? alloc([g.cOut], dt) : null;
  const X = dense('conv2dBackwardWeight', x.data);
  const DY = dense('conv2dBackwardWeight', dy.data);
  getBackend().conv2dBackwardWeight({
    geom: g,
    x: X.arr,
    xOffset: X.off,
    dy: DY.arr,
    dyOffset: DY.off,
    dw: dw.data as FloatArray,
    dwOffset: 0,
    db: db ? (db.data as FloatArray) : null,
    dbOffset: 0,
  });
  const dwT = record('conv2dBackwardWeight', dw, [x, dy], (gg) => [
    x.requiresGrad ? convInputGrad(dy, gg, g) : null, // ∂x[b,c,ih,iw] = Σ gg[co,c,i,j] · dy[b,co,oh,ow]
    dy.requiresGrad ? convForward(x, gg, null, g) : null, // ∂dy = x ⋆ gg
  ]);
  if (withBias === undefined) return dwT;
  // db is dy.sum over (batch, height, width): its adjoint spreads gg back over those axes
  const dbT = db
    ? record('conv2dBackwardBias', db, [dy], (gg) => [gg.reshape([1, g.cOut, 1, 1]).expand([...dy.shape])])
    : null;
  return [dwT, dbT];
}

// ------------------------------------------------------------------------------ conv2d / conv1d

function describeConv(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  groups: number,
): string {
  return `${op}: input ${formatShape(xShape)} and weight ${formatShape(wShape)} (groups=${groups})`;
}

/**
 * 2-D convolution (PyTorch's F.conv2d): x (N, C_in, H, W) or (C_in, H, W), weight
 * (C_out, C_in/groups, kH, kW), bias (C_out) → (N, C_out, H_out, W_out) with
 * H_out = ⌊(H + 2·pad − dilation·(kH − 1) − 1) / stride⌋ + 1.
 */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, opts: Conv2dOptions = {}): Tensor {
  if (x.ndim === 3) return conv2d(x.unsqueeze(0), weight, bias, opts).squeeze(0);
  const groups = opts.groups ?? 1;
  if (x.ndim !== 4 || weight.ndim !== 4) {
    throw new ShapeError(
      `${describeConv('conv2d', x.shape, weight.shape, groups)}: expected a 4-D input (N, C, H, W) and a 4-D weight`,
    );
  }
  const [n, cIn, h, w] = x.shape;
  const [cOut, cInG, kh, kw] = weight.shape;
  if (!Number.isInteger(groups) || groups < 1 || cOut % groups !== 0 || cInG * groups !== cIn) {
    throw new ShapeError(
      `${describeConv('conv2d', x.shape, weight.shape, groups)}: expected input to have ${cInG * groups} channels (weight in-channels ${cInG} × groups ${groups}), got ${cIn}`,
    );
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== cOut)) {
    throw new ShapeError(`conv2d: bias must have shape (${cOut},), got ${formatShape(bias.shape)}`);
  }
  const stride = pair(opts.stride, 1);
  if (opts.padding === 'same' && (stride[0] !== 1 || stride[1] !== 1)) {
    throw new ValueError(
      `conv2d: padding='same' is not supported for strided convolutions (stride ${stride.join(', ')})`,
    );
  }
  const padding = typeof opts.padding === 'string' ? opts.padding : pair(opts.padding, 0);
  const g = conv2dGeometry([n, cIn, h, w], [cOut, cInG, kh, kw], {
    stride,
    padding,
    dilation: pair(opts.dilation, 1),
    groups,
  });
  if (g.outH <= 0 || g.outW <= 0) {
    throw new ShapeError(
      `${describeConv('conv2d', x.shape, weight.shape, groups)}: the kernel (with dilation) is larger than the padded input; output would be (${g.outH}, ${g.outW})`,
    );
  }
  return convForward(x, weight, bias ?? null, g); // (N, C_out, H_out, W_out)
}

/**
 * 1-D convolution (PyTorch's F.conv1d): x (N, C_in, L) or (C_in, L), weight (C_out, C_in/groups, k)
 * → (N, C_out, L_out). Runs as a 2-D convolution over a height of 1.
 */
export function conv1d(x: Tensor, weight: Tensor, bias?: Tensor | null, opts: Conv1dOptions = {}): Tensor {
  if (x.ndim === 2) return conv1d(x.unsqueeze(0), weight, bias, opts).squeeze(0);
  if (x.ndim !== 3 || weight.ndim !== 3) {
    throw new ShapeError(
      `conv1d: input ${formatShape(x.shape)} and weight ${formatShape(weight.shape)}: expected a 3-D input (N, C, L) and a 3-D weight`,
    );
  }
  const padding = typeof opts.padding === 'string' ? opts.padding : ([0, opts.padding ?? 0] as const);
  const y = conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, {
    stride: [1, opts.stride ?? 1],
    padding,
    dilation: [1, opts.dilation ?? 1],
    groups: opts.groups,
  }); // (N, C_out, 1, L_out)
  return y.squeeze(2); // (N, C_out, L_out)
}

/**
 * Transposed 2-D convolution (PyTorch's F.conv_transpose2d): x (N, C_in, H, W), weight
 * (C_in, C_out/groups, kH, kW) → (N, C_out, H_out, W_out) with
 * H_out = (H − 1)·stride − 2·padding + dilation·(kH − 1) + outputPadding + 1.
 * It is the input gradient of the convolution from (N, C_out, H_out, W_out) to x's shape.
 */
export function convTranspose2d(
  x: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  opts: ConvTranspose2dOptions = {},
): Tensor {
  if (x.ndim === 3) return convTranspose2d(x.unsqueeze(0), weight, bias, opts).squeeze(0);
  const groups = opts.groups ?? 1;
  if (x.ndim !== 4 || weight.ndim !== 4) {
    throw new ShapeError(
      `${describeConv('convTranspose2d', x.shape, weight.shape, groups)}: expected a 4-D input (N, C, H, W) and a 4-D weight`,
    );
  }
  const [n, cIn, h, w] = x.shape;
  const [wIn, coG, kh, kw] = weight.shape;
  if (!Number.isInteger(groups) || groups < 1 || wIn !== cIn || cIn % groups !== 0) {
    throw new ShapeError(
      `${describeConv('convTranspose2d', x.shape, weight.shape, groups)}: expected input to have ${wIn} channels (weight dimension 0), divisible by groups`,
    );
  }
  const cOut = coG * groups;
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== cOut)) {
    throw new ShapeError(`convTranspose2d: bias must have shape (${cOut},), got ${formatShape(bias.shape)}`);
  }
  const [sh, sw] = pair(opts.stride, 1);
  const [ph, pw] = pair(opts.padding, 0);
  const [oph, opw] = pair(opts.outputPadding, 0);
  const [dh, dw] = pair(opts.dilation, 1);
  if ((oph >= sh && oph >= dh) || (opw >= sw && opw >= dw)) {
    throw new ValueError(
      `convTranspose2d: outputPadding (${oph}, ${opw}) must be smaller than either stride (${sh}, ${sw}) or dilation (${dh}, ${dw})`,
    );
  }
  const outH = (h - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1;
  const outW = (w - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1;
  if (outH <= 0 || outW <= 0) {
    throw new ShapeError(
      `${describeConv('convTranspose2d', x.shape, weight.shape, groups)}: output size (${outH}, ${outW}) is too small`,
    );
  }
  // the convolution being transposed maps (n, cOut, outH, outW) → (n, cIn, h, w)
  const g: Conv2dGeometry = {
    n,
    cIn: cOut,
    h: outH,
    w: outW,
    cOut: cIn,
    kh,
    kw,
    strideH: sh,
    strideW: sw,
    padTop: ph,
    padLeft: pw,
    dilationH: dh,
    dilationW: dw,
    groups,
    outH: h,
    outW: w,
  };
  const y = convInputGrad(x, weight, g); // (N, C_out, H_out, W_out)
  return bias ? y.add(bias.reshape([1, cOut, 1, 1])) : y;
}

// ------------------------------------------------------------------------------------ pooling

export interface MaxPool2dOptions {
  /** Window step (default: the kernel size). */
  stride?: Pair;
  /** Implicit −∞ padding on both sides (at most half the kernel). */
  padding?: Pair;
  /** Round the output size up instead of down (windows may then hang over the edge). */
  ceilMode?: boolean;
}

export interface AvgPool2dOptions {
  stride?: Pair;
  padding?: Pair;
  /** Divide by the full window size even where it overlaps the padding (default true, as PyTorch). */
  countIncludePad?: boolean;
}

function poolGeometry(
  op: string,
  x: Tensor,
  kernelSize: Pair,
  stride: Pair | undefined,
  padding: Pair | undefined,
  ceilMode = false,
): Pool2dGeometry {
  if (x.ndim !== 4)
    throw new ShapeError(`${op}: expected a 4-D input (N, C, H, W), got ${formatShape(x.shape)}`);
  const [kh, kw] = pair(kernelSize, 1);
  const [sh, sw] = stride === undefined ? [kh, kw] : pair(stride, 1);
  const [ph, pw] = pair(padding, 0);
  if (ph > kh / 2 || pw > kw / 2) {
    throw new ValueError(
      `${op}: padding (${ph}, ${pw}) should be at most half of the kernel size (${kh}, ${kw})`,
    );
  }
  const [n, c, h, w] = x.shape;
  const g = pool2dGeometry([n, c, h, w], [kh, kw], { stride: [sh, sw], padding: [ph, pw] });
  if (ceilMode) {
    // PyTorch: round up, but the last window must start inside the input or the left padding
    const up = (size: number, k: number, s: number, p: number): number => {
      let o = Math.ceil((size + 2 * p - k) / s) + 1;
      if ((o - 1) * s >= size + p) o--;
      return o;
    };
    g.outH = up(h, kh, sh, ph);
    g.outW = up(w, kw, sw, pw);
  }
  if (g.outH <= 0 || g.outW <= 0) {
    throw new ShapeError(
      `${op}: input ${formatShape(x.shape)} is smaller than the window (${kh}, ${kw}); output would be (${g.outH}, ${g.outW})`,
    );
  }
  return g;
}

/**
 * 2-D max pooling: x (N, C, H, W) → (N, C, H_out, W_out). The backward routes each output
 * gradient to ONE input: the first maximum of its window in row-major order.
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, opts: MaxPool2dOptions = {}): Tensor {
  if (x.ndim === 3) return maxPool2d(x.unsqueeze(0), kernelSize, opts).squeeze(0);
  const g = poolGeometry('maxPool2d', x, kernelSize, opts.stride, opts.padding, opts.ceilMode);
  const dt = floatType('maxPool2d', x);
  const y = alloc([g.n, g.c, g.outH, g.outW], dt);
  const X = dense('maxPool2d', x.data);
  getBackend().maxPool2d({ geom: g, x: X.arr, xOffset: X.off, y: y.data as FloatArray, yOffset: 0 });
  // NOTE: ties send the gradient to one element, never to every tied maximum (the course's bug #7)
  return record('maxPool2d', y, [x], (dy) => [maxPoolBackward(dy, x.data, g)]);
}

/** dx: each dy added at the first arg-max of its window in x (zeros elsewhere). */
function maxPoolBackward(dy: Tensor, x: NDArray, g: Pool2dGeometry): Tensor {
  const dx = alloc([g.n, g.c, g.h, g.w], x.dtype as 'float32' | 'float64');
  const X = dense('maxPool2dBackward', x);
  const DY = dense('maxPool2dBackward', dy.data);
  getBackend().maxPool2dBackward({
    geom: g,
    x: X.arr,
    xOffset: X.off,
    dy: DY.arr,
    dyOffset: DY.off,
    dx: dx.data as FloatArray,
    dxOffset: 0,
  });
  // linear in dy; its adjoint reads gg at each window's arg-max
  return record('maxPool2dBackward', dx, [dy], (gg) => [gatherAtArgmax(gg, x, g)]);
}

/** out[p, oh, ow] = t[p, argmax of window (oh, ow) of x]; the adjoint of {@link maxPoolBackward}. */
function gatherAtArgmax(t: Tensor, x: NDArray, g: Pool2dGeometry): Tensor {
  const X = dense('maxPool2d', x);
  const T = dense('maxPool2d', t.data);
  const out = alloc([g.n, g.c, g.outH, g.outW], x.dtype as 'float32' | 'float64');
  const o = out.data as FloatArray;
  const plane = g.h * g.w;
  let k = 0;
  for (let q = 0; q < g.n * g.c; q++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++, k++) {
        const ih0 = oh * g.strideH - g.padTop;
        const iw0 = ow * g.strideW - g.padLeft;
        let at = -1;
        let best = 0;
        for (let i = Math.max(0, ih0); i < Math.min(g.h, ih0 + g.kh); i++) {
          for (let j = Math.max(0, iw0); j < Math.min(g.w, iw0 + g.kw); j++) {
            const v = X.arr[X.off + q * plane + i * g.w + j]!;
            if (at < 0 || v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
              best = v;
              at = i * g.w + j;
            }
          }
        }
        o[k] = at < 0 ? 0 : T.arr[T.off + q * plane + at]!;
      }
    }
  }
  return record('maxPool2dGather', out, [t], (gg) => [maxPoolBackward(gg, x, g)]);
}

/** 2-D average pooling: x (N, C, H, W) → (N, C, H_out, W_out). */
export function avgPool2d(x: Tensor, kernelSize: Pair, opts: AvgPool2dOptions = {}): Tensor {
  if (x.ndim === 3) return avgPool2d(x.unsqueeze(0), kernelSize, opts).squeeze(0);
  const g = poolGeometry('avgPool2d', x, kernelSize, opts.stride, opts.padding);
  return avgPoolForward(x, g, opts.countIncludePad ?? true);
}

function avgPoolForward(x: Tensor, g: Pool2dGeometry, countIncludePad: boolean): Tensor {
  const dt = floatType('avgPool2d', x);
  const y = alloc([g.n, g.c, g.outH, g.outW], dt);
  const X = dense('avgPool2d', x.data);
  getBackend().avgPool2d({
    geom: g,
    x: X.arr,
    xOffset: X.off,
    y: y.data as FloatArray,
    yOffset: 0,
    countIncludePad,
  });
  // ∂x: each dy spread evenly over its window
  return record('avgPool2d', y, [x], (dy) => [avgPoolBackward(dy, g, countIncludePad)]);
}

function avgPoolBackward(dy: Tensor, g: Pool2dGeometry, countIncludePad: boolean): Tensor {
  const dx = alloc([g.n, g.c, g.h, g.w], floatType('avgPool2dBackward', dy));
  const DY = dense('avgPool2dBackward', dy.data);
  getBackend().avgPool2dBackward({
    geom: g,
    dy: DY.arr,
    dyOffset: DY.off,
    dx: dx.data as FloatArray,
    dxOffset: 0,
    countIncludePad,
  });
  // linear in dy; its adjoint is the average pooling itself
  return record('avgPool2dBackward', dx, [dy], (gg) => [avgPoolForward(gg, g, countIncludePad)]);
}

/** 1-D max pooling over (N, C, L): a 2-D pooling over a height of 1. */
export function maxPool1d(
  x: Tensor,
  kernelSize: number,
  opts: { stride?: number; padding?: number; ceilMode?: boolean } = {},
): Tensor {
  if (x.ndim !== 3)
    throw new ShapeError(`maxPool1d: expected a 3-D input (N, C, L), got ${formatShape(x.shape)}`);
  return maxPool2d(x.unsqueeze(2), [1, kernelSize], {
    stride: [1, opts.stride ?? kernelSize],
    padding: [0, opts.padding ?? 0],
    ceilMode: opts.ceilMode,
  }).squeeze(2);
}

/** 1-D average pooling over (N, C, L). */
export function avgPool1d(
  x: Tensor,
  kernelSize: number,
  opts: { stride?: number; padding?: number; countIncludePad?: boolean } = {},
): Tensor {
  if (x.ndim !== 3)
    throw new ShapeError(`avgPool1d: expected a 3-D input (N, C, L), got ${formatShape(x.shape)}`);
  return avgPool2d(x.unsqueeze(2), [1, kernelSize], {
    stride: [1, opts.stride ?? kernelSize],
    padding: [0, opts.padding ?? 0],
    countIncludePad: opts.countIncludePad,
  }).squeeze(2);
}

// ------------------------------------------------------------------- separable linear resampling

/** A constant (out × in) matrix tensor whose row i holds the weights of output i. */
function matrix(
  rows: number,
  cols: number,
  fill: (m: Float64Array) => void,
  dtype: 'float32' | 'float64',
): Tensor {
  const m = new Float64Array(rows * cols);
  fill(m);
  const a = NDArray.fromData(m, [rows, cols], 'float64');
  return new Tensor(dtype === 'float64' ? a : a.astype(dtype));
}

/** Applies A_h (oh × H) along axis −2 and A_w (ow × W) along axis −1: A_h · x · A_wᵀ. */
function separable(x: Tensor, ah: Tensor | null, aw: Tensor | null): Tensor {
  let y = x;
  if (ah) y = ah.matmul(y); // (…, oh, W)
  if (aw) y = y.matmul(aw.transpose(0, 1)); // (…, oh, ow)
  return y;
}

/** PyTorch's adaptive-average windows: output i averages input [⌊i·in/out⌋, ⌈(i+1)·in/out⌉). */
function adaptiveMatrix(out: number, size: number, dtype: 'float32' | 'float64'): Tensor {
  return matrix(
    out,
    size,
    (m) => {
      for (let i = 0; i < out; i++) {
        const start = Math.floor((i * size) / out);
        const end = Math.ceil(((i + 1) * size) / out);
        for (let j = start; j < end; j++) m[i * size + j] = 1 / (end - start);
      }
    },
    dtype,
  );
}

/**
 * Adaptive average pooling to `outputSize` (N, C, oh, ow) from any (N, C, H, W), with PyTorch's
 * windows. `null` in the size keeps that dimension.
 */
export function adaptiveAvgPool2d(
  x: Tensor,
  outputSize: number | readonly [number | null, number | null],
): Tensor {
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw new ShapeError(
      `adaptiveAvgPool2d: expected a 3-D or 4-D input (N, C, H, W), got ${formatShape(x.shape)}`,
    );
  }
  const h = x.shape[x.ndim - 2];
  const w = x.shape[x.ndim - 1];
  const [oh0, ow0] = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  const oh = oh0 ?? h;
  const ow = ow0 ?? w;
  if (!(oh >= 1 && ow >= 1))
    throw new ValueError(`adaptiveAvgPool2d: output size must be positive, got (${oh}, ${ow})`);
  const dt = floatType('adaptiveAvgPool2d', x);
  if (x.ndim === 4 && h % oh === 0 && w % ow === 0) {
    // equal windows: an ordinary average pooling in the backend
    return avgPool2d(x, [h / oh, w / ow]); // (N, C, oh, ow)
  }
  return separable(
    x,
    oh === h ? null : adaptiveMatrix(oh, h, dt),
    ow === w ? null : adaptiveMatrix(ow, w, dt),
  );
}

export interface InterpolateOptions {
  /** Output spatial size (one number for every axis, or one per axis). */
  size?: number | readonly number[];
  /** Multiplier of the input size (alternative to `size`). */
  scaleFactor?: number | readonly number[];
  /** 'nearest' (default), 'linear' (3-D input) or 'bilinear' (4-D input). */
  mode?: 'nearest' | 'linear' | 'bilinear';
  /** Linear modes: map the corner pixels' centres onto each other (PyTorch's align_corners). */
  alignCorners?: boolean;
}

/** Nearest: output i reads input min(⌊i·scale⌋, in − 1). */
function nearestMatrix(out: number, size: number, scale: number, dtype: 'float32' | 'float64'): Tensor {
  return matrix(
    out,
    size,
    (m) => {
      for (let i = 0; i < out; i++) m[i * size + Math.min(Math.floor(i * scale), size - 1)] = 1;
    },
    dtype,
  );
}

/** Linear: output i reads src = scale·(i + ½) − ½ (≥ 0), or i·scale with alignCorners, between two neighbours. */
function linearMatrix(
  out: number,
  size: number,
  scale: number,
  alignCorners: boolean,
  dtype: 'float32' | 'float64',
): Tensor {
  return matrix(
    out,
    size,
    (m) => {
      for (let i = 0; i < out; i++) {
        const src = alignCorners ? i * scale : Math.max(scale * (i + 0.5) - 0.5, 0);
        const i0 = Math.min(Math.floor(src), size - 1);
        const i1 = i0 < size - 1 ? i0 + 1 : i0;
        const l1 = src - i0;
        m[i * size + i0] += 1 - l1;
        m[i * size + i1] += l1;
      }
    },
    dtype,
  );
}

/**
 * Resizes the spatial axes of (N, C, L) or (N, C, H, W) (PyTorch's F.interpolate / nn.Upsample):
 * nearest neighbour, or linear/bilinear with or without alignCorners, with PyTorch's
 * source-index rules.
 */
export function interpolate(x: Tensor, opts: InterpolateOptions): Tensor {
  const mode = opts.mode ?? 'nearest';
  const k = x.ndim - 2;
  if (k !== 1 && k !== 2)
    throw new ShapeError(
      `interpolate: expected a 3-D (N, C, L) or 4-D (N, C, H, W) input, got ${formatShape(x.shape)}`,
    );
  if ((mode === 'linear' && k !== 1) || (mode === 'bilinear' && k !== 2)) {
    throw new ValueError(
      `interpolate: mode '${mode}' needs a ${mode === 'linear' ? '3' : '4'}-D input, got ${formatShape(x.shape)}`,
    );
  }
  if ((opts.size === undefined) === (opts.scaleFactor === undefined)) {
    throw new ValueError('interpolate: give exactly one of size and scaleFactor');
  }
  if (mode === 'nearest' && opts.alignCorners !== undefined) {
    throw new ValueError("interpolate: alignCorners only applies to the 'linear' and 'bilinear' modes");
  }
  const dt = floatType('interpolate', x);
  const ins = x.shape.slice(2);
  const perAxis = (v: number | readonly number[], name: string): number[] => {
    const list = typeof v === 'number' ? ins.map(() => v) : [...v];
    if (list.length !== k)
      throw new ValueError(
        `interpolate: ${name} needs ${k} values for input ${formatShape(x.shape)}, got ${list.length}`,
      );
    return list;
  };
  const factors = opts.scaleFactor === undefined ? null : perAxis(opts.scaleFactor, 'scaleFactor');
  const outs =
    opts.size !== undefined ? perAxis(opts.size, 'size') : ins.map((n, i) => Math.floor(n * factors![i]));
  const mats = ins.map((n, i) => {
    const out = outs[i];
    if (!(out >= 1)) throw new ValueError(`interpolate: output size must be positive, got ${out}`);
    if (mode === 'nearest') return nearestMatrix(out, n, factors ? 1 / factors[i] : n / out, dt);
    const align = opts.alignCorners ?? false;
    const scale = align ? (out > 1 ? (n - 1) / (out - 1) : 0) : factors ? 1 / factors[i] : n / out;
    return linearMatrix(out, n, scale, align, dt);
  });
  return k === 1 ? separable(x, null, mats[0]) : separable(x, mats[0], mats[1]); // (N, C, …out)
}
