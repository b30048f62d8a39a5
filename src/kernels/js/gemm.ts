/**
 * GEMM, the js reference:
 *
 *   C[b][i, j] = alpha · Σ_p op(A[b])[i, p] · op(B[b])[p, j] + beta · C[b][i, j] + bias[j]
 *
 * Sums run in float64 (JS numbers) and are rounded once when stored. C is swept in 4 × 4 tiles
 * whose 16 sums live in local variables, so each A and B element loaded feeds four products;
 * that alone makes this loop ~6× faster than the textbook triple loop without hiding the formula.
 */
import { checkGemm } from '../check.js';
import type { FloatArray, GemmArgs } from '../types.js';

/** Writes one finished element: alpha · sum + beta · C + bias (beta = 0 never reads C). */
function put(c: FloatArray, idx: number, sum: number, alpha: number, beta: number, bias: number): void {
  c[idx] = alpha * sum + (beta === 0 ? 0 : beta * c[idx]!) + bias;
}

/** One full 4 × 4 tile: rows of op(A) start at `ai` (+ sai per row), columns of op(B) at `bj`. */
function tile4x4(
  k: number,
  a: FloatArray,
  ai: number,
  sai: number,
  sap: number,
  b: FloatArray,
  bj: number,
  sbp: number,
  sbj: number,
  c: FloatArray,
  ci: number,
  ldc: number,
  alpha: number,
  beta: number,
  bias: FloatArray | null,
  bi: number,
  bs: number,
): void {
  // prettier-ignore
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0,
      c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  // prettier-ignore
  for (let p = 0, pa = ai, pb = bj; p < k; p++, pa += sap, pb += sbp) {
    const a0 = a[pa]!, a1 = a[pa + sai]!, a2 = a[pa + 2 * sai]!, a3 = a[pa + 3 * sai]!;
    const b0 = b[pb]!, b1 = b[pb + sbj]!, b2 = b[pb + 2 * sbj]!, b3 = b[pb + 3 * sbj]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  const v0 = bias ? bias[bi]! : 0;
  const v1 = bias ? bias[bi + bs]! : 0;
  const v2 = bias ? bias[bi + 2 * bs]! : 0;
  const v3 = bias ? bias[bi + 3 * bs]! : 0;
  put(c, ci, c00, alpha, beta, v0);
  put(c, ci + 1, c01, alpha, beta, v1);
  put(c, ci + 2, c02, alpha, beta, v2);
  put(c, ci + 3, c03, alpha, beta, v3);
  ci += ldc;
  put(c, ci, c10, alpha, beta, v0);
  put(c, ci + 1, c11, alpha, beta, v1);
  put(c, ci + 2, c12, alpha, beta, v2);
  put(c, ci + 3, c13, alpha, beta, v3);
  ci += ldc;
  put(c, ci, c20, alpha, beta, v0);
  put(c, ci + 1, c21, alpha, beta, v1);
  put(c, ci + 2, c22, alpha, beta, v2);
  put(c, ci + 3, c23, alpha, beta, v3);
  ci += ldc;
  put(c, ci, c30, alpha, beta, v0);
  put(c, ci + 1, c31, alpha, beta, v1);
  put(c, ci + 2, c32, alpha, beta, v2);
  put(c, ci + 3, c33, alpha, beta, v3);
}

/**
 * Matrix product `C = alpha · op(A) · op(B) + beta · C + bias`, batched; see {@link GemmArgs}
 * for the layout. beta = 0 overwrites C without reading it.
 */
export function gemm(p: GemmArgs): void {
  checkGemm(p);
  const { m, n, k, batch, alpha, beta, a, b, c, ldc } = p;
  // op(A)[i, p] = a[ao + i·sai + p·sap] and op(B)[p, j] = b[bo + p·sbp + j·sbj].
  const sai = p.transA ? 1 : p.lda;
  const sap = p.transA ? p.lda : 1;
  const sbp = p.transB ? 1 : p.ldb;
  const sbj = p.transB ? p.ldb : 1;
  const bias = p.bias ?? null;
  const biasOffset = p.biasOffset ?? 0;
  const bs = p.biasStride ?? 1;
  for (let t = 0; t < batch; t++) {
    const ao = p.aOffset + t * p.aBatchStride;
    const bo = p.bOffset + t * p.bBatchStride;
    const co = p.cOffset + t * p.cBatchStride;
    // Columns outer: one 4-column strip of op(B) stays in cache while every row block of A passes.
    for (let j0 = 0; j0 < n; j0 += 4) {
      for (let i0 = 0; i0 < m; i0 += 4) {
        const ci = co + i0 * ldc + j0;
        if (i0 + 4 <= m && j0 + 4 <= n) {
          const ai = ao + i0 * sai;
          const bj = bo + j0 * sbj;
          tile4x4(
            k,
            a,
            ai,
            sai,
            sap,
            b,
            bj,
            sbp,
            sbj,
            c,
            ci,
            ldc,
            alpha,
            beta,
            bias,
            biasOffset + j0 * bs,
            bs,
          );
          continue;
        }
        // Ragged edge: the same formula one element at a time.
        for (let i = i0; i < Math.min(m, i0 + 4); i++) {
          for (let j = j0; j < Math.min(n, j0 + 4); j++) {
            let sum = 0;
            for (let q = 0, pa = ao + i * sai, pb = bo + j * sbj; q < k; q++, pa += sap, pb += sbp) {
              sum += a[pa]! * b[pb]!;
            }
            put(c, co + i * ldc + j, sum, alpha, beta, bias ? bias[biasOffset + j * bs]! : 0);
          }
        }
      }
    }
  }
}
