/**
 * PCG64: NumPy's default bit generator (`np.random.PCG64`), bit for bit.
 *
 * A 128-bit linear congruential generator `s ← s·M + inc (mod 2^128)` whose 64-bit output is the
 * XSL-RR permutation of the NEW state: `rotr64(hi64(s) ^ lo64(s), s >> 122)`. Seeding goes through
 * {@link SeedSequence} exactly as in NumPy: `generate_state(4, uint64)` gives `[s_hi, s_lo, i_hi,
 * i_lo]`, then `inc = (i << 1) | 1`, `s = 0`, step, `s += seed`, step.
 *
 * The 128-bit state lives in eight 16-bit limbs held in plain number fields, so one step is 36
 * exact double multiplications and no allocation (no BigInt in the hot path: BigInt arithmetic
 * allocates and is ~50× slower). BigInt is used only for `state` get/set and `advance`.
 *
 * 32-bit draws (`nextUint32`) use one 64-bit output for two values, low half first, and keep the
 * high half in `uinteger`/`hasUint32` exactly as NumPy's `pcg64_next32` does; this buffer is part
 * of the state (`getState()`), like NumPy's `has_uint32`/`uinteger`.
 */
import { ValueError } from '../errors.js';
import { SeedSequence, type SeedLike } from './seedsequence.js';

// PCG_DEFAULT_MULTIPLIER_128 = 0x2360ED051FC65DA4_4385DF649FCCF645, in 16-bit limbs, low first.
const M0 = 0xf645;
const M1 = 0x9fcc;
const M2 = 0xdf64;
const M3 = 0x4385;
const M4 = 0x5da4;
const M5 = 0x1fc6;
const M6 = 0xed05;
const M7 = 0x2360;
const MULT_BIG = 0x2360ed051fc65da44385df649fccf645n;
/** 2^-16: multiplying by it is exact and much faster in V8 than dividing by 65536. */
const INV65536 = 1 / 65536;

const MASK128 = (1n << 128n) - 1n;
/** NumPy's jump size for `jumped()`: ⌊φ·2^128⌋ rounded to odd (pcg64.pyx `jump_inplace`). */
const JUMP_STEP = 0x9e3779b97f4a7c15f39cc0605cedc835n;

/** JSON-serialisable state, the same fields as NumPy's `bit_generator.state` (ints as decimal strings). */
export interface PCG64State {
  bit_generator: 'PCG64';
  state: { state: string; inc: string };
  has_uint32: number;
  uinteger: number;
}

/** What `setState` accepts: the above, or NumPy's dict with `state`/`inc` as bigint or number. */
export interface PCG64StateInput {
  bit_generator?: string;
  state: { state: string | bigint | number; inc: string | bigint | number };
  has_uint32?: number | boolean;
  uinteger?: number;
}

function toBig128(v: string | bigint | number, what: string): bigint {
  let b: bigint;
  try {
    b = typeof v === 'bigint' ? v : BigInt(v);
  } catch {
    throw new ValueError(`PCG64 state: ${what} must be an integer, got ${String(v)}`);
  }
  if (b < 0n || b > MASK128) throw new ValueError(`PCG64 state: ${what} must be in [0, 2**128)`);
  return b;
}

export class PCG64 {
  // State s, 16-bit limbs (s0 lowest).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private s4 = 0;
  private s5 = 0;
  private s6 = 0;
  private s7 = 0;
  // Increment (odd), 16-bit limbs.
  private i0 = 1;
  private i1 = 0;
  private i2 = 0;
  private i3 = 0;
  private i4 = 0;
  private i5 = 0;
  private i6 = 0;
  private i7 = 0;
  /** NumPy's `has_uint32`: whether `uinteger` holds the unused high half of the last 64-bit draw. */
  private hasUint32 = false;
  private uinteger = 0;
  /** High / low 32 bits of the last `nextUint64()` output (uint32 numbers). */
  hi = 0;
  lo = 0;
  /** The SeedSequence this generator was seeded from (null after `new PCG64(null)` + setState). */
  readonly seedSeq: SeedSequence | null;

  /**
   * `new PCG64(seed)` as `np.random.PCG64(seed)`: `seed` is a non-negative integer (number or
   * bigint), an array of them, a {@link SeedSequence}, or undefined for fresh OS entropy
   * (`crypto.getRandomValues`).
   */
  constructor(seed?: SeedLike | SeedSequence) {
    const ss = seed instanceof SeedSequence ? seed : new SeedSequence(seed);
    this.seedSeq = ss;
    const w = ss.generateState(8); // four uint64 as (lo, hi) uint32 pairs
    const u64 = (k: number): bigint => (BigInt(w[2 * k + 1]) << 32n) | BigInt(w[2 * k]);
    const initstate = (u64(0) << 64n) | u64(1);
    const initseq = (u64(2) << 64n) | u64(3);
    this.seedRaw(initstate, initseq);
  }

