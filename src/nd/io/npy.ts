/**
 * NumPy's `.npy` format, on bytes (works in Node and in browsers).
 *
 * Layout: the magic `\x93NUMPY`, a version byte pair (1.0, 2.0 or 3.0), the header length
 * (uint16 LE in 1.0, uint32 LE in 2.0/3.0), then the header — a Python dict literal
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }` (latin-1 in 1.0/2.0, UTF-8 in 3.0)
 * padded with spaces and a final '\n' so that the data starts on a 64-byte boundary — then the raw
 * elements.
 *
 * Reading maps NumPy's dtypes onto ours: b1 u1 i1 u4 i4 i8 f4 f8 as themselves; i2 and u2 widen to
 * int32, f2 widens to float32 (exactly), u8 reads as int64. int64/uint64 values are converted
 * exactly; one beyond ±(2^53 − 1), the exact range of our int64, is a FormatError naming its
 * offset rather than a silently rounded number. Big-endian ('>') files are byte-swapped.
 * `fortran_order: True` gives an F-strided array (NumPy's `flags.f_contiguous`), values as NumPy
 * shows them.
 *
 * Writing produces exactly the bytes of `np.save` for a C-ordered array: version 1.0 (2.0 when the
 * header needs it), little-endian descr, NumPy's header text and padding. A non-C-contiguous array
 * is written in C order (NumPy would write an F-contiguous one with `fortran_order: True`).
 */
import { NDArray } from '../ndarray.js';
import { FormatError, ValueError } from '../errors.js';
import { toDType, type DType, type TypedArray } from '../dtype.js';
import { contiguousStrides, fortranStrides } from '../shape.js';
import { parsePyLiteral, pyRepr, type PyValue } from './pyliteral.js';

/** The six bytes every `.npy` file starts with: `\x93NUMPY`. */
export const NPY_MAGIC: readonly number[] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// The header must leave the data 64-byte aligned (numpy.lib.format.ARRAY_ALIGN).
const ARRAY_ALIGN = 64;
// Room left after the first shape entry so that appending can rewrite the header in place
// (numpy.lib.format.GROWTH_AXIS_MAX_DIGITS).
const GROWTH_AXIS_MAX_DIGITS = 21;
/** NumPy refuses headers longer than this unless told otherwise (`max_header_size`). */
export const NPY_MAX_HEADER_SIZE = 10000;

/** The element codes we read: kind letter + bytes per element. */
type Code = 'b1' | 'u1' | 'i1' | 'u2' | 'i2' | 'u4' | 'i4' | 'u8' | 'i8' | 'f2' | 'f4' | 'f8';
const CODE_DTYPE: Record<Code, DType> = {
  b1: 'bool',
  u1: 'uint8',
  i1: 'int8',
  u2: 'int32',
  i2: 'int32',
  u4: 'uint32',
  i4: 'int32',
  u8: 'int64',
  i8: 'int64',
  f2: 'float32',
  f4: 'float32',
  f8: 'float64',
};
const DTYPE_DESCR: Record<DType, string> = {
  bool: '|b1',
  uint8: '|u1',
  int8: '|i1',
  uint32: '<u4',
  int32: '<i4',
  int64: '<i8',
  float32: '<f4',
  float64: '<f8',
};

/** What a `.npy` header says, and where the data starts. */
export interface NpyHeader {
  /** Format version, e.g. `[1, 0]`. */
  version: [number, number];
  /** NumPy's dtype string as written, e.g. `'<f8'`. */
  descr: string;
  /** The dtype the data loads as (i2/u2 → int32, f2 → float32, u8 → int64). */
  dtype: DType;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
  /** Byte offset just past the last element. */
  dataEnd: number;
}

export interface NpyReadOptions {
  /** Largest header (in characters) accepted, like NumPy's `max_header_size`; default 10000. */
  maxHeaderSize?: number;
}

