/**
 * Printing arrays exactly like NumPy 2.4: `repr(a)` (`arrayRepr`, `NDArray.toString()`), `str(a)`
 * (`arrayStr`, `NDArray.str()`), `np.array2string`, and NumPy's float formatting functions
 * `np.format_float_positional` / `np.format_float_scientific`.
 *
 * The file follows the data flow of NumPy's arrayprint.py:
 *   1. Dragon4: the decimal digits of one float — the shortest digits that identify it among the
 *      floats of its own type (float32 or float64), optionally cut off or extended and then
 *      rounded exactly (ties to even). The reference is a BigInt port of the algorithm; a fast
 *      path takes the same digits from the engine's exact `toExponential` wherever they provably
 *      agree (no ties, no lopsided float32 intervals) and is tested against the reference.
 *   2. Positional (`123.45`) and scientific (`1.2345e+02`) layouts with NumPy's trim modes
 *      ('k' keep, '.' drop trailing zeros, '0' keep one zero, '-' drop the point) and padding.
 *   3. Element formatters built from all printed values of an array (floats share one layout:
 *      scientific when max ≥ 1e8 (1e6 for float32) or min < 1e-4 or max/min > 1e3; common
 *      padding; 'maxprec' precision), integers (common width), booleans (' True').
 *   4. Layout of the nested brackets: separators, wrapping at `linewidth` with NumPy's hanging
 *      indent, `...` summaries of arrays with more than `threshold` elements.
 *   5. repr/str: `array(…)`, and the `shape=`/`dtype=` extras where NumPy prints them.
 */
import type { NDArray } from './ndarray.js';
import type { DType } from './dtype.js';
import { ValueError } from './errors.js';
import { resolvePrintOptions, getPrintOptions, type PrintOptions } from './printoptions.js';

// ================================================================ 1. Dragon4

/** NumPy's trim modes: 'k' keep trailing zeros; '.' drop them, keep the point; '0' keep one zero; '-' drop zeros and point. */
export type TrimMode = 'k' | '.' | '0' | '-';

/** A finite float as mantissa · 2^exponent, in the format of its own type. */
interface FloatParts {
  negative: boolean;
  /** The mantissa as two 32-bit words (hi is 0 for float32). */
  hi: number;
  lo: number;
  exponent: number;
  /** Index of the highest set bit of the mantissa. */
  mantissaBit: number;
  /** The next float below is half as far away as the next float above (mantissa is a power of 2). */
  unequalMargins: boolean;
  /** Binary digits after the point (≤ 0 for integers): the exact decimal expansion has as many. */
  fracBits: number;
}

const view = new DataView(new ArrayBuffer(8));

function trailingZeros32(v: number): number {
  return v === 0 ? 32 : 31 - Math.clz32(v & -v);
}

function parts(
  negative: boolean,
  hi: number,
  lo: number,
  exponent: number,
  mantissaBit: number,
  unequalMargins: boolean,
): FloatParts {
  const tz = lo !== 0 ? trailingZeros32(lo) : hi !== 0 ? 32 + trailingZeros32(hi) : 0;
  return { negative, hi, lo, exponent, mantissaBit, unequalMargins, fracBits: -(exponent + tz) };
}

