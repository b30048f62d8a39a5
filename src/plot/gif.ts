/**
 * GIF files: encoding frames with gifenc (palette quantisation + LZW), and `gifInfo`, a small
 * parser of the GIF block structure (frames, sizes, delays, loop count) that checks what we wrote
 * without decoding pixels.
 */
import * as gifencModule from 'gifenc';
import type { GifencApi, GifEncoderStream } from 'gifenc';
import { PlotError } from './errors.js';

// NOTE: gifenc's ESM build (what bundlers take) has named exports; Node loads its CommonJS build,
// whose exports arrive under `default`. Accept both.
const gifencAny = gifencModule as unknown as Partial<GifencApi> & { default?: GifencApi };
const gifenc: GifencApi = gifencAny.GIFEncoder ? (gifencAny as GifencApi) : gifencAny.default!;

/** Options of a GIF: frame delay and looping. */
export interface GifOptions {
  /** Delay between frames in milliseconds (GIF stores centiseconds: 40 ms → 4). Default 40. */
  delay?: number;
  /** true (default) loops forever, false plays once, a number repeats that many times. */
  loop?: boolean | number;
}

/** Writes frames one at a time, so an animation never holds all frames in memory. */
export class GifWriter {
  private readonly stream: GifEncoderStream;
  private frames = 0;

  /**
   * @param palette a fixed palette for every frame (quantised once); without it each frame gets
   *   its own palette.
   */
  constructor(
    readonly width: number,
    readonly height: number,
    readonly options: GifOptions = {},
    private readonly palette?: number[][],
  ) {
    this.stream = gifenc.GIFEncoder();
  }

  /** Adds one frame of RGBA bytes (`width × height × 4`). */
  addFrame(rgba: Uint8Array | Uint8ClampedArray): void {
    if (rgba.length !== this.width * this.height * 4) {
      throw new PlotError(
        `gif: a ${this.width}×${this.height} frame needs ${this.width * this.height * 4} bytes, got ${rgba.length}`,
      );
    }
    const palette = this.palette ?? gifenc.quantize(rgba, 256);
    const index = gifenc.applyPalette(rgba, palette);
    const loop = this.options.loop ?? true;
    this.stream.writeFrame(index, this.width, this.height, {
      palette: this.palette && this.frames > 0 ? undefined : palette,
      delay: this.options.delay ?? 40,
      repeat: loop === true ? 0 : loop === false ? -1 : loop,
    });
    this.frames++;
  }

  /** Ends the stream and returns the file's bytes. */
  finish(): Uint8Array {
    this.stream.finish();
    return this.stream.bytes();
  }
}

/** A palette (≤ 256 colours) quantised from sample frames, shared by every frame of a GIF. */
export function quantizeFrames(samples: readonly (Uint8Array | Uint8ClampedArray)[]): number[][] {
  const total = samples.reduce((n, s) => n + s.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const s of samples) {
    joined.set(s, at);
    at += s.length;
  }
  return gifenc.quantize(joined, 256);
}

/** One image of a GIF as the file describes it. */
export interface GifFrameInfo {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Delay after this frame in milliseconds (from its Graphic Control Extension). */
  delay: number;
}

/** What {@link gifInfo} reads from a GIF file. */
export interface GifInfo {
  width: number;
  height: number;
  frames: GifFrameInfo[];
  /** NETSCAPE2.0 loop count: 0 forever, n repeats; null when absent (plays once). */
  loop: number | null;
}

/**
 * Parses a GIF's blocks: the logical screen, each Image Descriptor with the delay of the Graphic
 * Control Extension before it, and the NETSCAPE looping extension. Pixels are skipped, not decoded.
 */
export function gifInfo(bytes: Uint8Array): GifInfo {
  const u16 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8);
  const sig = String.fromCharCode(...bytes.subarray(0, 6));
  if (sig !== 'GIF89a' && sig !== 'GIF87a') throw new PlotError(`gifInfo: not a GIF (signature '${sig}')`);
  const width = u16(6);
  const height = u16(8);
  const flags = bytes[10]!;
  let p = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  const frames: GifFrameInfo[] = [];
  let loop: number | null = null;
  let delay = 0;
  const skipSubBlocks = () => {
    while (p < bytes.length && bytes[p] !== 0) p += bytes[p]! + 1;
    p++; // block terminator
  };
  while (p < bytes.length) {
    const b = bytes[p]!;
    if (b === 0x3b) return { width, height, frames, loop }; // trailer
    if (b === 0x21) {
      const label = bytes[p + 1]!;
      p += 2;
      if (label === 0xf9) delay = u16(p + 2) * 10;
      if (label === 0xff && String.fromCharCode(...bytes.subarray(p + 1, p + 12)) === 'NETSCAPE2.0')
        loop = u16(p + 14);
      skipSubBlocks();
    } else if (b === 0x2c) {
      frames.push({ left: u16(p + 1), top: u16(p + 3), width: u16(p + 5), height: u16(p + 7), delay });
      const f = bytes[p + 9]!;
      p += 10 + (f & 0x80 ? 3 * 2 ** ((f & 7) + 1) : 0);
      p++; // LZW minimum code size
      skipSubBlocks();
      delay = 0;
    } else throw new PlotError(`gifInfo: unexpected block 0x${b.toString(16)} at byte ${p}`);
  }
  throw new PlotError('gifInfo: missing trailer (truncated file?)');
}
