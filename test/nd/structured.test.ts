/**
 * Structured arrays (named fields): replays test/golden/structured.json (made by
 * test/golden/gen_structured.py with NumPy 2.4) — building from records, repr/str, `x['a']`,
 * indexing, assignment, errors — and checks that field arrays share memory with the records.
 */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import {
  StructuredArray,
  structuredArray,
  structuredZeros,
  type FieldSpec,
  type StructRecord,
} from '../../src/nd/structured.js';
import { withPrintOptions, type PrintOptions } from '../../src/nd/printoptions.js';
import { decodeNumber, expectArray, expectNumpyError, loadGolden, type ArraySpec } from '../helpers.js';

interface Summary {
  repr: string;
  str: string;
  shape: number[];
  tolist?: unknown;
  field_reprs: Record<string, { repr: string; a?: ArraySpec }>;
}
interface Case extends Partial<Summary> {
  kind: 'build' | 'get' | 'set' | 'set_field' | 'field_write' | 'field' | 'opts';
  name: string;
  fields: FieldSpec[];
  records: unknown;
  depth: number;
  index?: string;
  field?: string;
  value?: unknown;
  opts?: Partial<PrintOptions>;
  record?: unknown[];
  record_str?: string;
  error?: string;
  message?: string;
}
const cases = loadGolden<Case[]>('structured');

/** "nan"/"inf"/"-inf" strings in golden records → numbers. */
function decodeRecords(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeRecords);
  if (typeof v === 'string') return decodeNumber(v);
  return v;
}

