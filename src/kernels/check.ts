/**
 * Boundary checks shared by both backends: every array of a call has one dtype and every element
 * a kernel may touch lies inside its array. The wasm backend copies exactly these spans into its
 * heap, so the checks also keep it from reading past the caller's data.
 */
import type { Conv2dGeometry, FloatArray, GemmArgs, Pool2dGeometry } from './types.js';

/** Throws unless every array has the dtype of the first. */
export function checkDtypes(op: string, arrays: readonly (FloatArray | null | undefined)[]): void {
  const first = arrays[0]!;
  if (!(first instanceof Float32Array) && !(first instanceof Float64Array)) {
    throw new TypeError(`${op}: expected Float32Array or Float64Array, got ${describe(first)}`);
  }
  for (const a of arrays) {
    if (a !== null && a !== undefined && a.constructor !== first.constructor) {
      throw new TypeError(
        `${op}: all arrays must share one dtype, got ${describe(first)} and ${describe(a)}`,
      );
    }
  }
}

function describe(a: unknown): string {
  return (a as object | null)?.constructor?.name ?? String(a);
}

/** Number of elements from the first to one past the last of a strided block (0 if empty). */
export function span(counts: readonly number[], strides: readonly number[]): number {
  let last = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! === 0) return 0;
    last += (counts[i]! - 1) * strides[i]!;
  }
  return last + 1;
}

/** Throws unless `[offset, offset + length)` lies inside `array`. */
export function checkRange(
  op: string,
  name: string,
  array: FloatArray,
  offset: number,
  length: number,
): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + length > array.length) {
    throw new RangeError(
      `${op}: ${name} needs elements [${offset}, ${offset + length}) but has length ${array.length}`,
    );
  }
}

function checkDims(op: string, dims: Record<string, number>): void {
  for (const [name, v] of Object.entries(dims)) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`${op}: ${name} must be a non-negative integer, got ${v}`);
  }
}

/** Validates a GEMM call; returns the spans of A, B and C (elements from their offsets). */
export function checkGemm(p: GemmArgs): { aSpan: number; bSpan: number; cSpan: number } {
  const { m, n, k, batch } = p;
  checkDims('gemm', { m, n, k, batch, lda: p.lda, ldb: p.ldb, ldc: p.ldc });
  checkDims('gemm', {
    aBatchStride: p.aBatchStride,
    bBatchStride: p.bBatchStride,
    cBatchStride: p.cBatchStride,
  });
  checkDtypes('gemm', [p.a, p.b, p.c, p.bias]);
  const [ar, ac] = p.transA ? [k, m] : [m, k];
  const [br, bc] = p.transB ? [n, k] : [k, n];
  if ((ar > 1 || ac > 0) && p.lda < ac)
    throw new RangeError(`gemm: lda=${p.lda} is smaller than A's ${ac} columns`);
  if ((br > 1 || bc > 0) && p.ldb < bc)
    throw new RangeError(`gemm: ldb=${p.ldb} is smaller than B's ${bc} columns`);
  if (p.ldc < n) throw new RangeError(`gemm: ldc=${p.ldc} is smaller than C's ${n} columns`);
  const aSpan = m === 0 || n === 0 ? 0 : span([batch, ar, ac], [p.aBatchStride, p.lda, 1]);
  const bSpan = m === 0 || n === 0 ? 0 : span([batch, br, bc], [p.bBatchStride, p.ldb, 1]);
  const cSpan = span([batch, m, n], [p.cBatchStride, p.ldc, 1]);
  checkRange('gemm', 'A', p.a, p.aOffset, aSpan);
  checkRange('gemm', 'B', p.b, p.bOffset, bSpan);
  checkRange('gemm', 'C', p.c, p.cOffset, cSpan);
  if (p.bias) checkRange('gemm', 'bias', p.bias, p.biasOffset ?? 0, span([n], [p.biasStride ?? 1]));
  return { aSpan, bSpan, cSpan };
}

/** Element counts of the arrays of a convolution. */
export function convSizes(g: Conv2dGeometry): { x: number; w: number; y: number } {
  checkDims('conv2d', { ...g });
  if (g.groups < 1 || g.cIn % g.groups !== 0 || g.cOut % g.groups !== 0) {
    throw new RangeError(`conv2d: cIn=${g.cIn} and cOut=${g.cOut} must be multiples of groups=${g.groups}`);
  }
  if (g.strideH < 1 || g.strideW < 1 || g.dilationH < 1 || g.dilationW < 1) {
    throw new RangeError('conv2d: strides and dilations must be ≥ 1');
  }
  return {
    x: g.n * g.cIn * g.h * g.w,
    w: (g.cOut * g.cIn * g.kh * g.kw) / g.groups,
    y: g.n * g.cOut * g.outH * g.outW,
  };
}

/** Element counts of the arrays of a pooling. */
export function poolSizes(g: Pool2dGeometry): { x: number; y: number } {
  checkDims('pool2d', { ...g });
  if (g.strideH < 1 || g.strideW < 1) throw new RangeError('pool2d: strides must be ≥ 1');
  return { x: g.n * g.c * g.h * g.w, y: g.n * g.c * g.outH * g.outW };
}
