/**
 * Array files on bytes and strings — `.npy`, `.npz`, text tables, IDX — usable in browsers.
 * The Node file helpers (`load`, `save`, `savez`, `loadtxt`, …) live in ./node.js.
 */
export {
  parseNpy,
  readNpy,
  parseNpyHeader,
  writeNpy,
  npyHeaderBytes,
  NPY_MAGIC,
  type NpyHeader,
  type NpyReadOptions,
  type NpyWriteOptions,
} from './npy.js';
export { parseNpz, writeNpz, parseArrayFile, type NpzArrays, type NpzWriteOptions } from './npz.js';
export {
  parseTxt,
  parseGenfromtxt,
  formatTxt,
  type LoadtxtOptions,
  type GenfromtxtOptions,
  type SavetxtOptions,
} from './text.js';
export { pyFormat } from './printf.js';
export {
  parseIdx,
  writeIdx,
  IDX_MAGIC_IMAGES,
  IDX_MAGIC_LABELS,
  type IdxReadOptions,
  type IdxWriteOptions,
} from './idx.js';
export { readZip, writeZip, gunzip, type ZipEntry, type ZipWriteOptions } from './zip.js';
export { crc32 } from './crc32.js';