function shapeText(shape: readonly (number | bigint)[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function describeBytes(bytes: Uint8Array, start: number, n: number): string {
  let s = '';
  for (let i = start; i < Math.min(bytes.length, start + n); i++) {
    const b = bytes[i];
    s +=
      b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c
        ? String.fromCharCode(b)
        : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `b'${s}'`;
}

interface ParsedDescr {
  code: Code;
  bigEndian: boolean;
}

function parseDescr(v: PyValue, what: string): ParsedDescr {
  if (v.kind === 'list') {
    throw new FormatError(
      `${what}: structured dtypes are not supported: descr ${pyRepr(v)}; expected a plain dtype such as '<f8'`,
    );
  }
  if (v.kind !== 'str') {
    throw new FormatError(`${what}: descr is not a valid dtype descriptor: ${pyRepr(v)}`);
  }
  const s = v.value;
  const m = /^([<>|=]?)([biuf])(\d+)$/.exec(s);
  let code: string;
  let order = '';
  if (m !== null) {
    order = m[1];
    code = m[2] + m[3];
  } else if (/^[<>|=]?\?$/.test(s)) {
    code = 'b1';
  } else {
    // NumPy spellings without a byte order ('float32', 'int64', 'bool', …)
    let d: DType;
    try {
      d = toDType(s);
    } catch {
      throw new FormatError(
        `${what}: unsupported dtype '${s}'; expected one of b1 u1 i1 u2 i2 u4 i4 u8 i8 f2 f4 f8 ` +
          `with byte order '<', '>' or '|' (complex, string, object and datetime arrays are not supported)`,
      );
    }
    code = DTYPE_DESCR[d].slice(1);
  }
  if (!(code in CODE_DTYPE)) {
    throw new FormatError(
      `${what}: unsupported dtype '${s}'; expected one of b1 u1 i1 u2 i2 u4 i4 u8 i8 f2 f4 f8 ` +
        `with byte order '<', '>' or '|'`,
    );
  }
  // '|' (not applicable) and '=' (native) both mean this machine's order
  const bigEndian =
    order === '>' || ((order === '|' || order === '=' || order === '') && !HOST_LITTLE_ENDIAN);
  return { code: code as Code, bigEndian };
}

/**
 * Reads the header of a `.npy` file that starts at `start` in `bytes`; checks that the data it
 * announces is all there. Throws a FormatError naming the offset and what was expected.
 */
export function parseNpyHeader(bytes: Uint8Array, start = 0, opts: NpyReadOptions = {}): NpyHeader {
  const what = 'npy';
  const eof = (reading: string, at: number, need: number): never => {
    throw new FormatError(
      `${what}: EOF reading ${reading}, expected ${need} bytes got ${Math.max(0, bytes.length - at)}`,
      at,
    );
  };
  for (let i = 0; i < NPY_MAGIC.length; i++) {
    if (start + i >= bytes.length) eof('magic string', start, 8);
    if (bytes[start + i] !== NPY_MAGIC[i]) {
      throw new FormatError(
        `${what}: the magic string is not correct; expected b'\\x93NUMPY', got ${describeBytes(bytes, start, 6)}`,
        start + i,
      );
    }
  }
  if (start + 8 > bytes.length) eof('format version', start + 6, 2);
  const major = bytes[start + 6];
  const minor = bytes[start + 7];
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw new FormatError(
      `${what}: unsupported format version ${major}.${minor}; expected 1.0, 2.0 or 3.0`,
      start + 6,
    );
  }
  const lenBytes = major === 1 ? 2 : 4;
  const lenAt = start + 8;
  if (lenAt + lenBytes > bytes.length) eof('array header length', lenAt, lenBytes);
  const hlen =
    major === 1
      ? bytes[lenAt] | (bytes[lenAt + 1] << 8)
      : (bytes[lenAt] | (bytes[lenAt + 1] << 8) | (bytes[lenAt + 2] << 16) | (bytes[lenAt + 3] << 24)) >>> 0;
  const headerAt = lenAt + lenBytes;
  if (headerAt + hlen > bytes.length) eof('array header', headerAt, hlen);
  const maxHeader = opts.maxHeaderSize ?? NPY_MAX_HEADER_SIZE;
  if (hlen > maxHeader * (major === 3 ? 4 : 1)) {
    throw new FormatError(
      `${what}: header length ${hlen} exceeds the limit of ${maxHeader} (maxHeaderSize)`,
      lenAt,
    );
  }
  const raw = bytes.subarray(headerAt, headerAt + hlen);
  let text: string;
  let byteOffset: (i: number) => number;
  if (major === 3) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new FormatError(`${what}: the version 3.0 header is not valid UTF-8`, headerAt);
    }
    const enc = new TextEncoder();
    byteOffset = (i) => headerAt + enc.encode(text.slice(0, i)).length;
  } else {
    text = '';
    for (let i = 0; i < raw.length; i++) text += String.fromCharCode(raw[i]); // latin-1
    byteOffset = (i) => headerAt + i;
  }
  if (text.length > maxHeader) {
    throw new FormatError(`${what}: header length ${text.length} exceeds the limit of ${maxHeader}`, lenAt);
  }
  const d = parsePyLiteral(text, byteOffset, what);
  if (d.kind !== 'dict') {
    throw new FormatError(`${what}: Header is not a dictionary: ${pyRepr(d)}`, byteOffset(d.at));
  }
  const fields = new Map<string, PyValue>();
  for (const [k, v] of d.entries) {
    if (k.kind !== 'str') {
      throw new FormatError(`${what}: header keys must be strings, got ${pyRepr(k)}`, byteOffset(k.at));
    }
    fields.set(k.value, v);
  }
  const keys = [...fields.keys()].sort();
  if (keys.length !== 3 || keys[0] !== 'descr' || keys[1] !== 'fortran_order' || keys[2] !== 'shape') {
    throw new FormatError(
      `${what}: Header does not contain the correct keys: [${keys.map((k) => `'${k}'`).join(', ')}]; ` +
        `expected ['descr', 'fortran_order', 'shape']`,
      headerAt,
    );
  }
  const shapeV = fields.get('shape')!;
  const fortranV = fields.get('fortran_order')!;
  const descrV = fields.get('descr')!;
  if (shapeV.kind !== 'tuple' || !shapeV.items.every((x) => x.kind === 'int')) {
    throw new FormatError(
      `${what}: shape is not valid: ${pyRepr(shapeV)}; expected a tuple of integers`,
      byteOffset(shapeV.at),
    );
  }
  const dims = shapeV.items.map((x) => (x as { value: bigint }).value);
  if (dims.some((x) => x < 0n)) {
    throw new FormatError(
      `${what}: shape is not valid: ${shapeText(dims)}; dimensions must be non-negative`,
      byteOffset(shapeV.at),
    );
  }
  if (fortranV.kind !== 'bool') {
    throw new FormatError(
      `${what}: fortran_order is not a valid bool: ${pyRepr(fortranV)}`,
      byteOffset(fortranV.at),
    );
  }
  let descr: ParsedDescr;
  try {
    descr = parseDescr(descrV, what);
  } catch (e) {
    if (e instanceof FormatError && e.offset === undefined)
      throw new FormatError(e.message, byteOffset(descrV.at));
    throw e;
  }
  const itemsize = Number(descr.code.slice(1));
  const dataOffset = headerAt + hlen;
  const available = bytes.length - dataOffset;
  let count = 1n;
  for (const x of dims) count *= x;
  const need = count * BigInt(itemsize);
  if (need > BigInt(available)) {
    throw new FormatError(
      `${what}: header claims shape ${shapeText(dims)} of '${(descrV as { value: string }).value}' = ` +
        `${need} bytes of data, but only ${available} bytes follow the header`,
      dataOffset,
    );
  }
  if (dims.some((x) => x > BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new FormatError(`${what}: shape ${shapeText(dims)} has an absurd dimension`, byteOffset(shapeV.at));
  }
  return {
    version: [major, minor],
    descr: (descrV as { value: string }).value,
    dtype: CODE_DTYPE[descr.code],
    fortranOrder: fortranV.value,
    shape: dims.map(Number),
    dataOffset,
    dataEnd: dataOffset + Number(need),
  };
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Decodes `n` elements of `code` starting at byte `at` into a fresh typed array of our dtype. */
function decodeElements(
  bytes: Uint8Array,
  at: number,
  n: number,
  code: Code,
  bigEndian: boolean,
  what: string,
): TypedArray {
  const size = Number(code.slice(1));
  const buf = bytes.slice(at, at + n * size); // a copy: aligned, and owned by the result
  if (size > 1 && bigEndian === HOST_LITTLE_ENDIAN) {
    for (let i = 0; i < buf.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = buf[a];
        buf[a] = buf[b];
        buf[b] = t;
      }
    }
  }
  const ab = buf.buffer;
  switch (code) {
    case 'b1':
      for (let i = 0; i < buf.length; i++) if (buf[i] > 1) buf[i] = 1;
      return buf;
    case 'u1':
      return buf;
    case 'i1':
      return new Int8Array(ab);
    case 'u2':
      return Int32Array.from(new Uint16Array(ab));
    case 'i2':
      return Int32Array.from(new Int16Array(ab));
    case 'u4':
      return new Uint32Array(ab);
    case 'i4':
      return new Int32Array(ab);
    case 'f2': {
      const h = new Uint16Array(ab);
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = halfToFloat(h[i]);
      return out;
    }
    case 'f4':
      return new Float32Array(ab);
    case 'f8':
      return new Float64Array(ab);
    case 'i8':
    case 'u8': {
      // After the swap each element is in host order; read its two 32-bit halves.
      const signed = code === 'i8';
      const lo32 = new Uint32Array(ab);
      const hi32 = signed ? new Int32Array(ab) : lo32;
      const [loIdx, hiIdx] = HOST_LITTLE_ENDIAN ? [0, 1] : [1, 0];
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const lo = lo32[2 * i + loIdx];
        const hi = hi32[2 * i + hiIdx];
        // exact iff |hi·2^32 + lo| ≤ 2^53 − 1
        if (hi > 0x1fffff || hi < -0x200000 || (hi === -0x200000 && lo === 0)) {
          const v = (BigInt(hi) << 32n) + BigInt(lo);
          throw new FormatError(
            `${what}: ${signed ? 'int64' : 'uint64'} value ${v} at element ${i} is outside the exact range ` +
              `of mlseries' int64 (|x| ≤ 2^53 − 1 = 9007199254740991)`,
            at + i * 8,
          );
        }
        out[i] = hi * 4294967296 + lo;
      }
      return out;
    }
  }
}

