/**
 * The IDX format of MNIST and Fashion-MNIST, on bytes.
 *
 * Layout: a 4-byte magic `00 00 <type> <ndim>`, then `ndim` big-endian uint32 dimensions, then the
 * elements in C order, big-endian. Types: 0x08 uint8, 0x09 int8, 0x0B int16 (read as int32),
 * 0x0C int32, 0x0D float32, 0x0E float64. MNIST's image files have magic 2051 (0x00000803:
 * uint8, 3-d) and its label files 2049 (0x00000801: uint8, 1-d). Gzipped files (`1f 8b`) are
 * inflated first. The file must end exactly after the last element.
 */
import { gzipSync } from 'fflate';
import { NDArray } from '../ndarray.js';
import { DTypeError, FormatError } from '../errors.js';
import type { DType, TypedArray } from '../dtype.js';
import { gunzip } from './zip.js';

/** Magic number of MNIST image files (uint8, 3-d: count × rows × columns). */
export const IDX_MAGIC_IMAGES = 2051;
/** Magic number of MNIST label files (uint8, 1-d). */
export const IDX_MAGIC_LABELS = 2049;

const TYPES: Record<number, { dtype: DType; size: number; name: string }> = {
  0x08: { dtype: 'uint8', size: 1, name: 'uint8' },
  0x09: { dtype: 'int8', size: 1, name: 'int8' },
  0x0b: { dtype: 'int32', size: 2, name: 'int16' },
  0x0c: { dtype: 'int32', size: 4, name: 'int32' },
  0x0d: { dtype: 'float32', size: 4, name: 'float32' },
  0x0e: { dtype: 'float64', size: 8, name: 'float64' },
};

export interface IdxReadOptions {
  /** The magic number the file must have, e.g. `IDX_MAGIC_IMAGES` (2051) or `IDX_MAGIC_LABELS` (2049). */
  magic?: number;
}

const hex = (b: number): string => b.toString(16).padStart(2, '0');

/**
 * Parses an IDX file (raw or gzipped) into an NDArray.
 *
 * ```ts
 * const images = nd.parseIdx(bytes, { magic: nd.IDX_MAGIC_IMAGES }); // (60000, 28, 28) uint8
 * ```
 */
export function parseIdx(input: Uint8Array, opts: IdxReadOptions = {}): NDArray {
  const gzipped = input.length >= 2 && input[0] === 0x1f && input[1] === 0x8b;
  const bytes = gzipped ? gunzip(input, 'idx') : input;
  if (bytes.length < 4)
    throw new FormatError(`idx: EOF reading the 4-byte magic number, got ${bytes.length} bytes`, 0);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new FormatError(
      `idx: expected magic bytes 00 00, got ${hex(bytes[0])} ${hex(bytes[1])}`,
      bytes[0] !== 0 ? 0 : 1,
    );
  }
  const magic = (bytes[2] << 8) | bytes[3];
  if (opts.magic !== undefined && magic !== opts.magic) {
    throw new FormatError(
      `idx: magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}); expected ${opts.magic}` +
        (opts.magic === IDX_MAGIC_IMAGES
          ? ' (MNIST images)'
          : opts.magic === IDX_MAGIC_LABELS
            ? ' (MNIST labels)'
            : ''),
      0,
    );
  }
  const type = TYPES[bytes[2]];
  if (type === undefined) {
    throw new FormatError(
      `idx: unknown data type 0x${hex(bytes[2])}; expected 0x08 (uint8), 0x09 (int8), 0x0b (int16), ` +
        `0x0c (int32), 0x0d (float32) or 0x0e (float64)`,
      2,
    );
  }
  const ndim = bytes[3];
  const dataAt = 4 + 4 * ndim;
  if (bytes.length < dataAt) {
    throw new FormatError(
      `idx: EOF reading ${ndim} dimensions: expected ${4 * ndim} bytes, got ${bytes.length - 4}`,
      4,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let count = 1;
  for (let i = 0; i < ndim; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    shape.push(d);
    count *= d;
  }
  if (shape.includes(0)) count = 0; // else Infinity · 0 would give NaN for absurd dimensions
  const need = count * type.size;
  const have = bytes.length - dataAt;
  if (need > have) {
    throw new FormatError(
      `idx: dimensions (${shape.join(', ')}) of ${type.name} need ${need} bytes of data, but only ${have} bytes follow`,
      dataAt,
    );
  }
  if (need < have) {
    throw new FormatError(
      `idx: ${have - need} unexpected bytes after the data of shape (${shape.join(', ')}); expected the file to end`,
      dataAt + need,
    );
  }
  let data: TypedArray;
  switch (bytes[2]) {
    case 0x08:
      data = gzipped ? bytes.subarray(dataAt) : bytes.slice(dataAt); // the inflated buffer is ours
      break;
    case 0x09:
      data = new Int8Array(bytes.slice(dataAt).buffer);
      break;
    default: {
      const out =
        type.dtype === 'float32'
          ? new Float32Array(count)
          : type.dtype === 'float64'
            ? new Float64Array(count)
            : new Int32Array(count);
      for (let i = 0, p = dataAt; i < count; i++, p += type.size) {
        out[i] =
          type.size === 2
            ? view.getInt16(p, false)
            : bytes[2] === 0x0c
              ? view.getInt32(p, false)
              : bytes[2] === 0x0d
                ? view.getFloat32(p, false)
                : view.getFloat64(p, false);
      }
      data = out;
    }
  }
  return NDArray.fromData(data, shape, type.dtype);
}

export interface IdxWriteOptions {
  /** Gzip the result (fixed header time, so the bytes are reproducible); default false. */
  gzip?: boolean;
}

/**
 * The bytes of an IDX file holding `a` (uint8, int8, int32, float32, float64; bool as uint8).
 * A uint8 3-d array gets MNIST's image magic 2051, a uint8 1-d array its label magic 2049.
 */
export function writeIdx(a: NDArray, opts: IdxWriteOptions = {}): Uint8Array {
  const codes: Partial<Record<DType, number>> = {
    bool: 0x08,
    uint8: 0x08,
    int8: 0x09,
    int32: 0x0c,
    float32: 0x0d,
    float64: 0x0e,
  };
  const code = codes[a.dtype];
  if (code === undefined) {
    throw new DTypeError(
      `writeIdx: IDX has no ${a.dtype} type; expected uint8, int8, int32, float32 or float64`,
    );
  }
  if (a.ndim > 255) throw new DTypeError(`writeIdx: IDX holds at most 255 dimensions, got ${a.ndim}`);
  const size = TYPES[code].size;
  const c = a.copy().data;
  const out = new Uint8Array(4 + 4 * a.ndim + c.length * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = a.ndim;
  a.shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  let p = 4 + 4 * a.ndim;
  for (let i = 0; i < c.length; i++, p += size) {
    if (code === 0x08) out[p] = c[i];
    else if (code === 0x09) view.setInt8(p, c[i]);
    else if (code === 0x0c) view.setInt32(p, c[i], false);
    else if (code === 0x0d) view.setFloat32(p, c[i], false);
    else view.setFloat64(p, c[i], false);
  }
  return opts.gzip ? gzipSync(out, { mtime: 0 }) : out;
}
