/**
 * `Generator`: NumPy's `np.random.Generator` over {@link PCG64}, with the same streams as
 * `np.random.default_rng(seed)` for the same seed.
 *
 * ```ts
 * const rng = nd.random.defaultRng(42);
 * rng.random([2, 3]);              // = np.random.default_rng(42).random((2, 3))
 * rng.integers(0, 10, 5);          // int64 array
 * rng.standardNormal();            // a JS number, like NumPy's scalar result for size=None
 * const ckpt = rng.getState();     // JSON-serialisable; rng.setState(ckpt) resumes the stream
 * ```
 *
 * NumPy argument order, keyword arguments as a trailing options object. `size` is a number, a
 * shape array, or undefined (→ a JS number, as NumPy returns a scalar for `size=None`).
 *
 * Bit-equal to NumPy 2.x (verified against test/golden/random.json): `random`, `integers` (every
 * dtype), `standardNormal`, `normal`, `uniform`, `standardExponential`, `exponential`, `binomial`,
 * `poisson`, `choice` (all paths), `permutation`, `shuffle`, `spawn`, and `PCG64.jumped`. The
 * samplers that call exp/log (normal/exponential tails, binomial, Poisson) use `Math.exp` /
 * `Math.log` where NumPy uses the C library's; these agree to < 1 ulp and gave identical streams
 * in every golden case, but a last-bit difference on some rare input cannot be ruled out.
 *
 * int64 results are stored in a Float64Array (see dtype.ts): exact for |x| ≤ 2^53, rounded beyond.
 */
import { NDArray } from '../ndarray.js';
import { DTYPE_INFO, toDType, type DType, type TypedArray } from '../dtype.js';
import { DTypeError, ValueError, formatShape } from '../errors.js';
import { PCG64, type PCG64State, type PCG64StateInput } from './pcg64.js';
import { SeedSequence, type SeedLike } from './seedsequence.js';
import * as D from './distributions.js';

/** An output shape: a length, or a list of dimensions (`[]` is a 0-d array). */
export type Size = number | readonly number[];
export type FloatDType = 'float64' | 'float32';
export type IntDType = 'int64' | 'int32' | 'uint32' | 'uint8' | 'int8' | 'bool';

export interface FloatOptions {
  /** 'float64' (default) or 'float32' (NumPy's float32 samplers, on 32-bit draws). */
  dtype?: FloatDType | 'f8' | 'f4' | 'float' | 'double' | 'single';
}

export interface IntegersOptions {
  /** Include `high` (NumPy's `endpoint=True`); default false: [low, high). */
  endpoint?: boolean;
  /** Result dtype, default 'int64'. */
  dtype?: IntDType | 'i8' | 'i4' | 'u4' | 'u1' | 'i1' | 'int';
}

export interface ChoiceOptions {
  /** Draw with replacement (default true). */
  replace?: boolean;
  /** Probabilities of the entries of `a` (1-D, same length, summing to 1 within √eps). */
  p?: readonly number[] | Float64Array | Float32Array | NDArray;
  /** Without replacement and without `p`: shuffle the result (default true; false is faster). */
  shuffle?: boolean;
}

/** What `choice` / `permutation` accept as a population: an NDArray (rows = axis 0) or a flat list. */
export type ArrayInput = NDArray | readonly number[] | TypedArray;

const INT_BOUNDS: Record<IntDType, [bigint, bigint]> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint8: [0n, 255n],
  int8: [-128n, 127n],
  bool: [0n, 1n],
};

/** NumPy's POISSON_LAM_MAX = iinfo(int64).max − 10·sqrt(iinfo(int64).max), in doubles (2^63). */
const POISSON_LAM_MAX = 2 ** 63 - Math.sqrt(2 ** 63) * 10;
/** sqrt(finfo(float64).eps), NumPy's tolerance on sum(p) in `choice`. */
const ATOL64 = Math.sqrt(2.220446049250313e-16);
const ATOL32 = Math.sqrt(1.1920928955078125e-7);

// ------------------------------------------------------------------ argument helpers

/** Validates `size`; null for undefined (scalar result). */
function parseSize(size: Size | undefined | null, op: string): number[] | null {
  if (size === undefined || size === null) return null;
  const shape = typeof size === 'number' ? [size] : [...size];
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new ValueError(`${op}: size must be an integer or a list of integers, got ${String(size)}`);
    }
    if (d < 0) throw new ValueError(`${op}: negative dimensions are not allowed`);
  }
  return shape;
}