/**
 * Reads one `.npy` array starting at byte `start` of `bytes`, and returns it with the offset just
 * past its data (so several arrays written one after another can be read in turn).
 */
export function readNpy(
  bytes: Uint8Array,
  start = 0,
  opts: NpyReadOptions = {},
): { array: NDArray; end: number } {
  const h = parseNpyHeader(bytes, start, opts);
  const code = parseDescr({ kind: 'str', value: h.descr, at: 0 }, 'npy');
  const n = h.shape.reduce((a, b) => a * b, 1);
  const data = decodeElements(bytes, h.dataOffset, n, code.code, code.bigEndian, 'npy');
  const strides = h.fortranOrder && h.shape.length > 1 ? fortranStrides(h.shape) : contiguousStrides(h.shape);
  return { array: new NDArray(data, h.shape, strides, 0, h.dtype), end: h.dataEnd };
}

/**
 * Parses a whole `.npy` file (`np.load` of one array). Bytes after the array's data are a
 * FormatError, since a well-formed file ends with its data.
 *
 * ```ts
 * const a = nd.parseNpy(bytes); // shape, dtype and values as np.load gives them
 * ```
 */
export function parseNpy(bytes: Uint8Array, opts: NpyReadOptions = {}): NDArray {
  const { array, end } = readNpy(bytes, 0, opts);
  if (end !== bytes.length) {
    throw new FormatError(
      `npy: ${bytes.length - end} unexpected bytes after the array data; expected the file to end ` +
        `after shape ${shapeText(array.shape)}`,
      end,
    );
  }
  return array;
}

