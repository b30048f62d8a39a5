/**
 * Creating arrays: from JS values (`array`, `asarray`), filled (`zeros`, `ones`, `full`, `empty`
 * and their `*Like`), and ranges (`arange`, `linspace`, `logspace`).
 */
import { NDArray, type NestedArray } from './ndarray.js';
import {
  DTYPE_INFO,
  allocate,
  castScalar,
  dtypeOfTypedArray,
  toDType,
  type DType,
  type TypedArray,
} from './dtype.js';
import { ValueError, formatShape } from './errors.js';
import { checkShape, shapeSize } from './shape.js';

/** Anything `nd.array` accepts: an NDArray, a number/boolean, nested lists, a typed array. */
export type ArrayLike = NDArray | number | boolean | TypedArray | readonly ArrayLikeElement[];
type ArrayLikeElement = number | boolean | NDArray | readonly ArrayLikeElement[];

/** A dtype given by name ('float32', 'f4', 'int', …). */
export type DTypeLike = DType | string;

export interface ArrayOptions {
  dtype?: DTypeLike;
}

function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/**
 * `nd.array(values, { dtype })`: a new array (always a copy) from nested lists, a typed array,
 * a scalar or another NDArray. Without dtype: booleans → bool, integers → int64, any other
 * number → float64, a typed array keeps its own type.
 */
export function array(values: ArrayLike, opts: ArrayOptions = {}): NDArray {
  const want = opts.dtype === undefined ? undefined : toDType(opts.dtype);
  if (values instanceof NDArray) return values.astype(want ?? values.dtype);
  if (isTypedArray(values)) {
    const src = NDArray.fromData(values, [values.length], dtypeOfTypedArray(values));
    return src.astype(want ?? src.dtype);
  }
  if (typeof values === 'number' || typeof values === 'boolean') {
    const dt =
      want ?? (typeof values === 'boolean' ? 'bool' : Number.isInteger(values) ? 'int64' : 'float64');
    const data = allocate(dt, 1);
    data[0] = castScalar(dt, Number(values));
    return NDArray.fromData(data, [], dt);
  }
  // nested lists: find the shape from the first elements, then check every element against it
  const shape: number[] = [];
  let probe: unknown = values;
  while (Array.isArray(probe) || probe instanceof NDArray || isTypedArray(probe)) {
    if (probe instanceof NDArray) {
      shape.push(...probe.shape);
      break;
    }
    const list = probe as ArrayLike[];
    shape.push(list.length);
    if (list.length === 0) break;
    probe = list[0];
  }
  const n = shapeSize(shape);
  const flat = new Float64Array(n);
  let sawFloat = false;
  let sawNumber = false;
  let sawBool = false;
  let inner: DType | undefined;
  let k = 0;
  const fail = (depth: number): never => {
    throw new ValueError(
      `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. The detected shape was ${formatShape(shape.slice(0, depth))} + inhomogeneous part.`,
    );
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof v === 'boolean') {
        sawBool = true;
        flat[k++] = v ? 1 : 0;
      } else if (typeof v === 'number') {
        sawNumber = true;
        if (!Number.isInteger(v)) sawFloat = true;
        flat[k++] = v;
      } else if (v instanceof NDArray && v.ndim === 0) {
        inner = inner ?? v.dtype;
        flat[k++] = Number(v.item());
      } else fail(depth);
      return;
    }
    if (v instanceof NDArray) {
      const rest = shape.slice(depth);
      if (v.shape.length !== rest.length || v.shape.some((d, i) => d !== rest[i])) fail(depth);
      inner = inner ?? v.dtype;
      const c = v.astype('float64').data;
      for (let i = 0; i < c.length; i++) flat[k++] = c[i];
      return;
    }
    if (!Array.isArray(v) && !isTypedArray(v)) fail(depth);
    const list = v as ArrayLike[];
    if (list.length !== shape[depth]) fail(depth);
    for (let i = 0; i < list.length; i++) walk(list[i], depth + 1);
  };
  walk(values, 0);
  let dt: DType;
  if (want) dt = want;
  else if (inner && !sawNumber && !sawBool) dt = inner;
  else if (sawFloat || inner === 'float64' || inner === 'float32') dt = 'float64';
  else if (sawNumber || inner) dt = 'int64';
  else if (sawBool) dt = 'bool';
  else dt = 'float64'; // np.array([]) is float64
  const data = allocate(dt, n);
  if (dt === 'bool' || dt === 'int64') for (let i = 0; i < n; i++) data[i] = castScalar(dt, flat[i]);
  else (data as Float64Array).set(flat);
  return NDArray.fromData(data, shape, dt);
}

/** Like `array`, but returns `a` itself when it already is an NDArray of the wanted dtype. */
export function asarray(a: ArrayLike, opts: ArrayOptions = {}): NDArray {
  if (a instanceof NDArray && (opts.dtype === undefined || toDType(opts.dtype) === a.dtype)) return a;
  return array(a, opts);
}

type ShapeLike = number | readonly number[];
function toShape(shape: ShapeLike, op: string): number[] {
  return checkShape(typeof shape === 'number' ? [shape] : shape, op);
}

