// Reduction spec (sum, max, min over any set of axes), run on every backend: random shapes of
// 0 … 4 axes (lengths 0, 1 and odd ones), transposed / stepped / reversed inputs, random reduced
// axes (none, some, all), `initial` values, the `cast` flag, float32 and float64 arithmetic.
// The wasm thresholds are set to 0 so every call runs in wasm, split into small tasks.
//
// Stated tolerances: a sum is within (⌈log2 n⌉ + 2) · ε · Σ|x| of the exact sum (NumPy's
// pairwise summation), max / min are exact. Beyond the spec, wasm must equal the js reference bit
// for bit: it follows the same NumPy iteration order and summation blocks, which nd's golden
// tests rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsBackend, type Backend } from '../../src/kernels/index.js';
import type { ReduceKind } from '../../src/kernels/js/reduce.js';
import { reduceTuning } from '../../src/kernels/wasm/reduce.js';
import {
  DTYPES,
  Rng,
  at,
  backends,
  forEachIndex,
  randomLayout,
  randomShape,
  type FloatDtype,
} from './helpers.js';

const LENGTHS = [0, 1, 1, 2, 3, 5, 7, 16, 17, 33, 64, 129];
const KINDS = ['sum', 'max', 'min'] as const;

interface Case {
  kind: (typeof KINDS)[number];
  shape: number[];
  src: ReturnType<typeof randomLayout>;
  reduced: boolean[];
  init: number;
  cast: boolean;
  /** The float32-arithmetic flag: the dtype's for sums; either for max / min (they compare exactly). */
  acc32: boolean;
}

/** A random reduction; `specials` is the share of zeros, NaNs and infinities among the values. */
function randomCase(rng: Rng, dtype: FloatDtype, shape: number[], contiguous = false, specials = 0.01): Case {
  const kind = rng.pick(KINDS);
  const src = randomLayout(
    rng,
    dtype,
    shape,
    () => (rng.next() < specials ? rng.pick([0, -0, NaN, Infinity]) : 2 * rng.next() - 1),
    { contiguous },
  );
  const reduced = shape.map(() => rng.next() < 0.5);
  const init =
    kind === 'sum'
      ? rng.pick([0, 0, 1.5])
      : kind === 'max'
        ? rng.pick([-Infinity, 0.25])
        : rng.pick([Infinity, -0.25]);
  const acc32 = kind === 'sum' ? dtype === 'float32' : rng.next() < 0.5;
  return { kind, shape, src, reduced, init, cast: rng.next() < 0.3, acc32 };
}

function run(backend: Backend, c: Case) {
  const { kind, shape, src, reduced, init, cast, acc32 } = c;
  return backend.reduce(kind, acc32, cast, shape, src.data, src.off, src.strides, reduced, init);
}

function label(c: Case): string {
  return `${c.kind} [${c.shape}] reduced [${c.reduced}] off ${c.src.off} strides [${c.src.strides}] init ${c.init} cast ${c.cast}`;
}