function decompose(x: number, single: boolean): FloatParts {
  if (single) {
    view.setFloat32(0, x);
    const bits = view.getUint32(0);
    const expBits = (bits >>> 23) & 0xff;
    const frac = bits & 0x7fffff;
    const negative = bits >>> 31 === 1;
    if (expBits !== 0) {
      return parts(negative, 0, frac | 0x800000, expBits - 150, 23, expBits !== 1 && frac === 0);
    }
    return parts(negative, 0, frac, -149, 31 - Math.clz32(frac), false);
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  const fracHi = hi & 0xfffff;
  const negative = hi >>> 31 === 1;
  if (expBits !== 0) {
    const unequal = expBits !== 1 && fracHi === 0 && lo === 0;
    return parts(negative, fracHi | 0x100000, lo, expBits - 1075, 52, unequal);
  }
  const bit = fracHi !== 0 ? 63 - Math.clz32(fracHi) : 31 - Math.clz32(lo);
  return parts(negative, fracHi, lo, -1074, bit, false);
}

function isZero(p: FloatParts): boolean {
  return p.hi === 0 && p.lo === 0;
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[n];
}

/** Decimal digits d₀d₁… of a value and the decimal exponent of d₀. */
export interface Digits {
  digits: string;
  exp10: number;
}

const LOG10_2 = 0.3010299956639812; // log10(2): the same double as the constant in NumPy's C code

/**
 * Dragon4 (Steele & White; Burger & Dybvig's free-format variant, as in NumPy's dragon4.c).
 * Returns the digits d₀d₁… and the decimal exponent of d₀ of the positive value in `p`.
 *
 * - `unique`: stop at the shortest digits that still identify the value among floats of its type
 *   (margins are half the distance to the neighbours, inclusive when the mantissa is even);
 *   otherwise print exact digits.
 * - `cutoffMax` (≥ 0, else none): the last digit allowed — counted from the first digit ('total')
 *   or from the decimal point ('fraction'); the value is rounded there, exactly, ties to even.
 * - `cutoffMin` (≥ 0, else none): in unique mode, keep producing exact digits at least this far.
 */
function dragon4(
  p: FloatParts,
  unique: boolean,
  total: boolean,
  cutoffMax: number,
  cutoffMin: number,
): Digits {
  if (isZero(p)) return { digits: '0', exp10: 0 };
  const m = (BigInt(p.hi) << 32n) | BigInt(p.lo);
  const e = p.exponent;
  const isEven = (m & 1n) === 0n;
  // value = r / s; the margins to the neighbours are mLow / s and mHigh / s (mHigh = mLow · highMul)
  const highMul = p.unequalMargins ? 2n : 1n;
  let r: bigint;
  let s: bigint;
  let mLow: bigint;
  const extra = p.unequalMargins ? 2 : 1;
  if (e > 0) {
    r = m << BigInt(e + extra);
    s = 1n << BigInt(extra);
    mLow = 1n << BigInt(e);
  } else {
    r = m << BigInt(extra);
    s = 1n << BigInt(-e + extra);
    mLow = 1n;
  }
  // k estimates floor(log10(v)) + 1; it is exact or one too small (corrected below)
  let k = Math.ceil((p.mantissaBit + e) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && !total && k <= -cutoffMax) k = -cutoffMax + 1;
  if (k > 0) s *= pow10(k);
  else if (k < 0) {
    const f = pow10(-k);
    r *= f;
    mLow *= f;
  }
  if (r >= s) k += 1;
  else {
    r *= 10n;
    mLow *= 10n;
  }
  const cutoffMaxExp = cutoffMax >= 0 ? (total ? k - cutoffMax : -cutoffMax) : -Infinity;
  let cutoffMinExp = k;
  if (cutoffMin >= 0) cutoffMinExp = Math.min(k, total ? k - cutoffMin : -cutoffMin);
  let exp10 = k - 1;

  const digits: number[] = [];
  let digit: number;
  let low = false;
  let high = false;
  for (;;) {
    k -= 1;
    const q = r / s;
    digit = Number(q);
    r -= q * s;
    if (unique) {
      const rHigh = r + mLow * highMul;
      low = isEven ? r <= mLow : r < mLow;
      high = isEven ? rHigh >= s : rHigh > s;
      if (((low || high) && k <= cutoffMinExp) || k === cutoffMaxExp) break;
    } else if (r === 0n || k === cutoffMaxExp) break;
    digits.push(digit);
    r *= 10n;
    mLow *= 10n;
  }
  // round the last digit: down if only the low neighbour is close, else to nearest, ties to even
  let roundDown = low;
  if (low === high) {
    const twice = r * 2n;
    roundDown = twice < s || (twice === s && digit % 2 === 0);
  }
  if (roundDown) digits.push(digit);
  else if (digit < 9) digits.push(digit + 1);
  else {
    for (;;) {
      if (digits.length === 0) {
        digits.push(1);
        exp10 += 1;
        break;
      }
      const d = digits.pop()!;
      if (d !== 9) {
        digits.push(d + 1);
        break;
      }
    }
  }
  return { digits: digits.join(''), exp10 };
}

/** The parsed form of `toExponential` output: '1.2345e+2' → { digits: '12345', exp10: 2 }. */
function parseExponential(s: string): Digits {
  const e = s.indexOf('e');
  return { digits: s.slice(0, e).replace('.', ''), exp10: Number(s.slice(e + 1)) };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 values next to the positive float32 `x` (below, above). */
function float32Neighbours(x: number): [number, number] {
  f32[0] = x;
  const bits = u32[0];
  u32[0] = bits - 1;
  const below = f32[0];
  u32[0] = bits + 1;
  const above = f32[0];
  return [below, above];
}

const POW10_DOUBLE = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Could rounding the positive float `x` at decimal position `t` be an exact tie (…d5000…)? */
function mayTie(x: number, p: FloatParts, t: number): boolean {
  // a fraction's exact expansion ends with a 5 exactly `fracBits` places after the point
  if (p.fracBits > 0) return t - 1 === -p.fracBits;
  if (t < 1) return false;
  if (t > 22) return true;
  return x % POW10_DOUBLE[t] === 5 * POW10_DOUBLE[t - 1];
}

/**
 * The shortest digits of the positive float `x` that round-trip in its type, from the JS engine's
 * own correctly rounded conversions; null where that is not certain (the caller then runs Dragon4).
 */
function shortestFast(x: number, p: FloatParts, single: boolean): Digits | null {
  // ECMAScript's Number::toString digits are the shortest that round-trip as a double (nearest
  // on ties, like Dragon4's unique mode)
  if (!single) return parseExponential(x.toExponential());
  // float32: the first correctly rounded k-digit decimal strictly inside the rounding interval.
  // NOTE: with a power-of-2 mantissa the interval is lopsided and a farther candidate may be the
  // shortest; there, and on exact boundaries, Dragon4 decides.
  if (p.unequalMargins || p.exponent === -149) return null;
  const [below, above] = float32Neighbours(x);
  if (above === Infinity) return null;
  const lo = (x + below) / 2; // exact in float64
  const hi = (x + above) / 2;
  const e0 = parseExponential(x.toExponential(8)).exp10; // 9 digits never round up to a power of 10
  for (let k = 0; k < 9; k++) {
    if (mayTie(x, p, e0 - k)) return null; // toExponential breaks ties away from zero, Dragon4 to even
    const c = x.toExponential(k);
    const v = Number(c);
    if (v === lo || v === hi) return null;
    if (v > lo && v < hi) return parseExponential(c);
  }
  return null;
}

/**
 * The digits Dragon4 would produce (same arguments), computed with the JS engine's exact
 * conversions where they are known to agree and with the BigInt Dragon4 otherwise. Digits may
 * differ from Dragon4's only by trailing zeros that every layout pads back.
 */
function floatDigits(
  x: number,
  p: FloatParts,
  single: boolean,
  unique: boolean,
  total: boolean,
  cutoffMax: number,
  cutoffMin: number,
): Digits {
  if (isZero(p)) return { digits: '0', exp10: 0 };
  const slow = (): Digits => dragon4(p, unique, total, cutoffMax, cutoffMin);
  const ax = Math.abs(x);
  const s = shortestFast(ax, p, single);
  if (s === null) return slow();
  // k: exponent of the first digit of the exact value, plus one (the shortest digits '1' may
  // have rounded up to a power of 10; 21 digits never do)
  const k = (s.digits === '1' ? parseExponential(ax.toExponential(20)).exp10 : s.exp10) + 1;
  const cutoffMaxExp = cutoffMax >= 0 ? (total ? k - cutoffMax : -cutoffMax) : -Infinity;
  if (cutoffMaxExp > k - 1) return slow();
  const lastPos = Math.min(s.exp10 - (s.digits.length - 1), k - 1);
  let t = cutoffMaxExp; // position of the last digit
  if (unique) {
    const cutoffMinExp = cutoffMin >= 0 ? Math.min(k, total ? k - cutoffMin : -cutoffMin) : k;
    t = Math.max(Math.min(lastPos, cutoffMinExp), cutoffMaxExp);
    if (t === lastPos) return s;
  }
  // exact rounding at position t; toExponential breaks ties away from zero, Dragon4 to even
  if (k - t > 100 || mayTie(ax, p, t)) return slow();
  const r = parseExponential(ax.toExponential(k - t - 1));
  // a cut that carried over 9s: Dragon4 drops them (unpadded in unique mode), so let it decide
  if (unique && t > lastPos && r.digits.endsWith('0')) return slow();
  return r;
}

/** Test hook: the digits of `x` by the fast path and by the BigInt Dragon4 reference. */
export function _digitsBothWays(
  x: number,
  single: boolean,
  unique: boolean,
  total: boolean,
  cutoffMax: number,
  cutoffMin: number,
): [Digits, Digits] {
  const p = decompose(x, single);
  return [
    floatDigits(x, p, single, unique, total, cutoffMax, cutoffMin),
    dragon4(p, unique, total, cutoffMax, cutoffMin),
  ];
}

// ================================================================ 2. positional and scientific layouts

interface LayoutOptions {
  /** Digits cut-off (see dragon4 `cutoffMax`); −1 for none. */
  precision: number;
  /** −1 for none. */
  minDigits: number;
  unique: boolean;
  trim: TrimMode;
  /** Print '+' for positive values. */
  sign: boolean;
  /** Pad with spaces to at least this many characters left of the point; −1 for none. */
  padLeft: number;
}

function signOf(p: FloatParts, plus: boolean): string {
  return p.negative ? '-' : plus ? '+' : '';
}

function nonFinite(x: number, plus: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  return (x < 0 ? '-' : plus ? '+' : '') + 'inf';
}

/** Drops trailing zeros of the fraction (`frac` > 0 digits after the point). */
function trimZeros(s: string, frac: number): [string, number] {
  let end = s.length;
  while (frac > 0 && s[end - 1] === '0') {
    end--;
    frac--;
  }
  return [s.slice(0, end), frac];
}

function positional(
  x: number,
  single: boolean,
  o: LayoutOptions & { fractional: boolean; padRight: number },
): string {
  if (!Number.isFinite(x)) return nonFinite(x, o.sign);
  const p = decompose(x, single);
  const sign = signOf(p, o.sign);
  const { digits: ds, exp10 } = floatDigits(x, p, single, o.unique, !o.fractional, o.precision, o.minDigits);
  const n = ds.length;
  let s: string;
  let frac: number;
  let whole: number;
  if (exp10 >= 0) {
    whole = exp10 + 1;
    if (n <= whole) {
      s = ds + '0'.repeat(whole - n);
      frac = 0;
    } else {
      s = ds.slice(0, whole) + '.' + ds.slice(whole);
      frac = n - whole;
    }
  } else {
    const zeros = -(exp10 + 1);
    s = '0.' + '0'.repeat(zeros) + ds;
    frac = n + zeros;
    whole = 1;
  }
  if (o.trim !== '-' && frac === 0) s += '.';
  const add = o.unique ? o.minDigits : o.precision;
  const desired = o.fractional ? Math.max(add, 0) : add - whole;
  if (o.trim === '0') {
    if (frac === 0) {
      s += '0';
      frac = 1;
    }
  } else if (o.trim === 'k' && desired > frac) {
    s += '0'.repeat(desired - frac);
    frac = desired;
  }
  if (o.trim !== 'k' && frac > 0) {
    [s, frac] = trimZeros(s, frac);
    if (s.endsWith('.')) {
      if (o.trim === '0') {
        s += '0';
        frac = 1;
      } else if (o.trim === '-') s = s.slice(0, -1);
    }
  }
  if (o.padRight >= frac) {
    if (o.trim === '-' && frac === 0) s += ' ';
    s += ' '.repeat(o.padRight - frac);
  }
  const left = whole + sign.length;
  const pad = o.padLeft > left ? ' '.repeat(o.padLeft - left) : '';
  return pad + sign + s;
}

function scientific(x: number, single: boolean, o: LayoutOptions & { expDigits: number }): string {
  if (!Number.isFinite(x)) return nonFinite(x, o.sign);
  const p = decompose(x, single);
  const sign = signOf(p, o.sign);
  const left = 1 + sign.length;
  const pad = o.padLeft > left ? ' '.repeat(o.padLeft - left) : '';
  const { digits, exp10 } = floatDigits(
    x,
    p,
    single,
    o.unique,
    true,
    o.precision < 0 ? -1 : o.precision + 1,
    o.minDigits < 0 ? -1 : o.minDigits + 1,
  );
  let s = digits[0];
  let frac = digits.length - 1;
  if (frac > 0) s += '.' + digits.slice(1);
  if (o.trim !== '-' && frac === 0) s += '.';
  const add = Math.max(o.unique ? o.minDigits : o.precision, 0);
  if (o.trim === '0') {
    if (frac === 0) {
      s += '0';
      frac = 1;
    }
  } else if (o.trim === 'k' && add > frac) {
    s += '0'.repeat(add - frac);
  }
  if (o.trim !== 'k' && frac > 0) {
    s = trimZeros(s, frac)[0];
    if (o.trim === '0' && s.endsWith('.')) s += '0';
  }
  const expDigits = o.expDigits < 0 ? 2 : Math.min(o.expDigits, 5);
  const e = String(Math.abs(exp10)).padStart(expDigits, '0');
  return pad + sign + s + 'e' + (exp10 >= 0 ? '+' : '-') + e;
}

/** Options of `formatFloatPositional` (NumPy's `np.format_float_positional` keywords). */
export interface FormatFloatPositionalOptions {
  /** Maximum digits after the point (or significant digits if `fractional: false`); null: as many as `unique` needs. */
  precision?: number | null;
  /** Shortest digits that round-trip (true, default) or exact digits cut at `precision` (false). */
  unique?: boolean;
  /** `precision`/`minDigits` count digits after the point (true, default) or significant digits. */
  fractional?: boolean;
  /** Trailing-zero handling: 'k' (default), '.', '0', '-'. */
  trim?: TrimMode;
  /** Print '+' for positive values. */
  sign?: boolean;
  padLeft?: number | null;
  padRight?: number | null;
  /** With `unique`, print at least this many digits (rounded exactly). */
  minDigits?: number | null;
  /** Which float type `x` is: its shortest digits differ (float32 0.1 prints as '0.1'). Default float64. */
  dtype?: 'float32' | 'float64';
}

/** Options of `formatFloatScientific` (NumPy's `np.format_float_scientific` keywords). */
export interface FormatFloatScientificOptions {
  precision?: number | null;
  unique?: boolean;
  trim?: TrimMode;
  sign?: boolean;
  padLeft?: number | null;
  /** Pad the exponent with zeros to at least this many digits (default 2). */
  expDigits?: number | null;
  minDigits?: number | null;
  dtype?: 'float32' | 'float64';
}

function nonNegativeOrNone(v: number | null | undefined, name: string): number {
  if (v === null || v === undefined) return -1;
  if (v < 0) throw new ValueError(`${name} must be >= 0`);
  return v;
}

const TRIMS: readonly TrimMode[] = ['k', '.', '0', '-'];

function checkFormatArgs(unique: boolean, precision: number, minDigits: number, trim: TrimMode): void {
  if (!TRIMS.includes(trim)) throw new ValueError("if supplied, trim must be 'k', '.', '0' or '-'");
  if (!unique && precision < 0) throw new ValueError('in non-unique mode `precision` must be supplied');
  if (minDigits > 0 && precision > 0 && minDigits > precision) {
    throw new ValueError('min_digits must be less than or equal to precision');
  }
}

/**
 * Formats one float in positional notation with Dragon4, like NumPy's `np.format_float_positional`.
 *
 * ```ts
 * formatFloatPositional(Math.PI, { precision: 4 });              // '3.1416'
 * formatFloatPositional(0.1, { dtype: 'float32', unique: false, precision: 10 }); // '0.1000000015'
 * ```
 */
export function formatFloatPositional(x: number, opts: FormatFloatPositionalOptions = {}): string {
  const precision = nonNegativeOrNone(opts.precision, 'precision');
  const minDigits = nonNegativeOrNone(opts.minDigits, 'min_digits');
  const unique = opts.unique ?? true;
  const fractional = opts.fractional ?? true;
  const trim = opts.trim ?? 'k';
  if (!fractional && precision === 0) {
    throw new ValueError('precision must be greater than 0 if fractional=False');
  }
  checkFormatArgs(unique, precision, minDigits, trim);
  return positional(x, opts.dtype === 'float32', {
    precision,
    minDigits,
    unique,
    fractional,
    trim,
    sign: opts.sign ?? false,
    padLeft: nonNegativeOrNone(opts.padLeft, 'pad_left'),
    padRight: nonNegativeOrNone(opts.padRight, 'pad_right'),
  });
}

/**
 * Formats one float in scientific notation with Dragon4, like NumPy's `np.format_float_scientific`.
 *
 * ```ts
 * formatFloatScientific(Math.fround(Math.PI), { dtype: 'float32' }); // '3.1415927e+00'
 * formatFloatScientific(1.23e24, { expDigits: 4 });                // '1.23e+0024'
 * ```
 */
export function formatFloatScientific(x: number, opts: FormatFloatScientificOptions = {}): string {
  const precision = nonNegativeOrNone(opts.precision, 'precision');
  const minDigits = nonNegativeOrNone(opts.minDigits, 'min_digits');
  const unique = opts.unique ?? true;
  const trim = opts.trim ?? 'k';
  checkFormatArgs(unique, precision, minDigits, trim);
  return scientific(x, opts.dtype === 'float32', {
    precision,
    minDigits,
    unique,
    trim,
    sign: opts.sign ?? false,
    padLeft: nonNegativeOrNone(opts.padLeft, 'pad_left'),
    expDigits: nonNegativeOrNone(opts.expDigits, 'exp_digits'),
  });
}

/**
 * `str()` of one NumPy scalar: floats print their shortest round-trip digits, positional for
 * 1e-4 ≤ |x| < 1e16 (float32: 1e6) (`1.0`, `0.0001`) and scientific otherwise (`1e+16`, `1.5e-05`); integers in
 * decimal; booleans as `True`/`False`.
 */
export function scalarStr(v: number | boolean, dtype: DType): string {
  if (dtype === 'bool') return v ? 'True' : 'False';
  const x = Number(v);
  if (dtype !== 'float32' && dtype !== 'float64') return intStr(x);
  if (!Number.isFinite(x)) return nonFinite(x, false);
  const single = dtype === 'float32';
  const ax = Math.abs(x);
  // NOTE: measured on NumPy 2.4: float32 scalars switch to scientific from 1e6, float64 from 1e16
  const large = single ? 1e6 : 1e16;
  const base = { precision: -1, minDigits: -1, unique: true, sign: false, padLeft: -1 };
  if (ax === 0 || (ax >= 1e-4 && ax < large)) {
    return positional(x, single, { ...base, fractional: true, trim: '0', padRight: -1 });
  }
  return scientific(x, single, { ...base, trim: '-', expDigits: -1 });
}

// ================================================================ 3. element formatters

/** Formats one stored value (a number; bools are 0/1) of a column of printed values. */
type ValueFormatter = (v: number) => string;

function intStr(v: number): string {
  return Number.isSafeInteger(v) || Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString();
}

function isNegative(v: number): boolean {
  return v < 0 || Object.is(v, -0);
}

/** NumPy's FloatingFormat: one layout shared by every printed value of the array. */
function floatFormatter(values: readonly number[], single: boolean, o: PrintOptions): ValueFormatter {
  const finite = values.filter((v) => Number.isFinite(v));
  const plus = o.sign === '+';
  let precision = o.floatmode === 'unique' ? -1 : o.precision;

  // scientific notation when the magnitudes of the non-zero finite values call for it
  let expFormat = false;
  let maxAbs = -Infinity;
  let minAbs = Infinity;
  for (const v of finite) {
    if (v === 0) continue;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    if (a < minAbs) minAbs = a;
  }
  if (maxAbs > 0) {
    // NOTE: NumPy compares in the array's own type (NEP 50): float32 uses float32(1e-4) and a
    // float32 quotient; the cut-off for large values is 10**min(8, finfo.precision).
    const cutoffMax = single ? 1e6 : 1e8;
    const small = single ? Math.fround(1e-4) : 1e-4;
    const ratio = single ? Math.fround(maxAbs / minAbs) : maxAbs / minAbs;
    if (maxAbs >= cutoffMax || (!o.suppress && (minAbs < small || ratio > 1000))) expFormat = true;
  }

  let padLeft = 0;
  let padRight = 0;
  let trim: TrimMode = '.';
  let expSize = -1;
  let unique = true;
  let minDigits = -1;
  if (finite.length > 0) {
    const fixed = o.floatmode === 'fixed';
    const firstTrim: TrimMode = fixed ? 'k' : '.';
    unique = !fixed;
    const base = { precision, minDigits: -1, unique, trim: firstTrim, sign: plus, padLeft: -1 };
    if (expFormat) {
      let maxFrac = 0;
      const sciFirst = { ...base, expDigits: -1 };
      for (const v of finite) {
        const s = scientific(v, single, sciFirst);
        const ePos = s.indexOf('e');
        const dot = s.indexOf('.');
        padLeft = Math.max(padLeft, dot);
        maxFrac = Math.max(maxFrac, ePos - dot - 1);
        expSize = Math.max(expSize, s.length - ePos - 2);
      }
      trim = 'k';
      precision = maxFrac;
      minDigits = maxFrac;
      padRight = expSize + 2 + precision;
    } else {
      const posFirst = { ...base, fractional: true, padRight: -1 };
      for (const v of finite) {
        const s = positional(v, single, posFirst);
        const dot = s.indexOf('.');
        padLeft = Math.max(padLeft, dot);
        padRight = Math.max(padRight, s.length - dot - 1);
      }
      if (o.floatmode === 'fixed' || o.floatmode === 'maxprec_equal') {
        precision = minDigits = padRight;
        trim = 'k';
      } else {
        trim = '.';
        minDigits = 0;
      }
    }
  }
  // sign ' ': room for the space of positive values
  if (o.sign === ' ' && !finite.some(isNegative)) padLeft += 1;
  if (finite.length !== values.length) {
    const negInf = o.sign !== '-' || values.some((v) => v === -Infinity);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, o.nanstr.length - offset, o.infstr.length + (negInf ? 1 : 0) - offset);
  }

  const layout = { precision, minDigits, unique, trim, sign: plus, padLeft };
  const sciOpts = { ...layout, expDigits: expSize };
  const posOpts = { ...layout, fractional: true, padRight };
  return (x: number): string => {
    if (!Number.isFinite(x)) {
      const ret = Number.isNaN(x) ? (plus ? '+' : '') + o.nanstr : (x < 0 ? '-' : plus ? '+' : '') + o.infstr;
      return ' '.repeat(Math.max(0, padLeft + padRight + 1 - ret.length)) + ret;
    }
    return expFormat ? scientific(x, single, sciOpts) : positional(x, single, posOpts);
  };
}

/** NumPy's IntegerFormat: right-aligned to the widest of max and min. */
function intFormatter(values: readonly number[], signMode: PrintOptions['sign']): ValueFormatter {
  let max = -Infinity;
  let min = Infinity;
  for (const v of values) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  let sign = signMode;
  let width = 0;
  if (values.length > 0) {
    let maxLen = intStr(max).length;
    if (sign === ' ' && min < 0) sign = '-';
    if (max >= 0 && (sign === '+' || sign === ' ')) maxLen += 1;
    width = Math.max(maxLen, intStr(min).length);
  }
  return (v: number): string => {
    const s = v >= 0 && sign !== '-' ? sign + intStr(v) : intStr(v);
    return s.padStart(width, ' ');
  };
}

/** The formatter for the printed values of one column of dtype `dtype`. */
function valueFormatter(
  dtype: DType,
  values: readonly number[],
  is0d: boolean,
  o: PrintOptions,
  floatsAsScalars = false,
): ValueFormatter {
  if (dtype === 'bool') {
    const t = is0d ? 'True' : ' True';
    return (v) => (v !== 0 ? t : 'False');
  }
  if (dtype === 'float32' || dtype === 'float64') {
    if (floatsAsScalars) return (v) => scalarStr(v, dtype);
    return floatFormatter(values, dtype === 'float32', o);
  }
  return intFormatter(values, o.sign);
}

/**
 * The values that will be printed: every element, or with `edge` ≥ 0 only the first and last
 * `edge` items along each of the first `leadDims` axes that are longer than 2·edge.
 */
function printedValues(a: NDArray, leadDims: number, edge: number): number[] {
  const out: number[] = [];
  const { data, shape, strides } = a;
  const ndim = shape.length;
  const rec = (d: number, off: number): void => {
    if (d === ndim) {
      out.push(data[off]);
      return;
    }
    const n = shape[d];
    const st = strides[d];
    if (edge >= 0 && d < leadDims && n > 2 * edge) {
      for (let i = 0; i < edge; i++) rec(d + 1, off + i * st);
      for (let i = n - edge; i < n; i++) rec(d + 1, off + i * st);
    } else for (let i = 0; i < n; i++) rec(d + 1, off + i * st);
  };
  rec(0, a.offset);
  return out;
}

function offsetOf(a: NDArray, idx: readonly number[]): number {
  let off = a.offset;
  for (let d = 0; d < idx.length; d++) off += idx[d] * a.strides[d];
  return off;
}

// ================================================================ 4. nested layout

/** Something printable: a shape and a way to format the element at an index. */
interface Printable {
  readonly shape: readonly number[];
  /** Builds the element formatter; `edge` ≥ 0 when the array is summarised. */
  formatter(o: PrintOptions, edge: number): (idx: readonly number[]) => string;
}

function extendLine(s: string, line: string, word: string, width: number, prefix: string): [string, string] {
  // wrapping does not help when the line holds nothing but the indent
  if (line.length + word.length > width && line.length > prefix.length) {
    s += line.trimEnd() + '\n';
    line = prefix;
  }
  return [s, line + word];
}

function extendLinePretty(
  s: string,
  line: string,
  word: string,
  width: number,
  prefix: string,
): [string, string] {
  const words = word.split('\n');
  if (words.length === 1) return extendLine(s, line, word, width, prefix);
  const maxLen = Math.max(...words.map((w) => w.length));
  let indent: string;
  if (line.length + maxLen > width && line.length > prefix.length) {
    s += line.trimEnd() + '\n';
    line = prefix + words[0];
    indent = prefix;
  } else {
    indent = ' '.repeat(line.length);
    line += words[0];
  }
  for (const w of words.slice(1)) {
    s += line.trimEnd() + '\n';
    line = indent + w;
  }
  line += ' '.repeat(maxLen - words[words.length - 1].length);
  return [s, line];
}

/** NumPy's _formatArray: brackets, separators, wrapping and summaries. */
function formatNested(
  shape: readonly number[],
  element: (idx: readonly number[]) => string,
  lineWidth: number,
  nextLinePrefix: string,
  separator: string,
  edge: number,
): string {
  const ndim = shape.length;
  const sepTrim = separator.trimEnd();
  const idx: number[] = [];
  const recurse = (hanging: string, width: number): string => {
    const axis = idx.length;
    const axesLeft = ndim - axis;
    if (axesLeft === 0) return element(idx);
    const nextHanging = hanging + ' ';
    const nextWidth = width - 1; // room for the closing ']'
    const n = shape[axis];
    const summary = edge >= 0 && 2 * edge < n;
    const leading = summary ? edge : 0;
    const trailing = summary ? edge : n;
    const child = (i: number): string => {
      idx.push(i);
      const out = recurse(nextHanging, nextWidth);
      idx.pop();
      return out;
    };
    let s = '';
    if (axesLeft === 1) {
      const elemWidth = width - Math.max(sepTrim.length, 1);
      let line = hanging;
      for (let i = 0; i < leading; i++) {
        [s, line] = extendLinePretty(s, line, child(i), elemWidth, hanging);
        line += separator;
      }
      if (summary) {
        [s, line] = extendLine(s, line, '...', elemWidth, hanging);
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        [s, line] = extendLinePretty(s, line, child(n - i), elemWidth, hanging);
        line += separator;
      }
      [s, line] = extendLinePretty(s, line, child(n - 1), elemWidth, hanging);
      s += line;
    } else {
      const lineSep = sepTrim + '\n'.repeat(axesLeft - 1);
      for (let i = 0; i < leading; i++) s += hanging + child(i) + lineSep;
      if (summary) s += hanging + '...' + lineSep;
      for (let i = trailing; i > 1; i--) s += hanging + child(n - i) + lineSep;
      s += hanging + child(n - 1);
    }
    return '[' + s.slice(hanging.length) + ']';
  };
  return recurse(nextLinePrefix, lineWidth);
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((p, n) => p * n, 1);
}

/** The body of the printout (NumPy's array2string with resolved options). */
function body(p: Printable, o: PrintOptions, separator: string, prefix: string, suffix: string): string {
  const size = sizeOf(p.shape);
  if (size === 0) return '[]';
  const edge = size > o.threshold ? o.edgeitems : -1;
  const element = p.formatter(o, edge);
  return formatNested(
    p.shape,
    element,
    o.linewidth - suffix.length,
    ' ' + ' '.repeat(prefix.length),
    separator,
    edge,
  );
}

/** Python's repr of a tuple of ints: `(2000,)`, `(40, 50)`, `()`. */
function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** repr with NumPy's extras (`shape=` for empty or summarised arrays, `dtype=` unless implied). */
function reprOf(p: Printable, o: PrintOptions, dtypeText: string, implied: boolean): string {
  const prefix = 'array(';
  const lst = body(p, o, ', ', prefix, ')');
  const size = sizeOf(p.shape);
  const extras: string[] = [];
  if ((size === 0 && !(p.shape.length === 1 && p.shape[0] === 0)) || size > o.threshold) {
    extras.push(`shape=${pyTuple(p.shape)}`);
  }
  if (!implied || size === 0) extras.push(`dtype=${dtypeText}`);
  if (extras.length === 0) return prefix + lst + ')';
  const arrStr = prefix + lst + ',';
  const extraStr = extras.join(', ') + ')';
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf('\n') + 1);
  const spacer = lastLineLen + extraStr.length + 1 > o.linewidth ? '\n' + ' '.repeat(prefix.length) : ' ';
  return arrStr + spacer + extraStr;
}

