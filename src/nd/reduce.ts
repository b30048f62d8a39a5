/**
 * Reductions with NumPy's semantics: sum, prod, mean, std, var, min, max, ptp, argmin, argmax,
 * all, any, countNonzero, cumsum, cumprod.
 *
 * Every reduction takes an options object: `axis` (a number, a list of numbers, or null/undefined
 * for all axes), `keepdims`, and where NumPy has them `dtype`, `out`, `initial`, `ddof`. Results
 * are NDArrays; a full reduction gives a 0-d array (NumPy gives a scalar).
 *
 * Result dtypes follow NumPy: sum/prod/cumsum/cumprod of bool and integers give int64, of floats
 * the same float; mean/std/var of bool and integers give float64, of float32 give float32; min,
 * max and ptp keep the dtype; argmin/argmax/countNonzero give int64; all/any give bool.
 *
 * Deviations (by design of the storage, see dtype.ts):
 * - NumPy sums unsigned integers to uint64; we have no uint64 and give int64.
 * - int64 values are doubles, exact to 2^53. Integer sums and products that leave that range are
 *   recomputed with BigInt and wrap modulo 2^64 like NumPy's (`prod(arange(1, 30))` gives NumPy's
 *   negative number), then stored as the nearest double. cumsum/cumprod do not wrap beyond 2^53.
 *
 * The loops live in `src/kernels/js/reduce.ts`; float sums there use NumPy's pairwise summation
 * in NumPy's iteration order, so results equal NumPy's to the last bit in the common cases. Calls
 * go through the active backend (`getBackend().reduce`), whose wasm sums follow the same plan and
 * give the same bits.
 */
import { NDArray } from './ndarray.js';
import { asarray, type ArrayLike } from './creation.js';
import { DTYPE_INFO, allocate, castScalar, isFloat, isInteger, toDType, type DType } from './dtype.js';
import { DTypeError, ShapeError, ValueError, formatShape } from './errors.js';
import { contiguousStrides, isCContiguous, normalizeAxis, shapeSize } from './shape.js';
import { getBackend } from '../kernels/backend.js';
import { stridedOffsets } from '../kernels/js/copy.js';
import { accumulateLane, argReduceLane, type ReduceKind as KernelReduceKind } from '../kernels/js/reduce.js';
import * as uf from './ufunc.js';

export interface ReduceOptions {
  /** Axis or axes to reduce; null/undefined reduces over all of them. */
  axis?: number | readonly number[] | null;
  /** Keep the reduced axes with length 1, so the result broadcasts against the input. */
  keepdims?: boolean;
  /** dtype of the accumulator and the result (sum, prod, mean, std, var, cumsum, cumprod). */
  dtype?: DType | string;
  /** Write the result here (its shape must equal the result's; values are cast unsafely). */
  out?: NDArray;
  /** Starting value of sum/prod/min/max (NumPy's `initial`); lets min/max reduce empty arrays. */
  initial?: number;
}
export interface VarOptions extends ReduceOptions {
  /** Delta degrees of freedom: the divisor is N − ddof (default 0). */
  ddof?: number;
}
export interface ArgReduceOptions {
  /** The axis to search along; null/undefined searches the flattened array. */
  axis?: number | null;
  keepdims?: boolean;
}
export interface CumOptions {
  /** The axis to accumulate along; null/undefined accumulates over the flattened array. */
  axis?: number | null;
  dtype?: DType | string;
}

// ---------------------------------------------------------------- axes and shapes

/**
 * Normalises `axis` for a reduction: a sorted list of distinct non-negative axes, with NumPy's
 * messages ("axis 2 is out of bounds for array of dimension 2", "duplicate value in 'axis'").
 */
export function reductionAxes(
  axis: number | readonly number[] | null | undefined,
  ndim: number,
  op: string,
): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => {
    if (!Number.isInteger(a)) throw new ValueError(`${op}: axis must be an integer, got ${a}`);
    return normalizeAxis(a, ndim, op);
  });
  if (new Set(out).size !== out.length) throw new ValueError(`${op}: duplicate value in 'axis'`);
  return out.sort((x, y) => x - y);
}

