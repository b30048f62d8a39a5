/**
 * Contour lines and filled contours: `ax.contour(z)`, `ax.contourf((x, y) => f(x, y), { xlim, ylim })`.
 * d3-contour runs marching squares on the grid; this file samples functions, picks levels, maps the
 * rings from grid to data coordinates, and fills each level band (decision regions are a filled
 * contour of a classifier's output, e.g. `levels: [0, 0.5, 1]`).
 */
import { ticks } from 'd3-array';
import { contours } from 'd3-contour';
import type { Artist, Mappable } from './artist.js';
import { cssColor } from './color.js';
import { colormap, normalize, type Colormap, type ColormapName } from './colormap.js';
import { finiteExtent, isArrayLikeND, linspace, toGrid, toVector, type Grid } from './data.js';
import { PlotError } from './errors.js';
import { dashPattern } from './line.js';
import type { Bounds, Ctx2D, Matrix, Rect, RenderContext, Transform, Vector } from './types.js';

/** A scalar field to contour: `z = f(x, y)`. */
export type ContourFunction = (x: number, y: number) => number;

/** A sampled field: `z[j][i]` is the value at `(x[i], y[j])` (NumPy's `contour(X, Y, Z)` layout). */
export interface ContourGrid {
  z: Matrix;
  /** The x of each column (default 0 … cols−1). */
  x?: Vector;
  /** The y of each row (default 0 … rows−1). */
  y?: Vector;
}

/** What `contour`/`contourf` accept: a function, a matrix, or a matrix with its coordinates. */
export type ContourSource = ContourFunction | Matrix | ContourGrid;

/** Options of `ax.contour` and `ax.contourf`. */
export interface ContourOptions {
  /** x range to sample a function over (default: the Axes' x limits at draw time). */
  xlim?: readonly [number, number];
  /** y range to sample a function over (default: the Axes' y limits at draw time). */
  ylim?: readonly [number, number];
  /** Samples per axis for a function (default 120), or `[nx, ny]`. */
  resolution?: number | readonly [number, number];
  /** How many levels (a hint, as Matplotlib's) or the level values themselves. */
  levels?: number | readonly number[];
  cmap?: ColormapName | `${ColormapName}_r` | Colormap;
  /** One colour for all lines, or one per level (lines) / band (filled). Overrides `cmap`. */
  colors?: string | readonly string[];
  alpha?: number;
  lineWidth?: number;
  label?: string;
  zorder?: number;
}

interface Sampled {
  grid: Grid;
  xs: Float64Array;
  ys: Float64Array;
}

function isGridSource(s: ContourSource): s is ContourGrid {
  return typeof s === 'object' && !isArrayLikeND(s) && 'z' in s;
}

/** Samples `f` on an `nx × ny` grid over the given ranges. */
export function sampleFunction(
  f: ContourFunction,
  xlim: readonly [number, number],
  ylim: readonly [number, number],
  nx: number,
  ny: number,
): Sampled {
  const xs = linspace(xlim[0], xlim[1], nx);
  const ys = linspace(ylim[0], ylim[1], ny);
  const data = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[j * nx + i] = f(xs[i]!, ys[j]!);
  return { grid: { rows: ny, cols: nx, data }, xs, ys };
}

/**
 * Contour levels like Matplotlib's MaxNLocator: nice values from d3 `ticks`; filled contours get
 * edges covering the whole data range, lines only the levels strictly inside it.
 */
export function contourLevels(lo: number, hi: number, count: number, filled: boolean): number[] {
  if (!(hi > lo)) return filled ? [lo - 0.5, lo + 0.5] : [lo];
  const t = ticks(lo, hi, count);
  if (!filled) return t.filter((v) => v > lo && v < hi);
  const step = t.length > 1 ? t[1]! - t[0]! : hi - lo;
  if (t[0]! > lo) t.unshift(t[0]! - step);
  if (t[t.length - 1]! < hi) t.push(t[t.length - 1]! + step);
  return t;
}

/** Piecewise-linear map from a grid coordinate (cell centre at i + 0.5) to data. */
function axisMap(coords: Float64Array): (g: number) => number {
  const n = coords.length;
  return (g) => {
    const u = Math.min(n - 1, Math.max(0, g - 0.5));
    const i = Math.min(n - 2, Math.floor(u));
    if (n === 1) return coords[0]!;
    return coords[i]! + (coords[i + 1]! - coords[i]!) * (u - i);
  };
}

