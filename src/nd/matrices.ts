/**
 * Creating structured arrays: identity and diagonal matrices (`eye`, `identity`, `diag`,
 * `diagonal`), triangles (`tri`, `tril`, `triu`), `vander`, index grids (`indices`, `meshgrid`,
 * `fromfunction`), `block` assembly, and `frombuffer` (raw bytes in either byte order, as in the
 * MNIST IDX files).
 */
import { NDArray } from './ndarray.js';
import { asarray, type ArrayLike, type DTypeLike } from './creation.js';
import { DTYPE_INFO, allocate, promoteTypes, toDType, type DType, type TypedArray } from './dtype.js';
import { ValueError } from './errors.js';
import { broadcastShapes, normalizeAxis, shapeSize } from './shape.js';
import { concatenate } from './manip.js';
import { where } from './indexing.js';

function checkDim(n: number, op: string): void {
  if (!Number.isInteger(n)) throw new ValueError(`${op}: dimensions must be integers, got ${n}`);
  if (n < 0) throw new ValueError('negative dimensions are not allowed');
}

function isOptions(x: unknown): x is Record<string, unknown> {
  return (
    typeof x === 'object' &&
    x !== null &&
    !(x instanceof NDArray) &&
    !Array.isArray(x) &&
    !ArrayBuffer.isView(x)
  );
}

// ------------------------------------------------------------------ identity, diagonals, triangles

export interface EyeOptions {
  /** Diagonal: 0 the main one, > 0 above it, < 0 below it. */
  k?: number;
  /** Default float64. */
  dtype?: DTypeLike;
}

/**
 * An N×M array with ones on the k-th diagonal and zeros elsewhere (NumPy's `np.eye`).
 * `eye(3)`, `eye(3, 5)`, `eye(3, 5, { k: 1 })`, `eye(3, { dtype: 'int32' })`.
 */
export function eye(N: number, M?: number | null | EyeOptions, opts: EyeOptions = {}): NDArray {
  if (isOptions(M)) {
    opts = M as EyeOptions;
    M = undefined;
  }
  const rows = N;
  const cols = (M as number | null | undefined) ?? N;
  checkDim(rows, 'eye');
  checkDim(cols, 'eye');
  const k = opts.k ?? 0;
  const dtype = toDType(opts.dtype ?? 'float64');
  const data = allocate(dtype, rows * cols);
  for (let i = Math.max(0, -k); i < rows && i + k < cols; i++) data[i * cols + i + k] = 1;
  return NDArray.fromData(data, [rows, cols], dtype);
}

/** The n×n identity matrix (float64 unless `dtype` is given), NumPy's `np.identity`. */
export function identity(n: number, opts: { dtype?: DTypeLike } = {}): NDArray {
  return eye(n, n, { dtype: opts.dtype });
}

export interface DiagonalOptions {
  /** Which diagonal: 0 the main one, > 0 above, < 0 below (default 0). */
  offset?: number;
  /** The two axes whose diagonal is taken (default 0 and 1). */
  axis1?: number;
  axis2?: number;
}

/**
 * The diagonal of a 2-D array, or of the (axis1, axis2) planes of an n-D array (NumPy's
 * `np.diagonal`). A read-only view, as in NumPy: the diagonal axis comes last in the result.
 */
export function diagonal(a: ArrayLike, offsetOrOpts: number | DiagonalOptions = {}): NDArray {
  const arr = asarray(a);
  const opts: DiagonalOptions = typeof offsetOrOpts === 'number' ? { offset: offsetOrOpts } : offsetOrOpts;
  if (arr.ndim < 2) throw new ValueError('diag requires an array of at least two dimensions');
  const a1 = normalizeAxis(opts.axis1 ?? 0, arr.ndim, 'diagonal');
  const a2 = normalizeAxis(opts.axis2 ?? 1, arr.ndim, 'diagonal');
  if (a1 === a2) throw new ValueError('axis1 and axis2 cannot be the same');
  const k = opts.offset ?? 0;
  const n1 = arr.shape[a1];
  const n2 = arr.shape[a2];
  let len: number;
  let off = arr.offset;
  if (k >= 0) {
    len = Math.max(0, Math.min(n1, n2 - k));
    if (len > 0) off += k * arr.strides[a2];
  } else {
    len = Math.max(0, Math.min(n1 + k, n2));
    if (len > 0) off += -k * arr.strides[a1];
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < arr.ndim; d++) {
    if (d === a1 || d === a2) continue;
    shape.push(arr.shape[d]);
    strides.push(arr.strides[d]);
  }
  shape.push(len);
  strides.push(arr.strides[a1] + arr.strides[a2]);
  return new NDArray(arr.data, shape, strides, off, arr.dtype, arr.base ?? arr, false);
}