/** The input shape with the reduced axes set to 1. */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** The input shape without the reduced axes. */
export function reducedShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.filter((_, i) => !axes.includes(i));
}

/** Number of elements that go into one result element. */
function reduceCount(shape: readonly number[], axes: readonly number[]): number {
  let n = 1;
  for (const ax of axes) n *= shape[ax];
  return n;
}

// ---------------------------------------------------------------- dtypes

/** NumPy's accumulator dtype for sum/prod/cumsum/cumprod: small ints and bool → int64. */
function sumType(d: DType): DType {
  // NOTE: NumPy gives uint64 for unsigned inputs; without uint64 we use int64.
  return isFloat(d) ? d : 'int64';
}

/** NumPy's dtype for mean/var/std: integers and bool → float64, floats keep theirs. */
function meanType(d: DType): DType {
  return isFloat(d) ? d : 'float64';
}

function optDType(d: DType | string | undefined): DType | undefined {
  return d === undefined ? undefined : toDType(d);
}

/**
 * Does reading dtype `from` as accumulator dtype `to` need an explicit cast first? Widening ints
 * to floats and ints to ints wrap/convert correctly at the end; float → int truncation and
 * anything → bool must happen before the arithmetic, as in NumPy.
 */
function needsInputCast(from: DType, to: DType): boolean {
  if (from === to) return false;
  if (to === 'bool') return true;
  return isFloat(from) && !isFloat(to);
}

/** Converts float64 accumulator values to a typed array of `dtype` (NumPy's unsafe cast). */
function fromAccumulator(acc: Float64Array, dtype: DType): NDArray['data'] {
  if (dtype === 'float64') return acc;
  const out = allocate(dtype, acc.length);
  if (dtype === 'int64' || dtype === 'bool')
    for (let i = 0; i < acc.length; i++) out[i] = castScalar(dtype, acc[i]);
  else out.set(acc);
  return out;
}

// ---------------------------------------------------------------- the reduction driver

/**
 * Runs one kernel reduction of `a` over `axes` and returns the values in C order of the
 * keepdims shape, as float64 accumulators. `cast` tells the kernel that NumPy would convert the
 * input to the accumulator dtype on the fly (which changes its summation blocks).
 */
function reduceToAccumulator(
  kind: KernelReduceKind,
  a: NDArray,
  axes: readonly number[],
  float32: boolean,
  init: number,
  cast = false,
): Float64Array {
  const reduced = a.shape.map((_, i) => axes.includes(i));
  const backend = getBackend();
  const { acc, accStrides } = backend.reduce(
    kind,
    float32,
    cast,
    a.shape,
    a.data,
    a.offset,
    a.strides,
    reduced,
    init,
  );
  const keep = keptShape(a.shape, axes);
  if (isCContiguous(keep, accStrides)) return acc;
  // NumPy allocates the result in iteration order; we hand out C order
  const c = new Float64Array(acc.length);
  backend.copy(keep, acc, 0, accStrides, c, 0, contiguousStrides(keep));
  return c;
}

/** Wraps result data in the keepdims or reduced shape and honours `out`. */
function finish(
  op: string,
  data: NDArray['data'],
  dtype: DType,
  a: NDArray,
  axes: readonly number[],
  keepdims: boolean | undefined,
  out: NDArray | undefined,
): NDArray {
  const shape = keepdims ? keptShape(a.shape, axes) : reducedShape(a.shape, axes);
  const res = NDArray.fromData(data, shape, dtype);
  return out ? writeOut(op, res, out) : res;
}

/** Copies a result into a user-supplied `out` array (NumPy: unsafe casting, exact shape). */
function writeOut(op: string, res: NDArray, out: NDArray): NDArray {
  if (!out.writeable) throw new ValueError(`${op}: output array is read-only`);
  if (out.ndim !== res.ndim) {
    throw new ValueError(
      `output parameter for reduction operation ${op} has the wrong number of dimensions: Found ${out.ndim} but expected ${res.ndim}`,
    );
  }
  if (out.shape.some((d, i) => d !== res.shape[i])) {
    throw new ShapeError(
      `${op}: output array has shape ${formatShape(out.shape)} but the result has shape ${formatShape(res.shape)}`,
    );
  }
  out.set([], res);
  return out;
}

