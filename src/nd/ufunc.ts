/**
 * Universal functions: elementwise arithmetic, comparisons, logic and math with broadcasting,
 * NumPy's result dtypes, an `out` option and in-place forms (`a.add_(b)` is `a += b`).
 *
 * Every ufunc goes through `binaryUfunc` / `unaryUfunc`, which pick the result dtype, broadcast
 * the operands and hand the loop to the active compute backend (`getBackend().binary/unary`; the
 * wasm backend runs large float32/float64 calls in SIMD and everything else on the js loops of
 * `src/kernels/js/elementwise.ts`, with bit-identical results).
 * Values are computed in float64 and stored with the result's typed-array conversion, which is
 * exactly NumPy's wrap-around for uint8/int8/int32/uint32.
 */
import { NDArray } from './ndarray.js';
import { asarray, type ArrayLike } from './creation.js';
import {
  DTYPE_INFO,
  allocate,
  canCastSameKind,
  isFloat,
  isInteger,
  promoteTypes,
  promoteWithScalar,
  type DType,
} from './dtype.js';
import { DTypeError, ShapeError, ValueError, formatShape } from './errors.js';
import { broadcastShapes, broadcastStrides, contiguousStrides, shapesEqual } from './shape.js';
import { getBackend } from '../kernels/backend.js';
import type { BinaryFn, FastBinary, FastUnary, UnaryFn } from '../kernels/js/elementwise.js';

export type { ArrayLike };

export interface UfuncOptions {
  /** Write the result here (must have the broadcast shape and accept the result dtype). */
  out?: NDArray;
}

/** How a ufunc picks its result dtype from the (promoted) input dtype. */
type Rule =
  | 'same' // add, multiply, maximum …
  | 'float' // true division, exp, sin … (integers → float64; small ints → float32)
  | 'bool' // comparisons, logic, isnan …
  | 'int'; // bitwise: integers and bool only

function floatFor(d: DType): DType {
  if (isFloat(d)) return d;
  // NOTE: NumPy gives float16 for bool/int8/uint8 inputs; we have no float16, float32 is closest.
  return DTYPE_INFO[d].itemsize <= 2 ? 'float32' : 'float64';
}

function checkWeakInt(name: string, d: DType, v: number): void {
  const info = DTYPE_INFO[d];
  if ((info.kind === 'i' || info.kind === 'u') && Number.isInteger(v) && (v < info.min || v > info.max)) {
    throw new ValueError(`${name}: Python integer ${v} out of bounds for ${d}`);
  }
}

/** The input dtype the loop sees: promotion of the operands, JS numbers being "weak" scalars. */
function commonType(name: string, a: ArrayLike, b: ArrayLike, A: NDArray, B: NDArray): DType {
  const aw = typeof a === 'number' || typeof a === 'boolean';
  const bw = typeof b === 'number' || typeof b === 'boolean';
  if (aw && !bw) {
    checkWeakInt(name, B.dtype, Number(a));
    return promoteWithScalar(B.dtype, a as number);
  }
  if (bw && !aw) {
    checkWeakInt(name, A.dtype, Number(b));
    return promoteWithScalar(A.dtype, b as number);
  }
  return promoteTypes(A.dtype, B.dtype);
}

function prepareOut(name: string, shape: readonly number[], dtype: DType, out?: NDArray): NDArray {
  if (!out)
    return NDArray.fromData(
      allocate(
        dtype,
        shape.reduce((p, q) => p * q, 1),
      ),
      shape,
      dtype,
    );
  if (!out.writeable) throw new ValueError(`${name}: output array is read-only`);
  if (!shapesEqual(out.shape, shape)) {
    throw new ShapeError(
      `${name}: non-broadcastable output operand with shape ${formatShape(out.shape)} doesn't match the broadcast shape ${formatShape(shape)}`,
    );
  }
  if (!canCastSameKind(dtype, out.dtype)) {
    throw new DTypeError(
      `Cannot cast ufunc '${name}' output from dtype('${dtype}') to dtype('${out.dtype}') with casting rule 'same_kind'`,
    );
  }
  return out;
}

