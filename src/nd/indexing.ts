/**
 * Indexing with NumPy's rules, in a typed form (`a.get(1, nd.slice(2, 4))`) and in NumPy's text
 * form (`a.get('1::2, ::2')`).
 *
 * - Basic indices (integers, slices, `...`, `newaxis`) give a view.
 * - Advanced indices (integer arrays, boolean masks) give a copy. All advanced indices are
 *   broadcast together to a shape B. If they sit next to each other in the index, B replaces
 *   them in place; if basic indices separate them, B goes first (NumPy's result-shape rule).
 *   Integers count as advanced indices whenever an array index is present.
 */
import { NDArray } from './ndarray.js';
import { array, asarray, type ArrayLike } from './creation.js';
import { allocate, castScalar, promoteTypes, type DType } from './dtype.js';
import { IndexError, ValueError, formatShape } from './errors.js';
import { broadcastShapes, contiguousStrides, isCContiguous, shapeSize } from './shape.js';
import { stridedCopy, stridedOffsets } from '../kernels/js/copy.js';

/** A Python-style slice `start:stop:step`; null fields take NumPy's defaults. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {
    if (step === 0) throw new ValueError('slice step cannot be zero');
  }
  /** Python's `slice.indices(n)`: [start, stop, step, length] clipped to a dimension of size n. */
  indices(n: number): [number, number, number, number] {
    const step = this.step ?? 1;
    const lower = step > 0 ? 0 : -1;
    const upper = step > 0 ? n : n - 1;
    const clip = (v: number | null, dflt: number): number => {
      if (v === null) return dflt;
      if (v < 0) return Math.max(v + n, lower);
      return Math.min(v, upper);
    };
    const start = clip(this.start, step > 0 ? lower : upper);
    const stop = clip(this.stop, step > 0 ? upper : lower);
    const len =
      step > 0
        ? stop > start
          ? Math.ceil((stop - start) / step)
          : 0
        : start > stop
          ? Math.ceil((start - stop) / -step)
          : 0;
    return [start, stop, step, len];
  }
  toString(): string {
    const f = (v: number | null): string => (v === null ? '' : String(v));
    return this.step === null
      ? `${f(this.start)}:${f(this.stop)}`
      : `${f(this.start)}:${f(this.stop)}:${f(this.step)}`;
  }
}

/** `nd.slice(start, stop, step)` — NumPy's `start:stop:step`. `nd.slice()` is `:`. */
export function slice(
  start: number | null = null,
  stop: number | null = null,
  step: number | null = null,
): Slice {
  return new Slice(start, stop, step);
}

/** NumPy's `np.newaxis` (`None`): inserts an axis of length 1. */
export const newaxis = null;
/** NumPy's `...`: as many full slices as needed. */
export const ellipsis = '...';

type NestedIndex = number | boolean | readonly NestedIndex[];
/**
 * One index item: an integer, a `Slice`, `newaxis` (null), `ellipsis` ('...'), an integer or
 * boolean NDArray, a (nested) JS list of integers or booleans, or a text index like '1::2, ::2'.
 */
export type IndexItem = number | Slice | null | string | NDArray | readonly NestedIndex[];

type Entry =
  { kind: 'int'; v: number } | { kind: 'slice'; s: Slice } | { kind: 'new' } | { kind: 'arr'; a: NDArray };

// ------------------------------------------------------------------ text form

/** Parses NumPy's index text (`'1::2, ::2'`, `'..., None'`, `'[0, 2], -1'`) into index items. */
export function parseIndex(text: string): IndexItem[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  if (parts.length > 1 && parts[parts.length - 1].trim() === '') parts.pop(); // trailing comma: '1,'
  const intOrNull = (t: string, whole: string): number | null => {
    const x = t.trim();
    if (x === '' || x === 'None') return null;
    if (!/^[+-]?\d+$/.test(x)) throw new IndexError(`invalid index expression '${whole.trim()}'`);
    return Number(x);
  };
  return parts.map((raw): IndexItem => {
    const p = raw.trim();
    if (p === '...' || p === 'Ellipsis') return ellipsis;
    if (p === 'None' || p === 'newaxis' || p === 'np.newaxis') return newaxis;
    if (p.startsWith('[')) {
      try {
        return JSON.parse(p.replace(/True/g, 'true').replace(/False/g, 'false')) as NestedIndex[];
      } catch {
        throw new IndexError(`invalid index expression '${p}'`);
      }
    }
    if (p.includes(':')) {
      const f = p.split(':');
      if (f.length > 3) throw new IndexError(`invalid index expression '${p}'`);
      return new Slice(intOrNull(f[0], p), intOrNull(f[1], p), f.length === 3 ? intOrNull(f[2], p) : null);
    }
    const v = intOrNull(p, p);
    if (v === null) throw new IndexError(`invalid index expression '${raw}'`);
    return v;
  });
}

