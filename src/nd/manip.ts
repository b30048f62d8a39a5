/**
 * Shape manipulation that builds new arrays or new views from existing ones: joining
 * (`concatenate`, `stack`, `vstack`, `hstack`, `dstack`, `columnStack`), splitting (`split`,
 * `arraySplit`), repeating (`tile`, `repeat`), rearranging (`flip`, `fliplr`, `flipud`, `roll`),
 * padding (`pad`), and the small helpers `atleast1d/2d/3d`, `ascontiguousarray`, `copyto`.
 *
 * Views versus copies follow NumPy: `split`/`arraySplit` pieces, `flip*` and `atleast*d` are views
 * that share memory with their input; everything else returns a new array.
 *
 * Where NumPy takes the axis as the second/third positional argument (`np.concatenate(xs, 1)`,
 * `np.flip(a, 0)`, `np.roll(a, 2, 1)`), the axis may be given as a bare number or inside the
 * trailing options object: `nd.concatenate([a, b], 1)` equals `nd.concatenate([a, b], { axis: 1 })`.
 */
import { NDArray } from './ndarray.js';
import { asarray, type ArrayLike, type DTypeLike } from './creation.js';
import {
  allocate,
  canCastSafe,
  canCastSameKind,
  castScalar,
  dtypeOfScalar,
  resultType,
  toDType,
  type DType,
} from './dtype.js';
import { DTypeError, ShapeError, ValueError, formatShape } from './errors.js';
import { Slice } from './indexing.js';
import {
  broadcastShapes,
  broadcastStrides,
  isCContiguous,
  normalizeAxes,
  normalizeAxis,
  shapeSize,
} from './shape.js';
import { expandDims, ravel } from './views.js';
import { stridedCopy, stridedFill, stridedOffsets } from '../kernels/js/copy.js';

// ------------------------------------------------------------------ helpers

/** An axis given bare (`1`, `null`) or as `{ axis }`. */
type AxisArg<O> = number | null | (O & { axis?: number | null });

function splitAxisArg<O extends object>(
  arg: AxisArg<O> | undefined,
  dflt: number | null,
): [number | null, Partial<O>] {
  if (arg === undefined) return [dflt, {}];
  if (arg === null || typeof arg === 'number') return [arg, {}];
  const { axis, ...rest } = arg as O & { axis?: number | null };
  return [axis === undefined ? dflt : axis, rest as unknown as Partial<O>];
}

/** A view of `a` restricted to `[start, stop)` along `axis` (no bounds checks). */
function sliceAxis(a: NDArray, axis: number, start: number, stop: number): NDArray {
  const shape = [...a.shape];
  shape[axis] = Math.max(0, stop - start);
  const off = shape[axis] > 0 ? a.offset + start * a.strides[axis] : a.offset;
  return new NDArray(a.data, shape, a.strides, off, a.dtype, a.base ?? a, a.writeable);
}

/** A view of `a` restricted to `ranges[d] = [start, stop)` on every axis. */
function sliceBox(a: NDArray, ranges: readonly (readonly [number, number])[]): NDArray {
  let off = a.offset;
  const shape = ranges.map(([s, e], d) => {
    const n = Math.max(0, e - s);
    if (n > 0) off += s * a.strides[d];
    return n;
  });
  return new NDArray(a.data, shape, a.strides, off, a.dtype, a.base ?? a, a.writeable);
}

/** dst[...] = src, with src broadcast to dst's shape and converted to dst's dtype. */
function assignInto(dst: NDArray, src: NDArray): void {
  if (dst.size === 0) return;
  let s = src.dtype === dst.dtype ? src : src.astype(dst.dtype);
  if (s.data === dst.data && s !== dst) s = s.copy(); // overlapping memory: read from a copy
  stridedCopy(
    dst.shape,
    s.data,
    s.offset,
    broadcastStrides(s.shape, s.strides, dst.shape),
    dst.data,
    dst.offset,
    dst.strides,
  );
}

function newArray(shape: readonly number[], dtype: DType): NDArray {
  return NDArray.fromData(allocate(dtype, shapeSize(shape)), shape, dtype);
}

