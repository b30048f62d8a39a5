import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FormatError } from '../../src/nd/index.js';
import { invalidUtf8At, parseJsonBytes, type JsonNode } from '../../src/io/json.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The plain JS value of a node, as JSON.parse would give it. */
function plain(n: JsonNode): unknown {
  switch (n.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const e of n.entries)
        Object.defineProperty(o, e.key, {
          value: plain(e.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return o;
    }
    case 'array':
      return n.items.map(plain);
    case 'null':
      return null;
    default:
      return n.value;
  }
}

function errorAt(text: string | Uint8Array): FormatError {
  try {
    parseJsonBytes(typeof text === 'string' ? utf8(text) : text, { what: 'test' });
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('strict JSON reader', () => {
  it('agrees with JSON.parse on every JSON document (fast-check, seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, ' \t\n'), (v, space) => {
        const text = JSON.stringify(v, null, space);
        expect(plain(parseJsonBytes(utf8(text)))).toEqual(JSON.parse(text));
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('records byte offsets, counting UTF-8 bytes', () => {
    const root = parseJsonBytes(utf8('{"é":[1, "x"]}'), { base: 8 });
    if (root.kind !== 'object') throw new Error('object expected');
    expect(root.offset).toBe(8);
    expect(root.entries[0].keyOffset).toBe(9);
    const arr = root.entries[0].value;
    expect(arr.offset).toBe(8 + 6);
    if (arr.kind !== 'array') throw new Error('array expected');
    expect(arr.items.map((i) => i.offset)).toEqual([15, 18]);
  });

  it('decodes escapes and surrogate pairs, marks integers', () => {
    const n = parseJsonBytes(utf8('["\\u00e9\\ud83d\\ude00\\n\\/", 12, 1.0, 1e2, -0]'));
    expect(plain(n)).toEqual(['é😀\n/', 12, 1, 100, -0]);
    if (n.kind !== 'array') throw new Error('array expected');
    expect(n.items.slice(1).map((i) => i.kind === 'number' && i.integer)).toEqual([true, false, false, true]);
  });

  it('refuses what JSON.parse lets through or what is not JSON, at the right byte', () => {
    expect(errorAt('{"a":1,"a":2}').offset).toBe(7);
    expect(errorAt('{"a":1,"a":2}').message).toMatch(/duplicate key "a" \(first at byte offset 1\)/);
    expect(errorAt('"\\ud800"').message).toMatch(/lone leading surrogate/);
    expect(errorAt('"\\udc00"').message).toMatch(/lone trailing surrogate/);
    expect(errorAt('"a\nb"').offset).toBe(2);
    expect(errorAt('01').offset).toBe(1);
    expect(errorAt('[1,]').message).toMatch(/expected a value, found ']'/);
    expect(errorAt("{'a':1}").message).toMatch(/expected a string key/);
    expect(errorAt('tru').message).toMatch(/expected 'true'/);
    expect(errorAt('"abc').message).toMatch(/unterminated string/);
    expect(errorAt('"\\x"').message).toMatch(/invalid escape/);
    expect(errorAt('NaN').offset).toBe(0);
    expect(errorAt('1 2').message).toMatch(/expected the end of the document, found '2'/);
    expect(errorAt('').message).toMatch(/found the end of the data/);
    expect(plain(parseJsonBytes(utf8('[[[1]]]'), { maxDepth: 3 }))).toEqual([[[1]]]);
    expect(() => parseJsonBytes(utf8('[[[1]]]'), { maxDepth: 2 })).toThrow(/nesting deeper than 2 levels/);
  });

  it('validates UTF-8 exactly (overlong forms, surrogates, beyond U+10FFFF, truncated sequences)', () => {
    expect(invalidUtf8At(utf8('aé😀€'))).toBe(-1);
    expect(invalidUtf8At(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(invalidUtf8At(new Uint8Array([0xe0, 0x80, 0x80]))).toBe(0); // overlong 3-byte
    expect(invalidUtf8At(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // U+D800
    expect(invalidUtf8At(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // U+110000
    expect(invalidUtf8At(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1); // truncated
    expect(invalidUtf8At(new Uint8Array([0x80]))).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          valid = false;
        }
        expect(invalidUtf8At(b) === -1).toBe(valid);
      }),
      { seed: 13, numRuns: 2000 },
    );
  });
});