// ------------------------------------------------------------------ normalisation

function toIndexArray(x: NDArray | readonly NestedIndex[]): NDArray {
  const a = x instanceof NDArray ? x : array(x as never);
  if (a.dtype === 'float32' || a.dtype === 'float64') {
    if (a.size === 0 && !(x instanceof NDArray)) return a.astype('int64'); // [] indexes nothing
    throw new IndexError('arrays used as indices must be of integer (or boolean) type');
  }
  return a;
}

/** Turns user index items into entries: ellipsis expanded, masks turned into integer arrays. */
function normalize(a: NDArray, items: readonly IndexItem[]): Entry[] {
  const flat: (Exclude<IndexItem, string> | typeof ELLIPSIS)[] = [];
  for (const it of items) {
    if (typeof it === 'string') {
      for (const p of parseIndex(it))
        flat.push(p === ellipsis ? ELLIPSIS : (p as Exclude<IndexItem, string>));
    } else flat.push(it);
  }
  // count the dimensions consumed
  let consumed = 0;
  let nEllipsis = 0;
  const arrays = new Map<number, NDArray>();
  flat.forEach((it, i) => {
    if (it === ELLIPSIS) nEllipsis++;
    else if (it === null) return;
    else if (typeof it === 'number' || it instanceof Slice) consumed++;
    else {
      if (typeof it === 'boolean')
        throw new IndexError('boolean scalar indices are not supported; use a mask array');
      const arr = toIndexArray(it as NDArray | NestedIndex[]);
      arrays.set(i, arr);
      consumed += arr.dtype === 'bool' ? Math.max(arr.ndim, 1) : 1;
    }
  });
  if (nEllipsis > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  if (consumed > a.ndim) {
    throw new IndexError(
      `too many indices for array: array is ${a.ndim}-dimensional, but ${consumed} were indexed`,
    );
  }
  const entries: Entry[] = [];
  let dim = 0;
  flat.forEach((it, i) => {
    if (it === ELLIPSIS) {
      for (let k = 0; k < a.ndim - consumed; k++) {
        entries.push({ kind: 'slice', s: FULL });
        dim++;
      }
    } else if (it === null) entries.push({ kind: 'new' });
    else if (typeof it === 'number') {
      if (!Number.isInteger(it))
        throw new IndexError(
          `only integers, slices (\`:\`), ellipsis (\`...\`), numpy.newaxis (\`None\`) and integer or boolean arrays are valid indices`,
        );
      entries.push({ kind: 'int', v: it });
      dim++;
    } else if (it instanceof Slice) {
      entries.push({ kind: 'slice', s: it });
      dim++;
    } else {
      const arr = arrays.get(i)!;
      if (arr.dtype === 'bool') {
        const k = Math.max(arr.ndim, 1);
        for (let j = 0; j < arr.ndim; j++) {
          if (arr.shape[j] !== a.shape[dim + j]) {
            throw new IndexError(
              `boolean index did not match indexed array along axis ${dim + j}; size of axis is ${a.shape[dim + j]} but size of corresponding boolean axis is ${arr.shape[j]}`,
            );
          }
        }
        for (const nz of nonzero(arr)) entries.push({ kind: 'arr', a: nz });
        dim += k;
      } else {
        entries.push({ kind: 'arr', a: arr });
        dim++;
      }
    }
  });
  while (dim < a.ndim) {
    entries.push({ kind: 'slice', s: FULL });
    dim++;
  }
  return entries;
}
const ELLIPSIS = Symbol('...');
const FULL = new Slice();

function checkBound(i: number, n: number, axis: number): number {
  if (i < -n || i >= n) throw new IndexError(`index ${i} is out of bounds for axis ${axis} with size ${n}`);
  return i < 0 ? i + n : i;
}

interface Plan {
  /** The view for basic indexing (no advanced entries). */
  view?: NDArray;
  /** For advanced indexing: result shape and the data offset of each result element (C order). */
  shape?: number[];
  offsets?: Int32Array | Float64Array;
}

/** Works out where each indexed element lives. */
function plan(a: NDArray, items: readonly IndexItem[]): Plan {
  const entries = normalize(a, items);
  const hasArr = entries.some((e) => e.kind === 'arr');
  // walk the basic entries; in advanced mode integers become 0-d index arrays
  let offset = a.offset;
  const subShape: number[] = [];
  const subStrides: number[] = [];
  const advPos: number[] = []; // positions (in entries) of advanced entries
  const advArrays: NDArray[] = [];
  const advDims: number[] = [];
  let splitAt = -1; // number of subspace dims before the advanced block
  let dim = 0;
  entries.forEach((e, pos) => {
    if (e.kind === 'new') {
      subShape.push(1);
      subStrides.push(0);
    } else if (e.kind === 'slice') {
      const [start, , step, len] = e.s.indices(a.shape[dim]);
      if (len > 0) offset += start * a.strides[dim];
      subShape.push(len);
      subStrides.push(step * a.strides[dim]);
      dim++;
    } else if (e.kind === 'int' && !hasArr) {
      offset += checkBound(e.v, a.shape[dim], dim) * a.strides[dim];
      dim++;
    } else {
      if (splitAt < 0) splitAt = subShape.length;
      advPos.push(pos);
      advArrays.push(e.kind === 'int' ? array(e.v) : e.a);
      advDims.push(dim);
      dim++;
    }
  });
  if (!hasArr)
    return { view: new NDArray(a.data, subShape, subStrides, offset, a.dtype, a.base ?? a, a.writeable) };

  // advanced: broadcast the index arrays, compute each combination's offset
  let B: number[];
  try {
    B = broadcastShapes(...advArrays.map((x) => x.shape));
  } catch {
    throw new IndexError(
      `shape mismatch: indexing arrays could not be broadcast together with shapes ${advArrays.map((x) => formatShape(x.shape)).join(' ')}`,
    );
  }
  const nB = shapeSize(B);
  const table = new Float64Array(nB);
  for (let k = 0; k < advArrays.length; k++) {
    const idx = advArrays[k].broadcastTo(B).astype('float64').data;
    const ax = advDims[k];
    const n = a.shape[ax];
    const st = a.strides[ax];
    for (let j = 0; j < nB; j++) table[j] += checkBound(idx[j], n, ax) * st;
  }
  const adjacent = advPos.every((p, i) => i === 0 || p === advPos[i - 1] + 1);
  const pre = adjacent ? splitAt : 0;
  const preShape = subShape.slice(0, pre);
  const postShape = subShape.slice(pre);
  const preOff = stridedOffsets(preShape, 0, subStrides.slice(0, pre));
  const postOff = stridedOffsets(postShape, 0, subStrides.slice(pre));
  const shape = [...preShape, ...B, ...postShape];
  const total = preOff.length * nB * postOff.length;
  const offsets = total < 2 ** 31 ? new Int32Array(total) : new Float64Array(total);
  let k = 0;
  for (let p = 0; p < preOff.length; p++) {
    for (let b = 0; b < nB; b++) {
      const base = offset + preOff[p] + table[b];
      for (let q = 0; q < postOff.length; q++) offsets[k++] = base + postOff[q];
    }
  }
  return { shape, offsets };
}

/**
 * `a[idx]` for one integer index array over axis 0 when a's rows are contiguous (a batch of
 * samples picked by index): each row is one block copy. Null when the fast path does not apply.
 */
function takeRows(a: NDArray, items: readonly IndexItem[]): NDArray | null {
  const idx = items.length === 1 ? items[0] : null;
  if (!(idx instanceof NDArray) || a.ndim === 0 || idx.dtype === 'bool') return null;
  if (idx.dtype === 'float32' || idx.dtype === 'float64') return null; // plan() raises the error
  const rowShape = a.shape.slice(1);
  if (!isCContiguous(rowShape, a.strides.slice(1))) return null;
  const rowLen = shapeSize(rowShape);
  const picks = idx.astype('float64').toTypedArray();
  const n = a.shape[0];
  const out = allocate(a.dtype, picks.length * rowLen);
  const src = a.data;
  for (let j = 0; j < picks.length; j++) {
    const start = a.offset + checkBound(picks[j], n, 0) * a.strides[0];
    if (rowLen === 1) out[j] = src[start];
    else out.set(src.subarray(start, start + rowLen) as never, j * rowLen);
  }
  return NDArray.fromData(out, [...idx.shape, ...rowShape], a.dtype);
}

/** `a[index]` */
export function getItem(a: NDArray, items: readonly IndexItem[]): NDArray {
  const rows = takeRows(a, items);
  if (rows) return rows;
  const p = plan(a, items);
  if (p.view) return p.view;
  const out = allocate(a.dtype, p.offsets!.length);
  const src = a.data;
  const offs = p.offsets!;
  for (let i = 0; i < offs.length; i++) out[i] = src[offs[i]];
  return NDArray.fromData(out, p.shape!, a.dtype);
}

function checkWriteable(a: NDArray): void {
  if (!a.writeable) throw new ValueError('assignment destination is read-only');
}

/** Values broadcast to `shape` and converted to `dtype`, as a contiguous array. */
function valuesFor(value: ArrayLike, shape: readonly number[], dtype: DType): NDArray {
  const v = value instanceof NDArray ? value : asarray(value);
  let b: NDArray;
  try {
    b = v.broadcastTo(shape);
  } catch {
    throw new ValueError(
      `could not broadcast input array from shape ${formatShape(v.shape)} into shape ${formatShape(shape)}`,
    );
  }
  return b.astype(dtype);
}

/** `a[index] = value` (NumPy's unsafe casting: floats written into integer arrays truncate). */
export function setItem(a: NDArray, items: readonly IndexItem[], value: ArrayLike): void {
  checkWriteable(a);
  const p = plan(a, items);
  if (p.view) {
    const t = p.view;
    if (typeof value === 'number' || typeof value === 'boolean') {
      const v = castScalar(a.dtype, Number(value));
      const tmp = allocate(a.dtype, 1);
      tmp[0] = v;
      stridedCopy(
        t.shape,
        tmp,
        0,
        t.shape.map(() => 0),
        t.data,
        t.offset,
        t.strides,
      );
      return;
    }
    const v = valuesFor(value, t.shape, a.dtype);
    stridedCopy(t.shape, v.data, 0, contiguousStrides(t.shape), t.data, t.offset, t.strides);
    return;
  }
  const v = valuesFor(value, p.shape!, a.dtype).data;
  const offs = p.offsets!;
  const dst = a.data;
  for (let i = 0; i < offs.length; i++) dst[offs[i]] = v[i]; // repeated indices: last write wins
}

/**
 * NumPy's `np.add.at(a, indices, b)`: unbuffered `a[indices] += b`, so repeated indices
 * accumulate. `indices` is one index item or a tuple (JS array) of items.
 */
export function addAt(a: NDArray, indices: IndexItem | readonly IndexItem[], b: ArrayLike): void {
  checkWriteable(a);
  const items =
    Array.isArray(indices) && !(indices.length > 0 && typeof indices[0] === 'number')
      ? (indices as IndexItem[])
      : [indices as IndexItem];
  const p = plan(a, items);
  const shape = p.view ? p.view.shape : p.shape!;
  const offs = p.view ? stridedOffsets(p.view.shape, p.view.offset, p.view.strides) : p.offsets!;
  const bv = asarray(b);
  const vals = valuesFor(bv, shape, promoteTypes(a.dtype, bv.dtype)).data;
  const dst = a.data;
  for (let i = 0; i < offs.length; i++) dst[offs[i]] = castScalar(a.dtype, dst[offs[i]] + vals[i]);
}

/** Indices of the non-zero elements: one int64 array per dimension (NumPy's `nonzero`). */
export function nonzero(a: NDArray): NDArray[] {
  const nd = Math.max(a.ndim, 1);
  const shape = a.ndim === 0 ? [1] : a.shape;
  const offs = stridedOffsets(shape, a.offset, a.ndim === 0 ? [0] : a.strides);
  const data = a.data;
  let count = 0;
  for (let i = 0; i < offs.length; i++) if (data[offs[i]] !== 0) count++;
  const out = Array.from({ length: nd }, () => new Float64Array(count));
  let k = 0;
  for (let i = 0; i < offs.length; i++) {
    if (data[offs[i]] === 0) continue;
    let r = i;
    for (let d = nd - 1; d >= 0; d--) {
      out[d][k] = r % shape[d];
      r = Math.floor(r / shape[d]);
    }
    k++;
  }
  return out.map((o) => NDArray.fromData(o, [count], 'int64'));
}

/** `np.where(cond)`: same as `nonzero`. `np.where(cond, x, y)`: x where cond is true, else y. */
export function where(cond: ArrayLike): NDArray[];
export function where(cond: ArrayLike, x: ArrayLike, y: ArrayLike): NDArray;
export function where(cond: ArrayLike, x?: ArrayLike, y?: ArrayLike): NDArray | NDArray[] {
  const c = asarray(cond);
  if (x === undefined || y === undefined) return nonzero(c);
  const xa = asarray(x);
  const ya = asarray(y);
  const dt =
    typeof x === 'number' && typeof y !== 'number'
      ? ya.dtype
      : typeof y === 'number' && typeof x !== 'number'
        ? xa.dtype
        : promoteTypes(xa.dtype, ya.dtype);
  const shape = broadcastShapes(c.shape, xa.shape, ya.shape);
  const cv = c.broadcastTo(shape).astype('bool').data;
  const xv = xa.broadcastTo(shape).astype(dt).data;
  const yv = ya.broadcastTo(shape).astype(dt).data;
  const out = allocate(dt, cv.length);
  for (let i = 0; i < cv.length; i++) out[i] = cv[i] ? xv[i] : yv[i];
  return NDArray.fromData(out, shape, dt);
}

/** `np.take(a, indices, axis)`: along an axis, or on the flattened array when axis is omitted. */
export function take(a: NDArray, indices: ArrayLike, opts: { axis?: number } = {}): NDArray {
  const ind = toIndexArray(asarray(indices));
  if (opts.axis === undefined) return getItem(a.ravel(), [ind]);
  const ax = opts.axis < 0 ? opts.axis + a.ndim : opts.axis;
  if (ax < 0 || ax >= a.ndim)
    throw new ValueError(`take: axis ${opts.axis} is out of bounds for array of dimension ${a.ndim}`);
  const items: IndexItem[] = Array.from({ length: ax }, () => FULL);
  items.push(ind);
  return getItem(a, items);
}

/** `np.put(a, indices, values)`: flat-index writes; values repeat if shorter. */
export function put(a: NDArray, indices: ArrayLike, values: ArrayLike): void {
  checkWriteable(a);
  const ind = asarray(indices).astype('float64').data;
  const vals = asarray(values).astype(a.dtype).ravel().data;
  if (vals.length === 0) return;
  const offs = stridedOffsets(a.shape, a.offset, a.strides);
  const n = offs.length;
  for (let i = 0; i < ind.length; i++) {
    const k = checkBound(ind[i], n, 0);
    a.data[offs[k]] = vals[i % vals.length];
  }
}

/** `np.ix_`: open mesh from 1-D sequences, for `a.get(...nd.ix_([0, 1], [2, 4]))`. */
export function ix_(...seqs: ArrayLike[]): NDArray[] {
  const n = seqs.length;
  return seqs.map((s, i) => {
    let arr = asarray(s);
    if (arr.ndim !== 1) throw new ValueError('Cross index must be 1 dimensional');
    if (arr.dtype === 'bool') arr = nonzero(arr)[0];
    const shape = Array.from({ length: n }, (_, k) => (k === i ? arr.shape[0] : 1));
    return arr.reshape(shape);
  });
}

/**
 * `a.flat`: the array seen as 1-D in C order, for reading and writing through a non-contiguous
 * array too. `a.flat.get(3)`, `a.flat.get(nd.slice(0, 4))`, `a.flat.set([[1, 3]], 0)`.
 */
export class FlatIter {
  constructor(readonly base: NDArray) {}
  get length(): number {
    return this.base.size;
  }
  private positions(): NDArray {
    const offs = stridedOffsets(this.base.shape, this.base.offset, this.base.strides);
    return NDArray.fromData(Float64Array.from(offs), [offs.length], 'int64');
  }
  /** Reads: an integer gives a 0-d array; slices, integer arrays and masks give 1-D copies. */
  get(index: IndexItem): NDArray {
    const pos = getItem(this.positions(), [index]).copy();
    const p = pos.data;
    const out = allocate(this.base.dtype, p.length);
    for (let i = 0; i < p.length; i++) out[i] = this.base.data[p[i]];
    return NDArray.fromData(out, pos.shape, this.base.dtype);
  }
  /** Writes through to the underlying array. */
  set(index: IndexItem, value: ArrayLike): void {
    checkWriteable(this.base);
    const pos = getItem(this.positions(), [index]).copy();
    const v = valuesFor(value, pos.shape, this.base.dtype).data;
    const p = pos.data;
    for (let i = 0; i < p.length; i++) this.base.data[p[i]] = v[i];
  }
  *[Symbol.iterator](): Iterator<number | boolean> {
    const offs = stridedOffsets(this.base.shape, this.base.offset, this.base.strides);
    const isBool = this.base.dtype === 'bool';
    for (let i = 0; i < offs.length; i++) {
      const v = this.base.data[offs[i]];
      yield isBool ? v !== 0 : v;
    }
  }
}
