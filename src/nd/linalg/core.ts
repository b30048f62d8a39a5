/**
 * Shared machinery of the linear-algebra modules: result allocation, the GEMM call on strided 2-D
 * views, batched products with broadcast batch dimensions, sums over axes, diagonal views, and
 * the float64 working copies that the decompositions run on.
 */
import { NDArray } from '../ndarray.js';
import { allocate, castScalar, type DType, type TypedArray } from '../dtype.js';
import { formatShape } from '../errors.js';
import { broadcastStrides, contiguousStrides, shapeSize } from '../shape.js';
import { stridedCopy, stridedOffsets } from '../../kernels/js/copy.js';
import { gemm } from '../../kernels/js/gemm_nd.js';
import { transpose } from '../views.js';
import { LinAlgError } from './errors.js';

/** A fresh C-contiguous array of `shape` and `dtype`, zero-filled. */
export function emptyArray(shape: readonly number[], dtype: DType): NDArray {
  return NDArray.fromData(allocate(dtype, shapeSize(shape)), shape, dtype);
}

/**
 * Storage that GEMM can write sums into for a result of `dtype`: the result's own typed array,
 * except for bool, whose sums are counted in float64 and turned into 0/1 by `finishProduct`.
 */
function productTarget(out: NDArray): TypedArray {
  return out.dtype === 'bool' ? new Float64Array(out.size) : out.data;
}

function finishProduct(out: NDArray, target: TypedArray): void {
  if (target === out.data) return;
  const d = out.data;
  for (let i = 0; i < d.length; i++) d[i] = castScalar('bool', target[i]);
}

/**
 * Batched product C[b] = A[b] · B[b] over a batch of shape `batch`. `a`/`b` are arrays of
 * shape (...batchA, m, k) and (...batchB, k, n) whose batch parts broadcast to `batch`; the
 * result is a new C-contiguous (…batch, m, n) array of `dtype`.
 */
export function batchedProduct(a: NDArray, b: NDArray, batch: readonly number[], dtype: DType): NDArray {
  const m = a.shape[a.ndim - 2];
  const k = a.shape[a.ndim - 1];
  const n = b.shape[b.ndim - 1];
  const out = emptyArray([...batch, m, n], dtype);
  const target = productTarget(out);
  const count = shapeSize(batch);
  if (count > 0 && m > 0 && n > 0) {
    const aOffs = batchOffsets(a, batch);
    const bOffs = batchOffsets(b, batch);
    const [aRs, aCs] = a.strides.slice(-2);
    const [bRs, bCs] = b.strides.slice(-2);
    for (let t = 0; t < count; t++) {
      gemm(m, n, k, a.data, aOffs[t], aRs, aCs, b.data, bOffs[t], bRs, bCs, target, t * m * n, n, 1);
    }
  }
  finishProduct(out, target);
  return out;
}

/** Offsets of each matrix of a stacked (…, r, c) array, read as if its batch were `batch`. */
export function batchOffsets(a: NDArray, batch: readonly number[]): Int32Array | Float64Array {
  const own = a.shape.slice(0, -2);
  const strides = broadcastStrides(own, a.strides.slice(0, -2), batch);
  return stridedOffsets(batch, a.offset, strides);
}

/** A (m, k) · B (k, n) for 2-D (possibly strided) views, as a new (m, n) array of `dtype`. */
export function product2d(a: NDArray, b: NDArray, dtype: DType): NDArray {
  return batchedProduct(a, b, [], dtype);
}

/**
 * Sums `a` over `axes` (distinct, in any order), accumulating in float64 and storing into a new
 * array of `dtype` (bool: any non-zero sum is true; integers wrap like NumPy's).
 */
export function sumAxes(a: NDArray, axes: readonly number[], dtype: DType): NDArray {
  const kept = a.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const outShape = kept.map((i) => a.shape[i]);
  const out = emptyArray(outShape, dtype);
  const view = transpose(a, [...kept, ...axes]);
  const inner = shapeSize(axes.map((i) => a.shape[i]));
  const offs = stridedOffsets(view.shape, view.offset, view.strides);
  const src = a.data;
  const d = out.data;
  const isBool = dtype === 'bool';
  for (let o = 0, p = 0; o < d.length; o++) {
    let s = 0;
    for (let i = 0; i < inner; i++) s += src[offs[p++]];
    d[o] = isBool ? castScalar('bool', s) : s;
  }
  return out;
}

