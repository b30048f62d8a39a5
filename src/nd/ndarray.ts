/**
 * NDArray: an n-dimensional view on a typed array, with NumPy's semantics.
 *
 * An array is `data` (a typed array, possibly shared with other arrays), a `dtype`, a `shape`,
 * `strides` and an `offset` — both counted in ELEMENTS, not bytes (multiply by `itemsize` for
 * NumPy's byte strides, see `byteStrides`). Basic indexing, `reshape`, `transpose` … return views
 * that share `data`; their `base` is the array that owns the memory.
 *
 * The methods here are thin: each forwards to the module that defines the operation
 * (views.ts, indexing.ts, ufunc.ts, reduce.ts, sort.ts, linalg/, format.ts).
 */
import { DTYPE_INFO, castScalar, type DType, type TypedArray } from './dtype.js';
import { IndexError, ValueError } from './errors.js';
import { contiguousStrides, isCContiguous, isFContiguous, shapeSize } from './shape.js';
import { getBackend } from '../kernels/backend.js';
import * as views from './views.js';
import * as indexing from './indexing.js';
import * as uf from './ufunc.js';
import * as red from './reduce.js';
import * as srt from './sort.js';
import * as fmt from './format.js';
import * as manip from './manip.js';
import * as matrices from './matrices.js';
import * as la from './linalg/products.js';
import type { IndexItem } from './indexing.js';
import type { ArrayLike, UfuncOptions } from './ufunc.js';
import type { ReduceOptions, ArgReduceOptions, VarOptions, CumOptions } from './reduce.js';
import type { SortOptions } from './sort.js';

/** Flags of NumPy's `ndarray.flags` that mlseries tracks. */
export interface ArrayFlags {
  cContiguous: boolean;
  fContiguous: boolean;
  ownData: boolean;
  writeable: boolean;
}

/** Nested JS arrays of numbers (or booleans for bool arrays), as returned by `toArray()`. */
export type NestedArray = number | boolean | NestedArray[];

export class NDArray {
  /** The storage, shared by every view of the same memory. */
  readonly data: TypedArray;
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Steps between neighbours along each axis, in elements. */
  readonly strides: readonly number[];
  /** Position of element (0, …, 0) in `data`. */
  readonly offset: number;
  /** The array that owns the memory, or null if this array owns it (NumPy's `.base`). */
  readonly base: NDArray | null;
  /** False for read-only views such as the results of `broadcastTo`. */
  writeable: boolean;

