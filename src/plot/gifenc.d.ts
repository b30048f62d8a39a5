// Types for gifenc 1.0.3 (the package ships none): the parts this package uses.
declare module 'gifenc' {
  export type Palette = number[][];
  export interface GifFrameOptions {
    palette?: Palette;
    first?: boolean;
    transparent?: boolean;
    transparentIndex?: number;
    /** Frame delay in milliseconds (stored in centiseconds). */
    delay?: number;
    /** 0 loops forever, -1 plays once, n > 0 repeats n times. */
    repeat?: number;
    dispose?: number;
  }
  export interface GifEncoderStream {
    writeFrame(index: Uint8Array, width: number, height: number, opts?: GifFrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
    bytesView(): Uint8Array;
  }
  export interface GifencApi {
    GIFEncoder(opts?: { auto?: boolean; initialCapacity?: number }): GifEncoderStream;
    quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number, opts?: { format?: string }): Palette;
    applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: string): Uint8Array;
  }
  // NOTE: bundlers get named exports (the ESM build), Node only `default` (the CommonJS build):
  // only the default is declared, and gif.ts looks for both at run time.
  const api: GifencApi;
  export default api;
}