/**
 * NumPy's `np.diag`: a 1-D input gives a square 2-D array with it on the k-th diagonal; a 2-D
 * input gives a COPY of its k-th diagonal (NumPy returns a read-only view; use `diagonal` for
 * that). `diag([1, 2], 1)` is 3×3; `diag(eye(3), -1)` is [0, 0].
 */
export function diag(v: ArrayLike, kOrOpts: number | { k?: number } = {}): NDArray {
  const a = asarray(v);
  const k = typeof kOrOpts === 'number' ? kOrOpts : (kOrOpts.k ?? 0);
  if (a.ndim === 1) {
    const m = a.shape[0];
    const n = m + Math.abs(k);
    const out = allocate(a.dtype, n * n);
    const src = a.toTypedArray();
    const r0 = Math.max(-k, 0);
    const c0 = Math.max(k, 0);
    for (let i = 0; i < m; i++) out[(i + r0) * n + i + c0] = src[i];
    return NDArray.fromData(out, [n, n], a.dtype);
  }
  if (a.ndim === 2) return diagonal(a, k).copy();
  throw new ValueError('Input must be 1- or 2-d.');
}

export interface TriOptions {
  /** The sub-diagonal at and below which the array is filled (default 0). */
  k?: number;
  /** Default float64. */
  dtype?: DTypeLike;
}

/**
 * An N×M array with ones at and below the k-th diagonal (`j <= i + k`), NumPy's `np.tri`.
 */
export function tri(N: number, M?: number | null | TriOptions, opts: TriOptions = {}): NDArray {
  if (isOptions(M)) {
    opts = M as TriOptions;
    M = undefined;
  }
  const rows = N;
  const cols = (M as number | null | undefined) ?? N;
  checkDim(rows, 'tri');
  checkDim(cols, 'tri');
  const k = opts.k ?? 0;
  const dtype = toDType(opts.dtype ?? 'float64');
  const data = allocate(dtype, rows * cols);
  for (let i = 0; i < rows; i++) {
    const end = Math.min(cols, i + k + 1);
    for (let j = 0; j < end; j++) data[i * cols + j] = 1;
  }
  return NDArray.fromData(data, [rows, cols], dtype);
}

function triangle(m: ArrayLike, k: number, lower: boolean, op: string): NDArray {
  const a = asarray(m);
  if (a.ndim === 0) throw new ValueError(`${op}: input must be at least 1-d`);
  const last = a.shape.slice(-2);
  const rows = last[0];
  const cols = last.length === 2 ? last[1] : last[0];
  // lower: keep j <= i + k (NumPy's tri mask); upper: keep j >= i + k
  const mask = lower
    ? tri(rows, cols, { k, dtype: 'bool' })
    : tri(rows, cols, { k: k - 1, dtype: 'bool' }).not();
  return where(mask, a, 0);
}

/** The lower triangle of the last two axes (`j <= i + k`); the rest zeros. A 1-D input is broadcast to n×n. */
export function tril(m: ArrayLike, kOrOpts: number | { k?: number } = {}): NDArray {
  return triangle(m, typeof kOrOpts === 'number' ? kOrOpts : (kOrOpts.k ?? 0), true, 'tril');
}

/** The upper triangle of the last two axes (`j >= i + k`); the rest zeros. A 1-D input is broadcast to n×n. */
export function triu(m: ArrayLike, kOrOpts: number | { k?: number } = {}): NDArray {
  return triangle(m, typeof kOrOpts === 'number' ? kOrOpts : (kOrOpts.k ?? 0), false, 'triu');
}

export interface VanderOptions {
  /** Number of columns (default len(x)). */
  N?: number;
  /** Powers increase left to right (x^0, x^1, …) instead of decreasing (default false). */
  increasing?: boolean;
}

/**
 * The Vandermonde matrix of a 1-D `x` (NumPy's `np.vander`): column j is x^(N−1−j), or x^j with
 * `increasing`. Integer and bool inputs give int64, floats float64 (NumPy's promotion with int).
 * NOTE: int64 powers beyond 2^53 lose exactness instead of wrapping as NumPy's do.
 */