function expectSameValues(got: unknown, want: unknown, where: string): void {
  const g = JSON.stringify(got, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
  const w = JSON.stringify(decodeRecords(want), (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
  expect(g, where).toBe(w);
}

function expectSummary(x: StructuredArray, c: Case): void {
  expect(x.toString(), 'repr').toBe(c.repr);
  expect(x.str(), 'str').toBe(c.str);
  expect([...x.shape]).toEqual(c.shape);
  if (c.tolist !== undefined) expectSameValues(x.toArray(), c.tolist, 'tolist');
  for (const [name, f] of Object.entries(c.field_reprs!)) {
    expect(x.field(name).toString(), `x['${name}']`).toBe(f.repr);
    if (f.a) expectArray(x.field(name), f.a);
  }
}

function run(c: Case): void {
  const x = structuredArray(decodeRecords(c.records) as unknown[], c.fields);
  switch (c.kind) {
    case 'build':
      return expectSummary(x, c);
    case 'field':
      expect(x.field(c.field!).toString()).toBe(c.repr);
      return;
    case 'get': {
      const r = x.get(c.index!);
      if (c.record !== undefined) {
        expect(r).not.toBeInstanceOf(StructuredArray);
        expectSameValues(
          x.fields.map((f) => (r as StructRecord)[f.name]),
          c.record,
          'record',
        );
      } else {
        expect(r).toBeInstanceOf(StructuredArray);
        expectSummary(r as StructuredArray, c);
      }
      return;
    }
    case 'set': {
      const v = c.value as { record?: unknown[]; records?: unknown[][]; scalar?: number };
      x.set(c.index!, (v.record ?? v.records ?? v.scalar)!);
      return expectSummary(x, c);
    }
    case 'set_field':
      x.setField(c.field!, c.value as nd.ArrayLike);
      return expectSummary(x, c);
    case 'field_write':
      x.field(c.field!).set(c.index!, c.value as number);
      return expectSummary(x, c);
    case 'opts': {
      const [repr, str] = withPrintOptions(c.opts!, () => [x.toString(), x.str()]);
      expect(repr).toBe(c.repr);
      expect(str).toBe(c.str);
      return;
    }
  }
}

describe('structured arrays match NumPy', () => {
  for (const c of cases) {
    it(c.name, () => {
      if (c.error !== undefined) expectNumpyError(() => run(c), { error: c.error, message: c.message! });
      else run(c);
    });
  }
});

describe('StructuredArray API', () => {
  const make = (): StructuredArray =>
    structuredArray(
      [
        [1, 2.0],
        [3, 4.0],
      ],
      [
        ['a', 'i4'],
        ['b', 'f8'],
      ],
    );

  it('Day 1: x["a"] is a live int32 view', () => {
    const x = make();
    const a = x.field('a');
    expect(a.dtype).toBe('int32');
    expect(a.toString()).toBe('array([1, 3], dtype=int32)');
    a.set(1, 30);
    expect(x.get(1)).toEqual({ a: 30, b: 4 });
    expect(x.toString()).toBe("array([( 1, 2.), (30, 4.)], dtype=[('a', '<i4'), ('b', '<f8')])");
  });

  it('slices are views, integer-array indices copies', () => {
    const x = make();
    const v = x.get('1:') as StructuredArray;
    v.set(0, [7, 7.5]);
    expect(x.item(1)).toEqual({ a: 7, b: 7.5 });
    expect(() => x.get('a')).toThrow("use field('a')");
    const c = x.get([0, 1]) as StructuredArray;
    c.set(0, { a: -1, b: -1 });
    expect(x.item(0)).toEqual({ a: 1, b: 2 });
  });

  it('records as objects, toRecords, fromColumns, multi-field views', () => {
    const x = structuredArray(
      [
        { a: 1, b: 0.5 },
        { b: 1.5, a: 2 },
      ],
      [
        ['a', 'int64'],
        ['b', 'float32'],
      ],
    );
    expect(x.toRecords()).toEqual([
      { a: 1, b: 0.5 },
      { a: 2, b: 1.5 },
    ]);
    const col = nd.array([10, 20], { dtype: 'int32' });
    const y = StructuredArray.fromColumns({ id: col, w: [0.25, 0.75] });
    expect(y.names).toEqual(['id', 'w']);
    col.set(0, 11);
    expect(y.item(0)).toEqual({ id: 11, w: 0.25 });
    const ba = x.field(['b', 'a']);
    expect(ba.names).toEqual(['b', 'a']);
    expect(ba.toArray()).toEqual([
      [0.5, 1],
      [1.5, 2],
    ]);
    ba.setField('a', 0);
    expect(x.field('a').toArray()).toEqual([0, 0]);
  });

  it('structuredZeros, reshape, transpose, copy', () => {
    const z = structuredZeros(
      [2, 2],
      [
        ['a', 'int32'],
        ['b', 'float64', [3, 3]],
      ],
    );
    expect([...z.field('a').shape]).toEqual([2, 2]);
    expect(z.field('a').dtype).toBe('int32');
    expect([...z.field('b').shape]).toEqual([2, 2, 3, 3]);
    expect(z.dtypeText).toBe("[('a', '<i4'), ('b', '<f8', (3, 3))]");
    expect(z.descr).toEqual([
      ['a', '<i4'],
      ['b', '<f8', [3, 3]],
    ]);
    const r = z.reshape(-1);
    expect([...r.shape]).toEqual([4]);
    expect([...r.field('b').shape]).toEqual([4, 3, 3]);
    // a list of 2 tuples of 2 scalars is 2 records, not one record of two sub-arrays
    const t = structuredArray(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
      [
        ['p', 'i4'],
        ['q', 'i4'],
      ],
    );
    expect([...t.shape]).toEqual([2, 2]);
    const m = structuredArray(
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      [
        ['p', 'i4'],
        ['q', 'i4'],
      ],
    );
    expect([...m.shape]).toEqual([1, 2]);
    expect(m.T.toArray()).toEqual([[[1, 2]], [[3, 4]]]);
    const c = m.copy();
    c.set([0, 0], 0);
    expect(m.item(0, 0)).toEqual({ p: 1, q: 2 });
  });

  it('rejects bad fields and records with clear errors', () => {
    expect(() => structuredArray([[1, 2]], [])).toThrow('at least one field');
    expect(() =>
      structuredArray(
        [[1, 2]],
        [
          ['a', 'i4'],
          ['a', 'f8'],
        ],
      ),
    ).toThrow("field 'a' occurs more than once");
    expect(() => structuredArray([[1, 2]], [['a', 'c16'] as FieldSpec, ['b', 'f8']])).toThrow(nd.DTypeError);
    expect(() => structuredArray([[1, 2]], [['a', '>i4'] as FieldSpec, ['b', 'f8']])).toThrow('big-endian');
    expect(() =>
      structuredArray(
        [{ a: 1, c: 2 }],
        [
          ['a', 'i4'],
          ['b', 'f8'],
        ],
      ),
    ).toThrow('no field of name c');
    expect(() =>
      structuredArray(
        [[[1, 2]], [1, 2]],
        [
          ['a', 'i4'],
          ['b', 'f8'],
        ],
      ),
    ).toThrow(nd.ValueError);
  });

  it('util.inspect prints the repr', async () => {
    const { inspect } = await import('node:util');
    expect(inspect(make())).toBe("array([(1, 2.), (3, 4.)], dtype=[('a', '<i4'), ('b', '<f8')])");
  });
});
