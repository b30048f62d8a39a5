/**
 * A strict JSON reader over UTF-8 bytes that remembers where every value starts, for file headers
 * whose errors must name a byte offset (safetensors).
 *
 * It accepts exactly RFC 8259 JSON and rejects what `JSON.parse` lets through silently: duplicate
 * keys (JSON.parse keeps the last), invalid UTF-8, lone surrogate escapes (`"\ud800"`, which
 * Rust's serde_json refuses too) and nesting deeper than `maxDepth` (so a hostile `[[[[…` cannot
 * overflow the stack). Every error is a FormatError at the offending byte.
 */
import { FormatError } from '../nd/errors.js';

/** A parsed JSON value with the byte offset where it starts. */
export type JsonNode =
  | { kind: 'object'; offset: number; entries: JsonEntry[] }
  | { kind: 'array'; offset: number; items: JsonNode[] }
  | { kind: 'string'; offset: number; value: string }
  | { kind: 'number'; offset: number; value: number; /** no fraction or exponent */ integer: boolean }
  | { kind: 'bool'; offset: number; value: boolean }
  | { kind: 'null'; offset: number };

/** One `"key": value` member of an object, in file order. */
export interface JsonEntry {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

export interface JsonReadOptions {
  /** Added to every offset, e.g. 8 when the JSON starts at byte 8 of a file. Default 0. */
  base?: number;
  /** Deepest nesting of arrays and objects accepted. Default 64. */
  maxDepth?: number;
  /** Names the document in error messages. Default 'JSON'. */
  what?: string;
}

/**
 * The position of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
 * code points above U+10FFFF are invalid), or -1 when all of `b` is valid.
 */
export function invalidUtf8At(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong 3-byte forms
      if (c === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90; // no overlong 4-byte forms
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (i + k >= n || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');

function show(b: Uint8Array, i: number): string {
  if (i >= b.length) return 'the end of the data';
  const c = b[i];
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/**
 * Parses `bytes` as one JSON document (surrounding whitespace allowed) into a {@link JsonNode}
 * tree. Throws FormatError naming the byte offset and what was expected.
 */
export function parseJsonBytes(bytes: Uint8Array, opts: JsonReadOptions = {}): JsonNode {
  const base = opts.base ?? 0;
  const maxDepth = opts.maxDepth ?? 64;
  const what = opts.what ?? 'JSON';
  const b = bytes;
  const n = b.length;
  let i = 0;

  const fail = (msg: string, at: number): never => {
    throw new FormatError(`${what}: ${msg}`, base + at);
  };
  const bad = invalidUtf8At(b);
  if (bad >= 0) fail('invalid UTF-8', bad);

  const skipWs = (): void => {
    while (i < n) {
      const c = b[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
  };

  const hex4 = (at: number): number => {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = b[at + k];
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
      else return fail('expected 4 hex digits after \\u', at + k);
      v = v * 16 + d;
    }
    return v;
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let seg = i;
    while (true) {
      if (i >= n) fail('unterminated string', start);
      const c = b[i];
      if (c === 0x22) {
        out += utf8.decode(b.subarray(seg, i));
        i++;
        return out;
      }
      if (c < 0x20) fail(`control character ${show(b, i)} in a string; expected it escaped`, i);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += utf8.decode(b.subarray(seg, i));
      const e = b[i + 1];
      switch (e) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += '\\';
          break;
        case 0x2f:
          out += '/';
          break;
        case 0x62:
          out += '\b';
          break;
        case 0x66:
          out += '\f';
          break;
        case 0x6e:
          out += '\n';
          break;
        case 0x72:
          out += '\r';
          break;
        case 0x74:
          out += '\t';
          break;
        case 0x75: {
          const u = hex4(i + 2);
          if (u >= 0xdc00 && u <= 0xdfff) fail('lone trailing surrogate in a \\u escape', i);
          if (u >= 0xd800 && u <= 0xdbff) {
            // a leading surrogate must be followed by an escaped trailing one
            if (b[i + 6] !== 0x5c || b[i + 7] !== 0x75) fail('lone leading surrogate in a \\u escape', i);
            const v = hex4(i + 8);
            if (v < 0xdc00 || v > 0xdfff) fail('lone leading surrogate in a \\u escape', i);
            out += String.fromCharCode(u, v);
            i += 6;
          } else out += String.fromCharCode(u);
          i += 4;
          break;
        }
        default:
          fail(`invalid escape \\${i + 1 < n ? String.fromCharCode(e) : ''} in a string`, i);
      }
      i += 2;
      seg = i;
    }
  };

  const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

  const parseNumber = (): JsonNode => {
    const start = i;
    if (b[i] === 0x2d) i++;
    if (b[i] === 0x30) i++;
    else if (b[i] >= 0x31 && b[i] <= 0x39) while (isDigit(b[i])) i++;
    else fail(`expected a digit, found ${show(b, i)}`, i);
    let integer = true;
    if (b[i] === 0x2e) {
      integer = false;
      i++;
      if (!isDigit(b[i])) fail(`expected a digit after '.', found ${show(b, i)}`, i);
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      integer = false;
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (!isDigit(b[i])) fail(`expected a digit in the exponent, found ${show(b, i)}`, i);
      while (isDigit(b[i])) i++;
    }
    let text = '';
    for (let k = start; k < i; k++) text += String.fromCharCode(b[k]);
    return { kind: 'number', offset: base + start, value: Number(text), integer };
  };

  const literal = (word: string, node: JsonNode): JsonNode => {
    for (let k = 0; k < word.length; k++) {
      if (b[i + k] !== word.charCodeAt(k)) fail(`expected '${word}'`, i);
    }
    i += word.length;
    return node;
  };

  const parseValue = (depth: number): JsonNode => {
    skipWs();
    if (i >= n) return fail('expected a value, found the end of the data', i);
    const c = b[i];
    const at = i;
    if (c === 0x7b || c === 0x5b) {
      if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth} levels`, i);
      i++;
      skipWs();
      if (c === 0x5b) {
        const items: JsonNode[] = [];
        if (b[i] === 0x5d) {
          i++;
          return { kind: 'array', offset: base + at, items };
        }
        while (true) {
          items.push(parseValue(depth + 1));
          skipWs();
          if (b[i] === 0x2c) i++;
          else if (b[i] === 0x5d) {
            i++;
            return { kind: 'array', offset: base + at, items };
          } else fail(`expected ',' or ']' in an array, found ${show(b, i)}`, i);
        }
      }
      const entries: JsonEntry[] = [];
      const seen = new Map<string, number>();
      if (b[i] === 0x7d) {
        i++;
        return { kind: 'object', offset: base + at, entries };
      }
      while (true) {
        skipWs();
        if (b[i] !== 0x22) fail(`expected a string key in an object, found ${show(b, i)}`, i);
        const keyAt = i;
        const key = parseString();
        const first = seen.get(key);
        if (first !== undefined) {
          fail(`duplicate key ${JSON.stringify(key)} (first at byte offset ${base + first})`, keyAt);
        }
        seen.set(key, keyAt);
        skipWs();
        if (b[i] !== 0x3a) fail(`expected ':' after an object key, found ${show(b, i)}`, i);
        i++;
        const value = parseValue(depth + 1);
        entries.push({ key, keyOffset: base + keyAt, value });
        skipWs();
        if (b[i] === 0x2c) i++;
        else if (b[i] === 0x7d) {
          i++;
          return { kind: 'object', offset: base + at, entries };
        } else fail(`expected ',' or '}' in an object, found ${show(b, i)}`, i);
      }
    }
    if (c === 0x22) return { kind: 'string', offset: base + at, value: parseString() };
    if (c === 0x2d || isDigit(c)) return parseNumber();
    if (c === 0x74) return literal('true', { kind: 'bool', offset: base + at, value: true });
    if (c === 0x66) return literal('false', { kind: 'bool', offset: base + at, value: false });
    if (c === 0x6e) return literal('null', { kind: 'null', offset: base + at });
    return fail(`expected a value, found ${show(b, i)}`, i);
  };

  const root = parseValue(0);
  skipWs();
  if (i < n) fail(`expected the end of the document, found ${show(b, i)}`, i);
  return root;
}

/** A JSON kind in words, for error messages ('an object', 'a string' …). */
export function jsonKind(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'bool':
      return 'a boolean';
    default:
      return 'null';
  }
}