export function vander(
  x: ArrayLike,
  NOrOpts: number | null | VanderOptions = {},
  opts: VanderOptions = {},
): NDArray {
  if (typeof NOrOpts === 'number') opts = { ...opts, N: NOrOpts };
  else if (NOrOpts !== null) opts = { ...NOrOpts, ...opts };
  const a = asarray(x);
  if (a.ndim !== 1) throw new ValueError('x must be a one-dimensional array or sequence.');
  const n = a.shape[0];
  const N = opts.N ?? n;
  checkDim(N, 'vander');
  const dtype = promoteTypes(a.dtype === 'bool' ? 'int64' : a.dtype, 'int64');
  const xs = a.astype(dtype).data;
  const out = allocate(dtype, n * N);
  for (let i = 0; i < n; i++) {
    let p = 1;
    for (let j = 0; j < N; j++) {
      out[i * N + (opts.increasing ? j : N - 1 - j)] = p;
      p *= xs[i];
    }
  }
  return NDArray.fromData(out, [n, N], dtype);
}

// ------------------------------------------------------------------ index grids

export interface IndicesOptions {
  /** Default int64. */
  dtype?: DTypeLike;
  /** Return one broadcastable array per dimension instead of one dense array. */
  sparse?: boolean;
}

/**
 * The index grid of a shape (NumPy's `np.indices`): for `dimensions` (d0, …, dn−1) a dense
 * array of shape (n, d0, …, dn−1) whose slice i holds the i-th index of each position, or with
 * `sparse: true` n arrays of shape (1, …, di, …, 1).
 * `indices([2, 3])` → [[[0,0,0],[1,1,1]], [[0,1,2],[0,1,2]]].
 */
export function indices(dimensions: readonly number[], opts?: IndicesOptions & { sparse?: false }): NDArray;
export function indices(dimensions: readonly number[], opts: IndicesOptions & { sparse: true }): NDArray[];
export function indices(dimensions: readonly number[], opts: IndicesOptions = {}): NDArray | NDArray[] {
  const dtype = toDType(opts.dtype ?? 'int64');
  const dims = [...dimensions];
  dims.forEach((d) => checkDim(d, 'indices'));
  const n = dims.length;
  const grids = dims.map((d, i) => {
    const data = allocate(dtype, d);
    for (let j = 0; j < d; j++) data[j] = j;
    const shape = dims.map((_, k) => (k === i ? d : 1));
    return NDArray.fromData(data, shape, dtype);
  });
  if (opts.sparse) return grids;
  const size = shapeSize(dims);
  const out = NDArray.fromData(allocate(dtype, n * size), [n, ...dims], dtype);
  grids.forEach((g, i) => out.set(i, g));
  return out;
}

export interface MeshgridOptions {
  /** 'xy' (default, Cartesian: the first two output axes swapped) or 'ij' (matrix indexing). */
  indexing?: 'xy' | 'ij';
  /** Return broadcastable arrays of shape (1, …, n, …, 1) instead of full grids. */
  sparse?: boolean;
  /** Copy the results (default true); false returns read-only broadcast views. */
  copy?: boolean;
}

/**
 * Coordinate grids from 1-D coordinate vectors (NumPy's `np.meshgrid`); options last:
 * `const [X, Y] = nd.meshgrid(x, y)` gives arrays of shape (len(y), len(x));
 * `nd.meshgrid(x, y, { indexing: 'ij' })` gives (len(x), len(y)).
 */
export function meshgrid(...args: ArrayLike[] | [...ArrayLike[], MeshgridOptions]): NDArray[] {
  let opts: MeshgridOptions = {};
  let xs = args as unknown[];
  if (xs.length > 0 && isOptions(xs[xs.length - 1])) {
    opts = xs[xs.length - 1] as MeshgridOptions;
    xs = xs.slice(0, -1);
  }
  const indexing = opts.indexing ?? 'xy';
  if (indexing !== 'xy' && indexing !== 'ij') {
    throw new ValueError("Valid values for `indexing` are 'xy' and 'ij'.");
  }
  const ndim = xs.length;
  const output = xs.map((x, i) => {
    const shape = Array.from({ length: ndim }, (_, k) => (k === i ? -1 : 1));
    return asarray(x as ArrayLike).reshape(shape);
  });
  if (indexing === 'xy' && ndim > 1) {
    const rest = Array<number>(ndim - 2).fill(1);
    output[0] = output[0].reshape([1, -1, ...rest]);
    output[1] = output[1].reshape([-1, 1, ...rest]);
  }
  let res = output;
  if (!opts.sparse && ndim > 0) {
    const shape = broadcastShapes(...output.map((o) => o.shape));
    res = output.map((o) => o.broadcastTo(shape));
  }
  return opts.copy === false ? res : res.map((o) => o.copy());
}