// ================================================================ 5. NDArray entry points

function printableArray(a: NDArray): Printable {
  return {
    shape: a.shape,
    formatter(o, edge) {
      const fmt = valueFormatter(a.dtype, printedValues(a, a.ndim, edge), a.ndim === 0, o);
      return (idx) => fmt(a.data[offsetOf(a, idx)]);
    },
  };
}

/** int64, float64 and bool print without a dtype (NumPy's `dtype_is_implied`). */
function impliedDType(d: DType): boolean {
  return d === 'int64' || d === 'float64' || d === 'bool';
}

/** Options for one call of `arrayRepr`/`arrayStr`/`array2string`, over the current print options. */
export type PrintOverrides = Partial<PrintOptions>;

function options(overrides: PrintOverrides | undefined): PrintOptions {
  return overrides === undefined ? getPrintOptions() : resolvePrintOptions(overrides);
}

/**
 * NumPy's `repr(a)`: `array([[1, 2],\n       [3, 4]])`, `array([1., 2.], dtype=float32)`,
 * `array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))`.
 */
export function arrayRepr(a: NDArray, overrides?: PrintOverrides): string {
  const o = options(overrides);
  return reprOf(printableArray(a), o, a.dtype, impliedDType(a.dtype));
}

/** NumPy's `str(a)`: `[[1 2]\n [3 4]]`; a 0-d array prints its scalar (`3.5`, `True`). */
export function arrayStr(a: NDArray, overrides?: PrintOverrides): string {
  const o = options(overrides);
  if (a.ndim === 0) return scalarStr(a.data[a.offset], a.dtype);
  return body(printableArray(a), o, ' ', '', '');
}

