// Elementwise spec (binary ops, unary ops, strided copy), run on every backend: random shapes of
// 0 … 4 axes (lengths 0, 1 and odd ones), transposed / stepped / reversed operands, broadcasts
// (stride 0, scalar, row and column), strided outputs whose gaps must survive, float32 and
// float64. The wasm thresholds are set to 0 so that every call, however small, runs in wasm, on
// both threads with small tasks.
//
// Stated tolerances: + − × ÷ max min neg abs sqrt and copy are exact (they are single IEEE
// operations); exp log tanh sigmoid are within 2 ulp of Math.* in float64 and 1 ulp of
// Math.fround(Math.*) in float32. (The wasm ones are fdlibm's, like V8's, and in fact agree to
// the last bit; the spec leaves room for other engines' libms.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsBackend, type Backend } from '../../src/kernels/index.js';
import { elementwiseTuning } from '../../src/kernels/wasm/elementwise.js';
import {
  DTYPES,
  Rng,
  at,
  backends,
  forEachIndex,
  randomLayout,
  randomShape,
  ulps,
  type FloatDtype,
  type Strided,
} from './helpers.js';

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const BINARY = {
  add: (x: number, y: number) => x + y,
  sub: (x: number, y: number) => x - y,
  mul: (x: number, y: number) => x * y,
  div: (x: number, y: number) => x / y,
  max: (x: number, y: number) => (x !== x || y !== y ? NaN : x > y ? x : y),
  min: (x: number, y: number) => (x !== x || y !== y ? NaN : x < y ? x : y),
} as const;
const UNARY = {
  neg: (x: number) => 0 - x,
  abs: Math.abs,
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  tanh: Math.tanh,
  sigmoid,
} as const;
type BinaryName = keyof typeof BINARY;
type UnaryName = keyof typeof UNARY;
const TRANSCENDENTAL = new Set<string>(['exp', 'log', 'tanh', 'sigmoid']);
const LENGTHS = [0, 1, 1, 2, 3, 5, 7, 16, 17, 33, 64];

/** Mostly moderate values, some large ones (exp overflow), some zeros, infinities and NaN. */
function value(rng: Rng): number {
  const u = rng.next();
  if (u < 0.05) return rng.pick([0, -0, Infinity, -Infinity, NaN, 1, -1]);
  if (u < 0.15) return (rng.next() < 0.5 ? -1 : 1) * (10 + 800 * rng.next());
  return 8 * rng.next() - 4;
}

/** Asserts two typed arrays hold the same values, element by element (NaN = NaN, 0 ≠ −0). */
function expectSame(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!(Object.is(g, w) || (g !== g && w !== w))) expect.fail(`${what}: element ${i} is ${g}, want ${w}`);
  }
}

/** Asserts got is within `tol` ulp of want, element by element. */
function expectUlps(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  dtype: FloatDtype,
  tol: number,
  what: string,
) {
  for (let i = 0; i < want.length; i++) {
    if (ulps(got[i]!, want[i]!, dtype) > tol)
      expect.fail(`${what}: element ${i} is ${got[i]}, want ${want[i]}`);
  }
}

function describeView(v: Strided): string {
  return `off ${v.off} strides [${v.strides.join(', ')}]`;
}

