/**
 * safetensors (Hugging Face's tensor file format), on bytes: works in Node and in browsers.
 *
 * Layout, as the reference implementation (huggingface/safetensors, `tensor.rs`) writes it:
 *
 *   bytes 0‥8      N, the header length, a little-endian u64
 *   bytes 8‥8+N    the header: compact JSON `{"__metadata__":{…},"name":{"dtype":"F32",
 *                  "shape":[2,3],"data_offsets":[begin,end]},…}` in UTF-8, padded with spaces
 *                  so that N is a multiple of 8 (the tensor data then starts 8-byte aligned)
 *   bytes 8+N‥     the data: each tensor's elements in C order, little-endian, back to back
 *
 * The writer orders tensors as the reference does — by dtype, widest alignment first (the
 * reference's enum order: I64 F64 F32 U32 I32 I8 U8 BOOL for the dtypes we write), then by name
 * in code-point (= UTF-8 byte) order — and writes `__metadata__` first when there is any. Its keys
 * are sorted (the reference writes them in its HashMap's order, which varies from run to run), so
 * our output is byte-identical to the reference's whenever the metadata has at most one key, and
 * identical up to the order of metadata keys otherwise.
 *
 * dtypes: F64 F32 I64 I32 U32 I8 U8 BOOL are read and written as float64 float32 int64 int32
 * uint32 int8 uint8 bool. Read only, widened exactly: F16, BF16, F8_E4M3 and F8_E5M2 → float32;
 * I16, U16 → int32; U64 → int64. int64/uint64 values beyond ±(2^53 − 1), the exact range of our
 * int64, are a FormatError rather than silently rounded. BOOL bytes other than 0 read as true.
 * The remaining dtypes of the format (F4, F6_*, F8_E8M0, the FNUZ variants, C64) parse in the
 * header but cannot be loaded.
 *
 * Reading is strict: every violation of the format — a header length beyond the file, invalid
 * UTF-8 or JSON, a duplicate key, an unknown dtype or field, offsets that leave gaps, overlap or
 * run out of the file, a byte count that disagrees with shape × dtype, trailing bytes — is a
 * FormatError naming the byte offset and what was expected. (The reference lets a duplicate
 * tensor name and unknown fields through; we refuse them.)
 */
import { NDArray } from '../nd/ndarray.js';
import { FormatError, ValueError, formatShape } from '../nd/errors.js';
import type { DType, TypedArray } from '../nd/dtype.js';
import { parseJsonBytes, jsonKind, type JsonNode } from './json.js';
import { decodeBF16, decodeF16, decodeF8 } from './halffloat.js';
import {
  defineEntry,
  stateDictEntries,
  stringMapEntries,
  type StateDict,
  type StringMap,
} from './statedict.js';

/**
 * Every dtype of the safetensors format (reference version 0.8), in the reference's enum order,
 * which is ascending alignment; the writer sorts tensors by descending position in this list.
 */
export const SAFETENSORS_DTYPES = [
  'BOOL',
  'F4',
  'F6_E2M3',
  'F6_E3M2',
  'U8',
  'I8',
  'F8_E5M2',
  'F8_E4M3',
  'F8_E8M0',
  'F8_E4M3FNUZ',
  'F8_E5M2FNUZ',
  'I16',
  'U16',
  'F16',
  'BF16',
  'I32',
  'U32',
  'F32',
  'C64',
  'F64',
  'I64',
  'U64',
] as const;

/** A safetensors dtype name, e.g. 'F32'. */
export type SafetensorsDType = (typeof SAFETENSORS_DTYPES)[number];

const RANK = new Map<string, number>(SAFETENSORS_DTYPES.map((d, i) => [d, i]));

/** Bits per element of each safetensors dtype. */
export const SAFETENSORS_DTYPE_BITS: Readonly<Record<SafetensorsDType, number>> = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F8_E4M3FNUZ: 8,
  F8_E5M2FNUZ: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
};

/** The safetensors dtype each mlseries dtype is written as. */
export const SAFETENSORS_DTYPE_OF: Readonly<Record<DType, SafetensorsDType>> = {
  float64: 'F64',
  float32: 'F32',
  int64: 'I64',
  int32: 'I32',
  uint32: 'U32',
  int8: 'I8',
  uint8: 'U8',
  bool: 'BOOL',
};

