import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nd from '../../src/nd/index.js';
import { ValueError } from '../../src/nd/index.js';
import {
  decodeSafetensors,
  e4m3ToFloat,
  e5m2ToFloat,
  encodeSafetensors,
  halfToFloat,
  parseSafetensorsHeader,
  SAFETENSORS_MAX_HEADER_SIZE,
} from '../../src/io/index.js';
import {
  EXPECTED,
  expectSameArray,
  fixture,
  formatErrorOf,
  fromSpec,
  makeFile,
  valuesOf,
} from './helpers.js';

describe('safetensors: golden files in the reference layout', () => {
  it.each(EXPECTED.files.map((f) => [f.file, f] as const))('reads %s', (_name, spec) => {
    const bytes = fixture(spec.file);
    expect(bytes.length).toBe(spec.bytes);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual(spec.metadata);
    expect([...tensors.keys()]).toEqual(spec.order);
    for (const t of spec.tensors) {
      const a = tensors.get(t.name)!;
      expect(a.dtype, t.name).toBe(t.dtype);
      expect([...a.shape], t.name).toEqual(t.shape);
      expect(valuesOf(a), t.name).toEqual(t.values);
    }
  });

  const writable = EXPECTED.files.filter((f) => f.writable);
  it.each(writable.map((f) => [f.file, f] as const))('writes %s byte for byte', (_name, spec) => {
    const input = new Map(spec.tensors.map((t) => [t.name, fromSpec(t)]));
    expect(encodeSafetensors(input, spec.metadata)).toEqual(fixture(spec.file));
  });

  it('covers every dtype we write and the read-only ones', () => {
    const dtypes = new Set(EXPECTED.files.flatMap((f) => f.tensors.map((t) => t.file_dtype)));
    for (const d of [
      'F64',
      'F32',
      'I64',
      'I32',
      'U32',
      'I8',
      'U8',
      'BOOL',
      'F16',
      'BF16',
      'F8_E4M3',
      'F8_E5M2',
      'I16',
      'U16',
      'U64',
    ]) {
      expect(dtypes.has(d), d).toBe(true);
    }
    expect(writable.length).toBe(5);
  });

  it('reproduces the byte vector of the reference test_serialization', () => {
    const bytes = encodeSafetensors({
      'attn.0': nd.arange(6, undefined, undefined, { dtype: 'float32' }).reshape(1, 2, 3),
    });
    expect(Array.from(bytes.subarray(0, 8))).toEqual([64, 0, 0, 0, 0, 0, 0, 0]);
    expect(new TextDecoder().decode(bytes.subarray(8, 72))).toBe(
      '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}',
    );
    expect(Array.from(bytes.subarray(72, 80))).toEqual([0, 0, 0, 0, 0, 0, 128, 63]);
    expect(Array.from(encodeSafetensors({}))).toEqual([
      8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32,
    ]);
  });
});