/** Checks a result against the definition: per result element, the values of its group. */
function checkDefinition(dtype: FloatDtype, c: Case, acc: Float64Array, accStrides: number[]): void {
  const { kind, shape, src, reduced, init } = c;
  const groups = new Map<number, number[]>();
  let outSize = 1;
  shape.forEach((d, i) => {
    if (!reduced[i]) outSize *= d;
  });
  expect(acc.length, label(c)).toBe(outSize);
  forEachIndex(shape, (idx) => {
    let o = 0;
    idx.forEach((v, d) => (o += v * accStrides[d]!));
    const g = groups.get(o) ?? [];
    g.push(src.data[at(src, idx)]!);
    groups.set(o, g);
  });
  const eps = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
  for (let o = 0; o < outSize; o++) {
    const xs = groups.get(o) ?? [];
    const got = acc[o]!;
    if (xs.some((x) => x !== x) || (kind === 'sum' && xs.includes(Infinity))) {
      if (kind !== 'sum' || xs.some((x) => x !== x)) expect(got, label(c)).toBeNaN();
      else expect(got, label(c)).toBe(Infinity);
      continue;
    }
    if (kind === 'sum') {
      const exact = xs.reduce((s, x) => s + x, init);
      const bound =
        (Math.ceil(Math.log2(xs.length + 1)) + 2) *
        eps *
        xs.reduce((s, x) => s + Math.abs(x), Math.abs(init));
      if (!(Math.abs(got - exact) <= bound))
        expect.fail(`${label(c)}: element ${o} is ${got}, want ${exact} ± ${bound}`);
    } else {
      const want = xs.reduce((r, x) => (kind === 'max' ? Math.max(r, x) : Math.min(r, x)), init);
      if (got !== want) expect.fail(`${label(c)}: element ${o} is ${got}, want ${want}`);
    }
  }
}

/** Bit-for-bit equality of two results (NaN = NaN, 0 ≠ −0). */
function expectIdentical(got: Float64Array, want: Float64Array, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!(Object.is(g, w) || (g !== g && w !== w))) expect.fail(`${what}: element ${i} is ${g}, want ${w}`);
  }
}

