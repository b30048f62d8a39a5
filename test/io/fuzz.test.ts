// Damaged files: every truncation and random byte flips (seeded) must give either a valid decode
// or a FormatError — never another exception, a hang or an array that disagrees with its header.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nd from '../../src/nd/index.js';
import { FormatError } from '../../src/nd/index.js';
import {
  decodeCheckpoint,
  decodeSafetensors,
  encodeCheckpoint,
  parseSafetensorsHeader,
} from '../../src/io/index.js';
import { parseJsonBytes } from '../../src/io/json.js';
import { fixture } from './helpers.js';

const files: Record<string, Uint8Array> = {
  all_dtypes: fixture('all_dtypes.safetensors'),
  widened: fixture('widened.safetensors'),
  unpadded: fixture('unpadded_unordered.safetensors'),
};
const checkpoint = encodeCheckpoint({
  model: {
    'fc.weight': nd.ones([3, 4], { dtype: 'float32' }),
    'fc.bias': nd.zeros([4], { dtype: 'float32' }),
  },
  optimizer: {
    state: { 0: { step: 1, exp_avg: nd.ones([3, 4], { dtype: 'float32' }) } },
    paramGroups: [{ lr: 0.1, params: [0] }],
  },
  epoch: 1,
  step: 2,
  rng: { state: '12', inc: '34' },
  extra: { best: Infinity },
});

/** Decodes; returns 'ok' or 'format' and fails the test on any other outcome. */
function outcome(bytes: Uint8Array, decode: (b: Uint8Array) => unknown = decodeSafetensors): 'ok' | 'format' {
  let result: unknown;
  try {
    result = decode(bytes);
  } catch (e) {
    if (e instanceof FormatError) return 'format';
    throw e;
  }
  if (decode === decodeSafetensors) {
    // a successful decode must be self-consistent: every array fills its shape
    const { tensors } = result as ReturnType<typeof decodeSafetensors>;
    for (const a of tensors.values()) expect(a.data.length).toBeGreaterThanOrEqual(a.size);
  }
  return 'ok';
}

describe('fuzz: truncation at every byte position', () => {
  for (const [name, bytes] of Object.entries({ ...files, checkpoint })) {
    it(`${name} (${bytes.length} prefixes) — each a FormatError`, () => {
      const decode = name === 'checkpoint' ? decodeCheckpoint : decodeSafetensors;
      expect(outcome(bytes, decode)).toBe('ok');
      const t0 = performance.now();
      for (let n = 0; n < bytes.length; n++) expect(outcome(bytes.subarray(0, n), decode)).toBe('format');
      expect(performance.now() - t0).toBeLessThan(5000);
    });
  }
});

describe('fuzz: random byte flips (fast-check, seeded)', () => {
  const flips = (len: number, headerEnd: number) =>
    fc.array(
      fc.record({
        // two thirds of the flips land in the length prefix or the header, where they do most harm
        at: fc.oneof(
          { weight: 2, arbitrary: fc.integer({ min: 0, max: headerEnd - 1 }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: len - 1 }) },
        ),
        xor: fc.integer({ min: 1, max: 255 }),
      }),
      { minLength: 1, maxLength: 4 },
    );

  for (const [name, bytes] of Object.entries(files)) {
    it(`${name}: 1–4 flipped bytes decode or give a FormatError`, () => {
      const headerEnd = parseSafetensorsHeader(bytes).dataStart;
      const seen = { ok: 0, format: 0 };
      let slowest = 0;
      fc.assert(
        fc.property(flips(bytes.length, headerEnd), (fl) => {
          const b = bytes.slice();
          for (const { at, xor } of fl) b[at] ^= xor;
          const t0 = performance.now();
          seen[outcome(b)]++;
          slowest = Math.max(slowest, performance.now() - t0);
        }),
        { seed: 7 + bytes.length, numRuns: 1000 },
      );
      expect(seen.format).toBeGreaterThan(100);
      expect(seen.ok).toBeGreaterThan(10);
      expect(slowest).toBeLessThan(250);
    });
  }

  it('checkpoint: a flip anywhere is a FormatError or a valid decode; in the data, always a FormatError (CRC-32)', () => {
    const dataStart = parseSafetensorsHeader(checkpoint).dataStart;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: checkpoint.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, xor) => {
          const b = checkpoint.slice();
          b[at] ^= xor;
          const r = outcome(b, decodeCheckpoint);
          if (at >= dataStart) expect(r).toBe('format');
        },
      ),
      { seed: 99, numRuns: 1000 },
    );
  });

  it('random headers: arbitrary JSON after a valid length prefix', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.uint8Array({ maxLength: 16 }), (header, data) => {
        const text = new TextEncoder().encode(JSON.stringify(header));
        const b = new Uint8Array(8 + text.length + data.length);
        new DataView(b.buffer).setUint32(0, text.length, true);
        b.set(text, 8);
        b.set(data, 8 + text.length);
        outcome(b);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });

  it('random bytes through the JSON reader: a tree or a FormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          parseJsonBytes(b);
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
        }
      }),
      { seed: 5, numRuns: 3000 },
    );
  });

  it('hostile sizes fail fast, before any allocation', () => {
    const t0 = performance.now();
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setUint32(0, 99_999_999, true); // a header length that the file lacks
    expect(outcome(huge)).toBe('format');
    const deep = new TextEncoder().encode(`${'['.repeat(100000)}`);
    const f = new Uint8Array(8 + deep.length);
    new DataView(f.buffer).setUint32(0, deep.length, true);
    f.set(deep, 8);
    expect(outcome(f)).toBe('format');
    const shape = `{"a":{"dtype":"F64","shape":[${'4294967296,'.repeat(3)}0],"data_offsets":[0,0]}}`;
    const g = new TextEncoder().encode(shape);
    const h = new Uint8Array(8 + g.length);
    new DataView(h.buffer).setUint32(0, g.length, true);
    h.set(g, 8);
    expect(outcome(h)).toBe('format');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
