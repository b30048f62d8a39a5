/**
 * Order statistics and weighted means with NumPy's semantics: median, percentile, quantile
 * (method 'linear', NumPy's default, plus 'lower', 'higher', 'nearest' and 'midpoint') and
 * average (with weights).
 *
 * Each lane (the elements that go into one result) is copied out and sorted, NaNs last; a lane
 * holding a NaN gives NaN, as in NumPy. The arithmetic on the two neighbours of a quantile is
 * NumPy's `_lerp`, step by step and in NumPy's dtypes, so the results agree to the last bit.
 */
import { NDArray } from './ndarray.js';
import { array, asarray, type ArrayLike } from './creation.js';
import { allocate, castScalar, isFloat, promoteTypes, resultType, type DType } from './dtype.js';
import { DTypeError, IndexError, ValueError } from './errors.js';
import { normalizeAxis, shapeSize } from './shape.js';
import { keptShape, mean, reducedShape, reductionAxes, sum } from './reduce.js';
import * as uf from './ufunc.js';

export interface MedianOptions {
  /** Axis or axes to reduce; null/undefined reduces the flattened array. */
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
}

/** NumPy's interpolation methods that mlseries implements. */
export type QuantileMethod = 'linear' | 'lower' | 'higher' | 'nearest' | 'midpoint';

export interface QuantileOptions extends MedianOptions {
  /** How to pick a value between two data points (default 'linear', NumPy's default). */
  method?: QuantileMethod;
}

/**
 * The lanes of `a` over `axes` as one contiguous float64 buffer, each lane sorted ascending with
 * NaNs last: lane o is data[o·n … (o+1)·n).
 */
function sortedLanes(a: NDArray, axes: readonly number[]): { data: Float64Array; n: number; outer: number } {
  const kept = a.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const moved = a.transpose([...kept, ...axes]).copy();
  const data = moved.dtype === 'float64' ? (moved.data as Float64Array) : Float64Array.from(moved.data);
  let n = 1;
  for (const ax of axes) n *= a.shape[ax];
  const outer = shapeSize(reducedShape(a.shape, axes));
  // NOTE: a typed array's default sort is numeric and puts NaN last, NumPy's order
  if (n > 1) for (let o = 0; o < outer; o++) data.subarray(o * n, (o + 1) * n).sort();
  return { data, n, outer };
}

function resultShape(a: NDArray, axes: readonly number[], keepdims: boolean | undefined): number[] {
  return keepdims ? keptShape(a.shape, axes) : reducedShape(a.shape, axes);
}

/**
 * Median over `axis` (the flattened array by default), NumPy's `np.median`: the middle value,
 * or the mean of the two middle values. Integers and bool give float64, float32 stays float32.
 * A lane with a NaN gives NaN; an empty lane gives NaN (NumPy also warns).
 * ```ts
 * nd.median(nd.array([[10, 7, 4], [3, 2, 1]])); // array(3.5)
 * ```
 */
export function median(x: ArrayLike, opts: MedianOptions = {}): NDArray {
  const a = asarray(x);
  const axes = reductionAxes(opts.axis, a.ndim, 'median');
  const dtype: DType = isFloat(a.dtype) ? a.dtype : 'float64';
  const { data, n, outer } = sortedLanes(a, axes);
  const out = allocate(dtype, outer);
  const f32 = dtype === 'float32';
  const h = n >> 1;
  for (let o = 0; o < outer; o++) {
    const p = o * n;
    if (n === 0 || data[p + n - 1] !== data[p + n - 1]) out[o] = NaN;
    else if (n % 2 === 1) out[o] = data[p + h];
    else {
      // NumPy takes np.mean of the two middle values: (0 + (lo + hi)) / 2 in the mean's dtype
      const s = f32 ? Math.fround(data[p + h - 1] + data[p + h]) : data[p + h - 1] + data[p + h];
      out[o] = (0 + s) / 2;
    }
  }
  return NDArray.fromData(out, resultShape(a, axes, opts.keepdims), dtype);
}

/** An integer typed array conversion: what `b − a` gives in dtype `d` (wraps like NumPy). */
function wrapTo(d: DType, v: number): number {
  if (isFloat(d)) return d === 'float32' ? Math.fround(v) : v;
  const t = allocate(d, 1);
  t[0] = castScalar(d, v);
  return t[0];
}

/**
 * The shared core of `quantile` and `percentile`: `q` are quantiles in [0, 1] (already divided
 * by 100 for percentile) with dtype `qType`; `weak` marks a JS-number q, which takes the array's
 * float dtype like a Python scalar does (NEP 50).
 */