/** Contour lines or filled contour bands (returned by `ax.contour` / `ax.contourf`). */
export class Contour implements Artist, Mappable {
  zorder: number;
  label?: string;
  readonly cmap: Colormap;
  private sampled?: Sampled;
  private levelValues: number[] = [];

  constructor(
    readonly filled: boolean,
    private readonly source: ContourSource,
    readonly options: ContourOptions,
  ) {
    this.zorder = options.zorder ?? (filled ? 0.8 : 2);
    this.label = options.label;
    this.cmap = colormap(options.cmap ?? 'viridis');
    if (typeof source !== 'function') this.setSampled(this.fromGrid(source));
    else if (options.xlim && options.ylim) this.sample(options.xlim, options.ylim);
  }

  private fromGrid(source: Matrix | ContourGrid): Sampled {
    const grid = toGrid(isGridSource(source) ? source.z : source, 'contour z');
    if (grid.rows < 2 || grid.cols < 2) {
      throw new PlotError(`contour: z must be at least 2×2, got ${grid.rows}×${grid.cols}`);
    }
    const g = isGridSource(source) ? source : undefined;
    const xs = g?.x ? toVector(g.x, 'contour x') : linspace(0, grid.cols - 1, grid.cols);
    const ys = g?.y ? toVector(g.y, 'contour y') : linspace(0, grid.rows - 1, grid.rows);
    if (xs.length !== grid.cols || ys.length !== grid.rows) {
      throw new PlotError(
        `contour: z has shape (${grid.rows}, ${grid.cols}) but x has ${xs.length} and y ${ys.length} values`,
      );
    }
    return { grid, xs, ys };
  }

  private sample(xlim: readonly [number, number], ylim: readonly [number, number]): void {
    const r = this.options.resolution ?? 120;
    const [nx, ny] = typeof r === 'number' ? [r, r] : r;
    this.setSampled(sampleFunction(this.source as ContourFunction, xlim, ylim, nx, ny));
  }

  private setSampled(s: Sampled): void {
    this.sampled = s;
    const [lo, hi] = finiteExtent(s.grid.data);
    const lv = this.options.levels ?? (this.filled ? 8 : 7);
    this.levelValues =
      typeof lv === 'number' ? contourLevels(lo, hi, lv, this.filled) : [...lv].sort((a, b) => a - b);
  }

  /** The level values (for filled contours, the band edges). */
  get levels(): readonly number[] {
    return this.levelValues;
  }

  /** Explicit band colours of a filled contour, when `colors` was given. */
  get bandColors(): readonly string[] | undefined {
    const c = this.options.colors;
    if (!this.filled || c === undefined) return undefined;
    const list = typeof c === 'string' ? [c] : c;
    return this.levelValues.slice(0, -1).map((_, k) => cssColor(list[k % list.length]!));
  }

  get vmin(): number {
    return this.levelValues[0] ?? 0;
  }

  get vmax(): number {
    return this.levelValues[this.levelValues.length - 1] ?? 1;
  }

  bounds(): Bounds | null {
    if (!this.sampled || (typeof this.source === 'function' && !this.options.xlim)) return null;
    const { xs, ys } = this.sampled;
    return [
      Math.min(xs[0]!, xs[xs.length - 1]!),
      Math.max(xs[0]!, xs[xs.length - 1]!),
      Math.min(ys[0]!, ys[ys.length - 1]!),
      Math.max(ys[0]!, ys[ys.length - 1]!),
    ];
  }

  get stickyX(): readonly number[] {
    const b = this.filled ? this.bounds() : null;
    return b ? [b[0], b[1]] : [];
  }

  get stickyY(): readonly number[] {
    const b = this.filled ? this.bounds() : null;
    return b ? [b[2], b[3]] : [];
  }

  /** Samples a function over the Axes' view when no xlim/ylim was given. */
  prepare(view: Bounds): void {
    if (typeof this.source === 'function' && !(this.options.xlim && this.options.ylim)) {
      this.sample([view[0], view[1]], [view[2], view[3]]);
    }
  }

  /** Colour of band `k` of a filled contour (Matplotlib: band mid-values spread over the colormap). */
  bandColor(k: number): string {
    const explicit = this.bandColors;
    if (explicit) return explicit[k]!;
    const L = this.levelValues;
    const n = L.length - 1;
    const mid = (i: number) => (L[i]! + L[i + 1]!) / 2;
    return this.cmap.css(n <= 1 ? 0.5 : normalize(mid(k), mid(0), mid(n - 1)));
  }

