/**
 * The zip container of `.npz` files and the gzip wrapper of `.gz` IDX files, on bytes.
 *
 * Reading walks the central directory (zip64 included, as Python's zipfile writes with
 * `force_zip64`), takes each entry's sizes from there, inflates method 8 with fflate and checks
 * every CRC-32. Anything inconsistent — a signature missing, an offset past the end, sizes that
 * disagree, a bad checksum — is a FormatError naming the byte offset. Writing produces plain
 * (non-zip64) archives with stored or deflated entries and a fixed 1980-01-01 timestamp, so the
 * same arrays always give the same bytes.
 */
import { deflateSync, inflateSync } from 'fflate';
import { FormatError, ValueError } from '../errors.js';
import { crc32 } from './crc32.js';

/** One file inside a zip archive. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
// The largest expansion raw deflate can achieve is 1032:1; anything claiming more is corrupt.
const MAX_DEFLATE_RATIO = 1032;

function u16(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8);
}
function u32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}
function u64(b: Uint8Array, p: number): number {
  // exact below 2^53; larger values can only be corrupt here (they exceed any real file)
  return u32(b, p) + u32(b, p + 4) * 4294967296;
}

/**
 * Inflates raw deflate data; corrupt input is a FormatError (fflate throws plain errors). With
 * `size` (the length the container announces) the output goes straight into a buffer of that size;
 * a stream that really inflates to more is cut there, which the caller's CRC check then rejects.
 */
export function inflateRaw(data: Uint8Array, what: string, at: number, size?: number): Uint8Array {
  try {
    return size === undefined ? inflateSync(data) : inflateSync(data, { out: new Uint8Array(size) });
  } catch (e) {
    throw new FormatError(`${what}: corrupt deflate stream (${(e as Error).message})`, at);
  }
}

/**
 * Reads every entry of a zip archive. Entries are returned in central-directory order with their
 * uncompressed contents; stored (0) and deflated (8) entries are supported.
 */
export function readZip(bytes: Uint8Array, what = 'zip'): ZipEntry[] {
  const n = bytes.length;
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes at the end.
  let eocd = -1;
  for (let p = n - 22; p >= Math.max(0, n - 22 - 0xffff); p--) {
    if (u32(bytes, p) === SIG_EOCD && p + 22 + u16(bytes, p + 20) <= n) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) {
    throw new FormatError(
      `${what}: not a zip archive: no end-of-central-directory record (PK\\x05\\x06) in the last ${Math.min(n, 22 + 0xffff)} bytes`,
      Math.max(0, n - 22),
    );
  }
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) {
    throw new FormatError(`${what}: multi-disk zip archives are not supported`, eocd + 4);
  }
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  let cdLimit = eocd; // the central directory must end before the EOCD record(s)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== SIG_ZIP64_LOCATOR) {
      throw new FormatError(`${what}: expected a zip64 end-of-central-directory locator`, Math.max(0, loc));
    }
    const z = u64(bytes, loc + 8);
    if (z + 56 > loc || u32(bytes, z) !== SIG_ZIP64_EOCD) {
      throw new FormatError(`${what}: expected a zip64 end-of-central-directory record`, Math.min(z, n));
    }
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
    cdLimit = z;
  }
  if (cdOffset + cdSize > cdLimit) {
    throw new FormatError(
      `${what}: central directory (offset ${cdOffset}, ${cdSize} bytes) runs past the end-of-directory record at ${cdLimit}`,
      eocd + 16,
    );
  }
  if (count * 46 > cdSize) {
    throw new FormatError(
      `${what}: ${count} entries cannot fit a ${cdSize}-byte central directory`,
      eocd + 10,
    );
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdEnd || u32(bytes, p) !== SIG_CENTRAL) {
      throw new FormatError(`${what}: expected central directory entry ${k} (PK\\x01\\x02)`, p);
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let csize = u32(bytes, p + 20);
    let usize = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd)
      throw new FormatError(`${what}: central directory entry ${k} runs past the directory`, p);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? new TextDecoder().decode(nameBytes) : String.fromCharCode(...nameBytes);
    // zip64 extra field: the 64-bit sizes replace the 32-bit fields that read 0xFFFFFFFF, in order
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (e + 4 + len > extraEnd) throw new FormatError(`${what}: extra field of '${name}' is truncated`, e);
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number => {
          if (q + 8 > e + 4 + len)
            throw new FormatError(`${what}: zip64 extra field of '${name}' is too short`, q);
          const v = u64(bytes, q);
          q += 8;
          return v;
        };
        if (usize === 0xffffffff) usize = take();
        if (csize === 0xffffffff) csize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      e += 4 + len;
    }
    if (flags & 0x1) throw new FormatError(`${what}: entry '${name}' is encrypted`, p + 8);
    if (method !== 0 && method !== 8) {
      throw new FormatError(
        `${what}: entry '${name}' uses compression method ${method}; expected 0 (stored) or 8 (deflated)`,
        p + 10,
      );
    }
    if (seen.has(name)) throw new FormatError(`${what}: duplicate entry '${name}'`, p);
    seen.add(name);
    // the local header repeats the name and may carry a different extra field; skip both
    const lh = localOffset;
    if (lh + 30 > cdOffset || u32(bytes, lh) !== SIG_LOCAL) {
      throw new FormatError(
        `${what}: expected the local header of '${name}' (PK\\x03\\x04)`,
        Math.min(lh, n),
      );
    }
    const dataAt = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
    if (dataAt + csize > cdOffset) {
      throw new FormatError(
        `${what}: entry '${name}' claims ${csize} bytes of data at ${dataAt}, past the central directory at ${cdOffset}`,
        lh,
      );
    }
    const raw = bytes.subarray(dataAt, dataAt + csize);
    let data: Uint8Array;
    if (method === 0) {
      if (usize !== csize) {
        throw new FormatError(`${what}: stored entry '${name}' has sizes ${csize} ≠ ${usize}`, p + 20);
      }
      data = raw;
    } else {
      if (usize > csize * MAX_DEFLATE_RATIO + 1024) {
        throw new FormatError(`${what}: entry '${name}' claims an impossible size ${usize}`, p + 24);
      }
      data = inflateRaw(raw, `${what}: entry '${name}'`, dataAt, usize);
      if (data.length !== usize) {
        throw new FormatError(
          `${what}: entry '${name}' inflates to ${data.length} bytes; the directory says ${usize}`,
          dataAt,
        );
      }
    }
    const actual = crc32(data);
    if (actual !== crc) {
      throw new FormatError(
        `${what}: CRC-32 mismatch in '${name}': stored 0x${crc.toString(16).padStart(8, '0')}, ` +
          `computed 0x${actual.toString(16).padStart(8, '0')}`,
        dataAt,
      );
    }
    entries.push({ name, data });
    p = next;
  }
  return entries;
}