/** A new array of `shape` filled with `value` (dtype from the value unless given). */
export function full(shape: ShapeLike, value: number | boolean, opts: ArrayOptions = {}): NDArray {
  const s = toShape(shape, 'full');
  const dt =
    opts.dtype !== undefined
      ? toDType(opts.dtype)
      : typeof value === 'boolean'
        ? 'bool'
        : Number.isInteger(value)
          ? 'int64'
          : 'float64';
  const data = allocate(dt, shapeSize(s));
  const v = castScalar(dt, Number(value));
  if (v !== 0) data.fill(v);
  return NDArray.fromData(data, s, dt);
}

/** Zeros of `shape`; float64 unless `dtype` says otherwise. */
export function zeros(shape: ShapeLike, opts: ArrayOptions = {}): NDArray {
  return full(shape, 0, { dtype: opts.dtype ?? 'float64' });
}
/** Ones of `shape`; float64 unless `dtype` says otherwise. */
export function ones(shape: ShapeLike, opts: ArrayOptions = {}): NDArray {
  return full(shape, 1, { dtype: opts.dtype ?? 'float64' });
}
/**
 * An array of `shape` whose values are not meant to be read. NOTE: JS typed arrays are always
 * zeroed, so this equals `zeros`; the name keeps NumPy code portable.
 */
export function empty(shape: ShapeLike, opts: ArrayOptions = {}): NDArray {
  return zeros(shape, opts);
}
export function zerosLike(a: NDArray, opts: ArrayOptions = {}): NDArray {
  return zeros(a.shape, { dtype: opts.dtype ?? a.dtype });
}
export function onesLike(a: NDArray, opts: ArrayOptions = {}): NDArray {
  return ones(a.shape, { dtype: opts.dtype ?? a.dtype });
}
export function emptyLike(a: NDArray, opts: ArrayOptions = {}): NDArray {
  return zeros(a.shape, { dtype: opts.dtype ?? a.dtype });
}
export function fullLike(a: NDArray, value: number | boolean, opts: ArrayOptions = {}): NDArray {
  return full(a.shape, value, { dtype: opts.dtype ?? a.dtype });
}

/**
 * Evenly spaced values in [start, stop): `arange(stop)`, `arange(start, stop, step)`.
 * Length is ceil((stop − start) / step), NumPy's rule, so `arange(2, 3, 0.1)` has 10 values.
 * Integer arguments give int64, otherwise float64.
 */
export function arange(start: number, stop?: number, step = 1, opts: ArrayOptions = {}): NDArray {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (step === 0) throw new ValueError('arange: step must not be zero (division by zero)');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const isInt = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step);
  const dt = opts.dtype !== undefined ? toDType(opts.dtype) : isInt ? 'int64' : 'float64';
  const data = allocate(dt, n);
  // NOTE: NumPy fills start + i·delta with delta = (start + step) − start, which can differ from
  // step in the last bit (arange(2, 3, 0.1)); we do the same to match it exactly.
  const delta = start + step - start;
  for (let i = 0; i < n; i++) data[i] = castScalar(dt, start + i * delta);
  return NDArray.fromData(data, [n], dt);
}

export interface LinspaceOptions extends ArrayOptions {
  /** Include `stop` as the last sample (default true). */
  endpoint?: boolean;
}

/** `num` evenly spaced samples from start to stop (NumPy's formula: start + i·step, last = stop). */
export function linspace(start: number, stop: number, num = 50, opts: LinspaceOptions = {}): NDArray {
  return linspaceWithStep(start, stop, num, opts)[0];
}

/** `linspace` with NumPy's `retstep=True`: returns [samples, step]. */
export function linspaceWithStep(
  start: number,
  stop: number,
  num = 50,
  opts: LinspaceOptions = {},
): [NDArray, number] {
  if (!Number.isInteger(num) || num < 0)
    throw new ValueError(`linspace: number of samples, ${num}, must be non-negative`);
  const endpoint = opts.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const step = div > 0 ? delta / div : NaN;
  const out = new Float64Array(num);
  for (let i = 0; i < num; i++) out[i] = div > 0 ? start + i * step : start + i * delta;
  if (endpoint && num > 1) out[num - 1] = stop;
  const dt = opts.dtype !== undefined ? toDType(opts.dtype) : 'float64';
  const arr = NDArray.fromData(out, [num], 'float64');
  return [dt === 'float64' ? arr : arr.astype(dt), step];
}

/** base ** linspace(start, stop, num). */
export function logspace(
  start: number,
  stop: number,
  num = 50,
  opts: LinspaceOptions & { base?: number } = {},
): NDArray {
  const base = opts.base ?? 10;
  const lin = linspace(start, stop, num, { endpoint: opts.endpoint });
  const d = lin.data;
  for (let i = 0; i < d.length; i++) d[i] = Math.pow(base, d[i]);
  return opts.dtype !== undefined ? lin.astype(toDType(opts.dtype)) : lin;
}

/** Re-exported so callers can check what `toArray()` returns. */
export type { NestedArray };
export { DTYPE_INFO };
