/**
 * Reductions, statistics, sorting and searching: replays test/golden/reduce.json (made by
 * test/golden/gen_reduce.py with NumPy) and checks the sort/sum invariants with fast-check.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nd from '../../src/nd/index.js';
import { NDArray } from '../../src/nd/ndarray.js';
import * as red from '../../src/nd/reduce.js';
import * as stats from '../../src/nd/stats.js';
import * as srt from '../../src/nd/sort.js';
import { dec, decodeNumber, expectArray, loadGolden, type ArraySpec } from '../helpers.js';

interface Case {
  name: string;
  fn: string;
  a: ArraySpec | { gen: 'mix'; n: number; dtype: nd.DType; shape: number[] };
  view?: [string, unknown][];
  args?: unknown[];
  opts?: Record<string, unknown>;
  exact?: boolean;
  tag?: string;
  result?: ArraySpec;
  results?: Record<string, ArraySpec>;
  tuple?: ArraySpec[];
  error?: string;
  message?: string;
}

const cases = loadGolden<Case[]>('reduce');

/** The long deterministic input: the same float64 arithmetic as gen_reduce.py's `mix`. */
function mix(n: number): NDArray {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = ((i * 7919) % 1000) / 7 + i / 3 - 500;
  return NDArray.fromData(d, [n], 'float64');
}

function input(c: Case): NDArray {
  let a = 'gen' in c.a ? mix(c.a.n).astype(c.a.dtype).reshape(c.a.shape) : dec(c.a);
  for (const [op, arg] of c.view ?? []) {
    if (op === 'T') a = a.T;
    else if (op === 'get') a = a.get(arg as string);
    else if (op === 'transpose') a = a.transpose(arg as number[]);
    else if (op === 'broadcast') a = a.broadcastTo(arg as number[]);
  }
  return a;
}

function options(c: Case): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.opts ?? {})) {
    o[k] = v !== null && typeof v === 'object' && 'array' in v ? dec((v as { array: ArraySpec }).array) : v;
  }
  return o;
}

type Result = NDArray | srt.UniqueResult | [NDArray, NDArray];
type Fn = (a: NDArray, args: unknown[], o: Record<string, unknown>) => Result;
const FNS: Record<string, Fn> = {
  sum: (a, _, o) => red.sum(a, o),
  prod: (a, _, o) => red.prod(a, o),
  mean: (a, _, o) => red.mean(a, o),
  std: (a, _, o) => red.std(a, o),
  variance: (a, _, o) => red.variance(a, o),
  min: (a, _, o) => red.min(a, o),
  max: (a, _, o) => red.max(a, o),
  ptp: (a, _, o) => red.ptp(a, o),
  all: (a, _, o) => red.all(a, o),
  any: (a, _, o) => red.any(a, o),
  argmin: (a, _, o) => red.argmin(a, o),
  argmax: (a, _, o) => red.argmax(a, o),
  cumsum: (a, _, o) => red.cumsum(a, o),
  cumprod: (a, _, o) => red.cumprod(a, o),
  countNonzero: (a, _, o) => red.countNonzero(a, o),
  median: (a, _, o) => stats.median(a, o),
  percentile: (a, [q], o) => stats.percentile(a, q as nd.ArrayLike, o),
  quantile: (a, [q], o) => stats.quantile(a, q as nd.ArrayLike, o),
  average: (a, _, o) => stats.average(a, o),
  averageReturned: (a, _, o) => stats.averageReturned(a, o),
  sort: (a, _, o) => srt.sort(a, o),
  sortInPlace: (a, _, o) => {
    srt.sortInPlace(a, o);
    return a;
  },
  argsort: (a, _, o) => srt.argsort(a, o),
  unique: (a, _, o) => srt.unique(a, o),
  searchsorted: (a, [v], o) => srt.searchsorted(a, v as nd.ArrayLike, o),
};

/** NumPy's exception class → the mlseries class it becomes. */
const ERRORS: Record<string, string> = {
  AxisError: 'ValueError',
  ValueError: 'ValueError',
  IndexError: 'IndexError',
  TypeError: 'DTypeError',
  ZeroDivisionError: 'ValueError',
};

/** Golden arguments with NaN/inf spelled as strings, back to numbers. */
function decodeArgs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeArgs);
  return typeof v === 'string' ? decodeNumber(v) : v;
}

function run(c: Case): Result {
  return FNS[c.fn](input(c), (c.args ?? []).map(decodeArgs), options(c));
}