function castError(from: DType, to: DType, rule: string): DTypeError {
  return new DTypeError(
    `Cannot cast array data from dtype('${from}') to dtype('${to}') according to the rule '${rule}'`,
  );
}

// ------------------------------------------------------------------ joining

export interface ConcatenateOptions {
  /** Axis to join along (default 0); `null` flattens every input first. */
  axis?: number | null;
  /** Result dtype; every input must cast to it with NumPy's 'same_kind' rule. */
  dtype?: DTypeLike;
}

/**
 * Joins arrays along an existing axis (NumPy's `np.concatenate`). The result dtype is the
 * promotion of the inputs' dtypes (`int64` with `float64` → `float64`) unless `dtype` is given.
 *
 * ```ts
 * nd.concatenate([nd.ones([2, 2]), nd.zeros([1, 2])]);        // shape (3, 2)
 * nd.concatenate([a, b], { axis: 1 });                          // or nd.concatenate([a, b], 1)
 * nd.concatenate([a, b], { axis: null });                       // both flattened, then joined
 * ```
 * @throws ValueError for no inputs, 0-d inputs or an axis out of bounds; ShapeError when the
 *   dimensions other than `axis` differ (NumPy's "all the input array dimensions except for the
 *   concatenation axis must match exactly, …").
 */
export function concatenate(arrays: readonly ArrayLike[], axisOrOpts?: AxisArg<ConcatenateOptions>): NDArray {
  const [axisArg, opts] = splitAxisArg<ConcatenateOptions>(axisOrOpts, 0);
  if (arrays.length === 0) throw new ValueError('need at least one array to concatenate');
  let arrs = arrays.map((x) => asarray(x));
  let axis = axisArg;
  if (axis === null) {
    arrs = arrs.map((a) => ravel(a));
    axis = 0;
  }
  const nd0 = arrs[0].ndim;
  if (nd0 === 0) throw new ValueError('zero-dimensional arrays cannot be concatenated');
  const ax = normalizeAxis(axis, nd0, 'concatenate');
  const first = arrs[0].shape;
  const outShape = [...first];
  outShape[ax] = 0;
  arrs.forEach((a, i) => {
    if (a.ndim !== nd0) {
      throw new ShapeError(
        `all the input arrays must have same number of dimensions, but the array at index 0 has ${nd0} dimension(s) and the array at index ${i} has ${a.ndim} dimension(s)`,
      );
    }
    for (let d = 0; d < nd0; d++) {
      if (d !== ax && a.shape[d] !== first[d]) {
        throw new ShapeError(
          `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${d}, the array at index 0 has size ${first[d]} and the array at index ${i} has size ${a.shape[d]}`,
        );
      }
    }
    outShape[ax] += a.shape[ax];
  });
  let dtype: DType;
  if (opts.dtype !== undefined) {
    dtype = toDType(opts.dtype);
    for (const a of arrs) if (!canCastSameKind(a.dtype, dtype)) throw castError(a.dtype, dtype, 'same_kind');
  } else dtype = resultType(...arrs.map((a) => a.dtype));
  const out = newArray(outShape, dtype);
  let pos = 0;
  for (const a of arrs) {
    const n = a.shape[ax];
    assignInto(sliceAxis(out, ax, pos, pos + n), a);
    pos += n;
  }
  return out;
}

export interface StackOptions {
  /** Position of the new axis in the result (default 0; may be negative). */
  axis?: number;
  dtype?: DTypeLike;
}

/**
 * Joins arrays of the same shape along a NEW axis (NumPy's `np.stack`): n arrays of shape S give
 * shape S with n inserted at `axis`.
 * @throws ValueError for no inputs; ShapeError "all input arrays must have the same shape".
 */
export function stack(arrays: readonly ArrayLike[], axisOrOpts?: number | StackOptions): NDArray {
  const opts: StackOptions = typeof axisOrOpts === 'number' ? { axis: axisOrOpts } : (axisOrOpts ?? {});
  if (arrays.length === 0) throw new ValueError('need at least one array to stack');
  const arrs = arrays.map((x) => asarray(x));
  const s0 = arrs[0].shape;
  for (const a of arrs) {
    if (a.ndim !== s0.length || a.shape.some((d, i) => d !== s0[i])) {
      throw new ShapeError('all input arrays must have the same shape');
    }
  }
  const ax = normalizeAxis(opts.axis ?? 0, s0.length + 1, 'stack');
  return concatenate(
    arrs.map((a) => expandDims(a, ax)),
    { axis: ax, dtype: opts.dtype },
  );
}

