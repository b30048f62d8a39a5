/**
 * Decoders for the narrow float formats that safetensors files hold and mlseries has no dtype for:
 * IEEE half (F16), bfloat16 (BF16) and the two 8-bit formats of "FP8 Formats for Deep Learning"
 * (F8_E4M3 = E4M3FN, F8_E5M2). Each widens exactly to float32: every value of these formats is a
 * float32 value, so nothing is rounded.
 *
 * Input is little-endian bytes, as in a safetensors file; output a Float32Array.
 */

let halfTable: Float32Array | null = null;

/** The float32 value of one IEEE 754 half-precision bit pattern `h` (0 … 0xffff). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24; // zero and subnormals: m · 2^(1−15−10)
  if (e === 0x1f) return m === 0 ? sign * Infinity : NaN;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** F16 → float32, through a 65,536-entry table built on first use. */
export function decodeF16(src: Uint8Array, out: Float32Array): void {
  if (halfTable === null) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = halfToFloat(h);
  }
  const t = halfTable;
  for (let i = 0; i < out.length; i++) out[i] = t[src[2 * i] | (src[2 * i + 1] << 8)];
}

/** BF16 → float32: a bfloat16 is the high half of a float32, so the bits shift into place. */
export function decodeBF16(src: Uint8Array, out: Float32Array): void {
  const bits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < out.length; i++) bits[i] = ((src[2 * i] | (src[2 * i + 1] << 8)) << 16) >>> 0;
}

/**
 * The value of one F8_E4M3 byte (E4M3FN: bias 7, no infinities, S.1111.111 is NaN, max ±448).
 */
export function e4m3ToFloat(v: number): number {
  const sign = v & 0x80 ? -1 : 1;
  const e = (v >> 3) & 0xf;
  const m = v & 0x7;
  if (e === 0xf && m === 0x7) return NaN;
  if (e === 0) return sign * m * 2 ** -9; // subnormals: m/8 · 2^(1−7)
  return sign * (1 + m / 8) * 2 ** (e - 7);
}

/** The value of one F8_E5M2 byte: the high byte of an IEEE half, with its infinities and NaNs. */
export function e5m2ToFloat(v: number): number {
  return halfToFloat(v << 8);
}

/** F8_E4M3 or F8_E5M2 bytes → float32 through a 256-entry table. */
export function decodeF8(src: Uint8Array, out: Float32Array, format: 'e4m3' | 'e5m2'): void {
  const t = new Float32Array(256);
  for (let v = 0; v < 256; v++) t[v] = format === 'e4m3' ? e4m3ToFloat(v) : e5m2ToFloat(v);
  for (let i = 0; i < out.length; i++) out[i] = t[src[i]];
}