describe('elementwise kernels', () => {
  let all: Backend[] = [];
  const saved = structuredClone(elementwiseTuning);
  const setAll = (table: Record<string, number>, v: number): void => {
    for (const k of Object.keys(table)) table[k] = v;
  };
  beforeAll(async () => {
    all = await backends();
    setAll(elementwiseTuning.minElements, 0);
    setAll(elementwiseTuning.minParallelElements, 0);
    elementwiseTuning.taskElements = 64;
    elementwiseTuning.chunkElements = 256;
  });
  afterAll(() => {
    Object.assign(elementwiseTuning, structuredClone(saved));
  });

  // 'wasm' splits even tiny calls over both threads (shared heap); 'wasm 1t' keeps every call on
  // one thread, which runs on the unshared heap of the single-threaded instance.
  const VARIANTS = ['js', 'wasm', 'wasm 1t'] as const;
  const backendFor = (variant: (typeof VARIANTS)[number]): Backend => {
    setAll(elementwiseTuning.minParallelElements, variant === 'wasm' ? 0 : Infinity);
    return all.find((b) => b.name === (variant === 'js' ? 'js' : 'wasm'))!;
  };

  for (const dtype of DTYPES) {
    for (const name of VARIANTS) {
      it(`${name} ${dtype}: binary ops over random shapes, broadcasts and layouts`, () => {
        const backend = backendFor(name);
        const rng = new Rng(dtype === 'float32' ? 50 : 51);
        const cases: { shape: number[]; aB?: boolean[]; bB?: boolean[] }[] = [
          ...Array.from({ length: 160 }, () => ({ shape: randomShape(rng, 4, LENGTHS) })),
          { shape: [300, 257] }, // contiguous
          { shape: [300, 257], bB: [true, false] }, // row broadcast
          { shape: [300, 257], bB: [false, true] }, // column broadcast
          { shape: [300, 257], aB: [true, true] }, // scalar a
          { shape: [4099] },
        ];
        for (const c of cases) {
          const { shape } = c;
          const op = rng.pick(Object.keys(BINARY) as BinaryName[]);
          const bcast = (given?: boolean[]) => given ?? shape.map(() => rng.next() < 0.2);
          const contiguous = rng.next() < 0.3 || shape.length === 2;
          const a = randomLayout(rng, dtype, shape, () => value(rng), { bcast: bcast(c.aB), contiguous });
          const b = randomLayout(rng, dtype, shape, () => value(rng), { bcast: bcast(c.bB), contiguous });
          const out = randomLayout(rng, dtype, shape, () => 7, { contiguous: rng.next() < 0.5 });
          const want = out.data.slice();
          const f = BINARY[op];
          forEachIndex(shape, (i) => (want[at(out, i)] = f(a.data[at(a, i)]!, b.data[at(b, i)]!)));
          backend.binary(
            op,
            shape,
            a.data,
            a.off,
            a.strides,
            b.data,
            b.off,
            b.strides,
            out.data,
            out.off,
            out.strides,
          );
          expectSame(
            out.data,
            want,
            `${op} [${shape}] a ${describeView(a)} b ${describeView(b)} out ${describeView(out)}`,
          );
        }
      });

      it(`${name} ${dtype}: unary ops over random shapes and layouts`, () => {
        const backend = backendFor(name);
        const rng = new Rng(dtype === 'float32' ? 52 : 53);
        const shapes = [
          ...Array.from({ length: 160 }, () => randomShape(rng, 4, LENGTHS)),
          [300, 257],
          [4099],
        ];
        for (const shape of shapes) {
          const op = rng.pick(Object.keys(UNARY) as UnaryName[]);
          const contiguous = rng.next() < 0.3 || shape.length === 2;
          const a = randomLayout(rng, dtype, shape, () => value(rng), { contiguous });
          const out = randomLayout(rng, dtype, shape, () => 7, { contiguous: rng.next() < 0.5 });
          const want = out.data.slice();
          const f = UNARY[op];
          forEachIndex(shape, (i) => (want[at(out, i)] = f(a.data[at(a, i)]!)));
          backend.unary(op, shape, a.data, a.off, a.strides, out.data, out.off, out.strides);
          const what = `${op} [${shape}] a ${describeView(a)} out ${describeView(out)}`;
          if (TRANSCENDENTAL.has(op)) expectUlps(out.data, want, dtype, dtype === 'float32' ? 1 : 2, what);
          else expectSame(out.data, want, what);
        }
      });

      it(`${name} ${dtype}: strided copy (transposes, steps, reversals, broadcast reads)`, () => {
        const backend = backendFor(name);
        const rng = new Rng(dtype === 'float32' ? 54 : 55);
        const shapes = [
          ...Array.from({ length: 120 }, () => randomShape(rng, 4, LENGTHS)),
          [257, 300],
          [1000],
        ];
        for (const shape of shapes) {
          const src = randomLayout(rng, dtype, shape, () => value(rng), {
            bcast: shape.map(() => rng.next() < 0.15),
          });
          const dst = randomLayout(rng, dtype, shape, () => 7, { contiguous: rng.next() < 0.5 });
          const want = dst.data.slice();
          forEachIndex(shape, (i) => (want[at(dst, i)] = src.data[at(src, i)]!));
          backend.copy(shape, src.data, src.off, src.strides, dst.data, dst.off, dst.strides);
          expectSame(dst.data, want, `copy [${shape}] src ${describeView(src)} dst ${describeView(dst)}`);
        }
      });
    }

    it(`transcendentals on wasm agree with Math.* within the stated ulps (${dtype}, 2^16 arguments each)`, () => {
      const wasm = all.find((b) => b.name === 'wasm')!;
      const rng = new Rng(dtype === 'float32' ? 56 : 57);
      const n = 1 << 16;
      const x = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      const bits = new Uint32Array(x.buffer);
      const specials = [
        0,
        -0,
        1,
        -1,
        Infinity,
        -Infinity,
        NaN,
        5e-324,
        1e-300,
        2 ** -28,
        22,
        -22,
        709.78,
        -745.2,
      ];
      for (let i = 0; i < n; i++) {
        const k = i % 4;
        if (i < specials.length) x[i] = specials[i]!;
        else if (k === 0) {
          // any bit pattern
          const words = dtype === 'float32' ? 1 : 2;
          for (let w = 0; w < words; w++) bits[words * i + w] = Math.floor(rng.next() * 2 ** 32);
        } else if (k === 1) x[i] = (rng.next() - 0.5) * 10 ** rng.int(-12, 3);
        else if (k === 2) x[i] = 1500 * rng.next() - 750;
        else x[i] = 50 * rng.next() - 25;
      }
      for (const op of ['exp', 'log', 'tanh', 'sigmoid'] as const) {
        const out = x.slice().fill(0);
        wasm.unary(op, [n], x, 0, [1], out, 0, [1]);
        const want = x.slice();
        for (let i = 0; i < n; i++) want[i] = UNARY[op](x[i]!);
        expectUlps(out, want, dtype, dtype === 'float32' ? 1 : 2, op);
      }
    });
  }

  it('in-place use (out is an input) and function ops / integer arrays (the js loops run)', () => {
    for (const backend of all) {
      const a = new Float64Array([1, 2, 3, 4, 5, 6]);
      backend.binary('mul', [2, 3], a, 0, [3, 1], a, 0, [3, 1], a, 0, [3, 1]);
      expect(Array.from(a)).toEqual([1, 4, 9, 16, 25, 36]);
      const b = new Float32Array([1, 2, 3, 4]);
      backend.unary('neg', [2, 2], b, 0, [1, 2], b, 0, [1, 2]);
      expect(Array.from(b)).toEqual([-1, -2, -3, -4]);
      const i32 = new Int32Array([5, -7, 9]);
      const o32 = new Int32Array(3);
      backend.binary((x, y) => x * 10 + y, [3], i32, 0, [1], i32, 2, [0], o32, 0, [1]);
      expect(Array.from(o32)).toEqual([59, -61, 99]);
      const mixed = new Float64Array(3);
      backend.binary('add', [3], new Float32Array([0.1, 0.2, 0.3]), 0, [1], mixed, 0, [1], mixed, 0, [1]);
      expect(mixed[0]).toBe(Math.fround(0.1));
      const u8 = new Uint8Array(4);
      backend.copy([4], new Float64Array([1.9, 255, 256, -1]), 0, [1], u8, 0, [1]);
      expect(Array.from(u8)).toEqual([1, 255, 0, 255]);
    }
  });

  it('wasm equals js bit for bit on large calls with the default thresholds (threads split them)', () => {
    const wasm = all.find((b) => b.name === 'wasm')!;
    const forced = structuredClone(elementwiseTuning);
    Object.assign(elementwiseTuning, structuredClone(saved));
    try {
      const rng = new Rng(58);
      for (const dtype of DTYPES) {
        const shape = [700, 600];
        const a = randomLayout(rng, dtype, shape, () => value(rng), { contiguous: true });
        const t = randomLayout(rng, dtype, [600, 700], () => value(rng), { contiguous: true });
        const tv = { ...t, strides: [1, 700] }; // a transposed operand
        for (const op of ['add', 'max'] as const) {
          const o1 = a.data.slice().fill(0);
          const o2 = a.data.slice().fill(0);
          jsBackend.binary(op, shape, a.data, 0, a.strides, t.data, 0, tv.strides, o1, 0, a.strides);
          wasm.binary(op, shape, a.data, 0, a.strides, t.data, 0, tv.strides, o2, 0, a.strides);
          expectSame(o2, o1, `${dtype} ${op}`);
        }
        for (const op of ['exp', 'tanh', 'sqrt'] as const) {
          const o1 = a.data.slice().fill(0);
          const o2 = a.data.slice().fill(0);
          jsBackend.unary(op, shape, a.data, 0, a.strides, o1, 0, a.strides);
          wasm.unary(op, shape, a.data, 0, a.strides, o2, 0, a.strides);
          expectSame(o2, o1, `${dtype} ${op}`);
        }
        const c1 = a.data.slice().fill(0);
        const c2 = a.data.slice().fill(0);
        jsBackend.copy(shape, t.data, 0, tv.strides, c1, 0, a.strides);
        wasm.copy(shape, t.data, 0, tv.strides, c2, 0, a.strides);
        expectSame(c2, c1, `${dtype} transpose`);
      }
    } finally {
      Object.assign(elementwiseTuning, forced);
    }
  });
});