/** An input that shares memory with `out` in a different layout is read from a copy first. */
function guardOverlap(x: NDArray, out: NDArray | undefined): NDArray {
  if (!out || x.data !== out.data) return x;
  if (x.offset === out.offset && shapesEqual(x.strides, out.strides) && shapesEqual(x.shape, out.shape))
    return x;
  return x.copy();
}

/**
 * Runs a binary ufunc: `op` is a dedicated fast loop name or a function of two numbers.
 * `inType` maps the common input dtype to the dtype the values are converted to before the loop
 * (e.g. bool → int for arithmetic), `rule` gives the result dtype.
 */
function binaryUfunc(
  name: string,
  op: FastBinary | BinaryFn,
  rule: Rule,
  a: ArrayLike,
  b: ArrayLike,
  opts: UfuncOptions = {},
  check?: (t: DType) => void,
): NDArray {
  const A = asarray(a);
  const B = asarray(b);
  const t = commonType(name, a, b, A, B);
  check?.(t);
  const resType: DType = rule === 'same' || rule === 'int' ? t : rule === 'float' ? floatFor(t) : 'bool';
  const shape = broadcastShapes(A.shape, B.shape);
  const out = prepareOut(name, shape, resType, opts.out);
  // inputs are read in their own dtype; a weak scalar is converted to the common type first
  const Ac = guardOverlap(typeof a === 'number' ? A.astype(t) : A, opts.out);
  const Bc = guardOverlap(typeof b === 'number' ? B.astype(t) : B, opts.out);
  getBackend().binary(
    op,
    shape,
    Ac.data,
    Ac.offset,
    broadcastStrides(Ac.shape, Ac.strides, shape),
    Bc.data,
    Bc.offset,
    broadcastStrides(Bc.shape, Bc.strides, shape),
    out.data,
    out.offset,
    out.strides,
  );
  if (resType === 'bool' && rule === 'same') boolify(out);
  return out;
}

/** bool results of arithmetic (True + True) are stored as 1, not 2. */
function boolify(out: NDArray): void {
  getBackend().unary(
    (x) => (x !== 0 ? 1 : 0),
    out.shape,
    out.data,
    out.offset,
    out.strides,
    out.data,
    out.offset,
    out.strides,
  );
}

function unaryUfunc(
  name: string,
  f: FastUnary | UnaryFn,
  rule: Rule,
  a: ArrayLike,
  opts: UfuncOptions = {},
  check?: (t: DType) => void,
): NDArray {
  const A = asarray(a);
  check?.(A.dtype);
  const resType: DType =
    rule === 'same' || rule === 'int' ? A.dtype : rule === 'float' ? floatFor(A.dtype) : 'bool';
  const out = prepareOut(name, A.shape, resType, opts.out);
  const Ac = guardOverlap(A, opts.out);
  getBackend().unary(f, A.shape, Ac.data, Ac.offset, Ac.strides, out.data, out.offset, out.strides);
  if (resType === 'bool' && rule === 'same') boolify(out);
  return out;
}

function noBool(name: string, symbol: string): (t: DType) => void {
  return (t) => {
    if (t === 'bool') {
      throw new DTypeError(`numpy boolean ${name}, the \`${symbol}\` operator, is not supported`);
    }
  };
}
function intOnly(name: string): (t: DType) => void {
  return (t) => {
    if (isFloat(t)) throw new DTypeError(`ufunc '${name}' not supported for the input types (${t})`);
  };
}

// ------------------------------------------------------------------ arithmetic

