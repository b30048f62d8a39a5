/**
 * A parser for the small subset of Python literals that a `.npy` header holds:
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
 *
 * NumPy reads the header with `ast.literal_eval`; we accept the same shapes of values — dicts,
 * tuples, lists, strings, integers (Python 2's `3L` too), True, False, None — and nothing else, so
 * a header can never execute or allocate more than its own length. Every error names the byte
 * offset of the offending character in the file.
 */
import { FormatError } from '../errors.js';

/** A parsed Python literal. Integers stay bigints so that an absurd shape is seen, not rounded. */
export type PyValue =
  | { kind: 'str'; value: string; at: number }
  | { kind: 'int'; value: bigint; at: number }
  | { kind: 'bool'; value: boolean; at: number }
  | { kind: 'none'; at: number }
  | { kind: 'tuple' | 'list'; items: PyValue[]; at: number }
  | { kind: 'dict'; entries: [PyValue, PyValue][]; at: number };

// Deep nesting is never needed in a header; the limit keeps recursion far from the stack's end.
const MAX_DEPTH = 32;

/** Python's repr of a parsed value (for error messages that quote the header as NumPy does). */
export function pyRepr(v: PyValue): string {
  switch (v.kind) {
    case 'str':
      return `'${v.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'int':
      return v.value.toString();
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'tuple':
      return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
    case 'list':
      return `[${v.items.map(pyRepr).join(', ')}]`;
    case 'dict':
      return `{${v.entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  }
}

/**
 * Parses `text` as one Python literal followed only by whitespace. `byteOffset(i)` maps a
 * character index of `text` to a byte offset in the file, for error messages.
 */
export function parsePyLiteral(text: string, byteOffset: (i: number) => number, what: string): PyValue {
  let pos = 0;
  const fail = (expected: string, at = pos): never => {
    const got = at < text.length ? JSON.stringify(text.slice(at, at + 12)) : 'end of header';
    throw new FormatError(`${what}: cannot parse header: expected ${expected}, got ${got}`, byteOffset(at));
  };
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\n\r\f\v'.includes(text[pos])) pos++;
  };

  const parseString = (): PyValue => {
    const at = pos;
    const quote = text[pos++];
    let out = '';
    while (true) {
      if (pos >= text.length || text[pos] === '\n') fail(`a closing ${quote} for the string`, at);
      const c = text[pos++];
      if (c === quote) break;
      if (c !== '\\') {
        out += c;
        continue;
      }
      if (pos >= text.length) fail('an escaped character');
      const e = text[pos++];
      const simple: Record<string, string> = {
        '\\': '\\',
        "'": "'",
        '"': '"',
        n: '\n',
        t: '\t',
        r: '\r',
        '0': '\0',
      };
      if (e in simple) out += simple[e];
      else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(pos, pos + 2))) {
        out += String.fromCharCode(parseInt(text.slice(pos, pos + 2), 16));
        pos += 2;
      } else fail('a valid escape sequence', pos - 2);
    }
    return { kind: 'str', value: out, at };
  };

  const parseNumber = (): PyValue => {
    const at = pos;
    const m = /^[+-]?[0-9]+/.exec(text.slice(pos, pos + 400));
    if (m === null) return fail('a value');
    pos += m[0].length;
    if (text[pos] === 'L' || text[pos] === 'l') pos++; // Python 2 long, as in old NumPy headers
    if (pos < text.length && /[0-9A-Za-z_.]/.test(text[pos]))
      fail('an integer (only integers may appear here)');
    return { kind: 'int', value: BigInt(m[0]), at };
  };

  // Returns the items and whether a comma followed the last one (`(5,)` is a tuple, `(5)` is 5).
  const parseSeq = (close: string, depth: number): [PyValue[], boolean] => {
    const items: PyValue[] = [];
    skipSpace();
    if (text[pos] === close) {
      pos++;
      return [items, false];
    }
    while (true) {
      items.push(parseValue(depth + 1));
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        skipSpace();
        if (text[pos] === close) {
          pos++;
          return [items, true];
        }
        continue;
      }
      if (text[pos] === close) {
        pos++;
        return [items, false];
      }
      fail(`',' or '${close}'`);
    }
  };

  const parseValue = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail(`at most ${MAX_DEPTH} nested brackets`);
    skipSpace();
    const at = pos;
    const c = text[pos];
    if (c === undefined) return fail('a value');
    if (c === "'" || c === '"') return parseString();
    if (c === '(') {
      pos++;
      const [items, trailingComma] = parseSeq(')', depth);
      if (items.length === 1 && !trailingComma) return items[0];
      return { kind: 'tuple', items, at };
    }
    if (c === '[') {
      pos++;
      return { kind: 'list', items: parseSeq(']', depth)[0], at };
    }
    if (c === '{') {
      pos++;
      const entries: [PyValue, PyValue][] = [];
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'dict', entries, at };
      }
      while (true) {
        const key = parseValue(depth + 1);
        skipSpace();
        if (text[pos] !== ':') fail("':' after a dict key");
        pos++;
        entries.push([key, parseValue(depth + 1)]);
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          skipSpace();
          if (text[pos] === '}') {
            pos++;
            return { kind: 'dict', entries, at };
          }
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { kind: 'dict', entries, at };
        }
        fail("',' or '}' in the dict");
      }
    }
    for (const [word, v] of [
      ['True', true],
      ['False', false],
    ] as const) {
      if (text.startsWith(word, pos) && !/[0-9A-Za-z_]/.test(text[pos + word.length] ?? '')) {
        pos += word.length;
        return { kind: 'bool', value: v, at };
      }
    }
    if (text.startsWith('None', pos) && !/[0-9A-Za-z_]/.test(text[pos + 4] ?? '')) {
      pos += 4;
      return { kind: 'none', at };
    }
    return parseNumber();
  };

  const value = parseValue(0);
  skipSpace();
  if (pos < text.length) fail('only whitespace after the header dict');
  return value;
}