/** The mlseries dtype each readable safetensors dtype loads as. */
export const DTYPE_FROM_SAFETENSORS: Readonly<Partial<Record<SafetensorsDType, DType>>> = {
  F64: 'float64',
  F32: 'float32',
  F16: 'float32',
  BF16: 'float32',
  F8_E4M3: 'float32',
  F8_E5M2: 'float32',
  I64: 'int64',
  U64: 'int64',
  I32: 'int32',
  I16: 'int32',
  U16: 'int32',
  U32: 'uint32',
  I8: 'int8',
  U8: 'uint8',
  BOOL: 'bool',
};

/** The reference refuses headers longer than this (100 MB), and so do we. */
export const SAFETENSORS_MAX_HEADER_SIZE = 100_000_000;

/** One tensor as the header describes it. */
export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  /** `[begin, end)` in bytes, relative to the start of the data section. */
  dataOffsets: [number, number];
  /** Byte offset in the file of this tensor's JSON object in the header (for error messages). */
  headerOffset: number;
}

/** What a safetensors header says. */
export interface SafetensorsHeader {
  /** N, the header's length in bytes (padding included). */
  headerLength: number;
  /** Byte offset of the data section in the file: 8 + N. */
  dataStart: number;
  /** The `__metadata__` strings, or null when the header has none. */
  metadata: Record<string, string> | null;
  /** The tensors in data order (by offset), which is the writer's order. */
  tensors: SafetensorsEntry[];
}

/** The result of {@link decodeSafetensors}. */
export interface DecodedSafetensors {
  /** name → array, in the file's data order (fresh memory unless read with `copy: false`). */
  tensors: Map<string, NDArray>;
  /** The `__metadata__` strings, or null when the file has none. */
  metadata: Record<string, string> | null;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO32 = 4294967296;
// A lone surrogate has no UTF-8 form; the `u` flag makes the class match only unpaired ones.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Compares two strings by code points, i.e. as Rust compares their UTF-8 bytes. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800–0xDFFF) encode code points ≥ 0x10000, above every other code unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function checkText(s: string, what: string, role: string): void {
  if (LONE_SURROGATE.test(s)) {
    throw new ValueError(
      `${what}: the ${role} ${JSON.stringify(s)} holds a lone surrogate, which UTF-8 cannot encode`,
    );
  }
}

/** The element count of `shape` as NDArray counts it. */
function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A C-contiguous array with the same values as `a` (`a` itself when it already is one). */
function contiguous(a: NDArray): NDArray {
  return a.flags.cContiguous ? a : a.copy();
}

/**
 * The elements of `a` as safetensors stores them (C order, little-endian): a view on `a`'s own
 * memory when it already has that layout (no copy), else a fresh converted buffer.
 */
function elementBytes(a: NDArray, what: string, name: string): Uint8Array {
  const c = contiguous(a);
  const n = c.size;
  const data = c.data;
  const start = c.offset;
  const bpe = data.BYTES_PER_ELEMENT;
  if (n === 0) return new Uint8Array(0);
  if (c.dtype === 'int64') {
    const out = new Uint8Array(n * 8);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < n; i++) {
      const v = data[start + i];
      if (!Number.isInteger(v) || v < -9223372036854775808 || v >= 9223372036854775808) {
        throw new ValueError(
          `${what}: int64 array ${JSON.stringify(name)} holds ${v}, which is not a 64-bit integer`,
        );
      }
      const hi = Math.floor(v / TWO32);
      dv.setUint32(8 * i, v - hi * TWO32, true);
      dv.setInt32(8 * i + 4, hi, true);
    }
    return out;
  }
  if (c.dtype === 'bool') {
    const view = new Uint8Array(data.buffer, data.byteOffset + start, n);
    if (view.every((v) => v <= 1)) return view;
    return view.map((v) => (v !== 0 ? 1 : 0));
  }
  if (HOST_LITTLE_ENDIAN || bpe === 1)
    return new Uint8Array(data.buffer, data.byteOffset + start * bpe, n * bpe);
  const out = new Uint8Array(n * bpe);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const v = data[start + i];
    if (c.dtype === 'float64') dv.setFloat64(8 * i, v, true);
    else if (c.dtype === 'float32') dv.setFloat32(4 * i, v, true);
    else if (c.dtype === 'int32') dv.setInt32(4 * i, v, true);
    else dv.setUint32(4 * i, v, true);
  }
  return out;
}

/** A tensor placed in the data section: its name, array, dtype name and byte range. */
interface Placed {
  name: string;
  array: NDArray;
  dtype: SafetensorsDType;
  begin: number;
  end: number;
}

