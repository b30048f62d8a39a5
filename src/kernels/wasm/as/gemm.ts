// AssemblyScript: GEMM for float32 and float64 with 128-bit SIMD, after Goto & van de Geijn.
//
//   C[b] = alpha · op(A[b]) · op(B[b]) + beta · C[b] (+ bias)     op(X) = X or Xᵀ
//
// Two phases, each split into tasks that threads take from a shared counter:
//   1. pack: op(A) into MR-row panels and op(B) into NR-column panels, K cut into KC blocks, so
//      the micro-kernel reads both operands contiguously; alpha is folded into the A panels.
//   2. compute: for each (MC × NC) block of C: scale by beta and add the bias, then for every
//      KC block, every NR panel of B (stays in L1) and every MR panel of A, run the micro-kernel
//      that keeps an MR × NR tile of C in 8 SIMD registers.
// Layout of the packed operands of one batch item (elements):
//   A: block kb at kb·KC·Mpad, panel of rows i0 at + i0·kcb, element (kk, r) at + kk·MR + r
//   B: block kb at kb·KC·Npad, panel of cols j0 at + j0·kcb, element (kk, c) at + kk·NR + c
// where kcb is the size of block kb (the last one is shorter) and Mpad, Npad round up to MR, NR.
import { argF, argI, argP, nextTask } from './common';

/** Rows of the register tile. */
export const MR = 4;
/** Bytes of one packed A element: a whole vector (see packPanelA). */
export const A_ELEM: usize = 16;
/** Panels packed per pack task. */
const PANELS_PER_TASK = 8;

// Argument record slots (src/kernels/wasm/gemm.ts writes them).
const TRANS_A = 1;
const TRANS_B = 2;
const M = 3;
const N = 4;
const K = 5;
const BATCH = 6;
const ALPHA = 7;
const BETA = 8;
const A_PTR = 9;
const LDA = 10;
const A_BATCH = 11;
const B_PTR = 12;
const LDB = 13;
const B_BATCH = 14;
const C_PTR = 15;
const LDC = 16;
const C_BATCH = 17;
const BIAS_PTR = 18;
const BIAS_STRIDE = 19;
const BIAS_MODE = 20; // 0 none, 1 one value per column (length n), 2 one value per row (length m)
const AP_PTR = 21;
const BP_PTR = 22;
const MC_SLOT = 23;
const NC_SLOT = 24;
const KC_SLOT = 25;
const TMP_PTR = 26; // nt tiles of MR × NR elements, for the ragged edges of C

/** Columns of the register tile: two vectors (8 float32 or 4 float64). */
export function nr<T>(): i32 {
  return <i32>(32 / sizeof<T>());
}

/** Rounds `x` up to a multiple of `q`. */
export function roundUp(x: i32, q: i32): i32 {
  return ((x + q - 1) / q) * q;
}

/**
 * C[0:MR, 0:NR] (+)= Ap[kc × MR]ᵀ · Bp[kc × NR] — the register-blocked micro-kernel; it adds to C
 * when `accumulate`, else overwrites it (saving a pass that zeroes C). `ldc` is C's row stride in
 * bytes. Eight accumulators plus two B vectors and one broadcast A value fit the 16 SIMD registers
 * V8 uses, so nothing spills.
 */
