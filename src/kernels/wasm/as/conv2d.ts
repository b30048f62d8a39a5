// AssemblyScript: 2-D convolution over NCHW as im2col + GEMM, one image per task.
//
//   forward         y[b, g] (coG × P)    = Wg (coG × Kg) · col(x[b], g) (Kg × P) + bias
//   backward input  dx[b] += col2im(Wgᵀ (Kg × coG) · dy[b, g] (coG × P))
//   backward weight dW_t[g] (coG × Kg) += dy[b, g] (coG × P) · col(x[b], g)ᵀ (P × Kg)
//                   db_t[co] += Σ_p dy[b, co, p]
// with P = outH·outW, Kg = (cIn / groups)·kh·kw, coG = cOut / groups. The weights arrive packed
// (by gemmPack, once per call); each thread packs its image's other operand in its own scratch.
// Backward weight sums into per-slot dW_s, db_s that reduceSlices adds up afterwards: slot s owns
// a fixed contiguous range of images, summed in image order, so the result does not depend on
// which thread took which slot (or on how many threads joined).
import { argI, argP, nextTask } from './common';
import { A_ELEM, MR, computeBlock, nr, packA, packB, prepareC, roundUp } from './gemm';

// Argument record slots (src/kernels/wasm/conv2d.ts writes them).
const N = 1;
const C_IN = 2;
const H = 3;
const W = 4;
const C_OUT = 5;
const KH = 6;
const KW = 7;
const STRIDE_H = 8;
const STRIDE_W = 9;
const PAD_TOP = 10;
const PAD_LEFT = 11;
const DIL_H = 12;
const DIL_W = 13;
const GROUPS = 14;
const OUT_H = 15;
const OUT_W = 16;
const X_PTR = 17; // x, or dy for backward input
const W_PACKED = 18; // packed weights (forward, backward input) or dy (backward weight)
const BIAS_PTR = 19; // bias (forward) or db_t base (backward weight), 0 = none
const Y_PTR = 20; // y, dx, or dW_t base
const SCRATCH = 21;
const SCRATCH_BYTES = 22; // per thread
const KC = 23;
const SLOTS = 24; // backward weight: number of image ranges (and accumulators)

// The geometry of the current call. Globals are per instance, and every thread has its own
// instance, so these are thread-local; a class would need the (never freeing) stub allocator.
let cIn: i32 = 0;
let h: i32 = 0;
let w: i32 = 0;
let cOut: i32 = 0;
let kh: i32 = 0;
let kw: i32 = 0;
let sh: i32 = 0;
let sw: i32 = 0;
let pt: i32 = 0;
let pl: i32 = 0;
let dh: i32 = 0;
let dw: i32 = 0;
let groups: i32 = 0;
let outH: i32 = 0;
let outW: i32 = 0;

function readGeom(args: usize): void {
  cIn = argI(args, C_IN);
  h = argI(args, H);
  w = argI(args, W);
  cOut = argI(args, C_OUT);
  kh = argI(args, KH);
  kw = argI(args, KW);
  sh = argI(args, STRIDE_H);
  sw = argI(args, STRIDE_W);
  pt = argI(args, PAD_TOP);
  pl = argI(args, PAD_LEFT);
  dh = argI(args, DIL_H);
  dw = argI(args, DIL_W);
  groups = argI(args, GROUPS);
  outH = argI(args, OUT_H);
  outW = argI(args, OUT_W);
}

/** First output column whose input column `ow·sw + off` is ≥ 0. */
function firstValid(off: i32, s: i32): i32 {
  return off >= 0 ? 0 : (-off + s - 1) / s;
}

/** One past the last output column whose input column `ow·sw + off` is < size. */
function endValid(off: i32, s: i32, size: i32, out: i32): i32 {
  if (off >= size) return 0;
  return min(out, (size - 1 - off) / s + 1);
}

/**
 * col[(c·kh + i)·kw + j, oh·OW + ow] = x[c0 + c, oh·sh − pt + i·dh, ow·sw − pl + j·dw] (0 outside)
 * for the cIn/groups channels of group g starting at c0; `x` points at one image.
 */
function im2col<T>(x: usize, c0: i32, col: usize): void {
  const S = sizeof<T>();
  const cG = cIn / groups;
  const P = outH * outW;
  let dst = col;
  for (let c = 0; c < cG; c++) {
    const plane = x + <usize>(c0 + c) * <usize>(h * w) * S;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const offW = j * dw - pl;
        const lo = firstValid(offW, sw);
        const hi = max(lo, endValid(offW, sw, w, outW));
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * sh - pt + i * dh;
          const d = dst + <usize>(oh * outW) * S;
          if (ih < 0 || ih >= h) {
            memory.fill(d, 0, <usize>outW * S);
            continue;
          }
          if (lo > 0) memory.fill(d, 0, <usize>lo * S);
          const src = plane + <usize>(ih * w + offW) * S;
          if (sw == 1) {
            if (hi > lo) memory.copy(d + <usize>lo * S, src + <usize>lo * S, <usize>(hi - lo) * S);
          } else {
            for (let ow = lo; ow < hi; ow++) store<T>(d + <usize>ow * S, load<T>(src + <usize>(ow * sw) * S));
          }
          if (hi < outW) memory.fill(d + <usize>hi * S, 0, <usize>(outW - hi) * S);
        }
        dst += <usize>P * S;
      }
    }
  }
}

