/**
 * Axes: one plot area with its scales, ticks, spines, labels, grid, legend and colour bar, and the
 * methods that add artists (`plot`, `scatter`, `bar`, `hist`, `contourf`, `imshow`, …), named as
 * in Matplotlib's object API (camelCase, options as a trailing object).
 */
import {
  Annotation,
  Arrow,
  Text,
  type AnnotateOptions,
  type ArrowOptions,
  type TextOptions,
} from './annotation.js';
import { unionBounds, type Artist, type Mappable } from './artist.js';
import { Bars, histogram, type BarOptions, type HistOptions, type Histogram } from './bar.js';
import { COLOR_CYCLE, cssColor } from './color.js';
import { Colorbar, type ColorbarOptions } from './colorbar.js';
import { Contour, type ContourOptions, type ContourSource } from './contour.js';
import { isArrayLikeND, toVector } from './data.js';
import { PlotError } from './errors.js';
import { FillBetween, Span, type FillOptions } from './fill.js';
import { Heatmap, type HeatmapOptions } from './heatmap.js';
import { Image, type ImshowOptions } from './image.js';
import type { ImageInput } from './data.js';
import type { CellSpec, Margins, Panel } from './layout.js';
import { drawLegend, type LegendOptions } from './legend.js';
import { Line, parseFormat, RefLine, type LineOptions } from './line.js';
import { Quiver, type QuiverOptions } from './quiver.js';
import { Scatter, type ScatterOptions } from './scatter.js';
import { cssFont, drawText, FONT_SIZES, measureText } from './text.js';
import { fitTicks, makeScale, type Scale, type ScaleKind, type Ticks } from './ticks.js';
import type { Bounds, Matrix, Rect, RenderContext, Transform, Vector } from './types.js';

const TICK_LEN = 4;
const TICK_PAD = 3;

/** Fixed ticks set with `ax.xticks(values, labels)`. */
interface FixedTicks {
  values: number[];
  labels?: string[];
  rotation?: number;
}

/** Everything `ax.set({...})` accepts. */
export interface AxesSettings {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  xlim?: readonly [number, number];
  ylim?: readonly [number, number];
  xscale?: ScaleKind;
  yscale?: ScaleKind;
  aspect?: 'auto' | 'equal' | number;
  grid?: boolean;
}

/** The y-or-x arguments of `plot`: a vector, or a function of x. */
type PlotY = Vector | ((x: number) => number);

function isVectorLike(v: unknown): v is Vector {
  return (
    isArrayLikeND(v) ||
    Array.isArray(v) ||
    ArrayBuffer.isView(v) ||
    (typeof v === 'object' && v !== null && typeof (v as ArrayLike<number>).length === 'number')
  );
}

/** One plot area with its artists. Made by `fig.subplot(…)` or `plot.subplots(…)`. */
export class Axes implements Panel {
  /** The artists, in the order they were added. */
  readonly artists: Artist[] = [];
  private cycleIndex = 0;
  private titleText = '';
  private xlabelText = '';
  private ylabelText = '';
  private xlimSet?: readonly [number, number];
  private ylimSet?: readonly [number, number];
  private xKind: ScaleKind = 'linear';
  private yKind: ScaleKind = 'linear';
  private aspectMode: 'auto' | 'equal' | number = 'auto';
  private gridOn = false;
  private gridColor = '#b0b0b0';
  private legendOpts?: LegendOptions;
  private axisOn = true;
  private xFixed?: FixedTicks;
  private yFixed?: FixedTicks;
  private xInverted = false;
  private yInverted = false;
  private colorBar?: Colorbar;
  private view: Bounds = [0, 1, 0, 1];
  private xScale: Scale = makeScale('linear', [0, 1], [0, 1]);
  private yScale: Scale = makeScale('linear', [0, 1], [1, 0]);
  /** The plot area of the last render (canvas pixels). */
  plotArea: Rect = { x: 0, y: 0, width: 1, height: 1 };
  /** Title font size in pixels. */
  titleSize: number = FONT_SIZES.title;