/**
 * Builds an array by calling `fn` with the index arrays of `shape` (NumPy's `np.fromfunction`):
 * `fn` receives one array per dimension (float64 unless `dtype` says otherwise), like NumPy, so it
 * should use array operations: `nd.fromfunction((i, j) => nd.add(nd.multiply(i, 10), j), [3, 4])`.
 * A number returned by `fn` becomes a 0-d array.
 */
export function fromfunction(
  fn: (...index: NDArray[]) => ArrayLike,
  shape: readonly number[],
  opts: { dtype?: DTypeLike } = {},
): NDArray {
  const grid = indices(shape, { dtype: opts.dtype ?? 'float64' });
  const args = Array.from({ length: shape.length }, (_, i) => grid.get(i));
  return asarray(fn(...args));
}

// ------------------------------------------------------------------ block

/** Nested JS lists of arrays or numbers, as `np.block` takes them. */
export type BlockArg = ArrayLike | readonly BlockArg[];

function formatIndex(index: readonly (number | null)[]): string {
  return (
    'arrays' +
    index
      .filter((i) => i !== null)
      .map((i) => `[${i}]`)
      .join('')
  );
}

function isList(x: unknown): x is readonly unknown[] {
  return Array.isArray(x);
}

/** NumPy's `_block_check_depths_match`: [index of the first bottom element, max array ndim]. */
function checkDepths(arrays: unknown, parent: (number | null)[] = []): [(number | null)[], number] {
  if (isList(arrays) && arrays.length > 0) {
    let first: (number | null)[] = [];
    let maxNdim = 0;
    arrays.forEach((arr, i) => {
      const [index, ndim] = checkDepths(arr, [...parent, i]);
      if (i === 0) {
        first = index;
        maxNdim = ndim;
        return;
      }
      if (ndim > maxNdim) maxNdim = ndim;
      if (index.length !== first.length) {
        throw new ValueError(
          `List depths are mismatched. First element was at depth ${first.length}, but there is an element at depth ${index.length} (${formatIndex(index)})`,
        );
      }
      if (index[index.length - 1] === null) first = index;
    });
    return [first, maxNdim];
  }
  if (isList(arrays)) return [[...parent, null], 0];
  return [parent, asarray(arrays as ArrayLike).ndim];
}

/**
 * Assembles an array from nested lists of blocks (NumPy's `np.block`): the innermost lists are
 * joined along the last axis, the next level along the second-to-last, and so on. Blocks get
 * leading axes of length 1 up to the result's rank. JS lists are always nesting levels here
 * (`block([[1, 2], [3, 4]])` is a 2×2 array of 1×1 blocks), typed arrays and NDArrays are blocks.
 *
 * ```ts
 * nd.block([[nd.ones([2, 2]), nd.eye(2)], [nd.zeros([2, 2]), nd.diag([-3, -4])]]);  // 4×4
 * ```
 */
export function block(arrays: BlockArg): NDArray {
  const [bottom, arrNdim] = checkDepths(arrays);
  const listNdim = bottom.length;
  if (listNdim > 0 && bottom[listNdim - 1] === null) {
    throw new ValueError(`List at ${formatIndex(bottom)} cannot be empty`);
  }
  const resultNdim = Math.max(arrNdim, listNdim);
  const rec = (x: unknown, depth: number): NDArray => {
    if (depth < listNdim) {
      const parts = (x as readonly unknown[]).map((y) => rec(y, depth + 1));
      return concatenate(parts, -(listNdim - depth));
    }
    const a = asarray(x as ArrayLike);
    return a.ndim >= resultNdim ? a : a.reshape([...Array<number>(resultNdim - a.ndim).fill(1), ...a.shape]);
  };
  const out = rec(arrays, 0);
  return listNdim === 0 ? out.copy() : out;
}

// ------------------------------------------------------------------ frombuffer

export interface FromBufferOptions {
  /**
   * Element type (default float64). NumPy's byte-order prefix is understood: '>u4' is a
   * big-endian uint32, '<f4' a little-endian float32.
   */
  dtype?: DTypeLike;
  /** Number of elements to read; −1 (default) reads to the end of the buffer. */
  count?: number;
  /** Bytes to skip at the start (default 0). */
  offset?: number;
  /** '<' little-endian, '>' big-endian, '=' or '|' this machine's order (the default). */
  byteOrder?: '<' | '>' | '=' | '|';
}

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Largest |hi| word of an int64 whose value is within ±(2^53 − 1). */
const INT53_HI = 2 ** 21;