  /**
   * Low-level constructor: wraps `data` without copying. Prefer `nd.array`, `nd.zeros` … or
   * `NDArray.fromData`.
   */
  constructor(
    data: TypedArray,
    shape: readonly number[],
    strides: readonly number[],
    offset: number,
    dtype: DType,
    base: NDArray | null = null,
    writeable = true,
  ) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...strides]);
    this.offset = offset;
    this.dtype = dtype;
    this.base = base === null ? null : (base.base ?? base);
    this.writeable = writeable;
  }

  /** Wraps a typed array as a C-contiguous array of `shape` (no copy). */
  static fromData(data: TypedArray, shape: readonly number[], dtype: DType): NDArray {
    if (shapeSize(shape) !== data.length) {
      throw new ValueError(`fromData: ${data.length} elements do not fill shape (${shape.join(',')})`);
    }
    return new NDArray(data, shape, contiguousStrides(shape), 0, dtype);
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of elements. */
  get size(): number {
    return shapeSize(this.shape);
  }
  /** Bytes per element as NumPy counts them (int64: 8). */
  get itemsize(): number {
    return DTYPE_INFO[this.dtype].itemsize;
  }
  get nbytes(): number {
    return this.size * this.itemsize;
  }
  /** Strides in bytes, as NumPy prints `a.strides`. */
  get byteStrides(): number[] {
    return this.strides.map((s) => s * this.itemsize);
  }
  get flags(): ArrayFlags {
    return {
      cContiguous: isCContiguous(this.shape, this.strides),
      fContiguous: isFContiguous(this.shape, this.strides),
      ownData: this.base === null,
      writeable: this.writeable,
    };
  }
  /** Length of the first axis (like `len(a)`). */
  get length(): number {
    if (this.ndim === 0) throw new ValueError('len() of unsized object');
    return this.shape[0];
  }

  // ---------------------------------------------------------------- conversion

  /** A C-contiguous copy that owns its memory. */
  copy(): NDArray {
    const out = NDArray.fromData(new DTYPE_INFO[this.dtype].ctor(this.size), this.shape, this.dtype);
    getBackend().copy(this.shape, this.data, this.offset, this.strides, out.data, 0, out.strides);
    return out;
  }

  /**
   * Converts to another dtype (always a copy unless `copy: false` and the dtype already matches).
   * Floats to integers truncate toward zero; integers wrap modulo 2^bits like NumPy's.
   */
  astype(dtype: DType, opts: { copy?: boolean } = {}): NDArray {
    if (dtype === this.dtype && opts.copy === false) return this;
    const out = NDArray.fromData(new DTYPE_INFO[dtype].ctor(this.size), this.shape, dtype);
    getBackend().copy(this.shape, this.data, this.offset, this.strides, out.data, 0, out.strides);
    if (dtype === 'bool' && this.dtype !== 'bool') {
      // typed-array conversion would keep 2 as 2 and turn 0.5 into 0; bool(x) is x != 0
      const src = this.dtype === 'float32' || this.dtype === 'float64' ? this.copy().data : null;
      const d = out.data;
      if (src) for (let i = 0; i < d.length; i++) d[i] = castScalar('bool', src[i]);
      else {
        const c = this.copy().data;
        for (let i = 0; i < d.length; i++) d[i] = c[i] !== 0 ? 1 : 0;
      }
    } else if (dtype === 'int64' && (this.dtype === 'float32' || this.dtype === 'float64')) {
      const d = out.data;
      for (let i = 0; i < d.length; i++) d[i] = castScalar('int64', d[i]);
    }
    return out;
  }

  /** The values as nested JS arrays (booleans for bool arrays); a 0-d array gives a number. */
  toArray(): NestedArray {
    const isBool = this.dtype === 'bool';
    const rec = (dim: number, off: number): NestedArray => {
      if (dim === this.ndim) return isBool ? this.data[off] !== 0 : this.data[off];
      const out: NestedArray[] = new Array(this.shape[dim]);
      for (let i = 0; i < this.shape[dim]; i++) out[i] = rec(dim + 1, off + i * this.strides[dim]);
      return out;
    };
    return rec(0, this.offset);
  }

  /** The values in C order as a fresh typed array of this dtype. */
  toTypedArray(): TypedArray {
    return this.copy().data;
  }

  /**
   * One element as a JS number (or boolean for bool arrays): `a.item()` for a size-1 array,
   * `a.item(k)` for the k-th element in C order, `a.item(i, j)` by position.
   */
  item(...index: number[]): number | boolean {
    let off: number;
    if (index.length === 0) {
      if (this.size !== 1) throw new ValueError('can only convert an array of size 1 to a Python scalar');
      off = this.offset;
    } else if (index.length === 1 && this.ndim !== 1) {
      const size = this.size;
      let k = index[0];
      if (k < -size || k >= size) throw new IndexError(`index ${k} is out of bounds for size ${size}`);
      if (k < 0) k += size;
      off = this.offset;
      for (let d = this.ndim - 1; d >= 0; d--) {
        const n = this.shape[d];
        off += (k % n) * this.strides[d];
        k = Math.floor(k / n);
      }
    } else {
      if (index.length !== this.ndim) {
        throw new IndexError(
          `incorrect number of indices for array: got ${index.length}, expected ${this.ndim}`,
        );
      }
      off = this.offset;
      for (let d = 0; d < index.length; d++) {
        let i = index[d];
        const n = this.shape[d];
        if (i < -n || i >= n)
          throw new IndexError(`index ${i} is out of bounds for axis ${d} with size ${n}`);
        if (i < 0) i += n;
        off += i * this.strides[d];
      }
    }
    const v = this.data[off];
    return this.dtype === 'bool' ? v !== 0 : v;
  }

  /** NumPy's repr: `array([[1, 2],\n       [3, 4]])`. */
  toString(): string {
    return fmt.arrayRepr(this);
  }
  /** NumPy's str: `[[1 2]\n [3 4]]`. */
  str(): string {
    return fmt.arrayStr(this);
  }
  /** Pretty printing in Node's console.log / util.inspect. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---------------------------------------------------------------- indexing

  /**
   * Reads with NumPy's indexing rules; basic indices give a view, advanced ones a copy.
   * `a.get(1, nd.slice(2, 4))`, `a.get('1::2, ::2')`, `a.get(mask)`, `a.get([0, 2], [1, 1])`.
   */
  get(...index: IndexItem[]): NDArray {
    return indexing.getItem(this, index);
  }
  /**
   * Writes `value` (broadcast) at `index` (NumPy's `a[index] = value`). A JS array `index` is the
   * tuple of index items (`a.set([1, nd.slice(2)], v)` is `a[1, 2:] = v`); an integer-list index is
   * passed inside it (`a.set([[0, 2]], v)` is `a[[0, 2]] = v`) or as text (`a.set('[0,2]', v)`).
   * Repeated advanced indices
   * are written once (the last value wins), as in NumPy; use `nd.addAt` to accumulate.
   */
  set(index: IndexItem | IndexItem[], value: ArrayLike): this {
    indexing.setItem(this, Array.isArray(index) ? index : [index], value);
    return this;
  }
  /** Sets every element to `v`. */
  fill(v: number | boolean): this {
    indexing.setItem(this, [], v);
    return this;
  }
  /** A flat (C-order) iterator-like view: `a.flat.get(k)`, `a.flat.set(k, v)`, `[...a.flat]`. */
  get flat(): indexing.FlatIter {
    return new indexing.FlatIter(this);
  }
  /** Indices of the non-zero elements, one int64 array per dimension. */
  nonzero(): NDArray[] {
    return indexing.nonzero(this);
  }
  /** Elements at flat indices (or along `axis`), like `np.take`. */
  take(indices: ArrayLike, opts: { axis?: number } = {}): NDArray {
    return indexing.take(this, indices, opts);
  }
  /** Writes values at flat indices, like `np.put`. */
  put(indices: ArrayLike, values: ArrayLike): this {
    indexing.put(this, indices, values);
    return this;
  }

  // ---------------------------------------------------------------- shape

  /** New shape, a view when the strides allow it and a copy otherwise. One dimension may be -1. */
  reshape(...shape: (number | readonly number[])[]): NDArray {
    return views.reshape(this, views.flattenShapeArgs(shape));
  }
  /** Changes the shape in place (NumPy's `a.shape = …`); fails if that would need a copy. */
  setShape(shape: readonly number[]): NDArray {
    return views.setShape(this, shape);
  }
  /** A 1-D view when possible, else a copy. */
  ravel(): NDArray {
    return views.ravel(this);
  }
  /** A 1-D copy, always. */
  flatten(): NDArray {
    return NDArray.fromData(this.copy().data, [this.size], this.dtype);
  }
  /** Permutes the axes (reverses them by default); always a view. */
  transpose(...axes: (number | readonly number[])[]): NDArray {
    return views.transpose(this, axes.length === 0 ? undefined : views.flattenShapeArgs(axes));
  }
  /** The transposed view (`a.T`). */
  get T(): NDArray {
    return views.transpose(this);
  }
  swapaxes(a: number, b: number): NDArray {
    return views.swapaxes(this, a, b);
  }
  /** Removes axes of length 1 (all of them, or the ones named). */
  squeeze(axis?: number | readonly number[]): NDArray {
    return views.squeeze(this, axis);
  }
  /** Inserts a length-1 axis at `axis`. */
  expandDims(axis: number | readonly number[]): NDArray {
    return views.expandDims(this, axis);
  }
  /** A read-only broadcast view of this array with `shape`. */
  broadcastTo(shape: readonly number[]): NDArray {
    return views.broadcastTo(this, shape);
  }

  /** Repeats each element (NumPy's `a.repeat(repeats, axis)`). */
  repeat(repeats: number | readonly number[], axis?: number | null): NDArray {
    return manip.repeat(this, repeats, axis === undefined ? {} : { axis });
  }
  /** The diagonal with `offset` (a read-only view, like NumPy's `a.diagonal()`). */
  diagonal(offset = 0): NDArray {
    return matrices.diagonal(this, offset);
  }

  // ---------------------------------------------------------------- arithmetic (ufuncs)

  add(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.add(this, b, opts);
  }
  sub(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.subtract(this, b, opts);
  }
  mul(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.multiply(this, b, opts);
  }
  div(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.divide(this, b, opts);
  }
  floorDivide(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.floorDivide(this, b, opts);
  }
  mod(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.mod(this, b, opts);
  }
  pow(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.power(this, b, opts);
  }
  neg(opts?: UfuncOptions): NDArray {
    return uf.negative(this, opts);
  }
  abs(opts?: UfuncOptions): NDArray {
    return uf.absolute(this, opts);
  }
  /** In place: `a += b` (result cast back to a's dtype with NumPy's same-kind rule). */
  add_(b: ArrayLike): this {
    uf.add(this, b, { out: this });
    return this;
  }
  sub_(b: ArrayLike): this {
    uf.subtract(this, b, { out: this });
    return this;
  }
  mul_(b: ArrayLike): this {
    uf.multiply(this, b, { out: this });
    return this;
  }
  div_(b: ArrayLike): this {
    uf.divide(this, b, { out: this });
    return this;
  }
  eq(b: ArrayLike): NDArray {
    return uf.equal(this, b);
  }
  ne(b: ArrayLike): NDArray {
    return uf.notEqual(this, b);
  }
  lt(b: ArrayLike): NDArray {
    return uf.less(this, b);
  }
  le(b: ArrayLike): NDArray {
    return uf.lessEqual(this, b);
  }
  gt(b: ArrayLike): NDArray {
    return uf.greater(this, b);
  }
  ge(b: ArrayLike): NDArray {
    return uf.greaterEqual(this, b);
  }
  and(b: ArrayLike): NDArray {
    return uf.logicalAnd(this, b);
  }
  or(b: ArrayLike): NDArray {
    return uf.logicalOr(this, b);
  }
  not(): NDArray {
    return uf.logicalNot(this);
  }
  exp(): NDArray {
    return uf.exp(this);
  }
  log(): NDArray {
    return uf.log(this);
  }
  sqrt(): NDArray {
    return uf.sqrt(this);
  }
  square(): NDArray {
    return uf.square(this);
  }
  tanh(): NDArray {
    return uf.tanh(this);
  }
  clip(min: number | null, max: number | null, opts?: UfuncOptions): NDArray {
    return uf.clip(this, min, max, opts);
  }
  round(decimals = 0, opts?: UfuncOptions): NDArray {
    return uf.round(this, decimals, opts);
  }
  maximum(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.maximum(this, b, opts);
  }
  minimum(b: ArrayLike, opts?: UfuncOptions): NDArray {
    return uf.minimum(this, b, opts);
  }

  // ---------------------------------------------------------------- reductions

  sum(opts?: ReduceOptions): NDArray {
    return red.sum(this, opts);
  }
  prod(opts?: ReduceOptions): NDArray {
    return red.prod(this, opts);
  }
  mean(opts?: ReduceOptions): NDArray {
    return red.mean(this, opts);
  }
  std(opts?: VarOptions): NDArray {
    return red.std(this, opts);
  }
  var(opts?: VarOptions): NDArray {
    return red.variance(this, opts);
  }
  min(opts?: ReduceOptions): NDArray {
    return red.min(this, opts);
  }
  max(opts?: ReduceOptions): NDArray {
    return red.max(this, opts);
  }
  ptp(opts?: ReduceOptions): NDArray {
    return red.ptp(this, opts);
  }
  argmin(opts?: ArgReduceOptions): NDArray {
    return red.argmin(this, opts);
  }
  argmax(opts?: ArgReduceOptions): NDArray {
    return red.argmax(this, opts);
  }
  all(opts?: ReduceOptions): NDArray {
    return red.all(this, opts);
  }
  any(opts?: ReduceOptions): NDArray {
    return red.any(this, opts);
  }
  cumsum(opts?: CumOptions): NDArray {
    return red.cumsum(this, opts);
  }
  cumprod(opts?: CumOptions): NDArray {
    return red.cumprod(this, opts);
  }

  // ---------------------------------------------------------------- sorting

  /** Sorts in place along `axis` (default −1), like `ndarray.sort`. */
  sort(opts?: SortOptions): this {
    srt.sortInPlace(this, opts);
    return this;
  }
  argsort(opts?: SortOptions): NDArray {
    return srt.argsort(this, opts);
  }

  // ---------------------------------------------------------------- products

  dot(b: ArrayLike): NDArray {
    return la.dot(this, b);
  }
  matmul(b: ArrayLike): NDArray {
    return la.matmul(this, b);
  }
}

/**
 * The elements of `a` as one flat Float32Array / Float64Array view (no copy) when `a` is a
 * C-contiguous float array — the layout that one-pass loops and kernels take — or null.
 */
export function flatFloatData(a: NDArray): Float32Array | Float64Array | null {
  const d = a.data;
  if (!(d instanceof Float32Array || d instanceof Float64Array)) return null;
  if (!isCContiguous(a.shape, a.strides)) return null;
  return d.subarray(a.offset, a.offset + a.size);
}