/** Options of `vstack`, `hstack`, `dstack`, `columnStack`. */
export interface JoinOptions {
  dtype?: DTypeLike;
}

/**
 * Stacks row-wise (NumPy's `np.vstack`): 1-D arrays of length N become rows (1, N), then all are
 * joined along axis 0. `vstack([[1, 2, 3], [4, 5, 6]])` has shape (2, 3).
 */
export function vstack(arrays: readonly ArrayLike[], opts: JoinOptions = {}): NDArray {
  return concatenate(
    arrays.map((a) => atleast2d(a)),
    { axis: 0, dtype: opts.dtype },
  );
}

/**
 * Stacks column-wise (NumPy's `np.hstack`): 1-D inputs are joined end to end (axis 0), others
 * along axis 1.
 */
export function hstack(arrays: readonly ArrayLike[], opts: JoinOptions = {}): NDArray {
  const arrs = arrays.map((a) => atleast1d(a));
  const axis = arrs.length > 0 && arrs[0].ndim === 1 ? 0 : 1;
  return concatenate(arrs, { axis, dtype: opts.dtype });
}

/**
 * Stacks along the third axis (NumPy's `np.dstack`): (N,) becomes (1, N, 1) and (M, N) becomes
 * (M, N, 1) before joining along axis 2.
 */
export function dstack(arrays: readonly ArrayLike[], opts: JoinOptions = {}): NDArray {
  return concatenate(
    arrays.map((a) => atleast3d(a)),
    { axis: 2, dtype: opts.dtype },
  );
}

/**
 * Stacks 1-D arrays as the columns of a 2-D array (NumPy's `np.column_stack`); 2-D inputs are
 * joined along axis 1 as they are.
 */
export function columnStack(arrays: readonly ArrayLike[], opts: JoinOptions = {}): NDArray {
  const arrs = arrays.map((x) => {
    const a = asarray(x);
    if (a.ndim === 0) return a.reshape(1, 1);
    if (a.ndim === 1) return a.reshape(a.shape[0], 1);
    return a;
  });
  return concatenate(arrs, { axis: 1, dtype: opts.dtype });
}

// ------------------------------------------------------------------ splitting

/** Options of `split` / `arraySplit`. */
export interface SplitOptions {
  /** Axis to split along (default 0). */
  axis?: number;
}

function splitPoints(n: number, indicesOrSections: number | ArrayLike): number[] {
  if (typeof indicesOrSections === 'number') {
    const sections = indicesOrSections;
    if (!Number.isInteger(sections) || sections <= 0) {
      throw new ValueError('number sections must be larger than 0.');
    }
    const each = Math.floor(n / sections);
    const extras = n % sections;
    const points = [0];
    for (let i = 0; i < sections; i++) points.push(points[i] + (i < extras ? each + 1 : each));
    return points;
  }
  const idx = asarray(indicesOrSections);
  if (idx.dtype === 'float32' || idx.dtype === 'float64') {
    if (idx.size > 0) throw new DTypeError('split: indices must be integers');
  }
  return [0, ...Array.from(idx.ravel().toTypedArray(), Number), n];
}

/**
 * Splits an array into pieces along `axis` (NumPy's `np.array_split`); the pieces are views.
 * A number `k` makes k pieces, the first `n % k` of them one element longer; a list of indices
 * cuts before each index (`[2, 3]` gives `a[:2]`, `a[2:3]`, `a[3:]`; Python's slice clipping).
 */
export function arraySplit(
  ary: ArrayLike,
  indicesOrSections: number | ArrayLike,
  axisOrOpts?: number | SplitOptions,
): NDArray[] {
  const a = asarray(ary);
  const axis = typeof axisOrOpts === 'number' ? axisOrOpts : (axisOrOpts?.axis ?? 0);
  const ax = normalizeAxis(axis, a.ndim, 'array_split');
  const n = a.shape[ax];
  const points = splitPoints(n, indicesOrSections);
  const out: NDArray[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, , , len] = new Slice(points[i], points[i + 1]).indices(n);
    out.push(sliceAxis(a, ax, start, start + len));
  }
  return out;
}