export function microKernel<T>(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = v128.splat<T>(<T>0);
  let c01 = v128.splat<T>(<T>0);
  let c10 = v128.splat<T>(<T>0);
  let c11 = v128.splat<T>(<T>0);
  let c20 = v128.splat<T>(<T>0);
  let c21 = v128.splat<T>(<T>0);
  let c30 = v128.splat<T>(<T>0);
  let c31 = v128.splat<T>(<T>0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load(ap);
    c00 = v128.add<T>(c00, v128.mul<T>(a, b0));
    c01 = v128.add<T>(c01, v128.mul<T>(a, b1));
    a = v128.load(ap, 16);
    c10 = v128.add<T>(c10, v128.mul<T>(a, b0));
    c11 = v128.add<T>(c11, v128.mul<T>(a, b1));
    a = v128.load(ap, 32);
    c20 = v128.add<T>(c20, v128.mul<T>(a, b0));
    c21 = v128.add<T>(c21, v128.mul<T>(a, b1));
    a = v128.load(ap, 48);
    c30 = v128.add<T>(c30, v128.mul<T>(a, b0));
    c31 = v128.add<T>(c31, v128.mul<T>(a, b1));
    ap += 64;
    bp += 32;
  }
  if (!accumulate) {
    v128.store(c, c00);
    v128.store(c, c01, 16);
    c += ldc;
    v128.store(c, c10);
    v128.store(c, c11, 16);
    c += ldc;
    v128.store(c, c20);
    v128.store(c, c21, 16);
    c += ldc;
    v128.store(c, c30);
    v128.store(c, c31, 16);
    return;
  }
  v128.store(c, v128.add<T>(v128.load(c), c00));
  v128.store(c, v128.add<T>(v128.load(c, 16), c01), 16);
  c += ldc;
  v128.store(c, v128.add<T>(v128.load(c), c10));
  v128.store(c, v128.add<T>(v128.load(c, 16), c11), 16);
  c += ldc;
  v128.store(c, v128.add<T>(v128.load(c), c20));
  v128.store(c, v128.add<T>(v128.load(c, 16), c21), 16);
  c += ldc;
  v128.store(c, v128.add<T>(v128.load(c), c30));
  v128.store(c, v128.add<T>(v128.load(c, 16), c31), 16);
}

/**
 * Packs rows i0 … i0+MR of alpha · op(A), columns k0 … k0+kcb, each value broadcast to a whole
 * vector: dst[(kk·MR + r)·16 bytes] = splat(alpha · op(A)[i0 + r, k0 + kk]); rows past m are zero.
 * op(A)[i, k] is a[i·lda + k], or a[k·lda + i] when transposed.
 * NOTE: pre-broadcast panels let the micro-kernel use plain loads, whose constant offsets V8 folds
 * into the address; its load-and-splat needs an extra address instruction per row and step.
 */
export function packPanelA<T>(
  trans: bool,
  a: usize,
  lda: i32,
  m: i32,
  i0: i32,
  k0: i32,
  kcb: i32,
  alpha: T,
  dst: usize,
): void {
  const S = sizeof<T>();
  const rows = min(MR, m - i0);
  // Steps between consecutive k and consecutive rows of op(A), in bytes.
  const stepK = trans ? <usize>lda * S : S;
  const stepI = trans ? S : <usize>lda * S;
  const src = a + (trans ? <usize>k0 * <usize>lda + <usize>i0 : <usize>i0 * <usize>lda + <usize>k0) * S;
  for (let r = 0; r < MR; r++) {
    let d = dst + <usize>r * A_ELEM;
    if (r >= rows) {
      for (let kk = 0; kk < kcb; kk++) {
        v128.store(d, v128.splat<T>(<T>0));
        d += <usize>MR * A_ELEM;
      }
      continue;
    }
    let s = src + <usize>r * stepI;
    for (let kk = 0; kk < kcb; kk++) {
      v128.store(d, v128.splat<T>(load<T>(s) * alpha));
      s += stepK;
      d += <usize>MR * A_ELEM;
    }
  }
}

/**
 * Packs columns j0 … j0+NR of op(B), rows k0 … k0+kcb, as dst[kk·NR + c]; columns past n are
 * zero. op(B)[k, j] is b[k·ldb + j], or b[j·ldb + k] when transposed.
 */
