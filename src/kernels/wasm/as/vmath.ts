// AssemblyScript: exp, log, tanh (with the expm1 it needs) and the logistic function on f64x2
// vectors.
//
// These are fdlibm's algorithms (e_exp.c, e_log.c, s_expm1.c, s_tanh.c), the ones V8 uses for
// Math.exp / Math.log / Math.expm1 / Math.tanh, with every branch computed and the lanes picked
// by masks. The arithmetic is the same IEEE operations in the same order, so the results equal
// V8's to the last bit (checked against Math.* on 8 million arguments per function, special
// values included; test/kernels/elementwise.test.ts only demands the stated 2 ulp, since other
// engines ship other libms). float32 callers widen to float64, call these and round once, which
// gives Math.fround(Math.exp(x)) and so on.
//
// 64-bit hex literals below are exact i64 constants in AssemblyScript (JS would round them).
/* eslint-disable no-loss-of-precision */
//
// Where fdlibm takes a special branch for k = 0 (no argument reduction), the general formula with
// k = 0 gives the same value, so only genuinely different branches are selected.

// Shared constants (fdlibm's names).
const LN2_HI = reinterpret<f64>(0x3fe62e42fee00000); // 6.93147180369123816490e-01
const LN2_LO = reinterpret<f64>(0x3dea39ef35793c76); // 1.90821492927058770002e-10
const INVLN2 = reinterpret<f64>(0x3ff71547652b82fe); // 1.44269504088896338700e+00
const SIGN: i64 = 0x8000000000000000;
const ABS: i64 = 0x7fffffffffffffff;

export class VMath {
  /** |x| > 0.5·ln2, fdlibm's test on the high word (hx > 0x3fd62e42), on the bits of |x|. */
  @inline static reduces(ax: v128): v128 {
    return i64x2.gt_s(ax, i64x2.splat(0x3fd62e42ffffffff));
  }

  /** k = trunc(x / ln2 ± 0.5) where the argument needs reducing, else 0 (as a double). */
  @inline static kOf(x: v128, ax: v128): v128 {
    const half = v128.or(v128.and(x, i64x2.splat(SIGN)), f64x2.splat(0.5));
    const k = f64x2.trunc(f64x2.add(f64x2.mul(f64x2.splat(INVLN2), x), half));
    return v128.and(k, VMath.reduces(ax));
  }

  /**
   * 2^k for integer-valued doubles −1022 ≤ k ≤ 1023: 2^52 + 1023 + k holds 1023 + k in its low
   * bits, which a shift moves into the exponent field (no float-to-int conversion needed).
   */
  @inline static pow2(k: v128): v128 {
    return i64x2.shl(f64x2.add(k, f64x2.splat(4503599627371519.0)), 52);
  }

  /**
   * y · 2^k for integer-valued k (|k| ≤ 2000) in two exact steps, so a subnormal result is
   * rounded once, as fdlibm's scaling by 2^(k+1000) · 2^−1000 does.
   */
  @inline static scale(y: v128, k: v128): v128 {
    const k1 = f64x2.floor(f64x2.mul(k, f64x2.splat(0.5)));
    return f64x2.mul(f64x2.mul(y, VMath.pow2(k1)), VMath.pow2(f64x2.sub(k, k1)));
  }