  /** Colour of contour line `k`. */
  lineColor(k: number): string {
    const c = this.options.colors;
    if (c !== undefined) return cssColor(typeof c === 'string' ? c : c[k % c.length]!);
    const L = this.levelValues;
    return this.cmap.css(L.length <= 1 ? 0.5 : normalize(L[k]!, L[0]!, L[L.length - 1]!));
  }

  draw(rc: RenderContext, t: Transform): void {
    const s = this.sampled;
    if (!s) return;
    const { ctx } = rc;
    const { grid } = s;
    const [lo, hi] = finiteExtent(grid.data);
    if (!Number.isFinite(lo)) return;
    // NOTE: d3-contour cannot interpolate through NaN; put missing values below every level.
    const below = Math.min(lo, this.levelValues[0] ?? lo) - (hi - lo + 1);
    const values = Array.from(grid.data, (v) => (Number.isFinite(v) ? v : below));
    const gen = contours().size([grid.cols, grid.rows]);
    const mx = axisMap(s.xs);
    const my = axisMap(s.ys);
    const px = (g: number) => t.x(mx(g));
    const py = (g: number) => t.y(my(g));
    ctx.save();
    ctx.globalAlpha = this.options.alpha ?? 1;
    const L = this.levelValues;
    if (this.filled) {
      const addRings = (level: number) => {
        const [shape] = gen.thresholds([level])(values);
        for (const polygon of shape?.coordinates ?? []) {
          for (const ring of polygon) {
            ring.forEach(([gx, gy], i) =>
              i === 0 ? ctx.moveTo(px(gx!), py(gy!)) : ctx.lineTo(px(gx!), py(gy!)),
            );
            ctx.closePath();
          }
        }
      };
      const top = L[L.length - 1]!;
      // Each band paints everything >= its lower edge and the next band paints over it: no seams.
      for (let k = 0; k < L.length - 1; k++) {
        ctx.beginPath();
        addRings(L[k]!);
        // Values above the last edge stay empty, as in Matplotlib: cut them out of the last band.
        if (k === L.length - 2 && hi > top) addRings(top);
        ctx.fillStyle = this.bandColor(k);
        ctx.fill('evenodd');
      }
    } else {
      const width = this.options.lineWidth ?? 1.5;
      const single = typeof this.options.colors === 'string';
      L.forEach((level, k) => {
        const [shape] = gen.thresholds([level])(values);
        if (!shape) return;
        ctx.strokeStyle = this.lineColor(k);
        ctx.lineWidth = width;
        // Matplotlib draws negative levels dashed when all lines share one colour.
        ctx.setLineDash(single && level < 0 ? dashPattern('--', width) : []);
        ctx.beginPath();
        for (const polygon of shape.coordinates) {
          for (const ring of polygon) this.traceRing(ctx, ring, grid, px, py);
        }
        ctx.stroke();
      });
    }
    ctx.restore();
  }

  /** Strokes a ring, leaving out the stretches d3 runs along the grid's border to close it. */
  private traceRing(
    ctx: Ctx2D,
    ring: number[][],
    grid: Grid,
    px: (g: number) => number,
    py: (g: number) => number,
  ): void {
    const onBorder = (a: number[], b: number[]) =>
      (a[0] === 0 && b[0] === 0) ||
      (a[0] === grid.cols && b[0] === grid.cols) ||
      (a[1] === 0 && b[1] === 0) ||
      (a[1] === grid.rows && b[1] === grid.rows);
    let pen = false;
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1]!;
      const b = ring[i]!;
      if (onBorder(a, b)) {
        pen = false;
        continue;
      }
      if (!pen) ctx.moveTo(px(a[0]!), py(a[1]!));
      ctx.lineTo(px(b[0]!), py(b[1]!));
      pen = true;
    }
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.save();
    if (this.filled) {
      ctx.fillStyle = this.bandColor(Math.floor((this.levelValues.length - 1) / 2));
      ctx.fillRect(box.x, box.y + 1, box.width, box.height - 2);
    } else {
      ctx.strokeStyle = this.lineColor(Math.floor(this.levelValues.length / 2));
      ctx.lineWidth = this.options.lineWidth ?? 1.5;
      ctx.beginPath();
      ctx.moveTo(box.x, box.y + box.height / 2);
      ctx.lineTo(box.x + box.width, box.y + box.height / 2);
      ctx.stroke();
    }
    ctx.restore();
  }
}