export function packPanelB<T>(
  trans: bool,
  b: usize,
  ldb: i32,
  n: i32,
  j0: i32,
  k0: i32,
  kcb: i32,
  dst: usize,
): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  const cols = min(NR, n - j0);
  if (!trans) {
    let src = b + (<usize>k0 * <usize>ldb + <usize>j0) * S;
    const step = <usize>ldb * S;
    if (cols == NR) {
      for (let kk = 0; kk < kcb; kk++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += 32;
      }
    } else {
      for (let kk = 0; kk < kcb; kk++) {
        for (let c = 0; c < NR; c++) {
          store<T>(dst + <usize>c * S, c < cols ? load<T>(src + <usize>c * S) : <T>0);
        }
        src += step;
        dst += 32;
      }
    }
    return;
  }
  const row = <usize>ldb * S;
  const src = b + (<usize>j0 * <usize>ldb + <usize>k0) * S;
  let kk = 0;
  if (S == 4 && cols == NR) {
    // Two 4 × 4 transposes per four k: columns j0…j0+3 then j0+4…j0+7.
    for (; kk + 4 <= kcb; kk += 4) {
      const d = dst + <usize>kk * 32;
      for (let h = 0; h < 2; h++) {
        const s = src + <usize>kk * S + <usize>(4 * h) * row;
        const r0 = v128.load(s);
        const r1 = v128.load(s + row);
        const r2 = v128.load(s + 2 * row);
        const r3 = v128.load(s + 3 * row);
        const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
        const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
        const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
        const dh = d + <usize>h * 16;
        v128.store(dh, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
        v128.store(dh, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 32);
        v128.store(dh, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 64);
        v128.store(dh, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 96);
      }
    }
  }
  for (; kk < kcb; kk++) {
    const d = dst + <usize>kk * 32;
    const s = src + <usize>kk * S;
    for (let c = 0; c < NR; c++) {
      store<T>(d + <usize>c * S, c < cols ? load<T>(s + <usize>c * row) : <T>0);
    }
  }
}

/** Packs all of alpha · op(A) (m × k) into `dst`, panels p0 … p1 (in units of MR rows). */
export function packA<T>(
  trans: bool,
  a: usize,
  lda: i32,
  m: i32,
  k: i32,
  kc: i32,
  alpha: T,
  dst: usize,
  p0: i32,
  p1: i32,
): void {
  const mpad = roundUp(m, MR);
  for (let k0 = 0; k0 < k; k0 += kc) {
    const kcb = min(kc, k - k0);
    const block = dst + <usize>k0 * <usize>mpad * A_ELEM;
    for (let p = p0; p < p1; p++) {
      const i0 = p * MR;
      packPanelA<T>(trans, a, lda, m, i0, k0, kcb, alpha, block + <usize>i0 * <usize>kcb * A_ELEM);
    }
  }
}

/** Packs all of op(B) (k × n) into `dst`, panels p0 … p1 (in units of NR columns). */
export function packB<T>(
  trans: bool,
  b: usize,
  ldb: i32,
  n: i32,
  k: i32,
  kc: i32,
  dst: usize,
  p0: i32,
  p1: i32,
): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  const npad = roundUp(n, NR);
  for (let k0 = 0; k0 < k; k0 += kc) {
    const kcb = min(kc, k - k0);
    const block = dst + <usize>k0 * <usize>npad * S;
    for (let p = p0; p < p1; p++) {
      const j0 = p * NR;
      packPanelB<T>(trans, b, ldb, n, j0, k0, kcb, block + <usize>j0 * <usize>kcb * S);
    }
  }
}

/**
 * C[i0:i1, j0:j1] = beta · C + bias, the epilogue applied before accumulation. beta = 0 writes
 * the bias (or 0) without reading C, so NaN or garbage in C does not leak through.
 */
