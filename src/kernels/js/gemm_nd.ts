/**
 * GEMM, the reference kernel behind `dot`, `matmul`, `tensordot`, `inner`, `outer` and `einsum`:
 *
 *   C[i, j] = Σ_p A[i, p] · B[p, j]        A: (m, k), B: (k, n), C: (m, n)
 *
 * Every operand is addressed by an offset and a row and a column stride in elements, so
 * transposed and sliced views go in without a copy: the kernel packs panels of A and B into
 * contiguous float64 scratch (BLIS style) and runs a 4×4 register-blocked micro-kernel over them.
 * Sums are accumulated in float64 whatever the storage type; C receives them through its typed
 * array's own conversion (float32 rounds, int32/int8/uint8 wrap modulo 2^bits like NumPy's).
 *
 * This is the single entry point a faster backend (WASM SIMD) replaces: callers only ever use
 * `gemm(...)`.
 */
import type { NumArray } from './copy.js';
import { getBackend } from '../backend.js';
import { stridedGemmArgs } from '../strided.js';

/** Rows of the micro-tile. */
const MR = 4;
/** Columns of the micro-tile. */
const NR = 4;
/** Depth of one packed panel (k block): 256 doubles × 4 rows = 8 KiB per A micro-panel. */
const KC = 256;
/** Rows of A packed at once (an L2-sized block of A). */
const MC = 96;
/** Columns of B packed at once. */
const NC = 1024;
/** Below this many multiply-adds the packing costs more than it saves. */
const SMALL = 24 * 24 * 24;

// NOTE: scratch is reused across calls (fresh pages cost ~14 µs each to touch, see DESIGN.md).
// JS is single-threaded per isolate and the kernel never re-enters itself, so sharing is safe.
let packA = new Float64Array(0);
let packB = new Float64Array(0);
const edgeTile = new Float64Array(MR * NR);

function scratch(na: number, nb: number): void {
  if (packA.length < na) packA = new Float64Array(na);
  if (packB.length < nb) packB = new Float64Array(nb);
}

/** Products at least this big (m·n·k) go to the compute backend when their layout allows. */
const BACKEND_MIN = 32 * 32 * 32;

/**
 * Hands a float product whose operands have a BLAS layout (see `stridedGemmArgs`) to the active
 * Backend — the wasm GEMM with SIMD and threads when it is loaded. Returns false when the
 * layout or dtypes need the strided loop below, or when the active backend is js (whose GEMM is
 * this file's job).
 */
function viaBackend(
  m: number,
  n: number,
  k: number,
  a: NumArray,
  aOff: number,
  aRs: number,
  aCs: number,
  b: NumArray,
  bOff: number,
  bRs: number,
  bCs: number,
  c: NumArray,
  cOff: number,
  cRs: number,
  cCs: number,
): boolean {
  if (!(a instanceof Float32Array || a instanceof Float64Array)) return false;
  const backend = getBackend();
  if (backend.name === 'js') return false;
  const args = stridedGemmArgs(
    m,
    n,
    k,
    a,
    aOff,
    aRs,
    aCs,
    b as typeof a,
    bOff,
    bRs,
    bCs,
    c as typeof a,
    cOff,
    cRs,
    cCs,
  );
  if (args === null) return false;
  backend.gemm(args);
  return true;
}

/**
 * C = A·B (overwrites C). Strides and offsets are in elements; any stride may be zero or
 * negative. `k = 0` fills C with zeros. Large float products with a BLAS layout go to the
 * active compute backend (see `viaBackend`).
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: NumArray,
  aOff: number,
  aRs: number,
  aCs: number,
  b: NumArray,
  bOff: number,
  bRs: number,
  bCs: number,
  c: NumArray,
  cOff: number,
  cRs: number,
  cCs: number,
): void {
  if (m === 0 || n === 0) return;
  if (
    k > 0 &&
    m * n * k >= BACKEND_MIN &&
    viaBackend(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs)
  ) {
    return;
  }
  if (k === 0 || m * n * k <= SMALL || m < MR || n < NR) {
    gemmSmall(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
    return;
  }
  const mcMax = Math.min(MC, roundUp(m, MR));
  const ncMax = Math.min(NC, roundUp(n, NR));
  const kcMax = Math.min(KC, k);
  scratch(mcMax * kcMax, ncMax * kcMax);
  const pa = packA;
  const pb = packB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanels(pb, b, bOff + pc * bRs + jc * bCs, bCs, bRs, nc, kc, NR);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(pa, a, aOff + ic * aRs + pc * aCs, aRs, aCs, mc, kc, MR);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            micro4x4(
              kc,
              pa,
              ir * kc,
              pb,
              jr * kc,
              c,
              cOff + (ic + ir) * cRs + (jc + jr) * cCs,
              cRs,
              cCs,
              mr,
              nr,
              pc > 0,
            );
          }
        }
      }
    }
  }
}

function roundUp(x: number, r: number): number {
  return Math.ceil(x / r) * r;
}

/**
 * Packs `rows` lines of a strided matrix (line i starts at off + i·lineStride, element p of it
 * at + p·stepStride) into micro-panels of `r` lines: panel q holds, for p = 0 … kc−1, the r
 * values of lines q·r … q·r+r−1 at position p, zero-padded past `rows`.
 */
