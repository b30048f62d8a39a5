/**
 * Argument records of the kernels. Kernels see typed arrays plus shape, stride and offset numbers,
 * never NDArray objects, so nd, autograd and nn can all call them. Offsets and strides count
 * elements, not bytes. Every array of one call has the same dtype (float32 or float64).
 */

/** The floating-point arrays the compute kernels accept. */
export type FloatArray = Float32Array | Float64Array;

/**
 * A (batched) matrix product, BLAS style:
 * `C[b] = alpha · op(A[b]) · op(B[b]) + beta · C[b] + bias` for b in 0 … batch-1, where op(X) is
 * X or Xᵀ, op(A) is (m × k), op(B) is (k × n) and C is (m × n).
 *
 * Element (i, j) of a stored matrix X sits at `xOffset + b·xBatchStride + i·ldx + j` (row-major
 * with leading dimension ldx ≥ its column count). A batch stride of 0 broadcasts one matrix over
 * the batch. beta = 0 overwrites C without reading it.
 */
export interface GemmArgs<T extends FloatArray = FloatArray> {
  /** Use Aᵀ: A is stored (k × m). */
  transA: boolean;
  /** Use Bᵀ: B is stored (n × k). */
  transB: boolean;
  m: number;
  n: number;
  k: number;
  /** Number of independent products (1 for a plain matrix product). */
  batch: number;
  alpha: number;
  beta: number;
  a: T;
  aOffset: number;
  lda: number;
  aBatchStride: number;
  b: T;
  bOffset: number;
  ldb: number;
  bBatchStride: number;
  c: T;
  cOffset: number;
  ldc: number;
  cBatchStride: number;
  /** Epilogue: `bias[biasOffset + j·biasStride]` is added to column j of every C (length n). */
  bias?: T | null;
  biasOffset?: number;
  biasStride?: number;
}

/**
 * Shape of a 2-D convolution over NCHW data (N = batch, C = channels, H × W = spatial):
 *   x (n, cIn, h, w), w (cOut, cIn / groups, kh, kw), y (n, cOut, outH, outW), bias (cOut).
 * The output pixel (oh, ow) reads input rows `oh·strideH − padTop + i·dilationH` (i < kh) and
 * columns `ow·strideW − padLeft + j·dilationW` (j < kw); positions outside the input are zero.
 * Bottom and right padding are implied by outH, outW, so asymmetric ('same') padding is expressible.
 * Use {@link conv2dGeometry} to fill it in.
 */
export interface Conv2dGeometry {
  n: number;
  cIn: number;
  h: number;
  w: number;
  cOut: number;
  kh: number;
  kw: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  dilationH: number;
  dilationW: number;
  groups: number;
  outH: number;
  outW: number;
}

/** Forward convolution: `y = conv2d(x, w) + bias`. All arrays contiguous NCHW from their offset. */
export interface Conv2dArgs<T extends FloatArray = FloatArray> {
  geom: Conv2dGeometry;
  x: T;
  xOffset: number;
  w: T;
  wOffset: number;
  bias?: T | null;
  biasOffset?: number;
  y: T;
  yOffset: number;
}

/** Gradient of the input: `dx = conv2dᵀ(dy, w)`; dx is overwritten. */
export interface Conv2dBackwardInputArgs<T extends FloatArray = FloatArray> {
  geom: Conv2dGeometry;
  dy: T;
  dyOffset: number;
  w: T;
  wOffset: number;
  dx: T;
  dxOffset: number;
}

/** Gradients of the weight and (optionally) the bias; dw and db are overwritten. */
export interface Conv2dBackwardWeightArgs<T extends FloatArray = FloatArray> {
  geom: Conv2dGeometry;
  x: T;
  xOffset: number;
  dy: T;
  dyOffset: number;
  dw: T;
  dwOffset: number;
  db?: T | null;
  dbOffset?: number;
}

/**
 * Shape of a 2-D pooling over NCHW data: x (n, c, h, w), y (n, c, outH, outW). Window (oh, ow)
 * covers rows `oh·strideH − padTop + i` (i < kh) and columns `ow·strideW − padLeft + j` (j < kw).
 * Use {@link pool2dGeometry} to fill it in.
 */
export interface Pool2dGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  outH: number;
  outW: number;
}

/** Pooling forward: y from x. */
export interface Pool2dArgs<T extends FloatArray = FloatArray> {
  geom: Pool2dGeometry;
  x: T;
  xOffset: number;
  y: T;
  yOffset: number;
  /** Average pooling only: divide by kh·kw (true) or by the in-bounds count (false, default). */
  countIncludePad?: boolean;
}

/**
 * Pooling backward: dx (overwritten) from dy. Max pooling also needs the forward input x (it
 * routes each gradient to the first arg-max of its window); average pooling ignores x.
 */
export interface Pool2dBackwardArgs<T extends FloatArray = FloatArray> {
  geom: Pool2dGeometry;
  x?: T | null;
  xOffset?: number;
  dy: T;
  dyOffset: number;
  dx: T;
  dxOffset: number;
  countIncludePad?: boolean;
}

/**
 * Softmax or log-softmax along the last axis of a (rows × cols) matrix; row r starts at
 * `offset + r·rowStride` and its elements are contiguous. y may alias x (same offset and stride).
 */
