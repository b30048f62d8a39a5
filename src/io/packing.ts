/**
 * Packs a JSON-like value that may hold NDArrays (an optimiser's state dict, an RNG state, user
 * extras) into plain JSON plus a list of named arrays, and back — so that checkpoints can keep
 * the JSON in safetensors metadata and the arrays as tensors.
 *
 * Plain JSON passes through unchanged. What JSON cannot say becomes a one-key tagged object:
 *
 *   {"$nd": "optim.state.0.exp_avg"}   an NDArray (or a tensor's `.data`), stored under that name
 *   {"$num": "NaN"}                    NaN, Infinity, -Infinity, -0 (JSON.stringify would lose them)
 *   {"$bigint": "1234"}                a bigint
 *   {"$map": [[key, value], …]}        a Map (keys and values packed the same way)
 *   {"$obj": {…}}                      an object that itself has exactly one key starting with '$',
 *                                      escaped so that it cannot be taken for a tag
 *
 * Array names are the prefix plus the path of keys joined by '.', e.g. `optim.state.0.exp_avg`
 * (made unique with `~2`, `~3` … if two paths collide). `undefined` object members are dropped, as
 * JSON.stringify drops them; functions, symbols, typed arrays, class instances other than Map and
 * cycles are refused with a ValueError naming the path.
 */
import type { NDArray } from '../nd/ndarray.js';
import { FormatError, ValueError } from '../nd/errors.js';
import { asNDArray, defineEntry, describeValue } from './statedict.js';

/** A plain JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TAGS = new Set(['$nd', '$num', '$bigint', '$map', '$obj']);

function isPlainObject(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function pathText(path: readonly string[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/**
 * Packs `value` into plain JSON; NDArrays inside are added to `arrays` under
 * `prefix + path` and replaced by `{"$nd": name}`.
 */
export function packValue(value: unknown, prefix: string, arrays: Map<string, NDArray>, what: string): Json {
  const active = new Set<object>();
  const nameFor = (path: readonly string[]): string => {
    const base = prefix + path.join('.');
    let name = base;
    for (let k = 2; arrays.has(name); k++) name = `${base}~${k}`;
    return name;
  };
  const pack = (v: unknown, path: string[]): Json => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') {
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      return { $num: Object.is(v, -0) ? '-0' : String(v) };
    }
    if (typeof v === 'bigint') return { $bigint: v.toString() };
    if (typeof v !== 'object') {
      throw new ValueError(
        `${what}: cannot store ${describeValue(v)} at ${pathText(path)}; expected JSON values and NDArrays`,
      );
    }
    const a = asNDArray(v);
    if (a !== null) {
      const name = nameFor(path);
      arrays.set(name, a);
      return { $nd: name };
    }
    if (active.has(v))
      throw new ValueError(`${what}: the value at ${pathText(path)} contains itself (a cycle)`);
    active.add(v);
    let out: Json;
    if (Array.isArray(v)) {
      out = v.map((item, i) => {
        if (item === undefined) {
          throw new ValueError(
            `${what}: undefined at ${pathText([...path, String(i)])}; JSON arrays cannot hold it`,
          );
        }
        return pack(item, [...path, String(i)]);
      });
    } else if (v instanceof Map) {
      out = {
        $map: [...v.entries()].map(([k, item]) => {
          const key = typeof k === 'string' || typeof k === 'number' ? String(k) : 'key';
          return [pack(k, [...path, key, 'key']), pack(item, [...path, key])];
        }),
      };
    } else if (isPlainObject(v)) {
      const obj: Record<string, Json> = {};
      const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
      for (const k of keys) defineEntry(obj, k, pack((v as Record<string, unknown>)[k], [...path, k]));
      out = keys.length === 1 && keys[0].startsWith('$') ? { $obj: obj } : obj;
    } else {
      throw new ValueError(
        `${what}: cannot store ${describeValue(v)} at ${pathText(path)}; expected JSON values, Maps and NDArrays ` +
          '(wrap typed arrays with nd.array)',
      );
    }
    active.delete(v);
    return out;
  };
  return pack(value, []);
}

/**
 * The inverse of {@link packValue}: rebuilds the value, taking arrays from `arrays` and
 * recording each name it used in `used`. Throws FormatError for a malformed tag or a missing array.
 */
export function unpackValue(
  json: unknown,
  arrays: ReadonlyMap<string, NDArray>,
  used: Set<string>,
  what: string,
): unknown {
  const unpack = (v: unknown, path: string): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((item, i) => unpack(item, `${path}.${i}`));
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && TAGS.has(keys[0])) {
      const tag = keys[0];
      const x = obj[tag];
      const bad = (expected: string): never => {
        throw new FormatError(`${what}: malformed ${tag} at ${path}; expected ${expected}`);
      };
      switch (tag) {
        case '$nd': {
          if (typeof x !== 'string') return bad('an array name');
          const a = arrays.get(x);
          if (a === undefined)
            throw new FormatError(
              `${what}: ${path} refers to the array ${JSON.stringify(x)}, which the file lacks`,
            );
          used.add(x);
          return a;
        }
        case '$num':
          if (x === '-0') return -0;
          if (x === 'NaN' || x === 'Infinity' || x === '-Infinity') return Number(x);
          return bad('"NaN", "Infinity", "-Infinity" or "-0"');
        case '$bigint':
          if (typeof x !== 'string' || !/^-?\d+$/.test(x)) return bad('a decimal integer string');
          return BigInt(x);
        case '$map': {
          if (!Array.isArray(x)) return bad('a list of [key, value] pairs');
          const m = new Map<unknown, unknown>();
          x.forEach((pair: unknown, i) => {
            if (!Array.isArray(pair) || pair.length !== 2) bad('a list of [key, value] pairs');
            const [k, item] = pair as [unknown, unknown];
            m.set(unpack(k, `${path}.${i}.key`), unpack(item, `${path}.${i}`));
          });
          return m;
        }
        default: {
          if (x === null || typeof x !== 'object' || Array.isArray(x)) return bad('an object');
          return unpackObject(x as Record<string, unknown>, path);
        }
      }
    }
    return unpackObject(obj, path);
  };
  const unpackObject = (obj: Record<string, unknown>, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj)) defineEntry(out, k, unpack(obj[k], `${path}.${k}`));
    return out;
  };
  return unpack(json, '(root)');
}