  constructor(readonly cell: CellSpec) {}

  // ---- settings -------------------------------------------------------------------------------

  /** Sets the title above the plot area. */
  title(text: string, opts: { fontSize?: number } = {}): this {
    this.titleText = text;
    if (opts.fontSize) this.titleSize = opts.fontSize;
    return this;
  }

  /** Sets the x-axis label. */
  xlabel(text: string): this {
    this.xlabelText = text;
    return this;
  }

  /** Sets the y-axis label. */
  ylabel(text: string): this {
    this.ylabelText = text;
    return this;
  }

  /** Fixes the x range (`lo > hi` inverts the axis). */
  xlim(lo: number, hi: number): this {
    this.xlimSet = [lo, hi];
    return this;
  }

  /** Fixes the y range (`lo > hi` inverts the axis). */
  ylim(lo: number, hi: number): this {
    this.ylimSet = [lo, hi];
    return this;
  }

  /** Linear or logarithmic x axis. */
  xscale(kind: ScaleKind): this {
    this.xKind = kind;
    return this;
  }

  /** Linear or logarithmic y axis. */
  yscale(kind: ScaleKind): this {
    this.yKind = kind;
    return this;
  }

  /** 'equal' makes one unit the same length on both axes (circles stay round); a number is y/x. */
  aspect(mode: 'auto' | 'equal' | number): this {
    this.aspectMode = mode;
    return this;
  }

  /** Shows or hides grid lines at the major ticks. */
  grid(on = true, opts: { color?: string } = {}): this {
    this.gridOn = on;
    if (opts.color) this.gridColor = cssColor(opts.color);
    return this;
  }

  /** 'off' hides spines, ticks and labels (image grids); 'equal' is `aspect('equal')`. */
  axis(mode: 'on' | 'off' | 'equal'): this {
    if (mode === 'equal') this.aspectMode = 'equal';
    else this.axisOn = mode === 'on';
    return this;
  }

  /** Fixes the x ticks (and their labels); `xticks([])` removes them. */
  xticks(values: ArrayLike<number>, labels?: readonly string[], opts: { rotation?: number } = {}): this {
    this.xFixed = { values: Array.from(values), labels: labels && [...labels], rotation: opts.rotation };
    return this;
  }

  /** Fixes the y ticks (and their labels); `yticks([])` removes them. */
  yticks(values: ArrayLike<number>, labels?: readonly string[], opts: { rotation?: number } = {}): this {
    this.yFixed = { values: Array.from(values), labels: labels && [...labels], rotation: opts.rotation };
    return this;
  }

  /** Flips the x axis. */
  invertX(): this {
    this.xInverted = !this.xInverted;
    return this;
  }

  /** Flips the y axis (images do this by default: row 0 on top). */
  invertY(): this {
    this.yInverted = !this.yInverted;
    return this;
  }

  /** Several settings at once, like Matplotlib's `ax.set(...)`. */
  set(s: AxesSettings): this {
    if (s.title !== undefined) this.title(s.title);
    if (s.xlabel !== undefined) this.xlabel(s.xlabel);
    if (s.ylabel !== undefined) this.ylabel(s.ylabel);
    if (s.xlim) this.xlim(s.xlim[0], s.xlim[1]);
    if (s.ylim) this.ylim(s.ylim[0], s.ylim[1]);
    if (s.xscale) this.xscale(s.xscale);
    if (s.yscale) this.yscale(s.yscale);
    if (s.aspect !== undefined) this.aspect(s.aspect);
    if (s.grid !== undefined) this.grid(s.grid);
    return this;
  }

  /** Shows a legend of the labelled artists. */
  legend(opts: LegendOptions = {}): this {
    this.legendOpts = opts;
    return this;
  }