export function prepareC<T>(
  c: usize,
  ldc: i32,
  i0: i32,
  i1: i32,
  j0: i32,
  j1: i32,
  beta: T,
  bias: usize,
  biasStride: i32,
  biasMode: i32,
): void {
  const S = sizeof<T>();
  const LANES = 16 / <i32>S;
  const width = j1 - j0;
  for (let i = i0; i < i1; i++) {
    const rowp = c + (<usize>i * <usize>ldc + <usize>j0) * S;
    if (beta == <T>0 && biasMode == 0) {
      memory.fill(rowp, 0, <usize>width * S);
    } else if (beta == <T>0 && biasMode == 1 && biasStride == 1) {
      memory.copy(rowp, bias + <usize>j0 * S, <usize>width * S);
    } else if (beta == <T>0 && biasMode == 2) {
      // One value per row: vector stores, then the tail.
      const v = load<T>(bias + <usize>i * <usize>biasStride * S);
      const vv = v128.splat<T>(v);
      let j = 0;
      for (; j + LANES <= width; j += LANES) v128.store(rowp + <usize>j * S, vv);
      for (; j < width; j++) store<T>(rowp + <usize>j * S, v);
    } else {
      const rowBias = biasMode == 2 ? load<T>(bias + <usize>i * <usize>biasStride * S) : <T>0;
      for (let j = 0; j < width; j++) {
        const p = rowp + <usize>j * S;
        let v = beta == <T>0 ? <T>0 : beta * load<T>(p);
        if (biasMode == 1) v += load<T>(bias + <usize>(j0 + j) * <usize>biasStride * S);
        else v += rowBias;
        store<T>(p, v);
      }
    }
  }
}

/**
 * C[i0:i1, j0:j1] (+)= Ap · Bp over all of k, for packed operands (see the file comment); with
 * `accumulate` false the first K block overwrites C. Tiles on the ragged right or bottom edge go
 * through `tmp` (MR × NR elements) so the kernel never writes outside C.
 */
export function computeBlock<T>(
  m: i32,
  n: i32,
  k: i32,
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: i32,
  i0: i32,
  i1: i32,
  j0: i32,
  j1: i32,
  tmp: usize,
  accumulate: bool,
): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  const mpad = roundUp(m, MR);
  const npad = roundUp(n, NR);
  const ldcB = <usize>ldc * S;
  for (let k0 = 0; k0 < k; k0 += kc) {
    const kcb = min(kc, k - k0);
    const add = accumulate || k0 > 0;
    const aBlock = ap + <usize>k0 * <usize>mpad * A_ELEM;
    const bBlock = bp + <usize>k0 * <usize>npad * S;
    for (let j = j0; j < j1; j += NR) {
      const bPanel = bBlock + <usize>j * <usize>kcb * S;
      const cols = min(NR, n - j);
      for (let i = i0; i < i1; i += MR) {
        const aPanel = aBlock + <usize>i * <usize>kcb * A_ELEM;
        const rows = min(MR, m - i);
        const cp = c + <usize>i * ldcB + <usize>j * S;
        if (rows == MR && cols == NR) {
          microKernel<T>(kcb, aPanel, bPanel, cp, ldcB, add);
        } else {
          microKernel<T>(kcb, aPanel, bPanel, tmp, <usize>NR * S, false);
          for (let r = 0; r < rows; r++) {
            for (let q = 0; q < cols; q++) {
              const p = cp + <usize>r * ldcB + <usize>q * S;
              const v = load<T>(tmp + <usize>(r * NR + q) * S);
              store<T>(p, add ? load<T>(p) + v : v);
            }
          }
        }
      }
    }
  }
}