/** The adjoint of im2col: dx[c0 + c, ih, iw] += col[(c·kh + i)·kw + j, oh·OW + ow]. */
function col2im<T>(col: usize, c0: i32, dx: usize): void {
  const S = sizeof<T>();
  const cG = cIn / groups;
  const P = outH * outW;
  let src = col;
  for (let c = 0; c < cG; c++) {
    const plane = dx + <usize>(c0 + c) * <usize>(h * w) * S;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const offW = j * dw - pl;
        const lo = firstValid(offW, sw);
        const hi = endValid(offW, sw, w, outW);
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * sh - pt + i * dh;
          if (ih < 0 || ih >= h) continue;
          const s = src + <usize>(oh * outW) * S;
          const d = plane + <usize>(ih * w + offW) * S;
          for (let ow = lo; ow < hi; ow++) {
            const p = d + <usize>(ow * sw) * S;
            store<T>(p, load<T>(p) + load<T>(s + <usize>ow * S));
          }
        }
        src += <usize>P * S;
      }
    }
  }
}

function conv2dForward<T>(args: usize, tid: i32): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  readGeom(args);
  const n = argI(args, N);
  const kc = argI(args, KC);
  const cG = cIn / groups;
  const coG = cOut / groups;
  const P = outH * outW;
  const Kg = cG * kh * kw;
  const packedW = <usize>roundUp(coG, MR) * <usize>Kg * A_ELEM;
  const scratch = argP(args, SCRATCH) + <usize>tid * argP(args, SCRATCH_BYTES);
  const col = scratch;
  const bp = col + <usize>Kg * <usize>P * S;
  const tmp = bp + <usize>Kg * <usize>roundUp(P, NR) * S;
  const bias = argP(args, BIAS_PTR);
  for (let b = nextTask(args); b < n; b = nextTask(args)) {
    const x = argP(args, X_PTR) + <usize>b * <usize>(cIn * h * w) * S;
    const y = argP(args, Y_PTR) + <usize>b * <usize>(cOut * P) * S;
    for (let gi = 0; gi < groups; gi++) {
      const c = y + <usize>(gi * coG) * <usize>P * S;
      // With a bias (or nothing to sum) C starts as the bias; otherwise the GEMM overwrites it.
      const prepare = bias != 0 || Kg == 0;
      if (prepare) prepareC<T>(c, P, 0, coG, 0, P, <T>0, bias + <usize>(gi * coG) * S, 1, bias == 0 ? 0 : 2);
      if (Kg == 0) continue;
      im2col<T>(x, gi * cG, col);
      packB<T>(false, col, P, P, Kg, kc, bp, 0, (P + NR - 1) / NR);
      const ap = argP(args, W_PACKED) + <usize>gi * packedW;
      computeBlock<T>(coG, P, Kg, kc, ap, bp, c, P, 0, coG, 0, P, tmp, prepare);
    }
  }
}

function conv2dBackwardInput<T>(args: usize, tid: i32): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  readGeom(args);
  const n = argI(args, N);
  const kc = argI(args, KC);
  const cG = cIn / groups;
  const coG = cOut / groups;
  const P = outH * outW;
  const Kg = cG * kh * kw;
  const packedWT = <usize>roundUp(Kg, MR) * <usize>coG * A_ELEM;
  const scratch = argP(args, SCRATCH) + <usize>tid * argP(args, SCRATCH_BYTES);
  const dcol = scratch;
  const bp = dcol + <usize>Kg * <usize>P * S;
  const tmp = bp + <usize>coG * <usize>roundUp(P, NR) * S;
  for (let b = nextTask(args); b < n; b = nextTask(args)) {
    const dy = argP(args, X_PTR) + <usize>b * <usize>(cOut * P) * S;
    const dx = argP(args, Y_PTR) + <usize>b * <usize>(cIn * h * w) * S;
    memory.fill(dx, 0, <usize>(cIn * h * w) * S);
    if (coG == 0) continue;
    for (let gi = 0; gi < groups; gi++) {
      packB<T>(false, dy + <usize>(gi * coG) * <usize>P * S, P, P, coG, kc, bp, 0, (P + NR - 1) / NR);
      const ap = argP(args, W_PACKED) + <usize>gi * packedWT;
      computeBlock<T>(Kg, P, coG, kc, ap, bp, dcol, P, 0, Kg, 0, P, tmp, false);
      col2im<T>(dcol, gi * cG, dx);
    }
  }
}