function quantileCore(a: NDArray, q: NDArray, weak: boolean, opts: QuantileOptions, op: string): NDArray {
  const method = opts.method ?? 'linear';
  if (!['linear', 'lower', 'higher', 'nearest', 'midpoint'].includes(method)) {
    throw new ValueError(
      `${op}: '${method}' is not a valid method. Use one of: linear, lower, higher, nearest, midpoint`,
    );
  }
  if (q.ndim > 2) throw new ValueError('q must be a scalar or 1d');
  const axes = reductionAxes(opts.axis, a.ndim, op);
  const { data, n, outer } = sortedLanes(a, axes);
  const qs = q.copy().data;
  const nq = qs.length;
  const intQ = !isFloat(q.dtype);
  // NumPy picks elements without interpolation for these (their virtual index is an integer)
  const take =
    method === 'lower' || method === 'higher' || method === 'nearest' || (intQ && method === 'linear');
  if (a.dtype === 'bool' && !take) {
    throw new DTypeError(
      'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
    );
  }
  // dtype of the virtual index (n − 1)·q: q's (a float32 q stays float32, as in NumPy)
  const vdt: DType = intQ ? (method === 'midpoint' ? 'float64' : 'int64') : q.dtype;
  let dtype: DType;
  if (take) dtype = a.dtype;
  else if (weak) dtype = isFloat(a.dtype) ? a.dtype : 'float64';
  else dtype = promoteTypes(a.dtype, vdt);
  const f32 = dtype === 'float32';
  const r = (v: number): number => (f32 ? Math.fround(v) : v);
  const out = allocate(dtype, nq * outer);
  if (n === 0 && nq * outer > 0) {
    throw new IndexError('index -1 is out of bounds for axis 0 with size 0');
  }
  for (let k = 0; k < nq; k++) {
    let virt = wrapTo(vdt === 'int64' ? 'int64' : q.dtype, (n - 1) * qs[k]);
    if (method === 'lower') virt = Math.floor(virt);
    else if (method === 'higher') virt = Math.ceil(virt);
    else if (method === 'nearest') virt = roundHalfEven(virt);
    else if (method === 'midpoint') virt = wrapTo(vdt, 0.5 * (Math.floor(virt) + Math.ceil(virt)));
    for (let o = 0; o < outer; o++) {
      const p = o * n;
      const last = data[p + n - 1];
      let v: number;
      if (last !== last) v = NaN;
      else if (take) v = data[p + virt];
      else {
        // NumPy's _get_indexes: beyond the last index both neighbours are the last element and
        // gamma is measured from index −1 (a quirk we keep: it makes percentile([1, inf], 100) NaN)
        let prev = Math.floor(virt);
        let next = prev + 1;
        if (virt >= n - 1) prev = next = -1;
        const lo = data[p + (prev < 0 ? n + prev : prev)];
        const hi = data[p + (next < 0 ? n + next : next)];
        let gamma = wrapTo(vdt, virt - prev);
        if (method === 'midpoint') gamma = virt % 1 === 0 ? 0 : 0.5;
        v = lerp(lo, hi, gamma, a.dtype, dtype, weak, vdt);
      }
      out[k * outer + o] = r(v);
    }
  }
  return NDArray.fromData(out, [...q.shape, ...resultShape(a, axes, opts.keepdims)], dtype);
}

/** Round half to even, as NumPy's `around` (used by method 'nearest'). */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * NumPy's `_lerp(a, b, t)`: a + (b − a)·t, or b − (b − a)·(1 − t) where t ≥ 0.5 (exact at both
 * ends), each step rounded to the dtype NumPy computes it in.
 */
function lerp(
  lo: number,
  hi: number,
  t: number,
  inType: DType,
  outType: DType,
  weak: boolean,
  tType: DType,
): number {
  const f32 = outType === 'float32';
  const r = (v: number): number => (f32 ? Math.fround(v) : v);
  const diff = wrapTo(inType, hi - lo); // b − a in the input dtype (integers wrap)
  // a weak (Python-float) t is converted to the result dtype; a float32 t array is float32 already
  const tt = weak ? r(t) : t;
  if (t >= 0.5) {
    const u = weak ? r(1 - t) : wrapTo(tType, 1 - t);
    return r(hi - r(diff * u));
  }
  return r(lo + r(diff * tt));
}

/** q as an NDArray plus NumPy's "weak scalar" flag. */
function quantileInput(q: ArrayLike): { q: NDArray; weak: boolean } {
  if (typeof q === 'number') return { q: array(q), weak: true };
  return { q: asarray(q), weak: false };
}

function checkRange(q: NDArray, what: string): void {
  const d = q.copy().data;
  for (let i = 0; i < d.length; i++) {
    if (!(d[i] >= 0 && d[i] <= 1))
      throw new ValueError(`${what} must be in the range ${what === 'Percentiles' ? '[0, 100]' : '[0, 1]'}`);
  }
}

