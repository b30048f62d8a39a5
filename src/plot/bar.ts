/**
 * Bar charts and histograms: `ax.bar(x, heights)`, `ax.hist(values, { bins: 20 })`. Histogram
 * counting is d3-array's `bin` over Matplotlib-style equal-width edges.
 */
import { bin } from 'd3-array';
import type { Artist } from './artist.js';
import { cssColor } from './color.js';
import { finiteExtent, linspace } from './data.js';
import { PlotError } from './errors.js';
import type { Bounds, Ctx2D, Rect, RenderContext, Transform } from './types.js';

/** Options of `ax.bar`. */
export interface BarOptions {
  /** Bar width in data units (default 0.8). */
  width?: number | ArrayLike<number>;
  /** Where each bar starts (default 0). */
  bottom?: number | ArrayLike<number>;
  /** One colour for all bars or one per bar. */
  color?: string | readonly string[];
  edgeColor?: string;
  lineWidth?: number;
  /** `x` is the bar centre ('center', default) or its left edge ('edge'). */
  align?: 'center' | 'edge';
  label?: string;
  alpha?: number;
  zorder?: number;
}

/** A set of bars (returned by `ax.bar` and inside `ax.hist`). */
export class Bars implements Artist {
  zorder: number;
  label?: string;
  readonly stickyY: readonly number[];
  /** Left edge, right edge, bottom and top of each bar in data units. */
  readonly rects: { x0: number; x1: number; y0: number; y1: number }[];
  private readonly colors: string[];
  readonly options: BarOptions;

  constructor(x: ArrayLike<number>, heights: ArrayLike<number>, defaultColor: string, options: BarOptions) {
    if (x.length !== heights.length) {
      throw new PlotError(
        `bar: x and height must have the same length, got ${x.length} and ${heights.length}`,
      );
    }
    this.options = options;
    this.zorder = options.zorder ?? 0.9;
    this.label = options.label;
    const at = (v: number | ArrayLike<number> | undefined, i: number, dflt: number) =>
      v === undefined ? dflt : typeof v === 'number' ? v : v[i]!;
    this.rects = [];
    for (let i = 0; i < x.length; i++) {
      const w = at(options.width, i, 0.8);
      const b = at(options.bottom, i, 0);
      const left = options.align === 'edge' ? x[i]! : x[i]! - w / 2;
      this.rects.push({ x0: left, x1: left + w, y0: b, y1: b + heights[i]! });
    }
    const c = options.color ?? defaultColor;
    this.colors = typeof c === 'string' ? this.rects.map(() => cssColor(c)) : c.map(cssColor);
    const bottoms = new Set(this.rects.map((r) => r.y0));
    this.stickyY = [...bottoms];
  }

  bounds(): Bounds | null {
    if (this.rects.length === 0) return null;
    const xs = this.rects.flatMap((r) => [r.x0, r.x1]);
    const ys = this.rects.flatMap((r) => [r.y0, r.y1]);
    return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  }

  *points(): Iterable<readonly [number, number]> {
    for (const r of this.rects) {
      const xm = (r.x0 + r.x1) / 2;
      // The whole bar counts: sample it from bottom to top.
      for (let k = 0; k <= 4; k++) yield [xm, r.y0 + ((r.y1 - r.y0) * k) / 4];
    }
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    this.rects.forEach((r, i) => {
      const px0 = t.x(r.x0);
      const px1 = t.x(r.x1);
      const py0 = t.y(r.y0);
      const py1 = t.y(r.y1);
      const x = Math.min(px0, px1);
      const y = Math.min(py0, py1);
      const w = Math.abs(px1 - px0);
      const h = Math.abs(py1 - py0);
      ctx.fillStyle = this.colors[i % this.colors.length]!;
      ctx.fillRect(x, y, w, h);
      if (this.options.edgeColor) {
        ctx.strokeStyle = cssColor(this.options.edgeColor);
        ctx.lineWidth = this.options.lineWidth ?? 1;
        ctx.strokeRect(x, y, w, h);
      }
    });
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    ctx.fillStyle = this.colors[0] ?? '#000';
    ctx.fillRect(box.x, box.y + 1, box.width, box.height - 2);
    ctx.restore();
  }
}

/** Options of `ax.hist`. */
export interface HistOptions extends Omit<BarOptions, 'width' | 'bottom' | 'align'> {
  /** Number of equal-width bins (default 10) or the bin edges. */
  bins?: number | ArrayLike<number>;
  /** Lower and upper edge (default: the data's minimum and maximum). */
  range?: readonly [number, number];
  /** Normalise so the bars' total area is 1. */
  density?: boolean;
  /** Bar width as a fraction of the bin (default 1). */
  rwidth?: number;
}

/** What `ax.hist` returns: NumPy's `histogram` result and the bars drawn. */
export interface Histogram {
  counts: number[];
  edges: number[];
  bars: Bars;
}

/** NumPy-style histogram: counts per bin (the last bin includes its right edge). */
export function histogram(
  values: ArrayLike<number>,
  bins: number | ArrayLike<number> = 10,
  range?: readonly [number, number],
): { counts: number[]; edges: number[] } {
  let edges: number[];
  if (typeof bins === 'number') {
    let [lo, hi] = range ?? finiteExtent(values);
    if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
    if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
    edges = [...linspace(lo, hi, bins + 1)];
  } else edges = Array.from(bins);
  if (edges.length < 2) throw new PlotError('hist: need at least two bin edges');
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  // d3's bins are [x0, x1) except the last, which also takes values equal to the domain's end.
  const binned = bin().domain([lo, hi]).thresholds(edges.slice(1, -1))(
    Array.from(values).filter((v) => v >= lo && v <= hi),
  );
  return { counts: binned.map((b) => b.length), edges };
}