export interface SoftmaxArgs<T extends FloatArray = FloatArray> {
  rows: number;
  cols: number;
  x: T;
  xOffset: number;
  xRowStride: number;
  y: T;
  yOffset: number;
  yRowStride: number;
}

/** Output length of a convolution or pooling window sweep along one axis (floor mode). */
export function convOutSize(
  size: number,
  kernel: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dilation = 1,
): number {
  const span = dilation * (kernel - 1) + 1;
  return Math.max(0, Math.floor((size + padBefore + padAfter - span) / stride) + 1);
}

/** Options of {@link conv2dGeometry}; padding is symmetric unless `'same'`. */
export interface Conv2dShapeOptions {
  stride?: number | [number, number];
  padding?: number | [number, number] | 'same' | 'valid';
  dilation?: number | [number, number];
  groups?: number;
}

function pair(v: number | [number, number] | undefined, dflt: number): [number, number] {
  if (v === undefined) return [dflt, dflt];
  return typeof v === 'number' ? [v, v] : v;
}

/** Padding and output size of a window sweep over (h, w); shared by convolution and pooling. */
function sweep(
  h: number,
  w: number,
  kh: number,
  kw: number,
  [strideH, strideW]: [number, number],
  [dilationH, dilationW]: [number, number],
  padding: number | [number, number] | 'same' | 'valid' | undefined,
): { padTop: number; padLeft: number; outH: number; outW: number } {
  if (padding === 'same') {
    const outH = Math.ceil(h / strideH);
    const outW = Math.ceil(w / strideW);
    const totalH = Math.max(0, (outH - 1) * strideH + dilationH * (kh - 1) + 1 - h);
    const totalW = Math.max(0, (outW - 1) * strideW + dilationW * (kw - 1) + 1 - w);
    return { padTop: Math.floor(totalH / 2), padLeft: Math.floor(totalW / 2), outH, outW };
  }
  const [padTop, padLeft] = padding === 'valid' ? [0, 0] : pair(padding, 0);
  return {
    padTop,
    padLeft,
    outH: convOutSize(h, kh, strideH, padTop, padTop, dilationH),
    outW: convOutSize(w, kw, strideW, padLeft, padLeft, dilationW),
  };
}

/**
 * Fills in a {@link Conv2dGeometry} from NCHW input shape `[n, cIn, h, w]` and OIHW weight shape
 * `[cOut, cIn / groups, kh, kw]`. `'same'` pads like TensorFlow (the extra row/column goes to the
 * bottom/right) so that outH = ceil(h / stride).
 */
export function conv2dGeometry(
  xShape: readonly [number, number, number, number],
  wShape: readonly [number, number, number, number],
  options: Conv2dShapeOptions = {},
): Conv2dGeometry {
  const [n, cIn, h, w] = xShape;
  const [cOut, cInG, kh, kw] = wShape;
  const groups = options.groups ?? 1;
  if (!(groups >= 1) || cIn !== cInG * groups || cOut % groups !== 0) {
    throw new RangeError(
      `conv2d: input channels ${cIn} and weight shape (${wShape.join(', ')}) do not fit groups=${groups}`,
    );
  }
  const stride = pair(options.stride, 1);
  const dilation = pair(options.dilation, 1);
  const { padTop, padLeft, outH, outW } = sweep(h, w, kh, kw, stride, dilation, options.padding);
  return {
    n,
    cIn,
    h,
    w,
    cOut,
    kh,
    kw,
    strideH: stride[0],
    strideW: stride[1],
    padTop,
    padLeft,
    dilationH: dilation[0],
    dilationW: dilation[1],
    groups,
    outH,
    outW,
  };
}

/** Options of {@link pool2dGeometry}; the stride defaults to the window size. */
export interface Pool2dShapeOptions {
  stride?: number | [number, number];
  padding?: number | [number, number] | 'same' | 'valid';
}

/** Fills in a {@link Pool2dGeometry} from input shape `[n, c, h, w]` and window `[kh, kw]`. */
export function pool2dGeometry(
  xShape: readonly [number, number, number, number],
  window: number | [number, number],
  options: Pool2dShapeOptions = {},
): Pool2dGeometry {
  const [n, c, h, w] = xShape;
  const [kh, kw] = pair(window, 1);
  const stride = pair(options.stride, 0);
  const strides: [number, number] = [stride[0] || kh, stride[1] || kw];
  const { padTop, padLeft, outH, outW } = sweep(h, w, kh, kw, strides, [1, 1], options.padding);
  return { n, c, h, w, kh, kw, strideH: strides[0], strideW: strides[1], padTop, padLeft, outH, outW };
}

/**
 * One Adam update of n contiguous parameters, in place (PyTorch's rule without weight decay,
 * amsgrad or maximize, which src/optim handles itself):
 *   m ← m + (1 − β₁)(g − m),  v ← β₂·v + (1 − β₂)·g²,  p ← p − stepSize · m / (√v · invBc2 + ε)
 * with stepSize = lr / (1 − β₁ᵗ) and invBc2 = 1 / √(1 − β₂ᵗ). p, m and v are updated; g is read.
 */
export interface AdamArgs<T extends FloatArray = FloatArray> {
  n: number;
  p: T;
  pOffset: number;
  g: T;
  gOffset: number;
  m: T;
  mOffset: number;
  v: T;
  vOffset: number;
  beta1: number;
  beta2: number;
  eps: number;
  stepSize: number;
  invBc2: number;
}
