/**
 * NumPy's `.npz` archives on bytes: a zip of `.npy` files, one per array, named `<key>.npy`
 * (`np.savez` stores them, `np.savez_compressed` deflates them).
 */
import type { NDArray } from '../ndarray.js';
import { FormatError, ValueError } from '../errors.js';
import { parseNpy, writeNpy, NPY_MAGIC, type NpyReadOptions } from './npy.js';
import { readZip, writeZip } from './zip.js';

/** The arrays of an `.npz` file by name (`np.load('f.npz')['x']` is `parseNpz(bytes).x`). */
export type NpzArrays = Record<string, NDArray>;

/**
 * Parses an `.npz` archive. Keys drop the `.npy` suffix, as NumPy's `NpzFile` does; every entry
 * must be a `.npy` file.
 */
export function parseNpz(bytes: Uint8Array, opts: NpyReadOptions = {}): NpzArrays {
  const out: NpzArrays = Object.create(null) as NpzArrays;
  for (const { name, data } of readZip(bytes, 'npz')) {
    const key = name.endsWith('.npy') ? name.slice(0, -4) : name;
    try {
      out[key] = parseNpy(data, opts);
    } catch (e) {
      if (e instanceof FormatError) {
        // keep the inner message; its offset counts from the start of the entry's data
        const inner = e.message.replace(/^npy: /, '').replace(/ \(at byte offset (\d+)\)$/, '');
        const where = e.offset === undefined ? '' : ` (at byte offset ${e.offset} of the entry)`;
        throw new FormatError(`npz: entry '${name}': ${inner}${where}`);
      }
      throw e;
    }
  }
  return out;
}

/** Options of `writeNpz`. */
export interface NpzWriteOptions {
  /** Deflate the entries, like `np.savez_compressed`; default false, like `np.savez`. */
  compress?: boolean;
}

/**
 * The bytes of an `.npz` archive holding `arrays`: an object name → array (NumPy's keyword
 * arguments) or a list (named `arr_0`, `arr_1`, … like NumPy's positional arguments).
 */
export function writeNpz(arrays: NpzArrays | readonly NDArray[], opts: NpzWriteOptions = {}): Uint8Array {
  const named: [string, NDArray][] = Array.isArray(arrays)
    ? (arrays as readonly NDArray[]).map((a, i) => [`arr_${i}`, a])
    : Object.entries(arrays as NpzArrays);
  const seen = new Set<string>();
  for (const [k] of named) {
    if (seen.has(k)) throw new ValueError(`Cannot use un-named variables and keyword ${k}`);
    seen.add(k);
  }
  return writeZip(
    named.map(([k, a]) => ({ name: `${k}.npy`, data: writeNpy(a) })),
    { compress: opts.compress === true },
  );
}

/**
 * Parses either an `.npy` or an `.npz` file, told apart by their first bytes as `np.load` does:
 * `\x93NUMPY` gives an NDArray, `PK\x03\x04` or `PK\x05\x06` gives the archive's arrays.
 */
export function parseArrayFile(bytes: Uint8Array, opts: NpyReadOptions = {}): NDArray | NpzArrays {
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) return parseNpz(bytes, opts);
  if (bytes.length >= 1 && bytes[0] === NPY_MAGIC[0]) return parseNpy(bytes, opts);
  throw new FormatError(
    `load: not a .npy or .npz file: expected b'\\x93NUMPY' or b'PK\\x03\\x04' at the start`,
    0,
  );
}
