// Shared helpers of the kernel specs: the backends under test, a seeded generator and tolerances.
import { expect } from 'vitest';
import { jsBackend, ready, setBackend, type Backend, type FloatArray } from '../../src/kernels/index.js';

/** Both backends; fails loudly if wasm did not load (the spec must run on it). */
export async function backends(): Promise<Backend[]> {
  setBackend('wasm');
  const wasm = await ready();
  expect(wasm.name, 'the wasm backend must load for the kernel spec (npm run build:wasm)').toBe('wasm');
  return [jsBackend, wasm];
}

/** Dtypes every kernel accepts. */
export const DTYPES = ['float32', 'float64'] as const;
export type FloatDtype = (typeof DTYPES)[number];

/** A small seeded generator (mulberry32), so failures reproduce. */
export class Rng {
  constructor(private state: number) {}
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** One element of a list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** An array of `n` values uniform in [-1, 1). */
  array(dtype: FloatDtype, n: number): FloatArray {
    const a = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = 2 * this.next() - 1;
    return a;
  }
}

/**
 * Asserts |got − want| ≤ atol + rtol·|want| elementwise, with a message naming the first bad index.
 * `terms` is the number of products summed per element: rounding grows with it.
 */
export function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  dtype: FloatDtype,
  terms = 1,
  what = '',
): void {
  expect(got.length, `${what} length`).toBe(want.length);
  const eps = dtype === 'float32' ? 1.2e-7 : 2.3e-16;
  const atol = 8 * eps * Math.max(1, terms);
  const rtol = 8 * eps * Math.max(1, Math.sqrt(terms));
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Number.isNaN(w) && Number.isNaN(g)) continue;
    if (!(Math.abs(g - w) <= atol + rtol * Math.abs(w))) {
      expect.fail(
        `${what} element ${i}: got ${g}, want ${w} (atol ${atol.toExponential(1)}, rtol ${rtol.toExponential(1)})`,
      );
    }
  }
}

/** A typed array plus the offset and strides (elements) of a view of `shape` into it. */
export interface Strided {
  data: FloatArray;
  off: number;
  strides: number[];
}

/**
 * A random non-contiguous view of `shape`: axes laid out in a random order (a transpose), some
 * axes stepped by 2 or 3, some reversed (negative strides), padding around the span. `bcast[d]`
 * true gives axis d stride 0 (a broadcast operand). Values are drawn by `fill`.
 */
export function randomLayout(
  rng: Rng,
  dtype: FloatDtype,
  shape: readonly number[],
  fill: (i: number) => number,
  opts: { contiguous?: boolean; bcast?: readonly boolean[] } = {},
): Strided {
  const nd = shape.length;
  const order = Array.from({ length: nd }, (_, d) => nd - 1 - d); // innermost first
  if (!opts.contiguous) {
    for (let i = nd - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  const strides = new Array<number>(nd).fill(0);
  let run = 1;
  for (const d of order) {
    if (opts.bcast?.[d]) continue;
    const step = opts.contiguous ? 1 : rng.pick([1, 1, 1, 2, 3]);
    strides[d] = run * step;
    run *= Math.max(1, shape[d]!) * step;
  }
  const pad = opts.contiguous ? 0 : rng.int(0, 3);
  let off = pad;
  if (!opts.contiguous) {
    for (let d = 0; d < nd; d++) {
      if (strides[d]! > 0 && rng.next() < 0.25) {
        off += (Math.max(1, shape[d]!) - 1) * strides[d]!;
        strides[d] = -strides[d]!;
      }
    }
  }
  const length = run + 2 * pad;
  const data = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) data[i] = fill(i);
  return { data, off, strides };
}

/** A random shape of 0 … maxDims axes with lengths from `lengths` (0, 1 and odd ones included). */
export function randomShape(
  rng: Rng,
  maxDims: number,
  lengths: readonly number[],
  maxSize = 1 << 14,
): number[] {
  for (;;) {
    const shape = Array.from({ length: rng.int(0, maxDims) }, () => rng.pick(lengths));
    if (shape.reduce((p, q) => p * q, 1) <= maxSize) return shape;
  }
}

/** Calls `f` with every index of `shape` in C order. */
export function forEachIndex(shape: readonly number[], f: (idx: readonly number[]) => void): void {
  if (shape.some((d) => d === 0)) return;
  const idx = new Array<number>(shape.length).fill(0);
  for (;;) {
    f(idx);
    let d = shape.length - 1;
    for (; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/** Offset of `idx` in a strided view. */
export function at(v: { off: number; strides: readonly number[] }, idx: readonly number[]): number {
  let p = v.off;
  for (let d = 0; d < idx.length; d++) p += idx[d]! * v.strides[d]!;
  return p;
}

/** Distance in units in the last place between two floats of a dtype (0 for equal, NaN = NaN). */
export function ulps(got: number, want: number, dtype: FloatDtype): number {
  if (Number.isNaN(got) || Number.isNaN(want)) return Number.isNaN(got) && Number.isNaN(want) ? 0 : Infinity;
  if (got === want) return 0;
  if (dtype === 'float32') {
    const key = (x: number): number => {
      const i = new Int32Array(new Float32Array([x]).buffer)[0]!;
      return i < 0 ? -2147483648 - i : i;
    };
    return Math.abs(key(got) - key(want));
  }
  const key = (x: number): bigint => {
    const b = new BigInt64Array(new Float64Array([x]).buffer)[0]!;
    return b < 0n ? -9223372036854775808n - b : b;
  };
  const d = key(got) - key(want);
  return Number(d < 0n ? -d : d);
}
