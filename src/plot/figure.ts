/**
 * Figure: the canvas-sized container of Axes. It lays the Axes out, draws them on any 2-D context,
 * and writes the result: PNG bytes or files, SVG (Node), or a live `<canvas>` in the browser.
 */
import type { Mappable } from './artist.js';
import { Axes, checkCount } from './axes.js';
import { Axes3D, type Axes3DOptions } from './axes3d.js';
import { cssColor } from './color.js';
import type { Colorbar, ColorbarOptions } from './colorbar.js';
import { PlotError } from './errors.js';
import { createSvgSurface, currentSurfaceFactory, encodePng, surfaceFactory, writeFileNode } from './host.js';
import { alignMargins, cellRect, inset, type CellSpec, type Panel } from './layout.js';
import { DEFAULT_FONT_FAMILY, drawText, measureText } from './text.js';
import type { Ctx2D, Rect, RenderContext, SurfaceFactory } from './types.js';

/** Options of a figure. Sizes are CSS pixels; `pixelRatio` multiplies them in the output. */
export interface FigureOptions {
  /** Width in pixels (default 640, Matplotlib's 6.4 in at 100 dpi). */
  width?: number;
  /** Height in pixels (default 480). */
  height?: number;
  /** Output pixels per CSS pixel (default 1; 2 for crisp images on high-DPI screens). */
  pixelRatio?: number;
  /** Background colour (default white). */
  background?: string;
  /** CSS font-family list for every text (default: DejaVu Sans, then common and CJK fonts). */
  fontFamily?: string;
}

/** RGBA pixels of a rendered figure. */
export interface RenderedImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A figure mounted on a canvas element: redraws are batched to the next animation frame. */
export interface LiveFigure {
  readonly figure: Figure;
  /** Asks for a redraw on the next animation frame (many calls, one draw). */
  redraw(): void;
  /** Draws now. */
  drawNow(): void;
  /** Stops pending redraws. */
  unmount(): void;
}

/** The canvas `mount` and `play` draw on: an `HTMLCanvasElement`, an `OffscreenCanvas`, or any canvas with a 2-D context. */
export interface CanvasTarget {
  width: number;
  height: number;
  getContext(kind: '2d'): unknown;
  style?: { width: string; height: string };
}

const OUTER_PAD = 6;

/** A figure: create with {@link figure} or {@link subplots}. */
export class Figure {
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
  readonly background: string;
  readonly fontFamily: string;
  /** Every panel (Axes and Axes3D) in the order added. */
  readonly panels: Panel[] = [];
  private supTitle = '';
  private supTitleSize = 16;

  constructor(opts: FigureOptions = {}) {
    this.width = opts.width ?? 640;
    this.height = opts.height ?? 480;
    this.pixelRatio = opts.pixelRatio ?? 1;
    this.background = cssColor(opts.background ?? '#ffffff');
    this.fontFamily = opts.fontFamily ?? DEFAULT_FONT_FAMILY;
    if (!(this.width > 0 && this.height > 0)) {
      throw new PlotError(`figure: width and height must be positive, got ${this.width}×${this.height}`);
    }
  }

  /** The 2-D Axes, in the order added (Matplotlib's `fig.axes`). */
  get axes(): Axes[] {
    return this.panels.filter((p): p is Axes => p instanceof Axes);
  }

  /**
   * Adds an Axes in slot `index` (1-based, row-major, as Matplotlib's `add_subplot(rows, cols,
   * index)`) of a `rows × cols` grid; `rowSpan`/`colSpan` let it cover several slots.
   */
  subplot(rows = 1, cols = 1, index = 1, opts: { rowSpan?: number; colSpan?: number } = {}): Axes {
    const ax = new Axes(this.gridCell(rows, cols, index, opts));
    this.panels.push(ax);
    return ax;
  }

  /** Adds a 3-D Axes in a grid slot (see {@link Figure.subplot}). */
  subplot3d(rows = 1, cols = 1, index = 1, opts: Axes3DOptions = {}): Axes3D {
    const ax = new Axes3D(this.gridCell(rows, cols, index, {}), opts);
    this.panels.push(ax);
    return ax;
  }

  /** Adds an Axes at `[left, bottom, width, height]` in figure fractions (Matplotlib's `add_axes`). */
  addAxes(rect: readonly [number, number, number, number]): Axes {
    const [left, bottom, width, height] = rect;
    const ax = new Axes({ kind: 'rect', left, bottom, width, height });
    this.panels.push(ax);
    return ax;
  }

