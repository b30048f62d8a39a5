/**
 * Bridge from nd's view of a matrix product — every operand an offset plus a row and a column
 * stride, as in src/kernels/js/gemm_nd.ts — to the BLAS form of {@link GemmArgs}: an operand
 * whose column stride is 1 is used as stored (leading dimension = row stride), one whose row stride
 * is 1 as the transpose of what is stored. Any other layout (both strides ≠ 1, negative or zero
 * strides) has no BLAS form; nd copies it or stays on its own loop.
 */
import type { FloatArray, GemmArgs } from './types.js';

/** One operand in BLAS form: transposed or not, and its leading dimension. */
interface BlasLayout {
  trans: boolean;
  ld: number;
}

/** The BLAS form of a (rows × cols) operand with strides (rs, cs), or null if it has none. */
export function blasLayout(rows: number, cols: number, rs: number, cs: number): BlasLayout | null {
  if (cols <= 1 && rows <= 1) return { trans: false, ld: 1 };
  if ((cs === 1 || cols <= 1) && (rows <= 1 || rs >= Math.max(cols, 1))) {
    return { trans: false, ld: rows <= 1 ? Math.max(cols, 1) : rs };
  }
  if ((rs === 1 || rows <= 1) && (cols <= 1 || cs >= Math.max(rows, 1))) {
    return { trans: true, ld: cols <= 1 ? Math.max(rows, 1) : cs };
  }
  return null;
}

/**
 * `C = A · B` (m × k times k × n) with every operand given by offset, row stride and column stride,
 * as {@link GemmArgs} for `Backend.gemm` — or null when a layout has no BLAS form or the arrays
 * are not one float dtype. A column-major C is handled as Cᵀ = Bᵀ · Aᵀ.
 */
export function stridedGemmArgs<T extends FloatArray>(
  m: number,
  n: number,
  k: number,
  a: T,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: T,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: T,
  cOffset: number,
  cRowStride: number,
  cColStride: number,
): GemmArgs<T> | null {
  if (!(a instanceof Float32Array || a instanceof Float64Array)) return null;
  if (a.constructor !== b.constructor || a.constructor !== c.constructor) return null;
  const la = blasLayout(m, k, aRowStride, aColStride);
  const lb = blasLayout(k, n, bRowStride, bColStride);
  const lc = blasLayout(m, n, cRowStride, cColStride);
  if (!la || !lb || !lc) return null;
  if (lc.trans) {
    // C stored column-major: compute Cᵀ = Bᵀ · Aᵀ instead, which is row-major.
    return {
      transA: !lb.trans,
      transB: !la.trans,
      m: n,
      n: m,
      k,
      batch: 1,
      alpha: 1,
      beta: 0,
      a: b,
      aOffset: bOffset,
      lda: lb.ld,
      aBatchStride: 0,
      b: a,
      bOffset: aOffset,
      ldb: la.ld,
      bBatchStride: 0,
      c,
      cOffset,
      ldc: lc.ld,
      cBatchStride: 0,
    };
  }
  return {
    transA: la.trans,
    transB: lb.trans,
    m,
    n,
    k,
    batch: 1,
    alpha: 1,
    beta: 0,
    a,
    aOffset,
    lda: la.ld,
    aBatchStride: 0,
    b,
    bOffset,
    ldb: lb.ld,
    bBatchStride: 0,
    c,
    cOffset,
    ldc: lc.ld,
    cBatchStride: 0,
  };
}
