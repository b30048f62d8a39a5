/**
 * What the writers accept as "a bag of named arrays": a plain object, a Map or a list of
 * `[name, value]` pairs, whose values are NDArrays or tensors (anything with a `.data: NDArray`,
 * such as autograd's Tensor or an nn Parameter). `nn.Module.stateDict()` returns one of these.
 */
import { NDArray } from '../nd/ndarray.js';
import { ValueError } from '../nd/errors.js';

/** An NDArray, or a tensor that holds its values in `.data`. */
export type ArrayOrTensor = NDArray | { readonly data: NDArray };

/** Named arrays: `{ 'fc.weight': w }`, `new Map([['fc.weight', w]])` or `[['fc.weight', w]]`. */
export type StateDict =
  | Readonly<Record<string, ArrayOrTensor>>
  | ReadonlyMap<string, ArrayOrTensor>
  | Iterable<readonly [string, ArrayOrTensor]>;

/** Named strings (safetensors `__metadata__`): a plain object or a Map. */
export type StringMap = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

/** The NDArray behind `v`, or null when `v` is neither an NDArray nor a tensor with `.data`. */
export function asNDArray(v: unknown): NDArray | null {
  if (v instanceof NDArray) return v;
  if (v !== null && typeof v === 'object' && 'data' in v) {
    const d = (v as { data: unknown }).data;
    if (d instanceof NDArray) return d;
  }
  return null;
}

/** A short description of a JS value for error messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an Array';
  if (typeof v === 'object') return `an object of class ${v.constructor?.name ?? 'null-prototype'}`;
  return `a ${typeof v}`;
}

/**
 * The `[name, NDArray]` pairs of `dict` in its own order. `what` names the caller in errors.
 * Throws ValueError for a value that is not an array or a tensor, or for a repeated name.
 */
export function stateDictEntries(dict: StateDict, what: string): [string, NDArray][] {
  let pairs: Iterable<readonly [unknown, unknown]>;
  if (dict instanceof Map) pairs = dict.entries();
  else if (dict !== null && typeof dict === 'object' && Symbol.iterator in dict) {
    pairs = dict as Iterable<readonly [unknown, unknown]>;
  } else if (dict !== null && typeof dict === 'object') pairs = Object.entries(dict);
  else throw new ValueError(`${what}: expected an object or Map of named arrays, got ${describeValue(dict)}`);
  const out: [string, NDArray][] = [];
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new ValueError(`${what}: expected [name, array] pairs, got ${describeValue(pair)}`);
    }
    const [name, value] = pair as [unknown, unknown];
    if (typeof name !== 'string') {
      throw new ValueError(`${what}: array names must be strings, got ${describeValue(name)}`);
    }
    if (seen.has(name)) throw new ValueError(`${what}: the name ${JSON.stringify(name)} appears twice`);
    seen.add(name);
    const a = asNDArray(value);
    if (a === null) {
      throw new ValueError(
        `${what}: ${JSON.stringify(name)} is ${describeValue(value)}; expected an NDArray or a tensor with .data`,
      );
    }
    out.push([name, a]);
  }
  return out;
}

/** The `[key, value]` pairs of a string map, checking that every value is a string. */
export function stringMapEntries(m: StringMap, what: string): [string, string][] {
  const pairs = m instanceof Map ? [...m.entries()] : Object.entries(m);
  for (const [k, v] of pairs) {
    if (typeof k !== 'string' || typeof v !== 'string') {
      throw new ValueError(
        `${what}: metadata must map strings to strings; ${JSON.stringify(String(k))} maps to ${describeValue(v)}`,
      );
    }
  }
  return pairs as [string, string][];
}

/** Sets `obj[key] = value` as an own data property, even for the key '__proto__'. */
export function defineEntry(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