const TWO53 = 2 ** 53;

/**
 * Integer sum/prod whose float64 accumulator left the exact range: recompute each result element
 * with BigInt, wrapping like NumPy's fixed-width integers (modulo 2^64 for int64).
 */
function exactIntegerReduce(
  kind: 'sum' | 'prod',
  a: NDArray,
  axes: readonly number[],
  dtype: DType,
  init: number,
): Float64Array {
  const kept = a.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const lanes = stridedOffsets(
    perm.map((p) => a.shape[p]),
    a.offset,
    perm.map((p) => a.strides[p]),
  );
  const n = reduceCount(a.shape, axes);
  const outer = n === 0 ? shapeSize(reducedShape(a.shape, axes)) : lanes.length / n;
  const bits = DTYPE_INFO[dtype].itemsize * 8;
  const wrap = DTYPE_INFO[dtype].kind === 'u' ? BigInt.asUintN : BigInt.asIntN;
  const res = new Float64Array(outer);
  const x = a.data;
  for (let o = 0; o < outer; o++) {
    let r = BigInt(init);
    for (let i = 0; i < n; i++) {
      const v = BigInt(x[lanes[o * n + i]]);
      r = wrap(bits, kind === 'sum' ? r + v : r * v);
    }
    res[o] = Number(r);
  }
  return res;
}

/** sum and prod share everything but the kernel and the identity. */
function sumOrProd(op: 'sum' | 'prod', x: ArrayLike, opts: ReduceOptions): NDArray {
  let a = asarray(x);
  const axes = reductionAxes(opts.axis, a.ndim, op);
  const dtype = optDType(opts.dtype) ?? sumType(a.dtype);
  if (needsInputCast(a.dtype, dtype)) a = a.astype(dtype);
  // NumPy stores `initial` in the accumulator's dtype before it starts
  const start = opts.initial ?? (op === 'sum' ? 0 : 1);
  const init = dtype === 'float32' ? Math.fround(start) : start;
  let acc = reduceToAccumulator(op, a, axes, dtype === 'float32', init, a.dtype !== dtype);
  if (isInteger(dtype) && acc.some((v) => Math.abs(v) >= TWO53)) {
    acc = exactIntegerReduce(op, a, axes, dtype, init);
  }
  return finish(
    op === 'sum' ? 'add' : 'multiply',
    fromAccumulator(acc, dtype),
    dtype,
    a,
    axes,
    opts.keepdims,
    opts.out,
  );
}

// ---------------------------------------------------------------- public reductions

/**
 * Sum of the elements over `axis` (all by default), NumPy's `np.sum`. Floats use pairwise
 * summation; bool and integers sum to int64.
 * ```ts
 * nd.sum(nd.array([[1, 2], [3, 4]]), { axis: 0 }); // array([4, 6])
 * ```
 */
export function sum(a: ArrayLike, opts: ReduceOptions = {}): NDArray {
  return sumOrProd('sum', a, opts);
}

/** Product of the elements over `axis`, NumPy's `np.prod` (bool and integers → int64). */
export function prod(a: ArrayLike, opts: ReduceOptions = {}): NDArray {
  return sumOrProd('prod', a, opts);
}

/**
 * Arithmetic mean over `axis`, NumPy's `np.mean`: the (pairwise) sum divided by the count.
 * Integers and bool give float64; float32 stays float32 (summed in float32 like NumPy). The mean
 * of an empty selection is NaN.
 */
