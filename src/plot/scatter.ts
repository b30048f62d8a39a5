/**
 * Scatter plots: `ax.scatter(x, y, { c: values, cmap: 'viridis', s: 30 })`. One colour, a colour per
 * point, or numbers mapped through a colormap (then it is a Mappable a colour bar can show).
 */
import type { Artist, Mappable } from './artist.js';
import { pointBounds } from './artist.js';
import { cssColor } from './color.js';
import { colormap, normalize, type Colormap, type ColormapName } from './colormap.js';
import { finiteExtent, toVector } from './data.js';
import { PlotError } from './errors.js';
import { drawMarker, type MarkerKind } from './markers.js';
import type { Ctx2D, Rect, RenderContext, Transform, Vector } from './types.js';

/** Options of `ax.scatter`. */
export interface ScatterOptions {
  /** Marker area in square pixels, one for all or one per point (default 36: 6 px across). */
  s?: number | Vector;
  /** A colour, one colour per point, or one number per point mapped through `cmap`. */
  c?: string | readonly string[] | Vector;
  /** Alias of `c` for a single colour. */
  color?: string;
  cmap?: ColormapName | `${ColormapName}_r` | Colormap;
  vmin?: number;
  vmax?: number;
  marker?: MarkerKind;
  alpha?: number;
  /** Outline colour of each marker (default none). */
  edgeColor?: string;
  lineWidth?: number;
  label?: string;
  zorder?: number;
}

/** A scatter artist (returned by `ax.scatter`). */
export class Scatter implements Artist, Mappable {
  readonly x: Float64Array;
  readonly y: Float64Array;
  zorder: number;
  label?: string;
  readonly cmap: Colormap;
  readonly vmin: number;
  readonly vmax: number;
  private readonly colors: (i: number) => string;
  private readonly sizes: (i: number) => number;
  readonly marker: MarkerKind;
  readonly options: ScatterOptions;

  constructor(x: Float64Array, y: Float64Array, defaultColor: string, options: ScatterOptions) {
    if (x.length !== y.length) {
      throw new PlotError(`scatter: x and y must have the same length, got ${x.length} and ${y.length}`);
    }
    const n = x.length;
    this.x = x;
    this.y = y;
    this.options = options;
    this.zorder = options.zorder ?? 1;
    this.label = options.label;
    this.marker = options.marker ?? 'o';
    this.cmap = colormap(options.cmap ?? 'viridis');
    const c = options.c ?? options.color ?? defaultColor;
    let values: Float64Array | undefined;
    let list: string[] | undefined;
    if (typeof c === 'string') list = [cssColor(c)];
    else if (Array.isArray(c) && typeof c[0] === 'string') {
      list = (c as readonly string[]).map(cssColor);
      if (list.length !== n) throw new PlotError(`scatter: ${list.length} colours for ${n} points`);
    } else {
      values = toVector(c as Vector, 'scatter c');
      if (values.length !== n) throw new PlotError(`scatter: ${values.length} values in c for ${n} points`);
    }
    const [lo, hi] = values ? finiteExtent(values) : [0, 1];
    this.vmin = options.vmin ?? lo;
    this.vmax = options.vmax ?? hi;
    if (values) {
      const v = values;
      this.colors = (i) => this.cmap.css(normalize(v[i]!, this.vmin, this.vmax));
    } else {
      const l = list!;
      this.colors = l.length === 1 ? () => l[0]! : (i) => l[i]!;
    }
    const s = options.s ?? 36;
    if (typeof s === 'number') {
      const d = Math.sqrt(s);
      this.sizes = () => d;
    } else {
      const sv = toVector(s, 'scatter s');
      if (sv.length !== n) throw new PlotError(`scatter: ${sv.length} sizes for ${n} points`);
      this.sizes = (i) => Math.sqrt(sv[i]!);
    }
  }

  bounds() {
    return pointBounds(this.x, this.y);
  }

  *points(): Iterable<readonly [number, number]> {
    for (let i = 0; i < this.x.length; i++) yield [this.x[i]!, this.y[i]!];
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    const edge = this.options.edgeColor ? cssColor(this.options.edgeColor) : undefined;
    for (let i = 0; i < this.x.length; i++) {
      const px = t.x(this.x[i]!);
      const py = t.y(this.y[i]!);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      drawMarker(ctx, this.marker, px, py, this.sizes(i), this.colors(i), edge, this.options.lineWidth ?? 1);
    }
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    const d = Math.min(box.height, this.sizes(0) || 6);
    drawMarker(ctx, this.marker, box.x + box.width / 2, box.y + box.height / 2, d, this.colors(0));
    ctx.restore();
  }
}
