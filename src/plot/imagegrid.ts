/**
 * Image grids: many small images in one figure, each with an optional title and no axes — MNIST
 * samples ("index label"), the filters of a conv layer, its feature maps.
 */
import type { Axes } from './axes.js';
import type { Colormap, ColormapName } from './colormap.js';
import { isArrayLikeND, type ImageInput } from './data.js';
import { PlotError } from './errors.js';
import { Figure, type FigureOptions } from './figure.js';
import type { ArrayLikeND } from './types.js';

/** Options of {@link imageGrid}. */
export interface ImageGridOptions extends FigureOptions {
  /** Columns of the grid (default: about square). */
  cols?: number;
  /** A title over each image. */
  titles?: readonly string[];
  cmap?: ColormapName | `${ColormapName}_r` | Colormap;
  /**
   * Colour limits: numbers fix them for all images; 'shared' uses the min/max of all images (so
   * tiles compare); default per image, as `imshow` does.
   */
  vmin?: number | 'shared';
  vmax?: number | 'shared';
  /** Shape of each flat image (default: square). */
  shape?: readonly number[];
  /** Pixel size of each tile when width/height are not given (default 96). */
  tileSize?: number;
  /** A title above the whole grid. */
  suptitle?: string;
}

/** Splits an NDArray-like of shape (N, H, W) or (N, H, W, C) into its N images. */
function splitImages(stack: ArrayLikeND): ImageInput[] {
  const [n, ...rest] = stack.shape;
  const arr = stack.toArray();
  if (Array.isArray(arr)) return arr as ImageInput[];
  const size = rest.reduce((p, k) => p * k, 1);
  const flat = arr as ArrayLike<number>;
  return Array.from({ length: n ?? 0 }, (_, i) => ({
    shape: rest,
    toArray: () => Array.prototype.slice.call(flat, i * size, (i + 1) * size) as number[],
  }));
}

/**
 * A figure showing `images` in a grid (`images` is a list of images or one stack of shape
 * (N, H, W[, C])). Returns the figure and the Axes of each image.
 */
export function imageGrid(
  images: readonly ImageInput[] | ArrayLikeND,
  opts: ImageGridOptions = {},
): { fig: Figure; axes: Axes[] } {
  const list = isArrayLikeND(images) ? splitImages(images) : images;
  const n = list.length;
  if (n === 0) throw new PlotError('imageGrid: no images');
  const cols = opts.cols ?? Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const tile = opts.tileSize ?? 96;
  const titleH = opts.titles ? 22 : 0;
  const fig = new Figure({
    ...opts,
    width: opts.width ?? cols * (tile + 8) + 12,
    height: opts.height ?? rows * (tile + titleH + 8) + 12 + (opts.suptitle ? 28 : 0),
  });
  if (opts.suptitle) fig.suptitle(opts.suptitle);
  const axes: Axes[] = [];
  let shared: [number, number] | undefined;
  if (opts.vmin === 'shared' || opts.vmax === 'shared') {
    let lo = Infinity;
    let hi = -Infinity;
    for (const img of list) {
      const probe = new Figure().subplot().imshow(img, { shape: opts.shape });
      lo = Math.min(lo, probe.vmin);
      hi = Math.max(hi, probe.vmax);
    }
    shared = [lo, hi];
  }
  list.forEach((img, i) => {
    const ax = fig.subplot(rows, cols, i + 1);
    ax.imshow(img, {
      cmap: opts.cmap ?? 'gray',
      shape: opts.shape,
      vmin: opts.vmin === 'shared' ? shared![0] : opts.vmin,
      vmax: opts.vmax === 'shared' ? shared![1] : opts.vmax,
    });
    ax.axis('off');
    const title = opts.titles?.[i];
    if (title !== undefined) ax.title(title, { fontSize: 12 });
    axes.push(ax);
  });
  return { fig, axes };
}