export function mean(x: ArrayLike, opts: ReduceOptions = {}): NDArray {
  let a = asarray(x);
  const axes = reductionAxes(opts.axis, a.ndim, 'mean');
  const dtype = optDType(opts.dtype) ?? meanType(a.dtype);
  if (needsInputCast(a.dtype, dtype)) a = a.astype(dtype);
  const acc = reduceToAccumulator('sum', a, axes, dtype === 'float32', 0, a.dtype !== dtype);
  const n = reduceCount(a.shape, axes);
  // NOTE: NumPy divides by an intp count, i.e. in float64, then casts to the result dtype.
  for (let i = 0; i < acc.length; i++) acc[i] = acc[i] / n;
  return finish('mean', fromAccumulator(acc, dtype), dtype, a, axes, opts.keepdims, opts.out);
}

/** Axes of `a` ordered by decreasing |stride| (memory order), ties in C order. */
function memoryOrder(a: NDArray): number[] {
  return a.shape.map((_, i) => i).sort((x, y) => Math.abs(a.strides[y]) - Math.abs(a.strides[x]) || x - y);
}

/**
 * Variance over `axis`, NumPy's `np.var`: mean(|x − mean(x)|²) with divisor N − ddof, computed
 * the way NumPy's `_var` does (two passes, pairwise sums). Integers give float64, float32 stays
 * float32. N − ddof ≤ 0 gives inf or NaN, like NumPy (which also warns).
 */
export function variance(x: ArrayLike, opts: VarOptions = {}): NDArray {
  const a0 = asarray(x);
  const axes = reductionAxes(opts.axis, a0.ndim, 'var');
  const dtype = optDType(opts.dtype) ?? meanType(a0.dtype);
  const a = needsInputCast(a0.dtype, dtype) ? a0.astype(dtype) : a0;
  const n = reduceCount(a.shape, axes);
  // pass 1: the mean, kept with length-1 axes so it broadcasts against a
  const acc = reduceToAccumulator('sum', a, axes, dtype === 'float32', 0, a.dtype !== dtype);
  for (let i = 0; i < acc.length; i++) acc[i] = acc[i] / n;
  const m = NDArray.fromData(fromAccumulator(acc, dtype), keptShape(a.shape, axes), dtype);
  // pass 2: squared deviations, laid out in a's memory order (NumPy allocates them in K order,
  // and the order decides the rounding of the second sum)
  const perm = memoryOrder(a);
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  const devP = uf.subtract(a.transpose(perm), m.transpose(perm));
  uf.multiply(devP, devP, { out: devP });
  const dev = devP.transpose(inv);
  const acc2 = reduceToAccumulator('sum', dev, axes, dtype === 'float32', 0, dev.dtype !== dtype);
  const div = Math.max(n - (opts.ddof ?? 0), 0);
  for (let i = 0; i < acc2.length; i++) acc2[i] = acc2[i] / div;
  return finish('var', fromAccumulator(acc2, dtype), dtype, a, axes, opts.keepdims, opts.out);
}

/** Standard deviation over `axis`, NumPy's `np.std`: sqrt(var) with the same options. */
export function std(x: ArrayLike, opts: VarOptions = {}): NDArray {
  const v = variance(x, { ...opts, out: undefined });
  const d = v.data;
  for (let i = 0; i < d.length; i++) d[i] = Math.sqrt(d[i]);
  if (v.dtype === 'int64') for (let i = 0; i < d.length; i++) d[i] = Math.trunc(d[i]);
  return opts.out ? writeOut('std', v, opts.out) : v;
}

function minOrMax(op: 'min' | 'max', x: ArrayLike, opts: ReduceOptions): NDArray {
  const a = asarray(x);
  const axes = reductionAxes(opts.axis, a.ndim, op);
  const name = op === 'min' ? 'minimum' : 'maximum';
  if (opts.initial === undefined && reduceCount(a.shape, axes) === 0) {
    throw new ValueError(`zero-size array to reduction operation ${name} which has no identity`);
  }
  const init = opts.initial ?? (op === 'min' ? Infinity : -Infinity);
  const acc = reduceToAccumulator(op, a, axes, false, init);
  return finish(name, fromAccumulator(acc, a.dtype), a.dtype, a, axes, opts.keepdims, opts.out);
}

/**
 * Smallest element over `axis`, NumPy's `np.min`/`amin`. A NaN anywhere in a lane gives NaN.
 * An empty reduction without `initial` throws NumPy's "zero-size array to reduction operation
 * minimum which has no identity".
 */
