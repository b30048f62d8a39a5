/**
 * The samplers behind `Generator`, written against a {@link PCG64} and typed arrays (no NDArray),
 * each a transcription of the algorithm in NumPy's numpy/random/src/distributions/distributions.c
 * so that the streams are NumPy's bit for bit:
 *
 * - uniform floats: `next_double` / `next_float` (see pcg64.ts);
 * - standard normal: the 256-layer ziggurat on one 64-bit draw (8 bits layer, 1 bit sign, 52 bits
 *   magnitude), float32 on one 32-bit draw; exponential likewise (`random_standard_exponential`);
 * - bounded integers: Lemire's multiply-and-reject, on 32-bit draws when the range fits in 32 bits
 *   (`buffered_bounded_lemire_uint32`), 8-bit slices of 32-bit draws for uint8/int8, single bits for
 *   bool, and 64-bit draws with a 128-bit product otherwise (`bounded_lemire_uint64`);
 * - `random_interval` (masked rejection), used by shuffle / permutation;
 * - binomial (inversion for n·p ≤ 30, else BTPE) and Poisson (multiplication for λ < 10, else PTRS).
 *
 * Floating-point library calls. NumPy calls the C library's `exp`, `log`, `log1p`, `log1pf`; we call
 * `Math.exp`, `Math.log`, `Math.log1p` and a port of the classic float `log1pf` (log1pf.ts):
 * - `exp`/`log` appear only inside accept/reject comparisons (ziggurat wedges, binomial, Poisson),
 *   where a last-bit difference between two libms can change a result only if the comparison is
 *   decided within one ulp: never observed, odds ~1e-16 per test.
 * - `log1p` gives the VALUE of a ziggurat tail sample (|z| > 3.65 for the normal, e > 7.7 for
 *   the exponential: about 1 draw in 4000). V8's `Math.log1p` is fdlibm's algorithm; glibc runs
 *   its own variant, with FMA on CPUs that have it, and the two differ in the last bit on ~0.05%
 *   of inputs: about one float64 sample in 10^7 can be 1 ulp off NumPy's, and which one depends
 *   on the machine NumPy runs on. None of the golden cases (10^6 draws) shows one.
 * - float32 tails use `log1pf` ported from the classic float algorithm, which matches glibc's
 *   `log1pf` exactly on every input the samplers can pass.
 *
 * Everything here is allocation-free per element: 64-bit values travel as (hi, lo) uint32 pairs.
 */
import type { PCG64 } from './pcg64.js';
import {
  FE_DOUBLE,
  FE_FLOAT,
  FI_DOUBLE,
  FI_FLOAT,
  KE_DOUBLE,
  KE_FLOAT,
  KI_DOUBLE,
  KI_FLOAT,
  WE_DOUBLE,
  WE_FLOAT,
  WI_DOUBLE,
  WI_FLOAT,
} from './zigguratTables.js';
import { log1pf } from './log1pf.js';

// The ziggurat's r (where the tail starts) and 1/r: the doubles nearest NumPy's literals
// 3.6541528853610087963519472518, 0.27366123732975827203338247596, 7.6971174701310497140446280481.
const ZIGGURAT_NOR_R = 3.654152885361009;
const ZIGGURAT_NOR_INV_R = 0.2736612373297583;
const ZIGGURAT_EXP_R = 7.69711747013105;
const ZIGGURAT_NOR_R_F = Math.fround(ZIGGURAT_NOR_R);
const ZIGGURAT_NOR_INV_R_F = Math.fround(ZIGGURAT_NOR_INV_R);
const ZIGGURAT_EXP_R_F = Math.fround(ZIGGURAT_EXP_R);

const f32 = Math.fround;
const INV16 = 1 / 65536;
const INV32 = 1 / 4294967296;

// ------------------------------------------------------------------ 32/64-bit integer helpers

