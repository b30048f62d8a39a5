/**
 * Strided copy: the loop behind `copy()`, `astype`, `ascontiguousarray`, transposes and every
 * broadcast read. Works on typed arrays with element strides and offsets.
 */
import type { TypedArray } from '../../nd/dtype.js';

/** Any numeric typed array; bigint arrays are never used. */
export type NumArray = TypedArray;

/**
 * Merges neighbouring dimensions that every operand walks contiguously, so a C-contiguous copy
 * becomes one flat loop. `strides` holds one stride list per operand. Returns the new shape and
 * stride lists; dimensions of size 1 are dropped.
 */
export function coalesce(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): [number[], number[][]] {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    let merge = last >= 0;
    if (merge) {
      for (let k = 0; k < strides.length; k++) {
        if (outStrides[k][last] !== strides[k][d] * shape[d]) {
          merge = false;
          break;
        }
      }
    }
    if (merge) {
      outShape[last] *= shape[d];
      for (let k = 0; k < strides.length; k++) outStrides[k][last] = strides[k][d];
    } else {
      outShape.push(shape[d]);
      for (let k = 0; k < strides.length; k++) outStrides[k].push(strides[k][d]);
    }
  }
  return [outShape, outStrides];
}

/**
 * dst[dOff + Σ i_k·dStr_k] = src[sOff + Σ i_k·sStr_k] for every index i of `shape`.
 * Numeric conversion follows the typed arrays' own rules (truncation, wrap-around).
 */
export function stridedCopy(
  shape: readonly number[],
  src: NumArray,
  sOff: number,
  sStr: readonly number[],
  dst: NumArray,
  dOff: number,
  dStr: readonly number[],
): void {
  for (const d of shape) if (d === 0) return;
  const [sh, [ss, ds]] = coalesce(shape, [sStr, dStr]);
  const nd = sh.length;
  if (nd === 0) {
    dst[dOff] = src[sOff];
    return;
  }
  const inner = sh[nd - 1];
  const si = ss[nd - 1];
  const di = ds[nd - 1];
  if (nd === 1 && si === 1 && di === 1 && src.constructor === dst.constructor) {
    dst.set(src.subarray(sOff, sOff + inner) as never, dOff);
    return;
  }
  const idx = new Array<number>(nd).fill(0);
  let s = sOff;
  let t = dOff;
  while (true) {
    for (let i = 0; i < inner; i++) dst[t + i * di] = src[s + i * si];
    // odometer over the outer dimensions
    let k = nd - 2;
    for (; k >= 0; k--) {
      idx[k]++;
      s += ss[k];
      t += ds[k];
      if (idx[k] < sh[k]) break;
      s -= ss[k] * sh[k];
      t -= ds[k] * sh[k];
      idx[k] = 0;
    }
    if (k < 0) return;
  }
}

/** Fills a strided region with one value. */
export function stridedFill(
  shape: readonly number[],
  dst: NumArray,
  dOff: number,
  dStr: readonly number[],
  v: number,
): void {
  for (const d of shape) if (d === 0) return;
  const [sh, [ds]] = coalesce(shape, [dStr]);
  const nd = sh.length;
  if (nd === 0) {
    dst[dOff] = v;
    return;
  }
  if (nd === 1 && ds[0] === 1) {
    dst.fill(v, dOff, dOff + sh[0]);
    return;
  }
  const inner = sh[nd - 1];
  const di = ds[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let t = dOff;
  while (true) {
    for (let i = 0; i < inner; i++) dst[t + i * di] = v;
    let k = nd - 2;
    for (; k >= 0; k--) {
      idx[k]++;
      t += ds[k];
      if (idx[k] < sh[k]) break;
      t -= ds[k] * sh[k];
      idx[k] = 0;
    }
    if (k < 0) return;
  }
}

/** Visits the element offsets of a strided array in C order (used by gathers and formatting). */
export function stridedOffsets(
  shape: readonly number[],
  off: number,
  str: readonly number[],
): Int32Array | Float64Array {
  let n = 1;
  for (const d of shape) n *= d;
  const out = n < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
  if (n === 0) return out;
  const nd = shape.length;
  if (nd === 0) {
    out[0] = off;
    return out;
  }
  const idx = new Array<number>(nd).fill(0);
  const inner = shape[nd - 1];
  const si = str[nd - 1];
  let s = off;
  let p = 0;
  while (true) {
    for (let i = 0; i < inner; i++) out[p++] = s + i * si;
    let k = nd - 2;
    for (; k >= 0; k--) {
      idx[k]++;
      s += str[k];
      if (idx[k] < shape[k]) break;
      s -= str[k] * shape[k];
      idx[k] = 0;
    }
    if (k < 0) return out;
  }
}