export function min(a: ArrayLike, opts: ReduceOptions = {}): NDArray {
  return minOrMax('min', a, opts);
}

/** Largest element over `axis`, NumPy's `np.max`/`amax`; NaN propagates (see `min`). */
export function max(a: ArrayLike, opts: ReduceOptions = {}): NDArray {
  return minOrMax('max', a, opts);
}

/**
 * Peak to peak (max − min) over `axis`, NumPy's `np.ptp`; keeps the dtype, so integer results
 * wrap like NumPy's (`ptp(int8 [-128, 127])` is −1). bool arrays are refused, as in NumPy.
 */
export function ptp(x: ArrayLike, opts: ReduceOptions = {}): NDArray {
  const a = asarray(x);
  if (a.dtype === 'bool') {
    throw new DTypeError(
      'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
    );
  }
  const hi = minOrMax('max', a, { axis: opts.axis, keepdims: opts.keepdims });
  const lo = minOrMax('min', a, { axis: opts.axis, keepdims: opts.keepdims });
  const res = NDArray.fromData(allocate(a.dtype, hi.size), hi.shape, a.dtype);
  for (let i = 0; i < hi.size; i++) res.data[i] = hi.data[i] - lo.data[i];
  return opts.out ? writeOut('ptp', res, opts.out) : res;
}

function allOrAny(op: 'all' | 'any', x: ArrayLike, opts: ReduceOptions): NDArray {
  const a = asarray(x);
  const axes = reductionAxes(opts.axis, a.ndim, op);
  const acc = reduceToAccumulator(op, a, axes, false, op === 'all' ? 1 : 0);
  const name = op === 'all' ? 'logical_and' : 'logical_or';
  return finish(name, fromAccumulator(acc, 'bool'), 'bool', a, axes, opts.keepdims, opts.out);
}

/** True where every element over `axis` is non-zero (NaN counts as true); empty → true. */
export function all(a: ArrayLike, opts: ReduceOptions = {}): NDArray {
  return allOrAny('all', a, opts);
}

/** True where some element over `axis` is non-zero (NaN counts as true); empty → false. */
export function any(a: ArrayLike, opts: ReduceOptions = {}): NDArray {
  return allOrAny('any', a, opts);
}

/** Number of non-zero elements over `axis` (all by default) as int64, NumPy's `count_nonzero`. */
export function countNonzero(
  x: ArrayLike,
  opts: { axis?: number | readonly number[] | null; keepdims?: boolean } = {},
): NDArray {
  const a = asarray(x);
  const axes = reductionAxes(opts.axis, a.ndim, 'count_nonzero');
  const acc = reduceToAccumulator('count', a, axes, false, 0);
  return finish('count_nonzero', fromAccumulator(acc, 'int64'), 'int64', a, axes, opts.keepdims, undefined);
}

function argReduce(kind: 'argmin' | 'argmax', x: ArrayLike, opts: ArgReduceOptions): NDArray {
  const a = asarray(x);
  const empty = (): never => {
    throw new ValueError(`attempt to get ${kind} of an empty sequence`);
  };
  if (opts.axis === undefined || opts.axis === null) {
    if (a.size === 0) empty();
    const flat = a.ravel();
    const out = new Float64Array(1);
    out[0] = argReduceLane(kind, flat.data, flat.offset, flat.size, flat.strides[0] ?? 1);
    return NDArray.fromData(out, opts.keepdims ? a.shape.map(() => 1) : [], 'int64');
  }
  if (typeof opts.axis !== 'number') {
    throw new DTypeError(`${kind}: axis must be an integer or null, not a list`);
  }
  const ax = normalizeAxis(opts.axis, a.ndim, kind);
  const n = a.shape[ax];
  const outShape = a.shape.filter((_, i) => i !== ax);
  const lanes = stridedOffsets(
    outShape,
    a.offset,
    a.strides.filter((_, i) => i !== ax),
  );
  if (n === 0 && lanes.length > 0) empty();
  const out = new Float64Array(lanes.length);
  for (let o = 0; o < lanes.length; o++) out[o] = argReduceLane(kind, a.data, lanes[o], n, a.strides[ax]);
  return NDArray.fromData(out, opts.keepdims ? keptShape(a.shape, [ax]) : outShape, 'int64');
}

