/**
 * `log1pf`: log(1 + x) for a float32 x, computed in float32 arithmetic exactly as the classic
 * fdlibm algorithm (Sun Microsystems' s_log1pf.c, the float log1p of glibc's libm) does, so that
 * NumPy's float32 ziggurat tails (`ziggurat_exp_r_f - log1pf(-u)` and the normal tail) come out
 * bit-equal. `Math.fround(Math.log1p(x))` is the correctly rounded value almost always, but the
 * classic algorithm is not correctly rounded: the two differ on ~7% of the float32 inputs in
 * (−1, 0]. This port agrees with glibc 2.36's `log1pf` on all 2^24 inputs −k·2^-24 (checked
 * exhaustively while writing it), which are the only inputs the samplers pass.
 *
 * Method (fdlibm): write 1 + x = 2^k · (1 + f) with √2/2 ≤ 1 + f < √2, keep a correction term c for
 * the rounding of 1 + x, then log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)) with s = f / (2 + f) and R a
 * degree-7 minimax polynomial; finally add k·ln2 split into a high and a low part.
 *
 * Every float32 operation of the C code is one `Math.fround` here (products and sums of two
 * float32 values are exact or correctly rounded in double, so rounding once to float32 gives the
 * float32 result).
 */
const f32 = Math.fround;

const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);
function bits(x: number): number {
  F32[0] = x;
  return I32[0];
}
function fromBits(i: number): number {
  I32[0] = i;
  return F32[0];
}

const LN2_HI = f32(6.9313812256e-1); // 0x3f317180
const LN2_LO = f32(9.0580006145e-6); // 0x3717f7d1
const TWO_THIRDS = f32(2 / 3); // C: (float)0.66666666666666666
const LP1 = f32(6.6666668653e-1);
const LP2 = f32(4.0000000596e-1);
const LP3 = f32(2.8571429849e-1);
const LP4 = f32(2.2222198546e-1);
const LP5 = f32(1.818357259e-1);
const LP6 = f32(1.5313838422e-1);
const LP7 = f32(1.479819864e-1);

export function log1pf(x: number): number {
  const hx = bits(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3ed413d7) {
    // x < 0.41422
    if (ax >= 0x3f800000) return x === -1 ? -Infinity : NaN; // x ≤ −1
    if (ax < 0x31000000) {
      // |x| < 2^-29
      if (ax < 0x24800000) return x; // |x| < 2^-54
      return f32(x - f32(f32(x * x) * 0.5));
    }
    if (hx > 0 || hx <= (0xbe95f61f | 0)) {
      // −0.2929 < x < 0.41422: no reduction needed
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7f800000) {
    return x + x; // +inf or NaN
  }
  if (k !== 0) {
    let u: number;
    if (hx < 0x5a000000) {
      u = f32(1 + x);
      hu = bits(u);
      k = (hu >> 23) - 127;
      c = k > 0 ? f32(1 - f32(u - x)) : f32(x - f32(u - 1)); // rounding error of 1 + x
      c = f32(c / u);
    } else {
      u = x;
      hu = bits(u);
      k = (hu >> 23) - 127;
      c = 0;
    }
    hu &= 0x007fffff;
    if (hu < 0x3504f7) {
      u = fromBits(hu | 0x3f800000); // normalise u into [1, √2)
    } else {
      k += 1;
      u = fromBits(hu | 0x3f000000); // normalise u/2 into [√2/2, 1)
      hu = (0x00800000 - hu) >> 2;
    }
    f = f32(u - 1);
  }
  const hfsq = f32(f32(0.5 * f) * f);
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c = f32(c + f32(k * LN2_LO));
      return f32(f32(k * LN2_HI) + c);
    }
    const R = f32(hfsq * f32(1 - f32(TWO_THIRDS * f)));
    if (k === 0) return f32(f - R);
    return f32(f32(k * LN2_HI) - f32(f32(R - f32(f32(k * LN2_LO) + c)) - f));
  }
  const s = f32(f / f32(2 + f));
  const z = f32(s * s);
  let t = LP7;
  t = f32(LP6 + f32(z * t));
  t = f32(LP5 + f32(z * t));
  t = f32(LP4 + f32(z * t));
  t = f32(LP3 + f32(z * t));
  t = f32(LP2 + f32(z * t));
  t = f32(LP1 + f32(z * t));
  const R = f32(z * t);
  if (k === 0) return f32(f - f32(hfsq - f32(s * f32(hfsq + R))));
  return f32(f32(k * LN2_HI) - f32(f32(hfsq - f32(f32(s * f32(hfsq + R)) + f32(f32(k * LN2_LO) + c))) - f));
}
