/**
 * Printing like NumPy: replays test/golden/format.json (made by test/golden/gen_format.py with
 * NumPy 2.4) — repr and str of arrays of every dtype and shape, print options, summaries,
 * NumPy's float formatting functions and scalar str — plus property tests of the float digits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nd from '../../src/nd/index.js';
import {
  _digitsBothWays,
  array2string,
  arrayRepr,
  arrayStr,
  formatFloatPositional,
  formatFloatScientific,
  scalarStr,
  type FormatFloatPositionalOptions,
  type FormatFloatScientificOptions,
} from '../../src/nd/format.js';
import {
  getPrintOptions,
  resetPrintOptions,
  setPrintOptions,
  withPrintOptions,
  type PrintOptions,
} from '../../src/nd/printoptions.js';
import { dec, decodeNumber, loadGolden, type ArraySpec } from '../helpers.js';

interface MakeSpec {
  kind: 'heatmap' | 'golden' | 'arange';
  n?: number;
  scale?: number;
  div?: number;
  dtype?: nd.DType;
  shape?: number[];
}
interface ArrayCase {
  name: string;
  a?: ArraySpec;
  make?: MakeSpec;
  view?: string;
  opts?: Partial<PrintOptions>;
  repr: string;
  str: string;
}
interface FloatCase {
  fn: 'positional' | 'scientific';
  x: string;
  dtype: 'float32' | 'float64';
  kw: Record<string, number | boolean | string>;
  out?: string;
  error?: string;
  message?: string;
}
interface Golden {
  arrays: ArrayCase[];
  floats: FloatCase[];
  scalars: { x: string; dtype: 'float32' | 'float64'; str: string }[];
  options_errors: { opts: Record<string, unknown>; error: string; message: string }[];
}
const golden = loadGolden<Golden>('format');

/** Rebuilds the arrays the generator describes instead of storing (same float64 operations). */
function make(spec: MakeSpec): nd.NDArray {
  if (spec.kind === 'heatmap') {
    const data = new Float64Array(100 * 100);
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < 100; x++) data[y * 100 + x] = Math.sqrt((x - 50) ** 2 + (y - 50) ** 2);
    return nd.NDArray.fromData(data, [100, 100], 'float64');
  }
  const n = spec.n!;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    data[i] = spec.kind === 'golden' ? (i * 0.6180339887) % 1 : (i * (spec.scale ?? 1)) / (spec.div ?? 1);
  }
  const a = nd.NDArray.fromData(data, [n], 'float64');
  return (spec.kind === 'golden' ? a : a.astype(spec.dtype ?? 'int64')).reshape(spec.shape ?? [n]);
}

function build(c: ArrayCase): nd.NDArray {
  const a = c.make ? make(c.make) : dec(c.a!);
  if (c.view === undefined) return a;
  return c.view === 'T' ? a.T : a.get(c.view);
}

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
function kwOptions(kw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kw).map(([k, v]) => [camel(k), v]));
}

afterEach(() => resetPrintOptions());

describe('repr and str match NumPy', () => {
  it(`has at least 120 array cases (${golden.arrays.length})`, () => {
    expect(golden.arrays.length).toBeGreaterThanOrEqual(120);
  });
  for (const c of golden.arrays) {
    it(c.name, () => {
      const a = build(c);
      const run = (): [string, string] => [a.toString(), a.str()];
      const [repr, str] = c.opts ? withPrintOptions(c.opts, run) : run();
      expect(repr).toBe(c.repr);
      expect(str).toBe(c.str);
    });
  }
});

describe('float formatting functions match NumPy', () => {
  it('format_float_positional / format_float_scientific', () => {
    const failures: string[] = [];
    for (const c of golden.floats) {
      const x = decodeNumber(c.x);
      const opts = { ...kwOptions(c.kw), dtype: c.dtype };
      const run = (): string =>
        c.fn === 'positional'
          ? formatFloatPositional(x, opts as FormatFloatPositionalOptions)
          : formatFloatScientific(x, opts as FormatFloatScientificOptions);
      if (c.error !== undefined) {
        expect(run, JSON.stringify(c)).toThrow(c.message);
        continue;
      }
      const got = run();
      if (got !== c.out)
        failures.push(`${c.fn}(${c.x} ${c.dtype} ${JSON.stringify(c.kw)}): ${got} != ${c.out}`);
    }
    expect(failures).toEqual([]);
  });

  it('str() of float scalars', () => {
    for (const c of golden.scalars) {
      expect(scalarStr(decodeNumber(c.x), c.dtype), `${c.x} ${c.dtype}`).toBe(c.str);
    }
  });
});

