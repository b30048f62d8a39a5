/** Least squares: the x minimising ‖b − a·x‖₂, through the SVD (like LAPACK's gelsd). */
import { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { assert2d, fromFloat64, toStack } from './core.js';
import { LinAlgError } from './errors.js';
import { commonFloat } from './lu.js';
import { svdMatrix } from './svd.js';

const EPS = 2.220446049250313e-16;
const EPS32 = 1.1920928955078125e-7;

/** What `lstsq` returns, as NumPy's tuple (x, residuals, rank, s). */
export interface LstsqResult {
  /** The solution, (N,) for a 1-D b or (N, K). */
  x: NDArray;
  /**
   * Squared residual norms per column of b, shape (K,) ((1,) for a 1-D b), when a has full
   * column rank N and M > N; otherwise an empty (0,) array.
   */
  residuals: NDArray;
  /** The effective rank of a (a 0-d int32 array, as NumPy's numpy.int32). */
  rank: NDArray;
  /** Singular values of a, descending. */
  s: NDArray;
}

/** Options of `lstsq`. */
export interface LstsqOptions {
  /**
   * Singular values ≤ rcond · max(s) are treated as zero. Default (null or omitted):
   * eps · max(M, N), NumPy 2's default.
   */
  rcond?: number | null;
}

/**
 * Least-squares solution of a·x = b for a 2-D `a` (M, N) and `b` (M,) or (M, K) (NumPy's
 * `linalg.lstsq`); rank-deficient systems get the minimum-norm solution.
 */
export function lstsq(a: ArrayLike, b: ArrayLike, opts: LstsqOptions = {}): LstsqResult {
  const A = asarray(a);
  let B = asarray(b);
  const is1d = B.ndim === 1;
  if (is1d) B = B.reshape(B.shape[0], 1);
  assert2d(A);
  assert2d(B);
  const [m, n] = A.shape;
  const [m2, k] = B.shape;
  if (m !== m2) throw new LinAlgError('Incompatible dimensions');
  const dt = commonFloat(A.dtype, B.dtype);
  const rcond = opts.rcond ?? (dt === 'float32' ? EPS32 : EPS) * Math.max(m, n);
  const sa = toStack(A);
  const sb = toStack(B);
  const { s, u, uCols, vt } = svdMatrix(sa.data, 0, m, n, 'reduced');
  const c = s.length;
  const cutoff = rcond * (c > 0 ? s[0] : 0);
  let rank = 0;
  for (let p = 0; p < c; p++) if (s[p] > cutoff) rank++;
  // x = V · diag(1/s) · Uᵀ · b over the kept singular values
  const x = new Float64Array(n * k);
  const coef = new Float64Array(k);
  for (let p = 0; p < rank; p++) {
    coef.fill(0);
    for (let i = 0; i < m; i++) {
      const uip = u[i * uCols + p];
      for (let j = 0; j < k; j++) coef[j] += uip * sb.data[i * k + j];
    }
    for (let j = 0; j < k; j++) coef[j] /= s[p];
    for (let i = 0; i < n; i++) {
      const v = vt[p * n + i];
      for (let j = 0; j < k; j++) x[i * k + j] += v * coef[j];
    }
  }
  let residuals: Float64Array;
  if (rank === n && m > n) {
    residuals = new Float64Array(k);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < k; j++) {
        let r = sb.data[i * k + j];
        for (let q = 0; q < n; q++) r -= sa.data[i * n + q] * x[q * k + j];
        residuals[j] += r * r;
      }
    }
  } else residuals = new Float64Array(0);
  return {
    x: fromFloat64(x, is1d ? [n] : [n, k], dt),
    residuals: fromFloat64(residuals, [residuals.length], dt),
    rank: NDArray.fromData(Int32Array.of(rank), [], 'int32'),
    s: fromFloat64(s, [c], dt),
  };
}