/** a + b (bool + bool is logical or, as in NumPy). */
export function add(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('add', 'add', 'same', a, b, opts);
}
/** a − b */
export function subtract(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('subtract', 'sub', 'same', a, b, opts, noBool('subtract', '-'));
}
/** a × b */
export function multiply(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('multiply', 'mul', 'same', a, b, opts);
}
/** a / b, true division: integers give float64. */
export function divide(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  const B = asarray(b);
  const t = commonType('divide', a, b, A, B);
  // integer / integer is float64 in NumPy whatever the width
  if (!isFloat(t)) {
    return binaryUfunc(
      'divide',
      'div',
      'same',
      typeof a === 'number' ? a : A.astype('float64'),
      typeof b === 'number' ? b : B.astype('float64'),
      opts,
    );
  }
  return binaryUfunc('divide', 'div', 'same', a, b, opts);
}
export const trueDivide = divide;

// NumPy's npy_divmod: the floor quotient and the remainder with the divisor's sign.
function floorDivFloat(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div !== 0) {
    let fd = Math.floor(div);
    if (div - fd > 0.5) fd += 1;
    return fd;
  }
  return 0 * (a / b); // signed zero
}
function modFloat(a: number, b: number): number {
  if (b === 0) return NaN;
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else mod = b < 0 ? -0 : 0;
  return mod;
}
const floorDivInt = (a: number, b: number): number => (b === 0 ? 0 : Math.floor(a / b));
const modInt = (a: number, b: number): number => (b === 0 ? 0 : a - Math.floor(a / b) * b);

/** a // b (floor division; integer division by zero gives 0 as NumPy does, with no warning). */
export function floorDivide(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  const B = asarray(b);
  const t = commonType('floor_divide', a, b, A, B);
  return binaryUfunc('floor_divide', isFloat(t) ? floorDivFloat : floorDivInt, 'same', a, b, opts, (d) => {
    if (d === 'bool') throw new DTypeError("ufunc 'floor_divide' not supported for the input types (bool)");
  });
}
/** a % b with the sign of the divisor (Python's and NumPy's `remainder`). */
export function mod(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  const B = asarray(b);
  const t = commonType('remainder', a, b, A, B);
  return binaryUfunc('remainder', isFloat(t) ? modFloat : modInt, 'same', a, b, opts);
}
export const remainder = mod;

/** a ** b. Integers to negative integer powers raise, as in NumPy. */
export function power(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  const B = asarray(b);
  const t = commonType('power', a, b, A, B);
  if (isInteger(t) || t === 'bool') {
    const e = B.astype('float64').data;
    for (let i = 0; i < e.length; i++) {
      if (e[i] < 0) throw new ValueError('Integers to negative integer powers are not allowed.');
    }
  }
  return binaryUfunc('power', Math.pow, 'same', t === 'bool' ? asarray(a, { dtype: 'int8' }) : a, b, opts);
}

export function maximum(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('maximum', 'max', 'same', a, b, opts);
}
export function minimum(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('minimum', 'min', 'same', a, b, opts);
}
/** Maximum ignoring NaNs. */
export function fmax(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('fmax', (x, y) => (x !== x ? y : y !== y ? x : x > y ? x : y), 'same', a, b, opts);
}
/** Minimum ignoring NaNs. */
export function fmin(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('fmin', (x, y) => (x !== x ? y : y !== y ? x : x < y ? x : y), 'same', a, b, opts);
}
export function arctan2(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('arctan2', Math.atan2, 'float', a, b, opts);
}
export function hypot(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('hypot', Math.hypot, 'float', a, b, opts);
}

// ------------------------------------------------------------------ comparisons and logic