describe('print options', () => {
  it("defaults are NumPy's", () => {
    expect(getPrintOptions()).toEqual({
      precision: 8,
      threshold: 1000,
      edgeitems: 3,
      linewidth: 75,
      suppress: false,
      sign: '-',
      floatmode: 'maxprec',
      nanstr: 'nan',
      infstr: 'inf',
    });
  });

  it('setPrintOptions changes later printing; resetPrintOptions restores', () => {
    const a = nd.array([Math.PI, 1 / 3]);
    setPrintOptions({ precision: 3 });
    expect(a.toString()).toBe('array([3.142, 0.333])');
    expect(getPrintOptions().precision).toBe(3);
    resetPrintOptions();
    expect(a.toString()).toBe('array([3.14159265, 0.33333333])');
  });

  it('withPrintOptions restores the options even when the callback throws', () => {
    expect(() =>
      withPrintOptions({ precision: 2 }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(getPrintOptions().precision).toBe(8);
  });

  it('per-call overrides leave the global options alone', () => {
    const a = nd.array([2 / 3]);
    expect(arrayRepr(a, { precision: 2 })).toBe('array([0.67])');
    expect(arrayStr(a, { precision: 2 })).toBe('[0.67]');
    expect(a.toString()).toBe('array([0.66666667])');
    expect(array2string(nd.array([1e-16, 1, 2, 3]), { precision: 2, separator: ',', suppress: true })).toBe(
      '[0.,1.,2.,3.]',
    );
  });

  it('threshold: Infinity never summarises', () => {
    const s = withPrintOptions({ threshold: Infinity }, () => nd.arange(2000).toString());
    expect(s).not.toContain('...');
  });

  it('invalid options fail with NumPy-like messages', () => {
    for (const c of golden.options_errors) {
      const opts = Object.fromEntries(
        Object.entries(c.opts).map(([k, v]) => [k, v === 'nan' ? NaN : v]),
      ) as Partial<PrintOptions>;
      const prefix = c.message.split(',')[0];
      expect(() => setPrintOptions(opts)).toThrow(prefix);
    }
    expect(() => setPrintOptions({ precision: -1 })).toThrow('precision must be >= 0');
    expect(() => setPrintOptions({ precision: 1.5 })).toThrow('precision must be an integer');
    expect(getPrintOptions().precision).toBe(8);
  });
});

describe('float digits (properties)', () => {
  const f64 = fc.double({ noNaN: true, noDefaultInfinity: true });
  const f32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => Math.fround(v));

  it('float64: unique scientific digits round-trip and equal JS shortest digits', () => {
    fc.assert(
      fc.property(f64, (x) => {
        const s = formatFloatScientific(x, { trim: '-' });
        expect(Number(s)).toBe(x);
        // JS drops the sign of -0; NumPy keeps it
        const js = (Object.is(x, -0) ? '-' : '') + x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
        expect(s).toBe(js);
      }),
      { numRuns: 2000 },
    );
  });

  it('float32: unique digits round-trip in float32 and are no longer than needed', () => {
    fc.assert(
      fc.property(f32, (x) => {
        const s = formatFloatScientific(x, { dtype: 'float32' });
        expect(Math.fround(Number(s))).toBe(x);
        const digits = s.split('e')[0].replace(/[-.]/g, '');
        if (digits.length > 1) {
          // one digit fewer, correctly rounded, does not round-trip
          const shorter = Math.fround(Number(x.toExponential(digits.length - 2)));
          expect(shorter).not.toBe(x);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the fast digit path agrees with the BigInt Dragon4 reference', () => {
    const strip = (d: { digits: string; exp10: number }): string =>
      `${d.digits.replace(/0+$/, '') || '0'}e${d.exp10}`;
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -2000, max: 2000 }).map((i) => i / 8),
    );
    fc.assert(
      fc.property(
        value,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: -1, max: 25 }),
        fc.integer({ min: -1, max: 25 }),
        (v, single, unique, total, cutoffMax, cutoffMin) => {
          const x = single ? Math.fround(v) : v;
          if (!Number.isFinite(x) || x === 0) return;
          const max = !unique && cutoffMax < 0 ? 3 : total && cutoffMax === 0 ? 1 : cutoffMax;
          const [fast, ref] = _digitsBothWays(x, single, unique, total, max, cutoffMin);
          expect(strip(fast)).toBe(strip(ref));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('non-unique positional digits are the exactly rounded decimal value', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (x, p) => {
          const s = formatFloatPositional(x, { unique: false, precision: p, trim: '-' });
          // toFixed rounds exactly too but breaks exact ties upward; NumPy breaks them to even
          const fixed = Number(x.toFixed(p));
          expect(Math.abs(Number(s) - fixed)).toBeLessThanOrEqual(10 ** -p);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('NDArray integration', () => {
  it('console.log / util.inspect prints the repr', async () => {
    const { inspect } = await import('node:util');
    expect(
      inspect(
        nd.array([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('array([[1, 2],\n       [3, 4]])');
  });
  it('printing a 1000-element float array is fast enough', () => {
    const a = make({ kind: 'golden', n: 1000 });
    const t0 = performance.now();
    a.toString();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
