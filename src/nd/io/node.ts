/**
 * File helpers for Node.js: NumPy's `np.load`, `np.save`, `np.savez`, `np.savez_compressed`,
 * `np.loadtxt`, `np.genfromtxt`, `np.savetxt`, plus `loadIdx` for MNIST files.
 *
 * This is the only io file that touches the file system, and it imports nothing from Node:
 * `node:fs` is fetched at call time with `process.getBuiltinModule` (Node ≥ 20.16), so a browser
 * bundle that includes this module stays free of Node built-ins; there the helpers throw and the
 * byte- and string-level functions they wrap (`parseNpy`, `writeNpz`, `parseTxt`, `parseIdx`, …)
 * do the work.
 */
import type * as NodeFs from 'node:fs';
import type { NDArray } from '../ndarray.js';
import { ValueError } from '../errors.js';
import { writeNpy, type NpyReadOptions } from './npy.js';
import { parseArrayFile, writeNpz, type NpzArrays } from './npz.js';
import {
  formatTxt,
  parseGenfromtxt,
  parseTxt,
  type GenfromtxtOptions,
  type LoadtxtOptions,
  type SavetxtOptions,
} from './text.js';
import { IDX_MAGIC_IMAGES, IDX_MAGIC_LABELS, parseIdx, type IdxReadOptions } from './idx.js';

function fs(): typeof NodeFs {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule('node:fs') : undefined;
  if (mod === undefined) {
    throw new ValueError(
      'reading and writing files needs Node.js >= 20.16 (process.getBuiltinModule); in a browser use ' +
        'the byte-level functions (parseNpy, writeNpy, parseNpz, writeNpz, parseTxt, formatTxt, parseIdx)',
    );
  }
  return mod as typeof NodeFs;
}

function readFileSync(path: string, encoding: 'utf8'): string {
  return fs().readFileSync(path, encoding);
}

function writeFileSync(path: string, data: Uint8Array | string): void {
  fs().writeFileSync(path, data);
}

function readBytes(path: string): Uint8Array {
  const b = fs().readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * `np.load`: reads a `.npy` file as an NDArray or an `.npz` file as an object name → NDArray,
 * told apart by the file's first bytes.
 *
 * ```ts
 * const a = nd.load('a.npy') as NDArray;
 * const { x, y } = nd.load('data.npz') as nd.NpzArrays;
 * ```
 */
export function load(path: `${string}.npz`, opts?: NpyReadOptions): NpzArrays;
export function load(path: `${string}.npy`, opts?: NpyReadOptions): NDArray;
export function load(path: string, opts?: NpyReadOptions): NDArray | NpzArrays;
export function load(path: string, opts: NpyReadOptions = {}): NDArray | NpzArrays {
  return parseArrayFile(readBytes(path), opts);
}

/** `np.save`: writes `a` to a `.npy` file (the suffix is added when missing, as NumPy does). */
export function save(path: string, a: NDArray): void {
  writeFileSync(path.endsWith('.npy') ? path : `${path}.npy`, writeNpy(a));
}

/** `np.savez`: several arrays in one uncompressed `.npz` (suffix added when missing). */
export function savez(path: string, arrays: NpzArrays | readonly NDArray[]): void {
  writeFileSync(path.endsWith('.npz') ? path : `${path}.npz`, writeNpz(arrays));
}

/** `np.savez_compressed`: like `savez`, with deflated entries. */
export function savezCompressed(path: string, arrays: NpzArrays | readonly NDArray[]): void {
  writeFileSync(path.endsWith('.npz') ? path : `${path}.npz`, writeNpz(arrays, { compress: true }));
}

/**
 * A path, or the text itself: a string containing a line break is taken as the file's contents
 * (NumPy users pass `io.StringIO(text)` for that), an array as its lines.
 */
export type TextSource = string | readonly string[];

function readText(source: TextSource): string | readonly string[] {
  if (typeof source !== 'string' || /[\r\n]/.test(source)) return source;
  return readFileSync(source, 'utf8');
}

/**
 * `np.loadtxt`: a table of numbers from a text file (or text, see `TextSource`).
 *
 * ```ts
 * const a = nd.loadtxt('data.csv', { delimiter: ',', skiprows: 1 });
 * ```
 */
export function loadtxt(source: TextSource, opts: LoadtxtOptions & { unpack: true }): NDArray[];
export function loadtxt(source: TextSource, opts?: LoadtxtOptions): NDArray;
export function loadtxt(source: TextSource, opts: LoadtxtOptions = {}): NDArray | NDArray[] {
  return parseTxt(readText(source), opts);
}

/**
 * `np.genfromtxt`: like `loadtxt`, with missing or malformed fields replaced by filling values
 * (NaN by default).
 */
export function genfromtxt(
  source: TextSource,
  opts: GenfromtxtOptions & { names: true | string | readonly string[] },
): Record<string, NDArray>;
export function genfromtxt(source: TextSource, opts: GenfromtxtOptions & { unpack: true }): NDArray[];
export function genfromtxt(source: TextSource, opts?: GenfromtxtOptions): NDArray;
export function genfromtxt(
  source: TextSource,
  opts: GenfromtxtOptions = {},
): NDArray | NDArray[] | Record<string, NDArray> {
  return parseGenfromtxt(readText(source), opts as GenfromtxtOptions);
}

/** `np.savetxt`: writes a 1-d or 2-d array as text (default format '%.18e', space-separated). */
export function savetxt(path: string, a: NDArray, opts: SavetxtOptions = {}): void {
  if (path === '') throw new ValueError('savetxt: fname must be a non-empty path');
  writeFileSync(path, formatTxt(a, opts));
}

/**
 * Reads an IDX file (MNIST, Fashion-MNIST), raw or gzipped. Without an explicit `magic`, the
 * standard MNIST file names fix it: `*-images-idx3-ubyte*` must be 2051, `*-labels-idx1-ubyte*` 2049.
 *
 * ```ts
 * const x = nd.loadIdx('train-images-idx3-ubyte.gz'); // (60000, 28, 28) uint8
 * ```
 */
export function loadIdx(path: string, opts: IdxReadOptions = {}): NDArray {
  let magic = opts.magic;
  if (magic === undefined) {
    if (/images-idx3-ubyte/.test(path)) magic = IDX_MAGIC_IMAGES;
    else if (/labels-idx1-ubyte/.test(path)) magic = IDX_MAGIC_LABELS;
  }
  return parseIdx(readBytes(path), { magic });
}
