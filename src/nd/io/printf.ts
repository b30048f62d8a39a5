/**
 * Python's `%` string formatting for numbers, as `np.savetxt` applies it to each row:
 * `'%.18e %d' % (x, y)`. Conversions d i u o x X e E f F g G s and `%%`, flags `-+ 0#`, width and
 * precision. Floats round exactly as Python does (round-half-even on the exact binary value:
 * `'%.0f' % 2.5 == '2'`, where JS's `toFixed` gives '3'); `%s` prints NumPy's scalar str
 * (`1.5`, `1e-05`, `1e+16`, `True`; float32 switches to exponents from 1e6: `1e+06`).
 */
import { ValueError } from '../errors.js';
import type { DType } from '../dtype.js';
import { scalarStr } from '../format.js';

interface Spec {
  flags: string;
  width: number;
  precision: number | undefined;
  conv: string;
}

/** A format string split into literal text and conversion specs (compiled once, used per row). */
export interface CompiledFormat {
  literals: string[]; // literals[i] precedes specs[i]; one more literal than specs
  specs: Spec[];
  source: string;
}

/** Parses a Python %-format string; throws a ValueError on a conversion we do not implement. */
export function compileFormat(fmt: string): CompiledFormat {
  const literals: string[] = [];
  const specs: Spec[] = [];
  let lit = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c !== '%') {
      lit += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '%') {
      lit += '%';
      i += 2;
      continue;
    }
    const m = /^%([-+ 0#]*)(\d*)(?:\.(\d*))?[hlL]?([diouxXeEfFgGs])/.exec(fmt.slice(i));
    if (m === null) {
      throw new ValueError(
        `unsupported format character in '${fmt}' at index ${i}; expected one of %d %i %u %o %x %X %e %E %f %F %g %G %s`,
      );
    }
    literals.push(lit);
    lit = '';
    specs.push({
      flags: m[1],
      width: m[2] === '' ? 0 : Number(m[2]),
      precision: m[3] === undefined ? undefined : m[3] === '' ? 0 : Number(m[3]),
      conv: m[4],
    });
    i += m[0].length;
  }
  literals.push(lit);
  return { literals, specs, source: fmt };
}

// ------------------------------------------------------------------ exact decimal rounding

const f64 = new Float64Array(1);
const u32v = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** x = m · 2^e with m odd (x finite and > 0). */
function oddMantissa(x: number): [number, number] {
  f64[0] = x;
  const hi = u32v[1 - LO];
  const lo = u32v[LO];
  const expBits = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 4294967296 + lo;
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    m += 2 ** 52;
    e = expBits - 1075;
  }
  while (m % 2 === 0) {
    m /= 2;
    e++;
  }
  return [m, e];
}

const pow5: bigint[] = [1n];
function power5(k: number): bigint {
  while (pow5.length <= k) pow5.push(pow5[pow5.length - 1] * 5n);
  return pow5[k];
}

/** The exact decimal digits of x > 0 and the position of the decimal point (value = 0.digits × 10^point). */
function exactDecimal(x: number): { digits: string; point: number } {
  const [m, e] = oddMantissa(x);
  if (e >= 0) {
    const digits = (BigInt(m) << BigInt(e)).toString();
    return { digits, point: digits.length };
  }
  const digits = (BigInt(m) * power5(-e)).toString();
  return { digits, point: digits.length + e };
}

/**
 * Rounds a digit string to its first `keep` digits, half to even; returns the digits (length
 * `keep`, or `keep + 1` after a carry out of the first digit) and whether a carry happened.
 */
