/**
 * Sorting and searching with NumPy's semantics: sort (in place and as a copy), argsort, unique,
 * searchsorted.
 *
 * Order: ascending, NaN after everything (as NumPy sorts). Every sort here is stable, whatever
 * `kind` asks for: NumPy's default quicksort gives the same values, and the same indices for
 * arrays without ties; with ties, `argsort` returns what NumPy's `kind: 'stable'` returns.
 */
import { NDArray } from './ndarray.js';
import { asarray, type ArrayLike } from './creation.js';
import { allocate, isFloat, promoteTypes, promoteWithScalar, type DType } from './dtype.js';
import { ValueError } from './errors.js';
import { normalizeAxis } from './shape.js';
import { moveaxis } from './views.js';
import { stridedOffsets } from '../kernels/js/copy.js';

export interface SortOptions {
  /** The axis to sort along (default −1); null sorts the flattened array (not in place). */
  axis?: number | null;
  /** Accepted for NumPy compatibility; every kind sorts stably here. */
  kind?: 'quicksort' | 'stable' | 'mergesort' | 'heapsort';
}

const KINDS = ['quicksort', 'stable', 'mergesort', 'heapsort', 'quick', 'merge', 'heap', 'q', 'm', 'h', 's'];

function checkKind(kind: string | undefined): void {
  if (kind !== undefined && !KINDS.includes(kind)) {
    throw new ValueError(`sort kind must be one of 'quick', 'heap', or 'stable' (got '${kind}')`);
  }
}

// ---------------------------------------------------------------- kernels

/** NumPy's sort order: x before y, NaN last. */
function lessNaNLast(x: number, y: number): boolean {
  return x < y || (y !== y && x === x);
}

/** Scratch space for `argsortKeys`, reusable across calls of the same or smaller length. */
export interface ArgsortScratch {
  k1: Float64Array;
  k2: Float64Array;
  i2: Int32Array;
}

/** Allocates scratch space for `argsortKeys` on up to `n` keys. */
export function argsortScratch(n: number): ArgsortScratch {
  return { k1: new Float64Array(n), k2: new Float64Array(n), i2: new Int32Array(n) };
}

/**
 * Stable argsort of keys[0 … n): fills idx with the permutation that sorts the keys, NaNs last
 * (NumPy's order). NaNs are moved behind the numbers first, so the sort itself only needs `<`;
 * then insertion sort on runs of 16 and bottom-up merges that carry the keys along with the
 * indices (no indirect, cache-missing loads).
 */
export function argsortKeys(keys: Float64Array, idx: Int32Array, n: number, w = argsortScratch(n)): void {
  let k1 = w.k1;
  let i1 = idx;
  let k2 = w.k2;
  let i2 = w.i2;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    if (v === v) {
      k1[m] = v;
      i1[m++] = i;
    }
  }
  for (let i = 0, p = m; i < n; i++) if (keys[i] !== keys[i]) i1[p++] = i;
  const RUN = 16;
  for (let lo = 0; lo < m; lo += RUN) {
    const hi = Math.min(lo + RUN, m);
    for (let i = lo + 1; i < hi; i++) {
      const kv = k1[i];
      const iv = i1[i];
      let j = i - 1;
      while (j >= lo && kv < k1[j]) {
        k1[j + 1] = k1[j];
        i1[j + 1] = i1[j];
        j--;
      }
      k1[j + 1] = kv;
      i1[j + 1] = iv;
    }
  }
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(lo + width, m);
      const hi = Math.min(lo + 2 * width, m);
      let i = lo;
      let j = mid;
      let k = lo;
      // take from the right run only when strictly smaller: equal keys keep their order
      while (i < mid && j < hi) {
        if (k1[j] < k1[i]) {
          k2[k] = k1[j];
          i2[k++] = i1[j++];
        } else {
          k2[k] = k1[i];
          i2[k++] = i1[i++];
        }
      }
      while (i < mid) {
        k2[k] = k1[i];
        i2[k++] = i1[i++];
      }
      while (j < hi) {
        k2[k] = k1[j];
        i2[k++] = i1[j++];
      }
    }
    [k1, k2] = [k2, k1];
    [i1, i2] = [i2, i1];
  }
  if (i1 !== idx) idx.set(i1.subarray(0, m));
}

/** Stable sort of idx[0 … n) by a comparison callback (used for whole rows in `unique`). */
function mergeSortBy(idx: Int32Array, n: number, cmp: (i: number, j: number) => number): void {
  const tmp = new Int32Array(n);
  let src: Int32Array = idx;
  let dst: Int32Array = tmp;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = cmp(src[j], src[i]) < 0 ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== idx) idx.set(src);
}

