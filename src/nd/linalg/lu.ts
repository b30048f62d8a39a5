/**
 * LU factorisation with partial pivoting and what it gives: `det`, `slogdet`, `inv`, `solve`.
 * All of them take stacks (…, M, M) and work matrix by matrix in float64; results are float32
 * for float32 input and float64 otherwise, like NumPy's.
 */
import type { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import type { DType } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import { broadcastTo } from '../views.js';
import { assertStackedSquare, fromFloat64, gufuncBroadcastError, linalgFloat, toStack } from './core.js';
import { LinAlgError } from './errors.js';

/**
 * In-place LU of the n×n row-major block of `a` at `off` (LAPACK's getf2): P·A = L·U with unit
 * lower L and upper U stored together; `piv[j]` is the row swapped with row j. Returns the sign
 * of the permutation. A zero pivot is left in place (the matrix is singular).
 */
export function luFactor(a: Float64Array, off: number, n: number, piv: Int32Array): number {
  let sign = 1;
  for (let j = 0; j < n; j++) {
    let p = j;
    let best = Math.abs(a[off + j * n + j]);
    for (let i = j + 1; i < n; i++) {
      const v = Math.abs(a[off + i * n + j]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[j] = p;
    const pivot = a[off + p * n + j];
    if (pivot === 0) continue;
    if (p !== j) {
      sign = -sign;
      for (let k = 0; k < n; k++) {
        const t = a[off + j * n + k];
        a[off + j * n + k] = a[off + p * n + k];
        a[off + p * n + k] = t;
      }
    }
    const rj = off + j * n;
    for (let i = j + 1; i < n; i++) {
      const ri = off + i * n;
      const l = (a[ri + j] /= pivot);
      if (l === 0) continue;
      for (let k = j + 1; k < n; k++) a[ri + k] -= l * a[rj + k];
    }
  }
  return sign;
}

/** Solves A·X = B in place of B (n×k row-major at bOff) from `luFactor`'s output. */
export function luSolve(
  lu: Float64Array,
  off: number,
  n: number,
  piv: Int32Array,
  b: Float64Array,
  bOff: number,
  k: number,
): void {
  for (let i = 0; i < n; i++) {
    const p = piv[i];
    if (p === i) continue;
    for (let c = 0; c < k; c++) {
      const t = b[bOff + i * k + c];
      b[bOff + i * k + c] = b[bOff + p * k + c];
      b[bOff + p * k + c] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const l = lu[off + i * n + j];
      if (l === 0) continue;
      for (let c = 0; c < k; c++) b[bOff + i * k + c] -= l * b[bOff + j * k + c];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const u = lu[off + i * n + j];
      if (u === 0) continue;
      for (let c = 0; c < k; c++) b[bOff + i * k + c] -= u * b[bOff + j * k + c];
    }
    const d = lu[off + i * n + i];
    for (let c = 0; c < k; c++) b[bOff + i * k + c] /= d;
  }
}

function hasZeroPivot(lu: Float64Array, off: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (lu[off + i * n + i] === 0) return true;
  return false;
}

/** NumPy's linalg common type: float32 only when every input is float32, else float64. */
export function commonFloat(...dtypes: DType[]): 'float32' | 'float64' {
  return dtypes.every((d) => d === 'float32') ? 'float32' : 'float64';
}

/** Determinant of a square matrix or of each matrix in a stack (…, M, M) → (…). */
export function det(x: ArrayLike): NDArray {
  const a = asarray(x);
  assertStackedSquare(a);
  const s = toStack(a);
  const n = s.rows;
  const piv = new Int32Array(n);
  const out = new Float64Array(s.count);
  for (let t = 0; t < s.count; t++) {
    const off = t * n * n;
    let d = luFactor(s.data, off, n, piv);
    for (let i = 0; i < n; i++) d *= s.data[off + i * n + i];
    out[t] = d;
  }
  return fromFloat64(out, s.batch, linalgFloat(a.dtype));
}

/** The result of `slogdet`: det = sign · exp(logabsdet). */
export interface SlogdetResult {
  /** +1 or −1, or 0 for a singular matrix. */
  sign: NDArray;
  /** log |det|, −∞ for a singular matrix. */
  logabsdet: NDArray;
}

/**
 * Sign and natural log of the absolute determinant, which neither overflows nor underflows where
 * `det` would. Singular matrices give sign 0 and logabsdet −∞.
 */
export function slogdet(x: ArrayLike): SlogdetResult {
  const a = asarray(x);
  assertStackedSquare(a);
  const s = toStack(a);
  const n = s.rows;
  const piv = new Int32Array(n);
  const sign = new Float64Array(s.count);
  const logabs = new Float64Array(s.count);
  for (let t = 0; t < s.count; t++) {
    const off = t * n * n;
    let sg = luFactor(s.data, off, n, piv);
    let l = 0;
    for (let i = 0; i < n; i++) {
      const u = s.data[off + i * n + i];
      if (u === 0) {
        sg = 0;
        l = -Infinity;
        break;
      }
      if (u < 0) sg = -sg;
      l += Math.log(Math.abs(u));
    }
    sign[t] = sg;
    logabs[t] = l;
  }
  const dt = linalgFloat(a.dtype);
  return { sign: fromFloat64(sign, s.batch, dt), logabsdet: fromFloat64(logabs, s.batch, dt) };
}

/** Inverse of a square matrix or of each matrix in a stack; `LinAlgError: Singular matrix`. */
export function inv(x: ArrayLike): NDArray {
  const a = asarray(x);
  assertStackedSquare(a);
  const s = toStack(a);
  const n = s.rows;
  const piv = new Int32Array(n);
  const out = new Float64Array(s.count * n * n);
  for (let t = 0; t < s.count; t++) {
    const off = t * n * n;
    luFactor(s.data, off, n, piv);
    if (hasZeroPivot(s.data, off, n)) throw new LinAlgError('Singular matrix');
    for (let i = 0; i < n; i++) out[off + i * n + i] = 1;
    luSolve(s.data, off, n, piv, out, off, n);
  }
  return fromFloat64(out, a.shape, linalgFloat(a.dtype));
}

/**
 * Solves a·x = b. `a` is (…, M, M); `b` is a vector (M,) when it is 1-D, else a stack of
 * matrices (…, M, K) whose batch dimensions broadcast with a's (NumPy 2's rule).
 */
export function solve(a: ArrayLike, b: ArrayLike): NDArray {
  const A = asarray(a);
  const B = asarray(b);
  assertStackedSquare(A);
  const m = A.shape[A.ndim - 1];
  const vector = B.ndim === 1;
  const dtype = commonFloat(A.dtype, B.dtype);
  if (vector) {
    if (B.shape[0] !== m) {
      throw new ShapeError(
        `solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size ${B.shape[0]} is different from ${m})`,
      );
    }
  } else if (B.ndim < 2 || B.shape[B.ndim - 2] !== m) {
    throw new ShapeError(
      `solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size ${B.ndim < 2 ? 1 : B.shape[B.ndim - 2]} is different from ${m})`,
    );
  }
  const k = vector ? 1 : B.shape[B.ndim - 1];
  let batch: number[];
  try {
    batch = broadcastShapes(A.shape.slice(0, -2), vector ? [] : B.shape.slice(0, -2));
  } catch {
    throw new ShapeError(gufuncBroadcastError(A.shape, 2, B.shape, 2, [m, k]));
  }
  const sa = toStack(broadcastTo(A, [...batch, m, m]));
  const sb = toStack(
    vector ? broadcastTo(B.reshape(m, 1), [...batch, m, 1]) : broadcastTo(B, [...batch, m, k]),
  );
  const piv = new Int32Array(m);
  for (let t = 0; t < sa.count; t++) {
    const off = t * m * m;
    luFactor(sa.data, off, m, piv);
    if (hasZeroPivot(sa.data, off, m)) throw new LinAlgError('Singular matrix');
    luSolve(sa.data, off, m, piv, sb.data, t * m * k, k);
  }
  return fromFloat64(sb.data, vector ? [...batch, m] : [...batch, m, k], dtype);
}