  /** pcg_setseq_128_srandom_r: inc = (initseq << 1) | 1; s = 0; step; s += initstate; step. */
  private seedRaw(initstate: bigint, initseq: bigint): void {
    const inc = ((initseq << 1n) | 1n) & MASK128;
    this.setLimbs(0n, inc);
    this.step();
    this.setLimbs((this.bigState() + initstate) & MASK128, inc);
    this.step();
    this.hasUint32 = false;
    this.uinteger = 0;
  }

  private setLimbs(s: bigint, inc: bigint): void {
    const l = (x: bigint, k: number): number => Number((x >> BigInt(16 * k)) & 0xffffn);
    this.s0 = l(s, 0);
    this.s1 = l(s, 1);
    this.s2 = l(s, 2);
    this.s3 = l(s, 3);
    this.s4 = l(s, 4);
    this.s5 = l(s, 5);
    this.s6 = l(s, 6);
    this.s7 = l(s, 7);
    this.i0 = l(inc, 0);
    this.i1 = l(inc, 1);
    this.i2 = l(inc, 2);
    this.i3 = l(inc, 3);
    this.i4 = l(inc, 4);
    this.i5 = l(inc, 5);
    this.i6 = l(inc, 6);
    this.i7 = l(inc, 7);
  }

  private bigState(): bigint {
    const ls = [this.s0, this.s1, this.s2, this.s3, this.s4, this.s5, this.s6, this.s7];
    let v = 0n;
    for (let k = 7; k >= 0; k--) v = (v << 16n) | BigInt(ls[k]);
    return v;
  }

  private bigInc(): bigint {
    const ls = [this.i0, this.i1, this.i2, this.i3, this.i4, this.i5, this.i6, this.i7];
    let v = 0n;
    for (let k = 7; k >= 0; k--) v = (v << 16n) | BigInt(ls[k]);
    return v;
  }

  /**
   * s ← s·M + inc mod 2^128, column by column on 16-bit limbs. Each column sums at most eight
   * products < 2^32 plus the increment limb and the carry, so it stays below 2^36: exact in a
   * double, and `& 0xffff` (ToInt32 is exact modulo 2^32) extracts the low limb.
   */
  private step(): void {
    const a0 = this.s0;
    const a1 = this.s1;
    const a2 = this.s2;
    const a3 = this.s3;
    const a4 = this.s4;
    const a5 = this.s5;
    const a6 = this.s6;
    const a7 = this.s7;
    let t = a0 * M0 + this.i0;
    let r = t & 0xffff;
    this.s0 = r;
    t = (t - r) * INV65536 + a0 * M1 + a1 * M0 + this.i1;
    r = t & 0xffff;
    this.s1 = r;
    t = (t - r) * INV65536 + a0 * M2 + a1 * M1 + a2 * M0 + this.i2;
    r = t & 0xffff;
    this.s2 = r;
    t = (t - r) * INV65536 + a0 * M3 + a1 * M2 + a2 * M1 + a3 * M0 + this.i3;
    r = t & 0xffff;
    this.s3 = r;
    t = (t - r) * INV65536 + a0 * M4 + a1 * M3 + a2 * M2 + a3 * M1 + a4 * M0 + this.i4;
    r = t & 0xffff;
    this.s4 = r;
    t = (t - r) * INV65536 + a0 * M5 + a1 * M4 + a2 * M3 + a3 * M2 + a4 * M1 + a5 * M0 + this.i5;
    r = t & 0xffff;
    this.s5 = r;
    t = (t - r) * INV65536 + a0 * M6 + a1 * M5 + a2 * M4 + a3 * M3 + a4 * M2 + a5 * M1 + a6 * M0 + this.i6;
    r = t & 0xffff;
    this.s6 = r;
    t =
      (t - r) * INV65536 +
      a0 * M7 +
      a1 * M6 +
      a2 * M5 +
      a3 * M4 +
      a4 * M3 +
      a5 * M2 +
      a6 * M1 +
      a7 * M0 +
      this.i7;
    this.s7 = t & 0xffff;
  }

  /**
   * Advances the state and leaves the 64-bit output in `this.hi` / `this.lo` (uint32 each);
   * returns nothing so that the hot loops allocate nothing.
   */
  nextUint64(): void {
    this.step();
    // XSL-RR: x = hi64 ^ lo64, rotated right by the top 6 bits of the state.
    let xh = (((this.s7 << 16) | this.s6) ^ ((this.s3 << 16) | this.s2)) >>> 0;
    let xl = (((this.s5 << 16) | this.s4) ^ ((this.s1 << 16) | this.s0)) >>> 0;
    const rot = this.s7 >>> 10;
    if (rot & 32) {
      const tmp = xh;
      xh = xl;
      xl = tmp;
    }
    const r = rot & 31;
    if (r !== 0) {
      const h = (xh >>> r) | (xl << (32 - r));
      const l = (xl >>> r) | (xh << (32 - r));
      xh = h >>> 0;
      xl = l >>> 0;
    }
    this.hi = xh;
    this.lo = xl;
  }