describe('reduction kernels', () => {
  let all: Backend[] = [];
  const saved = { ...reduceTuning };
  beforeAll(async () => {
    all = await backends();
    reduceTuning.minElements = 0;
    reduceTuning.minParallelElements = 0;
    reduceTuning.taskElements = 64;
  });
  afterAll(() => {
    Object.assign(reduceTuning, saved);
  });

  // 'wasm' splits even tiny calls over both threads (shared heap); 'wasm 1t' keeps every call on
  // one thread, which runs on the unshared heap of the single-threaded instance.
  const VARIANTS = ['js', 'wasm', 'wasm 1t'] as const;
  const backendFor = (variant: (typeof VARIANTS)[number]): Backend => {
    reduceTuning.minParallelElements = variant === 'wasm' ? 0 : Infinity;
    return all.find((b) => b.name === (variant === 'js' ? 'js' : 'wasm'))!;
  };

  for (const dtype of DTYPES) {
    for (const name of VARIANTS) {
      it(`${name} ${dtype}: sum, max and min over random axes and layouts match the definition`, () => {
        const backend = backendFor(name);
        const rng = new Rng(dtype === 'float32' ? 60 : 61);
        for (let trial = 0; trial < 200; trial++) {
          const c = randomCase(rng, dtype, randomShape(rng, 4, LENGTHS, 1 << 15), rng.next() < 0.3);
          const { acc, accStrides } = run(backend, c);
          checkDefinition(dtype, c, acc, accStrides);
        }
      });
    }

    for (const name of ['wasm', 'wasm 1t'] as const)
      it(`${name} ${dtype}: equals the js reference bit for bit (NumPy's iteration order and pairwise blocks)`, () => {
        const wasm = backendFor(name);
        const rng = new Rng(dtype === 'float32' ? 62 : 63);
        const cases: Case[] = Array.from({ length: 300 }, () =>
          randomCase(rng, dtype, randomShape(rng, 4, LENGTHS, 1 << 15), rng.next() < 0.3),
        );
        // large runs: pairwise recursion, NumPy's 8192-element buffers (cast), many rows, gathers
        for (const shape of [[20000], [6, 20000], [300, 257], [257, 300], [40, 33, 129], [9000, 3]]) {
          for (const contiguous of [true, false]) {
            for (const kind of KINDS) {
              for (const cast of [false, true]) {
                const c = randomCase(rng, dtype, shape, contiguous, 0);
                if (!c.reduced.includes(true)) c.reduced[rng.int(0, shape.length - 1)] = true;
                cases.push({
                  ...c,
                  kind,
                  cast,
                  init: kind === 'sum' ? c.init : kind === 'max' ? -Infinity : Infinity,
                  acc32: kind === 'sum' ? dtype === 'float32' : c.acc32,
                });
              }
            }
          }
        }
        for (const c of cases) {
          const want = run(jsBackend, c);
          const got = run(wasm, c);
          expect(got.accStrides, label(c)).toEqual(want.accStrides);
          expectIdentical(got.acc, want.acc, label(c));
        }
      });
  }

  it('wasm: the sign of a zero maximum follows the js order; other kinds and dtypes use js', () => {
    const wasm = all.find((b) => b.name === 'wasm')!;
    const x = new Float64Array(64).fill(-1);
    x[5] = -0;
    x[40] = 0;
    for (const kind of ['max', 'min'] as const) {
      const init = kind === 'max' ? -Infinity : Infinity;
      const y = kind === 'max' ? x : x.map((v) => -v);
      const want = jsBackend.reduce(kind, false, false, [64], y, 0, [1], [true], init).acc[0]!;
      expect(Object.is(wasm.reduce(kind, false, false, [64], y, 0, [1], [true], init).acc[0], want)).toBe(
        true,
      );
    }
    const ints = new Int32Array([3, 1, 2, 5]);
    for (const kind of ['prod', 'count', 'sum', 'max'] as ReduceKind[]) {
      const want = jsBackend.reduce(kind, false, false, [2, 2], ints, 0, [2, 1], [false, true], 0);
      expect(wasm.reduce(kind, false, false, [2, 2], ints, 0, [2, 1], [false, true], 0)).toEqual(want);
    }
    // max / min of float32 values compare exactly whatever the accumulator flag (nd passes false)
    const g = new Float32Array(5000).map((_, i) => Math.sin(i));
    for (const kind of ['max', 'min'] as const) {
      const init = kind === 'max' ? -Infinity : Infinity;
      const want = jsBackend.reduce(kind, false, false, [50, 100], g, 0, [100, 1], [false, true], init);
      expect(wasm.reduce(kind, false, false, [50, 100], g, 0, [100, 1], [false, true], init)).toEqual(want);
      // an initial value float32 cannot hold keeps the js reference
      const w2 = jsBackend.reduce(kind, false, false, [50, 100], g, 0, [100, 1], [false, true], 0.1);
      expect(wasm.reduce(kind, false, false, [50, 100], g, 0, [100, 1], [false, true], 0.1)).toEqual(w2);
    }
    // float32 input summed in float64 (NumPy's dtype=float64) runs the js reference
    const f = new Float32Array([0.1, 0.2, 0.3]);
    expect(wasm.reduce('sum', false, true, [3], f, 0, [1], [true], 0).acc[0]).toBe(
      jsBackend.reduce('sum', false, true, [3], f, 0, [1], [true], 0).acc[0],
    );
  });

  it('wasm equals js bit for bit on a 1000 × 1000 reduction with the default thresholds', () => {
    const wasm = all.find((b) => b.name === 'wasm')!;
    Object.assign(reduceTuning, saved);
    try {
      const rng = new Rng(64);
      for (const dtype of DTYPES) {
        const src = randomLayout(rng, dtype, [1000, 1000], () => 2 * rng.next() - 1, { contiguous: true });
        for (const reduced of [
          [true, false],
          [false, true],
          [true, true],
        ]) {
          for (const kind of KINDS) {
            const c: Case = {
              kind,
              shape: [1000, 1000],
              src,
              reduced,
              init: kind === 'sum' ? 0 : kind === 'max' ? -Infinity : Infinity,
              cast: false,
              acc32: dtype === 'float32',
            };
            expectIdentical(run(wasm, c).acc, run(jsBackend, c).acc, label(c));
          }
        }
      }
    } finally {
      Object.assign(reduceTuning, { minElements: 0, minParallelElements: 0, taskElements: 64 });
    }
  });
});