/** High 32 bits of the exact 64-bit product of two uint32 numbers. */
export function mulhi32(a: number, b: number): number {
  const p1 = a * (b & 0xffff); // < 2^48, exact
  const p2 = a * (b >>> 16); // < 2^48, exact
  // a·b = p2·2^16 + p1 = ⌊p2/2^16⌋·2^32 + ((p2 mod 2^16)·2^16 + p1)
  const t = (p2 & 0xffff) * 65536 + p1; // < 2^49, exact (& is exact modulo 2^32 on integers < 2^53)
  return Math.floor(p2 * INV16) + Math.floor(t * INV32);
}

/** Scratch for {@link mul64}: the 128-bit product as four uint32 words, least significant first. */
const PROD = new Float64Array(4);

/** PROD ← (ah·2^32 + al) · (bh·2^32 + bl), exactly, by 16-bit limbs. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const a2 = ah & 0xffff;
  const a3 = ah >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const b2 = bh & 0xffff;
  const b3 = bh >>> 16;
  // Column sums stay below 2^35 (at most four products < 2^32 plus a carry): exact doubles.
  let t = a0 * b0;
  const r0 = t & 0xffff;
  t = (t - r0) * INV16 + a0 * b1 + a1 * b0;
  const r1 = t & 0xffff;
  t = (t - r1) * INV16 + a0 * b2 + a1 * b1 + a2 * b0;
  const r2 = t & 0xffff;
  t = (t - r2) * INV16 + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  const r3 = t & 0xffff;
  t = (t - r3) * INV16 + a1 * b3 + a2 * b2 + a3 * b1;
  const r4 = t & 0xffff;
  t = (t - r4) * INV16 + a2 * b3 + a3 * b2;
  const r5 = t & 0xffff;
  t = (t - r5) * INV16 + a3 * b3;
  const r6 = t & 0xffff;
  const r7 = (t - r6) * INV16;
  PROD[0] = r1 * 65536 + r0;
  PROD[1] = r3 * 65536 + r2;
  PROD[2] = r5 * 65536 + r4;
  PROD[3] = r7 * 65536 + r6;
}

/** Smallest all-ones mask ≥ v for a uint32 v (NumPy's `gen_mask`). */
export function mask32(v: number): number {
  v |= v >>> 1;
  v |= v >>> 2;
  v |= v >>> 4;
  v |= v >>> 8;
  v |= v >>> 16;
  return v >>> 0;
}

// ------------------------------------------------------------------ bounded integers

/**
 * Uniform integer in [0, rng] for 0 < rng < 2^32 − 1 from 32-bit draws (Lemire's method,
 * NumPy's `buffered_bounded_lemire_uint32`). For rng = 2^32 − 1 NumPy returns `next_uint32`.
 */
export function boundedLemire32(bg: PCG64, rng: number): number {
  const rngExcl = rng + 1;
  let x = bg.nextUint32();
  let leftover = Math.imul(x, rngExcl) >>> 0;
  if (leftover < rngExcl) {
    const threshold = (4294967295 - rng) % rngExcl;
    while (leftover < threshold) {
      x = bg.nextUint32();
      leftover = Math.imul(x, rngExcl) >>> 0;
    }
  }
  return mulhi32(x, rngExcl);
}

/**
 * Uniform integer in [0, rng] for any 0 ≤ rng < 2^53 (NumPy's `random_bounded_uint64(0, rng)`
 * with Lemire): 32-bit draws when rng < 2^32, else 64-bit draws.
 */
export function boundedUint(bg: PCG64, rng: number): number {
  if (rng === 0) return 0;
  if (rng <= 0xffffffff) {
    if (rng === 0xffffffff) return bg.nextUint32();
    return boundedLemire32(bg, rng);
  }
  const rh = Math.floor(rng / 4294967296);
  const rl = rng % 4294967296;
  computeThreshold(rh, rl);
  boundedLemire64(bg, rh, rl, thrH, thrL);
  return PROD[3] * 4294967296 + PROD[2];
}