export interface NpyWriteOptions {
  /** Format version to write; default 1.0, or 2.0 when the header does not fit 1.0 (as NumPy). */
  version?: readonly [number, number];
}

/** The `.npy` header bytes (magic, version, length, padded dict) for an array of `dtype` and `shape`. */
export function npyHeaderBytes(
  dtype: DType,
  shape: readonly number[],
  opts: NpyWriteOptions = {},
): Uint8Array {
  let dict = `{'descr': '${DTYPE_DESCR[dtype]}', 'fortran_order': False, 'shape': ${shapeText(shape)}, }`;
  if (shape.length > 0) dict += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length));
  const wrap = (major: number): Uint8Array | null => {
    const lenBytes = major === 1 ? 2 : 4;
    const hlen = dict.length + 1;
    const padlen = ARRAY_ALIGN - ((6 + 2 + lenBytes + hlen) % ARRAY_ALIGN);
    const total = hlen + padlen;
    if (major === 1 && total > 0xffff) return null;
    const out = new Uint8Array(6 + 2 + lenBytes + total);
    out.set(NPY_MAGIC, 0);
    out[6] = major;
    out[7] = 0;
    for (let i = 0; i < lenBytes; i++) out[8 + i] = (total >>> (8 * i)) & 0xff;
    let p = 8 + lenBytes;
    for (let i = 0; i < dict.length; i++) out[p++] = dict.charCodeAt(i); // ASCII only
    out.fill(0x20, p, p + padlen);
    out[out.length - 1] = 0x0a;
    return out;
  };
  if (opts.version !== undefined) {
    const [major, minor] = opts.version;
    if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
      throw new ValueError(
        `we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`,
      );
    }
    const out = wrap(major);
    if (out === null) throw new ValueError(`Header length ${dict.length + 1} too big for version=(1, 0)`);
    return out;
  }
  return wrap(1) ?? wrap(2)!;
}