const b2n = (x: boolean): number => (x ? 1 : 0);
export function equal(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('equal', (x, y) => b2n(x === y), 'bool', a, b, opts);
}
export function notEqual(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('not_equal', (x, y) => b2n(x !== y), 'bool', a, b, opts);
}
export function less(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('less', (x, y) => b2n(x < y), 'bool', a, b, opts);
}
export function lessEqual(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('less_equal', (x, y) => b2n(x <= y), 'bool', a, b, opts);
}
export function greater(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('greater', (x, y) => b2n(x > y), 'bool', a, b, opts);
}
export function greaterEqual(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('greater_equal', (x, y) => b2n(x >= y), 'bool', a, b, opts);
}
export function logicalAnd(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('logical_and', (x, y) => b2n(x !== 0 && y !== 0), 'bool', a, b, opts);
}
export function logicalOr(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('logical_or', (x, y) => b2n(x !== 0 || y !== 0), 'bool', a, b, opts);
}
export function logicalXor(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('logical_xor', (x, y) => b2n((x !== 0) !== (y !== 0)), 'bool', a, b, opts);
}
export function logicalNot(a: ArrayLike, opts?: UfuncOptions): NDArray {
  return unaryUfunc('logical_not', (x) => b2n(x === 0), 'bool', a, opts);
}
/** True where |a − b| ≤ atol + rtol·|b| (NumPy's `isclose`). */
export function isclose(
  a: ArrayLike,
  b: ArrayLike,
  opts: { rtol?: number; atol?: number; equalNan?: boolean } = {},
): NDArray {
  const rtol = opts.rtol ?? 1e-5;
  const atol = opts.atol ?? 1e-8;
  const eqNan = opts.equalNan ?? false;
  return binaryUfunc(
    'isclose',
    (x, y) => b2n(x === y || Math.abs(x - y) <= atol + rtol * Math.abs(y) || (eqNan && x !== x && y !== y)),
    'bool',
    a,
    b,
  );
}
/** True when every element is close (NumPy's `allclose`). */
export function allclose(
  a: ArrayLike,
  b: ArrayLike,
  opts: { rtol?: number; atol?: number; equalNan?: boolean } = {},
): boolean {
  const c = isclose(a, b, opts).data;
  for (let i = 0; i < c.length; i++) if (c[i] === 0) return false;
  return true;
}
/** Same shape and elements (NumPy's `array_equal`). */
export function arrayEqual(a: ArrayLike, b: ArrayLike): boolean {
  const A = asarray(a);
  const B = asarray(b);
  if (!shapesEqual(A.shape, B.shape)) return false;
  const c = equal(A, B).data;
  for (let i = 0; i < c.length; i++) if (c[i] === 0) return false;
  return true;
}

// ------------------------------------------------------------------ bitwise (integers and bool)

// JS bitwise operators work on 32 bits; int64 values beyond that go through BigInt.
const fits32 = (x: number): boolean => x >= -2147483648 && x <= 2147483647;
const big = (f: (x: bigint, y: bigint) => bigint) => (x: number, y: number) =>
  Number(BigInt.asIntN(64, f(BigInt(x), BigInt(y))));
const andBig = big((x, y) => x & y);
const orBig = big((x, y) => x | y);
const xorBig = big((x, y) => x ^ y);
export function bitwiseAnd(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc(
    'bitwise_and',
    (x, y) => (fits32(x) && fits32(y) ? x & y : andBig(x, y)),
    'int',
    a,
    b,
    opts,
    intOnly('bitwise_and'),
  );
}
export function bitwiseOr(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc(
    'bitwise_or',
    (x, y) => (fits32(x) && fits32(y) ? x | y : orBig(x, y)),
    'int',
    a,
    b,
    opts,
    intOnly('bitwise_or'),
  );
}
export function bitwiseXor(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc(
    'bitwise_xor',
    (x, y) => (fits32(x) && fits32(y) ? x ^ y : xorBig(x, y)),
    'int',
    a,
    b,
    opts,
    intOnly('bitwise_xor'),
  );
}
/** ~a: bitwise not for integers, logical not for bool. */
export function invert(a: ArrayLike, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  if (A.dtype === 'bool') return logicalNot(A, opts);
  return unaryUfunc('invert', (x) => -x - 1, 'int', A, opts, intOnly('invert'));
}
export const bitwiseNot = invert;
export function leftShift(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc('left_shift', (x, y) => x * Math.pow(2, y), 'int', a, b, opts, intOnly('left_shift'));
}
export function rightShift(a: ArrayLike, b: ArrayLike, opts?: UfuncOptions): NDArray {
  return binaryUfunc(
    'right_shift',
    (x, y) => Math.floor(x / Math.pow(2, y)),
    'int',
    a,
    b,
    opts,
    intOnly('right_shift'),
  );
}

