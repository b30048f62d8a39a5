/** Vector and matrix norms (NumPy's `linalg.norm`). */
import type { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { ValueError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import { moveaxis } from '../views.js';
import { fromFloat64, linalgFloat, toStack } from './core.js';
import { svdMatrix } from './svd.js';

/** A norm order: a number (±Infinity included), 'fro' (or 'f'), 'nuc', or null for the default. */
export type NormOrder = number | 'fro' | 'f' | 'nuc' | null;

/** Options of `norm`. */
export interface NormOptions {
  /** Vectors: null/2, 1, Infinity, −Infinity, 0 (count), any p. Matrices: null/'fro', 'nuc', 1, −1, 2, −2, ±Infinity. */
  ord?: NormOrder;
  /** One axis (vector norms), two axes (matrix norms), or null: all of a 1-D/2-D array. */
  axis?: number | readonly [number, number] | null;
  /** Keep the reduced axes with length 1. */
  keepdims?: boolean;
}

/**
 * Norm of a vector, a matrix, or of each vector/matrix along the given axes (NumPy's
 * `linalg.norm`). With no `ord` and no `axis` it is the 2-norm of the flattened array, whatever
 * its dimension. Integer input gives float64; float32 stays float32.
 *
 * ```ts
 * nd.linalg.norm([3, 4]);                          // 5
 * nd.linalg.norm(m, { ord: 'nuc' });               // sum of singular values
 * nd.linalg.norm(x, { axis: 1, keepdims: true });  // row norms
 * ```
 */
export function norm(x: ArrayLike, opts: NormOptions = {}): NDArray {
  const a = asarray(x);
  const dt = linalgFloat(a.dtype);
  const ord = opts.ord ?? null;
  const keepdims = opts.keepdims ?? false;
  const nd = a.ndim;
  if (opts.axis === undefined || opts.axis === null) {
    if (ord === null || ((ord === 'fro' || ord === 'f') && nd === 2) || (ord === 2 && nd === 1)) {
      const flat = toStack(a.reshape(1, a.size)).data;
      let ss = 0;
      for (let i = 0; i < flat.length; i++) ss += flat[i] * flat[i];
      return fromFloat64(Float64Array.of(Math.sqrt(ss)), keepdims ? Array<number>(nd).fill(1) : [], dt);
    }
  }
  const axes: number[] =
    opts.axis === undefined || opts.axis === null
      ? Array.from({ length: nd }, (_, i) => i)
      : typeof opts.axis === 'number'
        ? [opts.axis]
        : [...opts.axis];
  if (axes.length === 1) return vectorNorm(a, normalizeAxis(axes[0], nd, 'norm'), ord, keepdims, dt);
  if (axes.length === 2) {
    const row = normalizeAxis(axes[0], nd, 'norm');
    const col = normalizeAxis(axes[1], nd, 'norm');
    if (row === col) throw new ValueError('Duplicate axes given.');
    return matrixNorm(a, row, col, ord, keepdims, dt);
  }
  throw new ValueError('Improper number of dimensions to norm.');
}

/** The vector norm of every 1-D lane along `axis`; the result has the other axes (or keepdims). */
function vectorNorm(
  a: NDArray,
  axis: number,
  ord: NormOrder,
  keepdims: boolean,
  dt: 'float32' | 'float64',
): NDArray {
  if (typeof ord === 'string') throw new ValueError(`Invalid norm order '${ord}' for vectors`);
  const lanes = toStack(
    moveaxis(a, axis, -1).reshape([...a.shape.filter((_, i) => i !== axis), 1, a.shape[axis]]),
  );
  const n = lanes.cols;
  const d = lanes.data;
  const out = new Float64Array(lanes.count);
  if (ord === -Infinity && n === 0 && lanes.count > 0) {
    throw new ValueError('zero-size array to reduction operation minimum which has no identity');
  }
  for (let t = 0; t < lanes.count; t++) {
    const o = t * n;
    let r = 0;
    if (ord === Infinity) for (let i = 0; i < n; i++) r = Math.max(r, Math.abs(d[o + i]));
    else if (ord === -Infinity) {
      r = Infinity;
      for (let i = 0; i < n; i++) r = Math.min(r, Math.abs(d[o + i]));
    } else if (ord === 0) for (let i = 0; i < n; i++) r += d[o + i] !== 0 ? 1 : 0;
    else if (ord === 1) for (let i = 0; i < n; i++) r += Math.abs(d[o + i]);
    else if (ord === null || ord === 2) {
      for (let i = 0; i < n; i++) r += d[o + i] * d[o + i];
      r = Math.sqrt(r);
    } else {
      for (let i = 0; i < n; i++) r += Math.pow(Math.abs(d[o + i]), ord);
      r = Math.pow(r, 1 / ord);
    }
    out[t] = r;
  }
  const shape = [...a.shape];
  if (keepdims) shape[axis] = 1;
  else shape.splice(axis, 1);
  return fromFloat64(out, shape, dt);
}

function matrixNorm(
  a: NDArray,
  row: number,
  col: number,
  ord: NormOrder,
  keepdims: boolean,
  dt: 'float32' | 'float64',
): NDArray {
  const known = [2, -2, 1, -1, Infinity, -Infinity, null, 'fro', 'f', 'nuc'];
  if (!known.includes(ord)) throw new ValueError('Invalid norm order for matrices.');
  const s = toStack(moveaxis(a, [row, col], [-2, -1]));
  const { rows: m, cols: n, count } = s;
  const d = s.data;
  const out = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const o = t * m * n;
    let r = 0;
    if (ord === 2 || ord === -2 || ord === 'nuc') {
      const sv = svdMatrix(d, o, m, n, 'none').s;
      if (ord === 2) r = sv.length > 0 ? sv[0] : 0;
      else if (ord === -2) r = sv.length > 0 ? sv[sv.length - 1] : 0;
      else for (let i = 0; i < sv.length; i++) r += sv[i];
    } else if (ord === 1 || ord === -1) {
      // max/min over columns of the column sums of |a|
      r = ord === 1 ? -Infinity : Infinity;
      for (let j = 0; j < n; j++) {
        let cs = 0;
        for (let i = 0; i < m; i++) cs += Math.abs(d[o + i * n + j]);
        r = ord === 1 ? Math.max(r, cs) : Math.min(r, cs);
      }
    } else if (ord === Infinity || ord === -Infinity) {
      // max/min over rows of the row sums of |a|
      r = ord === Infinity ? -Infinity : Infinity;
      for (let i = 0; i < m; i++) {
        let rs = 0;
        for (let j = 0; j < n; j++) rs += Math.abs(d[o + i * n + j]);
        r = ord === Infinity ? Math.max(r, rs) : Math.min(r, rs);
      }
    } else {
      for (let i = 0; i < m * n; i++) r += d[o + i] * d[o + i];
      r = Math.sqrt(r);
    }
    out[t] = r;
  }
  let shape: number[];
  if (keepdims) {
    shape = [...a.shape];
    shape[row] = 1;
    shape[col] = 1;
  } else shape = s.batch;
  return fromFloat64(out, shape, dt);
}