  /** Adds a colour bar for an image, filled contour, coloured scatter or heat map. */
  colorbar(mappable: Mappable, opts: ColorbarOptions = {}): Colorbar {
    this.colorBar = new Colorbar(mappable, opts);
    return this.colorBar;
  }

  /** Removes every artist and setting except the cell. */
  clear(): this {
    this.artists.length = 0;
    Object.assign(this, new Axes(this.cell));
    return this;
  }

  /** The next colour of the cycle (C0, C1, …). */
  private nextColor(): string {
    return COLOR_CYCLE[this.cycleIndex++ % COLOR_CYCLE.length]!;
  }

  /** Adds any artist (for artists written outside this package). */
  add<A extends Artist>(artist: A): A {
    this.artists.push(artist);
    return artist;
  }

  // ---- artists --------------------------------------------------------------------------------

  /**
   * Lines: `plot(y)`, `plot(x, y)`, `plot(x, Math.sin)`, each optionally followed by a format
   * string (`'r--'`, `'o'`, `'k:'`) and/or options.
   */
  plot(y: Vector, fmt?: string | LineOptions, opts?: LineOptions): Line;
  plot(x: Vector, y: PlotY, fmt?: string | LineOptions, opts?: LineOptions): Line;
  plot(a: Vector, b?: PlotY | string | LineOptions, c?: string | LineOptions, d?: LineOptions): Line {
    let x: Float64Array;
    let y: Float64Array;
    let rest: (string | LineOptions | undefined)[];
    if (typeof b === 'function') {
      x = toVector(a, 'plot x');
      y = x.map(b);
      rest = [c, d];
    } else if (isVectorLike(b)) {
      x = toVector(a, 'plot x');
      y = toVector(b, 'plot y');
      rest = [c, d];
    } else {
      y = toVector(a, 'plot y');
      x = y.map((_, i) => i);
      rest = [b, c as LineOptions | undefined];
    }
    let options: LineOptions = {};
    for (const r of rest) {
      if (typeof r === 'string') options = { ...options, ...parseFormat(r) };
      else if (r) options = { ...options, ...r };
    }
    const color = options.color ? cssColor(options.color) : this.nextColor();
    return this.add(new Line(x, y, color, options));
  }

  /** Points: `scatter(x, y, { c: values, cmap: 'viridis', s: 30 })`. */
  scatter(x: Vector, y: Vector, opts: ScatterOptions = {}): Scatter {
    const color = opts.c === undefined && opts.color === undefined ? this.nextColor() : '#1f77b4';
    return this.add(new Scatter(toVector(x, 'scatter x'), toVector(y, 'scatter y'), color, opts));
  }

  /** Bars at `x` (numbers, or category names placed at 0, 1, …) with the given heights. */
  bar(x: Vector | readonly string[], heights: Vector, opts: BarOptions = {}): Bars {
    let xs: Float64Array;
    if (Array.isArray(x) && typeof x[0] === 'string') {
      const names = x as readonly string[];
      xs = Float64Array.from(names, (_, i) => i);
      this.xticks(xs, names);
    } else xs = toVector(x as Vector, 'bar x');
    const color = opts.color === undefined ? this.nextColor() : '#1f77b4';
    return this.add(new Bars(xs, toVector(heights, 'bar height'), color, opts));
  }

  /** A histogram of `values`; returns the counts and edges (NumPy's `histogram`) and the bars. */
  hist(values: Vector, opts: HistOptions = {}): Histogram {
    const v = toVector(values, 'hist');
    const { counts, edges } = histogram(v, opts.bins, opts.range);
    const widths = edges.slice(1).map((e, i) => e - edges[i]!);
    let heights = counts;
    if (opts.density) {
      const total = counts.reduce((s, n) => s + n, 0);
      heights = counts.map((n, i) => (total > 0 ? n / (total * widths[i]!) : 0));
    }
    const rw = opts.rwidth ?? 1;
    const centres = edges.slice(0, -1).map((e, i) => e + widths[i]! / 2);
    const color = opts.color === undefined ? this.nextColor() : '#1f77b4';
    const bars = this.add(
      new Bars(centres, heights, color, {
        ...opts,
        width: widths.map((w) => w * rw),
        align: 'center',
      }),
    );
    return { counts: heights, edges, bars };
  }