/** Offsets of the first element of every lane along `ax`, in C order of the other axes. */
function laneOffsets(a: NDArray, ax: number): Int32Array | Float64Array {
  return stridedOffsets(
    a.shape.filter((_, i) => i !== ax),
    a.offset,
    a.strides.filter((_, i) => i !== ax),
  );
}

// ---------------------------------------------------------------- sort / argsort

/**
 * Sorts `a` in place along `axis` (default −1), NumPy's `ndarray.sort`. NaNs go last.
 * ```ts
 * const a = nd.array([[3, 1], [0, 2]]);
 * a.sort({ axis: 0 }); // [[0, 1], [3, 2]]
 * ```
 */
export function sortInPlace(a: NDArray, opts: SortOptions = {}): void {
  checkKind(opts.kind);
  if (opts.axis === null)
    throw new ValueError('sort: in-place sort needs an integer axis; use nd.sort(a, { axis: null })');
  if (!a.writeable) throw new ValueError('sort array is read-only');
  const ax = normalizeAxis(opts.axis ?? -1, a.ndim, 'sort');
  const n = a.shape[ax];
  if (n < 2 || a.size === 0) return;
  const st = a.strides[ax];
  const lanes = laneOffsets(a, ax);
  const d = a.data;
  // NOTE: a typed array's default sort is numeric with NaN last (and −0 before +0)
  const scratch = st === 1 ? null : new (d.constructor as new (n: number) => typeof d)(n);
  for (let o = 0; o < lanes.length; o++) {
    const off = lanes[o];
    if (scratch === null) d.subarray(off, off + n).sort();
    else {
      for (let i = 0; i < n; i++) scratch[i] = d[off + i * st];
      scratch.sort();
      for (let i = 0; i < n; i++) d[off + i * st] = scratch[i];
    }
  }
}

/**
 * A sorted copy of `a` along `axis` (default −1; null sorts the flattened array), NumPy's
 * `np.sort`. NaNs go last.
 * ```ts
 * nd.sort(nd.array([3, 1, 2])); // array([1, 2, 3])
 * ```
 */
export function sort(x: ArrayLike, opts: SortOptions = {}): NDArray {
  const a = asarray(x);
  checkKind(opts.kind);
  if (opts.axis === null) {
    const flat = a.copy().reshape(-1);
    sortInPlace(flat, { axis: 0 });
    return flat;
  }
  const c = a.copy();
  sortInPlace(c, opts);
  return c;
}

/**
 * Indices that sort `a` along `axis` (default −1; null: of the flattened array) as int64,
 * NumPy's `np.argsort`. Always stable: equal elements keep their order (NumPy's
 * `kind: 'stable'`); NaNs go last.
 */
export function argsort(x: ArrayLike, opts: SortOptions = {}): NDArray {
  checkKind(opts.kind);
  let a = asarray(x);
  if (opts.axis === null) a = a.ravel();
  const ax = normalizeAxis(opts.axis ?? -1, a.ndim, 'argsort');
  const out = NDArray.fromData(new Float64Array(a.size), a.shape, 'int64');
  const n = a.shape[ax];
  if (a.size === 0) return out;
  const lanes = laneOffsets(a, ax);
  const dst = laneOffsets(out, ax);
  const st = a.strides[ax];
  const ost = out.strides[ax];
  const keys = new Float64Array(n);
  const idx = new Int32Array(n);
  const work = argsortScratch(n);
  for (let o = 0; o < lanes.length; o++) {
    for (let i = 0; i < n; i++) keys[i] = a.data[lanes[o] + i * st];
    argsortKeys(keys, idx, n, work);
    for (let i = 0; i < n; i++) out.data[dst[o] + i * ost] = idx[i];
  }
  return out;
}

// ---------------------------------------------------------------- unique

export interface UniqueOptions {
  /** Also return the index of the first occurrence of each unique value. */
  returnIndex?: boolean;
  /** Also return the indices that rebuild `a` from the unique values. */
  returnInverse?: boolean;
  /** Also return how often each unique value occurs. */
  returnCounts?: boolean;
  /** Find unique sub-arrays along this axis (rows for 0) instead of unique elements. */
  axis?: number | null;
  /** Collapse all NaNs into one (default true, as NumPy). */
  equalNan?: boolean;
}

/**
 * What `unique` returns when any `return*` option is set (the names of NumPy 2's
 * `unique_all`). Fields that were not asked for are absent.
 */