  /** 32 random bits (NumPy's `next_uint32`): the low half of a 64-bit draw, then its high half. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.nextUint64();
    this.hasUint32 = true;
    this.uinteger = this.hi;
    return this.lo;
  }

  /** A double in [0, 1): `(next_uint64 >> 11) · 2^-53` (NumPy's `next_double`). */
  nextDouble(): number {
    this.nextUint64();
    return (this.hi * 2097152 + (this.lo >>> 11)) * 1.1102230246251565e-16;
  }

  /** A float32 in [0, 1): `(next_uint32 >> 8) · 2^-24` (NumPy's `next_float`). */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) * 5.960464477539063e-8;
  }

  /** One raw 64-bit output as a bigint (NumPy's `random_raw()`); for tests and interop, not speed. */
  randomRaw(): bigint {
    this.nextUint64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** The full state as a JSON-serialisable object with NumPy's field names. */
  getState(): PCG64State {
    return {
      bit_generator: 'PCG64',
      state: { state: this.bigState().toString(), inc: this.bigInc().toString() },
      has_uint32: this.hasUint32 ? 1 : 0,
      uinteger: this.uinteger,
    };
  }

  /** Restores a state from `getState()` (or NumPy's `bit_generator.state` with ints as strings). */
  setState(st: PCG64StateInput): void {
    if (st === null || typeof st !== 'object' || typeof st.state !== 'object' || st.state === null) {
      throw new ValueError('PCG64 setState: state must be an object like getState() returns');
    }
    if (st.bit_generator !== undefined && st.bit_generator !== 'PCG64') {
      throw new ValueError(
        `PCG64 setState: state must be for a PCG64 bit generator, got ${st.bit_generator}`,
      );
    }
    const s = toBig128(st.state.state, 'state');
    const inc = toBig128(st.state.inc, 'inc');
    const u = st.uinteger ?? 0;
    if (!Number.isInteger(u) || u < 0 || u > 0xffffffff) {
      throw new ValueError('PCG64 setState: uinteger must be an integer in [0, 2**32)');
    }
    this.setLimbs(s, inc);
    this.hasUint32 = Boolean(st.has_uint32);
    this.uinteger = u;
  }

  /**
   * Advances the state by `delta` steps in O(log delta) (Brown's LCG jump-ahead), like NumPy's
   * `PCG64.advance`; the buffered 32-bit half is dropped as NumPy does. Returns this.
   */
  advance(delta: number | bigint): this {
    let d = BigInt(delta) & MASK128; // NumPy wraps delta modulo 2^128
    let accMult = 1n;
    let accPlus = 0n;
    let curMult = MULT_BIG;
    let curPlus = this.bigInc();
    while (d > 0n) {
      if (d & 1n) {
        accMult = (accMult * curMult) & MASK128;
        accPlus = (accPlus * curMult + curPlus) & MASK128;
      }
      curPlus = ((curMult + 1n) * curPlus) & MASK128;
      curMult = (curMult * curMult) & MASK128;
      d >>= 1n;
    }
    this.setLimbs((accMult * this.bigState() + accPlus) & MASK128, this.bigInc());
    this.hasUint32 = false;
    this.uinteger = 0;
    return this;
  }

  /**
   * A new PCG64 whose state is this one advanced by `jumps · 0x9e3779b97f4a7c15f39cc0605cedc835`
   * steps (NumPy's `jumped`), for independent parallel streams. This generator is unchanged.
   */
  jumped(jumps = 1): PCG64 {
    if (!Number.isInteger(jumps) || jumps < 0)
      throw new ValueError('jumped: jumps must be a non-negative integer');
    const g = Object.create(PCG64.prototype) as PCG64;
    Object.assign(g, this);
    (g as { seedSeq: SeedSequence | null }).seedSeq = null;
    g.advance(JUMP_STEP * BigInt(jumps));
    return g;
  }

  /** `n` child generators seeded from `seedSeq.spawn(n)` (NumPy's `BitGenerator.spawn`). */
  spawn(n: number): PCG64[] {
    if (this.seedSeq === null) {
      throw new ValueError('spawn: this PCG64 has no SeedSequence (it was made by jumped())');
    }
    return this.seedSeq.spawn(n).map((s) => new PCG64(s));
  }
}
