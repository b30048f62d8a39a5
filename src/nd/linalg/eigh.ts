/**
 * Eigen-decomposition of symmetric matrices, the classic two-step way (EISPACK's tred2 + tql2,
 * the algorithms JAMA uses): Householder reflections reduce A to a tridiagonal T = Qᵀ·A·Q, then
 * implicit QL iterations with shifts diagonalise T, rotating Q's columns along. About 9n³ flops
 * with eigenvectors, backward stable like LAPACK's.
 */
import type { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { ValueError } from '../errors.js';
import { assertStackedSquare, fromFloat64, linalgFloat, toStack } from './core.js';
import { LinAlgError } from './errors.js';

const EPS = 2.220446049250313e-16;
const MAX_ITER = 300;

/** Eigenvalues (ascending) and the matching eigenvectors (the columns of `eigenvectors`). */
export interface EighResult {
  eigenvalues: NDArray;
  eigenvectors: NDArray;
}

/** Options of `eigh` and `eigvalsh`. */
export interface EighOptions {
  /** Which triangle of `a` is read: 'L' (lower, default) or 'U'. */
  UPLO?: 'L' | 'U';
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix or stack (…, M, M) (NumPy's
 * `linalg.eigh`), reading only the triangle named by `UPLO`. Eigenvalues come in ascending
 * order; each eigenvector is scaled to unit length with its largest-magnitude component positive
 * (NumPy leaves the sign to LAPACK, so compare eigenvectors up to sign).
 */
export function eigh(x: ArrayLike, opts: EighOptions = {}): EighResult {
  const { values, vectors, shape, batch, dtype } = run(x, opts, true);
  return {
    eigenvalues: fromFloat64(values, batch, dtype),
    eigenvectors: fromFloat64(vectors!, shape, dtype),
  };
}

/** The eigenvalues of a symmetric matrix or stack, ascending (NumPy's `linalg.eigvalsh`). */
export function eigvalsh(x: ArrayLike, opts: EighOptions = {}): NDArray {
  const { values, batch, dtype } = run(x, opts, false);
  return fromFloat64(values, batch, dtype);
}

function run(x: ArrayLike, opts: EighOptions, wantVectors: boolean) {
  const uplo = opts.UPLO ?? 'L';
  if (uplo !== 'L' && uplo !== 'U') throw new ValueError("UPLO argument must be 'L' or 'U'");
  const a = asarray(x);
  assertStackedSquare(a);
  const s = toStack(a);
  const n = s.rows;
  const values = new Float64Array(s.count * n);
  const vectors = wantVectors ? new Float64Array(s.count * n * n) : null;
  const w = new Float64Array(n);
  const e = new Float64Array(n);
  const vt = new Float64Array(n * n);
  const order = new Array<number>(n);
  for (let t = 0; t < s.count; t++) {
    const off = t * n * n;
    symmetrize(s.data, off, n, uplo);
    const v = s.data.subarray(off, off + n * n);
    tred2(v, n, w, e);
    if (wantVectors) for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) vt[i * n + k] = v[k * n + i];
    tql2(n, w, e, wantVectors ? vt : null);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((p, q) => w[p] - w[q] || p - q);
    for (let i = 0; i < n; i++) values[t * n + i] = w[order[i]];
    if (vectors) {
      for (let i = 0; i < n; i++) {
        const r = order[i] * n; // eigenvector i is row order[i] of vt
        let big = 0;
        for (let k = 1; k < n; k++) if (Math.abs(vt[r + k]) > Math.abs(vt[r + big])) big = k;
        const sign = vt[r + big] < 0 ? -1 : 1;
        for (let k = 0; k < n; k++) vectors[off + k * n + i] = sign * vt[r + k];
      }
    }
  }
  return { values, vectors, shape: a.shape, batch: [...s.batch, n], dtype: linalgFloat(a.dtype) };
}

/** Mirrors the triangle that is read onto the other one. */
function symmetrize(a: Float64Array, off: number, n: number, uplo: 'L' | 'U'): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (uplo === 'L') a[off + i * n + j] = a[off + j * n + i];
      else a[off + j * n + i] = a[off + i * n + j];
    }
  }
}

/**
 * Householder reduction of the symmetric n×n matrix `v` (row-major; its lower triangle is read)
 * to tridiagonal form: on return `d` holds the diagonal, `e[1…n−1]` the subdiagonal, and `v` the
 * orthogonal transformation Q with A = Q·T·Qᵀ. (EISPACK's tred2, as in JAMA.)
 */
function tred2(v: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      // the Householder vector, scaled against under/overflow
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      // similarity transformation of the remaining columns
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // accumulate the transformations
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  if (n > 0) v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL iterations with Wilkinson-like shifts on the tridiagonal (d, e) from `tred2`:
 * `d` ends as the (unsorted) eigenvalues. With `vt` (= Qᵀ, row-major), its rows are rotated along
 * and end as the eigenvectors. (EISPACK's tql2, as in JAMA.)
 */
function tql2(n: number, d: Float64Array, e: Float64Array, vt: Float64Array | null): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n > 0) e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    // find a negligible subdiagonal element
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_ITER) throw new LinAlgError('Eigenvalues did not converge');
        // implicit shift
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        // implicit QL transformation
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (vt) {
            const ri = i * n;
            const rj = (i + 1) * n;
            for (let k = 0; k < n; k++) {
              const x = vt[rj + k];
              vt[rj + k] = s * vt[ri + k] + c * x;
              vt[ri + k] = c * vt[ri + k] - s * x;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPS * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