// Threshold (2^64 − 1 − rng) mod (rng + 1) = (2^64 − rngExcl) mod rngExcl, computed with BigInt
// once per call site (outside the per-element loop).
let thrH = 0;
let thrL = 0;
function computeThreshold(rh: number, rl: number): void {
  const excl = ((BigInt(rh) << 32n) | BigInt(rl)) + 1n;
  const thr = ((1n << 64n) - excl) % excl;
  thrH = Number(thr >> 32n);
  thrL = Number(thr & 0xffffffffn);
}

/**
 * Lemire on 64 bits: uniform in [0, rng] for 2^32 ≤ rng < 2^64 − 1 given as (rh, rl), with the
 * precomputed threshold (th, tl). Leaves the result (the high 64 bits of x·(rng+1)) in PROD[3]
 * (high word) and PROD[2] (low word).
 */
function boundedLemire64(bg: PCG64, rh: number, rl: number, th: number, tl: number): void {
  // rngExcl = rng + 1 as (eh, el)
  let el = rl + 1;
  let eh = rh;
  if (el === 4294967296) {
    el = 0;
    eh += 1;
  }
  bg.nextUint64();
  mul64(bg.hi, bg.lo, eh, el);
  // leftover = low 64 bits = (PROD[1], PROD[0])
  if (PROD[1] < eh || (PROD[1] === eh && PROD[0] < el)) {
    while (PROD[1] < th || (PROD[1] === th && PROD[0] < tl)) {
      bg.nextUint64();
      mul64(bg.hi, bg.lo, eh, el);
    }
  }
}

/**
 * Fills `out` with NumPy's `random_bounded_uint64_fill(off = low, rng)` for the int64 dtype:
 * values in [low, low + rng] where `rng` (= high − low, inclusive) is given as a bigint in
 * [0, 2^64). `low` is a bigint in [−2^63, 2^63). Results are exact while |value| ≤ 2^53 and
 * rounded to the nearest double beyond (int64 is stored in a Float64Array).
 */
export function fillBoundedInt64(bg: PCG64, low: bigint, rng: bigint, out: Float64Array): void {
  const n = out.length;
  if (rng === 0n) {
    out.fill(Number(low));
    return;
  }
  if (rng <= 0xffffffffn && low >= -9007199254740991n && low + rng <= 9007199254740991n) {
    // The common case: 32-bit draws, and low + m is exact in a double.
    const r = Number(rng);
    const lo = Number(low);
    if (r === 0xffffffff) for (let i = 0; i < n; i++) out[i] = lo + bg.nextUint32();
    else for (let i = 0; i < n; i++) out[i] = lo + boundedLemire32(bg, r);
    return;
  }
  // General case: off = low as uint64, result = off + m mod 2^64 read as int64.
  const offU = BigInt.asUintN(64, low);
  const offH = Number(offU >> 32n);
  const offL = Number(offU & 0xffffffffn);
  if (rng <= 0xffffffffn) {
    const r = Number(rng);
    for (let i = 0; i < n; i++) {
      const m = r === 0xffffffff ? bg.nextUint32() : boundedLemire32(bg, r);
      out[i] = addInt64(offH, offL, 0, m);
    }
    return;
  }
  if (rng === 0xffffffffffffffffn) {
    for (let i = 0; i < n; i++) {
      bg.nextUint64();
      out[i] = addInt64(offH, offL, bg.hi, bg.lo);
    }
    return;
  }
  const rh = Number(rng >> 32n);
  const rl = Number(rng & 0xffffffffn);
  computeThreshold(rh, rl);
  const th = thrH;
  const tl = thrL;
  for (let i = 0; i < n; i++) {
    boundedLemire64(bg, rh, rl, th, tl);
    out[i] = addInt64(offH, offL, PROD[3], PROD[2]);
  }
}

/** (aH, aL) + (bH, bL) mod 2^64, read as a signed int64, as the nearest double. */
function addInt64(aH: number, aL: number, bH: number, bL: number): number {
  let l = aL + bL;
  let c = 0;
  if (l >= 4294967296) {
    l -= 4294967296;
    c = 1;
  }
  const h = (aH + bH + c) % 4294967296;
  return h >= 2147483648 ? (h - 4294967296) * 4294967296 + l : h * 4294967296 + l;
}