function packPanels(
  dst: Float64Array,
  src: NumArray,
  off: number,
  lineStride: number,
  stepStride: number,
  rows: number,
  kc: number,
  r: number,
): void {
  let t = 0;
  for (let q = 0; q < rows; q += r) {
    const lines = Math.min(r, rows - q);
    for (let p = 0; p < kc; p++) {
      const s = off + q * lineStride + p * stepStride;
      let i = 0;
      for (; i < lines; i++) dst[t + i] = src[s + i * lineStride];
      for (; i < r; i++) dst[t + i] = 0;
      t += r;
    }
  }
}

/** One MR×NR tile of C from an A micro-panel and a B micro-panel (both packed, depth kc). */
function micro4x4(
  kc: number,
  pa: Float64Array,
  ao: number,
  pb: Float64Array,
  bo: number,
  c: NumArray,
  co: number,
  cRs: number,
  cCs: number,
  mr: number,
  nr: number,
  accumulate: boolean,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = pa[ao],
      a1 = pa[ao + 1],
      a2 = pa[ao + 2],
      a3 = pa[ao + 3];
    const b0 = pb[bo],
      b1 = pb[bo + 1],
      b2 = pb[bo + 2],
      b3 = pb[bo + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    ao += MR;
    bo += NR;
  }
  if (mr === MR && nr === NR) {
    // full tile: store (or add) straight into C
    const r0 = co;
    const r1 = co + cRs;
    const r2 = co + 2 * cRs;
    const r3 = co + 3 * cRs;
    const j1 = cCs;
    const j2 = 2 * cCs;
    const j3 = 3 * cCs;
    if (accumulate) {
      c00 += c[r0];
      c01 += c[r0 + j1];
      c02 += c[r0 + j2];
      c03 += c[r0 + j3];
      c10 += c[r1];
      c11 += c[r1 + j1];
      c12 += c[r1 + j2];
      c13 += c[r1 + j3];
      c20 += c[r2];
      c21 += c[r2 + j1];
      c22 += c[r2 + j2];
      c23 += c[r2 + j3];
      c30 += c[r3];
      c31 += c[r3 + j1];
      c32 += c[r3 + j2];
      c33 += c[r3 + j3];
    }
    c[r0] = c00;
    c[r0 + j1] = c01;
    c[r0 + j2] = c02;
    c[r0 + j3] = c03;
    c[r1] = c10;
    c[r1 + j1] = c11;
    c[r1 + j2] = c12;
    c[r1 + j3] = c13;
    c[r2] = c20;
    c[r2 + j1] = c21;
    c[r2 + j2] = c22;
    c[r2 + j3] = c23;
    c[r3] = c30;
    c[r3 + j1] = c31;
    c[r3 + j2] = c32;
    c[r3 + j3] = c33;
    return;
  }
  const tile = edgeTile;
  tile[0] = c00;
  tile[1] = c01;
  tile[2] = c02;
  tile[3] = c03;
  tile[4] = c10;
  tile[5] = c11;
  tile[6] = c12;
  tile[7] = c13;
  tile[8] = c20;
  tile[9] = c21;
  tile[10] = c22;
  tile[11] = c23;
  tile[12] = c30;
  tile[13] = c31;
  tile[14] = c32;
  tile[15] = c33;
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nr; j++) {
      const t = co + i * cRs + j * cCs;
      c[t] = accumulate ? c[t] + tile[i * NR + j] : tile[i * NR + j];
    }
  }
}

/** The plain triple loop for small or thin products (matrix–vector, k = 0, tiny tiles). */
function gemmSmall(
  m: number,
  n: number,
  k: number,
  a: NumArray,
  aOff: number,
  aRs: number,
  aCs: number,
  b: NumArray,
  bOff: number,
  bRs: number,
  bCs: number,
  c: NumArray,
  cOff: number,
  cRs: number,
  cCs: number,
): void {
  for (let i = 0; i < m; i++) {
    const ai = aOff + i * aRs;
    const ci = cOff + i * cRs;
    for (let j = 0; j < n; j++) {
      let s = 0;
      let pa = ai;
      let pb = bOff + j * bCs;
      for (let p = 0; p < k; p++) {
        s += a[pa] * b[pb];
        pa += aCs;
        pb += bRs;
      }
      c[ci + j * cCs] = s;
    }
  }
}