export interface UniqueResult {
  /** The sorted unique values (NumPy's first return value). */
  values: NDArray;
  /** int64 indices of the first occurrences (`returnIndex`). */
  indices?: NDArray;
  /**
   * int64 indices with `values[inverseIndices]` equal to the input (`returnInverse`): shaped like
   * the input when no axis is given, 1-D along `axis` otherwise (NumPy 2's shapes).
   */
  inverseIndices?: NDArray;
  /** int64 number of occurrences of each unique value (`returnCounts`). */
  counts?: NDArray;
}

type WithFlag = { returnIndex: true } | { returnInverse: true } | { returnCounts: true };

/**
 * The sorted unique elements of `a` (flattened), NumPy's `np.unique`. Without `return*`
 * options the result is the NDArray of values; with any of them it is a `UniqueResult` object
 * `{ values, indices?, inverseIndices?, counts? }` (NumPy returns a tuple in that order).
 * ```ts
 * nd.unique(nd.array([3, 1, 3, 2]));                          // array([1, 2, 3])
 * nd.unique(nd.array([3, 1, 3]), { returnCounts: true }).counts; // array([1, 2])
 * ```
 */
export function unique(a: ArrayLike, opts: UniqueOptions & WithFlag): UniqueResult;
export function unique(
  a: ArrayLike,
  opts?: UniqueOptions & { returnIndex?: false; returnInverse?: false; returnCounts?: false },
): NDArray;
export function unique(a: ArrayLike, opts?: UniqueOptions): NDArray | UniqueResult;
export function unique(x: ArrayLike, opts: UniqueOptions = {}): NDArray | UniqueResult {
  const a = asarray(x);
  const res =
    opts.axis === undefined || opts.axis === null ? uniqueFlat(a, opts) : uniqueAlongAxis(a, opts.axis, opts);
  if (!opts.returnIndex && !opts.returnInverse && !opts.returnCounts) return res.values;
  const out: UniqueResult = { values: res.values };
  if (opts.returnIndex) out.indices = res.indices;
  if (opts.returnInverse) out.inverseIndices = res.inverseIndices;
  if (opts.returnCounts) out.counts = res.counts;
  return out;
}

function int64(data: Float64Array, shape: readonly number[]): NDArray {
  return NDArray.fromData(data, shape, 'int64');
}

/** Builds indices/inverse/counts from a sorting permutation and the run-start mask. */
function fromRuns(
  perm: Int32Array,
  first: Uint8Array,
  n: number,
  inverseShape: readonly number[],
): { indices: NDArray; inverseIndices: NDArray; counts: NDArray; starts: number[] } {
  const starts: number[] = [];
  for (let i = 0; i < n; i++) if (first[i]) starts.push(i);
  const k = starts.length;
  const indices = new Float64Array(k);
  const counts = new Float64Array(k);
  const inverse = new Float64Array(n);
  for (let u = 0; u < k; u++) {
    indices[u] = perm[starts[u]];
    counts[u] = (u + 1 < k ? starts[u + 1] : n) - starts[u];
  }
  let u = -1;
  for (let i = 0; i < n; i++) {
    if (first[i]) u++;
    inverse[perm[i]] = u;
  }
  return {
    indices: int64(indices, [k]),
    inverseIndices: int64(inverse, inverseShape),
    counts: int64(counts, [k]),
    starts,
  };
}

function uniqueFlat(a: NDArray, opts: UniqueOptions): Required<UniqueResult> {
  const flat = a.ravel();
  const n = flat.size;
  const keys = Float64Array.from(flat.toTypedArray());
  const perm = new Int32Array(n);
  if (opts.returnIndex || opts.returnInverse) argsortKeys(keys, perm, n);
  else {
    // values and counts only: any sort will do, and the typed array's own is the fastest
    keys.sort();
    for (let i = 0; i < n; i++) perm[i] = i;
  }
  const first = new Uint8Array(n);
  const equalNan = (opts.equalNan ?? true) && isFloat(a.dtype);
  for (let i = 0; i < n; i++) {
    const v = keys[perm[i]];
    const prev = i === 0 ? NaN : keys[perm[i - 1]];
    // a new run starts where the value changes; with equalNan all NaNs form one run
    first[i] = i === 0 || v !== prev ? 1 : 0;
    if (i > 0 && equalNan && v !== v && prev !== prev) first[i] = 0;
  }
  const runs = fromRuns(perm, first, n, a.shape);
  const values = allocate(a.dtype, runs.starts.length);
  runs.starts.forEach((s, u) => (values[u] = keys[perm[s]]));
  return {
    values: NDArray.fromData(values, [runs.starts.length], a.dtype),
    indices: runs.indices,
    inverseIndices: runs.inverseIndices,
    counts: runs.counts,
  };
}

