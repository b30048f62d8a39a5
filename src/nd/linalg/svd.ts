/**
 * Singular value decomposition by one-sided Jacobi (Hestenes): rotate pairs of columns of A
 * (of Aᵀ when A is wide) until all are mutually orthogonal; their norms are the singular values,
 * the normalised columns the left singular vectors and the accumulated rotations the right ones.
 * Singular values come out with high relative accuracy. Also here: `svdvals`, `pinv`,
 * `matrixRank`.
 */
import { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { ValueError } from '../errors.js';
import { shapeSize } from '../shape.js';
import { assertStacked2d, fromFloat64, linalgFloat, toStack } from './core.js';

const EPS = 2.220446049250313e-16;
const EPS32 = 1.1920928955078125e-7;
const MAX_SWEEPS = 75;

/** What `svdMatrix` returns for one m×n matrix; c = min(m, n). */
export interface SvdParts {
  /** Singular values, descending (c). */
  s: Float64Array;
  /** U, row-major m × uCols (uCols = c, or m for full matrices); empty without vectors. */
  u: Float64Array;
  uCols: number;
  /** Vᵀ, row-major vRows × n (vRows = c, or n for full matrices); empty without vectors. */
  vt: Float64Array;
  vRows: number;
}

/**
 * SVD of the m×n row-major block of `a` at `off` (not modified). `vectors`: 'none', 'reduced'
 * or 'full'. Each pair (uᵢ, vᵢ) is signed so that vᵢ's largest-magnitude component is positive.
 */
export function svdMatrix(
  a: Float64Array,
  off: number,
  m: number,
  n: number,
  vectors: 'none' | 'reduced' | 'full',
): SvdParts {
  const wide = m < n;
  const r = Math.max(m, n);
  const c = Math.min(m, n);
  const want = vectors !== 'none';
  // g: c rows of length r, the columns of A (tall) or of Aᵀ (wide)
  const g = new Float64Array(c * r);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      if (wide) g[i * r + j] = a[off + i * n + j];
      else g[j * r + i] = a[off + i * n + j];
    }
  }
  // h: the accumulated rotations, c rows of length c
  const h = want ? new Float64Array(c * c) : new Float64Array(0);
  for (let i = 0; want && i < c; i++) h[i * c + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let i = 0; i < c - 1; i++) {
      for (let j = i + 1; j < c; j++) {
        const gi = i * r;
        const gj = j * r;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let k = 0; k < r; k++) {
          const x = g[gi + k];
          const y = g[gj + k];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t =
          Math.abs(zeta) > 1e150
            ? 1 / (2 * zeta)
            : (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let k = 0; k < r; k++) {
          const x = g[gi + k];
          const y = g[gj + k];
          g[gi + k] = cs * x - sn * y;
          g[gj + k] = sn * x + cs * y;
        }
        if (want) {
          const hi = i * c;
          const hj = j * c;
          for (let k = 0; k < c; k++) {
            const x = h[hi + k];
            const y = h[hj + k];
            h[hi + k] = cs * x - sn * y;
            h[hj + k] = sn * x + cs * y;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const sigma = new Float64Array(c);
  for (let i = 0; i < c; i++) {
    let ss = 0;
    for (let k = 0; k < r; k++) ss = Math.hypot(ss, g[i * r + k]);
    sigma[i] = ss;
  }
  const order = Array.from({ length: c }, (_, i) => i).sort((p, q) => sigma[q] - sigma[p] || p - q);
  const s = Float64Array.from(order, (i) => sigma[i]);
  if (!want) return { s, u: new Float64Array(0), uCols: 0, vt: new Float64Array(0), vRows: 0 };

  // the long side: normalised g rows, completed to an orthonormal set where σ = 0 or when full
  const longCount = vectors === 'full' ? r : c;
  const long = new Float64Array(longCount * r);
  const known = new Uint8Array(longCount);
  for (let p = 0; p < c; p++) {
    const src = order[p] * r;
    if (!(s[p] > 1e-290)) continue;
    for (let k = 0; k < r; k++) long[p * r + k] = g[src + k] / s[p];
    known[p] = 1;
  }
  completeBasis(long, known, longCount, r);
  // the short side: rows of h, already orthonormal
  const short = new Float64Array(c * c);
  for (let p = 0; p < c; p++) short.set(h.subarray(order[p] * c, order[p] * c + c), p * c);
  // sign: make the largest component of vᵢ positive, flipping uᵢ with it
  const vRowsArr = wide ? long : short;
  const vLen = wide ? r : c;
  const uRowsArr = wide ? short : long;
  const uLen = wide ? c : r;
  for (let p = 0; p < c; p++) {
    let big = 0;
    for (let k = 1; k < vLen; k++) {
      if (Math.abs(vRowsArr[p * vLen + k]) > Math.abs(vRowsArr[p * vLen + big])) big = k;
    }
    if (vRowsArr[p * vLen + big] < 0) {
      for (let k = 0; k < vLen; k++) vRowsArr[p * vLen + k] = -vRowsArr[p * vLen + k];
      for (let k = 0; k < uLen; k++) uRowsArr[p * uLen + k] = -uRowsArr[p * uLen + k];
    }
  }
  // U's columns are the u rows; Vᵀ's rows are the v rows
  const uCols = wide ? c : longCount;
  const u = new Float64Array(m * uCols);
  for (let p = 0; p < uCols; p++) for (let k = 0; k < m; k++) u[k * uCols + p] = uRowsArr[p * uLen + k];
  const vRows = wide ? longCount : c;
  const vt = vRowsArr.slice(0, vRows * n);
  return { s, u, uCols, vt, vRows };
}

/**
 * Fills the rows of `rows` (count × len, orthonormal where `known`) that are not known with unit
 * vectors orthogonal to all others: each time the basis vector e_k farthest from the current
 * span, Gram–Schmidt'ed twice.
 */
function completeBasis(rows: Float64Array, known: Uint8Array, count: number, len: number): void {
  const resid = new Float64Array(len);
  for (let p = 0; p < count; p++) {
    if (known[p]) continue;
    // ‖e_k − proj(e_k)‖² = 1 − Σ_q rows[q][k]² over the known rows
    resid.fill(1);
    for (let q = 0; q < count; q++) {
      if (!known[q]) continue;
      for (let k = 0; k < len; k++) resid[k] -= rows[q * len + k] * rows[q * len + k];
    }
    let best = 0;
    for (let k = 1; k < len; k++) if (resid[k] > resid[best]) best = k;
    const v = rows.subarray(p * len, p * len + len);
    v.fill(0);
    v[best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < count; q++) {
        if (!known[q]) continue;
        let d = 0;
        for (let k = 0; k < len; k++) d += rows[q * len + k] * v[k];
        for (let k = 0; k < len; k++) v[k] -= d * rows[q * len + k];
      }
    }
    let nrm = 0;
    for (let k = 0; k < len; k++) nrm = Math.hypot(nrm, v[k]);
    for (let k = 0; k < len; k++) v[k] /= nrm;
    known[p] = 1;
  }
}

/** The three factors of `svd`: A = U · diag(S) · Vh. */
export interface SVDResult {
  U: NDArray;
  S: NDArray;
  Vh: NDArray;
}

/** Options of `svd`. */
export interface SvdOptions {
  /** U (…, M, M) and Vh (…, N, N) when true (default); (…, M, K) and (…, K, N) when false. */
  fullMatrices?: boolean;
  /** Compute U and Vh (default true); when false only S is returned. */
  computeUv?: boolean;
}

/**
 * Singular value decomposition of a matrix or stack (…, M, N) (NumPy's `linalg.svd`): returns
 * `{ U, S, Vh }` with A = U · diag(S) · Vh and S descending, or only S with `computeUv: false`.
 * Each singular pair is signed so that the largest-magnitude entry of its Vh row is positive
 * (NumPy leaves the signs to LAPACK, so compare vectors up to sign).
 */
export function svd(x: ArrayLike, opts?: SvdOptions & { computeUv?: true }): SVDResult;
export function svd(x: ArrayLike, opts: SvdOptions & { computeUv: false }): NDArray;
export function svd(x: ArrayLike, opts?: SvdOptions): SVDResult | NDArray;
export function svd(x: ArrayLike, opts: SvdOptions = {}): SVDResult | NDArray {
  const a = asarray(x);
  assertStacked2d(a);
  const s = toStack(a);
  const { rows: m, cols: n, count } = s;
  const k = Math.min(m, n);
  const dt = linalgFloat(a.dtype);
  if (opts.computeUv === false) return svdvalsOf(s.data, count, m, n, s.batch, dt);
  const full = opts.fullMatrices ?? true;
  const uCols = full ? m : k;
  const vRows = full ? n : k;
  const U = new Float64Array(count * m * uCols);
  const S = new Float64Array(count * k);
  const Vh = new Float64Array(count * vRows * n);
  for (let t = 0; t < count; t++) {
    const parts = svdMatrix(s.data, t * m * n, m, n, full ? 'full' : 'reduced');
    U.set(parts.u, t * m * uCols);
    S.set(parts.s, t * k);
    Vh.set(parts.vt, t * vRows * n);
  }
  return {
    U: fromFloat64(U, [...s.batch, m, uCols], dt),
    S: fromFloat64(S, [...s.batch, k], dt),
    Vh: fromFloat64(Vh, [...s.batch, vRows, n], dt),
  };
}

function svdvalsOf(
  data: Float64Array,
  count: number,
  m: number,
  n: number,
  batch: number[],
  dt: 'float32' | 'float64',
): NDArray {
  const k = Math.min(m, n);
  const S = new Float64Array(count * k);
  for (let t = 0; t < count; t++) S.set(svdMatrix(data, t * m * n, m, n, 'none').s, t * k);
  return fromFloat64(S, [...batch, k], dt);
}

/** The singular values of a matrix or stack, descending (NumPy's `linalg.svdvals`). */
export function svdvals(x: ArrayLike): NDArray {
  const a = asarray(x);
  assertStacked2d(a);
  const s = toStack(a);
  return svdvalsOf(s.data, s.count, s.rows, s.cols, s.batch, linalgFloat(a.dtype));
}

/** Options of `pinv`. */
export interface PinvOptions {
  /** Singular values ≤ rcond · max(S) are treated as zero. Default 1e-15 (NumPy's). */
  rcond?: number;
  /** Like rcond (NumPy 2's name); `null` means max(M, N) · eps. Not together with rcond. */
  rtol?: number | null;
  /** Accepted for NumPy compatibility; the SVD route is used either way. */
  hermitian?: boolean;
}

/**
 * Moore–Penrose pseudo-inverse of a matrix or stack (…, M, N) → (…, N, M), from the SVD with
 * small singular values discarded (NumPy's `linalg.pinv`).
 */
export function pinv(x: ArrayLike, opts: PinvOptions = {}): NDArray {
  const a = asarray(x);
  assertStacked2d(a);
  if (opts.rcond !== undefined && opts.rtol !== undefined) {
    throw new ValueError("`rtol` and `rcond` can't be both set.");
  }
  const dt = linalgFloat(a.dtype);
  const s = toStack(a);
  const { rows: m, cols: n, count } = s;
  let rcond: number;
  if (opts.rcond !== undefined) rcond = opts.rcond;
  else if (opts.rtol === undefined) rcond = 1e-15;
  else if (opts.rtol === null) rcond = Math.max(m, n) * (dt === 'float32' ? EPS32 : EPS);
  else rcond = opts.rtol;
  const out = new Float64Array(count * n * m);
  for (let t = 0; t < count; t++) {
    const { s: sv, u, vt } = svdMatrix(s.data, t * m * n, m, n, 'reduced');
    const k = sv.length;
    const cutoff = rcond * (k > 0 ? sv[0] : 0);
    const o = t * n * m;
    // pinv[i, j] = Σ_p Vh[p, i] · (1/S[p]) · U[j, p]
    for (let p = 0; p < k; p++) {
      if (!(sv[p] > cutoff)) continue;
      const inv = 1 / sv[p];
      for (let i = 0; i < n; i++) {
        const vi = vt[p * n + i] * inv;
        if (vi === 0) continue;
        for (let j = 0; j < m; j++) out[o + i * m + j] += vi * u[j * k + p];
      }
    }
  }
  return fromFloat64(out, [...s.batch, n, m], dt);
}

/** Options of `matrixRank`. */
export interface MatrixRankOptions {
  /** Absolute threshold: singular values > tol count. Default: S.max · rtol. */
  tol?: number;
  /** Relative threshold; default max(M, N) · eps of the dtype. */
  rtol?: number;
  /** Accepted for NumPy compatibility; the SVD route is used either way. */
  hermitian?: boolean;
}

/**
 * Rank of a matrix (or of each in a stack) as the number of singular values above the threshold
 * (NumPy's `linalg.matrix_rank`); a vector or scalar has rank 1 unless it is all zeros. Returns
 * an int64 array of the batch shape (0-d for one matrix).
 */
export function matrixRank(x: ArrayLike, opts: MatrixRankOptions = {}): NDArray {
  const a = asarray(x);
  if (opts.tol !== undefined && opts.rtol !== undefined) {
    throw new ValueError("`tol` and `rtol` can't be both set.");
  }
  if (a.ndim < 2) {
    const c = a.copy().data;
    let nonzero = 0;
    for (let i = 0; i < c.length; i++) if (c[i] !== 0) nonzero = 1;
    return NDArray.fromData(Float64Array.of(nonzero), [], 'int64');
  }
  const S = svdvals(a);
  const k = S.shape[S.ndim - 1];
  const m = a.shape[a.ndim - 2];
  const n = a.shape[a.ndim - 1];
  const eps = S.dtype === 'float32' ? EPS32 : EPS;
  const rtol = opts.rtol ?? Math.max(m, n) * eps;
  const batch = S.shape.slice(0, -1);
  const out = new Float64Array(shapeSize(batch));
  const sv = S.data;
  for (let t = 0; t < out.length; t++) {
    let smax = 0;
    for (let p = 0; p < k; p++) smax = Math.max(smax, sv[t * k + p]);
    const tol = opts.tol ?? smax * rtol;
    let rank = 0;
    for (let p = 0; p < k; p++) if (sv[t * k + p] > tol) rank++;
    out[t] = rank;
  }
  return NDArray.fromData(out, batch, 'int64');
}