describe('safetensors: writing', () => {
  const w = nd.arange(12, undefined, undefined, { dtype: 'float32' }).reshape(3, 4);
  const b = nd.array([1, 2, 3], { dtype: 'int64' });

  it('accepts objects, Maps, pair lists and tensors with .data alike', () => {
    const bytes = encodeSafetensors({ w, b });
    expect(
      encodeSafetensors(
        new Map<string, nd.NDArray>([
          ['b', b],
          ['w', w],
        ]),
      ),
    ).toEqual(bytes);
    expect(
      encodeSafetensors([
        ['w', { data: w }],
        ['b', b],
      ]),
    ).toEqual(bytes);
  });

  it('writes non-contiguous arrays and views in C order', () => {
    const big = nd.arange(40, undefined, undefined, { dtype: 'float64' }).reshape(5, 8);
    const views = { t: big.T, s: big.get(nd.slice(1, 4), nd.slice(null, null, 3)), r: big.get(2) };
    const { tensors } = decodeSafetensors(encodeSafetensors(views));
    for (const [k, v] of Object.entries(views)) expectSameArray(tensors.get(k)!, v.copy());
  });

  it('sorts by dtype alignment, then by code point as Rust compares UTF-8', () => {
    const one = (dtype: nd.DType) => nd.zeros([1], { dtype });
    const bytes = encodeSafetensors({
      z: one('bool'),
      y: one('uint8'),
      x: one('int8'),
      w: one('int32'),
      v: one('uint32'),
      u: one('float32'),
      t: one('float64'),
      s: one('int64'),
      '\u{1F600}': one('float32'),
      '\uff21': one('float32'),
    });
    expect([...parseSafetensorsHeader(bytes).tensors.map((t) => t.name)]).toEqual([
      's',
      't',
      'u',
      '\uff21',
      '\u{1F600}',
      'v',
      'w',
      'x',
      'y',
      'z',
    ]);
  });

  it('pads the header with spaces to a multiple of 8 and sorts metadata keys', () => {
    for (let k = 0; k < 10; k++) {
      const bytes = encodeSafetensors({ ['n'.repeat(k)]: nd.ones([1]) }, { zz: '1', aa: 'é' });
      const h = parseSafetensorsHeader(bytes);
      expect(h.headerLength % 8).toBe(0);
      const head = bytes.subarray(8, 8 + h.headerLength);
      let pad = 0;
      while (pad < head.length && head[head.length - 1 - pad] === 0x20) pad++;
      expect(pad).toBeLessThan(8);
      expect(new TextDecoder().decode(head).startsWith('{"__metadata__":{"aa":"é","zz":"1"}')).toBe(true);
    }
  });

  it('refuses what the format cannot hold', () => {
    expect(() => encodeSafetensors({ __metadata__: nd.ones([1]) })).toThrow(/reserved/);
    expect(() => encodeSafetensors({ ['a\ud800']: nd.ones([1]) })).toThrow(/lone surrogate/);
    expect(() => encodeSafetensors({}, { k: 1 } as unknown as Record<string, string>)).toThrow(ValueError);
    expect(() => encodeSafetensors({ a: [1, 2] } as unknown as Record<string, nd.NDArray>)).toThrow(
      /expected an NDArray/,
    );
    const frac = nd.NDArray.fromData(new Float64Array([0.5]), [1], 'int64');
    expect(() => encodeSafetensors({ frac })).toThrow(/not a 64-bit integer/);
  });

  it('writes int64 beyond 2^53 as the nearest 64-bit integer and bool as 0/1', () => {
    const big = nd.NDArray.fromData(new Float64Array([2 ** 60, -(2 ** 63)]), [2], 'int64');
    const bytes = encodeSafetensors({ big });
    const dv = new DataView(bytes.buffer, bytes.byteOffset + parseSafetensorsHeader(bytes).dataStart);
    expect(dv.getBigInt64(0, true)).toBe(2n ** 60n);
    expect(dv.getBigInt64(8, true)).toBe(-(2n ** 63n));
    expect(() => decodeSafetensors(bytes)).toThrow(/beyond ±\(2\^53 − 1\)/);
    const odd = nd.NDArray.fromData(new Uint8Array([0, 2, 255]), [3], 'bool');
    const got = decodeSafetensors(encodeSafetensors({ odd })).tensors.get('odd')!;
    expect(Array.from(got.data)).toEqual([0, 1, 1]);
  });
});

describe('safetensors: round trips (fast-check, seeded)', () => {
  const dtypes: nd.DType[] = ['float64', 'float32', 'int64', 'int32', 'uint32', 'int8', 'uint8', 'bool'];
  const value = (d: nd.DType): fc.Arbitrary<number> => {
    switch (d) {
      case 'float64':
        return fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 5e-324));
      case 'float32':
        return fc.oneof(fc.float(), fc.constantFrom(NaN, -0, 1e-45));
      case 'int64':
        return fc.oneof(
          fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
          fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
        );
      case 'int32':
        return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
      case 'uint32':
        return fc.integer({ min: 0, max: 2 ** 32 - 1 });
      case 'int8':
        return fc.integer({ min: -128, max: 127 });
      case 'uint8':
        return fc.integer({ min: 0, max: 255 });
      default:
        return fc.integer({ min: 0, max: 1 });
    }
  };
  const array = fc
    .record({
      dtype: fc.constantFrom(...dtypes),
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
    })
    .chain(({ dtype, shape }) => {
      const n = shape.reduce((p, d) => p * d, 1);
      return fc.array(value(dtype), { minLength: n, maxLength: n }).map((values) => {
        const data = nd.zeros([n], { dtype }).data;
        values.forEach((v, i) => (data[i] = v));
        return nd.NDArray.fromData(data, shape, dtype);
      });
    });
  const dict = fc.dictionary(
    fc.string({ unit: 'grapheme', maxLength: 6 }).filter((k) => k !== '__metadata__'),
    array,
    { maxKeys: 6 },
  );
  const meta = fc.option(
    fc.dictionary(
      fc.string({ unit: 'grapheme', maxLength: 5 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      { maxKeys: 4 },
    ),
  );

  it('decode(encode(x)) equals x, bit for bit, and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(dict, meta, (tensors, metadata) => {
        const bytes = encodeSafetensors(tensors, metadata);
        expect(parseSafetensorsHeader(bytes).headerLength % 8).toBe(0);
        for (const copy of [true, false]) {
          const back = decodeSafetensors(bytes, { copy });
          expect(back.metadata).toEqual(metadata);
          expect(back.tensors.size).toBe(Object.keys(tensors).length);
          for (const [k, a] of Object.entries(tensors)) expectSameArray(back.tensors.get(k)!, a);
          expect(encodeSafetensors(back.tensors, back.metadata)).toEqual(bytes);
        }
      }),
      { seed: 20240611, numRuns: 100 },
    );
  });

  it('copy: false shares aligned memory with the input, copy: true never does', () => {
    const bytes = encodeSafetensors({ f: nd.ones([4]), i: nd.ones([3], { dtype: 'int32' }) });
    const viewed = decodeSafetensors(bytes, { copy: false }).tensors.get('f')!;
    const copied = decodeSafetensors(bytes).tensors.get('f')!;
    expect(viewed.data.buffer).toBe(bytes.buffer);
    expect(copied.data.buffer).not.toBe(bytes.buffer);
    bytes.fill(0, parseSafetensorsHeader(bytes).dataStart);
    expect(viewed.sum().item()).toBe(0);
    expect(copied.sum().item()).toBe(4);
  });
});