describe('golden: reductions, statistics, sorting (NumPy 2)', () => {
  it('has at least 100 cases, Day 1 examples among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.filter((c) => c.tag === 'day1').length).toBeGreaterThan(30);
  });

  for (const c of cases) {
    it(`${c.fn}: ${c.name}`, () => {
      const tol = c.exact ? { rtol: 0, atol: 0 } : {};
      if (c.error !== undefined) {
        let caught: unknown;
        try {
          run(c);
        } catch (e) {
          caught = e;
        }
        expect(caught, `expected ${c.error}: ${c.message}`).toBeInstanceOf(Error);
        const e = caught as Error;
        expect(e.name).toBe(ERRORS[c.error]);
        // mlseries may prefix the operation's name ("sum: axis 2 is out of bounds …")
        expect(e.message.endsWith(c.message!), `${e.message} vs ${c.message}`).toBe(true);
        return;
      }
      const got = run(c);
      if (c.results) {
        const r = got as srt.UniqueResult;
        expect(Object.keys(r).sort()).toEqual(Object.keys(c.results).sort());
        for (const [k, spec] of Object.entries(c.results)) expectArray(r[k as keyof srt.UniqueResult]!, spec);
      } else if (c.tuple) {
        const t = got as NDArray[];
        c.tuple.forEach((spec, i) => expectArray(t[i], spec, tol));
      } else expectArray(got as NDArray, c.result!, tol);
    });
  }
});

describe('NDArray methods forward to the reductions', () => {
  const a = nd.array([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  it('sum, mean, var, std, min, max, argmax, cumsum', () => {
    expect(a.sum().item()).toBe(21);
    expect(a.sum({ axis: 0 }).toArray()).toEqual([5, 7, 9]);
    expect(a.sum({ axis: 1, keepdims: true }).shape).toEqual([2, 1]);
    expect(a.mean().item()).toBe(3.5);
    expect(a.var().item()).toBeCloseTo(2.9166666666666665, 15);
    expect(a.std({ ddof: 1 }).item()).toBeCloseTo(1.8708286933869707, 15);
    expect(a.min({ axis: 1 }).toArray()).toEqual([1, 4]);
    expect(a.max().item()).toBe(6);
    expect(a.argmax({ axis: 0 }).toArray()).toEqual([1, 1, 1]);
    expect(a.cumsum({ axis: 1 }).toArray()).toEqual([
      [1, 3, 6],
      [4, 9, 15],
    ]);
  });
  it('sort in place through a view writes the base', () => {
    const b = nd.array([
      [3, 1],
      [0, 2],
    ]);
    b.T.sort();
    expect(b.toArray()).toEqual([
      [0, 1],
      [3, 2],
    ]);
  });
  it('accepts nested JS arrays in the free functions', () => {
    expect(red.sum([1, 2, 3]).item()).toBe(6);
    expect(stats.median([3, 1, 2]).item()).toBe(2);
    expect(srt.sort([3, 1, 2]).toArray()).toEqual([1, 2, 3]);
  });
  it('writes into `out`', () => {
    const out = nd.zeros([3]);
    const r = red.sum(a, { axis: 0, out });
    expect(r).toBe(out);
    expect(out.toArray()).toEqual([5, 7, 9]);
  });
  it('int64 sums beyond 2^53 wrap like NumPy via the exact path', () => {
    const big = nd.array([2 ** 62, 2 ** 62]);
    // NumPy: np.array([2**62, 2**62]).sum() == -2**63
    expect(red.sum(big).item()).toBe(-(2 ** 63));
  });
});

// ---------------------------------------------------------------- property tests

/** A random array: shape of 1–3 dims (sizes 0–5), float values with some NaN, or ints. */
const arrayArb = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  )
  .map(([shape, floats, seed]) => {
    const n = shape.reduce((p, q) => p * q, 1);
    const d = new Float64Array(n);
    let s = seed;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const v = (s >>> 8) % 13; // few distinct values: plenty of ties
      d[i] = floats ? (v === 12 ? NaN : v / 4 - 1) : v - 6;
    }
    return NDArray.fromData(d, shape, 'float64').astype(floats ? 'float64' : 'int32');
  });

/** NumPy's order with NaN last; true when x must not come after y. */
const le = (x: number, y: number): boolean => x <= y || Number.isNaN(y);

/** The lanes of `a` along `axis` as plain arrays. */
function lanes(a: NDArray, axis: number): number[][] {
  const moved = nd.moveaxis(a, axis, -1).copy();
  const n = a.shape[axis];
  const d = Array.from(moved.astype('float64').toTypedArray());
  const out: number[][] = [];
  for (let i = 0; i + n <= d.length && n > 0; i += n) out.push(d.slice(i, i + n));
  return out;
}

