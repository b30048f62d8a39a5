/**
 * GEMM on the wasm backend: copies the operands' spans into the arena, packs them (phase 1) and
 * multiplies (phase 2), both phases split across threads; the algorithm is described in
 * as/gemm.ts. Results match the js reference within float rounding (float32 sums in float32).
 */
import { checkGemm, span } from '../check.js';
import type { GemmArgs } from '../types.js';
import type { Heap, WasmRuntime } from './runtime.js';

/** Rows of the register tile (as/gemm.ts MR). */
export const MR = 4;

/** Bytes per packed A element: each value is stored broadcast to a 16-byte vector (as/gemm.ts A_ELEM). */
export const A_ELEM = 16;

/** Columns of the register tile: 8 float32 or 4 float64 (as/gemm.ts nr()). */
export function nrOf(f64: boolean): number {
  return f64 ? 4 : 8;
}

/** Rounds `x` up to a multiple of `q`. */
export function roundUp(x: number, q: number): number {
  return Math.ceil(x / q) * q;
}

/**
 * Blocking and threading parameters, tuned on the 2-core AVX-512 reference machine (see
 * bench/RESULTS.md). KC·NR of B stays in L1 while MC/MR panels of A stream from L2.
 */
export const gemmTuning = {
  /** Rows of C per compute task (multiple of MR). */
  mc: 64,
  /** Columns of C per compute task (multiple of 8). */
  nc: 256,
  /** Largest depth of one packed block; K is cut into equal blocks no deeper than this. */
  kc: 320,
  /** Below this many flops a GEMM stays on the calling thread (waking a worker costs more). */
  minParallelFlops: 1 << 23,
};

/** Depth of the packed blocks for a product of depth k: equal blocks of at most gemmTuning.kc. */
export function blockDepth(k: number): number {
  return Math.max(1, Math.ceil(k / Math.ceil(k / gemmTuning.kc)));
}

/** The fields of a GEMM argument record (see the slot list in as/gemm.ts). */
export interface GemmRecord {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  batch: number;
  alpha: number;
  beta: number;
  a: number;
  lda: number;
  aBatchStride: number;
  b: number;
  ldb: number;
  bBatchStride: number;
  c: number;
  ldc: number;
  cBatchStride: number;
  bias: number;
  biasStride: number;
  biasMode: 0 | 1 | 2;
  ap: number;
  bp: number;
  mc: number;
  nc: number;
  kc: number;
  tmp: number;
}

/** Writes a GEMM argument record into the arena. */
export function gemmRecord(rt: Heap, r: GemmRecord): number {
  return rt.record([
    0,
    r.transA ? 1 : 0,
    r.transB ? 1 : 0,
    r.m,
    r.n,
    r.k,
    r.batch,
    r.alpha,
    r.beta,
    r.a,
    r.lda,
    r.aBatchStride,
    r.b,
    r.ldb,
    r.bBatchStride,
    r.c,
    r.ldc,
    r.cBatchStride,
    r.bias,
    r.biasStride,
    r.biasMode,
    r.ap,
    r.bp,
    r.mc,
    r.nc,
    r.kc,
    r.tmp,
  ]);
}

/** Pack tasks of a record (as/gemm.ts gemmPack: groups of 8 panels). */
export function packTasks(m: number, n: number, batch: number, f64: boolean): number {
  return batch * (Math.ceil(Math.ceil(m / MR) / 8) + Math.ceil(Math.ceil(n / nrOf(f64)) / 8));
}

/** Matrix product on the wasm backend; see {@link GemmArgs}. */
export function wasmGemm(runtime: WasmRuntime, p: GemmArgs): void {
  const { aSpan, bSpan, cSpan } = checkGemm(p);
  const { m, n, k, batch } = p;
  if (m === 0 || n === 0 || batch === 0) return;
  const f64 = p.c instanceof Float64Array;
  const S = f64 ? 8 : 4;
  const NR = nrOf(f64);
  const flops = 2 * m * n * k * batch;
  const threads = flops < gemmTuning.minParallelFlops ? 1 : runtime.activeThreads();
  // A single-threaded product runs on the unshared instance when there is one (cheaper copies).
  const rt = runtime.heapFor(threads);

  rt.reset();
  const a = rt.copyIn(p.a, p.aOffset, aSpan);
  const b = rt.copyIn(p.b, p.bOffset, bSpan);
  // C is read when beta ≠ 0, and also when it has gaps (ldc > n …): copying its whole span in
  // and out keeps the elements between rows intact.
  const dense = p.ldc === n && (batch === 1 || p.cBatchStride === m * n);
  const c = p.beta !== 0 || !dense ? rt.copyIn(p.c, p.cOffset, cSpan) : rt.alloc(cSpan * S);
  const biasStride = p.biasStride ?? 1;
  const bias = p.bias ? rt.copyIn(p.bias, p.biasOffset ?? 0, span([n], [biasStride])) : 0;
  const ap = rt.alloc(batch * roundUp(m, MR) * k * A_ELEM);
  const bp = rt.alloc(batch * roundUp(n, NR) * k * S);
  const tmp = rt.alloc(threads * MR * NR * S);

  // Enough compute tasks (≥ 12 per thread) that the last one to finish barely delays the others:
  // narrow the column blocks if needed.
  const mc = gemmTuning.mc;
  let nc = gemmTuning.nc;
  while (threads > 1 && nc > NR && batch * Math.ceil(m / mc) * Math.ceil(n / nc) < 12 * threads) {
    nc = roundUp(nc / 2, NR);
  }
  const args = gemmRecord(rt, {
    transA: p.transA,
    transB: p.transB,
    m,
    n,
    k,
    batch,
    alpha: p.alpha,
    beta: p.beta,
    a,
    lda: p.lda,
    aBatchStride: p.aBatchStride,
    b,
    ldb: p.ldb,
    bBatchStride: p.bBatchStride,
    c,
    ldc: p.ldc,
    cBatchStride: p.cBatchStride,
    bias,
    biasStride,
    biasMode: p.bias ? 1 : 0,
    ap,
    bp,
    mc,
    nc,
    kc: blockDepth(k),
    tmp,
  });
  if (k > 0)
    rt.run(f64 ? 'gemmPackF64' : 'gemmPackF32', args, Math.min(threads, packTasks(m, n, batch, f64)));
  const computeTasks = batch * Math.ceil(m / mc) * Math.ceil(n / nc);
  rt.run(f64 ? 'gemmComputeF64' : 'gemmComputeF32', args, Math.min(threads, computeTasks));
  rt.copyOut(c, p.c, p.cOffset, cSpan);
}