/**
 * Index of the smallest element along `axis` (of the flattened array by default) as int64,
 * NumPy's `np.argmin`: ties give the first index, a NaN gives the index of the first NaN.
 */
export function argmin(a: ArrayLike, opts: ArgReduceOptions = {}): NDArray {
  return argReduce('argmin', a, opts);
}

/** Index of the largest element along `axis` (see `argmin` for ties and NaN). */
export function argmax(a: ArrayLike, opts: ArgReduceOptions = {}): NDArray {
  return argReduce('argmax', a, opts);
}

function accumulate(op: 'cumsum' | 'cumprod', x: ArrayLike, opts: CumOptions): NDArray {
  let a = asarray(x);
  const dtype = optDType(opts.dtype) ?? sumType(a.dtype);
  // NumPy converts the input to the result dtype first; then every step is one typed store
  if (a.dtype !== dtype) a = a.astype(dtype);
  let ax: number;
  if (opts.axis === undefined || opts.axis === null) {
    a = a.ravel();
    ax = 0;
  } else ax = normalizeAxis(opts.axis, a.ndim, op);
  const res = NDArray.fromData(allocate(dtype, a.size), a.shape, dtype);
  if (a.size === 0) return res;
  const n = a.shape[ax];
  const otherShape = a.shape.filter((_, i) => i !== ax);
  const aOther = a.strides.filter((_, i) => i !== ax);
  const rOther = res.strides.filter((_, i) => i !== ax);
  const kind = op === 'cumsum' ? 'sum' : 'prod';
  const f32 = dtype === 'float32';
  const innermost = a.strides.every(
    (st, i) => i === ax || a.shape[i] === 1 || Math.abs(st) >= Math.abs(a.strides[ax]),
  );
  if (innermost || dtype === 'bool') {
    // the axis is the fastest one: run along each lane
    const src = stridedOffsets(otherShape, a.offset, aOther);
    const dst = stridedOffsets(otherShape, 0, rOther);
    const tmp = dtype === 'bool' ? new Float64Array(n) : null;
    for (let o = 0; o < src.length; o++) {
      if (tmp === null) {
        accumulateLane(kind, f32, a.data, src[o], n, a.strides[ax], res.data, dst[o], res.strides[ax]);
      } else {
        accumulateLane(kind, f32, a.data, src[o], n, a.strides[ax], tmp, 0, 1);
        for (let i = 0; i < n; i++) res.data[dst[o] + i * res.strides[ax]] = castScalar(dtype, tmp[i]);
      }
    }
    return res;
  }
  // otherwise slab by slab: res[…, i, …] = res[…, i−1, …] ∘ a[…, i, …] (cache-friendly)
  const sa = a.strides[ax];
  const sr = res.strides[ax];
  const backend = getBackend();
  backend.copy(otherShape, a.data, a.offset, aOther, res.data, 0, rOther);
  for (let i = 1; i < n; i++) {
    backend.binary(
      kind === 'sum' ? 'add' : 'mul',
      otherShape,
      res.data,
      (i - 1) * sr,
      rOther,
      a.data,
      a.offset + i * sa,
      aOther,
      res.data,
      i * sr,
      rOther,
    );
  }
  return res;
}

/**
 * Running sum along `axis` (of the flattened array by default), NumPy's `np.cumsum`; same
 * result dtypes as `sum`. Floats are added left to right (no pairwise summation), like NumPy.
 */
export function cumsum(a: ArrayLike, opts: CumOptions = {}): NDArray {
  return accumulate('cumsum', a, opts);
}

/** Running product along `axis` (of the flattened array by default), NumPy's `np.cumprod`. */
export function cumprod(a: ArrayLike, opts: CumOptions = {}): NDArray {
  return accumulate('cumprod', a, opts);
}
