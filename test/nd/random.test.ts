/**
 * nd.random against NumPy: every golden case of test/golden/random.json (made by
 * test/golden/gen_random.py with NumPy 2.x) must come out bit-equal — values compared with
 * exact float equality, big samples by SHA-256 of their float64 bytes — and must leave the bit
 * generator in NumPy's final state (so exactly as many bits were consumed). Then property tests.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NDArray } from '../../src/nd/ndarray.js';
import { ValueError } from '../../src/nd/errors.js';
import { Generator, PCG64, SeedSequence, defaultRng, type Size } from '../../src/nd/random/index.js';
import { mulhi32 } from '../../src/nd/random/distributions.js';

// ------------------------------------------------------------------ golden data

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Expect {
  shape?: number[] | null;
  dtype?: string;
  data?: Json[];
  sha256?: string;
  n?: number;
  raw?: string[];
}
interface Call {
  method: string;
  args: Json[];
  kwargs: Record<string, Json>;
  expect: Expect;
}
interface GoldenState {
  state: string;
  inc: string;
  has_uint32: number;
  uinteger: number;
}
interface Case {
  name: string;
  seed: Json;
  calls: Call[];
  state: GoldenState;
}
interface Golden {
  numpy_version: string;
  cases: Case[];
  special: Record<string, Json>[];
}

const golden = JSON.parse(readFileSync(new URL('../golden/random.json', import.meta.url), 'utf8')) as Golden;

/** Decodes the JSON encodings of gen_random.py: {"bigint"}, {"ndarray"}. */
function dec(v: Json): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(dec);
  if ('bigint' in v) return BigInt(v.bigint as string);
  if ('ndarray' in v) {
    const flat = (v.ndarray as Json[]).flat(Infinity as 1) as number[];
    const dtype = v.dtype === 'float64' ? 'float64' : 'int64';
    return NDArray.fromData(Float64Array.from(flat), v.shape as number[], dtype);
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dec(x)]));
}

function decSeed(v: Json): number | bigint | (number | bigint)[] {
  return dec(v) as number | bigint | (number | bigint)[];
}

/** Turns NumPy's size (an int, a list, or absent) into ours. */
function sz(v: unknown): Size | undefined {
  return v === undefined || v === null ? undefined : (v as Size);
}

/** Runs one recorded call on our generator; returns the result (a number, NDArray or raw strings). */
function run(g: Generator, c: Call): unknown {
  const a = c.args.map(dec) as unknown[];
  const kw = dec(c.kwargs) as Record<string, unknown>;
  const dtype = kw.dtype as never;
  switch (c.method) {
    case 'random_raw':
      return Array.from({ length: a[0] as number }, () => g.bitGenerator.randomRaw().toString());
    case 'random':
      return g.random(sz(a[0]), { dtype });
    case 'integers':
      return g.integers(a[0] as number, a[1] as number | undefined, sz(a[2]), {
        endpoint: kw.endpoint as boolean | undefined,
        dtype,
      });
    case 'standard_normal':
      return g.standardNormal(sz(a[0]), { dtype });
    case 'standard_exponential':
      return g.standardExponential(sz(a[0]), { dtype });
    case 'normal':
      return g.normal(a[0] as number | undefined, a[1] as number | undefined, sz(a[2]));
    case 'uniform':
      return g.uniform(a[0] as number | undefined, a[1] as number | undefined, sz(a[2]));
    case 'exponential':
      return g.exponential(a[0] as number | undefined, sz(a[1]));
    case 'binomial':
      return g.binomial(a[0] as number, a[1] as number, sz(a[2]));
    case 'poisson':
      return g.poisson(a[0] as number | undefined, sz(a[1]));
    case 'choice':
      return g.choice(a[0] as number, sz(a[1]), {
        replace: kw.replace as boolean | undefined,
        p: kw.p as number[] | undefined,
        shuffle: kw.shuffle as boolean | undefined,
      });
    case 'permutation':
      return g.permutation(a[0] as number);
    case 'shuffle': {
      const x = a[0] instanceof NDArray ? a[0].copy() : [...(a[0] as number[])];
      g.shuffle(x);
      return x instanceof NDArray ? x : NDArray.fromData(Float64Array.from(x), [x.length], 'int64');
    }
    default:
      throw new Error(`unknown method ${c.method}`);
  }
}

const DTYPE_NAME: Record<string, string> = { bool: 'bool' };

function sameBits(x: number, y: number): boolean {
  return x === y ? x !== 0 || Object.is(x, y) : Number.isNaN(x) && Number.isNaN(y);
}

