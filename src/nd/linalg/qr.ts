/**
 * QR factorisation by Householder reflections, with LAPACK's conventions (geqr2 + org2r), so
 * Q and R agree with NumPy's up to rounding: each reflector is H = I − τ·v·vᵀ with v[0] = 1 and
 * β = −sign(α)·‖(α, x)‖ on R's diagonal.
 */
import type { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { ValueError } from '../errors.js';
import { assertStacked2d, fromFloat64, linalgFloat, toStack } from './core.js';

/** Q (orthonormal columns) and R (upper triangular) with A = Q·R. */
export interface QRResult {
  Q: NDArray;
  R: NDArray;
}

/** Options of `qr`. */
export interface QROptions {
  /**
   * 'reduced' (default): Q (…, M, K), R (…, K, N) with K = min(M, N); 'complete': Q (…, M, M),
   * R (…, M, N); 'r': R (…, K, N) only.
   */
  mode?: 'reduced' | 'complete' | 'r';
}

/**
 * Householder QR of an (…, M, N) matrix or stack (NumPy's `linalg.qr`). Returns `{ Q, R }`, or
 * only R with `mode: 'r'`. Signs follow LAPACK: R's diagonal may be negative.
 */
export function qr(x: ArrayLike, opts?: { mode?: 'reduced' | 'complete' }): QRResult;
export function qr(x: ArrayLike, opts: { mode: 'r' }): NDArray;
export function qr(x: ArrayLike, opts?: QROptions): QRResult | NDArray;
export function qr(x: ArrayLike, opts: QROptions = {}): QRResult | NDArray {
  const mode = opts.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') {
    throw new ValueError(`Unrecognized mode '${String(mode)}'`);
  }
  const a = asarray(x);
  assertStacked2d(a);
  const s = toStack(a);
  const { rows: m, cols: n, count } = s;
  const k = Math.min(m, n);
  const qCols = mode === 'complete' ? m : k;
  const rRows = mode === 'complete' ? m : k;
  const rOut = new Float64Array(count * rRows * n);
  const qOut = mode === 'r' ? null : new Float64Array(count * m * qCols);
  const tau = new Float64Array(k);
  for (let t = 0; t < count; t++) {
    const off = t * m * n;
    householder(s.data, off, m, n, tau);
    const ro = t * rRows * n;
    for (let i = 0; i < Math.min(rRows, m); i++) {
      for (let c = i; c < n; c++) rOut[ro + i * n + c] = s.data[off + i * n + c];
    }
    if (qOut) formQ(s.data, off, m, n, tau, qOut, t * m * qCols, qCols);
  }
  const dt = linalgFloat(a.dtype);
  const R = fromFloat64(rOut, [...s.batch, rRows, n], dt);
  if (!qOut) return R;
  return { Q: fromFloat64(qOut, [...s.batch, m, qCols], dt), R };
}

/**
 * In place on the m×n row-major block at `off`: R in the upper triangle, the reflectors' v
 * (without their leading 1) below the diagonal, their τ in `tau` (LAPACK's geqr2).
 */
function householder(a: Float64Array, off: number, m: number, n: number, tau: Float64Array): void {
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    const alpha = a[off + j * n + j];
    let xnorm = 0;
    for (let i = j + 1; i < m; i++) xnorm = Math.hypot(xnorm, a[off + i * n + j]);
    if (xnorm === 0) {
      tau[j] = 0; // H = I: the column is already zero below the diagonal
      continue;
    }
    const beta = (alpha >= 0 ? -1 : 1) * Math.hypot(alpha, xnorm);
    tau[j] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) a[off + i * n + j] *= scale;
    a[off + j * n + j] = beta;
    // apply H to the trailing columns: A[j:, c] −= τ·v·(vᵀ·A[j:, c])
    for (let c = j + 1; c < n; c++) {
      let w = a[off + j * n + c];
      for (let i = j + 1; i < m; i++) w += a[off + i * n + j] * a[off + i * n + c];
      w *= tau[j];
      a[off + j * n + c] -= w;
      for (let i = j + 1; i < m; i++) a[off + i * n + c] -= w * a[off + i * n + j];
    }
  }
}

/** Q = H₀·H₁·…·H_{k−1} applied to the first `qCols` columns of I (LAPACK's org2r). */
function formQ(
  a: Float64Array,
  off: number,
  m: number,
  n: number,
  tau: Float64Array,
  q: Float64Array,
  qo: number,
  qCols: number,
): void {
  const k = Math.min(m, n);
  for (let i = 0; i < Math.min(m, qCols); i++) q[qo + i * qCols + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const tj = tau[j];
    if (tj === 0) continue;
    for (let c = j; c < qCols; c++) {
      let w = q[qo + j * qCols + c];
      for (let i = j + 1; i < m; i++) w += a[off + i * n + j] * q[qo + i * qCols + c];
      w *= tj;
      q[qo + j * qCols + c] -= w;
      for (let i = j + 1; i < m; i++) q[qo + i * qCols + c] -= w * a[off + i * n + j];
    }
  }
}