/**
 * Fills `out` with NumPy's 32-bit bounded draws (`random_bounded_uint32_fill`), used for the
 * int32 and uint32 dtypes: `off + m` with m uniform in [0, rng], rng < 2^32. The typed array
 * stores the value modulo 2^32 like NumPy's cast.
 */
export function fillBounded32(bg: PCG64, off: number, rng: number, out: Int32Array | Uint32Array): void {
  const n = out.length;
  if (rng === 0) out.fill(off);
  else if (rng === 0xffffffff) for (let i = 0; i < n; i++) out[i] = off + bg.nextUint32();
  else for (let i = 0; i < n; i++) out[i] = off + boundedLemire32(bg, rng);
}

/**
 * Fills `out` with NumPy's 8-bit bounded draws (`random_bounded_uint8_fill`), for uint8/int8: each
 * 32-bit draw is used as four bytes, low byte first, with Lemire's method on 8 bits.
 */
export function fillBounded8(bg: PCG64, off: number, rng: number, out: Uint8Array | Int8Array): void {
  const n = out.length;
  let buf = 0;
  let bcnt = 0;
  if (rng === 0) {
    out.fill(off);
    return;
  }
  if (rng === 0xff) {
    for (let i = 0; i < n; i++) {
      if (bcnt === 0) {
        buf = bg.nextUint32();
        bcnt = 3;
      } else {
        buf >>>= 8;
        bcnt--;
      }
      out[i] = off + (buf & 0xff);
    }
    return;
  }
  const rngExcl = rng + 1;
  const threshold = (255 - rng) % rngExcl;
  for (let i = 0; i < n; i++) {
    let m: number;
    let leftover: number;
    do {
      if (bcnt === 0) {
        buf = bg.nextUint32();
        bcnt = 3;
      } else {
        buf >>>= 8;
        bcnt--;
      }
      m = (buf & 0xff) * rngExcl;
      leftover = m & 0xff;
      // First draw: reject only if leftover < rngExcl and < threshold; threshold ≤ rngExcl − 1
      // so "leftover < threshold" alone is the same test NumPy makes.
    } while (leftover < threshold);
    out[i] = off + (m >>> 8);
  }
}

/** Fills `out` with NumPy's bool draws (`random_bounded_bool_fill`): one bit per value, low first. */
export function fillBoundedBool(bg: PCG64, off: number, rng: number, out: Uint8Array): void {
  const n = out.length;
  if (rng === 0) {
    out.fill(off);
    return;
  }
  let buf = 0;
  let bcnt = 0;
  for (let i = 0; i < n; i++) {
    if (bcnt === 0) {
      buf = bg.nextUint32();
      bcnt = 31;
    } else {
      buf >>>= 1;
      bcnt--;
    }
    out[i] = buf & 1;
  }
}

/**
 * Uniform integer in [0, max] by masked rejection (NumPy's `random_interval`), for max < 2^53:
 * 32-bit draws when max < 2^32, else 64-bit draws. Used by shuffle and permutation.
 */
export function randomInterval(bg: PCG64, max: number): number {
  if (max === 0) return 0;
  if (max <= 0xffffffff) {
    const mask = mask32(max);
    let v: number;
    while ((v = (bg.nextUint32() & mask) >>> 0) > max);
    return v;
  }
  const maskH = mask32(Math.floor(max / 4294967296));
  let v: number;
  do {
    bg.nextUint64();
    v = ((bg.hi & maskH) >>> 0) * 4294967296 + bg.lo;
  } while (v > max);
  return v;
}

// ------------------------------------------------------------------ uniform floats

export function fillRandom(bg: PCG64, out: Float64Array | Float32Array): void {
  const n = out.length;
  if (out instanceof Float32Array) for (let i = 0; i < n; i++) out[i] = bg.nextFloat();
  else for (let i = 0; i < n; i++) out[i] = bg.nextDouble();
}

// ------------------------------------------------------------------ normal