/** Unique sub-arrays along `axis`: rows compared element by element, sorted lexicographically. */
function uniqueAlongAxis(a: NDArray, axis: number, _opts: UniqueOptions): Required<UniqueResult> {
  const ax = normalizeAxis(axis, a.ndim, 'unique');
  const moved = moveaxis(a, ax, 0).copy(); // (n, …rest) contiguous
  const n = moved.shape[0];
  const m = n === 0 ? 0 : moved.size / n;
  const d = moved.data;
  const cmp = (i: number, j: number): number => {
    for (let k = 0; k < m; k++) {
      const x = d[i * m + k];
      const y = d[j * m + k];
      if (lessNaNLast(x, y)) return -1;
      if (lessNaNLast(y, x)) return 1;
    }
    return 0;
  };
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  mergeSortBy(perm, n, cmp);
  const first = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // NOTE: NumPy compares whole rows with !=, so rows holding NaN never merge
    let differs = i === 0;
    for (let k = 0; k < m && !differs; k++) if (d[perm[i] * m + k] !== d[perm[i - 1] * m + k]) differs = true;
    first[i] = differs ? 1 : 0;
  }
  const runs = fromRuns(perm, first, n, [n]);
  const k = runs.starts.length;
  const values = NDArray.fromData(allocate(a.dtype, k * m), [k, ...moved.shape.slice(1)], a.dtype);
  runs.starts.forEach((s, u) => values.data.set(d.subarray(perm[s] * m, perm[s] * m + m) as never, u * m));
  return {
    values: moveaxis(values, 0, ax).copy(),
    indices: runs.indices,
    inverseIndices: runs.inverseIndices,
    counts: runs.counts,
  };
}

// ---------------------------------------------------------------- searchsorted

export interface SearchsortedOptions {
  /** 'left' (default): the first suitable index; 'right': the last. */
  side?: 'left' | 'right';
  /** Indices that sort `a` (e.g. from `argsort`), when `a` itself is not sorted. */
  sorter?: ArrayLike;
}

/**
 * Indices where the elements of `v` would be inserted into the sorted 1-D array `a` to keep it
 * sorted, NumPy's `np.searchsorted`: side 'left' gives the first i with a[i] ≥ v, 'right' the
 * first i with a[i] > v (NaN sorts last). The result is int64 with v's shape.
 * ```ts
 * nd.searchsorted(nd.array([1, 2, 3, 4, 5]), 3);                     // array(2)
 * nd.searchsorted(nd.array([1, 2, 3, 4, 5]), [-10, 10, 2, 3], { side: 'right' }); // [0, 5, 2, 3]
 * ```
 */
export function searchsorted(x: ArrayLike, v: ArrayLike, opts: SearchsortedOptions = {}): NDArray {
  const side = opts.side ?? 'left';
  if (side !== 'left' && side !== 'right') {
    throw new ValueError(`search side must be 'left' or 'right' (got '${String(side)}')`);
  }
  const a = asarray(x);
  if (a.ndim !== 1) throw new ValueError('object too deep for desired array');
  const V = asarray(v);
  // compare in the common dtype, a JS number being a weak scalar (float32 rounds the needles)
  const common: DType =
    typeof v === 'number' || typeof v === 'boolean'
      ? promoteWithScalar(a.dtype, v)
      : promoteTypes(a.dtype, V.dtype);
  const round = common === 'float32' ? Math.fround : (t: number): number => t;
  const n = a.size;
  let keys = Float64Array.from(a.toTypedArray());
  if (opts.sorter !== undefined) {
    const s = asarray(opts.sorter).toTypedArray();
    if (s.length !== n) throw new ValueError('sorter.size must equal a.size');
    const sorted = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = s[i];
      if (!(j >= 0 && j < n)) throw new ValueError('Sorter index out of range.');
      sorted[i] = keys[j];
    }
    keys = sorted;
  }
  for (let i = 0; i < n; i++) keys[i] = round(keys[i]);
  const needles = V.toTypedArray();
  const out = new Float64Array(needles.length);
  for (let k = 0; k < needles.length; k++) {
    const t = round(needles[k]);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // left: move right while a[mid] < t; right: while !(t < a[mid])
      const goRight = side === 'left' ? lessNaNLast(keys[mid], t) : !lessNaNLast(t, keys[mid]);
      if (goRight) lo = mid + 1;
      else hi = mid;
    }
    out[k] = lo;
  }
  return NDArray.fromData(out, V.shape, 'int64');
}