/**
 * Splits an array into equal pieces, or at the given indices, along `axis` (NumPy's `np.split`);
 * the pieces are views.
 * @throws ValueError "array split does not result in an equal division" when a number of sections
 *   does not divide the axis length.
 */
export function split(
  ary: ArrayLike,
  indicesOrSections: number | ArrayLike,
  axisOrOpts?: number | SplitOptions,
): NDArray[] {
  if (typeof indicesOrSections === 'number') {
    const a = asarray(ary);
    const axis = typeof axisOrOpts === 'number' ? axisOrOpts : (axisOrOpts?.axis ?? 0);
    const n = a.shape[normalizeAxis(axis, a.ndim, 'split')];
    if (indicesOrSections > 0 && n % indicesOrSections !== 0) {
      throw new ValueError('array split does not result in an equal division');
    }
  }
  return arraySplit(ary, indicesOrSections, axisOrOpts);
}

// ------------------------------------------------------------------ repeating

/**
 * Repeats the whole array `reps` times along each axis (NumPy's `np.tile`); always a copy.
 * `tile([1, 2], 2)` → [1, 2, 1, 2]; `tile([1, 2], [2, 1])` → [[1, 2], [1, 2]]. When `reps` is
 * longer than `A.ndim`, A gets leading axes of length 1; when shorter, reps gets leading 1s.
 */
export function tile(A: ArrayLike, reps: number | readonly number[]): NDArray {
  let a = asarray(A);
  let tup = typeof reps === 'number' ? [reps] : [...reps];
  for (const r of tup) {
    if (!Number.isInteger(r)) throw new DTypeError('tile: reps must be integers');
    if (r < 0) throw new ValueError('negative dimensions are not allowed');
  }
  if (a.ndim < tup.length) a = a.reshape([...Array<number>(tup.length - a.ndim).fill(1), ...a.shape]);
  if (tup.length < a.ndim) tup = [...Array<number>(a.ndim - tup.length).fill(1), ...tup];
  // Read A through a (t0, s0, t1, s1, …) view whose t-axes have stride 0, then copy it.
  const viewShape: number[] = [];
  const viewStrides: number[] = [];
  for (let d = 0; d < a.ndim; d++) {
    viewShape.push(tup[d], a.shape[d]);
    viewStrides.push(0, a.strides[d]);
  }
  const view = new NDArray(a.data, viewShape, viewStrides, a.offset, a.dtype, a.base ?? a, false);
  return NDArray.fromData(
    view.copy().data,
    a.shape.map((s, d) => s * tup[d]),
    a.dtype,
  );
}

export interface RepeatOptions {
  /** Axis to repeat along; by default the array is flattened first. */
  axis?: number | null;
}

/**
 * Repeats each element (NumPy's `np.repeat`): `repeats` is one count for all, or one count per
 * element along `axis`. `repeat([1, 2], 2)` → [1, 1, 2, 2]; `repeat([[1, 2], [3, 4]], [1, 2], 0)`
 * → [[1, 2], [3, 4], [3, 4]]. Without `axis` the input is flattened first.
 */