  /** Shades between `y1` and `y2` (a vector or a constant, default 0) over `x`. */
  fillBetween(x: Vector, y1: Vector | number, y2: Vector | number = 0, opts: FillOptions = {}): FillBetween {
    const xs = toVector(x, 'fillBetween x');
    const asVec = (v: Vector | number, what: string) =>
      typeof v === 'number' ? xs.map(() => v) : toVector(v, what);
    const color = opts.color === undefined ? this.nextColor() : '#1f77b4';
    return this.add(
      new FillBetween(xs, asVec(y1, 'fillBetween y1'), asVec(y2, 'fillBetween y2'), color, opts),
    );
  }

  /** A horizontal line across the Axes at `y`. */
  axhline(y: number, opts: LineOptions = {}): RefLine {
    return this.add(new RefLine('horizontal', y, '#000000', opts));
  }

  /** A vertical line across the Axes at `x`. */
  axvline(x: number, opts: LineOptions = {}): RefLine {
    return this.add(new RefLine('vertical', x, '#000000', opts));
  }

  /** A horizontal band across the Axes from `lo` to `hi`. */
  axhspan(lo: number, hi: number, opts: FillOptions = {}): Span {
    return this.add(new Span('horizontal', lo, hi, this.nextColor(), opts));
  }

  /** A vertical band across the Axes from `lo` to `hi`. */
  axvspan(lo: number, hi: number, opts: FillOptions = {}): Span {
    return this.add(new Span('vertical', lo, hi, this.nextColor(), opts));
  }

  /** Contour lines of a grid or of a function `(x, y) => z`. */
  contour(source: ContourSource, opts: ContourOptions = {}): Contour {
    return this.add(new Contour(false, source, opts));
  }

  /** Filled contours (decision regions): a grid or a function `(x, y) => z`. */
  contourf(source: ContourSource, opts: ContourOptions = {}): Contour {
    return this.add(new Contour(true, source, opts));
  }

  /** An image or heat map; row 0 on top, square pixels (see {@link ImshowOptions}). */
  imshow(image: ImageInput, opts: ImshowOptions = {}): Image {
    const im = this.add(new Image(image, opts));
    if ((opts.origin ?? 'upper') === 'upper' && !opts.extent) this.yInverted = true;
    if (opts.aspect !== 'auto' && this.aspectMode === 'auto') this.aspectMode = opts.aspect ?? 'equal';
    return im;
  }

  /** A matrix with its values printed in the cells; labels name the columns and rows. */
  heatmap(matrix: Matrix, opts: HeatmapOptions = {}): Heatmap {
    const h = this.add(new Heatmap(matrix, opts));
    const { rows, cols } = h.grid;
    this.yInverted = true;
    if (this.aspectMode === 'auto') this.aspectMode = 'equal';
    this.xticks(
      Array.from({ length: cols }, (_, i) => i),
      opts.xLabels ?? Array.from({ length: cols }, (_, i) => String(i)),
    );
    this.yticks(
      Array.from({ length: rows }, (_, i) => i),
      opts.yLabels ?? Array.from({ length: rows }, (_, i) => String(i)),
    );
    return h;
  }

  /** Arrows (u, v) at points (x, y); inputs may be vectors or meshgrid matrices. */
  quiver(
    x: Vector | Matrix,
    y: Vector | Matrix,
    u: Vector | Matrix,
    v: Vector | Matrix,
    opts: QuiverOptions = {},
  ): Quiver {
    return this.add(new Quiver(x, y, u, v, '#000000', opts));
  }