  private gridCell(
    rows: number,
    cols: number,
    index: number,
    opts: { rowSpan?: number; colSpan?: number },
  ): CellSpec {
    checkCount(rows, 'subplot rows');
    checkCount(cols, 'subplot cols');
    if (!Number.isInteger(index) || index < 1 || index > rows * cols) {
      throw new PlotError(
        `subplot: index must be in 1..${rows * cols} for a ${rows}×${cols} grid, got ${index}`,
      );
    }
    const row = Math.floor((index - 1) / cols);
    const col = (index - 1) % cols;
    const rowSpan = opts.rowSpan ?? 1;
    const colSpan = opts.colSpan ?? 1;
    if (row + rowSpan > rows || col + colSpan > cols) {
      throw new PlotError(
        `subplot: slot ${index} spanning ${rowSpan}×${colSpan} leaves the ${rows}×${cols} grid`,
      );
    }
    return { kind: 'grid', rows, cols, row, col, rowSpan, colSpan };
  }

  /** A title above all Axes. */
  suptitle(text: string, opts: { fontSize?: number } = {}): this {
    this.supTitle = text;
    if (opts.fontSize) this.supTitleSize = opts.fontSize;
    return this;
  }

  /** A colour bar for `mappable` beside `ax` (default: the last Axes). */
  colorbar(mappable: Mappable, opts: ColorbarOptions & { ax?: Axes } = {}): Colorbar {
    const ax = opts.ax ?? this.axes[this.axes.length - 1];
    if (!ax) throw new PlotError('colorbar: the figure has no Axes to attach the colour bar to');
    return ax.colorbar(mappable, opts);
  }

  /**
   * Draws the figure on a 2-D context whose canvas is `width × pixelRatio` by
   * `height × pixelRatio` pixels. `createSurface` makes offscreen canvases for images (default:
   * the host's; in Node call `await plot.loadNodeCanvas()` first).
   */
  draw(ctx: Ctx2D, opts: { createSurface?: SurfaceFactory } = {}): void {
    const rc: RenderContext = {
      ctx,
      // Looked up only when an artist needs an offscreen canvas (images, colour bars).
      createSurface: opts.createSurface ?? ((w, h) => currentSurfaceFactory()(w, h)),
      fontFamily: this.fontFamily,
    };
    ctx.save();
    ctx.setTransform(this.pixelRatio, 0, 0, this.pixelRatio, 0, 0);
    ctx.fillStyle = this.background;
    ctx.fillRect(0, 0, this.width, this.height);
    let top = OUTER_PAD;
    if (this.supTitle) {
      const h = measureText(ctx, this.supTitle, this.supTitleSize, this.fontFamily).height;
      drawText(
        ctx,
        this.supTitle,
        this.width / 2,
        top + 2,
        { fontSize: this.supTitleSize, ha: 'center', va: 'top' },
        this.fontFamily,
      );
      top += h + 8;
    }
    const area: Rect = {
      x: OUTER_PAD,
      y: top,
      width: this.width - 2 * OUTER_PAD,
      height: this.height - top - OUTER_PAD,
    };
    const cells = this.panels.map((p) => cellRect(p.cell, area, this.width, this.height));
    for (const p of this.panels) p.prepare(rc);
    const margins = alignMargins(
      this.panels.map((p) => p.cell),
      this.panels.map((p, i) => p.margins(rc, cells[i]!)),
    );
    this.panels.forEach((p, i) => p.draw(rc, inset(cells[i]!, margins[i]!)));
    ctx.restore();
  }

  /** Renders into a new canvas of this host (Node: @napi-rs/canvas, loaded on first use). */
  private async render(): Promise<{ canvas: CanvasImageSource; ctx: Ctx2D; factory: SurfaceFactory }> {
    const factory = await surfaceFactory();
    const s = factory(Math.round(this.width * this.pixelRatio), Math.round(this.height * this.pixelRatio));
    this.draw(s.ctx, { createSurface: factory });
    return { ...s, factory };
  }

  /** The rendered pixels (RGBA, `width × pixelRatio` wide), e.g. to test what was drawn. */
  async toImageData(): Promise<RenderedImage> {
    const { ctx } = await this.render();
    const w = Math.round(this.width * this.pixelRatio);
    const h = Math.round(this.height * this.pixelRatio);
    const img = ctx.getImageData(0, 0, w, h);
    return { width: w, height: h, data: img.data };
  }

