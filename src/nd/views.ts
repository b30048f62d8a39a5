/** Operations that return views: reshape, transpose, squeeze, expandDims, broadcastTo, ravel. */
import { NDArray } from './ndarray.js';
import { ShapeError, ValueError, formatShape } from './errors.js';
import { stridedOffsets } from '../kernels/js/copy.js';
import {
  broadcastShapes,
  broadcastStrides,
  contiguousStrides,
  isCContiguous,
  normalizeAxes,
  normalizeAxis,
  shapeSize,
} from './shape.js';

/** Accepts `reshape(2, 3)`, `reshape([2, 3])` and `reshape([2], 3)` alike. */
export function flattenShapeArgs(args: readonly (number | readonly number[])[]): number[] {
  const out: number[] = [];
  for (const a of args) {
    if (typeof a === 'number') out.push(a);
    else out.push(...a);
  }
  return out;
}

/** Resolves one −1 in a requested shape; NumPy's error when the sizes cannot match. */
export function resolveShape(size: number, shape: readonly number[], from: readonly number[]): number[] {
  const out = [...shape];
  let unknown = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === -1) {
      if (unknown >= 0) throw new ValueError('can only specify one unknown dimension');
      unknown = i;
    } else if (!Number.isInteger(out[i]) || out[i] < 0) {
      throw new ValueError(`negative dimensions not allowed, got ${formatShape(shape)}`);
    } else known *= out[i];
  }
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      // NOTE: NumPy 2.4 prints the unknown dimension as 'newaxis' in this message
      throw new ShapeError(
        `cannot reshape array of size ${size} into shape ${formatShape(shape).replace('-1', 'newaxis')}`,
      );
    }
    out[unknown] = size / known;
  }
  if (shapeSize(out) !== size) {
    throw new ShapeError(`cannot reshape array of size ${size} into shape ${formatShape(shape)}`);
  }
  void from;
  return out;
}

/**
 * Strides for viewing (shape, strides) as newShape without copying, or null if impossible
 * (NumPy's `_attempt_nocopy_reshape`, C order).
 */
export function reshapeStrides(
  shape: readonly number[],
  strides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  // drop size-1 dims from the old layout; they carry no stride information
  const os: number[] = [];
  const ost: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1) {
      os.push(shape[i]);
      ost.push(strides[i]);
    }
  }
  const ns = newShape;
  const nst = new Array<number>(ns.length).fill(0);
  if (shapeSize(shape) === 0) return contiguousStrides(newShape);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  const oldN = os.length;
  const newN = ns.length;
  while (ni < newN && oi < oldN) {
    let np_ = ns[ni];
    let op = os[oi];
    while (np_ !== op) {
      if (np_ < op) np_ *= ns[nj++];
      else op *= os[oj++];
    }
    // the old axes oi..oj-1 must be contiguous among themselves
    for (let k = oi; k < oj - 1; k++) if (ost[k] !== os[k + 1] * ost[k + 1]) return null;
    nst[nj - 1] = ost[oj - 1];
    for (let k = nj - 1; k > ni; k--) nst[k - 1] = nst[k] * ns[k];
    ni = nj++;
    oi = oj++;
  }
  // trailing size-1 dims of the new shape
  const last = ni > 0 ? nst[ni - 1] : 1;
  for (let k = ni; k < newN; k++) nst[k] = last;
  return nst;
}

/** `a.reshape(shape)`: a view when the layout allows, otherwise a contiguous copy. */
export function reshape(a: NDArray, shape: readonly number[]): NDArray {
  const ns = resolveShape(a.size, shape, a.shape);
  const st = reshapeStrides(a.shape, a.strides, ns);
  if (st !== null) return new NDArray(a.data, ns, st, a.offset, a.dtype, a.base ?? a, a.writeable);
  const c = a.copy();
  return new NDArray(c.data, ns, contiguousStrides(ns), 0, a.dtype, null);
}

/**
 * NumPy's in-place `a.shape = shape`: returns a view with the new shape, or throws NumPy's
 * error when the array's layout would need a copy (e.g. a transposed array).
 */
export function setShape(a: NDArray, shape: readonly number[]): NDArray {
  const ns = resolveShape(a.size, shape, a.shape);
  const st = reshapeStrides(a.shape, a.strides, ns);
  if (st === null) {
    throw new ShapeError(
      'Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.',
    );
  }
  return new NDArray(a.data, ns, st, a.offset, a.dtype, a.base ?? a, a.writeable);
}

/** 1-D view when the array is C-contiguous, else a copy. */
export function ravel(a: NDArray): NDArray {
  if (isCContiguous(a.shape, a.strides)) return reshape(a, [a.size]);
  return a.copy().reshape(-1);
}

export function transpose(a: NDArray, axes?: readonly number[]): NDArray {
  const nd = a.ndim;
  let perm: number[];
  if (axes === undefined) perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  else {
    if (axes.length !== nd) throw new ValueError("axes don't match array");
    perm = axes.map((x) => normalizeAxis(x, nd, 'transpose'));
    if (new Set(perm).size !== nd) throw new ValueError('repeated axis in transpose');
  }
  return new NDArray(
    a.data,
    perm.map((p) => a.shape[p]),
    perm.map((p) => a.strides[p]),
    a.offset,
    a.dtype,
    a.base ?? a,
    a.writeable,
  );
}