  /** Text at (x, y) in data coordinates, or in Axes fractions with `coords: 'axes'`. */
  text(x: number, y: number, text: string, opts: TextOptions = {}): Text {
    return this.add(new Text(x, y, text, opts));
  }

  /** Text pointing at `xy` with an arrow (when `xytext` is given). */
  annotate(text: string, xy: readonly [number, number], opts: AnnotateOptions = {}): Annotation {
    return this.add(new Annotation(text, xy, opts));
  }

  /** An arrow from (x, y) to (x + dx, y + dy) in data units. */
  arrow(x: number, y: number, dx: number, dy: number, opts: ArrowOptions = {}): Arrow {
    return this.add(new Arrow(x, y, dx, dy, opts));
  }

  // ---- limits and transform -------------------------------------------------------------------

  /** The x range shown (autoscaled unless set), as `[left, right]`. */
  getXLim(): [number, number] {
    const v = this.computeView();
    return this.xInverted ? [v[1], v[0]] : [v[0], v[1]];
  }

  /** The y range shown (autoscaled unless set), as `[bottom, top]`. */
  getYLim(): [number, number] {
    const v = this.computeView();
    return this.yInverted ? [v[3], v[2]] : [v[2], v[3]];
  }

  /** Data → canvas pixels, valid after the figure has been drawn. */
  transData(x: number, y: number): [number, number] {
    return [this.xScale(x), this.yScale(y)];
  }

  private autoscale(dim: 'x' | 'y', kind: ScaleKind): [number, number] {
    const bounds = unionBounds(this.artists.map((a) => a.bounds()));
    if (!bounds) return kind === 'log' ? [1, 10] : [0, 1]; // an empty Axes, as in Matplotlib
    let lo = dim === 'x' ? bounds[0] : bounds[2];
    let hi = dim === 'x' ? bounds[1] : bounds[3];
    const fwd = kind === 'log' ? Math.log10 : (v: number) => v;
    const inv = kind === 'log' ? (v: number) => 10 ** v : (v: number) => v;
    if (kind === 'log') {
      if (hi <= 0) [lo, hi] = [1, 10];
      else if (lo <= 0) lo = hi / 1000;
    }
    if (lo === hi) {
      const d = kind === 'log' ? 1 : lo === 0 ? 0.5 : Math.abs(lo) * 0.05;
      [lo, hi] = kind === 'log' ? [lo / 10, hi * 10] : [lo - d, hi + d];
    }
    const span = fwd(hi) - fwd(lo);
    let mlo = inv(fwd(lo) - 0.05 * span);
    let mhi = inv(fwd(hi) + 0.05 * span);
    // Sticky edges: an image edge or a bar baseline the margin must not cross.
    for (const a of this.artists) {
      for (const s of (dim === 'x' ? a.stickyX : a.stickyY) ?? []) {
        if (lo >= s && mlo < s) mlo = s;
        if (hi <= s && mhi > s) mhi = s;
      }
    }
    return [mlo, mhi];
  }

  /** The view limits `[x0, x1, y0, y1]` (ascending; inversion is applied in the scales). */
  private computeView(): Bounds {
    let [x0, x1] = this.xlimSet ? [...this.xlimSet] : this.autoscale('x', this.xKind);
    let [y0, y1] = this.ylimSet ? [...this.ylimSet] : this.autoscale('y', this.yKind);
    if (x0 > x1) [x0, x1] = [x1, x0];
    if (y0 > y1) [y0, y1] = [y1, y0];
    return [x0, x1, y0, y1];
  }