  /** e^x (fdlibm e_exp.c; V8 also returns Math.E exactly for x = 1). */
  static exp(x: v128): v128 {
    const P1 = reinterpret<f64>(0x3fc555555555553e);
    const P2 = reinterpret<f64>(0xbf66c16c16bebd93);
    const P3 = reinterpret<f64>(0x3f11566aaf25de2c);
    const P4 = reinterpret<f64>(0xbebbbd41c5d26bf1);
    const P5 = reinterpret<f64>(0x3e66376972bea4d0);
    const ax = v128.and(x, i64x2.splat(ABS));
    const kf = VMath.kOf(x, ax);
    const hi = f64x2.sub(x, f64x2.mul(kf, f64x2.splat(LN2_HI)));
    const lo = f64x2.mul(kf, f64x2.splat(LN2_LO));
    const r = f64x2.sub(hi, lo);
    const t = f64x2.mul(r, r);
    let p = f64x2.add(f64x2.splat(P4), f64x2.mul(t, f64x2.splat(P5)));
    p = f64x2.add(f64x2.splat(P3), f64x2.mul(t, p));
    p = f64x2.add(f64x2.splat(P2), f64x2.mul(t, p));
    p = f64x2.add(f64x2.splat(P1), f64x2.mul(t, p));
    const c = f64x2.sub(r, f64x2.mul(t, p));
    const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2.0), c));
    let y = f64x2.sub(f64x2.splat(1.0), f64x2.sub(f64x2.sub(lo, q), hi));
    y = VMath.scale(y, kf);
    // |x| < 2^-28: 1 + x
    y = v128.bitselect(f64x2.add(f64x2.splat(1.0), x), y, i64x2.lt_s(ax, i64x2.splat(0x3e30000000000000)));
    y = v128.bitselect(f64x2.splat(Math.E), y, f64x2.eq(x, f64x2.splat(1.0)));
    y = v128.bitselect(
      f64x2.splat(Infinity),
      y,
      f64x2.gt(x, f64x2.splat(reinterpret<f64>(0x40862e42fefa39ef))),
    );
    y = v128.bitselect(f64x2.splat(0.0), y, f64x2.lt(x, f64x2.splat(reinterpret<f64>(0xc0874910d52d3051))));
    return v128.bitselect(f64x2.add(x, x), y, f64x2.ne(x, x));
  }

  /** Natural logarithm (fdlibm e_log.c). */
  static log(x0: v128): v128 {
    const LG1 = reinterpret<f64>(0x3fe5555555555593);
    const LG2 = reinterpret<f64>(0x3fd999999997fa04);
    const LG3 = reinterpret<f64>(0x3fd2492494229359);
    const LG4 = reinterpret<f64>(0x3fcc71c51d8e78af);
    const LG5 = reinterpret<f64>(0x3fc7466496cb03de);
    const LG6 = reinterpret<f64>(0x3fc39a09d078c69f);
    const LG7 = reinterpret<f64>(0x3fc2f112df3e5244);
    // subnormals: scale by 2^54 first (negatives and zeros are replaced at the end)
    const sub = i64x2.lt_s(x0, i64x2.splat(0x0010000000000000));
    let x = v128.bitselect(f64x2.mul(x0, f64x2.splat(18014398509481984.0)), x0, sub);
    let k = v128.and(i64x2.splat(-54), sub);
    const hx = i64x2.shr_u(x, 32);
    k = i64x2.add(k, i64x2.sub(i64x2.shr_u(hx, 20), i64x2.splat(1023)));
    const hm = v128.and(hx, i64x2.splat(0x000fffff));
    const i = v128.and(i64x2.add(hm, i64x2.splat(0x95f64)), i64x2.splat(0x100000));
    const nh = v128.or(hm, v128.xor(i, i64x2.splat(0x3ff00000)));
    k = i64x2.add(k, i64x2.shr_u(i, 20));
    x = v128.or(i64x2.shl(nh, 32), v128.and(x, i64x2.splat(0xffffffff)));
    const f = f64x2.sub(x, f64x2.splat(1.0));
    const dk = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(k, k, 0, 2, 0, 2));
    const dkHi = f64x2.mul(dk, f64x2.splat(LN2_HI));
    const dkLo = f64x2.mul(dk, f64x2.splat(LN2_LO));
    // |f| < 2^-20
    const rs = f64x2.mul(
      f64x2.mul(f, f),
      f64x2.sub(f64x2.splat(0.5), f64x2.mul(f64x2.splat(0.33333333333333333), f)),
    );
    const small = f64x2.sub(dkHi, f64x2.sub(f64x2.sub(rs, dkLo), f));
    // the general case
    const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
    const z = f64x2.mul(s, s);
    const w = f64x2.mul(z, z);
    let t1 = f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6)));
    t1 = f64x2.mul(w, f64x2.add(f64x2.splat(LG2), f64x2.mul(w, t1)));
    let t2 = f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7)));
    t2 = f64x2.add(f64x2.splat(LG3), f64x2.mul(w, t2));
    t2 = f64x2.mul(z, f64x2.add(f64x2.splat(LG1), f64x2.mul(w, t2)));
    const R = f64x2.add(t2, t1);
    const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
    const a = f64x2.sub(
      dkHi,
      f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), dkLo)), f),
    );
    const b = f64x2.sub(dkHi, f64x2.sub(f64x2.sub(f64x2.mul(s, f64x2.sub(f, R)), dkLo), f));
    const ii = v128.or(i64x2.sub(hm, i64x2.splat(0x6147a)), i64x2.sub(i64x2.splat(0x6b851), hm));
    let y = v128.bitselect(a, b, i64x2.gt_s(ii, i64x2.splat(0)));
    const isSmall = i64x2.lt_s(
      v128.and(i64x2.add(hm, i64x2.splat(2)), i64x2.splat(0x000fffff)),
      i64x2.splat(3),
    );
    y = v128.bitselect(small, y, isSmall);
    // +inf and NaN: x + x; negative: NaN; ±0: −inf
    y = v128.bitselect(f64x2.add(x0, x0), y, i64x2.ge_s(x0, i64x2.splat(0x7ff0000000000000)));
    y = v128.bitselect(f64x2.splat(NaN), y, i64x2.lt_s(x0, i64x2.splat(0)));
    return v128.bitselect(f64x2.splat(-Infinity), y, f64x2.eq(x0, f64x2.splat(0.0)));
  }

  /**
   * e^x − 1 (fdlibm s_expm1.c) for the arguments tanh passes: 2 ≤ x < 44 or −2 < x ≤ −2^−27.
   * fdlibm's k = 1 branch (0.35 < x < 1.04), tiny, huge and non-finite arguments are left out.
   */
  static expm1ForTanh(x: v128): v128 {
    const Q1 = reinterpret<f64>(0xbfa11111111110f4);
    const Q2 = reinterpret<f64>(0x3f5a01a019fe5585);
    const Q3 = reinterpret<f64>(0xbf14ce199eaadbb7);
    const Q4 = reinterpret<f64>(0x3ed0cfca86e65239);
    const Q5 = reinterpret<f64>(0xbe8afdb76e09c32d);
    const one = f64x2.splat(1.0);
    const ax = v128.and(x, i64x2.splat(ABS));
    const kf = VMath.kOf(x, ax);
    const hi = f64x2.sub(x, f64x2.mul(kf, f64x2.splat(LN2_HI)));
    const lo = f64x2.mul(kf, f64x2.splat(LN2_LO));
    const r = f64x2.sub(hi, lo);
    const c = f64x2.sub(f64x2.sub(hi, r), lo);
    const hfx = f64x2.mul(f64x2.splat(0.5), r);
    const hxs = f64x2.mul(r, hfx);
    let r1 = f64x2.add(f64x2.splat(Q4), f64x2.mul(hxs, f64x2.splat(Q5)));
    r1 = f64x2.add(f64x2.splat(Q3), f64x2.mul(hxs, r1));
    r1 = f64x2.add(f64x2.splat(Q2), f64x2.mul(hxs, r1));
    r1 = f64x2.add(f64x2.splat(Q1), f64x2.mul(hxs, r1));
    r1 = f64x2.add(one, f64x2.mul(hxs, r1));
    const t = f64x2.sub(f64x2.splat(3.0), f64x2.mul(r1, hfx));
    let e = f64x2.mul(hxs, f64x2.div(f64x2.sub(r1, t), f64x2.sub(f64x2.splat(6.0), f64x2.mul(r, t))));
    // k = 0
    const y0 = f64x2.sub(r, f64x2.sub(f64x2.mul(r, e), hxs));
    e = f64x2.sub(f64x2.sub(f64x2.mul(r, f64x2.sub(e, c)), c), hxs);
    // k = −1
    const ym1 = f64x2.sub(f64x2.mul(f64x2.splat(0.5), f64x2.sub(r, e)), f64x2.splat(0.5));
    // k ≤ −2 or k > 56: exp(x) − 1 is enough
    const yext = f64x2.sub(VMath.scale(f64x2.sub(one, f64x2.sub(e, r)), kf), one);
    // 2 ≤ k ≤ 56: 2^k · ((1 − 2^−k) − (e − r)) for k < 20, 2^k · ((r − (e + 2^−k)) + 1) above
    const twomk = VMath.pow2(f64x2.neg(kf));
    const twopk = VMath.pow2(kf);
    const ylow = f64x2.mul(f64x2.sub(f64x2.sub(one, twomk), f64x2.sub(e, r)), twopk);
    const yhigh = f64x2.mul(f64x2.add(f64x2.sub(r, f64x2.add(e, twomk)), one), twopk);
    let y = v128.bitselect(ylow, yhigh, f64x2.lt(kf, f64x2.splat(20.0)));
    const ext = v128.or(f64x2.le(kf, f64x2.splat(-2.0)), f64x2.gt(kf, f64x2.splat(56.0)));
    y = v128.bitselect(yext, y, ext);
    y = v128.bitselect(ym1, y, f64x2.eq(kf, f64x2.splat(-1.0)));
    return v128.bitselect(y0, y, f64x2.eq(kf, f64x2.splat(0.0)));
  }

  /** tanh x (fdlibm s_tanh.c, on top of {@link VMath.expm1ForTanh}). */
  static tanh(x: v128): v128 {
    const one = f64x2.splat(1.0);
    const two = f64x2.splat(2.0);
    const ax = v128.and(x, i64x2.splat(ABS));
    const big = f64x2.ge(ax, one);
    const tt = VMath.expm1ForTanh(v128.bitselect(f64x2.mul(two, ax), f64x2.mul(f64x2.splat(-2.0), ax), big));
    // |x| ≥ 1: 1 − 2 / (t + 2), else −t / (t + 2): one division for both
    const q = f64x2.div(v128.bitselect(two, f64x2.neg(tt), big), f64x2.add(tt, two));
    let z = v128.bitselect(f64x2.sub(one, q), q, big);
    z = v128.bitselect(one, z, f64x2.ge(ax, f64x2.splat(22.0)));
    z = v128.bitselect(ax, z, i64x2.lt_s(ax, i64x2.splat(0x3e30000000000000)));
    z = v128.or(z, v128.and(x, i64x2.splat(SIGN)));
    return v128.bitselect(f64x2.add(x, x), z, f64x2.ne(x, x));
  }

  /** The logistic function: 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below (as js/elementwise.ts). */
  static sigmoid(x: v128): v128 {
    const one = f64x2.splat(1.0);
    const e = VMath.exp(v128.or(x, i64x2.splat(SIGN)));
    const d = f64x2.add(one, e);
    return v128.bitselect(f64x2.div(one, d), f64x2.div(e, d), f64x2.ge(x, f64x2.splat(0.0)));
  }
}
