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