  private setScales(plot: Rect): void {
    const [x0, x1, y0, y1] = this.view;
    const xInv = this.xInverted !== (this.xlimSet !== undefined && this.xlimSet[0] > this.xlimSet[1]);
    const yInv = this.yInverted !== (this.ylimSet !== undefined && this.ylimSet[0] > this.ylimSet[1]);
    const xr: [number, number] = [plot.x, plot.x + plot.width];
    const yr: [number, number] = [plot.y + plot.height, plot.y];
    this.xScale = makeScale(this.xKind, [x0, x1], xInv ? [xr[1], xr[0]] : xr);
    this.yScale = makeScale(this.yKind, [y0, y1], yInv ? [yr[1], yr[0]] : yr);
  }

  private transform(plot: Rect): Transform {
    const xs = this.xScale;
    const ys = this.yScale;
    return { x: (v) => xs(v), y: (v) => ys(v), rect: plot };
  }

  // ---- ticks ----------------------------------------------------------------------------------

  private ticks(rc: RenderContext, dim: 'x' | 'y', length: number): Ticks {
    const fixed = dim === 'x' ? this.xFixed : this.yFixed;
    const scale = dim === 'x' ? this.xScale : this.yScale;
    if (fixed) {
      const fmt = scale.tickFormat(Math.max(2, fixed.values.length));
      return { values: fixed.values, labels: fixed.labels ?? fixed.values.map((v) => fmt(v)) };
    }
    const kind = dim === 'x' ? this.xKind : this.yKind;
    return fitTicks(
      rc.ctx,
      scale,
      kind,
      length,
      dim === 'x',
      cssFont(FONT_SIZES.tick, rc.fontFamily),
      FONT_SIZES.tick,
    );
  }

  /** Rotation of x tick labels: as set, or 45° when fixed labels would overlap. */
  private xRotation(rc: RenderContext, t: Ticks): number {
    if (this.xFixed?.rotation !== undefined) return this.xFixed.rotation;
    if (!this.xFixed?.labels) return 0;
    const pos = t.values.map((v) => this.xScale(v)).sort((a, b) => a - b);
    let minGap = Infinity;
    for (let i = 1; i < pos.length; i++) minGap = Math.min(minGap, pos[i]! - pos[i - 1]!);
    const widest = Math.max(
      0,
      ...t.labels.map((l) => measureText(rc.ctx, l, FONT_SIZES.tick, rc.fontFamily).width),
    );
    return widest + 6 > minGap ? 45 : 0;
  }

  /** Height the x tick labels take below the axis. */
  private xLabelHeight(rc: RenderContext, t: Ticks, rotation: number): number {
    const h = FONT_SIZES.tick * 1.2;
    if (!rotation) return t.labels.some((l) => l !== '') ? h : 0;
    const a = (Math.abs(rotation) * Math.PI) / 180;
    const widest = Math.max(
      0,
      ...t.labels.map((l) => measureText(rc.ctx, l, FONT_SIZES.tick, rc.fontFamily).width),
    );
    return widest * Math.sin(a) + h * Math.cos(a);
  }

  // ---- layout and drawing ---------------------------------------------------------------------

  prepare(_rc: RenderContext): void {
    this.view = this.computeView();
    for (const a of this.artists) (a as { prepare?: (v: Bounds) => void }).prepare?.(this.view);
  }

