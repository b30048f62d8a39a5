// AssemblyScript: the Adam update in one pass over contiguous float arrays (src/optim/adam.ts).
//
//   m ← m + (1 − β₁)(g − m)        v ← β₂·v + (1 − β₂)·g²
//   p ← p − stepSize · m / (√v · invBc2 + ε)
//
// with stepSize = lr / (1 − β₁ᵗ) and invBc2 = 1 / √(1 − β₂ᵗ) computed by the caller. Four float32 or
// two float64 lanes at a time, then a scalar tail; one task (these arrays live in the L2 cache).
import { argF, argI, argP } from './common';

// Argument record slots (src/kernels/wasm/optim.ts writes them).
const N = 1;
const P_PTR = 2;
const G_PTR = 3;
const M_PTR = 4;
const V_PTR = 5;
const C1 = 6; // 1 − β₁
const B2 = 7;
const C2 = 8; // 1 − β₂
const STEP_SIZE = 9;
const INV_BC2 = 10;
const EPS = 11;

/** Adam, float32. */
export function adamF32(args: usize, _tid: i32, _nt: i32): void {
  const n = argI(args, N);
  const p = argP(args, P_PTR);
  const g = argP(args, G_PTR);
  const m = argP(args, M_PTR);
  const v = argP(args, V_PTR);
  const c1 = <f32>argF(args, C1);
  const b2 = <f32>argF(args, B2);
  const c2 = <f32>argF(args, C2);
  const stepSize = <f32>argF(args, STEP_SIZE);
  const invBc2 = <f32>argF(args, INV_BC2);
  const eps = <f32>argF(args, EPS);
  const vc1 = f32x4.splat(c1);
  const vb2 = f32x4.splat(b2);
  const vc2 = f32x4.splat(c2);
  const vStep = f32x4.splat(stepSize);
  const vInv = f32x4.splat(invBc2);
  const vEps = f32x4.splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const gi = v128.load(g + o);
    const mOld = v128.load(m + o);
    const mi = f32x4.add(mOld, f32x4.mul(vc1, f32x4.sub(gi, mOld)));
    const vi = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(vc2, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vi), vInv), vEps);
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.div(f32x4.mul(vStep, mi), denom)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) + c1 * (gi - load<f32>(m + o));
    const vi = b2 * load<f32>(v + o) + c2 * gi * gi;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(p + o, load<f32>(p + o) - (stepSize * mi) / (Mathf.sqrt(vi) * invBc2 + eps));
  }
}

/** Adam, float64. */
export function adamF64(args: usize, _tid: i32, _nt: i32): void {
  const n = argI(args, N);
  const p = argP(args, P_PTR);
  const g = argP(args, G_PTR);
  const m = argP(args, M_PTR);
  const v = argP(args, V_PTR);
  const c1 = argF(args, C1);
  const b2 = argF(args, B2);
  const c2 = argF(args, C2);
  const stepSize = argF(args, STEP_SIZE);
  const invBc2 = argF(args, INV_BC2);
  const eps = argF(args, EPS);
  const vc1 = f64x2.splat(c1);
  const vb2 = f64x2.splat(b2);
  const vc2 = f64x2.splat(c2);
  const vStep = f64x2.splat(stepSize);
  const vInv = f64x2.splat(invBc2);
  const vEps = f64x2.splat(eps);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 3;
    const gi = v128.load(g + o);
    const mOld = v128.load(m + o);
    const mi = f64x2.add(mOld, f64x2.mul(vc1, f64x2.sub(gi, mOld)));
    const vi = f64x2.add(f64x2.mul(vb2, v128.load(v + o)), f64x2.mul(vc2, f64x2.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const denom = f64x2.add(f64x2.mul(f64x2.sqrt(vi), vInv), vEps);
    v128.store(p + o, f64x2.sub(v128.load(p + o), f64x2.div(f64x2.mul(vStep, mi), denom)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 3;
    const gi = load<f64>(g + o);
    const mi = load<f64>(m + o) + c1 * (gi - load<f64>(m + o));
    const vi = b2 * load<f64>(v + o) + c2 * gi * gi;
    store<f64>(m + o, mi);
    store<f64>(v + o, vi);
    store<f64>(p + o, load<f64>(p + o) - (stepSize * mi) / (Math.sqrt(vi) * invBc2 + eps));
  }
}