// ------------------------------------------------------------------ unary math

function floatUnary(name: string, f: FastUnary | UnaryFn) {
  return (a: ArrayLike, opts?: UfuncOptions): NDArray => unaryUfunc(name, f, 'float', a, opts);
}
export const exp = floatUnary('exp', 'exp');
export const exp2 = floatUnary('exp2', (x) => Math.pow(2, x));
export const expm1 = floatUnary('expm1', Math.expm1);
export const log = floatUnary('log', 'log');
export const log2 = floatUnary('log2', Math.log2);
export const log10 = floatUnary('log10', Math.log10);
export const log1p = floatUnary('log1p', Math.log1p);
export const sqrt = floatUnary('sqrt', 'sqrt');
export const cbrt = floatUnary('cbrt', Math.cbrt);
export const sin = floatUnary('sin', Math.sin);
export const cos = floatUnary('cos', Math.cos);
export const tan = floatUnary('tan', Math.tan);
export const arcsin = floatUnary('arcsin', Math.asin);
export const arccos = floatUnary('arccos', Math.acos);
export const arctan = floatUnary('arctan', Math.atan);
export const sinh = floatUnary('sinh', Math.sinh);
export const cosh = floatUnary('cosh', Math.cosh);
export const tanh = floatUnary('tanh', 'tanh');
export const arcsinh = floatUnary('arcsinh', Math.asinh);
export const arccosh = floatUnary('arccosh', Math.acosh);
export const arctanh = floatUnary('arctanh', Math.atanh);
export const deg2rad = floatUnary('deg2rad', (x) => (x * Math.PI) / 180);
export const rad2deg = floatUnary('rad2deg', (x) => (x * 180) / Math.PI);
/** 1 / (1 + e^−x), the logistic function (SciPy's `expit`). */
export const sigmoid = floatUnary('sigmoid', 'sigmoid');
/** 1/x; for integers NumPy's C division (truncating, 1/0 → 0 here). */
export function reciprocal(a: ArrayLike, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  if (isFloat(A.dtype)) return unaryUfunc('reciprocal', (x) => 1 / x, 'same', A, opts);
  const B = A.dtype === 'bool' ? A.astype('int8') : A;
  return unaryUfunc('reciprocal', (x) => (x === 0 ? 0 : Math.trunc(1 / x) || 0), 'same', B, opts);
}