/** One standard normal double (NumPy's `random_standard_normal`, 256-layer ziggurat). */
export function standardNormal(bg: PCG64): number {
  for (;;) {
    bg.nextUint64();
    const lo = bg.lo;
    const idx = lo & 0xff;
    // r >> 8: bit 0 is the sign, bits 1..52 the magnitude (bits 9..60 of the draw).
    const rabs = (bg.hi & 0x1fffffff) * 8388608 + (lo >>> 9);
    let x = rabs * WI_DOUBLE[idx];
    if (lo & 0x100) x = -x;
    if (rabs < KI_DOUBLE[idx]) return x; // 99.3% of the time
    if (idx === 0) {
      // Tail beyond r, by Marsaglia's method; (rabs >> 8) & 1 picks the sign.
      for (;;) {
        const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-bg.nextDouble());
        const yy = -Math.log1p(-bg.nextDouble());
        if (yy + yy > xx * xx) return (lo >>> 17) & 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
      }
    }
    if ((FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * bg.nextDouble() + FI_DOUBLE[idx] < Math.exp(-0.5 * x * x)) {
      return x;
    }
  }
}

/** One standard normal float32 (NumPy's `random_standard_normal_f`), on one 32-bit draw. */
export function standardNormalF(bg: PCG64): number {
  for (;;) {
    const r = bg.nextUint32();
    const idx = r & 0xff;
    const rabs = (r >>> 9) & 0x7fffff;
    let x = f32(rabs * WI_FLOAT[idx]);
    if (r & 0x100) x = -x;
    if (rabs < KI_FLOAT[idx]) return x;
    if (idx === 0) {
      for (;;) {
        const xx = f32(-ZIGGURAT_NOR_INV_R_F * log1pf(-bg.nextFloat()));
        const yy = -log1pf(-bg.nextFloat());
        if (f32(yy + yy) > f32(xx * xx)) {
          return (rabs >>> 8) & 1 ? -f32(ZIGGURAT_NOR_R_F + xx) : f32(ZIGGURAT_NOR_R_F + xx);
        }
      }
    }
    const fl = f32(f32(f32(FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * bg.nextFloat()) + FI_FLOAT[idx]);
    if (fl < Math.exp(-0.5 * x * x)) return x;
  }
}

export function fillStandardNormal(bg: PCG64, out: Float64Array | Float32Array): void {
  const n = out.length;
  if (out instanceof Float32Array) for (let i = 0; i < n; i++) out[i] = standardNormalF(bg);
  else for (let i = 0; i < n; i++) out[i] = standardNormal(bg);
}

// ------------------------------------------------------------------ exponential

/** One standard exponential double (NumPy's `random_standard_exponential`, ziggurat). */
export function standardExponential(bg: PCG64): number {
  for (;;) {
    bg.nextUint64();
    const lo = bg.lo;
    const idx = (lo >>> 3) & 0xff;
    const ri = bg.hi * 2097152 + (lo >>> 11); // draw >> 11: 53 bits
    const x = ri * WE_DOUBLE[idx];
    if (ri < KE_DOUBLE[idx]) return x; // 98.9% of the time
    if (idx === 0) return ZIGGURAT_EXP_R - Math.log1p(-bg.nextDouble());
    if ((FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * bg.nextDouble() + FE_DOUBLE[idx] < Math.exp(-x)) return x;
  }
}

/** One standard exponential float32 (NumPy's `random_standard_exponential_f`). */
export function standardExponentialF(bg: PCG64): number {
  for (;;) {
    const r = bg.nextUint32() >>> 1;
    const idx = r & 0xff;
    const ri = r >>> 8;
    const x = f32(ri * WE_FLOAT[idx]);
    if (ri < KE_FLOAT[idx]) return x;
    if (idx === 0) return f32(ZIGGURAT_EXP_R_F - log1pf(-bg.nextFloat()));
    const fl = f32(f32(f32(FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * bg.nextFloat()) + FE_FLOAT[idx]);
    if (fl < f32(Math.exp(-x))) return x;
  }
}

export function fillStandardExponential(bg: PCG64, out: Float64Array | Float32Array): void {
  const n = out.length;
  if (out instanceof Float32Array) for (let i = 0; i < n; i++) out[i] = standardExponentialF(bg);
  else for (let i = 0; i < n; i++) out[i] = standardExponential(bg);
}

// ------------------------------------------------------------------ Poisson

const LOGGAM_A = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4,
  8.417508417508418e-4, -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2,
  1.796443723688307e-1, -1.3924322169059,
];
const LOG_2PI = Math.log(2 * Math.PI);

/** log Γ(x) as NumPy's `random_loggam` computes it (used by the PTRS Poisson sampler). */
export function loggam(x: number): number {
  let x0 = x;
  let n = 0;
  if (x === 1.0 || x === 2.0) return 0.0;
  if (x <= 7.0) {
    n = Math.trunc(7 - x);
    x0 = x + n;
  }
  const x2 = 1.0 / (x0 * x0);
  let gl0 = LOGGAM_A[9];
  for (let k = 8; k >= 0; k--) {
    gl0 *= x2;
    gl0 += LOGGAM_A[k];
  }
  let gl = gl0 / x0 + 0.5 * LOG_2PI + (x0 - 0.5) * Math.log(x0) - x0;
  if (x <= 7.0) {
    for (let k = 1; k <= n; k++) {
      gl -= Math.log(x0 - 1.0);
      x0 -= 1.0;
    }
  }
  return gl;
}

function poissonMult(bg: PCG64, lam: number): number {
  const enlam = Math.exp(-lam);
  let X = 0;
  let prod = 1.0;
  for (;;) {
    prod *= bg.nextDouble();
    if (prod > enlam) X += 1;
    else return X;
  }
}

/** Hörmann's transformed rejection (PTRS), NumPy's `random_poisson_ptrs`, for λ ≥ 10. */
function poissonPtrs(bg: PCG64, lam: number): number {
  const slam = Math.sqrt(lam);
  const loglam = Math.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = bg.nextDouble() - 0.5;
    const V = bg.nextDouble();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lam + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - loggam(k + 1)) {
      return k;
    }
  }
}