  /** PNG bytes of the figure. */
  async toPng(): Promise<Uint8Array> {
    return encodePng(await this.render());
  }

  /** Writes the figure as a PNG file, creating its folder (Node). */
  async savePng(path: string): Promise<void> {
    await writeFileNode(path, await this.toPng());
  }

  /** SVG text of the figure (Node, through @napi-rs/canvas's SVG backend; images embed as PNG). */
  async toSvg(): Promise<string> {
    const factory = await surfaceFactory();
    const svg = await createSvgSurface(this.width, this.height);
    // SVG is resolution-free: draw at pixel ratio 1.
    this.withPixelRatio(1).draw(svg.surface.ctx, { createSurface: factory });
    return svg.content();
  }

  /** Writes the figure as an SVG file (Node). */
  async saveSvg(path: string): Promise<void> {
    await writeFileNode(path, await this.toSvg());
  }

  /**
   * Shows the figure on a `<canvas>` (sized to the figure, sharp on high-DPI screens) and returns
   * a handle whose `redraw()` repaints on the next animation frame: update artists (e.g.
   * `line.setData`) from a training loop, then call `redraw()`.
   */
  mount(canvas: CanvasTarget, opts: { pixelRatio?: number } = {}): LiveFigure {
    const g = globalThis as {
      devicePixelRatio?: number;
      requestAnimationFrame?: (cb: () => void) => number;
      cancelAnimationFrame?: (id: number) => void;
    };
    const pr = opts.pixelRatio ?? g.devicePixelRatio ?? 1;
    const fig = this.pixelRatio === pr ? this : this.withPixelRatio(pr);
    canvas.width = Math.round(this.width * pr);
    canvas.height = Math.round(this.height * pr);
    if (canvas.style) {
      canvas.style.width = `${this.width}px`;
      canvas.style.height = `${this.height}px`;
    }
    const ctx = canvas.getContext('2d') as Ctx2D;
    let pending: number | undefined;
    const drawNow = () => {
      pending = undefined;
      fig.draw(ctx);
    };
    drawNow();
    return {
      figure: this,
      redraw() {
        if (pending !== undefined) return;
        pending = g.requestAnimationFrame
          ? g.requestAnimationFrame(drawNow)
          : (setTimeout(drawNow, 16) as unknown as number);
      },
      drawNow,
      unmount() {
        if (pending !== undefined) {
          if (g.cancelAnimationFrame) g.cancelAnimationFrame(pending);
          else clearTimeout(pending);
        }
        pending = undefined;
      },
    };
  }

  /** A view of this figure (same panels) drawn at another pixel ratio. */
  private withPixelRatio(pixelRatio: number): Figure {
    const f = new Figure({
      width: this.width,
      height: this.height,
      pixelRatio,
      background: this.background,
      fontFamily: this.fontFamily,
    });
    // Share the panel list itself, so Axes added later still show.
    (f as { panels: Panel[] }).panels = this.panels;
    f.supTitle = this.supTitle;
    f.supTitleSize = this.supTitleSize;
    return f;
  }
}

/** Options of {@link subplots}: the figure's, plus the figure title. */
export interface SubplotsOptions extends FigureOptions {
  suptitle?: string;
}

/** A new figure (Matplotlib's `plt.figure(figsize=…)`, in pixels). */
export function figure(opts: FigureOptions = {}): Figure {
  return new Figure(opts);
}

/**
 * A figure with a `rows × cols` grid of Axes (Matplotlib's `plt.subplots`): `axes[r][c]`, and
 * `ax`, the first one, for the common single-plot case.
 *
 * ```ts
 * const { fig, ax } = plot.subplots();
 * ax.plot(x, y, 'r--', { label: 'fit' });
 * await fig.savePng('out/fit.png');
 * ```
 */
export function subplots(
  rows = 1,
  cols = 1,
  opts: SubplotsOptions = {},
): { fig: Figure; axes: Axes[][]; ax: Axes } {
  const fig = new Figure(opts);
  if (opts.suptitle) fig.suptitle(opts.suptitle);
  const axes: Axes[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Axes[] = [];
    for (let c = 0; c < cols; c++) row.push(fig.subplot(rows, cols, r * cols + c + 1));
    axes.push(row);
  }
  return { fig, axes, ax: axes[0]![0]! };
}