const sameMultiset = (x: number[], y: number[]): boolean => {
  const key = (v: number[]): string => JSON.stringify([...v].map(String).sort());
  return key(x) === key(y);
};

describe('properties (fast-check)', () => {
  it('sort: sorted, a permutation, idempotent; argsort gives the same order, stably', () => {
    fc.assert(
      fc.property(arrayArb, fc.integer({ min: -3, max: 2 }), (a, axisSeed) => {
        const axis = ((axisSeed % a.ndim) + a.ndim) % a.ndim;
        const s = srt.sort(a, { axis });
        expect(s.dtype).toBe(a.dtype);
        expect(s.shape).toEqual(a.shape);
        const sl = lanes(s, axis);
        const al = lanes(a, axis);
        sl.forEach((lane, k) => {
          for (let i = 1; i < lane.length; i++) expect(le(lane[i - 1], lane[i])).toBe(true);
          expect(sameMultiset(lane, al[k])).toBe(true);
        });
        // idempotent (compared as strings so that NaN equals NaN)
        const flat = (t: NDArray): string[] => Array.from(t.toTypedArray(), String);
        expect(flat(srt.sort(s, { axis }))).toEqual(flat(s));
        const idx = srt.argsort(a, { axis });
        const il = lanes(idx, axis);
        il.forEach((lane, k) => {
          const byIdx = lane.map((i) => al[k][i]);
          expect(byIdx.map(String)).toEqual(sl[k].map(String));
          // stable: equal keys keep increasing indices
          for (let i = 1; i < lane.length; i++) {
            if (Object.is(byIdx[i - 1], byIdx[i])) expect(lane[i - 1]).toBeLessThan(lane[i]);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('sum over all axes equals the sum of sums over each axis in turn', () => {
    fc.assert(
      fc.property(arrayArb, (a0) => {
        const a = a0.astype('float64');
        fc.pre(!hasNaN(a));
        const total = red.sum(a).item() as number;
        let b = a;
        while (b.ndim > 0) b = red.sum(b, { axis: b.ndim - 1 });
        expect(Math.abs((b.item() as number) - total)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(total)));
        // and in the other order, first axis first
        let c = a;
        while (c.ndim > 0) c = red.sum(c, { axis: 0 });
        expect(Math.abs((c.item() as number) - total)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(total)));
      }),
      { numRuns: 200 },
    );
  });

  it('unique: sorted distinct values that rebuild the input; counts add up', () => {
    fc.assert(
      fc.property(arrayArb, (a) => {
        const r = srt.unique(a, { returnIndex: true, returnInverse: true, returnCounts: true });
        const v = Array.from(r.values.astype('float64').toTypedArray());
        for (let i = 1; i < v.length; i++)
          expect(le(v[i - 1], v[i]) && !Object.is(v[i - 1], v[i])).toBe(true);
        const flat = Array.from(a.astype('float64').toTypedArray());
        const inv = Array.from(r.inverseIndices!.toTypedArray());
        expect(r.inverseIndices!.shape).toEqual(a.shape);
        expect(inv.map((i) => String(v[i]))).toEqual(flat.map(String));
        const first = Array.from(r.indices!.toTypedArray());
        first.forEach((i, u) => expect(String(flat[i])).toBe(String(v[u])));
        expect(Array.from(r.counts!.toTypedArray()).reduce((p, q) => p + q, 0)).toBe(a.size);
      }),
      { numRuns: 200 },
    );
  });

  it('searchsorted: a[i−1] < v ≤ a[i] (left) and a[i−1] ≤ v < a[i] (right)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 12 }),
        fc.integer({ min: -7, max: 7 }),
        (xs, v) => {
          const a = srt.sort(nd.array(xs, { dtype: 'int32' }));
          const s = Array.from(a.toTypedArray());
          const l = srt.searchsorted(a, v).item() as number;
          const r = srt.searchsorted(a, v, { side: 'right' }).item() as number;
          expect(s.slice(0, l).every((x) => x < v) && s.slice(l).every((x) => x >= v)).toBe(true);
          expect(s.slice(0, r).every((x) => x <= v) && s.slice(r).every((x) => x > v)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

function hasNaN(a: NDArray): boolean {
  return Array.from(a.astype('float64').toTypedArray()).some(Number.isNaN);
}