/**
 * q-th quantiles (q in [0, 1], a number or an array of up to 2 dimensions) over `axis`,
 * NumPy's `np.quantile`. The result has shape q.shape + the reduced shape. With the default
 * method 'linear' the value at virtual index (n − 1)·q is interpolated between its neighbours.
 *
 * dtypes as NumPy: integer arrays give float64; a float32 array with a JS-number q gives
 * float32, with an array q (float64) float64. NOTE: like NumPy's `np.quantile(a, 1)`, an
 * integer-valued q (a JS integer or an integer array) with 'linear' picks elements without
 * interpolation and keeps a's dtype.
 */
export function quantile(x: ArrayLike, q: ArrayLike, opts: QuantileOptions = {}): NDArray {
  const a = asarray(x);
  const Q = quantileInput(q);
  checkRange(Q.q, 'Quantiles');
  return quantileCore(a, Q.q, Q.weak, opts, 'quantile');
}

/**
 * q-th percentiles (q in [0, 100]) over `axis`, NumPy's `np.percentile`: `quantile(a, q / 100)`
 * (q is divided in float64, so results are never integer-typed).
 * ```ts
 * nd.percentile(nd.array([[10, 7, 4], [3, 2, 1]]), 50); // array(3.5)
 * nd.percentile(a, [25, 75], { axis: 0 });               // shape (2, 3)
 * ```
 */
export function percentile(x: ArrayLike, q: ArrayLike, opts: QuantileOptions = {}): NDArray {
  const a = asarray(x);
  const Q = quantileInput(q);
  // np.true_divide(q, 100): integer q becomes float64, float32 q stays float32
  const qd = uf.divide(Q.q, 100);
  checkRange(qd, 'Percentiles');
  return quantileCore(a, qd, Q.weak, opts, 'percentile');
}

export interface AverageOptions {
  /** Axis or axes to average over; null/undefined averages the flattened array. */
  axis?: number | readonly number[] | null;
  /** One weight per element of `a`, or (with `axis`) per position along the averaged axes. */
  weights?: ArrayLike;
  keepdims?: boolean;
}

/**
 * Weighted average, NumPy's `np.average`: Σ a·w / Σ w over `axis`; without weights it is
 * `mean`. Integers give float64. Throws NumPy's errors when the weights do not fit or sum to 0.
 * Use `averageReturned` to get the sum of the weights too.
 */
export function average(x: ArrayLike, opts: AverageOptions = {}): NDArray {
  return averageReturned(x, opts)[0];
}

/** `np.average(..., returned=True)`: [average, sum of weights broadcast to its shape]. */
export function averageReturned(x: ArrayLike, opts: AverageOptions = {}): [NDArray, NDArray] {
  const a = asarray(x);
  const given =
    opts.axis === undefined || opts.axis === null
      ? null
      : (typeof opts.axis === 'number' ? [opts.axis] : [...opts.axis]).map((ax) =>
          normalizeAxis(ax, a.ndim, 'average'),
        );
  const axis = given === null ? null : reductionAxes(given, a.ndim, 'average');
  if (opts.weights === undefined) {
    const avg = mean(a, { axis, keepdims: opts.keepdims });
    const scl = NDArray.fromData(allocate(avg.dtype, avg.size), avg.shape, avg.dtype);
    scl.data.fill(a.size / avg.size);
    return [avg, scl];
  }
  let w = asarray(opts.weights);
  const rt = isFloat(a.dtype) ? resultType(a.dtype, w.dtype) : resultType(a.dtype, w.dtype, 'float64');
  if (a.shape.length !== w.shape.length || a.shape.some((d, i) => d !== w.shape[i])) {
    if (given === null) throw new DTypeError('Axis must be specified when shapes of a and weights differ.');
    if (w.ndim !== given.length || given.some((ax, i) => w.shape[i] !== a.shape[ax])) {
      throw new ValueError('Shape of weights must be consistent with shape of a along specified axis.');
    }
    // order w's axes like a's, then give it length-1 axes elsewhere
    const order = given.map((_, i) => i).sort((i, j) => given[i] - given[j]);
    w = w.transpose(order).reshape(a.shape.map((d, i) => (given.includes(i) ? d : 1)));
  }
  const scl = sum(w, { axis, dtype: rt, keepdims: opts.keepdims });
  if (scl.toTypedArray().some((v) => v === 0))
    throw new ValueError("Weights sum to zero, can't be normalized");
  const avg = uf.divide(sum(uf.multiply(a.astype(rt), w.astype(rt)), { axis, keepdims: opts.keepdims }), scl);
  return [avg, scl.broadcastTo(avg.shape).copy()];
}
