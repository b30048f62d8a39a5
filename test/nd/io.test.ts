// Array file IO: .npy/.npz, text tables, IDX. Golden data from test/golden/gen_io.py (NumPy 2.4);
// fixtures in test/nd/fixtures were written by NumPy.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NDArray } from '../../src/nd/ndarray.js';
import { FormatError, MLSeriesError, ValueError } from '../../src/nd/errors.js';
import type { DType } from '../../src/nd/dtype.js';
import { array, arange } from '../../src/nd/creation.js';
import {
  crc32,
  formatTxt,
  gunzip,
  npyHeaderBytes,
  parseArrayFile,
  parseGenfromtxt,
  parseIdx,
  parseNpy,
  parseNpyHeader,
  parseNpz,
  parseTxt,
  pyFormat,
  readNpy,
  readZip,
  writeIdx,
  writeNpy,
  writeNpz,
  writeZip,
  IDX_MAGIC_IMAGES,
  IDX_MAGIC_LABELS,
} from '../../src/nd/io/index.js';
import {
  genfromtxt,
  load,
  loadIdx,
  loadtxt,
  save,
  savetxt,
  savez,
  savezCompressed,
} from '../../src/nd/io/node.js';

// ------------------------------------------------------------------ golden data

type Scalar = number | boolean | string;
interface Described {
  dtype: DType;
  shape: number[];
  values: Scalar[];
}
interface ErrorCase {
  type: string;
  message: string;
}
interface TextCase {
  text: string;
  opts: Record<string, unknown>;
  result?: Described | { list: Described[] } | { fields: Record<string, Described> };
  error?: ErrorCase;
  ours?: string;
}
interface Golden {
  npy: { file: string; expect: Described; fortran: boolean; byteEqual: boolean; note?: string }[];
  npyBad: { file: string; error: string }[];
  npz: { file: string; arrays: Record<string, Described> }[];
  idx: { file: string; expect: Described; magic: number }[];
  loadtxt: TextCase[];
  genfromtxt: TextCase[];
  savetxt: {
    array: Described;
    opts: Record<string, unknown>;
    text?: string;
    error?: ErrorCase;
    ours?: string;
  }[];
  pyformat: { fmt: string; values: Described; dtype: DType; out?: string; error?: ErrorCase }[];
}

const HERE = new URL('.', import.meta.url).pathname;
const FIX = join(HERE, 'fixtures');
const golden = JSON.parse(readFileSync(join(HERE, '../golden/io.json'), 'utf8')) as Golden;
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, name)));

function decode(v: Scalar): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === '-0') return -0;
  return v as number;
}

function build(d: Described): NDArray {
  const a = array(d.values.map(decode), { dtype: d.dtype });
  return a.reshape(d.shape);
}

/** Same dtype, shape and values (exactly: NaN equals NaN, −0 differs from 0). */
function expectArray(a: NDArray, d: Described, what = ''): void {
  expect(a, what).toBeInstanceOf(NDArray);
  expect(a.dtype, what).toBe(d.dtype);
  expect([...a.shape], what).toEqual(d.shape);
  const got = Array.from(a.copy().data);
  const want = d.values.map(decode);
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) expect(`${what}[${i}] = ${got[i]}`).toBe(`${what}[${i}] = ${want[i]}`);
  }
}