  margins(rc: RenderContext, cell: Rect): Margins {
    const titleH = this.titleText
      ? measureText(rc.ctx, this.titleText, this.titleSize, rc.fontFamily).height + 8
      : 0;
    if (!this.axisOn) {
      return { left: 4, right: 4, top: Math.max(4, titleH), bottom: 4 };
    }
    // Ticks measured on an estimate of the plot area; the real one differs by a few pixels.
    const guess: Rect = { x: cell.x + 50, y: cell.y + 10, width: cell.width - 70, height: cell.height - 50 };
    this.setScales(guess);
    const yt = this.ticks(rc, 'y', guess.height);
    const xt = this.ticks(rc, 'x', guess.width);
    const tickW = Math.max(
      0,
      ...yt.labels.map((l) => measureText(rc.ctx, l, FONT_SIZES.tick, rc.fontFamily).width),
    );
    const ylabelW = this.ylabelText
      ? measureText(rc.ctx, this.ylabelText, FONT_SIZES.label, rc.fontFamily).height + 6
      : 0;
    const xlabelH = this.xlabelText
      ? measureText(rc.ctx, this.xlabelText, FONT_SIZES.label, rc.fontFamily).height + 4
      : 0;
    const rotation = this.xRotation(rc, xt);
    const lastX = xt.labels[xt.labels.length - 1] ?? '';
    const overhang = rotation ? 0 : measureText(rc.ctx, lastX, FONT_SIZES.tick, rc.fontFamily).width / 2;
    const bar = this.colorBar ? this.colorBar.margin(rc, guess.height) : 0;
    return {
      left: TICK_LEN + TICK_PAD + tickW + ylabelW + 8,
      right: Math.max(12, overhang + 4) + bar,
      top: Math.max(FONT_SIZES.tick * 0.7, titleH) + 4,
      bottom: TICK_LEN + TICK_PAD + this.xLabelHeight(rc, xt, rotation) + xlabelH + 6,
    };
  }

  /** Shrinks the plot area to the data aspect ratio (Matplotlib's adjustable 'box'), centred. */
  private applyAspect(plot: Rect): Rect {
    if (this.aspectMode === 'auto') return plot;
    const [x0, x1, y0, y1] = this.view;
    const f = (kind: ScaleKind, a: number, b: number) =>
      kind === 'log' ? Math.log10(b) - Math.log10(a) : b - a;
    const dataRatio =
      (f(this.yKind, y0, y1) / f(this.xKind, x0, x1)) * (this.aspectMode === 'equal' ? 1 : this.aspectMode);
    if (!Number.isFinite(dataRatio) || dataRatio <= 0) return plot;
    if (plot.height / plot.width > dataRatio) {
      const h = plot.width * dataRatio;
      return { ...plot, y: plot.y + (plot.height - h) / 2, height: h };
    }
    const w = plot.height / dataRatio;
    return { ...plot, x: plot.x + (plot.width - w) / 2, width: w };
  }

  draw(rc: RenderContext, area: Rect): void {
    const plot = this.applyAspect(area);
    this.plotArea = plot;
    this.setScales(plot);
    const t = this.transform(plot);
    const { ctx } = rc;
    const xt = this.axisOn ? this.ticks(rc, 'x', plot.width) : { values: [], labels: [] };
    const yt = this.axisOn ? this.ticks(rc, 'y', plot.height) : { values: [], labels: [] };

    ctx.save();
    if (this.axisOn) {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(plot.x, plot.y, plot.width, plot.height);
    }
    if (this.gridOn) this.drawGrid(rc, plot, xt, yt);
    const sorted = [...this.artists].sort((a, b) => a.zorder - b.zorder);
    for (const a of sorted) {
      ctx.save();
      if (a.clip ?? true) {
        ctx.beginPath();
        ctx.rect(plot.x, plot.y, plot.width, plot.height);
        ctx.clip();
      }
      a.draw(rc, t);
      ctx.restore();
    }
    if (this.axisOn) this.drawAxes(rc, plot, xt, yt);
    if (this.titleText) {
      drawText(
        ctx,
        this.titleText,
        plot.x + plot.width / 2,
        plot.y - 6,
        { fontSize: this.titleSize, ha: 'center', va: 'bottom' },
        rc.fontFamily,
      );
    }
    if (this.legendOpts) drawLegend(rc, t, this.artists, this.legendOpts);
    if (this.colorBar) this.colorBar.draw(rc, plot);
    ctx.restore();
  }

