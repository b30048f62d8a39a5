/**
 * The colour bar beside an Axes: the colormap from vmin (bottom) to vmax (top) with ticks, or the
 * discrete bands of a filled contour. `fig.colorbar(image, { ax })` or `ax.colorbar(image)`.
 */
import type { Mappable } from './artist.js';
import { normalize } from './colormap.js';
import { cssFont, drawText, measureText } from './text.js';
import { fitTicks, makeScale, type Ticks } from './ticks.js';
import type { Rect, RenderContext } from './types.js';

/** Options of a colour bar. */
export interface ColorbarOptions {
  label?: string;
  /** Bar width in pixels (default 14). */
  width?: number;
  /** Tick values (default: nice ticks, or the levels of a filled contour when few). */
  ticks?: readonly number[];
  fontSize?: number;
}

const GAP = 12;
const TICK = 4;

/** A colour bar attached to an Axes. `rect` is where the bar was drawn last. */
export class Colorbar {
  rect: Rect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(
    readonly mappable: Mappable,
    readonly options: ColorbarOptions,
  ) {}

  private ticks(rc: RenderContext, height: number): Ticks {
    const m = this.mappable;
    const fontSize = this.options.fontSize ?? 11;
    const scale = makeScale('linear', [m.vmin, m.vmax], [height, 0]);
    if (this.options.ticks) {
      const values = [...this.options.ticks];
      const fmt = scale.tickFormat(values.length);
      return { values, labels: values.map((v) => fmt(v)) };
    }
    if (m.levels && m.levels.length <= 12) {
      const values = [...m.levels];
      const fmt = scale.tickFormat(values.length * 2, '~f');
      return { values, labels: values.map((v) => fmt(v)) };
    }
    return fitTicks(rc.ctx, scale, 'linear', height, false, cssFont(fontSize, rc.fontFamily), fontSize);
  }

  /** Pixels the bar needs to the right of the plot area. */
  margin(rc: RenderContext, height: number): number {
    const fontSize = this.options.fontSize ?? 11;
    const t = this.ticks(rc, height);
    const labelW = Math.max(0, ...t.labels.map((l) => measureText(rc.ctx, l, fontSize, rc.fontFamily).width));
    const title = this.options.label ? fontSize * 1.2 + 6 : 0;
    return GAP + (this.options.width ?? 14) + TICK + 3 + labelW + title + 4;
  }

  draw(rc: RenderContext, plot: Rect): void {
    const { ctx } = rc;
    const m = this.mappable;
    const fontSize = this.options.fontSize ?? 11;
    const bar: Rect = {
      x: plot.x + plot.width + GAP,
      y: plot.y,
      width: this.options.width ?? 14,
      height: plot.height,
    };
    this.rect = bar;
    const valueToY = (v: number) => bar.y + bar.height * (1 - normalize(v, m.vmin, m.vmax));
    ctx.save();
    if (m.levels && m.levels.length >= 2 && m.bandColors !== undefined) {
      m.levels.slice(0, -1).forEach((lo, k) => {
        ctx.fillStyle = m.bandColors![k]!;
        const ya = valueToY(lo);
        const yb = valueToY(m.levels![k + 1]!);
        ctx.fillRect(bar.x, yb, bar.width, ya - yb);
      });
    } else if (m.levels && m.levels.length >= 2) {
      const L = m.levels;
      const mid = (i: number) => (L[i]! + L[i + 1]!) / 2;
      const n = L.length - 1;
      for (let k = 0; k < n; k++) {
        ctx.fillStyle = m.cmap.css(n <= 1 ? 0.5 : normalize(mid(k), mid(0), mid(n - 1)));
        const ya = valueToY(L[k]!);
        const yb = valueToY(L[k + 1]!);
        ctx.fillRect(bar.x, yb, bar.width, ya - yb);
      }
    } else {
      // One pixel column per colormap entry, top = vmax, scaled without smoothing.
      const s = rc.createSurface(1, 256);
      const img = s.ctx.createImageData(1, 256);
      for (let i = 0; i < 256; i++) {
        const [r, g, b] = m.cmap.rgb((255 - i) / 255);
        img.data.set([r, g, b, 255], 4 * i);
      }
      s.ctx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(s.canvas, bar.x, bar.y, bar.width, bar.height);
    }
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 0.8;
    ctx.strokeRect(bar.x, bar.y, bar.width, bar.height);
    const ticks = this.ticks(rc, bar.height);
    ctx.font = cssFont(fontSize, rc.fontFamily);
    let labelRight = bar.x + bar.width;
    ticks.values.forEach((v, i) => {
      if (v < Math.min(m.vmin, m.vmax) - 1e-12 || v > Math.max(m.vmin, m.vmax) + 1e-12) return;
      const y = valueToY(v);
      ctx.beginPath();
      ctx.moveTo(bar.x + bar.width, y);
      ctx.lineTo(bar.x + bar.width + TICK, y);
      ctx.stroke();
      const label = ticks.labels[i]!;
      drawText(ctx, label, bar.x + bar.width + TICK + 3, y, { fontSize, va: 'center' }, rc.fontFamily);
      labelRight = Math.max(
        labelRight,
        bar.x + bar.width + TICK + 3 + measureText(ctx, label, fontSize, rc.fontFamily).width,
      );
    });
    if (this.options.label) {
      drawText(
        ctx,
        this.options.label,
        labelRight + 6,
        bar.y + bar.height / 2,
        { fontSize, ha: 'center', va: 'top', rotation: 90 },
        rc.fontFamily,
      );
    }
    ctx.restore();
  }
}