/** Options of `array2string` (NumPy's keywords, camelCased). */
export interface Array2StringOptions extends PrintOverrides {
  /** Inserted between elements (default ' '). */
  separator?: string;
  /** Text that will precede the output: later lines are indented by its length. */
  prefix?: string;
  /** Text that will follow the output: the last line leaves room for it. */
  suffix?: string;
}

/**
 * NumPy's `np.array2string(a, …)`: the bracketed body without `array(` … `)`.
 *
 * ```ts
 * array2string(nd.array([1e-16, 1, 2, 3]), { precision: 2, separator: ',', suppress: true }); // '[0.,1.,2.,3.]'
 * ```
 */
export function array2string(a: NDArray, opts: Array2StringOptions = {}): string {
  const { separator = ' ', prefix = '', suffix = '', ...rest } = opts;
  return body(printableArray(a), options(rest), separator, prefix, suffix);
}

// ================================================================ structured arrays

/** What format.ts needs from a structured array: its shape and its field columns. */
export interface StructuredColumns {
  readonly shape: readonly number[];
  /** Each field's column has shape `[...shape, ...subshape]`. */
  readonly columns: readonly { name: string; array: NDArray; subshape: readonly number[] }[];
  /** NumPy's `str(dtype)`: `[('a', '<i4'), ('b', '<f8')]`. */
  readonly dtypeText: string;
}