function gemmPack<T>(args: usize): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  const m = argI(args, M);
  const n = argI(args, N);
  const k = argI(args, K);
  const kc = argI(args, KC_SLOT);
  const panelsA = (m + MR - 1) / MR;
  const panelsB = (n + NR - 1) / NR;
  const tasksA = (panelsA + PANELS_PER_TASK - 1) / PANELS_PER_TASK;
  const tasksB = (panelsB + PANELS_PER_TASK - 1) / PANELS_PER_TASK;
  const perItem = tasksA + tasksB;
  const total = perItem * argI(args, BATCH);
  const packedA = <usize>roundUp(m, MR) * <usize>k * A_ELEM;
  const packedB = <usize>roundUp(n, NR) * <usize>k * S;
  for (let t = nextTask(args); t < total; t = nextTask(args)) {
    const item = t / perItem;
    const r = t - item * perItem;
    if (r < tasksA) {
      const a = argP(args, A_PTR) + <usize>item * <usize>argI(args, A_BATCH) * S;
      const p0 = r * PANELS_PER_TASK;
      const p1 = min(panelsA, p0 + PANELS_PER_TASK);
      const dst = argP(args, AP_PTR) + <usize>item * packedA;
      packA<T>(argI(args, TRANS_A) != 0, a, argI(args, LDA), m, k, kc, <T>argF(args, ALPHA), dst, p0, p1);
    } else {
      const b = argP(args, B_PTR) + <usize>item * <usize>argI(args, B_BATCH) * S;
      const p0 = (r - tasksA) * PANELS_PER_TASK;
      const p1 = min(panelsB, p0 + PANELS_PER_TASK);
      const dst = argP(args, BP_PTR) + <usize>item * packedB;
      packB<T>(argI(args, TRANS_B) != 0, b, argI(args, LDB), n, k, kc, dst, p0, p1);
    }
  }
}

function gemmCompute<T>(args: usize, tid: i32): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  const m = argI(args, M);
  const n = argI(args, N);
  const k = argI(args, K);
  const mc = argI(args, MC_SLOT);
  const nc = argI(args, NC_SLOT);
  const kc = argI(args, KC_SLOT);
  const ldc = argI(args, LDC);
  const blocksM = (m + mc - 1) / mc;
  const blocksN = (n + nc - 1) / nc;
  const perItem = blocksM * blocksN;
  const total = perItem * argI(args, BATCH);
  const packedA = <usize>roundUp(m, MR) * <usize>k * A_ELEM;
  const packedB = <usize>roundUp(n, NR) * <usize>k * S;
  const tmp = argP(args, TMP_PTR) + <usize>tid * <usize>(MR * NR) * S;
  const beta = <T>argF(args, BETA);
  const biasMode = argI(args, BIAS_MODE);
  for (let t = nextTask(args); t < total; t = nextTask(args)) {
    const item = t / perItem;
    const r = t - item * perItem;
    // Consecutive tasks walk down M first so neighbours share the same packed B columns.
    const jb = r / blocksM;
    const ib = r - jb * blocksM;
    const i0 = ib * mc;
    const i1 = min(m, i0 + mc);
    const j0 = jb * nc;
    const j1 = min(n, j0 + nc);
    const c = argP(args, C_PTR) + <usize>item * <usize>argI(args, C_BATCH) * S;
    // Without beta or bias the first K block simply overwrites C.
    const prepare = beta != <T>0 || biasMode != 0 || k == 0;
    if (prepare) {
      prepareC<T>(c, ldc, i0, i1, j0, j1, beta, argP(args, BIAS_PTR), argI(args, BIAS_STRIDE), biasMode);
    }
    if (k == 0) continue;
    const ap = argP(args, AP_PTR) + <usize>item * packedA;
    const bp = argP(args, BP_PTR) + <usize>item * packedB;
    computeBlock<T>(m, n, k, kc, ap, bp, c, ldc, i0, i1, j0, j1, tmp, prepare);
  }
}

/** Phase 1 of a float32 GEMM (see the file comment). */
export function gemmPackF32(args: usize, _tid: i32, _nt: i32): void {
  gemmPack<f32>(args);
}
/** Phase 2 of a float32 GEMM. */
export function gemmComputeF32(args: usize, tid: i32, _nt: i32): void {
  gemmCompute<f32>(args, tid);
}
/** Phase 1 of a float64 GEMM. */
export function gemmPackF64(args: usize, _tid: i32, _nt: i32): void {
  gemmPack<f64>(args);
}
/** Phase 2 of a float64 GEMM. */
export function gemmComputeF64(args: usize, tid: i32, _nt: i32): void {
  gemmCompute<f64>(args, tid);
}