export function swapaxes(a: NDArray, i: number, j: number): NDArray {
  const perm = Array.from({ length: a.ndim }, (_, k) => k);
  const x = normalizeAxis(i, a.ndim, 'swapaxes');
  const y = normalizeAxis(j, a.ndim, 'swapaxes');
  perm[x] = y;
  perm[y] = x;
  return transpose(a, perm);
}

/** Moves axes `source` to positions `destination`, keeping the others in order. */
export function moveaxis(a: NDArray, source: number | number[], destination: number | number[]): NDArray {
  const src = (typeof source === 'number' ? [source] : source).map((s) =>
    normalizeAxis(s, a.ndim, 'moveaxis'),
  );
  const dst = (typeof destination === 'number' ? [destination] : destination).map((s) =>
    normalizeAxis(s, a.ndim, 'moveaxis'),
  );
  if (src.length !== dst.length) {
    throw new ValueError('`source` and `destination` arguments must have the same number of elements');
  }
  const order = Array.from({ length: a.ndim }, (_, k) => k).filter((k) => !src.includes(k));
  const pairs = dst.map((d, i) => [d, src[i]] as const).sort((p, q) => p[0] - q[0]);
  for (const [d, s] of pairs) order.splice(d, 0, s);
  return transpose(a, order);
}

export function squeeze(a: NDArray, axis?: number | readonly number[]): NDArray {
  let drop: number[];
  if (axis === undefined) drop = a.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  else {
    drop = normalizeAxes(axis, a.ndim, 'squeeze');
    for (const ax of drop) {
      if (a.shape[ax] !== 1)
        throw new ValueError('cannot select an axis to squeeze out which has size not equal to one');
    }
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < a.ndim; i++) {
    if (!drop.includes(i)) {
      shape.push(a.shape[i]);
      strides.push(a.strides[i]);
    }
  }
  return new NDArray(a.data, shape, strides, a.offset, a.dtype, a.base ?? a, a.writeable);
}

export function expandDims(a: NDArray, axis: number | readonly number[]): NDArray {
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const outNd = a.ndim + list.length;
  const axes = normalizeAxes(list, outNd, 'expandDims');
  const shape: number[] = [];
  const strides: number[] = [];
  let k = 0;
  for (let i = 0; i < outNd; i++) {
    if (axes.includes(i)) {
      shape.push(1);
      strides.push(0);
    } else {
      shape.push(a.shape[k]);
      strides.push(a.strides[k]);
      k++;
    }
  }
  return new NDArray(a.data, shape, strides, a.offset, a.dtype, a.base ?? a, a.writeable);
}

/** A read-only view with `shape`; NumPy's error if the shapes do not broadcast. */
export function broadcastTo(a: NDArray, shape: readonly number[]): NDArray {
  let ok = shape.length >= a.ndim;
  if (ok) {
    try {
      const b = broadcastShapes(a.shape, shape);
      ok = b.length === shape.length && b.every((d, i) => d === shape[i]);
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw new ShapeError(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${formatShape(a.shape)} and requested shape ${formatShape(shape)}`,
    );
  }
  return new NDArray(
    a.data,
    shape,
    broadcastStrides(a.shape, a.strides, shape),
    a.offset,
    a.dtype,
    a.base ?? a,
    false,
  );
}

/** Broadcasts several arrays against each other (read-only views). */
export function broadcastArrays(...arrays: NDArray[]): NDArray[] {
  const shape = broadcastShapes(...arrays.map((a) => a.shape));
  return arrays.map((a) => broadcastTo(a, shape));
}

function extent(a: NDArray): [number, number] {
  let lo = a.offset;
  let hi = a.offset;
  for (let i = 0; i < a.ndim; i++) {
    const span = (a.shape[i] - 1) * a.strides[i];
    if (span > 0) hi += span;
    else lo += span;
  }
  return [lo, hi];
}

/**
 * NumPy's `shares_memory`: true when some element of `a` and some element of `b` are the same
 * memory. Exact (it compares the element positions when the extents overlap).
 */
export function sharesMemory(a: NDArray, b: NDArray): boolean {
  if (a.size === 0 || b.size === 0) return false;
  if (a.data.buffer !== b.data.buffer) return false;
  const ia = a.data.BYTES_PER_ELEMENT;
  const ib = b.data.BYTES_PER_ELEMENT;
  const [alo, ahi] = extent(a).map((v) => a.data.byteOffset + v * ia);
  const [blo, bhi] = extent(b).map((v) => b.data.byteOffset + v * ib);
  if (ahi + ia <= blo || bhi + ib <= alo) return false;
  if (ia !== ib || a.data.byteOffset !== b.data.byteOffset) return true; // different views of bytes: be conservative
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const seen = new Set<number>(stridedOffsets(small.shape, small.offset, small.strides));
  const offs = stridedOffsets(large.shape, large.offset, large.strides);
  for (let i = 0; i < offs.length; i++) if (seen.has(offs[i])) return true;
  return false;
}

/** NumPy's `may_share_memory`: the cheap bounds check (may say true when they do not share). */
export function mayShareMemory(a: NDArray, b: NDArray): boolean {
  if (a.size === 0 || b.size === 0 || a.data.buffer !== b.data.buffer) return false;
  const ia = a.data.BYTES_PER_ELEMENT;
  const ib = b.data.BYTES_PER_ELEMENT;
  const [alo, ahi] = extent(a).map((v) => a.data.byteOffset + v * ia);
  const [blo, bhi] = extent(b).map((v) => b.data.byteOffset + v * ib);
  return !(ahi + ia <= blo || bhi + ib <= alo);
}