/** NumPy's SubArrayFormat: a nested list `[[0., 0.], [0., 0.]]` on one line. */
function subarrayText(a: NDArray, start: number, lead: number, fmt: ValueFormatter, o: PrintOptions): string {
  const subshape = a.shape.slice(lead);
  const summary = sizeOf(subshape) > o.threshold;
  const rec = (d: number, off: number): string => {
    if (d === a.ndim) return fmt(a.data[off]);
    const n = a.shape[d];
    const st = a.strides[d];
    const parts: string[] = [];
    if (summary && n > 2 * o.edgeitems) {
      for (let i = 0; i < o.edgeitems; i++) parts.push(rec(d + 1, off + i * st));
      parts.push('...');
      for (let i = n - o.edgeitems; i < n; i++) parts.push(rec(d + 1, off + i * st));
    } else for (let i = 0; i < n; i++) parts.push(rec(d + 1, off + i * st));
    return '[' + parts.join(', ') + ']';
  };
  return rec(lead, start);
}

function printableStructured(sa: StructuredColumns, floatsAsScalars = false): Printable {
  const lead = sa.shape.length;
  return {
    shape: sa.shape,
    formatter(o, edge) {
      const parts = sa.columns.map(({ array: a, subshape }) => {
        const fmt = valueFormatter(a.dtype, printedValues(a, lead, edge), a.ndim === 0, o, floatsAsScalars);
        return subshape.length === 0
          ? (idx: readonly number[]) => fmt(a.data[offsetOf(a, idx)])
          : (idx: readonly number[]) => subarrayText(a, offsetOf(a, idx), lead, fmt, o);
      });
      return (idx) => {
        const strs = parts.map((f) => f(idx));
        return strs.length === 1 ? `(${strs[0]},)` : `(${strs.join(', ')})`;
      };
    },
  };
}

/** NumPy's repr of a structured array: `array([(1, 2.), (3, 4.)], dtype=[('a', '<i4'), ('b', '<f8')])`. */
export function structuredRepr(sa: StructuredColumns, overrides?: PrintOverrides): string {
  return reprOf(printableStructured(sa), options(overrides), sa.dtypeText, false);
}

/** NumPy's str of a structured array: `[(1, 2.) (3, 4.)]`; 0-d prints the record `(1, 2.0)`. */
export function structuredStr(sa: StructuredColumns, overrides?: PrintOverrides): string {
  const o = options(overrides);
  if (sa.shape.length === 0) {
    return printableStructured(sa, true).formatter(o, -1)([]);
  }
  return body(printableStructured(sa), o, ' ', '', '');
}
