/**
 * Filled areas: `ax.fillBetween(x, y1, y2)` shades between two curves (a confidence band, the area
 * under a loss curve), and `ax.axhspan`/`ax.axvspan` shade a band across the Axes.
 */
import type { Artist } from './artist.js';
import { cssColor } from './color.js';
import { PlotError } from './errors.js';
import type { Bounds, Ctx2D, Rect, RenderContext, Transform } from './types.js';

/** Options of `ax.fillBetween`. */
export interface FillOptions {
  color?: string;
  /** Opacity (default 0.3, so the curves under it stay visible). */
  alpha?: number;
  edgeColor?: string;
  lineWidth?: number;
  label?: string;
  zorder?: number;
}

/** The area between two curves over the same x (returned by `ax.fillBetween`). */
export class FillBetween implements Artist {
  zorder: number;
  label?: string;
  readonly color: string;

  constructor(
    readonly x: Float64Array,
    readonly y1: Float64Array,
    readonly y2: Float64Array,
    defaultColor: string,
    readonly options: FillOptions,
  ) {
    if (x.length !== y1.length || x.length !== y2.length) {
      throw new PlotError(
        `fillBetween: x, y1 and y2 must have the same length, got ${x.length}, ${y1.length}, ${y2.length}`,
      );
    }
    this.zorder = options.zorder ?? 1;
    this.label = options.label;
    this.color = cssColor(options.color ?? defaultColor);
  }

  bounds(): Bounds | null {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < this.x.length; i++) {
      const x = this.x[i]!;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, this.y1[i]!, this.y2[i]!);
      y1 = Math.max(y1, this.y1[i]!, this.y2[i]!);
    }
    return x0 <= x1 ? [x0, x1, y0, y1] : null;
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    const n = this.x.length;
    if (n === 0) return;
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 0.3;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const px = t.x(this.x[i]!);
      const py = t.y(this.y1[i]!);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    for (let i = n - 1; i >= 0; i--) ctx.lineTo(t.x(this.x[i]!), t.y(this.y2[i]!));
    ctx.closePath();
    ctx.fillStyle = this.color;
    ctx.fill();
    if (this.options.edgeColor) {
      ctx.globalAlpha = 1;
      ctx.strokeStyle = cssColor(this.options.edgeColor);
      ctx.lineWidth = this.options.lineWidth ?? 1;
      ctx.stroke();
    }
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 0.3;
    ctx.fillStyle = this.color;
    ctx.fillRect(box.x, box.y + 1, box.width, box.height - 2);
    ctx.restore();
  }
}

/** A horizontal or vertical band across the whole Axes (returned by `ax.axhspan`/`ax.axvspan`). */
export class Span implements Artist {
  zorder: number;
  label?: string;
  readonly color: string;

  constructor(
    readonly direction: 'horizontal' | 'vertical',
    readonly lo: number,
    readonly hi: number,
    defaultColor: string,
    readonly options: FillOptions,
  ) {
    this.zorder = options.zorder ?? 0.5;
    this.label = options.label;
    this.color = cssColor(options.color ?? defaultColor);
  }

  bounds(): Bounds | null {
    return null;
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    const r = t.rect;
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 0.3;
    ctx.fillStyle = this.color;
    if (this.direction === 'horizontal') {
      const a = t.y(this.lo);
      const b = t.y(this.hi);
      ctx.fillRect(r.x, Math.min(a, b), r.width, Math.abs(b - a));
    } else {
      const a = t.x(this.lo);
      const b = t.x(this.hi);
      ctx.fillRect(Math.min(a, b), r.y, Math.abs(b - a), r.height);
    }
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 0.3;
    ctx.fillStyle = this.color;
    ctx.fillRect(box.x, box.y + 1, box.width, box.height - 2);
    ctx.restore();
  }
}