/**
 * The bytes of a `.npy` file holding `a` (what `np.save` writes): little-endian, C order.
 *
 * ```ts
 * const bytes = nd.writeNpy(nd.arange(6).reshape(2, 3)); // np.load reads it back equal
 * ```
 */
export function writeNpy(a: NDArray, opts: NpyWriteOptions = {}): Uint8Array {
  const header = npyHeaderBytes(a.dtype, a.shape, opts);
  const n = a.size;
  const src = a.flags.cContiguous ? a.data.subarray(a.offset, a.offset + n) : a.copy().data;
  const itemsize = a.itemsize;
  const out = new Uint8Array(header.length + n * itemsize);
  out.set(header, 0);
  const body = out.subarray(header.length);
  if (a.dtype === 'int64') {
    const words = new Int32Array(out.buffer, header.length, 2 * n); // header length is a multiple of 64
    for (let i = 0; i < n; i++) {
      const v = Number.isFinite(src[i]) ? Math.trunc(src[i]) : 0;
      const hi = Math.floor(v / 4294967296);
      words[2 * i] = v - hi * 4294967296; // exact: both terms are integers below 2^64
      words[2 * i + 1] = hi;
    }
  } else if (a.dtype === 'bool') {
    for (let i = 0; i < n; i++) body[i] = src[i] !== 0 ? 1 : 0;
  } else {
    body.set(new Uint8Array(src.buffer, src.byteOffset, n * itemsize));
  }
  if (!HOST_LITTLE_ENDIAN && itemsize > 1) {
    // we always write '<'; on a big-endian host swap every element (int64: its two words too)
    for (let i = 0; i < body.length; i += itemsize) body.subarray(i, i + itemsize).reverse();
    if (a.dtype === 'int64') {
      for (let i = 0; i < body.length; i += 8) {
        const lo = body.slice(i, i + 4);
        body.copyWithin(i, i + 4, i + 8);
        body.set(lo, i + 4);
      }
    }
  }
  return out;
}
