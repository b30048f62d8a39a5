/**
 * CRC-32 (IEEE 802.3, the checksum of zip and gzip): reflected polynomial 0xEDB88320, initial value
 * and final xor 0xFFFFFFFF. `crc32(bytes('123456789')) === 0xCBF43926`.
 */

// Slicing-by-8: table k maps a byte that is k positions further from the end of an 8-byte block,
// so one step consumes 8 bytes with 8 lookups (≈ 5× the byte-at-a-time loop).
let tables: Int32Array | null = null;

function crcTables(): Int32Array {
  if (tables !== null) return tables;
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[(k - 1) * 256 + n];
      t[k * 256 + n] = (prev >>> 8) ^ t[prev & 0xff];
    }
  }
  tables = t;
  return t;
}

/** The CRC-32 of `bytes`, as an unsigned 32-bit number; pass `crc` to continue a running checksum. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = crcTables();
  let c = ~crc;
  const n = bytes.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const lo = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    const hi = bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24);
    c =
      t[1792 + (lo & 0xff)] ^
      t[1536 + ((lo >>> 8) & 0xff)] ^
      t[1280 + ((lo >>> 16) & 0xff)] ^
      t[1024 + (lo >>> 24)] ^
      t[768 + (hi & 0xff)] ^
      t[512 + ((hi >>> 8) & 0xff)] ^
      t[256 + ((hi >>> 16) & 0xff)] ^
      t[hi >>> 24];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