describe('safetensors: narrow floats widen exactly', () => {
  it('F16', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x0400)).toBe(2 ** -14);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });
  it('F8_E4M3 (E4M3FN) and F8_E5M2', () => {
    expect(e4m3ToFloat(0x7e)).toBe(448);
    expect(e4m3ToFloat(0xfe)).toBe(-448);
    expect(e4m3ToFloat(0x7f)).toBeNaN();
    expect(e4m3ToFloat(0x01)).toBe(2 ** -9);
    expect(e4m3ToFloat(0x38)).toBe(1);
    expect(e5m2ToFloat(0x7b)).toBe(57344);
    expect(e5m2ToFloat(0x7c)).toBe(Infinity);
    expect(e5m2ToFloat(0x01)).toBe(2 ** -16);
    expect(e5m2ToFloat(0x3c)).toBe(1);
  });
});

describe('safetensors: every defect is a FormatError naming the offset', () => {
  const entry = (dtype: string, shape: number[], offsets: [number, number]) => ({
    dtype,
    shape,
    data_offsets: offsets,
  });

  it('a file shorter than the length prefix', () => {
    const e = formatErrorOf(() => decodeSafetensors(new Uint8Array(5)));
    expect(e.offset).toBe(5);
    expect(e.message).toMatch(/expected at least 8 bytes/);
  });

  it('a header length beyond the file or the 100 MB limit', () => {
    const f = makeFile({ a: entry('U8', [1], [0, 1]) }, [1]);
    new DataView(f.buffer).setUint32(0, f.length, true);
    let e = formatErrorOf(() => decodeSafetensors(f));
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/runs past the end of the file/);
    new DataView(f.buffer).setUint32(0, SAFETENSORS_MAX_HEADER_SIZE + 1, true);
    e = formatErrorOf(() => decodeSafetensors(f));
    expect(e.message).toMatch(/larger than the limit of 100000000 bytes/);
    new DataView(f.buffer).setUint32(4, 1, true);
    expect(formatErrorOf(() => decodeSafetensors(f)).offset).toBe(0);
  });

  it('invalid UTF-8 or JSON in the header', () => {
    const f = makeFile('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', [1]);
    f[10] = 0xff;
    let e = formatErrorOf(() => decodeSafetensors(f));
    expect([e.offset, e.message]).toEqual([10, expect.stringMatching(/invalid UTF-8/)]);
    e = formatErrorOf(() => decodeSafetensors(makeFile('{"a":}')));
    expect([e.offset, e.message]).toEqual([13, expect.stringMatching(/expected a value, found '}'/)]);
    e = formatErrorOf(() => decodeSafetensors(makeFile('[]')));
    expect([e.offset, e.message]).toEqual([
      8,
      expect.stringMatching(/expected a JSON object, found an array/),
    ]);
    e = formatErrorOf(() => decodeSafetensors(makeFile('{} x')));
    expect(e.offset).toBe(11);
    e = formatErrorOf(() => decodeSafetensors(makeFile('[[[[[[[[[[[[[[[[[[[[')));
    expect(e.message).toMatch(/nesting deeper than 8 levels/);
  });

  it('duplicate keys (which the reference and JSON.parse would let the last win)', () => {
    const text =
      '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}';
    const e = formatErrorOf(() => decodeSafetensors(makeFile(text, [1])));
    expect(e.offset).toBe(8 + text.lastIndexOf('"a"'));
    expect(e.message).toMatch(/duplicate key "a" \(first at byte offset 9\)/);
  });

  it('unknown or unsupported dtypes, fields and value types', () => {
    let e = formatErrorOf(() => decodeSafetensors(makeFile({ a: entry('Q4', [1], [0, 1]) }, [1])));
    expect(e.message).toMatch(/unknown dtype "Q4"; expected one of BOOL, F4, .*U64/);
    expect(e.offset).toBe(8 + '{"a":{"dtype":'.length);
    const f4 = makeFile({ a: entry('F4', [2], [0, 1]) }, [1]);
    expect(parseSafetensorsHeader(f4).tensors[0].dtype).toBe('F4');
    e = formatErrorOf(() => decodeSafetensors(f4));
    expect(e.message).toMatch(/dtype F4, which mlseries cannot load/);
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile({ a: { ...entry('U8', [1], [0, 1]), extra: 1 } }, [1])),
    );
    expect(e.message).toMatch(/unexpected field "extra"/);
    e = formatErrorOf(() => decodeSafetensors(makeFile({ a: { dtype: 'U8', shape: [1] } }, [1])));
    expect(e.message).toMatch(/missing field "data_offsets"/);
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile('{"a":{"dtype":"U8","shape":[1.0],"data_offsets":[0,1]}}', [1])),
    );
    expect(e.message).toMatch(/"shape": expected a non-negative integer, found a number/);
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile('{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}', [1])),
    );
    expect(e.message).toMatch(/non-negative integer/);
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile({ a: entry('U8', [1], [0, 1]), __metadata__: { k: 1 } }, [1])),
    );
    expect(e.message).toMatch(/"__metadata__" values must be strings; "k" is a number/);
    e = formatErrorOf(() => decodeSafetensors(makeFile({ a: 'x' })));
    expect(e.message).toMatch(/tensor "a": expected an object/);
  });

  it('offsets that leave gaps, overlap, run backwards or disagree with shape × dtype', () => {
    let e = formatErrorOf(() => decodeSafetensors(makeFile({ a: entry('U8', [1], [1, 2]) }, [0, 0])));
    expect(e.message).toMatch(/leave a gap; expected it to begin at 0/);
    expect(e.offset).toBe(8 + '{"a":{"dtype":"U8","shape":[1],"data_offsets":'.length);
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile({ a: entry('U8', [2], [0, 2]), b: entry('U8', [2], [1, 3]) }, [0, 0, 0])),
    );
    expect(e.message).toMatch(
      /tensor "b": data_offsets \[1, 3\] overlap the previous tensor; expected it to begin at 2/,
    );
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile({ a: entry('U8', [0], [0, 0]), b: entry('U8', [0], [3, 1]) }, [])),
    );
    expect(e.message).toMatch(/leave a gap/);
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile({ a: entry('F32', [2, 3], [0, 20]) }, new Array(20).fill(0))),
    );
    expect(e.message).toMatch(/F32 \(2,3\) needs 24 bytes but data_offsets \[0, 20\] hold 20/);
    e = formatErrorOf(() =>
      decodeSafetensors(makeFile({ a: entry('U8', [2 ** 30, 2 ** 30, 2 ** 30], [0, 0]) })),
    );
    expect(e.message).toMatch(/more than 2\^53 − 1 elements/);
  });

  it('a truncated data section or trailing bytes', () => {
    const good = encodeSafetensors({ w: nd.ones([4], { dtype: 'float32' }) });
    let e = formatErrorOf(() => decodeSafetensors(good.subarray(0, good.length - 1)));
    expect(e.offset).toBe(good.length - 1);
    expect(e.message).toMatch(/describes 16 bytes of tensor data but only 15 follow/);
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    e = formatErrorOf(() => decodeSafetensors(longer));
    expect(e.offset).toBe(good.length);
    expect(e.message).toMatch(/3 unexpected bytes after the last tensor's data/);
  });

  it('accepts what the reference accepts: unpadded headers, any key order, null metadata, empty tensors', () => {
    const f = makeFile(
      { __metadata__: null, b: entry('U8', [0, 5], [2, 2]), a: entry('I8', [2], [0, 2]) },
      [255, 1],
    );
    const { tensors, metadata } = decodeSafetensors(f);
    expect(metadata).toBeNull();
    expect([...tensors.keys()]).toEqual(['a', 'b']);
    expect(Array.from(tensors.get('a')!.data)).toEqual([-1, 1]);
    expect([...tensors.get('b')!.shape]).toEqual([0, 5]);
    const proto = decodeSafetensors(makeFile('{"__metadata__":{"__proto__":"x"}}')).metadata!;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(proto['__proto__']).toBe('x');
  });
});