/** Sorts and places the tensors as the reference's `prepare` does. */
function place(tensors: StateDict, what: string): Placed[] {
  const items = stateDictEntries(tensors, what).map(([name, array]) => {
    if (name === '__metadata__') {
      throw new ValueError(
        `${what}: "__metadata__" is reserved for the header's metadata and cannot name a tensor`,
      );
    }
    checkText(name, what, 'tensor name');
    return { name, array, dtype: SAFETENSORS_DTYPE_OF[array.dtype], begin: 0, end: 0 };
  });
  items.sort((x, y) => RANK.get(y.dtype)! - RANK.get(x.dtype)! || compareCodePoints(x.name, y.name));
  let offset = 0;
  for (const t of items) {
    t.begin = offset;
    offset += t.array.nbytes;
    t.end = offset;
  }
  return items;
}

/** The header's JSON text (unpadded), in the reference's compact form and key order. */
function headerJson(placed: readonly Placed[], metadata: [string, string][] | null): string {
  const parts: string[] = [];
  if (metadata !== null) {
    const m = [...metadata].sort((x, y) => compareCodePoints(x[0], y[0]));
    parts.push(
      `"__metadata__":{${m.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
    );
  }
  for (const t of placed) {
    parts.push(
      `${JSON.stringify(t.name)}:{"dtype":"${t.dtype}","shape":[${t.array.shape.join(',')}],` +
        `"data_offsets":[${t.begin},${t.end}]}`,
    );
  }
  return `{${parts.join(',')}}`;
}

/** The 8-byte length prefix and the space-padded header, as one array. */
function headerBytes(json: string): Uint8Array {
  const text = new TextEncoder().encode(json);
  const n = Math.ceil(text.length / 8) * 8;
  const out = new Uint8Array(8 + n);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, n % TWO32, true);
  dv.setUint32(4, Math.floor(n / TWO32), true);
  out.set(text, 8);
  out.fill(0x20, 8 + text.length);
  return out;
}

/**
 * Serialises named arrays (and optional string metadata) to the bytes of a `.safetensors` file.
 *
 * `tensors` is a plain object, a Map or a list of pairs whose values are NDArrays or tensors with
 * `.data` — e.g. `model.stateDict()`. Non-contiguous arrays are written in C order. Throws
 * ValueError for the name `__metadata__`, a metadata value that is not a string, or text that
 * UTF-8 cannot encode (a lone surrogate).
 *
 * ```ts
 * const bytes = encodeSafetensors({ 'fc.weight': w, 'fc.bias': b }, { format: 'pt' });
 * ```
 */
export function encodeSafetensors(tensors: StateDict, metadata?: StringMap | null): Uint8Array {
  return concatChunks(encodeSafetensorsChunks(tensors, metadata ?? null));
}

/**
 * A file's bytes as consecutive chunks. Chunks may be views on the arrays' own memory, so that a
 * large file can be written without first copying it into one buffer.
 */
export type ByteChunks = Uint8Array[];

/** Joins chunks into one fresh array. */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0].slice();
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * {@link encodeSafetensors} as chunks: the header, then each tensor's bytes (views where the
 * array's memory already has the file's layout). With `filled`, the metadata value of
 * `filled.key` is computed from the data chunks (a checksum); it must have the same UTF-8 length
 * as its placeholder in `metadata`, so that the header keeps its length.
 * @internal
 */
export function encodeSafetensorsChunks(
  tensors: StateDict,
  metadata: StringMap | null,
  filled: { key: string; fill: (data: readonly Uint8Array[]) => string } | null = null,
): ByteChunks {
  const what = 'encodeSafetensors';
  const meta = metadata === null ? null : stringMapEntries(metadata, what);
  for (const [k, v] of meta ?? []) {
    checkText(k, what, 'metadata key');
    checkText(v, what, 'metadata value');
  }
  const placed = place(tensors, what);
  const chunks = [headerBytes(headerJson(placed, meta))];
  for (const t of placed) {
    const bytes = elementBytes(t.array, what, t.name);
    if (bytes.length > 0) chunks.push(bytes);
  }
  if (filled !== null && meta !== null) {
    const value = filled.fill(chunks.slice(1));
    const head = headerBytes(
      headerJson(
        placed,
        meta.map(([k, v]) => [k, k === filled.key ? value : v]),
      ),
    );
    if (head.length !== chunks[0].length) {
      throw new ValueError(
        `${what}: the filled-in value of ${JSON.stringify(filled.key)} changed the header length`,
      );
    }
    chunks[0] = head;
  }
  return chunks;
}

function asBytes(bytes: Uint8Array | ArrayBuffer): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/** A non-negative integer in a JSON node, or a FormatError. */
function readCount(node: JsonNode, what: string): number {
  if (node.kind !== 'number' || !node.integer || node.value < 0 || Object.is(node.value, -0)) {
    throw new FormatError(`${what}: expected a non-negative integer, found ${jsonKind(node)}`, node.offset);
  }
  if (!Number.isSafeInteger(node.value)) {
    throw new FormatError(
      `${what}: ${node.value} is larger than 2^53 − 1, the largest size mlseries handles`,
      node.offset,
    );
  }
  return node.value;
}

/**
 * Reads and validates the header of a safetensors file without touching the tensor data.
 * Throws FormatError (with the byte offset) for anything the format does not allow.
 */
export function parseSafetensorsHeader(bytes: Uint8Array | ArrayBuffer): SafetensorsHeader {
  const b = asBytes(bytes);
  const len = b.length;
  const W = 'safetensors';
  if (len < 8) {
    throw new FormatError(
      `${W}: the file is ${len} bytes long; expected at least 8 bytes holding the header length`,
      len,
    );
  }
  const dv = new DataView(b.buffer, b.byteOffset, 8);
  const lo = dv.getUint32(0, true);
  const hi = dv.getUint32(4, true);
  if (hi !== 0 || lo > SAFETENSORS_MAX_HEADER_SIZE) {
    const n = hi * TWO32 + lo;
    throw new FormatError(
      `${W}: header length ${n} is larger than the limit of ${SAFETENSORS_MAX_HEADER_SIZE} bytes ` +
        `(the file is ${len} bytes long)`,
      0,
    );
  }
  const n = lo;
  if (8 + n > len) {
    throw new FormatError(
      `${W}: header length ${n} runs past the end of the file; the file is ${len} bytes long, so at most ${len - 8} ` +
        `header bytes can follow the length (truncated file?)`,
      0,
    );
  }
  const root = parseJsonBytes(b.subarray(8, 8 + n), { base: 8, maxDepth: 8, what: `${W} header` });
  if (root.kind !== 'object') {
    throw new FormatError(`${W} header: expected a JSON object, found ${jsonKind(root)}`, root.offset);
  }

  let metadata: Record<string, string> | null = null;
  const tensors: SafetensorsEntry[] = [];
  const offsetNodes = new Map<SafetensorsEntry, number>();
  for (const { key, value } of root.entries) {
    if (key === '__metadata__') {
      if (value.kind === 'null') continue;
      if (value.kind !== 'object') {
        throw new FormatError(
          `${W} header: "__metadata__" must be an object of strings, found ${jsonKind(value)}`,
          value.offset,
        );
      }
      metadata = {};
      for (const m of value.entries) {
        if (m.value.kind !== 'string') {
          throw new FormatError(
            `${W} header: "__metadata__" values must be strings; ${JSON.stringify(m.key)} is ${jsonKind(m.value)}`,
            m.value.offset,
          );
        }
        defineEntry(metadata, m.key, m.value.value);
      }
      continue;
    }
    const T = `${W} header: tensor ${JSON.stringify(key)}`;
    if (value.kind !== 'object') {
      throw new FormatError(
        `${T}: expected an object {dtype, shape, data_offsets}, found ${jsonKind(value)}`,
        value.offset,
      );
    }
    let dtype: SafetensorsDType | null = null;
    let shape: number[] | null = null;
    let offsets: [number, number] | null = null;
    let offsetsAt = value.offset;
    for (const f of value.entries) {
      const v = f.value;
      if (f.key === 'dtype') {
        if (v.kind !== 'string')
          throw new FormatError(`${T}: "dtype" must be a string, found ${jsonKind(v)}`, v.offset);
        if (!RANK.has(v.value)) {
          throw new FormatError(
            `${T}: unknown dtype ${JSON.stringify(v.value)}; expected one of ${SAFETENSORS_DTYPES.join(', ')}`,
            v.offset,
          );
        }
        dtype = v.value as SafetensorsDType;
      } else if (f.key === 'shape') {
        if (v.kind !== 'array')
          throw new FormatError(`${T}: "shape" must be an array, found ${jsonKind(v)}`, v.offset);
        shape = v.items.map((d) => readCount(d, `${T}: "shape"`));
      } else if (f.key === 'data_offsets') {
        if (v.kind !== 'array' || v.items.length !== 2) {
          throw new FormatError(
            `${T}: "data_offsets" must be an array [begin, end], found ${v.kind === 'array' ? `${v.items.length} items` : jsonKind(v)}`,
            v.offset,
          );
        }
        offsets = [
          readCount(v.items[0], `${T}: "data_offsets"`),
          readCount(v.items[1], `${T}: "data_offsets"`),
        ];
        offsetsAt = v.offset;
      } else {
        throw new FormatError(
          `${T}: unexpected field ${JSON.stringify(f.key)}; expected only dtype, shape and data_offsets`,
          f.keyOffset,
        );
      }
    }
    for (const [field, got] of [
      ['dtype', dtype],
      ['shape', shape],
      ['data_offsets', offsets],
    ] as const) {
      if (got === null) throw new FormatError(`${T}: missing field "${field}"`, value.offset);
    }
    const entry: SafetensorsEntry = {
      name: key,
      dtype: dtype!,
      shape: shape!,
      dataOffsets: offsets!,
      headerOffset: value.offset,
    };
    tensors.push(entry);
    offsetNodes.set(entry, offsetsAt);
  }

  // The tensors must tile the data section: sorted by offsets, each begins where the last ended.
  tensors.sort((x, y) => x.dataOffsets[0] - y.dataOffsets[0] || x.dataOffsets[1] - y.dataOffsets[1]);
  let end = 0;
  for (const t of tensors) {
    const T = `${W} header: tensor ${JSON.stringify(t.name)}`;
    const [s, e] = t.dataOffsets;
    const at = offsetNodes.get(t)!;
    if (s !== end) {
      throw new FormatError(
        `${T}: data_offsets [${s}, ${e}] ${s < end ? 'overlap the previous tensor' : 'leave a gap'}; expected it to begin at ${end}, ` +
          'where the previous tensor ends (tensors must tile the data section)',
        at,
      );
    }
    if (e < s) throw new FormatError(`${T}: data_offsets [${s}, ${e}] end before they begin`, at);
    let count = 1;
    for (const d of t.shape) {
      count *= d;
      if (count > Number.MAX_SAFE_INTEGER) {
        throw new FormatError(
          `${T}: shape ${formatShape(t.shape)} has more than 2^53 − 1 elements`,
          t.headerOffset,
        );
      }
    }
    const bits = count * SAFETENSORS_DTYPE_BITS[t.dtype];
    if (bits % 8 !== 0 || bits / 8 !== e - s) {
      throw new FormatError(
        `${T}: ${t.dtype} ${formatShape(t.shape)} needs ${bits / 8} bytes but data_offsets [${s}, ${e}] hold ${e - s}`,
        at,
      );
    }
    end = e;
  }
  const dataStart = 8 + n;
  if (dataStart + end > len) {
    throw new FormatError(
      `${W}: the header describes ${end} bytes of tensor data but only ${len - dataStart} follow it; expected a file of ` +
        `${dataStart + end} bytes (truncated file?)`,
      len,
    );
  }
  if (dataStart + end < len) {
    throw new FormatError(
      `${W}: ${len - dataStart - end} unexpected bytes after the last tensor's data; expected the file to end at byte ` +
        `${dataStart + end}`,
      dataStart + end,
    );
  }
  return { headerLength: n, dataStart, metadata, tensors };
}