function sizeOf(shape: readonly number[] | null): number {
  if (shape === null) return 1;
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function floatDType(d: string | undefined, op: string): FloatDType {
  if (d === undefined) return 'float64';
  const t = toDType(d);
  if (t !== 'float64' && t !== 'float32') {
    throw new DTypeError(`${op}: unsupported dtype '${d}'; expected float64 or float32`);
  }
  return t;
}

/** Scalar (size undefined) → the value as a number; else wraps the storage as an NDArray. */
function finish(data: TypedArray, shape: readonly number[] | null, dtype: DType): number | NDArray {
  if (shape === null) return data[0];
  return NDArray.fromData(data, shape, dtype);
}

/** NumPy's CONS_NON_NEGATIVE: NaN passes, negative numbers and −0 raise `name < 0`. */
function checkNonNegative(v: number, name: string, op: string): void {
  if (typeof v !== 'number') throw new ValueError(`${op}: ${name} must be a number`);
  if (!Number.isNaN(v) && (v < 0 || Object.is(v, -0))) throw new ValueError(`${op}: ${name} < 0`);
}

function toBigIntBound(v: number | bigint, name: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ValueError(`integers: ${name} must be a finite integer, got ${String(v)}`);
  }
  return BigInt(Math.trunc(v)); // int(x) as NumPy does for float bounds
}

/** Row geometry of an array along axis 0: element offsets of one row (C order) relative to its start. */
function rowOffsets(a: NDArray): Float64Array {
  const rowShape = a.shape.slice(1);
  const rowStrides = a.strides.slice(1);
  let n = 1;
  for (const d of rowShape) n *= d;
  const offs = new Float64Array(n);
  const nd = rowShape.length;
  const idx = new Array<number>(nd).fill(0);
  let off = 0;
  for (let k = 0; k < n; k++) {
    offs[k] = off;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      off += rowStrides[d];
      if (idx[d] < rowShape[d]) break;
      off -= rowStrides[d] * rowShape[d];
      idx[d] = 0;
    }
  }
  return offs;
}

/** An NDArray for a flat JS list or typed array (int64 if every number is an integer, else float64). */
function asNDArray(x: ArrayInput, op: string): NDArray {
  if (x instanceof NDArray) return x;
  if (ArrayBuffer.isView(x)) {
    const ta = x as TypedArray;
    const dtype: DType =
      ta instanceof Float32Array
        ? 'float32'
        : ta instanceof Int8Array
          ? 'int8'
          : ta instanceof Int32Array
            ? 'int32'
            : ta instanceof Uint8Array
              ? 'uint8'
              : ta instanceof Uint32Array
                ? 'uint32'
                : 'float64';
    return NDArray.fromData(ta, [ta.length], dtype);
  }
  if (!Array.isArray(x))
    throw new ValueError(`${op}: expected an NDArray, a typed array or an array of numbers`);
  const data = new Float64Array(x.length);
  let allInt = true;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number') throw new ValueError(`${op}: expected an array of numbers`);
    data[i] = v;
    if (!Number.isInteger(v)) allInt = false;
  }
  return NDArray.fromData(data, [x.length], allInt ? 'int64' : 'float64');
}

/** cdf = cumsum(p) / cumsum(p)[-1], sequentially like np.cumsum. */
function normalisedCdf(p: Float64Array, cdf: Float64Array): void {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    s += p[i];
    cdf[i] = s;
  }
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
}