function expectError(fn: () => unknown, cls: string, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${cls}: ${message}`).toBeInstanceOf(MLSeriesError);
  expect((caught as Error).name).toBe(cls);
  expect((caught as Error).message.startsWith(message), (caught as Error).message).toBe(true);
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'mlseries-io-'));
}

// ------------------------------------------------------------------ .npy written by NumPy

describe('.npy files written by NumPy', () => {
  it.each(golden.npy.map((c) => [c.file, c] as const))('%s loads equal', (_name, c) => {
    const bytes = fixture(c.file);
    const a = parseNpy(bytes);
    expectArray(a, c.expect, c.file);
    if (c.fortran && a.ndim > 1) {
      expect(a.flags.fContiguous).toBe(true);
      expect(a.flags.cContiguous).toBe(false);
    }
    if (c.byteEqual) expect(writeNpy(a)).toEqual(bytes); // our writer gives np.save's exact bytes
  });

  it.each(golden.npyBad.map((c) => [c.file, c] as const))('%s is refused with a FormatError', (_n, c) => {
    let err: unknown;
    try {
      parseNpy(fixture(c.file));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).message).toContain(c.error);
    expect((err as FormatError).offset).toBeTypeOf('number');
  });

  it('an int64 beyond 2^53 names its element and byte offset', () => {
    const bytes = fixture('i8_too_big.npy');
    const h = parseNpyHeader(bytes);
    try {
      parseNpy(bytes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).offset).toBe(h.dataOffset + 8);
      expect((e as FormatError).message).toContain('9007199254740993');
    }
  });

  it('reads the header: version, descr, order, shape, data offset', () => {
    expect(parseNpyHeader(fixture('v2.npy'))).toMatchObject({ version: [2, 0], descr: '<i8', shape: [5] });
    expect(parseNpyHeader(fixture('v3.npy'))).toMatchObject({ version: [3, 0], descr: '<f4', shape: [2, 2] });
    const h = parseNpyHeader(fixture('f8_fortran.npy'));
    expect(h).toMatchObject({ version: [1, 0], fortranOrder: true, dtype: 'float64', dataOffset: 128 });
  });
});

// ------------------------------------------------------------------ .npz written by NumPy

describe('.npz files written by NumPy', () => {
  it.each(golden.npz.map((c) => [c.file, c] as const))('%s loads equal', (_n, c) => {
    const z = parseNpz(fixture(c.file));
    expect(Object.keys(z).sort()).toEqual(Object.keys(c.arrays).sort());
    for (const [k, d] of Object.entries(c.arrays)) expectArray(z[k], d, `${c.file}:${k}`);
  });

  it('stored entries use method 0, compressed ones method 8', () => {
    const method = (b: Uint8Array): number => b[8] | (b[9] << 8);
    expect(method(fixture('stored.npz'))).toBe(0);
    expect(method(fixture('deflated.npz'))).toBe(8);
    expect(method(writeNpz([arange(3)]))).toBe(0);
    expect(method(writeNpz([arange(3)], { compress: true }))).toBe(8);
  });
});

// ------------------------------------------------------------------ IDX

describe('IDX files (MNIST)', () => {
  it.each(golden.idx.map((c) => [c.file, c] as const))('%s loads equal', (_n, c) => {
    expectArray(parseIdx(fixture(c.file)), c.expect, c.file);
    expectArray(loadIdx(join(FIX, c.file)), c.expect, c.file); // name-based MNIST magic check passes
  });

  it('checks the MNIST magic numbers 2051 / 2049 when they are known', () => {
    const images = fixture('t10k-images-idx3-ubyte');
    expect(parseIdx(images, { magic: IDX_MAGIC_IMAGES }).shape).toEqual([6, 5, 4]);
    expectError(() => parseIdx(images, { magic: IDX_MAGIC_LABELS }), 'FormatError', 'idx: magic number 2051');
    const dir = tmp();
    try {
      const wrong = join(dir, 'train-labels-idx1-ubyte');
      writeFileSync(wrong, images);
      expectError(() => loadIdx(wrong), 'FormatError', 'idx: magic number 2051 (0x00000803); expected 2049');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('round-trips every IDX type, raw and gzipped', () => {
    for (const dtype of ['uint8', 'int8', 'int32', 'float32', 'float64'] as DType[]) {
      const a = arange(0, 24, 1, { dtype }).reshape(2, 3, 4).sub(5).astype(dtype);
      for (const gz of [false, true]) {
        const b = parseIdx(writeIdx(a, { gzip: gz }));
        expect(b.dtype).toBe(dtype);
        expect(b.toArray()).toEqual(a.toArray());
      }
    }
    expect(writeIdx(arange(0, 4, 1, { dtype: 'uint8' })).subarray(0, 4)).toEqual(
      new Uint8Array([0, 0, 8, 1]),
    );
    expectError(() => writeIdx(arange(3)), 'DTypeError', 'writeIdx: IDX has no int64 type');
  });
});

// ------------------------------------------------------------------ text: loadtxt, genfromtxt, savetxt

function checkTextCase(c: TextCase, run: () => unknown, label: string): void {
  if (c.error) {
    expectError(run, c.ours ?? 'FormatError', c.error.message);
    return;
  }
  const r = run();
  const res = c.result!;
  if ('fields' in res) {
    const obj = r as Record<string, NDArray>;
    expect(Object.keys(obj), label).toEqual(Object.keys(res.fields));
    for (const [k, d] of Object.entries(res.fields)) expectArray(obj[k], d, `${label}:${k}`);
  } else if (c.opts.unpack) {
    // NumPy returns a.T; we return its rows
    const rows = r as NDArray[];
    const t = build(res as Described);
    expect(rows.length).toBe(t.shape[0]);
    rows.forEach((row, i) => expect(row.toArray()).toEqual(t.get(i).toArray()));
  } else expectArray(r as NDArray, res as Described, label);
}

describe('loadtxt (golden)', () => {
  it.each(golden.loadtxt.map((c, i) => [i, JSON.stringify(c.text).slice(0, 30), c] as const))(
    '#%i %s',
    (i, _t, c) => checkTextCase(c, () => parseTxt(c.text, c.opts), `loadtxt#${i}`),
  );
});

