/**
 * Elementwise loops behind nd's ufuncs: out[i] = f(a[i], b[i]) over broadcast, strided operands.
 * The four arithmetic operators get dedicated loops (no call per element); other ops pass a
 * function, called once per element. Broadcast operands arrive with stride 0.
 */
import { coalesce, type NumArray } from './copy.js';

export type BinaryFn = (a: number, b: number) => number;
export type UnaryFn = (a: number) => number;

/**
 * Operators with a dedicated loop. `max` / `min` are NumPy's `maximum` / `minimum`: NaN if either
 * operand is NaN, otherwise `a > b ? a : b` (`a < b ? a : b`), so of two equal zeros b wins.
 */
export type FastBinary = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min';

function innerBinary(
  op: FastBinary | BinaryFn,
  n: number,
  a: NumArray,
  ai: number,
  as: number,
  b: NumArray,
  bi: number,
  bs: number,
  o: NumArray,
  oi: number,
  os: number,
): void {
  // out[o + i·os] = a[a + i·as] ∘ b[b + i·bs]
  switch (op) {
    case 'add':
      if (as === 1 && bs === 1 && os === 1) for (let i = 0; i < n; i++) o[oi + i] = a[ai + i] + b[bi + i];
      else if (as === 1 && bs === 0 && os === 1) {
        const s = b[bi];
        for (let i = 0; i < n; i++) o[oi + i] = a[ai + i] + s;
      } else for (let i = 0; i < n; i++) o[oi + i * os] = a[ai + i * as] + b[bi + i * bs];
      return;
    case 'sub':
      if (as === 1 && bs === 1 && os === 1) for (let i = 0; i < n; i++) o[oi + i] = a[ai + i] - b[bi + i];
      else for (let i = 0; i < n; i++) o[oi + i * os] = a[ai + i * as] - b[bi + i * bs];
      return;
    case 'mul':
      if (as === 1 && bs === 1 && os === 1) for (let i = 0; i < n; i++) o[oi + i] = a[ai + i] * b[bi + i];
      else if (as === 1 && bs === 0 && os === 1) {
        const s = b[bi];
        for (let i = 0; i < n; i++) o[oi + i] = a[ai + i] * s;
      } else for (let i = 0; i < n; i++) o[oi + i * os] = a[ai + i * as] * b[bi + i * bs];
      return;
    case 'div':
      if (as === 1 && bs === 1 && os === 1) for (let i = 0; i < n; i++) o[oi + i] = a[ai + i] / b[bi + i];
      else for (let i = 0; i < n; i++) o[oi + i * os] = a[ai + i * as] / b[bi + i * bs];
      return;
    case 'max':
      for (let i = 0; i < n; i++) {
        const x = a[ai + i * as];
        const y = b[bi + i * bs];
        o[oi + i * os] = x !== x || y !== y ? NaN : x > y ? x : y;
      }
      return;
    case 'min':
      for (let i = 0; i < n; i++) {
        const x = a[ai + i * as];
        const y = b[bi + i * bs];
        o[oi + i * os] = x !== x || y !== y ? NaN : x < y ? x : y;
      }
      return;
    default:
      for (let i = 0; i < n; i++) o[oi + i * os] = op(a[ai + i * as], b[bi + i * bs]);
  }
}

/**
 * out = a ∘ b over `shape` (already broadcast: strides of broadcast dimensions are 0).
 * Values are computed in float64 and stored with the output typed array's conversion.
 */
export function binary(
  op: FastBinary | BinaryFn,
  shape: readonly number[],
  a: NumArray,
  aOff: number,
  aStr: readonly number[],
  b: NumArray,
  bOff: number,
  bStr: readonly number[],
  out: NumArray,
  oOff: number,
  oStr: readonly number[],
): void {
  for (const d of shape) if (d === 0) return;
  const [sh, [sa, sb, so]] = coalesce(shape, [aStr, bStr, oStr]);
  const nd = sh.length;
  if (nd === 0) {
    innerBinary(op, 1, a, aOff, 0, b, bOff, 0, out, oOff, 0);
    return;
  }
  const n = sh[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let ai = aOff;
  let bi = bOff;
  let oi = oOff;
  while (true) {
    innerBinary(op, n, a, ai, sa[nd - 1], b, bi, sb[nd - 1], out, oi, so[nd - 1]);
    let k = nd - 2;
    for (; k >= 0; k--) {
      idx[k]++;
      ai += sa[k];
      bi += sb[k];
      oi += so[k];
      if (idx[k] < sh[k]) break;
      ai -= sa[k] * sh[k];
      bi -= sb[k] * sh[k];
      oi -= so[k] * sh[k];
      idx[k] = 0;
    }
    if (k < 0) return;
  }
}

/**
 * Unary operators with a dedicated loop (no call through a function value per element).
 * `neg` is `0 − x` (so −0 becomes +0); `sigmoid` is 1 / (1 + e^−x) for x ≥ 0 and
 * e^x / (1 + e^x) below, which never overflows.
 */
export type FastUnary = 'exp' | 'log' | 'sqrt' | 'tanh' | 'abs' | 'neg' | 'sigmoid';

function innerUnary(
  op: FastUnary | UnaryFn,
  n: number,
  a: NumArray,
  ai: number,
  as: number,
  o: NumArray,
  oi: number,
  os: number,
): void {
  // out[o + i·os] = op(a[a + i·as])
  switch (op) {
    case 'exp':
      for (let i = 0; i < n; i++) o[oi + i * os] = Math.exp(a[ai + i * as]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) o[oi + i * os] = Math.log(a[ai + i * as]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) o[oi + i * os] = Math.sqrt(a[ai + i * as]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) o[oi + i * os] = Math.tanh(a[ai + i * as]);
      return;
    case 'abs':
      for (let i = 0; i < n; i++) o[oi + i * os] = Math.abs(a[ai + i * as]);
      return;
    case 'neg':
      for (let i = 0; i < n; i++) o[oi + i * os] = 0 - a[ai + i * as];
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const x = a[ai + i * as];
        o[oi + i * os] = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
      }
      return;
    default:
      if (as === 1 && os === 1) for (let i = 0; i < n; i++) o[oi + i] = op(a[ai + i]);
      else for (let i = 0; i < n; i++) o[oi + i * os] = op(a[ai + i * as]);
  }
}

/** out = f(a) over `shape`, strided. */
export function unary(
  f: FastUnary | UnaryFn,
  shape: readonly number[],
  a: NumArray,
  aOff: number,
  aStr: readonly number[],
  out: NumArray,
  oOff: number,
  oStr: readonly number[],
): void {
  for (const d of shape) if (d === 0) return;
  const [sh, [sa, so]] = coalesce(shape, [aStr, oStr]);
  const nd = sh.length;
  if (nd === 0) {
    innerUnary(f, 1, a, aOff, 0, out, oOff, 0);
    return;
  }
  const n = sh[nd - 1];
  const as = sa[nd - 1];
  const os = so[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let ai = aOff;
  let oi = oOff;
  while (true) {
    innerUnary(f, n, a, ai, as, out, oi, os);
    let k = nd - 2;
    for (; k >= 0; k--) {
      idx[k]++;
      ai += sa[k];
      oi += so[k];
      if (idx[k] < sh[k]) break;
      ai -= sa[k] * sh[k];
      oi -= so[k] * sh[k];
      idx[k] = 0;
    }
    if (k < 0) return;
  }
}
