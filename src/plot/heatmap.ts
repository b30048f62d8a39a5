/**
 * Annotated matrices: `ax.heatmap(attention, { xLabels: tokens, yLabels: tokens })` colours each
 * cell through a colormap and prints its value inside in black or white, whichever reads better on
 * that colour (attention weights on Day 7, confusion matrices).
 */
import type { Artist, Mappable } from './artist.js';
import { cssColor, luminance, rgbCss } from './color.js';
import { colormap, normalize, type Colormap, type ColormapName } from './colormap.js';
import { finiteExtent, toGrid, type Grid } from './data.js';
import { drawText } from './text.js';
import type { Bounds, Ctx2D, Matrix, Rect, RenderContext, Transform } from './types.js';

/** Options of `ax.heatmap`. */
export interface HeatmapOptions {
  cmap?: ColormapName | `${ColormapName}_r` | Colormap;
  vmin?: number;
  vmax?: number;
  /** Print each value in its cell (default true). */
  annotate?: boolean;
  /** Decimal places of the printed values (default 2), or a formatter. */
  format?: number | ((v: number) => string);
  /** Labels of the columns (x) and rows (y), e.g. the tokens of an attention matrix. */
  xLabels?: readonly string[];
  yLabels?: readonly string[];
  /** Font size of the numbers (default: fitted to the cells, 7–14 px). */
  fontSize?: number;
  /** Colour of the numbers (default: black or white by the cell's luminance). */
  textColor?: string;
  /** Lines between the cells, e.g. 'white'. */
  lineColor?: string;
  lineWidth?: number;
  zorder?: number;
}

/** An annotated matrix (returned by `ax.heatmap`). Cell (r, c) is centred on (x = c, y = r). */
export class Heatmap implements Artist, Mappable {
  zorder: number;
  readonly grid: Grid;
  readonly cmap: Colormap;
  readonly vmin: number;
  readonly vmax: number;

  constructor(
    matrix: Matrix,
    readonly options: HeatmapOptions,
  ) {
    this.grid = toGrid(matrix, 'heatmap');
    this.zorder = options.zorder ?? 0;
    this.cmap = colormap(options.cmap ?? 'viridis');
    const [lo, hi] = finiteExtent(this.grid.data);
    this.vmin = options.vmin ?? (Number.isFinite(lo) ? lo : 0);
    this.vmax = options.vmax ?? (Number.isFinite(hi) ? hi : 1);
  }

  bounds(): Bounds {
    return [-0.5, this.grid.cols - 0.5, -0.5, this.grid.rows - 0.5];
  }

  get stickyX(): readonly number[] {
    return [-0.5, this.grid.cols - 0.5];
  }

  get stickyY(): readonly number[] {
    return [-0.5, this.grid.rows - 0.5];
  }

  /** Text of one value. */
  formatValue(v: number): string {
    const f = this.options.format ?? 2;
    if (typeof f === 'function') return f(v);
    if (Number.isNaN(v)) return '';
    if (v === -Infinity) return '−∞';
    return v.toFixed(f).replace('-', '−');
  }

  draw(rc: RenderContext, t: Transform): void {
    const { ctx } = rc;
    const { rows, cols, data } = this.grid;
    const cellW = Math.abs(t.x(1) - t.x(0));
    const cellH = Math.abs(t.y(1) - t.y(0));
    let maxChars = 1;
    for (const v of data) maxChars = Math.max(maxChars, this.formatValue(v).length);
    const fontSize =
      this.options.fontSize ?? Math.max(7, Math.min(14, cellH * 0.4, (cellW * 0.9) / (maxChars * 0.62)));
    ctx.save();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = data[r * cols + c]!;
        // Edges snapped to whole pixels: neighbouring cells then share edges without seams.
        const xa = Math.round(t.x(c - 0.5));
        const xb = Math.round(t.x(c + 0.5));
        const ya = Math.round(t.y(r - 0.5));
        const yb = Math.round(t.y(r + 0.5));
        const finite = Number.isFinite(v);
        const [R, G, B] = finite ? this.cmap.rgb(normalize(v, this.vmin, this.vmax)) : [255, 255, 255];
        ctx.fillStyle = rgbCss(R, G, B);
        ctx.fillRect(Math.min(xa, xb), Math.min(ya, yb), Math.abs(xb - xa), Math.abs(yb - ya));
        if (this.options.lineColor) {
          ctx.strokeStyle = cssColor(this.options.lineColor);
          ctx.lineWidth = this.options.lineWidth ?? 1;
          ctx.strokeRect(Math.min(xa, xb), Math.min(ya, yb), Math.abs(xb - xa), Math.abs(yb - ya));
        }
        if (this.options.annotate ?? true) {
          const color = this.options.textColor ?? (luminance(R, G, B) > 0.4 ? '#000000' : '#ffffff');
          drawText(
            ctx,
            this.formatValue(v),
            (xa + xb) / 2,
            (ya + yb) / 2,
            { fontSize, color, ha: 'center', va: 'center' },
            rc.fontFamily,
          );
        }
      }
    }
    ctx.restore();
  }

  legendKey(ctx: Ctx2D, box: Rect): void {
    ctx.fillStyle = this.cmap.css(0.5);
    ctx.fillRect(box.x, box.y + 1, box.width, box.height - 2);
  }
}
