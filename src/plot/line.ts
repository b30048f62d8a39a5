/**
 * Lines: `ax.plot(x, y, 'r--o')`. A polyline through the points (broken at NaN), solid, dashed,
 * dotted or dash-dot, with optional markers at the vertices.
 */
import type { Artist } from './artist.js';
import { pointBounds } from './artist.js';
import { cssColor } from './color.js';
import { PlotError } from './errors.js';
import { drawMarker, MARKER_KINDS, type MarkerKind } from './markers.js';
import type { Ctx2D, Rect, RenderContext, Transform } from './types.js';

/** Matplotlib's line styles, by code or name. */
export type LineStyle = '-' | '--' | ':' | '-.' | 'none' | 'solid' | 'dashed' | 'dotted' | 'dashdot';

/** Options of `ax.plot`. Widths and sizes are CSS pixels. */
export interface LineOptions {
  color?: string;
  lineWidth?: number;
  lineStyle?: LineStyle;
  marker?: MarkerKind | 'none';
  /** Marker diameter in pixels (default 6). */
  markerSize?: number;
  markerFaceColor?: string;
  markerEdgeColor?: string;
  label?: string;
  alpha?: number;
  zorder?: number;
}

/**
 * Parses a Matplotlib format string such as `'r--'`, `'o'`, `'k:'`, `'b-o'`, `'C1.-'`: an optional
 * colour (one letter or `C0`–`C9`), marker and line style in any order.
 */
export function parseFormat(fmt: string): Pick<LineOptions, 'color' | 'lineStyle' | 'marker'> {
  const out: Pick<LineOptions, 'color' | 'lineStyle' | 'marker'> = {};
  let s = fmt;
  const cycle = /C\d/.exec(s);
  if (cycle) {
    out.color = cycle[0];
    s = s.replace(cycle[0], '');
  }
  for (const style of ['--', '-.', '-', ':'] as const) {
    if (s.includes(style)) {
      out.lineStyle = style;
      s = s.replace(style, '');
      break;
    }
  }
  for (const ch of s) {
    if ((MARKER_KINDS as readonly string[]).includes(ch) && !out.marker) out.marker = ch as MarkerKind;
    else if ('bgrcmykw'.includes(ch) && !out.color) out.color = ch;
    else throw new PlotError(`plot: cannot parse format string '${fmt}' at '${ch}'`);
  }
  if (out.marker && !out.lineStyle) out.lineStyle = 'none';
  return out;
}

/** Dash pattern for a style, scaled by the line width as Matplotlib does. */
export function dashPattern(style: LineStyle | undefined, width: number): number[] {
  const w = Math.max(1, width);
  switch (style) {
    case '--':
    case 'dashed':
      return [3.7 * w, 1.6 * w];
    case ':':
    case 'dotted':
      return [1 * w, 1.65 * w];
    case '-.':
    case 'dashdot':
      return [6.4 * w, 1.6 * w, 1 * w, 1.6 * w];
    default:
      return [];
  }
}

/** A line artist (returned by `ax.plot`); `setData` moves it, handy in animations. */
export class Line implements Artist {
  x: Float64Array;
  y: Float64Array;
  zorder: number;
  label?: string;
  readonly color: string;
  readonly lineWidth: number;
  readonly lineStyle: LineStyle;
  readonly marker: MarkerKind | 'none';
  readonly markerSize: number;
  readonly options: LineOptions;

  constructor(x: Float64Array, y: Float64Array, color: string, options: LineOptions) {
    if (x.length !== y.length) {
      throw new PlotError(`plot: x and y must have the same length, got ${x.length} and ${y.length}`);
    }
    this.x = x;
    this.y = y;
    this.options = options;
    this.color = cssColor(options.color ?? color);
    this.lineWidth = options.lineWidth ?? 1.5;
    this.lineStyle = options.lineStyle ?? '-';
    this.marker = options.marker ?? 'none';
    this.markerSize = options.markerSize ?? 6;
    this.zorder = options.zorder ?? 2;
    this.label = options.label;
  }

  /** Replaces the points. */
  setData(x: Float64Array, y: Float64Array): void {
    this.x = x;
    this.y = y;
  }

  bounds() {
    return pointBounds(this.x, this.y);
  }

  *points(): Iterable<readonly [number, number]> {
    for (let i = 0; i < this.x.length; i++) yield [this.x[i]!, this.y[i]!];
  }

  private stroke(ctx: Ctx2D): void {
    ctx.strokeStyle = this.color;
    ctx.lineWidth = this.lineWidth;
    ctx.lineJoin = 'round';
    ctx.lineCap = this.lineStyle === '-' || this.lineStyle === 'solid' ? 'round' : 'butt';
    ctx.setLineDash(dashPattern(this.lineStyle, this.lineWidth));
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    if (this.lineStyle !== 'none') {
      this.stroke(ctx);
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < this.x.length; i++) {
        const px = t.x(this.x[i]!);
        const py = t.y(this.y[i]!);
        if (!Number.isFinite(px) || !Number.isFinite(py)) {
          pen = false;
          continue;
        }
        if (pen) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        pen = true;
      }
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (this.marker !== 'none') {
      const face = cssColor(this.options.markerFaceColor ?? this.color);
      const edge = this.options.markerEdgeColor ? cssColor(this.options.markerEdgeColor) : undefined;
      for (let i = 0; i < this.x.length; i++) {
        const px = t.x(this.x[i]!);
        const py = t.y(this.y[i]!);
        if (Number.isFinite(px) && Number.isFinite(py)) {
          drawMarker(ctx, this.marker, px, py, this.markerSize, face, edge);
        }
      }
    }
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    const y = box.y + box.height / 2;
    if (this.lineStyle !== 'none') {
      this.stroke(ctx);
      ctx.beginPath();
      ctx.moveTo(box.x, y);
      ctx.lineTo(box.x + box.width, y);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (this.marker !== 'none') {
      const face = cssColor(this.options.markerFaceColor ?? this.color);
      drawMarker(ctx, this.marker, box.x + box.width / 2, y, this.markerSize, face);
    }
    ctx.restore();
  }
}

/** A horizontal or vertical line across the whole Axes (returned by `ax.axhline`/`ax.axvline`). */
export class RefLine implements Artist {
  zorder: number;
  label?: string;
  readonly color: string;

  constructor(
    readonly direction: 'horizontal' | 'vertical',
    readonly value: number,
    defaultColor: string,
    readonly options: LineOptions,
  ) {
    this.zorder = options.zorder ?? 2;
    this.label = options.label;
    this.color = cssColor(options.color ?? defaultColor);
  }

  bounds() {
    return null;
  }

  private style(ctx: Ctx2D): void {
    const w = this.options.lineWidth ?? 1.5;
    ctx.strokeStyle = this.color;
    ctx.lineWidth = w;
    ctx.setLineDash(dashPattern(this.options.lineStyle, w));
    ctx.globalAlpha = this.options.alpha ?? 1;
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    const r = t.rect;
    ctx.save();
    this.style(ctx);
    ctx.beginPath();
    if (this.direction === 'horizontal') {
      const y = t.y(this.value);
      ctx.moveTo(r.x, y);
      ctx.lineTo(r.x + r.width, y);
    } else {
      const x = t.x(this.value);
      ctx.moveTo(x, r.y);
      ctx.lineTo(x, r.y + r.height);
    }
    ctx.stroke();
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.save();
    this.style(ctx);
    ctx.beginPath();
    ctx.moveTo(box.x, box.y + box.height / 2);
    ctx.lineTo(box.x + box.width, box.y + box.height / 2);
    ctx.stroke();
    ctx.restore();
  }
}
