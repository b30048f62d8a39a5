/** Cholesky factorisation: A = L·Lᵀ for a symmetric positive-definite A. */
import type { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { assertStackedSquare, fromFloat64, linalgFloat, toStack } from './core.js';
import { LinAlgError } from './errors.js';

/** Options of `cholesky`. */
export interface CholeskyOptions {
  /** Return the upper factor U = Lᵀ (read from a's upper triangle) instead of L. Default false. */
  upper?: boolean;
}

/**
 * The lower-triangular L with A = L·Lᵀ (NumPy's `linalg.cholesky`), for a matrix or a stack
 * (…, M, M). Only the lower triangle of `a` is read (the upper one with `upper: true`). Throws
 * `LinAlgError: Matrix is not positive definite` when a pivot is not positive.
 */
export function cholesky(x: ArrayLike, opts: CholeskyOptions = {}): NDArray {
  const a = asarray(x);
  assertStackedSquare(a);
  const s = toStack(a);
  const n = s.rows;
  const upper = opts.upper ?? false;
  const out = new Float64Array(s.data.length);
  for (let t = 0; t < s.count; t++) {
    const off = t * n * n;
    // element (i, j), i ≥ j, of the triangle that is read
    const at = (i: number, j: number): number => s.data[upper ? off + j * n + i : off + i * n + j];
    for (let j = 0; j < n; j++) {
      let d = at(j, j);
      for (let k = 0; k < j; k++) d -= out[off + j * n + k] * out[off + j * n + k];
      if (!(d > 0)) throw new LinAlgError('Matrix is not positive definite');
      const ljj = Math.sqrt(d);
      out[off + j * n + j] = ljj;
      for (let i = j + 1; i < n; i++) {
        let v = at(i, j);
        for (let k = 0; k < j; k++) v -= out[off + i * n + k] * out[off + j * n + k];
        out[off + i * n + j] = v / ljj;
      }
    }
    if (upper) {
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          out[off + i * n + j] = out[off + j * n + i];
          out[off + j * n + i] = 0;
        }
      }
    }
  }
  return fromFloat64(out, a.shape, linalgFloat(a.dtype));
}