function roundDigits(digits: string, keep: number): { digits: string; carry: boolean } {
  if (keep < 0) return { digits: '', carry: false };
  if (digits.length <= keep) return { digits: digits.padEnd(keep, '0'), carry: false };
  const next = digits.charCodeAt(keep) - 48;
  const rest = digits.slice(keep + 1);
  const head = digits.slice(0, keep);
  const lastOdd = keep > 0 && (head.charCodeAt(keep - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || lastOdd));
  if (!up) return { digits: head, carry: false };
  const arr = head.split('');
  let k = keep - 1;
  while (k >= 0 && arr[k] === '9') arr[k--] = '0';
  if (k < 0) return { digits: '1' + arr.join(''), carry: true };
  arr[k] = String.fromCharCode(arr[k].charCodeAt(0) + 1);
  return { digits: arr.join(''), carry: false };
}

/** Python's `'%.{p}f' % x` for finite x ≥ 0 (no sign), exact. */
function fixedDigits(x: number, p: number): string {
  if (x === 0) return p > 0 ? '0.' + '0'.repeat(p) : '0';
  const [, e] = oddMantissa(x);
  // A fast path is exact unless the value is a tie at the rounding position (lowest bit 2^-(p+1)),
  // which JS rounds up and Python to even, or too large for toFixed's fixed notation.
  if (e !== -(p + 1) && x < 1e21 && p <= 100) return x.toFixed(p);
  const { digits, point } = exactDecimal(x);
  // value · 10^p = 0.digits × 10^keep; round that to an integer n, half to even
  const keep = point + p;
  let n: string;
  if (keep > 0) n = roundDigits(digits, keep).digits;
  else if (keep === 0)
    n = digits[0] > '5' || (digits[0] === '5' && /[1-9]/.test(digits.slice(1))) ? '1' : '0';
  else n = '0';
  const all = n.padStart(p + 1, '0');
  const intPart = all.slice(0, all.length - p);
  return p > 0 ? `${intPart}.${all.slice(all.length - p)}` : intPart;
}

/** Python's `'%.{p}e' % x` for finite x ≥ 0 (no sign) as [digits, exponent]: d.ddd × 10^exp. */
function expParts(x: number, p: number): [string, number] {
  if (x === 0) return ['0'.repeat(p + 1), 0];
  const [m, e] = oddMantissa(x);
  if (p <= 100) {
    const s = x.toExponential(p);
    const ei = s.indexOf('e');
    const exp = Number(s.slice(ei + 1));
    // exact unless a tie: the exact expansion then has exactly p+2 significant digits, ending at
    // 10^e (e < 0), or x is an integer with more than p+1 digits
    const tieCandidate = e < 0 ? Math.abs(exp - e - (p + 1)) <= 1 : m * 2 ** e >= 10 ** (p + 1);
    if (!tieCandidate) return [s.slice(0, ei).replace('.', ''), exp];
  }
  const { digits, point } = exactDecimal(x);
  const r = roundDigits(digits, p + 1);
  return r.carry ? [r.digits.slice(0, p + 1), point] : [r.digits, point - 1];
}