/** np.searchsorted(cdf, u, side='right'): number of cdf entries ≤ u. */
function searchRight(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ------------------------------------------------------------------ Generator

export class Generator {
  /** The bit generator (NumPy's `Generator.bit_generator`). */
  readonly bitGenerator: PCG64;
  private readonly binomialCache = new D.BinomialCache();

  constructor(bitGenerator: PCG64) {
    if (!(bitGenerator instanceof PCG64)) throw new ValueError('Generator: expected a PCG64 bit generator');
    this.bitGenerator = bitGenerator;
  }

  /** The bit generator's state, a JSON-serialisable object (for checkpoints). */
  getState(): PCG64State {
    return this.bitGenerator.getState();
  }

  /** Restores a state returned by `getState()`; the stream continues exactly from there. */
  setState(state: PCG64StateInput): void {
    this.bitGenerator.setState(state);
  }

  /** `n` independent child generators (NumPy's `Generator.spawn`, via SeedSequence.spawn). */
  spawn(n: number): Generator[] {
    return this.bitGenerator.spawn(n).map((bg) => new Generator(bg));
  }

  // ---------------------------------------------------------------- floats

  /**
   * Uniform floats in [0, 1) (NumPy's `random`). float64: `(next_uint64 >> 11) · 2^-53`;
   * float32: `(next_uint32 >> 8) · 2^-24`. Bit-equal to NumPy.
   */
  random(size?: undefined, opts?: FloatOptions): number;
  random(size: Size, opts?: FloatOptions): NDArray;
  random(size?: Size, opts?: FloatOptions): number | NDArray;
  random(size?: Size, opts: FloatOptions = {}): number | NDArray {
    const shape = parseSize(size, 'random');
    const dtype = floatDType(opts.dtype, 'random');
    const out = new DTYPE_INFO[dtype].ctor(sizeOf(shape)) as Float64Array | Float32Array;
    D.fillRandom(this.bitGenerator, out);
    return finish(out, shape, dtype);
  }

  /**
   * Uniform floats in [low, high): `low + (high − low) · next_double` (NumPy's `uniform`).
   * Bit-equal to NumPy. Raises when `high − low` is negative or not finite.
   */
  uniform(low?: number, high?: number, size?: undefined): number;
  uniform(low: number, high: number, size: Size): NDArray;
  uniform(low?: number, high?: number, size?: Size): number | NDArray;
  uniform(low = 0.0, high = 1.0, size?: Size): number | NDArray {
    const shape = parseSize(size, 'uniform');
    const range = high - low;
    if (!Number.isFinite(range)) throw new ValueError('uniform: high - low range exceeds valid bounds');
    checkNonNegative(range, 'high - low', 'uniform');
    const out = new Float64Array(sizeOf(shape));
    const bg = this.bitGenerator;
    for (let i = 0; i < out.length; i++) out[i] = low + range * bg.nextDouble();
    return finish(out, shape, 'float64');
  }

  /**
   * Standard normal samples by NumPy's 256-layer ziggurat (`standard_normal`). float64 uses one
   * 64-bit draw per sample (plus rare rejections), float32 one 32-bit draw. Bit-equal to NumPy.
   */
  standardNormal(size?: undefined, opts?: FloatOptions): number;
  standardNormal(size: Size, opts?: FloatOptions): NDArray;
  standardNormal(size?: Size, opts?: FloatOptions): number | NDArray;
  standardNormal(size?: Size, opts: FloatOptions = {}): number | NDArray {
    const shape = parseSize(size, 'standardNormal');
    const dtype = floatDType(opts.dtype, 'standardNormal');
    const out = new DTYPE_INFO[dtype].ctor(sizeOf(shape)) as Float64Array | Float32Array;
    D.fillStandardNormal(this.bitGenerator, out);
    return finish(out, shape, dtype);
  }

  /** Normal(loc, scale) samples: `loc + scale · z` (NumPy's `normal`). Bit-equal to NumPy. */
  normal(loc?: number, scale?: number, size?: undefined): number;
  normal(loc: number, scale: number, size: Size): NDArray;
  normal(loc?: number, scale?: number, size?: Size): number | NDArray;
  normal(loc = 0.0, scale = 1.0, size?: Size): number | NDArray {
    const shape = parseSize(size, 'normal');
    checkNonNegative(scale, 'scale', 'normal');
    const out = new Float64Array(sizeOf(shape));
    const bg = this.bitGenerator;
    for (let i = 0; i < out.length; i++) out[i] = loc + scale * D.standardNormal(bg);
    return finish(out, shape, 'float64');
  }

  /** Standard exponential samples by NumPy's ziggurat (`standard_exponential`). Bit-equal to NumPy. */
  standardExponential(size?: undefined, opts?: FloatOptions): number;
  standardExponential(size: Size, opts?: FloatOptions): NDArray;
  standardExponential(size?: Size, opts?: FloatOptions): number | NDArray;
  standardExponential(size?: Size, opts: FloatOptions = {}): number | NDArray {
    const shape = parseSize(size, 'standardExponential');
    const dtype = floatDType(opts.dtype, 'standardExponential');
    const out = new DTYPE_INFO[dtype].ctor(sizeOf(shape)) as Float64Array | Float32Array;
    D.fillStandardExponential(this.bitGenerator, out);
    return finish(out, shape, dtype);
  }

  /** Exponential samples with mean `scale`: `scale · e` (NumPy's `exponential`). Bit-equal to NumPy. */
  exponential(scale?: number, size?: undefined): number;
  exponential(scale: number, size: Size): NDArray;
  exponential(scale?: number, size?: Size): number | NDArray;
  exponential(scale = 1.0, size?: Size): number | NDArray {
    const shape = parseSize(size, 'exponential');
    checkNonNegative(scale, 'scale', 'exponential');
    const out = new Float64Array(sizeOf(shape));
    const bg = this.bitGenerator;
    for (let i = 0; i < out.length; i++) out[i] = scale * D.standardExponential(bg);
    return finish(out, shape, 'float64');
  }

  // ---------------------------------------------------------------- integers

  /**
   * Uniform integers in [low, high) — or [low, high] with `endpoint: true`; `integers(n)` is
   * [0, n) (NumPy's `integers`). Bounds may be numbers (truncated like Python's `int()`) or
   * bigints (for exact bounds beyond 2^53). Bit-equal to NumPy for every dtype: ranges that fit in
   * 32 bits use 32-bit draws (two per 64-bit output), uint8/int8 use bytes of 32-bit draws, bool
   * single bits, wider ranges 64-bit draws; all by Lemire's method, as NumPy.
   */
  integers(
    low: number | bigint,
    high?: number | bigint | null,
    size?: undefined,
    opts?: IntegersOptions,
  ): number;
  integers(
    low: number | bigint,
    high: number | bigint | null | undefined,
    size: Size,
    opts?: IntegersOptions,
  ): NDArray;
  integers(
    low: number | bigint,
    high?: number | bigint | null,
    size?: Size,
    opts?: IntegersOptions,
  ): number | NDArray;
  integers(
    low: number | bigint,
    high?: number | bigint | null,
    size?: Size,
    opts: IntegersOptions = {},
  ): number | NDArray {
    const shape = parseSize(size, 'integers');
    const dtName = opts.dtype === undefined ? 'int64' : toDType(opts.dtype);
    if (!(dtName in INT_BOUNDS)) {
      throw new DTypeError(
        `integers: unsupported dtype '${opts.dtype}'; expected one of ${Object.keys(INT_BOUNDS).join(', ')}`,
      );
    }
    const dtype = dtName as IntDType;
    const n = sizeOf(shape);
    const out = new DTYPE_INFO[dtype].ctor(n);
    if (shape !== null && n === 0) return finish(out, shape, dtype); // NumPy: no checks, no draws
    let lo: bigint;
    let hi: bigint;
    if (high === undefined || high === null) {
      lo = 0n;
      hi = toBigIntBound(low, 'high');
    } else {
      lo = toBigIntBound(low, 'low');
      hi = toBigIntBound(high, 'high');
    }
    const closed = opts.endpoint === true;
    if (!closed) hi -= 1n;
    const [lb, ub] = INT_BOUNDS[dtype];
    if (lo < lb) throw new ValueError(`integers: low is out of bounds for ${dtype}`);
    if (hi > ub) throw new ValueError(`integers: high is out of bounds for ${dtype}`);
    if (lo > hi) {
      throw new ValueError(
        lo === 0n ? `integers: high ${closed ? '<' : '<='} 0` : `integers: low ${closed ? '>' : '>='} high`,
      );
    }
    const rng = hi - lo;
    const bg = this.bitGenerator;
    if (dtype === 'int64') D.fillBoundedInt64(bg, lo, rng, out as Float64Array);
    else if (dtype === 'int32' || dtype === 'uint32') {
      D.fillBounded32(bg, Number(lo), Number(rng), out as Int32Array | Uint32Array);
    } else if (dtype === 'uint8' || dtype === 'int8') {
      D.fillBounded8(bg, Number(lo), Number(rng), out as Uint8Array | Int8Array);
    } else D.fillBoundedBool(bg, Number(lo), Number(rng), out as Uint8Array);
    return finish(out, shape, dtype);
  }

  // ---------------------------------------------------------------- discrete

  /**
   * Binomial(n, p) counts as int64 (NumPy's `binomial`: inversion when n·min(p, 1−p) ≤ 30, BTPE
   * otherwise). Bit-equal to NumPy in every golden case (see the note on exp/log above).
   */
  binomial(n: number, p: number, size?: undefined): number;
  binomial(n: number, p: number, size: Size): NDArray;
  binomial(n: number, p: number, size?: Size): number | NDArray;
  binomial(n: number, p: number, size?: Size): number | NDArray {
    const shape = parseSize(size, 'binomial');
    if (typeof p !== 'number' || !(p >= 0 && p <= 1))
      throw new ValueError('binomial: p < 0, p > 1 or p is NaN');
    if (typeof n !== 'number' || Number.isNaN(n)) throw new ValueError('binomial: n must be an integer');
    const ni = Math.trunc(n); // NumPy casts n to int64
    checkNonNegative(ni, 'n', 'binomial');
    const out = new Float64Array(sizeOf(shape));
    const bg = this.bitGenerator;
    const st = this.binomialCache;
    for (let i = 0; i < out.length; i++) out[i] = D.binomial(bg, ni, p, st);
    return finish(out, shape, 'int64');
  }

  /**
   * Poisson(lam) counts as int64 (NumPy's `poisson`: multiplication for lam < 10, Hörmann's PTRS
   * otherwise). Bit-equal to NumPy in every golden case (see the note on exp/log above).
   */
  poisson(lam?: number, size?: undefined): number;
  poisson(lam: number, size: Size): NDArray;
  poisson(lam?: number, size?: Size): number | NDArray;
  poisson(lam = 1.0, size?: Size): number | NDArray {
    const shape = parseSize(size, 'poisson');
    if (typeof lam !== 'number' || !(lam >= 0)) throw new ValueError('poisson: lam < 0 or lam is NaN');
    if (lam > POISSON_LAM_MAX) throw new ValueError('poisson: lam value too large');
    const out = new Float64Array(sizeOf(shape));
    const bg = this.bitGenerator;
    for (let i = 0; i < out.length; i++) out[i] = D.poisson(bg, lam);
    return finish(out, shape, 'int64');
  }

  // ---------------------------------------------------------------- sampling and shuffling

  /**
   * Random sample from `a` (NumPy's `choice`): `a` is a population size (samples are indices, int64)
   * or an array (samples are its elements, or its rows along axis 0 for an N-D array). With
   * replacement: uniform indices by `integers`, or by inverting the cdf of `p` with `random`.
   * Without: Floyd's algorithm with a hash set (then a shuffle unless `shuffle: false`), a partial
   * Fisher–Yates for large populations, or repeated cdf draws when `p` is given. Every path consumes
   * the stream exactly as NumPy's does, so the results are bit-equal.
   */
  choice(a: number | readonly number[] | TypedArray, size?: undefined, opts?: ChoiceOptions): number;
  choice(a: number | ArrayInput, size: Size, opts?: ChoiceOptions): NDArray;
  choice(a: number | ArrayInput, size?: Size, opts?: ChoiceOptions): number | NDArray;
  choice(a: number | ArrayInput, size?: Size, opts: ChoiceOptions = {}): number | NDArray {
    const replace = opts.replace ?? true;
    const doShuffle = opts.shuffle ?? true;
    const shape = parseSize(size, 'choice');
    const isScalar = shape === null;
    const n = sizeOf(shape);
    let arr: NDArray | null = null;
    let pop: number;
    if (typeof a === 'number') {
      if (!Number.isInteger(a)) throw new ValueError(`choice: a must be a sequence or an integer, not ${a}`);
      pop = a;
      if (pop <= 0 && n !== 0)
        throw new ValueError('choice: a must be a positive integer unless no samples are taken');
    } else {
      arr = asNDArray(a, 'choice');
      if (arr.ndim === 0) throw new ValueError('choice: a must be 1-dimensional or an integer');
      pop = arr.shape[0];
      if (pop === 0 && n !== 0) throw new ValueError('choice: a cannot be empty unless no samples are taken');
    }

    let p: Float64Array | null = null;
    if (opts.p !== undefined && opts.p !== null) {
      let atol = ATOL64;
      let pv: Float64Array;
      const q = opts.p;
      if (q instanceof NDArray) {
        if (q.ndim !== 1) throw new ValueError('choice: p must be 1-dimensional');
        if (q.dtype === 'float32') atol = ATOL32;
        pv = Float64Array.from(q.toTypedArray() as ArrayLike<number>);
      } else {
        if (q instanceof Float32Array) atol = ATOL32;
        pv = Float64Array.from(q as ArrayLike<number>);
      }
      if (pv.length !== pop) throw new ValueError('choice: a and p must have same size');
      let sum = pv.length > 0 ? pv[0] : 0; // Kahan sum, as NumPy validates
      let c = 0.0;
      for (let i = 1; i < pv.length; i++) {
        const y = pv[i] - c;
        const t = sum + y;
        c = t - sum - y;
        sum = t;
      }
      if (Number.isNaN(sum)) throw new ValueError('choice: Probabilities contain NaN');
      for (let i = 0; i < pv.length; i++) {
        if (pv[i] < 0) throw new ValueError('choice: Probabilities are not non-negative');
      }
      if (Math.abs(sum - 1) > atol) throw new ValueError('choice: Probabilities do not sum to 1');
      p = pv;
    }

    const bg = this.bitGenerator;
    const idx = new Float64Array(n);
    if (replace) {
      if (p !== null) {
        const cdf = new Float64Array(pop);
        normalisedCdf(p, cdf);
        for (let i = 0; i < n; i++) idx[i] = bg.nextDouble();
        for (let i = 0; i < n; i++) idx[i] = searchRight(cdf, idx[i]);
      } else if (n > 0) {
        D.fillBoundedInt64(bg, 0n, BigInt(pop) - 1n, idx);
      }
    } else {
      if (n > pop) {
        throw new ValueError('choice: Cannot take a larger sample than population when replace is False');
      }
      if (p !== null) {
        let nonzero = 0;
        for (let i = 0; i < pop; i++) if (p[i] > 0) nonzero++;
        if (nonzero < n) throw new ValueError('choice: Fewer non-zero entries in p than size');
        const pw = Float64Array.from(p);
        const cdf = new Float64Array(pop);
        let nUniq = 0;
        while (nUniq < n) {
          const m = n - nUniq;
          const x = new Float64Array(m);
          for (let i = 0; i < m; i++) x[i] = bg.nextDouble();
          for (let i = 0; i < nUniq; i++) pw[idx[i]] = 0;
          normalisedCdf(pw, cdf);
          // unique values of searchsorted(cdf, x), in order of first appearance (a Set keeps it)
          const added = new Set<number>();
          for (let i = 0; i < m; i++) added.add(searchRight(cdf, x[i]));
          for (const v of added) idx[nUniq++] = v;
        }
      } else {
        const cutoff = doShuffle ? 50 : 20;
        if (pop > 10000 && n > Math.floor(pop / cutoff)) {
          // Partial Fisher–Yates of the tail of arange(pop), as NumPy's _shuffle_int.
          const all = new Float64Array(pop);
          for (let i = 0; i < pop; i++) all[i] = i;
          const first = Math.max(pop - n, 1);
          for (let i = pop - 1; i >= first; i--) {
            const j = D.boundedUint(bg, i);
            const t = all[j];
            all[j] = all[i];
            all[i] = t;
          }
          idx.set(all.subarray(pop - n));
        } else {
          // Floyd's algorithm with an open-addressing hash set.
          let mask = Math.floor(1.2 * n);
          mask = maskUint(mask);
          const hashSet = new Float64Array(mask + 1).fill(-1);
          for (let j = pop - n; j < pop; j++) {
            const val = D.boundedUint(bg, j);
            let loc = val % (mask + 1);
            while (hashSet[loc] !== -1 && hashSet[loc] !== val) loc = (loc + 1) % (mask + 1);
            if (hashSet[loc] === -1) {
              hashSet[loc] = val;
              idx[j - pop + n] = val;
            } else {
              loc = j % (mask + 1);
              while (hashSet[loc] !== -1) loc = (loc + 1) % (mask + 1);
              hashSet[loc] = j;
              idx[j - pop + n] = j;
            }
          }
          if (doShuffle) {
            for (let i = n - 1; i >= 1; i--) {
              const j = D.boundedUint(bg, i);
              const t = idx[j];
              idx[j] = idx[i];
              idx[i] = t;
            }
          }
        }
      }
    }

    if (arr === null) return finish(idx, isScalar ? null : shape, 'int64');
    if (isScalar && arr.ndim === 1) return arr.data[arr.offset + idx[0] * arr.strides[0]] as number;
    return takeRows(arr, idx, isScalar ? [] : shape!);
  }

  /**
   * A shuffled copy (NumPy's `permutation`): `permutation(n)` shuffles `arange(n)` (int64); an
   * array is copied and its rows (axis 0) shuffled. Bit-equal to NumPy.
   */
  permutation(x: number | ArrayInput): NDArray {
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0)
        throw new ValueError(`permutation: expected a non-negative integer, got ${x}`);
      const data = new Float64Array(x);
      for (let i = 0; i < x; i++) data[i] = i;
      this.shuffleTyped(data);
      return NDArray.fromData(data, [x], 'int64');
    }
    const arr = asNDArray(x, 'permutation');
    if (arr.ndim === 0) throw new ValueError('permutation: x must be an integer or at least 1-dimensional');
    const copy = arr.copy();
    this.shuffle(copy);
    return copy;
  }

  /**
   * Shuffles in place along axis 0 (NumPy's `shuffle`): an NDArray's rows, or the elements of a
   * typed array or JS array. Fisher–Yates from the end with NumPy's `random_interval` (masked
   * rejection), so the order equals NumPy's for the same state.
   */
  shuffle(x: NDArray | TypedArray | unknown[]): void {
    const bg = this.bitGenerator;
    if (x instanceof NDArray) {
      if (x.ndim === 0) throw new ValueError('shuffle: x must be at least 1-dimensional');
      if (!x.writeable) throw new ValueError('shuffle: array is read-only');
      const n = x.shape[0];
      if (x.size === 0) return;
      const offs = rowOffsets(x);
      const data = x.data;
      const s0 = x.strides[0];
      for (let i = n - 1; i >= 1; i--) {
        const j = D.randomInterval(bg, i);
        if (i === j) continue;
        const bi = x.offset + i * s0;
        const bj = x.offset + j * s0;
        for (let k = 0; k < offs.length; k++) {
          const t = data[bi + offs[k]];
          data[bi + offs[k]] = data[bj + offs[k]];
          data[bj + offs[k]] = t;
        }
      }
      return;
    }
    if (ArrayBuffer.isView(x)) {
      this.shuffleTyped(x as TypedArray);
      return;
    }
    if (!Array.isArray(x)) throw new ValueError('shuffle: expected an NDArray, a typed array or an array');
    for (let i = x.length - 1; i >= 1; i--) {
      const j = D.randomInterval(bg, i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  private shuffleTyped(x: TypedArray): void {
    const bg = this.bitGenerator;
    for (let i = x.length - 1; i >= 1; i--) {
      const j = D.randomInterval(bg, i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }
}

/** Smallest all-ones mask ≥ v, for 0 ≤ v < 2^53. */
function maskUint(v: number): number {
  if (v <= 0xffffffff) return D.mask32(v);
  return D.mask32(Math.floor(v / 4294967296)) * 4294967296 + 0xffffffff;
}

/** Rows `idx` of `a` (axis 0), as a new C-contiguous array of shape `prefix + a.shape[1:]`. */
function takeRows(a: NDArray, idx: Float64Array, prefix: readonly number[]): NDArray {
  const offs = rowOffsets(a);
  const rowSize = offs.length;
  const out = new DTYPE_INFO[a.dtype].ctor(idx.length * rowSize);
  const data = a.data;
  for (let r = 0; r < idx.length; r++) {
    const base = a.offset + idx[r] * a.strides[0];
    for (let k = 0; k < rowSize; k++) out[r * rowSize + k] = data[base + offs[k]];
  }
  const shape = [...prefix, ...a.shape.slice(1)];
  if (out.length !== shape.reduce((x, y) => x * y, 1)) {
    throw new ValueError(`choice: cannot shape ${idx.length} samples as ${formatShape(shape)}`);
  }
  return NDArray.fromData(out, shape, a.dtype);
}

/**
 * NumPy's `np.random.default_rng(seed)`: a {@link Generator} over {@link PCG64} seeded through
 * {@link SeedSequence}. `seed`: a non-negative integer (number ≤ 2^53 − 1, or bigint), a list of
 * them, a SeedSequence, a PCG64 (wrapped) or a Generator (returned as is); undefined draws 128
 * bits of OS entropy with `crypto.getRandomValues` (library code never uses Math.random).
 */
export function defaultRng(seed?: SeedLike | SeedSequence | PCG64 | Generator): Generator {
  if (seed instanceof Generator) return seed;
  if (seed instanceof PCG64) return new Generator(seed);
  return new Generator(new PCG64(seed));
}