describe('genfromtxt (golden)', () => {
  it.each(golden.genfromtxt.map((c, i) => [i, JSON.stringify(c.text).slice(0, 30), c] as const))(
    '#%i %s',
    (i, _t, c) => checkTextCase(c, () => parseGenfromtxt(c.text, c.opts), `genfromtxt#${i}`),
  );
});

describe('savetxt (golden)', () => {
  it.each(golden.savetxt.map((c, i) => [i, c] as const))('#%i', (_i, c) => {
    const a = build(c.array);
    if (c.error) expectError(() => formatTxt(a, c.opts), c.ours ?? 'ValueError', c.error.message);
    else expect(formatTxt(a, c.opts)).toBe(c.text);
  });
});

describe("Python's %-formatting (golden)", () => {
  it(`matches Python on ${golden.pyformat.length} cases, rounding ties to even`, () => {
    const failures: string[] = [];
    for (const c of golden.pyformat) {
      const values = c.values.values.map(decode);
      try {
        const out = pyFormat(c.fmt, values, c.dtype);
        if (c.error) failures.push(`${c.fmt} % ${values}: expected ${c.error.type}, got '${out}'`);
        else if (out !== c.out) failures.push(`${c.fmt} % ${values} (${c.dtype}): '${out}' ≠ '${c.out}'`);
      } catch (e) {
        if (!c.error) failures.push(`${c.fmt} % ${values}: threw ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

// ------------------------------------------------------------------ round trips

const DTYPES: DType[] = ['bool', 'uint8', 'int8', 'uint32', 'int32', 'int64', 'float32', 'float64'];

function randomArray(dtype: DType, shape: number[], values: number[]): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, (_, i) => values[i % Math.max(1, values.length)] ?? 0);
  return array(v, { dtype: 'float64' }).astype(dtype).reshape(shape);
}

describe('round trips', () => {
  it('writeNpy → parseNpy keeps dtype, shape and values (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DTYPES),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 30 }),
        (dtype, shape, values) => {
          const a = randomArray(dtype, shape, values);
          const b = parseNpy(writeNpy(a));
          expect(b.dtype).toBe(dtype);
          expect(b.shape).toEqual(a.shape);
          // (an int64 array may hold −0 from astype; files have no integer −0)
          const norm = (x: NDArray): number[] => Array.from(x.copy().data, (v) => (v === 0 ? 0 : v));
          expect(norm(b)).toEqual(norm(a));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('int64 survives exactly up to ±(2^53 − 1), and large whole numbers are written exactly', () => {
    const big = array([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 32, -(2 ** 32) - 1, -1], {
      dtype: 'int64',
    });
    expect(parseNpy(writeNpy(big)).toArray()).toEqual(big.toArray());
    const bytes = writeNpy(array([2 ** 60], { dtype: 'int64' }));
    const view = new DataView(bytes.buffer, bytes.byteOffset + 128);
    expect(view.getBigInt64(0, true)).toBe(2n ** 60n);
  });

  it('a non-contiguous view is written in C order', () => {
    const a = arange(12).reshape(3, 4).T;
    const b = parseNpy(writeNpy(a));
    expect(b.toArray()).toEqual(a.toArray());
    expect(b.flags.cContiguous).toBe(true);
  });

  it('versions 2.0 and 3.0 on request; 1.0 by default; header padded to 64 bytes with a newline', () => {
    for (const v of [
      [1, 0],
      [2, 0],
      [3, 0],
    ] as const) {
      const bytes = writeNpy(arange(5), { version: v });
      expect(parseNpyHeader(bytes).version).toEqual(v);
      expect(parseNpy(bytes).toArray()).toEqual([0, 1, 2, 3, 4]);
    }
    const h = npyHeaderBytes('float64', [3, 4]);
    expect(h.length % 64).toBe(0);
    expect(h[h.length - 1]).toBe(0x0a);
    expect(new TextDecoder().decode(h.subarray(10)).trimEnd()).toBe(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }",
    );
    expectError(
      () => writeNpy(arange(2), { version: [4, 0] }),
      'ValueError',
      'we only support format version',
    );
  });

  it('readNpy reads arrays written one after another', () => {
    const a = writeNpy(arange(3));
    const b = writeNpy(array([[1.5, 2.5]]));
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    const first = readNpy(both);
    expect(first.array.toArray()).toEqual([0, 1, 2]);
    expect(readNpy(both, first.end).array.toArray()).toEqual([[1.5, 2.5]]);
    expectError(() => parseNpy(both), 'FormatError', 'npy: 144 unexpected bytes after the array data');
  });

  it('writeNpz → parseNpz, stored and deflated, named and positional', () => {
    const x = arange(0, 10, 1, { dtype: 'float32' }).reshape(2, 5);
    const y = array([true, false, true]);
    for (const compress of [false, true]) {
      const z = parseNpz(writeNpz({ x, y }, { compress }));
      expect(Object.keys(z)).toEqual(['x', 'y']);
      expect(z.x.dtype).toBe('float32');
      expect(z.x.toArray()).toEqual(x.toArray());
      expect(z.y.toArray()).toEqual([true, false, true]);
    }
    expect(Object.keys(parseNpz(writeNpz([x, y])))).toEqual(['arr_0', 'arr_1']);
    expect(writeNpz({ x })).toEqual(writeNpz({ x })); // deterministic bytes
  });

  it('savetxt → loadtxt with the default %.18e is exact for float64', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 12 }),
        (v) => {
          const a = array(v);
          const back = parseTxt(formatTxt(a), { ndmin: 1 });
          expect(Array.from(back.data).map((x) => (Object.is(x, -0) ? 0 : x))).toEqual(
            v.map((x) => (Object.is(x, -0) ? 0 : x)),
          );
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });

  it('zip and gzip primitives: CRC-32 check value, entries in order', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const entries = [
      { name: 'a.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/b.bin', data: new Uint8Array([1, 2, 3]) },
    ];
    for (const compress of [false, true]) {
      expect(readZip(writeZip(entries, { compress }))).toEqual(entries);
    }
    const gz = writeIdx(arange(0, 3, 1, { dtype: 'uint8' }), { gzip: true });
    expect(Array.from(gunzip(gz))).toEqual([0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 2]);
  });
});

// ------------------------------------------------------------------ Node file helpers (Day 1)

describe('Node file helpers and the COURSE.md Day 1 examples', () => {
  it('loadtxt with delimiter and skiprows reads a CSV with a header line', () => {
    const dir = tmp();
    try {
      const path = join(dir, 'data.csv');
      writeFileSync(path, 'sepal_length,sepal_width\n5.1,3.5\n4.9,3.0\n4.7,3.2\n');
      const a = loadtxt(path, { delimiter: ',', skiprows: 1 });
      expect(a.shape).toEqual([3, 2]);
      expect(a.toArray()).toEqual([
        [5.1, 3.5],
        [4.9, 3.0],
        [4.7, 3.2],
      ]);
      const [x, y] = loadtxt(path, { delimiter: ',', skiprows: 1, unpack: true });
      expect(x.toArray()).toEqual([5.1, 4.9, 4.7]);
      expect(y.toArray()).toEqual([3.5, 3.0, 3.2]);
      // text with a line break is taken as the contents (NumPy's StringIO)
      expect(loadtxt('1 2\n3 4').toArray()).toEqual([
        [1, 2],
        [3, 4],
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('genfromtxt turns missing values into NaN (or a filling value)', () => {
    const dir = tmp();
    try {
      const path = join(dir, 'missing.csv');
      writeFileSync(path, '1,2,3\n4,,6\n7,8,N/A\n');
      const a = genfromtxt(path, { delimiter: ',', missingValues: 'N/A' });
      expect(a.toArray()).toEqual([
        [1, 2, 3],
        [4, NaN, 6],
        [7, 8, NaN],
      ]);
      const b = genfromtxt(path, { delimiter: ',', fillingValues: 0 });
      expect(b.get(1, 1).item()).toBe(0);
      const named = genfromtxt('a,b\n1,2\n3,4\n', { delimiter: ',', names: true });
      expect(named.a.toArray()).toEqual([1, 3]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('save / load (.npy) and savez / savezCompressed / load (.npz)', () => {
    const dir = tmp();
    try {
      const a = arange(6).reshape(2, 3);
      save(join(dir, 'a'), a); // NumPy adds the .npy suffix
      expect(existsSync(join(dir, 'a.npy'))).toBe(true);
      const back = load(join(dir, 'a.npy')) as NDArray;
      expect(back.dtype).toBe('int64');
      expect(back.toArray()).toEqual(a.toArray());
      savez(join(dir, 'z.npz'), { a, b: array([0.5]) });
      savezCompressed(join(dir, 'c'), [a]);
      const z = load(join(dir, 'z.npz')) as Record<string, NDArray>;
      expect(z.b.toArray()).toEqual([0.5]);
      expect((load(join(dir, 'c.npz')) as Record<string, NDArray>).arr_0.toArray()).toEqual(a.toArray());
      savetxt(join(dir, 't.txt'), a, { fmt: '%d', delimiter: ',', header: 'x,y,z' });
      expect(readFileSync(join(dir, 't.txt'), 'utf8')).toBe('# x,y,z\n0,1,2\n3,4,5\n');
      expect(loadtxt(join(dir, 't.txt'), { delimiter: ',', dtype: 'int64' }).toArray()).toEqual(a.toArray());
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('MNIST IDX: images and labels, raw and gzipped, as the Day 5 loader reads them', () => {
    const images = loadIdx(join(FIX, 't10k-images-idx3-ubyte.gz'));
    const labels = loadIdx(join(FIX, 't10k-labels-idx1-ubyte'));
    expect(images.dtype).toBe('uint8');
    expect(images.shape).toEqual([6, 5, 4]);
    expect(labels.shape).toEqual([6]);
    expect(parseArrayFile(fixture('stored.npz'))).not.toBeInstanceOf(NDArray);
  });
});

// ------------------------------------------------------------------ malformed input

/** Rewrites the header text of a valid .npy (keeping the 64-byte padding). */
function npyWithHeader(dict: string, data = new Uint8Array(24), version = 1): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  let text = dict;
  const pad = 64 - ((8 + lenBytes + text.length + 1) % 64);
  text += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(8 + lenBytes + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  for (let i = 0; i < lenBytes; i++) out[8 + i] = (text.length >> (8 * i)) & 0xff;
  for (let i = 0; i < text.length; i++) out[8 + lenBytes + i] = text.charCodeAt(i);
  out.set(data, 8 + lenBytes + text.length);
  return out;
}

describe('malformed files raise FormatError naming the offset', () => {
  const good = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
  const cases: [string, () => unknown, string, number | undefined][] = [
    [
      'wrong magic',
      () => parseNpy(new TextEncoder().encode('PNG\r\n....')),
      'npy: the magic string is not correct',
      0,
    ],
    ['empty file', () => parseNpy(new Uint8Array(0)), 'npy: EOF reading magic string', 0],
    [
      'truncated header length',
      () => parseNpy(npyWithHeader(good).subarray(0, 9)),
      'npy: EOF reading array header length',
      8,
    ],
    [
      'truncated header',
      () => parseNpy(npyWithHeader(good).subarray(0, 40)),
      'npy: EOF reading array header, expected 118 bytes got 30',
      10,
    ],
    [
      'data shorter than the header claims',
      () => parseNpy(npyWithHeader(good, new Uint8Array(16))),
      "npy: header claims shape (3,) of '<f8' = 24 bytes of data, but only 16",
      128,
    ],
    [
      'bad dict syntax',
      () => parseNpy(npyWithHeader("{'descr': '<f8' 'fortran_order': False}")),
      "npy: cannot parse header: expected ',' or '}' in the dict",
      26,
    ],
    ['not a dict', () => parseNpy(npyWithHeader('[1, 2]')), 'npy: Header is not a dictionary: [1, 2]', 10],
    [
      'missing key',
      () => parseNpy(npyWithHeader("{'descr': '<f8', 'shape': (3,)}")),
      "npy: Header does not contain the correct keys: ['descr', 'shape']",
      10,
    ],
    [
      'extra key',
      () => parseNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}")),
      'npy: Header does not contain the correct keys',
      10,
    ],
    [
      'unknown dtype',
      () => parseNpy(npyWithHeader("{'descr': '<q9', 'fortran_order': False, 'shape': (3,)}")),
      "npy: unsupported dtype '<q9'",
      20,
    ],
    [
      'negative shape',
      () => parseNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 3)}")),
      'npy: shape is not valid: (-1, 3)',
      60,
    ],
    [
      'absurd shape',
      () =>
        parseNpy(
          npyWithHeader(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000000000000000000000,)}",
          ),
        ),
      'npy: header claims shape (1000000000000000000000000000000,)',
      undefined,
    ],
    [
      'shape product overflow',
      () =>
        parseNpy(
          npyWithHeader(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296)}",
          ),
        ),
      'npy: header claims shape',
      undefined,
    ],
    [
      'shape not a tuple',
      () => parseNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': 3}")),
      'npy: shape is not valid: 3',
      60,
    ],
    [
      'fortran_order not a bool',
      () => parseNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}")),
      'npy: fortran_order is not a valid bool: 0',
      44,
    ],
    [
      'unsupported version',
      () => parseNpy(npyWithHeader(good, new Uint8Array(24), 4)),
      'npy: unsupported format version 4.0',
      6,
    ],
    [
      'header too large',
      () => parseNpy(npyWithHeader(good + ' '.repeat(20000), new Uint8Array(24), 2)),
      'npy: header length',
      8,
    ],
    [
      'unterminated string',
      () => parseNpy(npyWithHeader("{'descr': '<f8, }")),
      "npy: cannot parse header: expected a closing ' for the string",
      undefined,
    ],
    [
      'deep nesting',
      () => parseNpy(npyWithHeader('('.repeat(60))),
      'npy: cannot parse header: expected at most 32 nested brackets',
      undefined,
    ],
    [
      'idx: wrong magic',
      () => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0])),
      'idx: expected magic bytes 00 00',
      0,
    ],
    [
      'idx: unknown type',
      () => parseIdx(new Uint8Array([0, 0, 7, 1, 0, 0, 0, 0])),
      'idx: unknown data type 0x07',
      2,
    ],
    [
      'idx: truncated dims',
      () => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1])),
      'idx: EOF reading 3 dimensions',
      4,
    ],
    [
      'idx: truncated data',
      () => parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 5, 1, 2])),
      'idx: dimensions (5) of uint8 need 5 bytes of data, but only 2',
      8,
    ],
    [
      'idx: trailing garbage',
      () => parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 9, 9, 9])),
      'idx: 2 unexpected bytes after the data',
      9,
    ],
    [
      'idx: absurd dims',
      () =>
        parseIdx(
          new Uint8Array([0, 0, 0x0e, 3, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1]),
        ),
      'idx: dimensions (4294967295, 4294967295, 4294967295) of float64 need',
      16,
    ],
    [
      'gzip: corrupt stream',
      () =>
        parseIdx(
          new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 0, 0, 0]),
        ),
      'idx: corrupt deflate stream',
      10,
    ],
    [
      'gzip: impossible length',
      () => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 1, 2, 3, 4, 0, 0, 0, 1])),
      'idx: gzip trailer claims an impossible length 16777216',
      16,
    ],
    ['npz: not a zip', () => parseNpz(new Uint8Array(100)), 'npz: not a zip archive', 78],
    [
      'load: neither npy nor npz',
      () => parseArrayFile(new Uint8Array([1, 2, 3])),
      'load: not a .npy or .npz file',
      0,
    ],
  ];
  it.each(cases)('%s', (_name, run, message, offset) => {
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).message.startsWith(message), (err as FormatError).message).toBe(true);
    if (offset !== undefined) expect((err as FormatError).offset).toBe(offset);
  });

  it('npz: a flipped data byte fails the CRC-32 check; a bad entry names the entry', () => {
    const z = writeNpz({ x: arange(4) });
    const flipped = z.slice();
    flipped[30 + 5 + 130] ^= 0x40; // inside x.npy's data
    expectError(() => parseNpz(flipped), 'FormatError', "npz: CRC-32 mismatch in 'x.npy'");
    const bad = writeZip([{ name: 'x.npy', data: new Uint8Array([1, 2, 3]) }]);
    expectError(() => parseNpz(bad), 'FormatError', "npz: entry 'x.npy': the magic string is not correct");
  });

  it('text: the column count and conversion errors name row and column', () => {
    expectError(
      () => parseTxt('1,2\n3', { delimiter: ',' }),
      'FormatError',
      'the number of columns changed from 2 to 1 at row 2',
    );
    expectError(
      () => parseTxt('9007199254740993', { dtype: 'int64' }),
      'FormatError',
      "could not convert string '9007199254740993' to int64 at row 0, column 1. (beyond",
    );
    expectError(() => pyFormat('%d', [NaN]), 'ValueError', 'cannot convert float NaN to integer');
    expectError(() => pyFormat('%q', [1]), 'ValueError', 'unsupported format character');
    expect(() => parseTxt('1 2', { ndmin: 3 as 2 })).toThrow(ValueError);
  });
});

// ------------------------------------------------------------------ fuzzing

interface Sample {
  name: string;
  bytes: Uint8Array;
  parse: (b: Uint8Array) => unknown;
}

const samples: Sample[] = [
  {
    name: 'npy f8',
    bytes: writeNpy(
      array([
        [1.5, -2],
        [3, 4],
      ]),
    ),
    parse: parseNpy,
  },
  { name: 'npy i8 fortran (NumPy)', bytes: fixture('i4_fortran3d.npy'), parse: parseNpy },
  { name: 'npy v3 (NumPy)', bytes: fixture('v3.npy'), parse: parseNpy },
  { name: 'npz stored', bytes: writeNpz({ a: arange(3), b: array([true]) }), parse: parseNpz },
  { name: 'npz deflated (NumPy)', bytes: fixture('deflated.npz'), parse: parseNpz },
  { name: 'idx raw', bytes: fixture('t10k-labels-idx1-ubyte'), parse: (b) => parseIdx(b) },
  { name: 'idx gzip', bytes: fixture('t10k-images-idx3-ubyte.gz'), parse: (b) => parseIdx(b) },
];

/** The outcome must be a well-formed result or a FormatError — nothing else, and fast. */
function checkOutcome(s: Sample, bytes: Uint8Array): 'ok' | 'error' {
  const t0 = performance.now();
  let out: unknown;
  try {
    out = s.parse(bytes);
  } catch (e) {
    if (!(e instanceof FormatError))
      throw new Error(`${s.name}: ${String(e)} is not a FormatError`, { cause: e });
    expect(performance.now() - t0).toBeLessThan(1000);
    return 'error';
  }
  expect(performance.now() - t0).toBeLessThan(1000);
  const arrays = out instanceof NDArray ? [out] : Object.values(out as Record<string, NDArray>);
  for (const a of arrays) {
    expect(a).toBeInstanceOf(NDArray);
    expect(a.data.length).toBe(a.shape.reduce((x, y) => x * y, 1));
  }
  return 'ok';
}

describe('fuzz: truncated and corrupted files', () => {
  it.each(samples.map((s) => [s.name, s] as const))('%s: every truncation is a FormatError', (_n, s) => {
    expect(checkOutcome(s, s.bytes)).toBe('ok');
    for (let cut = 0; cut < s.bytes.length; cut++) {
      expect(checkOutcome(s, s.bytes.subarray(0, cut)), `cut at ${cut}`).toBe('error');
    }
  });

  it.each(samples.map((s) => [s.name, s] as const))(
    '%s: random byte flips give an array or a FormatError',
    (_n, s) => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat({ max: s.bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), {
            minLength: 1,
            maxLength: 4,
          }),
          (flips) => {
            const b = s.bytes.slice();
            for (const [pos, mask] of flips) b[pos] ^= mask;
            checkOutcome(s, b);
          },
        ),
        { seed: 2024, numRuns: 300 },
      );
    },
  );

  it('header bytes replaced by random printable text never crash the parser', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(..."{}()[]',: 0123456789-TrueFalsNn<f8descrshape".split('')),
          maxLength: 80,
        }),
        (text) => {
          const s: Sample = { name: 'header text', bytes: npyWithHeader(text), parse: parseNpy };
          checkOutcome(s, s.bytes);
        },
      ),
      { seed: 99, numRuns: 500 },
    );
  });
});