function expString(x: number, p: number, alt: boolean, upper: boolean): string {
  const [d, exp] = expParts(x, p);
  const mant = d.length > 1 || alt ? `${d[0]}.${d.slice(1)}` : d;
  const es = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${mant}${upper ? 'E' : 'e'}${es}`;
}

function generalString(x: number, p: number, alt: boolean, upper: boolean): string {
  const P = p === 0 ? 1 : p;
  let exp = 0;
  if (x !== 0) exp = expParts(x, P - 1)[1];
  let s: string;
  if (exp >= -4 && exp < P) s = fixedDigits(x, P - 1 - exp);
  else s = expString(x, P - 1, alt, upper);
  if (!alt) {
    // drop trailing zeros of the fraction (and a bare '.')
    s = s.replace(/(\.\d*?)0+(?=$|[eE])/, '$1').replace(/\.(?=$|[eE])/, '');
  } else if (!s.includes('.')) {
    s = s.replace(/(?=[eE]|$)/, '.');
  }
  return s;
}

function intString(v: number): string {
  return Math.abs(v) < 1e21 ? String(Math.trunc(v)).replace(/^-0$/, '0') : BigInt(Math.trunc(v)).toString();
}

function pad(body: string, sign: string, spec: Spec, numeric: boolean): string {
  const { flags, width } = spec;
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (flags.includes('-')) return sign + body + ' '.repeat(width - len);
  if (numeric && flags.includes('0')) return sign + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + sign + body;
}

/** Formats one value with one conversion spec, as Python's `%` does for a NumPy scalar. */
function formatOne(v: number, dtype: DType, spec: Spec, fmt: string): string {
  const { conv, flags } = spec;
  const isFloat = dtype === 'float32' || dtype === 'float64';
  if (conv === 's') {
    let s = scalarStr(v, dtype);
    if (spec.precision !== undefined) s = s.slice(0, spec.precision);
    return pad(s, '', spec, false);
  }
  const neg = v < 0 || Object.is(v, -0);
  const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const ax = Math.abs(v);
  if ('diouxX'.includes(conv)) {
    if (isFloat && 'oxX'.includes(conv)) {
      throw new ValueError(
        `Mismatch between array dtype ('${dtype}') and format specifier ('${fmt}'): %${conv} format: an integer is required, not float`,
      );
    }
    if (Number.isNaN(v)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new ValueError('cannot convert float infinity to integer');
    const t = Math.trunc(v); // Python's int(): toward zero, so -0.5 prints as 0
    const intSign = t < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const at = Math.abs(t);
    let body: string;
    let prefix = '';
    if (conv === 'o') {
      body = (at < 2 ** 53 ? at : BigInt(at)).toString(8);
      if (flags.includes('#')) prefix = '0o';
    } else if (conv === 'x' || conv === 'X') {
      body = (at < 2 ** 53 ? at : BigInt(at)).toString(16);
      if (flags.includes('#')) prefix = '0x';
      if (conv === 'X') {
        body = body.toUpperCase();
        prefix = prefix.toUpperCase();
      }
    } else body = intString(at);
    if (spec.precision !== undefined) body = body.padStart(spec.precision, '0');
    return pad(body, intSign + prefix, spec, true);
  }
  // e E f F g G
  const upper = conv === 'E' || conv === 'F' || conv === 'G';
  if (!Number.isFinite(v)) {
    const word = Number.isNaN(v) ? 'nan' : 'inf';
    return pad(upper ? word.toUpperCase() : word, sign, spec, true); // Python zero-pads these too
  }
  const p = spec.precision ?? 6;
  const alt = flags.includes('#');
  let body: string;
  if (conv === 'f' || conv === 'F') {
    body = fixedDigits(ax, p);
    if (alt && p === 0) body += '.';
  } else if (conv === 'e' || conv === 'E') body = expString(ax, p, alt, upper);
  else body = generalString(ax, p, alt, upper);
  return pad(body, sign, spec, true);
}

/**
 * Applies a compiled format to one row of values (`fmt % tuple(row)` in Python). The number of
 * values must equal the number of conversions.
 */
export function applyFormat(f: CompiledFormat, values: ArrayLike<number>, dtype: DType): string {
  if (values.length !== f.specs.length) {
    throw new ValueError(
      `Mismatch between array dtype ('${dtype}') and format specifier ('${f.source}'): ` +
        `${f.specs.length} conversions for ${values.length} values`,
    );
  }
  let out = f.literals[0];
  for (let i = 0; i < f.specs.length; i++)
    out += formatOne(values[i], dtype, f.specs[i], f.source) + f.literals[i + 1];
  return out;
}

/**
 * Python's `fmt % values` for numbers (`dtype` decides how `%s` prints them).
 *
 * ```ts
 * pyFormat('%.2f|%5d|%s', [3.14159, 42, 0.1]); // '3.14|   42|0.1'
 * ```
 */
export function pyFormat(fmt: string, values: readonly number[], dtype: DType = 'float64'): string {
  return applyFormat(compileFormat(fmt), values, dtype);
}