/** The values of one header entry as an NDArray (fresh memory). */
function readTensor(b: Uint8Array, dataStart: number, t: SafetensorsEntry, copy: boolean): NDArray {
  const dtype = DTYPE_FROM_SAFETENSORS[t.dtype];
  if (dtype === undefined) {
    const readable = Object.keys(DTYPE_FROM_SAFETENSORS).join(', ');
    throw new FormatError(
      `safetensors: tensor ${JSON.stringify(t.name)} has dtype ${t.dtype}, which mlseries cannot load; it reads ${readable}`,
      t.headerOffset,
    );
  }
  const start = dataStart + t.dataOffsets[0];
  const nbytes = t.dataOffsets[1] - t.dataOffsets[0];
  const n = sizeOf(t.shape);
  const src = b.subarray(start, start + nbytes);
  // The bytes in a fresh, aligned buffer — or, with copy: false, the input's own memory when it is
  // aligned for the element type.
  const own = (bpe: number): [ArrayBuffer, number] =>
    !copy && (b.byteOffset + start) % bpe === 0
      ? [b.buffer as ArrayBuffer, b.byteOffset + start]
      : [b.buffer.slice(b.byteOffset + start, b.byteOffset + start + nbytes) as ArrayBuffer, 0];
  const dv = new DataView(b.buffer, b.byteOffset + start, nbytes);
  let data: TypedArray;
  switch (t.dtype) {
    case 'F64':
    case 'F32':
    case 'I32':
    case 'U32': {
      const Ctor = { F64: Float64Array, F32: Float32Array, I32: Int32Array, U32: Uint32Array }[t.dtype];
      if (HOST_LITTLE_ENDIAN) {
        const [buf, at] = own(Ctor.BYTES_PER_ELEMENT);
        data = new Ctor(buf, at, n);
      } else {
        data = new Ctor(n);
        const get = {
          F64: (i: number) => dv.getFloat64(8 * i, true),
          F32: (i: number) => dv.getFloat32(4 * i, true),
          I32: (i: number) => dv.getInt32(4 * i, true),
          U32: (i: number) => dv.getUint32(4 * i, true),
        }[t.dtype];
        for (let i = 0; i < n; i++) data[i] = get(i);
      }
      break;
    }
    case 'I8':
      data = new Int8Array(...own(1), n);
      break;
    case 'U8':
      data = new Uint8Array(...own(1), n);
      break;
    case 'BOOL': {
      // bool arrays hold only 0 and 1: other bytes (which mean true) are normalised in a copy
      data = !copy && src.every((v) => v <= 1) ? src : src.map((v) => (v !== 0 ? 1 : 0));
      break;
    }
    case 'I16':
    case 'U16': {
      data = new Int32Array(n);
      for (let i = 0; i < n; i++)
        data[i] = t.dtype === 'I16' ? dv.getInt16(2 * i, true) : dv.getUint16(2 * i, true);
      break;
    }
    case 'I64':
    case 'U64': {
      data = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const lo = dv.getUint32(8 * i, true);
        const hi = t.dtype === 'I64' ? dv.getInt32(8 * i + 4, true) : dv.getUint32(8 * i + 4, true);
        const v = hi * TWO32 + lo; // exact while |hi| < 2^21
        if (hi >= 0x200000 || hi < -0x200000 || v < -Number.MAX_SAFE_INTEGER) {
          throw new FormatError(
            `safetensors: tensor ${JSON.stringify(t.name)} (${t.dtype}) holds a value beyond ±(2^53 − 1) at index ${i}, ` +
              "outside the exact range of mlseries' int64",
            start + 8 * i,
          );
        }
        data[i] = v;
      }
      break;
    }
    case 'F16':
    case 'BF16':
    case 'F8_E4M3':
    case 'F8_E5M2': {
      const out = new Float32Array(n);
      if (t.dtype === 'F16') decodeF16(src, out);
      else if (t.dtype === 'BF16') decodeBF16(src, out);
      else decodeF8(src, out, t.dtype === 'F8_E4M3' ? 'e4m3' : 'e5m2');
      data = out;
      break;
    }
    default:
      throw new FormatError(`safetensors: cannot load dtype ${t.dtype}`, t.headerOffset);
  }
  return NDArray.fromData(data, t.shape, dtype);
}

/** Options of {@link decodeSafetensors}. */
export interface SafetensorsReadOptions {
  /**
   * true (default): every array gets fresh memory. false: arrays whose bytes are stored as our
   * dtype and suitably aligned are views on `bytes` (no copy, as a memory map would give) — they
   * then change when `bytes` changes. The Node loaders use false on the buffer they read.
   */
  copy?: boolean;
}

/**
 * Reads the bytes of a `.safetensors` file: the arrays (name → NDArray, in file order) and the
 * `__metadata__` strings (null when absent). Validates the whole file first; any defect is a
 * FormatError naming the byte offset and what was expected.
 *
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * const w = tensors.get('fc.weight');
 * ```
 */
export function decodeSafetensors(
  bytes: Uint8Array | ArrayBuffer,
  opts: SafetensorsReadOptions = {},
): DecodedSafetensors {
  const b = asBytes(bytes);
  const header = parseSafetensorsHeader(b);
  const tensors = new Map<string, NDArray>();
  for (const t of header.tensors) tensors.set(t.name, readTensor(b, header.dataStart, t, opts.copy ?? true));
  return { tensors, metadata: header.metadata };
}