export function negative(a: ArrayLike, opts?: UfuncOptions): NDArray {
  return unaryUfunc('negative', 'neg', 'same', a, opts, (t) => {
    if (t === 'bool')
      throw new DTypeError(
        'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.',
      );
  });
}
export function positive(a: ArrayLike, opts?: UfuncOptions): NDArray {
  return unaryUfunc('positive', (x) => x, 'same', a, opts);
}
export function absolute(a: ArrayLike, opts?: UfuncOptions): NDArray {
  return unaryUfunc('absolute', 'abs', 'same', a, opts);
}
export const abs = absolute;
export function square(a: ArrayLike, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  return unaryUfunc('square', (x) => x * x, 'same', A.dtype === 'bool' ? A.astype('int8') : A, opts);
}
export function sign(a: ArrayLike, opts?: UfuncOptions): NDArray {
  return unaryUfunc(
    'sign',
    (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
    'same',
    a,
    opts,
    (t) => {
      if (t === 'bool')
        throw new DTypeError("ufunc 'sign' did not contain a loop with signature matching types (bool)");
    },
  );
}
export const floor = (a: ArrayLike, opts?: UfuncOptions): NDArray =>
  unaryUfunc('floor', Math.floor, 'same', a, opts);
export const ceil = (a: ArrayLike, opts?: UfuncOptions): NDArray =>
  unaryUfunc('ceil', Math.ceil, 'same', a, opts);
export const trunc = (a: ArrayLike, opts?: UfuncOptions): NDArray =>
  unaryUfunc('trunc', Math.trunc, 'same', a, opts);

/** Round half to even, like C's rint and NumPy's `rint`/`round`. */
function rintNumber(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
export const rint = floatUnary('rint', rintNumber);

/** Rounds to `decimals` places, half to even (NumPy: rint(x·10^d)/10^d). Integers stay as they are for d ≥ 0. */
export function round(a: ArrayLike, decimals = 0, opts?: UfuncOptions): NDArray {
  const A = asarray(a);
  if (!isFloat(A.dtype)) {
    if (decimals >= 0) return unaryUfunc('round', (x) => x, 'same', A, opts);
    const f = Math.pow(10, -decimals);
    return unaryUfunc('round', (x) => rintNumber(x / f) * f, 'same', A, opts);
  }
  if (decimals === 0) return unaryUfunc('round', rintNumber, 'same', A, opts);
  const f = Math.pow(10, Math.abs(decimals));
  const g = decimals > 0 ? (x: number) => rintNumber(x * f) / f : (x: number) => rintNumber(x / f) * f;
  return unaryUfunc('round', g, 'same', A, opts);
}
export const around = round;

export const isnan = (a: ArrayLike, opts?: UfuncOptions): NDArray =>
  unaryUfunc('isnan', (x) => b2n(x !== x), 'bool', a, opts);
export const isinf = (a: ArrayLike, opts?: UfuncOptions): NDArray =>
  unaryUfunc('isinf', (x) => b2n(x === Infinity || x === -Infinity), 'bool', a, opts);
export const isfinite = (a: ArrayLike, opts?: UfuncOptions): NDArray =>
  unaryUfunc('isfinite', (x) => b2n(Number.isFinite(x)), 'bool', a, opts);
export const signbit = (a: ArrayLike, opts?: UfuncOptions): NDArray =>
  unaryUfunc('signbit', (x) => b2n(x < 0 || Object.is(x, -0)), 'bool', a, opts);

/** Limits values to [min, max] (either may be null). NaN stays NaN. */
export function clip(
  a: ArrayLike,
  min: ArrayLike | null,
  max: ArrayLike | null,
  opts?: UfuncOptions,
): NDArray {
  if (min === null && max === null) throw new ValueError('clip: at least one of min or max must be given');
  const A = asarray(a);
  // the common case, scalar bounds that keep the dtype, is one loop; NaN stays NaN
  const scalarOk = (v: ArrayLike | null) =>
    v === null || (typeof v === 'number' && promoteWithScalar(A.dtype, v) === A.dtype);
  if (scalarOk(min) && scalarOk(max)) {
    const lo = min === null ? -Infinity : (min as number);
    const hi = max === null ? Infinity : (max as number);
    return unaryUfunc('clip', (x) => (x < lo ? lo : x > hi ? hi : x), 'same', A, opts);
  }
  let r = A;
  if (min !== null) r = maximum(r, min, max === null ? opts : undefined);
  if (max !== null) r = minimum(r, max, opts);
  return r;
}

/** The dtype a binary ufunc would give (for callers that allocate their own output). */
export function ufuncResultType(a: ArrayLike, b: ArrayLike): DType {
  return commonType('result_type', a, b, asarray(a), asarray(b));
}

/** Strides helper re-exported for kernels' users. */
export { contiguousStrides };
