/**
 * Vector fields: `ax.quiver(x, y, u, v)` draws an arrow (u, v) at each (x, y), e.g. the negative
 * gradient of a loss surface. As in Matplotlib (angles 'uv', scale units 'width'), arrow directions
 * are taken on screen and lengths are `|(u, v)| / scale` Axes widths; by default the longest arrow
 * is 0.9 of the typical spacing between arrows.
 */
import type { Artist, Mappable } from './artist.js';
import { pointBounds } from './artist.js';
import { cssColor } from './color.js';
import { colormap, normalize, type Colormap, type ColormapName } from './colormap.js';
import { finiteExtent, flattenND, isArrayLikeND } from './data.js';
import { PlotError } from './errors.js';
import type { Ctx2D, Matrix, Rect, RenderContext, Transform, Vector } from './types.js';

/** Options of `ax.quiver`. */
export interface QuiverOptions {
  color?: string;
  /** One number per arrow, coloured through `cmap` (e.g. the magnitude). */
  c?: Vector | Matrix;
  cmap?: ColormapName | `${ColormapName}_r` | Colormap;
  /** Vector units per Axes width (Matplotlib's `scale`); default: fitted to the spacing. */
  scale?: number;
  /** Shaft width in pixels (default 1.5). */
  width?: number;
  /** Which part of the arrow sits on (x, y) (default 'tail'). */
  pivot?: 'tail' | 'middle' | 'tip';
  alpha?: number;
  label?: string;
  zorder?: number;
}

/** Flattens a vector or a matrix of numbers (quiver accepts meshgrid-style inputs). */
function flat(v: Vector | Matrix, what: string): Float64Array {
  if (isArrayLikeND(v)) return flattenND(v);
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const row = v[i];
    if (typeof row === 'number') out.push(row);
    else for (let j = 0; j < (row as ArrayLike<number>).length; j++) out.push((row as ArrayLike<number>)[j]!);
  }
  if (out.some((x) => typeof x !== 'number')) throw new PlotError(`quiver: ${what} must hold numbers`);
  return Float64Array.from(out);
}

/** A field of arrows (returned by `ax.quiver`). */
export class Quiver implements Artist, Mappable {
  zorder: number;
  label?: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly cmap: Colormap;
  readonly vmin: number;
  readonly vmax: number;
  private readonly values?: Float64Array;
  readonly color: string;

  constructor(
    x: Vector | Matrix,
    y: Vector | Matrix,
    u: Vector | Matrix,
    v: Vector | Matrix,
    defaultColor: string,
    readonly options: QuiverOptions,
  ) {
    this.x = flat(x, 'x');
    this.y = flat(y, 'y');
    this.u = flat(u, 'u');
    this.v = flat(v, 'v');
    const n = this.x.length;
    if (this.y.length !== n || this.u.length !== n || this.v.length !== n) {
      throw new PlotError(
        `quiver: x, y, u, v must have the same size, got ${n}, ${this.y.length}, ${this.u.length}, ${this.v.length}`,
      );
    }
    this.zorder = options.zorder ?? 2;
    this.label = options.label;
    this.color = cssColor(options.color ?? defaultColor);
    this.cmap = colormap(options.cmap ?? 'viridis');
    if (options.c !== undefined) {
      this.values = flat(options.c, 'c');
      if (this.values.length !== n)
        throw new PlotError(`quiver: ${this.values.length} values in c for ${n} arrows`);
    }
    const [lo, hi] = this.values ? finiteExtent(this.values) : [0, 1];
    this.vmin = lo;
    this.vmax = hi;
  }

  bounds() {
    return pointBounds(this.x, this.y);
  }

  *points(): Iterable<readonly [number, number]> {
    for (let i = 0; i < this.x.length; i++) yield [this.x[i]!, this.y[i]!];
  }

  /** Pixels per vector unit in the given plot area. */
  pixelsPerUnit(rect: Rect): number {
    if (this.options.scale) return rect.width / this.options.scale;
    let maxMag = 0;
    for (let i = 0; i < this.u.length; i++) maxMag = Math.max(maxMag, Math.hypot(this.u[i]!, this.v[i]!));
    const spacing = Math.sqrt((rect.width * rect.height) / Math.max(1, this.x.length));
    return maxMag > 0 ? (0.9 * spacing) / maxMag : 0;
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    const k = this.pixelsPerUnit(t.rect);
    const width = this.options.width ?? 1.5;
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    for (let i = 0; i < this.x.length; i++) {
      const dx = this.u[i]! * k;
      const dy = -this.v[i]! * k;
      let x0 = t.x(this.x[i]!);
      let y0 = t.y(this.y[i]!);
      if (!Number.isFinite(x0 + y0 + dx + dy)) continue;
      const pivot = this.options.pivot ?? 'tail';
      const shift = pivot === 'tail' ? 0 : pivot === 'middle' ? 0.5 : 1;
      x0 -= dx * shift;
      y0 -= dy * shift;
      const color = this.values
        ? this.cmap.css(normalize(this.values[i]!, this.vmin, this.vmax))
        : this.color;
      drawArrow(ctx, x0, y0, x0 + dx, y0 + dy, color, width);
    }
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    const y = box.y + box.height / 2;
    drawArrow(ctx, box.x, y, box.x + box.width, y, this.color, this.options.width ?? 1.5);
  }
}

/**
 * A filled arrow from (x0, y0) to (x1, y1) in pixels: shaft `width` wide, head 4.5 widths long and
 * 3.5 wide (shrunk for short arrows).
 */
export function drawArrow(
  ctx: Ctx2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  color: string,
  width: number,
  head = { length: 4.5, width: 3.5 },
): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 1e-9) return;
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const headLen = Math.min(len, head.length * Math.max(width, 1.5));
  const headW = (head.width * Math.max(width, 1.5)) / 2;
  const bx = x1 - ux * headLen;
  const by = y1 - uy * headLen;
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.lineCap = 'butt';
  if (len > headLen) {
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(bx, by);
    ctx.stroke();
  }
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(bx - uy * headW, by + ux * headW);
  ctx.lineTo(bx + uy * headW, by - ux * headW);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
