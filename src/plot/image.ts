/**
 * Images and heat maps: `ax.imshow(img, { cmap: 'gray' })`. Scalar images go through a colormap
 * (viridis by default); RGB(A) images are shown as they are. Pixels are drawn to an offscreen canvas
 * once and scaled with `drawImage`, nearest-neighbour by default, so each input pixel is a crisp
 * block (an image-grid tile reads back exactly the input values).
 */
import type { Artist, Mappable } from './artist.js';
import { colormap, normalize, type Colormap, type ColormapName } from './colormap.js';
import { finiteExtent, toImage, type ImageGrid, type ImageInput } from './data.js';
import type { Bounds, Ctx2D, Rect, RenderContext, Transform } from './types.js';

/** Options of `ax.imshow`. */
export interface ImshowOptions {
  cmap?: ColormapName | `${ColormapName}_r` | Colormap;
  vmin?: number;
  vmax?: number;
  /** Data extent `[left, right, bottom, top]` (default: pixel centres at integers). */
  extent?: readonly [number, number, number, number];
  /** Row 0 at the top ('upper', default, as Matplotlib) or at the bottom ('lower'). */
  origin?: 'upper' | 'lower';
  /** 'equal' (default) keeps pixels square; 'auto' fills the Axes. */
  aspect?: 'equal' | 'auto' | number;
  /** 'nearest' (default) shows pixels as blocks; 'bilinear' lets the canvas smooth them. */
  interpolation?: 'nearest' | 'bilinear';
  alpha?: number;
  /** Shape of a flat input, e.g. `[28, 28]` (a flat square input needs none). */
  shape?: readonly number[];
  label?: string;
  zorder?: number;
}

/** RGBA bytes of an image: colormapped when scalar, NaN transparent. */
export function imageToRgba(img: ImageGrid, cmap: Colormap, vmin: number, vmax: number): Uint8ClampedArray {
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(4 * n);
  const { data, channels } = img;
  if (channels === 1) {
    const lut = cmap.lut;
    const scale = vmax === vmin ? 0 : 256 / (vmax - vmin);
    for (let p = 0; p < n; p++) {
      const v = data[p]!;
      if (!Number.isFinite(v)) continue; // transparent
      let i = Math.floor((v - vmin) * scale);
      if (vmax === vmin) i = 128;
      i = i < 0 ? 0 : i > 255 ? 255 : i;
      out[4 * p] = lut[3 * i]!;
      out[4 * p + 1] = lut[3 * i + 1]!;
      out[4 * p + 2] = lut[3 * i + 2]!;
      out[4 * p + 3] = 255;
    }
    return out;
  }
  const k = img.byteRange ? 1 : 255;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 3; c++) out[4 * p + c] = Math.round(data[p * channels + c]! * k);
    out[4 * p + 3] = channels === 4 ? Math.round(data[p * channels + 3]! * k) : 255;
  }
  return out;
}

/** An image artist (returned by `ax.imshow`). */
export class Image implements Artist, Mappable {
  zorder: number;
  label?: string;
  readonly image: ImageGrid;
  readonly cmap: Colormap;
  readonly vmin: number;
  readonly vmax: number;
  readonly extent: readonly [number, number, number, number];
  readonly rgba: Uint8ClampedArray;

  constructor(
    input: ImageInput,
    readonly options: ImshowOptions,
  ) {
    this.image = toImage(input, options.shape);
    this.zorder = options.zorder ?? 0;
    this.label = options.label;
    this.cmap = colormap(options.cmap ?? 'viridis');
    const [lo, hi] = this.image.channels === 1 ? finiteExtent(this.image.data) : [0, 1];
    this.vmin = options.vmin ?? (Number.isFinite(lo) ? lo : 0);
    this.vmax = options.vmax ?? (Number.isFinite(hi) ? hi : 1);
    const { width: w, height: h } = this.image;
    const upper = (options.origin ?? 'upper') === 'upper';
    this.extent = options.extent ?? [-0.5, w - 0.5, upper ? h - 0.5 : -0.5, upper ? -0.5 : h - 0.5];
    this.rgba = imageToRgba(this.image, this.cmap, this.vmin, this.vmax);
  }

  bounds(): Bounds {
    const [l, r, b, t] = this.extent;
    return [Math.min(l, r), Math.max(l, r), Math.min(b, t), Math.max(b, t)];
  }

  get stickyX(): readonly number[] {
    return [this.extent[0], this.extent[1]];
  }

  get stickyY(): readonly number[] {
    return [this.extent[2], this.extent[3]];
  }

  /** The colour of a value under this image's colormap and limits (what the pixel shows). */
  colorOf(v: number): [number, number, number] {
    return this.cmap.rgb(normalize(v, this.vmin, this.vmax));
  }

  draw(rc: RenderContext, t: Transform): void {
    const { width: w, height: h } = this.image;
    const surface = rc.createSurface(w, h);
    const data = surface.ctx.createImageData(w, h);
    data.data.set(this.rgba);
    surface.ctx.putImageData(data, 0, 0);
    const [left, right, bottom, top] = this.extent;
    const upper = (this.options.origin ?? 'upper') === 'upper';
    // Row 0 sits at the `top` edge for origin 'upper', at `bottom` for 'lower'.
    const y0 = t.y(upper ? top : bottom);
    const y1 = t.y(upper ? bottom : top);
    const x0 = t.x(left);
    const x1 = t.x(right);
    const { ctx } = rc;
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    ctx.imageSmoothingEnabled = this.options.interpolation === 'bilinear';
    ctx.translate(x0, y0);
    ctx.scale((x1 - x0) / w, (y1 - y0) / h);
    ctx.drawImage(surface.canvas, 0, 0);
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.fillStyle = this.cmap.css(0.5);
    ctx.fillRect(box.x, box.y + 1, box.width, box.height - 2);
  }
}
