/** Shape arithmetic shared by every nd operation: sizes, strides, broadcasting, axes. */
import { ShapeError, ValueError, formatShape } from './errors.js';

export type Shape = readonly number[];

/** Number of elements of a shape (1 for the 0-d shape `()`). */
export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

/** Column-major (Fortran order) strides, in elements. */
export function fortranStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = 0; i < shape.length; i++) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * NumPy's broadcasting rule: align shapes on the right; two dimensions fit when equal or when one
 * of them is 1. Throws `operands could not be broadcast together with shapes (4,3) (4,)`.
 */
export function broadcastShapes(...shapes: Shape[]): number[] {
  let ndim = 0;
  for (const s of shapes) ndim = Math.max(ndim, s.length);
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = ndim - s.length + i;
      const d = s[i];
      if (out[j] === 1) out[j] = d;
      else if (d !== 1 && d !== out[j]) {
        throw new ShapeError(
          `operands could not be broadcast together with shapes ${shapes.map(formatShape).join(' ')}`,
        );
      }
    }
  }
  return out;
}

/**
 * Strides that read an array of `shape`/`strides` as if it had `target` shape (0 stride on the
 * broadcast dimensions). Assumes `broadcastShapes(shape, target)` equals `target`.
 */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const off = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/** Normalises a possibly negative axis; NumPy's AxisError text. */
export function normalizeAxis(axis: number, ndim: number, op = ''): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new ValueError(
      `${op ? op + ': ' : ''}axis ${axis} is out of bounds for array of dimension ${ndim}`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Normalises `axis` (a number, a list, or undefined = all) to a sorted list of distinct axes. */
export function normalizeAxes(
  axis: number | readonly number[] | null | undefined,
  ndim: number,
  op = '',
): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(a, ndim, op));
  const seen = new Set<number>();
  for (const a of out) {
    if (seen.has(a)) throw new ValueError(`${op ? op + ': ' : ''}repeated axis in axis argument`);
    seen.add(a);
  }
  return out.sort((x, y) => x - y);
}

/** Validates a shape given by a user: non-negative integers. */
export function checkShape(shape: Shape, op: string): number[] {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(
        `${op}: negative or non-integer dimensions are not allowed, got ${formatShape(shape)}`,
      );
    }
  }
  return [...shape];
}

/** Is an array with these shape/strides laid out in C order without gaps? */
export function isCContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 0) return true;
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/** Is an array with these shape/strides laid out in Fortran order without gaps? */
export function isFContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) return true;
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}
