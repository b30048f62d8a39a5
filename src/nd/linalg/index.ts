/**
 * `nd.linalg`: NumPy's `numpy.linalg` — norms, determinants, inverses, solvers and the
 * decompositions (Cholesky, QR, symmetric eigen, SVD), each accepting stacks (…, M, N) where
 * NumPy does. Decompositions compute in float64 and return float32 for float32 input, float64
 * for everything else.
 *
 * ```ts
 * const { Q, R } = nd.linalg.qr(a);
 * const { U, S, Vh } = nd.linalg.svd(a, { fullMatrices: false });
 * const x = nd.linalg.solve(a, b);
 * ```
 */
export { LinAlgError } from './errors.js';
export { norm, type NormOptions, type NormOrder } from './norm.js';
export { det, slogdet, inv, solve, type SlogdetResult } from './lu.js';
export { lstsq, type LstsqOptions, type LstsqResult } from './lstsq.js';
export { cholesky, type CholeskyOptions } from './cholesky.js';
export { qr, type QROptions, type QRResult } from './qr.js';
export { eigh, eigvalsh, type EighOptions, type EighResult } from './eigh.js';
export {
  svd,
  svdvals,
  pinv,
  matrixRank,
  type SVDResult,
  type SvdOptions,
  type PinvOptions,
  type MatrixRankOptions,
} from './svd.js';
export {
  matmul,
  tensordot,
  outer,
  trace,
  multiDot,
  matrixPower,
  type TensordotAxes,
  type TraceOptions,
} from './products.js';