export function repeat(
  a: ArrayLike,
  repeats: number | ArrayLike,
  axisOrOpts?: AxisArg<RepeatOptions>,
): NDArray {
  const [axis] = splitAxisArg<RepeatOptions>(axisOrOpts, null);
  let arr = asarray(a);
  if (axis === null) arr = ravel(arr);
  const ax = axis === null ? 0 : normalizeAxis(axis, arr.ndim, 'repeat');
  const n = arr.shape[ax];
  const r = asarray(repeats);
  if (r.dtype === 'float32' || r.dtype === 'float64') throw castError(r.dtype, 'int64', 'safe');
  if (r.ndim > 1) throw new ValueError('repeat: repeats must be a scalar or a 1-D sequence');
  const counts = r.toTypedArray();
  if (r.size === 1) {
    if (counts[0] < 0) throw new ValueError('negative dimensions are not allowed');
  } else if (r.size !== n) {
    throw new ShapeError(
      `operands could not be broadcast together with shape ${formatShape([n])} ${formatShape([r.size])}`,
    );
  } else {
    for (const c of counts) if (c < 0) throw new ValueError('repeats may not contain negative values.');
  }
  const single = r.size === 1;
  const countAt = (i: number): number => counts[single ? 0 : i];
  let total = 0;
  for (let i = 0; i < n; i++) total += countAt(i);
  const outShape = [...arr.shape];
  outShape[ax] = total;
  const out = newArray(outShape, arr.dtype);
  // C order: `outer` blocks before the axis, `inner` contiguous elements after it
  const src = arr.toTypedArray();
  const inner = shapeSize(arr.shape.slice(ax + 1));
  const outer = shapeSize(arr.shape.slice(0, ax));
  const dst = out.data;
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      const start = (o * n + i) * inner;
      const c = countAt(i);
      if (inner === 1) {
        const v = src[start];
        for (let j = 0; j < c; j++) dst[k++] = v;
      } else {
        const block = src.subarray(start, start + inner);
        for (let j = 0; j < c; j++, k += inner) dst.set(block as never, k);
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ rearranging

/**
 * Reverses the order of elements along `axis` (all axes by default), NumPy's `np.flip`. The
 * result is a view with negative strides: writes through it show in `m`.
 */
export function flip(
  m: ArrayLike,
  axisOrOpts?: number | readonly number[] | null | { axis?: number | readonly number[] | null },
): NDArray {
  const a = asarray(m);
  let axis: number | readonly number[] | null | undefined;
  if (axisOrOpts === undefined || axisOrOpts === null || typeof axisOrOpts === 'number') axis = axisOrOpts;
  else if (Array.isArray(axisOrOpts)) axis = axisOrOpts as readonly number[];
  else axis = (axisOrOpts as { axis?: number | readonly number[] | null }).axis;
  const axes = normalizeAxes(axis, a.ndim, 'flip');
  const strides = [...a.strides];
  let off = a.offset;
  for (const ax of axes) {
    if (a.shape[ax] > 0) off += (a.shape[ax] - 1) * strides[ax];
    strides[ax] = -strides[ax];
  }
  return new NDArray(a.data, a.shape, strides, off, a.dtype, a.base ?? a, a.writeable);
}

/** Reverses the columns (axis 1) of an array with at least 2 dimensions; a view. */
export function fliplr(m: ArrayLike): NDArray {
  const a = asarray(m);
  if (a.ndim < 2) throw new ValueError('Input must be >= 2-d.');
  return flip(a, 1);
}

/** Reverses the rows (axis 0) of an array with at least 1 dimension; a view. */
export function flipud(m: ArrayLike): NDArray {
  const a = asarray(m);
  if (a.ndim < 1) throw new ValueError('Input must be >= 1-d.');
  return flip(a, 0);
}

export interface RollOptions {
  /** Axis or axes to roll along; by default the flattened array is rolled and reshaped back. */
  axis?: number | readonly number[] | null;
}

/**
 * Rolls elements along an axis (NumPy's `np.roll`): elements that fall off one end come back at
 * the other. `shift` and `axis` may be lists, broadcast against each other; shifts on the same
 * axis add up. Always a copy.
 */
export function roll(
  a: ArrayLike,
  shift: number | readonly number[],
  axisOrOpts?: number | readonly number[] | null | RollOptions,
): NDArray {
  const arr = asarray(a);
  let axis: number | readonly number[] | null | undefined;
  if (axisOrOpts === undefined || axisOrOpts === null || typeof axisOrOpts === 'number') axis = axisOrOpts;
  else if (Array.isArray(axisOrOpts)) axis = axisOrOpts as readonly number[];
  else axis = (axisOrOpts as RollOptions).axis;
  if (axis === undefined || axis === null) {
    return NDArray.fromData(roll(ravel(arr), shift, 0).data, arr.shape, arr.dtype);
  }
  const shifts = typeof shift === 'number' ? [shift] : [...shift];
  const axes = typeof axis === 'number' ? [axis] : [...axis];
  const sScalar = typeof shift === 'number';
  const aScalar = typeof axis === 'number';
  let n = Math.max(shifts.length, axes.length);
  if (!sScalar && !aScalar && shifts.length !== axes.length) {
    if (shifts.length !== 1 && axes.length !== 1) {
      throw new ShapeError(
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ${formatShape([shifts.length])} and arg 1 with shape ${formatShape([axes.length])}.`,
      );
    }
  }
  if ((sScalar && axes.length === 0) || (aScalar && shifts.length === 0)) n = 0;
  const total = new Array<number>(arr.ndim).fill(0);
  for (let i = 0; i < n; i++) {
    const ax = normalizeAxis(axes[axes.length === 1 ? 0 : i], arr.ndim, 'roll');
    total[ax] += shifts[shifts.length === 1 ? 0 : i];
  }
  // For each axis: one (src, dst) range pair, or two when the shift is non-zero.
  const pieces: [number, number, number, number][][] = arr.shape.map((len, ax) => {
    const size = len || 1;
    const s = ((total[ax] % size) + size) % size;
    if (s === 0) return [[0, len, 0, len]];
    return [
      [0, len - s, s, len],
      [len - s, len, 0, s],
    ];
  });
  const out = newArray(arr.shape, arr.dtype);
  const combo = new Array<number>(arr.ndim).fill(0);
  while (true) {
    const srcBox = combo.map((c, d) => [pieces[d][c][0], pieces[d][c][1]] as const);
    const dstBox = combo.map((c, d) => [pieces[d][c][2], pieces[d][c][3]] as const);
    assignInto(sliceBox(out, dstBox), sliceBox(arr, srcBox));
    let d = arr.ndim - 1;
    for (; d >= 0; d--) {
      if (++combo[d] < pieces[d].length) break;
      combo[d] = 0;
    }
    if (d < 0) break;
  }
  return out;
}

// ------------------------------------------------------------------ padding

/** Pad widths in any of NumPy's forms: `n`, `[n]`, `[before, after]`, `[[b0, a0], [b1, a1], …]`. */
export type PadWidth = number | readonly number[] | readonly (readonly number[])[] | NDArray;

export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric' | 'wrap' | 'empty';

export interface PadOptions {
  /**
   * 'constant' (default): fill with `constantValues`; 'edge': repeat the edge value; 'reflect':
   * mirror without repeating the edge ([1,2,3] → 3,2 | 1,2,3 | 2,1); 'symmetric': mirror with the
   * edge (2,1 | 1,2,3 | 3,2); 'wrap': wrap around (2,3 | 1,2,3 | 1,2); 'empty': unspecified values
   * (zeros here).
   */
  mode?: PadMode;
  /** Fill values for 'constant', in the same forms as the pad widths (default 0). */
  constantValues?: PadWidth;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** NumPy's `_as_pairs`: normalises pad widths / constant values to one (before, after) per axis. */
function asPairs(x: PadWidth, ndim: number, asIndex: boolean): [number, number][] {
  let arr = asarray(x as ArrayLike).astype('float64');
  if (asIndex) {
    const d = arr.data;
    for (let i = 0; i < d.length; i++) d[i] = roundHalfEven(d[i]);
  }
  const neg = (): never => {
    throw new ValueError("index can't contain negative values");
  };
  const vals = Array.from(arr.toTypedArray(), Number);
  if (arr.ndim < 3) {
    if (arr.size === 1) {
      if (asIndex && vals[0] < 0) neg();
      return Array.from({ length: ndim }, () => [vals[0], vals[0]]);
    }
    if (arr.size === 2 && !(arr.ndim === 2 && arr.shape[0] === 2 && arr.shape[1] === 1)) {
      if (asIndex && (vals[0] < 0 || vals[1] < 0)) neg();
      return Array.from({ length: ndim }, () => [vals[0], vals[1]]);
    }
  }
  if (asIndex && vals.some((v) => v < 0)) neg();
  arr = arr.broadcastTo([ndim, 2]);
  const out: [number, number][] = [];
  for (let i = 0; i < ndim; i++) out.push([Number(arr.item(i, 0)), Number(arr.item(i, 1))]);
  return out;
}

/** Source position in [0, n) for a pad position p (relative to the first original element). */
function padSource(mode: PadMode, p: number, n: number): number {
  switch (mode) {
    case 'edge':
      return p < 0 ? 0 : p >= n ? n - 1 : p;
    case 'wrap':
      return ((p % n) + n) % n;
    case 'symmetric': {
      const m = ((p % (2 * n)) + 2 * n) % (2 * n);
      return m < n ? m : 2 * n - 1 - m;
    }
    default: {
      // reflect; NOTE: NumPy extends a length-1 axis like 'edge' (legacy behaviour)
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const m = ((p % period) + period) % period;
      return m < n ? m : period - m;
    }
  }
}

/**
 * Pads an array (NumPy's `np.pad`). `padWidth` is `n` (n before and after on every axis),
 * `[before, after]` (the same on every axis) or one `[before, after]` per axis.
 *
 * ```ts
 * nd.pad([1, 2, 3], 2);                                   // [0, 0, 1, 2, 3, 0, 0]
 * nd.pad([1, 2, 3], [1, 2], { mode: 'reflect' });          // [2, 1, 2, 3, 2, 1]
 * nd.pad(img, [[2, 2], [2, 2]], { constantValues: 255 });
 * ```
 * Axes are padded in order, so a corner takes the value of the last axis (as in NumPy).
 * Not supported: NumPy's statistical modes ('maximum', 'mean', 'median', 'minimum'),
 * 'linear_ramp', a callable mode and `reflect_type='odd'`.
 */
export function pad(array: ArrayLike, padWidth: PadWidth, opts: PadOptions = {}): NDArray {
  const a = asarray(array);
  const mode = opts.mode ?? 'constant';
  const modes: PadMode[] = ['constant', 'edge', 'reflect', 'symmetric', 'wrap', 'empty'];
  if (!modes.includes(mode)) {
    throw new ValueError(
      `mode '${String(mode)}' is not supported (mlseries' pad supports ${modes.join(', ')})`,
    );
  }
  const nd = a.ndim;
  const pw = asPairs(padWidth, nd, true);
  const outShape = a.shape.map((n, d) => n + pw[d][0] + pw[d][1]);
  const out = newArray(outShape, a.dtype);
  const center = a.shape.map((n, d) => [pw[d][0], pw[d][0] + n] as const);
  assignInto(sliceBox(out, center), a);
  if (mode === 'empty') return out;
  if (mode === 'constant') {
    const values = asPairs(opts.constantValues ?? 0, nd, false);
    for (let ax = 0; ax < nd; ax++) {
      const before = pw[ax][0];
      const box = outShape.map((n, d) => (d <= ax ? ([0, n] as const) : center[d]));
      const fill = (start: number, stop: number, v: number): void => {
        if (stop <= start) return;
        const r = sliceAxis(sliceBox(out, box), ax, start, stop);
        stridedFill(r.shape, r.data, r.offset, r.strides, castScalar(a.dtype, v));
      };
      fill(0, before, values[ax][0]);
      fill(before + a.shape[ax], outShape[ax], values[ax][1]);
    }
    return out;
  }
  for (let ax = 0; ax < nd; ax++) {
    const [before, after] = pw[ax];
    const n = a.shape[ax];
    if (before === 0 && after === 0) continue;
    if (n === 0) {
      throw new ValueError(`can't extend empty axis ${ax} using modes other than 'constant' or 'empty'`);
    }
    // the region of interest: axes before `ax` are already padded, later ones are not yet
    const roi = sliceBox(
      out,
      outShape.map((len, d) => (d <= ax ? ([0, len] as const) : center[d])),
    );
    for (let j = 0; j < outShape[ax]; j++) {
      if (j >= before && j < before + n) continue;
      const src = before + padSource(mode, j - before, n);
      assignInto(sliceAxis(roi, ax, j, j + 1), sliceAxis(roi, ax, src, src + 1));
    }
  }
  return out;
}

// ------------------------------------------------------------------ small helpers

/** A view with at least `ndim` dimensions, NumPy's atleast_Nd placement of the new axes. */
function atleast(a: NDArray, ndim: 1 | 2 | 3): NDArray {
  if (a.ndim >= ndim) return a;
  if (a.ndim === 0) return a.reshape(Array<number>(ndim).fill(1));
  if (ndim === 2) return a.reshape(1, a.shape[0]); // (N,) → (1, N)
  return a.ndim === 1 ? a.reshape(1, a.shape[0], 1) : a.reshape(a.shape[0], a.shape[1], 1);
}

/** Views the input with at least 1 dimension (a 0-d array becomes shape (1,)). */
export function atleast1d(a: ArrayLike): NDArray;
export function atleast1d(...arys: ArrayLike[]): NDArray[];
export function atleast1d(...arys: ArrayLike[]): NDArray | NDArray[] {
  const out = arys.map((x) => atleast(asarray(x), 1));
  return out.length === 1 ? out[0] : out;
}

/** Views the input with at least 2 dimensions: (N,) → (1, N), 0-d → (1, 1). */
export function atleast2d(a: ArrayLike): NDArray;
export function atleast2d(...arys: ArrayLike[]): NDArray[];
export function atleast2d(...arys: ArrayLike[]): NDArray | NDArray[] {
  const out = arys.map((x) => atleast(asarray(x), 2));
  return out.length === 1 ? out[0] : out;
}

/** Views the input with at least 3 dimensions: (N,) → (1, N, 1), (M, N) → (M, N, 1). */
export function atleast3d(a: ArrayLike): NDArray;
export function atleast3d(...arys: ArrayLike[]): NDArray[];
export function atleast3d(...arys: ArrayLike[]): NDArray | NDArray[] {
  const out = arys.map((x) => atleast(asarray(x), 3));
  return out.length === 1 ? out[0] : out;
}

/**
 * A C-contiguous array with the values of `a` (NumPy's `np.ascontiguousarray`): `a` itself when
 * it already is C-contiguous (and of the requested dtype), else a copy. Like NumPy 2, a 0-d
 * input gives shape (1,).
 */
export function ascontiguousarray(a: ArrayLike, opts: { dtype?: DTypeLike } = {}): NDArray {
  let arr = asarray(a);
  if (arr.ndim === 0) arr = arr.reshape(1);
  const dtype = opts.dtype === undefined ? arr.dtype : toDType(opts.dtype);
  if (dtype === arr.dtype && isCContiguous(arr.shape, arr.strides)) return arr;
  return dtype === arr.dtype ? arr.copy() : arr.astype(dtype);
}

export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';

export interface CopytoOptions {
  /** Which conversions are allowed (default 'same_kind': no float → int, no int → bool). */
  casting?: Casting;
  /** Copy only where this boolean mask (broadcast to dst's shape) is true. */
  where?: ArrayLike;
}

/**
 * Copies `src` into `dst` in place, broadcasting `src` (NumPy's `np.copyto`).
 * @throws DTypeError when the dtypes break the `casting` rule; ValueError for a read-only `dst`
 *   or shapes that do not broadcast.
 */
export function copyto(dst: NDArray, src: ArrayLike, opts: CopytoOptions = {}): void {
  if (!dst.writeable) throw new ValueError('assignment destination is read-only');
  const casting = opts.casting ?? 'same_kind';
  const s = asarray(src);
  const from = typeof src === 'number' || typeof src === 'boolean' ? dtypeOfScalar(src) : s.dtype;
  const ok =
    casting === 'unsafe' ||
    (casting === 'same_kind' && canCastSameKind(from, dst.dtype)) ||
    (casting === 'safe' && canCastSafe(from, dst.dtype)) ||
    from === dst.dtype;
  if (!ok) throw castError(from, dst.dtype, casting);
  try {
    broadcastShapes(s.shape, dst.shape);
  } catch {
    throw new ValueError(
      `could not broadcast input array from shape ${formatShape(s.shape)} into shape ${formatShape(dst.shape)}`,
    );
  }
  const bs = s.broadcastTo(dst.shape);
  if (opts.where === undefined) {
    assignInto(dst, bs);
    return;
  }
  const mask = asarray(opts.where).broadcastTo(dst.shape).astype('bool').data;
  const vals = bs.astype(dst.dtype).data;
  const offs = stridedOffsets(dst.shape, dst.offset, dst.strides);
  for (let i = 0; i < offs.length; i++) if (mask[i]) dst.data[offs[i]] = vals[i];
}
