/**
 * Input conversion: plain arrays, typed arrays, nested arrays and NDArray-like objects become flat
 * `Float64Array`s with a known shape, checked once at the boundary.
 */
import { PlotError, shapeText } from './errors.js';
import type { ArrayLikeND, Matrix, Vector } from './types.js';

/** True for objects that look like an NDArray (a `shape` and a `toArray()`). */
export function isArrayLikeND(x: unknown): x is ArrayLikeND {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as ArrayLikeND).shape) &&
    typeof (x as ArrayLikeND).toArray === 'function'
  );
}

/** Depth-first flatten of nested arrays / typed arrays into `out`. */
function flattenInto(x: unknown, out: number[]): void {
  if (typeof x === 'number') out.push(x);
  else if (typeof x === 'boolean') out.push(x ? 1 : 0);
  else if (typeof x === 'bigint') out.push(Number(x));
  else if (ArrayBuffer.isView(x)) {
    const a = x as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < a.length; i++) out.push(Number(a[i]));
  } else if (Array.isArray(x)) for (const v of x) flattenInto(v, out);
  else throw new PlotError(`expected numbers or arrays of numbers, got ${typeof x}`);
}

/** The values of an NDArray-like in row-major order. */
export function flattenND(a: ArrayLikeND): Float64Array {
  const out: number[] = [];
  flattenInto(a.toArray(), out);
  const size = a.shape.reduce((p, n) => p * n, 1);
  if (out.length !== size) {
    throw new PlotError(`array of shape ${shapeText(a.shape)} gave ${out.length} values from toArray()`);
  }
  return Float64Array.from(out);
}

/** A 1-D input as a `Float64Array` (`what` names the argument in errors). */
export function toVector(v: Vector, what = 'values'): Float64Array {
  if (isArrayLikeND(v)) {
    if (v.shape.filter((n) => n !== 1).length > 1) {
      throw new PlotError(`${what}: expected a 1-D array, got shape ${shapeText(v.shape)}`);
    }
    return flattenND(v);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Number(v[i]);
  return out;
}

/** A 2-D grid flattened row-major: `data[r * cols + c]`. */
export interface Grid {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A 2-D input (`m[row][col]` or shape `(rows, cols)`) as a {@link Grid}. */
export function toGrid(m: Matrix, what = 'matrix'): Grid {
  if (isArrayLikeND(m)) {
    if (m.shape.length !== 2) {
      throw new PlotError(`${what}: expected a 2-D array, got shape ${shapeText(m.shape)}`);
    }
    return { rows: m.shape[0]!, cols: m.shape[1]!, data: flattenND(m) };
  }
  const rows = m.length;
  const cols = rows > 0 ? m[0]!.length : 0;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = m[r]!;
    if (typeof row !== 'object' || row.length !== cols) {
      throw new PlotError(`${what}: row ${r} has ${row?.length ?? 'no'} values, expected ${cols} like row 0`);
    }
    for (let c = 0; c < cols; c++) data[r * cols + c] = Number(row[c]);
  }
  return { rows, cols, data };
}

/** An image: `data[(r * width + c) * channels + k]`, values as given (see `byteRange`). */
export interface ImageGrid {
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3 | 4;
  readonly data: Float64Array;
  /** True when the input was uint8: RGB(A) values are 0–255 instead of 0–1. */
  readonly byteRange: boolean;
}

/** Anything `imshow` accepts: 2-D or 3-D nested arrays, NDArray-likes, or a flat vector. */
export type ImageInput = Matrix | ArrayLike<ArrayLike<ArrayLike<number>>> | Vector;

/**
 * An image input as an {@link ImageGrid}. A flat vector needs `shape` or a square length
 * (784 → 28×28, as MNIST rows are stored).
 */
export function toImage(img: ImageInput, shape?: readonly number[], what = 'imshow'): ImageGrid {
  let dims: number[];
  let data: Float64Array;
  let byteRange: boolean;
  if (isArrayLikeND(img)) {
    dims = [...img.shape];
    data = flattenND(img);
    byteRange = img.dtype === 'uint8';
  } else {
    const flat: number[] = [];
    flattenInto(img, flat);
    data = Float64Array.from(flat);
    dims = [];
    let probe: unknown = img;
    while (typeof probe === 'object' && probe !== null && 'length' in probe) {
      dims.push((probe as ArrayLike<unknown>).length);
      probe = (probe as ArrayLike<unknown>)[0];
    }
    byteRange = img instanceof Uint8Array || img instanceof Uint8ClampedArray;
  }
  if (shape) {
    const size = shape.reduce((p, n) => p * n, 1);
    if (size !== data.length) {
      throw new PlotError(`${what}: cannot view ${data.length} values as shape ${shapeText(shape)}`);
    }
    dims = [...shape];
  } else if (dims.length === 1) {
    const side = Math.round(Math.sqrt(data.length));
    if (side * side !== data.length) {
      throw new PlotError(`${what}: a flat image of ${data.length} values needs a shape option`);
    }
    dims = [side, side];
  }
  if (dims.length === 3 && dims[2] === 1) dims = [dims[0]!, dims[1]!];
  const channels = dims.length === 2 ? 1 : dims[2];
  if ((dims.length !== 2 && dims.length !== 3) || (channels !== 1 && channels !== 3 && channels !== 4)) {
    throw new PlotError(
      `${what}: expected an image of shape (H, W), (H, W, 3) or (H, W, 4), got ${shapeText(dims)}`,
    );
  }
  if (!byteRange && channels > 1) byteRange = data.some((v) => v > 1);
  return { height: dims[0]!, width: dims[1]!, channels, data, byteRange };
}

/** Minimum and maximum of the finite values (`[NaN, NaN]` when there are none). */
export function finiteExtent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

/** `n` evenly spaced values from `lo` to `hi` inclusive (NumPy's `linspace`). */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1);
  return out;
}
