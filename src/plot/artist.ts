/**
 * The artist contract: everything an Axes holds (lines, images, contours …) tells the Axes its data
 * extent for autoscaling and draws itself through the Axes' data-to-pixel transform.
 */
import type { Colormap } from './colormap.js';
import type { Bounds, Ctx2D, Rect, RenderContext, Transform } from './types.js';

/** Something drawn inside an Axes. */
export interface Artist {
  /** Drawing order: higher is drawn later (on top). */
  zorder: number;
  /** The legend text; artists without one stay out of the legend. */
  label?: string;
  /** Data extent for autoscaling, or null to take no part in it. */
  bounds(): Bounds | null;
  /**
   * Values the autoscale margin must not cross (Matplotlib's sticky edges): an image's edges, a
   * bar chart's baseline.
   */
  readonly stickyX?: readonly number[];
  readonly stickyY?: readonly number[];
  /** Whether drawing is clipped to the plot area (default true). */
  readonly clip?: boolean;
  draw(rc: RenderContext, t: Transform): void;
  /** Draws the little sample in a legend row. */
  legendKey?(ctx: Ctx2D, box: Rect): void;
  /** Data points the legend should avoid covering (legend 'best'). */
  points?(): Iterable<readonly [number, number]>;
}

/** An artist coloured through a colormap, which a colour bar can describe. */
export interface Mappable {
  readonly cmap: Colormap;
  readonly vmin: number;
  readonly vmax: number;
  /** Band edges of a filled contour: the colour bar then shows discrete bands. */
  readonly levels?: readonly number[];
  /** The colour of each band when given explicitly. */
  readonly bandColors?: readonly string[];
}

/** Union of extents (null when none). */
export function unionBounds(bounds: readonly (Bounds | null)[]): Bounds | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const b of bounds) {
    if (!b) continue;
    if (b[0] < x0) x0 = b[0];
    if (b[1] > x1) x1 = b[1];
    if (b[2] < y0) y0 = b[2];
    if (b[3] > y1) y1 = b[3];
  }
  return x0 <= x1 && y0 <= y1 ? [x0, x1, y0, y1] : null;
}

/** Extent of paired x/y values, skipping non-finite ones (and non-positive ones on log axes). */
export function pointBounds(xs: ArrayLike<number>, ys: ArrayLike<number>): Bounds | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x0 <= x1 ? [x0, x1, y0, y1] : null;
}
