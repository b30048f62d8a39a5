/**
 * Convolution on the wasm backend: im2col + GEMM per image, images spread over threads (see
 * as/conv2d.ts). The weights are packed once per call with the GEMM pack phase.
 */
import { checkDtypes, checkRange, convSizes } from '../check.js';
import type {
  Conv2dArgs,
  Conv2dBackwardInputArgs,
  Conv2dBackwardWeightArgs,
  Conv2dGeometry,
  FloatArray,
} from '../types.js';
import { A_ELEM, MR, blockDepth, gemmRecord, gemmTuning, nrOf, packTasks, roundUp } from './gemm.js';
import type { WasmRuntime } from './runtime.js';

/** Image ranges of the weight gradient (see wasmConv2dBackwardWeight). */
const WEIGHT_GRADIENT_SLOTS = 8;

/** Below this many flops a convolution stays on the calling thread. */
const MIN_PARALLEL_FLOPS = 1 << 20;

interface Dims {
  f64: boolean;
  S: number;
  NR: number;
  cG: number;
  coG: number;
  P: number;
  Kg: number;
  threads: number;
}

function dims(rt: WasmRuntime, g: Conv2dGeometry, like: FloatArray): Dims {
  const f64 = like instanceof Float64Array;
  const cG = g.cIn / g.groups;
  const coG = g.cOut / g.groups;
  const P = g.outH * g.outW;
  const Kg = cG * g.kh * g.kw;
  const flops = 2 * g.n * g.cOut * P * Kg;
  const threads = flops < MIN_PARALLEL_FLOPS ? 1 : Math.min(rt.activeThreads(), g.n);
  return { f64, S: f64 ? 8 : 4, NR: nrOf(f64), cG, coG, P, Kg, threads: Math.max(1, threads) };
}

/** Packs the weights of every group (as op(A) of the per-image GEMMs) into the arena. */
function packWeights(rt: WasmRuntime, g: Conv2dGeometry, d: Dims, w: number, transposed: boolean): number {
  // Forward: A = W_g (coG × Kg). Backward input: A = W_gᵀ (Kg × coG), W_g stored (coG × Kg).
  const [m, k] = transposed ? [d.Kg, d.coG] : [d.coG, d.Kg];
  const ap = rt.alloc(g.groups * roundUp(m, MR) * k * A_ELEM);
  const args = gemmRecord(rt, {
    transA: transposed,
    transB: false,
    m,
    n: 0,
    k,
    batch: g.groups,
    alpha: 1,
    beta: 0,
    a: w,
    lda: d.Kg,
    aBatchStride: d.coG * d.Kg,
    b: 0,
    ldb: 0,
    bBatchStride: 0,
    c: 0,
    ldc: 0,
    cBatchStride: 0,
    bias: 0,
    biasStride: 0,
    biasMode: 0,
    ap,
    bp: 0,
    mc: gemmTuning.mc,
    nc: gemmTuning.nc,
    kc: blockDepth(k),
    tmp: 0,
  });
  // Packing small weights costs less than waking a worker.
  const threads = g.groups * m * k < 1 << 16 ? 1 : Math.min(d.threads, packTasks(m, 0, g.groups, d.f64));
  if (m > 0 && k > 0) rt.run(d.f64 ? 'gemmPackF64' : 'gemmPackF32', args, threads);
  return ap;
}

/** Writes a convolution argument record (slots in as/conv2d.ts). */
function convRecord(
  rt: WasmRuntime,
  g: Conv2dGeometry,
  ptrs: { x: number; packed: number; bias: number; y: number; scratch: number; scratchBytes: number },
  /** Depth of the per-image GEMM (its packed blocks must match the packed weights'). */
  depth: number,
  /** Backward weight: the number of image ranges with an accumulator each. */
  slots = 0,
): number {
  return rt.record([
    0,
    g.n,
    g.cIn,
    g.h,
    g.w,
    g.cOut,
    g.kh,
    g.kw,
    g.strideH,
    g.strideW,
    g.padTop,
    g.padLeft,
    g.dilationH,
    g.dilationW,
    g.groups,
    g.outH,
    g.outW,
    ptrs.x,
    ptrs.packed,
    ptrs.bias,
    ptrs.y,
    ptrs.scratch,
    ptrs.scratchBytes,
    blockDepth(depth),
    slots,
  ]);
}

/** Per-thread scratch of `elements` elements, rounded to 64 bytes; returns [base, bytes each]. */
function scratch(rt: WasmRuntime, d: Dims, elements: number): [number, number] {
  const bytes = roundUp(elements * d.S, 64);
  return [rt.alloc(bytes * d.threads), bytes];
}