/** One Poisson(λ) draw (NumPy's `random_poisson`). */
export function poisson(bg: PCG64, lam: number): number {
  if (lam >= 10) return poissonPtrs(bg, lam);
  if (lam === 0) return 0;
  return poissonMult(bg, lam);
}

// ------------------------------------------------------------------ binomial

/**
 * The per-(n, p) constants NumPy caches in its `binomial_t` between draws. Caching changes no
 * value (the constants are recomputed identically); it only saves work in a fill loop.
 */
export class BinomialCache {
  has = false;
  nsave = 0;
  psave = 0;
  r = 0;
  q = 0;
  fm = 0;
  m = 0;
  p1 = 0;
  xm = 0;
  xl = 0;
  xr = 0;
  c = 0;
  laml = 0;
  lamr = 0;
  p2 = 0;
  p3 = 0;
  p4 = 0;
}

function binomialInversion(bg: PCG64, n: number, p: number, st: BinomialCache): number {
  let q: number;
  let qn: number;
  let bound: number;
  if (!st.has || st.nsave !== n || st.psave !== p) {
    st.nsave = n;
    st.psave = p;
    st.has = true;
    st.q = q = 1.0 - p;
    st.r = qn = Math.exp(n * Math.log(q));
    const np = n * p;
    st.c = np;
    st.m = bound = Math.trunc(Math.min(n, np + 10.0 * Math.sqrt(np * q + 1)));
  } else {
    q = st.q;
    qn = st.r;
    bound = st.m;
  }
  let X = 0;
  let px = qn;
  let U = bg.nextDouble();
  while (U > px) {
    X++;
    if (X > bound) {
      X = 0;
      px = qn;
      U = bg.nextDouble();
    } else {
      U -= px;
      px = ((n - X + 1) * p * px) / (X * q);
    }
  }
  return X;
}