/**
 * Interprets raw bytes as a 1-D array (NumPy's `np.frombuffer`), e.g. the MNIST IDX format:
 * `frombuffer(bytes, { dtype: '>i4', count: 4 })` reads the big-endian header and
 * `frombuffer(bytes, { dtype: 'uint8', offset: 16 })` the pixels.
 *
 * Memory: like NumPy, the result SHARES memory with the buffer when it can (uint8/int8 always;
 * float32/float64/int32/uint32 when the byte order is this machine's and the start is aligned to
 * the item size). Otherwise (other byte order, unaligned start, bool, int64) the values are
 * copied. bool reads each byte as `byte != 0`.
 *
 * int64 reads 8-byte two's-complement integers into mlseries' int64 storage (float64); a value
 * outside ±(2^53 − 1) cannot be held exactly, so it raises a ValueError instead of rounding.
 * @throws ValueError with NumPy's messages for a bad offset, a size that is not a multiple of the
 *   item size, or a count larger than the buffer holds.
 */
export function frombuffer(buffer: ArrayBufferLike | ArrayBufferView, opts: FromBufferOptions = {}): NDArray {
  let name = String(opts.dtype ?? 'float64');
  let order = opts.byteOrder ?? '=';
  if (name.length > 1 && '<>=|'.includes(name[0])) {
    const prefix = name[0] as '<' | '>' | '=' | '|';
    name = name.slice(1);
    if (opts.byteOrder !== undefined && opts.byteOrder !== prefix) {
      throw new ValueError(
        `frombuffer: byteOrder '${opts.byteOrder}' contradicts the dtype's byte order '${prefix}'`,
      );
    }
    order = prefix;
  }
  const dtype: DType = toDType(name);
  const itemsize = DTYPE_INFO[dtype].itemsize;
  const little = order === '<' || ((order === '=' || order === '|') && HOST_LITTLE);
  const isView = ArrayBuffer.isView(buffer);
  const ab = (isView ? buffer.buffer : buffer) as ArrayBuffer;
  const base = isView ? buffer.byteOffset : 0;
  const length = buffer.byteLength;
  const offset = opts.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > length) {
    throw new ValueError(`offset must be non-negative and no greater than buffer length (${length})`);
  }
  const avail = length - offset;
  let count = opts.count ?? -1;
  if (count < 0) {
    if (avail % itemsize !== 0) throw new ValueError('buffer size must be a multiple of element size');
    count = avail / itemsize;
  } else if (avail < count * itemsize) {
    throw new ValueError('buffer is smaller than requested size');
  }
  const start = base + offset;
  const { ctor } = DTYPE_INFO[dtype];
  if (
    dtype !== 'bool' &&
    dtype !== 'int64' &&
    (itemsize === 1 || (little === HOST_LITTLE && start % itemsize === 0))
  ) {
    return NDArray.fromData(new ctor(ab, start, count) as TypedArray, [count], dtype);
  }
  const view = new DataView(ab, start, count * itemsize);
  const out = allocate(dtype, count);
  switch (dtype) {
    case 'bool':
      for (let i = 0; i < count; i++) out[i] = view.getUint8(i) !== 0 ? 1 : 0;
      break;
    case 'int32':
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, little);
      break;
    case 'uint32':
      for (let i = 0; i < count; i++) out[i] = view.getUint32(4 * i, little);
      break;
    case 'float32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, little);
      break;
    case 'float64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, little);
      break;
    case 'int64':
      for (let i = 0; i < count; i++) {
        const hi = view.getInt32(8 * i + (little ? 4 : 0), little);
        const lo = view.getUint32(8 * i + (little ? 0 : 4), little);
        if (hi >= INT53_HI || hi < -INT53_HI || (hi === -INT53_HI && lo === 0)) {
          const v = (BigInt(hi) << 32n) + BigInt(lo);
          throw new ValueError(
            `frombuffer: int64 value ${v} at element ${i} is outside the exact range of mlseries' int64 (|x| <= 2^53 - 1)`,
          );
        }
        out[i] = hi * 4294967296 + lo;
      }
      break;
    default: {
      // int8 / uint8 never reach here (itemsize 1 always shares memory)
      const bytes = new Uint8Array(ab, start, count * itemsize);
      (out as Uint8Array).set(bytes);
    }
  }
  return NDArray.fromData(out, [count], dtype);
}