/**
 * A view of the diagonal of `a` across axes `axis1`/`axis2` (normalised, distinct), with `offset`
 * like `np.diagonal`: both axes are removed and the diagonal becomes the last axis.
 */
export function diagonalView(a: NDArray, offset: number, axis1: number, axis2: number): NDArray {
  const n1 = a.shape[axis1];
  const n2 = a.shape[axis2];
  let start = a.offset;
  let len: number;
  if (offset >= 0) {
    len = Math.max(0, Math.min(n1, n2 - offset));
    if (len > 0) start += offset * a.strides[axis2];
  } else {
    len = Math.max(0, Math.min(n1 + offset, n2));
    if (len > 0) start += -offset * a.strides[axis1];
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < a.ndim; i++) {
    if (i === axis1 || i === axis2) continue;
    shape.push(a.shape[i]);
    strides.push(a.strides[i]);
  }
  shape.push(len);
  strides.push(a.strides[axis1] + a.strides[axis2]);
  return new NDArray(a.data, shape, strides, start, a.dtype, a.base ?? a, false);
}

// ---------------------------------------------------------------- decompositions' working copies

/** NumPy's linalg result dtype: float32 stays float32, everything else computes in float64. */
export function linalgFloat(d: DType): 'float32' | 'float64' {
  return d === 'float32' ? 'float32' : 'float64';
}

/** `%d-dimensional array given. Array must be at least two-dimensional` unless ndim ≥ 2. */
export function assertStacked2d(a: NDArray): void {
  if (a.ndim < 2) {
    throw new LinAlgError(`${a.ndim}-dimensional array given. Array must be at least two-dimensional`);
  }
}

/** NumPy's check that the last two dimensions are equal. */
export function assertStackedSquare(a: NDArray): void {
  assertStacked2d(a);
  if (a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) {
    throw new LinAlgError('Last 2 dimensions of the array must be square');
  }
}

/** Exactly two dimensions (lstsq): `%d-dimensional array given. Array must be two-dimensional`. */
export function assert2d(a: NDArray): void {
  if (a.ndim !== 2) {
    throw new LinAlgError(`${a.ndim}-dimensional array given. Array must be two-dimensional`);
  }
}

/** A stack of matrices copied to float64, C order: matrix t occupies data[t·r·c … (t+1)·r·c). */
export interface MatrixStack {
  data: Float64Array;
  batch: number[];
  count: number;
  rows: number;
  cols: number;
}

/** Copies the (…, r, c) array `a` into a contiguous float64 stack. */
export function toStack(a: NDArray): MatrixStack {
  const data = new Float64Array(a.size);
  stridedCopy(a.shape, a.data, a.offset, a.strides, data, 0, contiguousStrides(a.shape));
  const batch = a.shape.slice(0, -2);
  return {
    data,
    batch,
    count: shapeSize(batch),
    rows: a.shape[a.ndim - 2],
    cols: a.shape[a.ndim - 1],
  };
}

/** Wraps float64 results as an array of `dtype` (float32 rounds once, here). */
export function fromFloat64(data: Float64Array, shape: readonly number[], dtype: DType): NDArray {
  if (dtype === 'float64') return NDArray.fromData(data, shape, dtype);
  const out = allocate(dtype, data.length);
  for (let i = 0; i < data.length; i++) out[i] = castScalar(dtype, data[i]);
  return NDArray.fromData(out, shape, dtype);
}

/** NumPy's text for a broadcast failure of the batch dimensions of a 2-operand gufunc. */
export function gufuncBroadcastError(
  a: readonly number[],
  aCore: number,
  b: readonly number[],
  bCore: number,
  requested: readonly number[],
): string {
  const remap = (s: readonly number[], core: number): string =>
    `${formatShape(s)}->(${[...s.slice(0, s.length - core).map(String), ...Array<string>(core).fill('newaxis')].join(',')})`;
  return `operands could not be broadcast together with remapped shapes [original->remapped]: ${remap(a, aCore)} ${remap(b, bCore)}  and requested shape ${formatShape(requested)}`;
}