/** Kachitvichyanukul & Schmeiser's BTPE, as NumPy's `random_binomial_btpe` (p ≤ 0.5 here). */
function binomialBtpe(bg: PCG64, n: number, p: number, st: BinomialCache): number {
  if (!st.has || st.nsave !== n || st.psave !== p) {
    st.nsave = n;
    st.psave = p;
    st.has = true;
    st.r = Math.min(p, 1.0 - p);
    st.q = 1.0 - st.r;
    st.fm = n * st.r + st.r;
    st.m = Math.floor(st.fm);
    st.p1 = Math.floor(2.195 * Math.sqrt(n * st.r * st.q) - 4.6 * st.q) + 0.5;
    st.xm = st.m + 0.5;
    st.xl = st.xm - st.p1;
    st.xr = st.xm + st.p1;
    st.c = 0.134 + 20.5 / (15.3 + st.m);
    let a = (st.fm - st.xl) / (st.fm - st.xl * st.r);
    st.laml = a * (1.0 + a / 2.0);
    a = (st.xr - st.fm) / (st.xr * st.q);
    st.lamr = a * (1.0 + a / 2.0);
    st.p2 = st.p1 * (1.0 + 2.0 * st.c);
    st.p3 = st.p2 + st.c / st.laml;
    st.p4 = st.p3 + st.c / st.lamr;
  }
  const { r, q, m, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4 } = st;
  const nrq = n * r * q;
  for (;;) {
    // Step 10
    const u = bg.nextDouble() * p4;
    let v = bg.nextDouble();
    let y: number;
    if (u <= p1) {
      // Step 10 accepts at once: the triangular centre.
      y = Math.floor(xm - p1 * v + u);
      return p > 0.5 ? n - y : y;
    }
    if (u <= p2) {
      // Step 20: parallelogram
      const x = xl + (u - p1) / c;
      v = v * c + 1.0 - Math.abs(m - x + 0.5) / p1;
      if (v > 1.0) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      // Step 30: left exponential tail
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0.0) continue;
      v = v * (u - p2) * laml;
    } else {
      // Step 40: right exponential tail
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0.0) continue;
      v = v * (u - p3) * lamr;
    }
    // Step 50
    const k = Math.abs(y - m);
    if (!(k > 20 && k < nrq / 2.0 - 1)) {
      const s = r / q;
      const a = s * (n + 1);
      let F = 1.0;
      if (m < y) {
        for (let i = m + 1; i <= y; i++) F *= a / i - s;
      } else if (m > y) {
        for (let i = y + 1; i <= m; i++) F /= a / i - s;
      }
      if (v > F) continue;
      return p > 0.5 ? n - y : y;
    }
    // Step 52: squeeze with Stirling's formula
    const rho = (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const A = Math.log(v);
    if (A < t - rho) return p > 0.5 ? n - y : y;
    if (A > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const x2 = x1 * x1;
    const f2 = f1 * f1;
    const z2 = z * z;
    const w2 = w * w;
    const bound =
      xm * Math.log(f1 / x1) +
      (n - m + 0.5) * Math.log(z / w) +
      (y - m) * Math.log((w * r) / (x1 * q)) +
      (13680 - (462 - (132 - (99 - 140 / f2) / f2) / f2) / f2) / f1 / 166320 +
      (13680 - (462 - (132 - (99 - 140 / z2) / z2) / z2) / z2) / z / 166320 +
      (13680 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x1 / 166320 +
      (13680 - (462 - (132 - (99 - 140 / w2) / w2) / w2) / w2) / w / 166320;
    if (A > bound) continue;
    return p > 0.5 ? n - y : y;
  }
}

/** One Binomial(n, p) draw (NumPy's `random_binomial`); `st` carries the cached constants. */
export function binomial(bg: PCG64, n: number, p: number, st: BinomialCache): number {
  if (n === 0 || p === 0.0) return 0;
  if (p <= 0.5) {
    return p * n <= 30.0 ? binomialInversion(bg, n, p, st) : binomialBtpe(bg, n, p, st);
  }
  const q = 1.0 - p;
  return q * n <= 30.0 ? n - binomialInversion(bg, n, q, st) : n - binomialBtpe(bg, n, q, st);
}