/** Checks one result against its golden record; returns a message or null. */
function mismatch(got: unknown, e: Expect): string | null {
  if (e.raw) {
    return JSON.stringify(got) === JSON.stringify(e.raw) ? null : `raw ${String(got)} != ${e.raw.join(',')}`;
  }
  let values: ArrayLike<number>;
  if (e.shape === null) {
    if (typeof got !== 'number') return `expected a scalar, got ${String(got)}`;
    values = [got];
  } else {
    if (!(got instanceof NDArray)) return `expected an NDArray, got ${String(got)}`;
    if (JSON.stringify(got.shape) !== JSON.stringify(e.shape)) {
      return `shape ${JSON.stringify(got.shape)} != ${JSON.stringify(e.shape)}`;
    }
    const want = DTYPE_NAME[e.dtype!] ?? e.dtype;
    if (got.dtype !== want) return `dtype ${got.dtype} != ${want}`;
    values = got.toTypedArray() as ArrayLike<number>;
  }
  if (e.sha256 !== undefined) {
    const f = Float64Array.from(values);
    const h = createHash('sha256').update(new Uint8Array(f.buffer)).digest('hex');
    return h === e.sha256 && f.length === e.n ? null : `sha256 of ${f.length} values differs`;
  }
  const want = e.data!.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(dec(v) as number | bigint)));
  if (values.length !== want.length) return `length ${values.length} != ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (!sameBits(values[i], want[i])) return `element ${i}: ${values[i]} != ${want[i]}`;
  }
  return null;
}

// ------------------------------------------------------------------ golden tests

describe(`nd.random golden cases (NumPy ${golden.numpy_version})`, () => {
  it('has the cases the brief asks for', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(60);
  });

  it('default_rng(42).random((2, 3)) is NumPy’s', () => {
    const r = defaultRng(42).random([2, 3]);
    expect(r.shape).toEqual([2, 3]);
    const want = [0.77395605, 0.43887844, 0.85859792, 0.69736803, 0.09417735, 0.97562235];
    const got = Array.from(r.toTypedArray());
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 8));
  });

  for (const c of golden.cases) {
    it(c.name, () => {
      const g = defaultRng(decSeed(c.seed));
      for (const call of c.calls) {
        const m = mismatch(run(g, call), call.expect);
        if (m !== null) {
          throw new Error(
            `${call.method}(${JSON.stringify(call.args)}, ${JSON.stringify(call.kwargs)}): ${m}`,
          );
        }
      }
      const st = g.getState();
      expect({ ...st.state, has_uint32: st.has_uint32, uinteger: st.uinteger }).toEqual(c.state);
    });
  }

  const special = Object.fromEntries(golden.special.map((s) => [s.name as string, s]));

  it('spawn: children and grandchildren as NumPy’s', () => {
    const s = special.spawn;
    const kids = defaultRng(42).spawn(2);
    expect(kids.map((k) => Array.from(k.random(4).toTypedArray()))).toEqual(s.children);
    expect(Array.from(kids[1].spawn(1)[0].random(3).toTypedArray())).toEqual(s.grandchild);
  });

  it('jumped: state and stream as NumPy’s', () => {
    const s = special.jumped as unknown as { seed: number; jumped_state: GoldenState; after: number[] };
    const bg = new PCG64(s.seed);
    bg.randomRaw();
    const before = bg.getState();
    const j = bg.jumped(3);
    expect(bg.getState()).toEqual(before); // the original is untouched
    const st = j.getState();
    expect({ ...st.state, has_uint32: st.has_uint32, uinteger: st.uinteger }).toEqual(s.jumped_state);
    expect(Array.from(new Generator(j).random(3).toTypedArray())).toEqual(s.after);
  });

  it('SeedSequence with a spawn key: pool and generate_state', () => {
    const s = special.seedsequence as unknown as { spawn_key: number[]; pool: number[]; state_u32: number[] };
    const ss = new SeedSequence(2n ** 40n + 7n, { spawnKey: s.spawn_key });
    expect(Array.from(ss.pool)).toEqual(s.pool);
    expect(Array.from(ss.generateState(10))).toEqual(s.state_u32);
  });
});

// ------------------------------------------------------------------ state, API behaviour

describe('nd.random state and API', () => {
  it('getState / setState round-trips through JSON and resumes the stream (incl. the buffered half)', () => {
    const g = defaultRng(7);
    g.random(3, { dtype: 'float32' }); // leaves a buffered 32-bit half
    const saved = JSON.parse(JSON.stringify(g.getState())) as ReturnType<Generator['getState']>;
    const a = g.integers(0, 100, 10).toTypedArray();
    const b = g.standardNormal(5).toTypedArray();
    const h = defaultRng(1);
    h.setState(saved);
    expect(h.integers(0, 100, 10).toTypedArray()).toEqual(a);
    expect(h.standardNormal(5).toTypedArray()).toEqual(b);
  });

  it('setState accepts NumPy’s dict with bigint fields, and rejects junk', () => {
    const g = defaultRng(3);
    const st = g.getState();
    const h = defaultRng(4);
    h.setState({
      state: { state: BigInt(st.state.state), inc: BigInt(st.state.inc) },
      has_uint32: 0,
      uinteger: 0,
    });
    expect(h.random()).toBe(g.random());
    expect(() => h.setState({ state: { state: 'x', inc: 1 } })).toThrow(ValueError);
    expect(() => h.setState({ bit_generator: 'MT19937', state: { state: 1, inc: 1 } })).toThrow(ValueError);
  });

  it('scalars for size undefined, arrays otherwise', () => {
    const g = defaultRng(0);
    expect(typeof g.random()).toBe('number');
    expect(typeof g.integers(5)).toBe('number');
    expect(typeof g.choice(5)).toBe('number');
    expect(typeof g.choice([1.5, 2.5])).toBe('number');
    expect(g.random([]).shape).toEqual([]);
    expect(g.random(0).shape).toEqual([0]);
    expect(g.integers(0, 10, [2, 0]).shape).toEqual([2, 0]);
    expect(g.random(3, { dtype: 'float32' }).dtype).toBe('float32');
    expect(g.integers(0, 3, 4, { dtype: 'uint8' }).dtype).toBe('uint8');
  });

  it('defaultRng without a seed uses OS entropy; a Generator passes through', () => {
    const a = defaultRng();
    const b = defaultRng();
    expect(a.random()).not.toBe(b.random());
    expect(defaultRng(a)).toBe(a);
    const bg = new PCG64(5);
    expect(defaultRng(bg).bitGenerator).toBe(bg);
  });

  it('shuffle works in place on typed arrays, JS arrays and strided NDArray views', () => {
    const t = Float64Array.from({ length: 12 }, (_, i) => i);
    defaultRng(9).shuffle(t);
    const l = Array.from({ length: 12 }, (_, i) => i);
    defaultRng(9).shuffle(l);
    expect(Array.from(t)).toEqual(l);
    // a transposed (non-contiguous) 4×3 view: rows shuffled exactly like a contiguous copy
    const base = NDArray.fromData(
      Float64Array.from({ length: 12 }, (_, i) => i),
      [3, 4],
      'float64',
    );
    const view = base.transpose();
    const copy = view.copy();
    defaultRng(2).shuffle(view);
    defaultRng(2).shuffle(copy);
    expect(view.toArray()).toEqual(copy.toArray());
  });

  it('choice on an N-D array gathers rows; permutation copies', () => {
    const a = NDArray.fromData(
      Float64Array.from({ length: 12 }, (_, i) => i),
      [4, 3],
      'float64',
    );
    const r = defaultRng(0).choice(a, [2, 2]);
    expect(r.shape).toEqual([2, 2, 3]);
    const p = defaultRng(0).permutation(a);
    expect(p.shape).toEqual([4, 3]);
    expect(a.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9, 10, 11],
    ]);
  });

  it('errors read like NumPy’s', () => {
    const g = defaultRng(0);
    expect(() => g.normal(0, -1)).toThrow('scale < 0');
    expect(() => g.integers(5, 5)).toThrow('low >= high');
    expect(() => g.integers(-5)).toThrow('high <= 0');
    expect(() => g.integers(-1, 5, 2, { dtype: 'uint8' })).toThrow('low is out of bounds for uint8');
    expect(() => g.integers(0, 2 ** 31 + 1, 2, { dtype: 'int32' })).toThrow(
      'high is out of bounds for int32',
    );
    expect(() => g.poisson(-1)).toThrow('lam < 0');
    expect(() => g.poisson(1e19)).toThrow('lam value too large');
    expect(() => g.binomial(3, 1.5)).toThrow('p < 0, p > 1 or p is NaN');
    expect(() => g.binomial(-3, 0.5)).toThrow('n < 0');
    expect(() => g.choice(3, 5, { replace: false })).toThrow('Cannot take a larger sample');
    expect(() => g.choice(3, 2, { p: [0.5, 0.6, 0] })).toThrow('do not sum to 1');
    expect(() => g.choice(3, 2, { p: [0.5, 0.5] })).toThrow('a and p must have same size');
    expect(() => g.choice(3, 2, { p: [1.5, -0.5, 0] })).toThrow('not non-negative');
    expect(() => g.choice(0, 2)).toThrow('a must be a positive integer');
    expect(() => g.uniform(0, Infinity)).toThrow('range exceeds valid bounds');
    expect(() => g.random(-1)).toThrow('negative dimensions');
    expect(() => defaultRng(-1)).toThrow(ValueError);
    expect(() => defaultRng(1.5)).toThrow(ValueError);
  });
});

// ------------------------------------------------------------------ properties

/** PCG64 reference in BigInt: one step then XSL-RR, straight from the definition. */
const MULT = 0x2360ed051fc65da44385df649fccf645n;
const M128 = (1n << 128n) - 1n;
function refNext(state: bigint, inc: bigint): [bigint, bigint] {
  const s = (state * MULT + inc) & M128;
  const x = ((s >> 64n) ^ s) & 0xffffffffffffffffn;
  const rot = s >> 122n;
  const out = ((x >> rot) | (x << ((64n - rot) & 63n))) & 0xffffffffffffffffn;
  return [s, out];
}

describe('nd.random properties', () => {
  const big128 = fc.bigInt({ min: 0n, max: M128 });

  it('PCG64 limb arithmetic equals a BigInt reference from any state', () => {
    fc.assert(
      fc.property(big128, big128, (s, i) => {
        const inc = i | 1n;
        const bg = new PCG64(0);
        bg.setState({ state: { state: s, inc }, has_uint32: 0, uinteger: 0 });
        let st = s;
        for (let k = 0; k < 3; k++) {
          const [ns, out] = refNext(st, inc);
          st = ns;
          if (bg.randomRaw() !== out) return false;
        }
        return BigInt(bg.getState().state.state) === st;
      }),
      { numRuns: 300 },
    );
  });

  it('mulhi32 is the exact high word', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (a, b) => {
        return BigInt(mulhi32(a, b)) === (BigInt(a) * BigInt(b)) >> 32n;
      }),
      { numRuns: 2000 },
    );
  });

  it('random() is in [0, 1) for float64 and float32', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const g = defaultRng(seed);
        const a = g.random(64).toTypedArray();
        const b = g.random(64, { dtype: 'float32' }).toTypedArray();
        return [...a, ...b].every((v) => v >= 0 && v < 1);
      }),
      { numRuns: 100 },
    );
  });

  it('integers stay within [low, high) / [low, high], any range up to 2^62', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }),
        fc.bigInt({ min: 1n, max: 2n ** 62n }),
        fc.boolean(),
        (seed, low, span, endpoint) => {
          const high = low + span;
          const v = defaultRng(seed).integers(low, high, 32, { endpoint }).toTypedArray();
          // compare as doubles: the result is rounded like the bounds beyond 2^53
          const lo = Number(low);
          const hi = Number(high);
          return Array.from(v).every((x) => x >= lo && (endpoint ? x <= hi : x <= hi) && Number.isInteger(x));
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat({ max: 5000 }),
        (seed, low, span) => {
          const v = defaultRng(seed)
            .integers(low, low + span + 1, 50)
            .toTypedArray();
          return Array.from(v).every((x) => x >= low && x <= low + span);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('permutation is a permutation; choice without replacement has no repeats', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 300 }), (seed, n) => {
        const p = Array.from(defaultRng(seed).permutation(n).toTypedArray()).sort((a, b) => a - b);
        return p.every((v, i) => v === i);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 30000 }), fc.nat({ max: 40 }), (seed, pop, k) => {
        const n = Math.min(k, pop);
        const c = Array.from(defaultRng(seed).choice(pop, n, { replace: false }).toTypedArray());
        return new Set(c).size === n && c.every((v) => v >= 0 && v < pop && Number.isInteger(v));
      }),
      { numRuns: 100 },
    );
  });

  it('sample moments are sane (normal, exponential, poisson, binomial)', () => {
    const g = defaultRng(2024);
    const mean = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    expect(mean(g.standardNormal(20000).toTypedArray())).toBeCloseTo(0, 1);
    expect(mean(g.exponential(2, 20000).toTypedArray())).toBeCloseTo(2, 1);
    expect(mean(g.poisson(7.5, 20000).toTypedArray())).toBeCloseTo(7.5, 1);
    expect(mean(g.binomial(40, 0.25, 20000).toTypedArray()) / 10).toBeCloseTo(1, 1);
  });
});