/** Options of `writeZip`. */
export interface ZipWriteOptions {
  /** Deflate the entries (method 8, like `np.savez_compressed`); default false (stored). */
  compress?: boolean;
  /** Deflate level 0–9 when compressing; default 6 (zlib's and Python's default). */
  level?: number;
}

/** Builds a zip archive of `entries`. */
export function writeZip(entries: readonly ZipEntry[], opts: ZipWriteOptions = {}): Uint8Array {
  const enc = new TextEncoder();
  const level = (opts.level ?? 6) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const DOS_DATE_1980 = 0x21; // 1980-01-01, time 00:00:00
  for (const { name, data } of entries) {
    const nameBytes = enc.encode(name);
    const utf8 = nameBytes.length !== name.length || /[^\x20-\x7e]/.test(name);
    const method = opts.compress ? 8 : 0;
    const body = opts.compress ? deflateSync(data, { level }) : data;
    const crc = crc32(data);
    if (body.length >= 0xffffffff || data.length >= 0xffffffff || offset >= 0xffffffff) {
      throw new ValueError(`writeZip: entry '${name}' needs zip64 (over 4 GiB), which is not supported`);
    }
    const fields = (h: DataView, at: number): void => {
      h.setUint16(at, 20, true); // version needed: 2.0
      h.setUint16(at + 2, utf8 ? 0x800 : 0, true);
      h.setUint16(at + 4, method, true);
      h.setUint16(at + 6, 0, true); // time
      h.setUint16(at + 8, DOS_DATE_1980, true);
      h.setUint32(at + 10, crc, true);
      h.setUint32(at + 14, body.length, true);
      h.setUint32(at + 18, data.length, true);
      h.setUint16(at + 22, nameBytes.length, true);
      h.setUint16(at + 24, 0, true); // extra length
    };
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    fields(lv, 4);
    local.set(nameBytes, 30);
    const cen = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, 20, true); // version made by
    fields(cv, 6);
    // comment length, disk, internal and external attributes stay 0
    cv.setUint32(42, offset, true);
    cen.set(nameBytes, 46);
    parts.push(local, body);
    central.push(cen);
    offset += local.length + body.length;
  }
  if (entries.length >= 0xffff) throw new ValueError('writeZip: more than 65534 entries needs zip64');
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, SIG_EOCD, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let q = 0;
  for (const part of [...parts, ...central, eocd]) {
    out.set(part, q);
    q += part.length;
  }
  return out;
}

/**
 * Decompresses a single-member gzip file (RFC 1952) and checks its CRC-32 and length trailer.
 * Bytes appended after the member make the trailer check fail, so they are a FormatError too.
 */
export function gunzip(bytes: Uint8Array, what = 'gzip'): Uint8Array {
  if (bytes.length < 18) throw new FormatError(`${what}: truncated gzip file (${bytes.length} bytes)`, 0);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new FormatError(`${what}: expected the gzip magic 1f 8b`, 0);
  if (bytes[2] !== 8) throw new FormatError(`${what}: gzip compression method ${bytes[2]}; expected 8`, 2);
  const flg = bytes[3];
  if (flg & 0xe0) throw new FormatError(`${what}: reserved gzip flag bits set`, 3);
  let p = 10;
  if (flg & 4) p += 2 + u16(bytes, p); // extra field
  for (const bit of [8, 16]) {
    if (flg & bit) {
      while (p < bytes.length && bytes[p] !== 0) p++; // zero-terminated file name / comment
      p++;
    }
  }
  if (flg & 2) p += 2; // header CRC-16
  const trailerAt = bytes.length - 8;
  if (p > trailerAt) throw new FormatError(`${what}: truncated gzip header`, Math.min(p, bytes.length));
  const crc = u32(bytes, trailerAt);
  const isize = u32(bytes, trailerAt + 4); // the length mod 2^32
  if (isize > (trailerAt - p) * MAX_DEFLATE_RATIO + 1024) {
    throw new FormatError(`${what}: gzip trailer claims an impossible length ${isize}`, trailerAt + 4);
  }
  const data = inflateRaw(bytes.subarray(p, trailerAt), what, p, isize);
  const actual = crc32(data);
  if (actual !== crc) {
    throw new FormatError(
      `${what}: gzip CRC-32 mismatch: stored 0x${crc.toString(16).padStart(8, '0')}, ` +
        `computed 0x${actual.toString(16).padStart(8, '0')}`,
      trailerAt,
    );
  }
  if (data.length >>> 0 !== isize) {
    throw new FormatError(
      `${what}: gzip length mismatch: trailer says ${isize}, inflated ${data.length}`,
      trailerAt + 4,
    );
  }
  return data;
}