/** Forward convolution on the wasm backend; see {@link Conv2dArgs}. */
export function wasmConv2d(rt: WasmRuntime, p: Conv2dArgs): void {
  const g = p.geom;
  const sz = convSizes(g);
  checkDtypes('conv2d', [p.x, p.w, p.y, p.bias]);
  checkRange('conv2d', 'x', p.x, p.xOffset, sz.x);
  checkRange('conv2d', 'w', p.w, p.wOffset, sz.w);
  checkRange('conv2d', 'y', p.y, p.yOffset, sz.y);
  if (p.bias) checkRange('conv2d', 'bias', p.bias, p.biasOffset ?? 0, g.cOut);
  if (sz.y === 0) return;
  const d = dims(rt, g, p.x);
  rt.reset();
  const x = rt.copyIn(p.x, p.xOffset, sz.x);
  const w = rt.copyIn(p.w, p.wOffset, sz.w);
  const bias = p.bias ? rt.copyIn(p.bias, p.biasOffset ?? 0, g.cOut) : 0;
  const y = rt.alloc(sz.y * d.S);
  const packed = packWeights(rt, g, d, w, false);
  const [base, bytes] = scratch(rt, d, d.Kg * d.P + d.Kg * roundUp(d.P, d.NR) + MR * d.NR);
  const args = convRecord(rt, g, { x, packed, bias, y, scratch: base, scratchBytes: bytes }, d.Kg);
  rt.run(d.f64 ? 'conv2dForwardF64' : 'conv2dForwardF32', args, d.threads);
  rt.copyOut(y, p.y, p.yOffset, sz.y);
}

/** Input gradient on the wasm backend; see {@link Conv2dBackwardInputArgs}. */
export function wasmConv2dBackwardInput(rt: WasmRuntime, p: Conv2dBackwardInputArgs): void {
  const g = p.geom;
  const sz = convSizes(g);
  checkDtypes('conv2dBackwardInput', [p.dy, p.w, p.dx]);
  checkRange('conv2dBackwardInput', 'dy', p.dy, p.dyOffset, sz.y);
  checkRange('conv2dBackwardInput', 'w', p.w, p.wOffset, sz.w);
  checkRange('conv2dBackwardInput', 'dx', p.dx, p.dxOffset, sz.x);
  if (sz.x === 0) return;
  const d = dims(rt, g, p.dy);
  rt.reset();
  const dy = rt.copyIn(p.dy, p.dyOffset, sz.y);
  const w = rt.copyIn(p.w, p.wOffset, sz.w);
  const dx = rt.alloc(sz.x * d.S);
  const packed = packWeights(rt, g, d, w, true);
  const [base, bytes] = scratch(rt, d, d.Kg * d.P + d.coG * roundUp(d.P, d.NR) + MR * d.NR);
  const args = convRecord(
    rt,
    g,
    { x: dy, packed, bias: 0, y: dx, scratch: base, scratchBytes: bytes },
    d.coG,
  );
  rt.run(d.f64 ? 'conv2dBackwardInputF64' : 'conv2dBackwardInputF32', args, d.threads);
  rt.copyOut(dx, p.dx, p.dxOffset, sz.x);
}

/** Weight and bias gradients on the wasm backend; see {@link Conv2dBackwardWeightArgs}. */
export function wasmConv2dBackwardWeight(rt: WasmRuntime, p: Conv2dBackwardWeightArgs): void {
  const g = p.geom;
  const sz = convSizes(g);
  checkDtypes('conv2dBackwardWeight', [p.x, p.dy, p.dw, p.db]);
  checkRange('conv2dBackwardWeight', 'x', p.x, p.xOffset, sz.x);
  checkRange('conv2dBackwardWeight', 'dy', p.dy, p.dyOffset, sz.y);
  checkRange('conv2dBackwardWeight', 'dw', p.dw, p.dwOffset, sz.w);
  if (p.db) checkRange('conv2dBackwardWeight', 'db', p.db, p.dbOffset ?? 0, g.cOut);
  const d = dims(rt, g, p.x);
  // A fixed number of image ranges (slots), each summed in image order into its own accumulator
  // and the slots then added in order: the result does not depend on the thread count or on
  // which thread took which slot, so seeded training is reproducible with threads.
  const T = Math.max(1, Math.min(g.n, WEIGHT_GRADIENT_SLOTS));
  rt.reset();
  const x = rt.copyIn(p.x, p.xOffset, sz.x);
  const dy = rt.copyIn(p.dy, p.dyOffset, sz.y);
  const view = rt.view(p.x);
  const dwAcc = rt.alloc(T * sz.w * d.S);
  view.fill(0, dwAcc / d.S, dwAcc / d.S + T * sz.w);
  const dbAcc = p.db ? rt.alloc(T * g.cOut * d.S) : 0;
  if (p.db) view.fill(0, dbAcc / d.S, dbAcc / d.S + T * g.cOut);
  const [base, bytes] = scratch(
    rt,
    d,
    d.Kg * d.P + (roundUp(d.coG, MR) * d.P * A_ELEM) / d.S + roundUp(d.Kg, d.NR) * d.P + MR * d.NR,
  );
  const args = convRecord(
    rt,
    g,
    { x, packed: dy, bias: dbAcc, y: dwAcc, scratch: base, scratchBytes: bytes },
    d.P,
    T,
  );
  rt.run(d.f64 ? 'conv2dBackwardWeightF64' : 'conv2dBackwardWeightF32', args, Math.min(d.threads, T));
  const reduce = d.f64 ? 'reduceSlicesF64' : 'reduceSlicesF32';
  const dw = rt.alloc(sz.w * d.S);
  rt.run(reduce, rt.record([0, dwAcc, T, sz.w, sz.w, dw, 4096]), 1);
  rt.copyOut(dw, p.dw, p.dwOffset, sz.w);
  if (p.db) {
    const db = rt.alloc(g.cOut * d.S);
    rt.run(reduce, rt.record([0, dbAcc, T, g.cOut, g.cOut, db, 4096]), 1);
    rt.copyOut(db, p.db, p.dbOffset ?? 0, g.cOut);
  }
}