function conv2dBackwardWeight<T>(args: usize, tid: i32): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  readGeom(args);
  const n = argI(args, N);
  const kc = argI(args, KC);
  const cG = cIn / groups;
  const coG = cOut / groups;
  const P = outH * outW;
  const Kg = cG * kh * kw;
  const scratch = argP(args, SCRATCH) + <usize>tid * argP(args, SCRATCH_BYTES);
  const col = scratch;
  const ap = col + <usize>Kg * <usize>P * S;
  const bp = ap + <usize>roundUp(coG, MR) * <usize>P * A_ELEM;
  const tmp = bp + <usize>roundUp(Kg, NR) * <usize>P * S;
  const slots = argI(args, SLOTS);
  const dbBase = argP(args, BIAS_PTR);
  for (let s = nextTask(args); s < slots; s = nextTask(args)) {
    // Slot s's accumulators: dW_s (cOut × Kg) and db_s (cOut), zeroed by the caller.
    const dwAcc = argP(args, Y_PTR) + <usize>s * <usize>(cOut * Kg) * S;
    const db: usize = dbBase == 0 ? 0 : dbBase + <usize>s * <usize>cOut * S;
    const end = ((s + 1) * n) / slots;
    for (let b = (s * n) / slots; b < end; b++) {
      weightGradientOfImage<T>(args, b, dwAcc, db, Kg, P, cG, coG, kc, col, ap, bp, tmp);
    }
  }
}

function weightGradientOfImage<T>(
  args: usize,
  b: i32,
  dwAcc: usize,
  db: usize,
  Kg: i32,
  P: i32,
  cG: i32,
  coG: i32,
  kc: i32,
  col: usize,
  ap: usize,
  bp: usize,
  tmp: usize,
): void {
  const S = sizeof<T>();
  const x = argP(args, X_PTR) + <usize>b * <usize>(cIn * h * w) * S;
  const dy = argP(args, W_PACKED) + <usize>b * <usize>(cOut * P) * S;
  if (db != 0) {
    for (let co = 0; co < cOut; co++) {
      const row = dy + <usize>co * <usize>P * S;
      let sum = <T>0;
      for (let p = 0; p < P; p++) sum += load<T>(row + <usize>p * S);
      const q = db + <usize>co * S;
      store<T>(q, load<T>(q) + sum);
    }
  }
  if (Kg == 0 || P == 0) return;
  const NR = nr<T>();
  for (let gi = 0; gi < groups; gi++) {
    im2col<T>(x, gi * cG, col);
    const dyG = dy + <usize>(gi * coG) * <usize>P * S;
    packA<T>(false, dyG, P, coG, P, kc, <T>1, ap, 0, (coG + MR - 1) / MR);
    packB<T>(true, col, P, Kg, P, kc, bp, 0, (Kg + NR - 1) / NR);
    const c = dwAcc + <usize>(gi * coG) * <usize>Kg * S;
    computeBlock<T>(coG, Kg, P, kc, ap, bp, c, Kg, 0, coG, 0, Kg, tmp, true);
  }
}

/** Forward convolution, float32 (see the file comment). */
export function conv2dForwardF32(args: usize, tid: i32, _nt: i32): void {
  conv2dForward<f32>(args, tid);
}
/** Forward convolution, float64. */
export function conv2dForwardF64(args: usize, tid: i32, _nt: i32): void {
  conv2dForward<f64>(args, tid);
}
/** Input gradient, float32. */
export function conv2dBackwardInputF32(args: usize, tid: i32, _nt: i32): void {
  conv2dBackwardInput<f32>(args, tid);
}
/** Input gradient, float64. */
export function conv2dBackwardInputF64(args: usize, tid: i32, _nt: i32): void {
  conv2dBackwardInput<f64>(args, tid);
}
/** Weight (and bias) gradient into per-slot accumulators, float32. */
export function conv2dBackwardWeightF32(args: usize, tid: i32, _nt: i32): void {
  conv2dBackwardWeight<f32>(args, tid);
}
/** Weight (and bias) gradient into per-slot accumulators, float64. */
export function conv2dBackwardWeightF64(args: usize, tid: i32, _nt: i32): void {
  conv2dBackwardWeight<f64>(args, tid);
}

// reduceSlices record: 1 input ptr, 2 slices, 3 slice stride (elements), 4 length, 5 output ptr,
// 6 chunk (elements per task). out[i] = Σ_s in[s·stride + i].
function reduceSlices<T>(args: usize): void {
  const S = sizeof<T>();
  const src = argP(args, 1);
  const slices = argI(args, 2);
  const stride = <usize>argI(args, 3) * S;
  const len = argI(args, 4);
  const out = argP(args, 5);
  const chunk = argI(args, 6);
  const tasks = (len + chunk - 1) / chunk;
  for (let t = nextTask(args); t < tasks; t = nextTask(args)) {
    const i1 = min(len, (t + 1) * chunk);
    for (let i = t * chunk; i < i1; i++) {
      let sum = <T>0;
      for (let s = 0; s < slices; s++) sum += load<T>(src + <usize>s * stride + <usize>i * S);
      store<T>(out + <usize>i * S, sum);
    }
  }
}

/** Sums `slices` equally spaced float32 vectors (the per-thread accumulators). */
export function reduceSlicesF32(args: usize, _tid: i32, _nt: i32): void {
  reduceSlices<f32>(args);
}
/** Sums `slices` equally spaced float64 vectors. */
export function reduceSlicesF64(args: usize, _tid: i32, _nt: i32): void {
  reduceSlices<f64>(args);
}