  private drawGrid(rc: RenderContext, plot: Rect, xt: Ticks, yt: Ticks): void {
    const { ctx } = rc;
    ctx.save();
    ctx.strokeStyle = this.gridColor;
    ctx.lineWidth = 0.8;
    ctx.globalAlpha = 0.6;
    ctx.beginPath();
    // Grid lines at the major ticks only (minor log ticks have no label).
    for (const [i, v] of xt.values.entries()) {
      if (xt.labels[i] === '') continue;
      const x = Math.round(this.xScale(v)) + 0.5;
      if (x < plot.x - 0.5 || x > plot.x + plot.width + 0.5) continue;
      ctx.moveTo(x, plot.y);
      ctx.lineTo(x, plot.y + plot.height);
    }
    for (const [i, v] of yt.values.entries()) {
      if (yt.labels[i] === '') continue;
      const y = Math.round(this.yScale(v)) + 0.5;
      if (y < plot.y - 0.5 || y > plot.y + plot.height + 0.5) continue;
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x + plot.width, y);
    }
    ctx.stroke();
    ctx.restore();
  }

  private drawAxes(rc: RenderContext, plot: Rect, xt: Ticks, yt: Ticks): void {
    const { ctx } = rc;
    const f = rc.fontFamily;
    ctx.save();
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = 1;
    ctx.strokeRect(
      Math.round(plot.x) + 0.5,
      Math.round(plot.y) + 0.5,
      Math.round(plot.width),
      Math.round(plot.height),
    );
    const bottom = plot.y + plot.height;
    const inX = (x: number) => x >= plot.x - 0.5 && x <= plot.x + plot.width + 0.5;
    const inY = (y: number) => y >= plot.y - 0.5 && y <= plot.y + plot.height + 0.5;
    // x ticks and labels
    const rotation = this.xRotation(rc, xt);
    ctx.beginPath();
    xt.values.forEach((v, i) => {
      const x = Math.round(this.xScale(v)) + 0.5;
      if (!inX(x)) return;
      const minor = xt.labels[i] === '';
      ctx.moveTo(x, bottom);
      ctx.lineTo(x, bottom + (minor ? TICK_LEN / 2 : TICK_LEN));
      const y = bottom + TICK_LEN + TICK_PAD;
      if (rotation)
        drawText(
          ctx,
          xt.labels[i]!,
          x + 3,
          y,
          { fontSize: FONT_SIZES.tick, ha: 'right', va: 'top', rotation },
          f,
        );
      else drawText(ctx, xt.labels[i]!, x, y, { fontSize: FONT_SIZES.tick, ha: 'center', va: 'top' }, f);
    });
    // y ticks and labels
    let widest = 0;
    yt.values.forEach((v, i) => {
      const y = Math.round(this.yScale(v)) + 0.5;
      if (!inY(y)) return;
      const minor = yt.labels[i] === '';
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x - (minor ? TICK_LEN / 2 : TICK_LEN), y);
      drawText(
        ctx,
        yt.labels[i]!,
        plot.x - TICK_LEN - TICK_PAD,
        y,
        { fontSize: FONT_SIZES.tick, ha: 'right', va: 'center' },
        f,
      );
      widest = Math.max(widest, measureText(ctx, yt.labels[i]!, FONT_SIZES.tick, f).width);
    });
    ctx.stroke();
    if (this.xlabelText) {
      const y = bottom + TICK_LEN + TICK_PAD + this.xLabelHeight(rc, xt, rotation) + 3;
      drawText(
        ctx,
        this.xlabelText,
        plot.x + plot.width / 2,
        y,
        { fontSize: FONT_SIZES.label, ha: 'center', va: 'top' },
        f,
      );
    }
    if (this.ylabelText) {
      const x = plot.x - TICK_LEN - TICK_PAD - widest - 6;
      drawText(
        ctx,
        this.ylabelText,
        x,
        plot.y + plot.height / 2,
        { fontSize: FONT_SIZES.label, ha: 'center', va: 'bottom', rotation: 90 },
        f,
      );
    }
    ctx.restore();
  }
}

/** Throws unless `n` is a positive integer (grid sizes). */
export function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new PlotError(`${what} must be a positive integer, got ${n}`);
}
