/**
 * Text and arrows inside an Axes: `ax.text(x, y, 'label')`, `ax.annotate('local minimum',
 * [x, y], { xytext: [tx, ty] })` (text with an arrow pointing at a data point) and
 * `ax.arrow(x, y, dx, dy)`.
 */
import type { Artist } from './artist.js';
import { cssColor } from './color.js';
import { drawArrow } from './quiver.js';
import { drawText, measureText, type TextStyle } from './text.js';
import type { Bounds, RenderContext, Transform } from './types.js';

/** Where coordinates are measured: data units, or fractions of the Axes (0,0 bottom-left). */
export type Coords = 'data' | 'axes';

/** Options of `ax.text`. */
export interface TextOptions extends TextStyle {
  coords?: Coords;
  zorder?: number;
  /** Clip to the plot area (default false, as in Matplotlib). */
  clip?: boolean;
}

function place(t: Transform, coords: Coords, x: number, y: number): [number, number] {
  if (coords === 'axes') return [t.rect.x + x * t.rect.width, t.rect.y + (1 - y) * t.rect.height];
  return [t.x(x), t.y(y)];
}

/** A piece of text (returned by `ax.text`); `setText` changes it, handy in animations. */
export class Text implements Artist {
  zorder: number;
  readonly clip: boolean;

  constructor(
    public x: number,
    public y: number,
    public text: string,
    readonly options: TextOptions,
  ) {
    this.zorder = options.zorder ?? 3;
    this.clip = options.clip ?? false;
  }

  setText(text: string): void {
    this.text = text;
  }

  bounds(): Bounds | null {
    return null;
  }

  draw(rc: RenderContext, t: Transform): void {
    const [px, py] = place(t, this.options.coords ?? 'data', this.x, this.y);
    drawText(
      rc.ctx,
      this.text,
      px,
      py,
      { ...this.options, color: cssColor(this.options.color ?? '#000') },
      rc.fontFamily,
    );
  }
}

/** Arrow styling of an annotation or `ax.arrow`. */
export interface ArrowOptions {
  color?: string;
  /** Shaft width in pixels (default 1.2). */
  width?: number;
  /** Head length and width as multiples of the shaft width. */
  headLength?: number;
  headWidth?: number;
}

/** Options of `ax.annotate`. */
export interface AnnotateOptions extends TextStyle {
  /** Where the text goes (default: at `xy`, no arrow). */
  xytext?: readonly [number, number];
  /** Coordinates of `xy` (default 'data'). */
  coords?: Coords;
  /** Coordinates of `xytext`: like `coords`, or 'offset' pixels from `xy` (y up). */
  textCoords?: Coords | 'offset';
  /** Draw an arrow from the text to `xy` (default: when `xytext` is given). */
  arrow?: boolean | ArrowOptions;
  zorder?: number;
}

/** Text with an arrow to a point (returned by `ax.annotate`). */
export class Annotation implements Artist {
  zorder: number;
  readonly clip = false;

  constructor(
    public text: string,
    public xy: readonly [number, number],
    readonly options: AnnotateOptions,
  ) {
    this.zorder = options.zorder ?? 3;
  }

  bounds(): Bounds | null {
    return null;
  }

  draw(rc: RenderContext, t: Transform): void {
    const o = this.options;
    const [ax, ay] = place(t, o.coords ?? 'data', this.xy[0], this.xy[1]);
    let tx = ax;
    let ty = ay;
    if (o.xytext) {
      if (o.textCoords === 'offset') [tx, ty] = [ax + o.xytext[0], ay - o.xytext[1]];
      else [tx, ty] = place(t, o.textCoords ?? o.coords ?? 'data', o.xytext[0], o.xytext[1]);
    }
    const style: TextStyle = { ha: 'center', va: 'center', ...o, color: cssColor(o.color ?? '#000') };
    const arrow = o.arrow ?? o.xytext !== undefined;
    if (arrow) {
      const a: ArrowOptions = typeof arrow === 'object' ? arrow : {};
      const size = measureText(rc.ctx, this.text, style.fontSize ?? 12, rc.fontFamily, style.fontWeight);
      // Start the arrow where the ray from the text centre leaves the text box (plus a gap).
      const cx = tx + (style.ha === 'left' ? size.width / 2 : style.ha === 'right' ? -size.width / 2 : 0);
      const cy = ty + (style.va === 'top' ? size.height / 2 : style.va === 'center' ? 0 : -size.height / 2);
      const dx = ax - cx;
      const dy = ay - cy;
      const len = Math.hypot(dx, dy);
      if (len > 1) {
        const hw = size.width / 2 + 4;
        const hh = size.height / 2 + 3;
        const s = Math.min(
          Math.abs(dx) > 1e-9 ? hw / Math.abs(dx) : Infinity,
          Math.abs(dy) > 1e-9 ? hh / Math.abs(dy) : Infinity,
        );
        if (s < 1) {
          const end = 1 - 2 / len; // stop 2 px short of the point
          const w = a.width ?? 1.2;
          drawArrow(
            rc.ctx,
            cx + dx * s,
            cy + dy * s,
            cx + dx * end,
            cy + dy * end,
            cssColor(a.color ?? style.color ?? '#000'),
            w,
            {
              length: a.headLength ?? 7,
              width: a.headWidth ?? 5,
            },
          );
        }
      }
    }
    drawText(rc.ctx, this.text, tx, ty, style, rc.fontFamily);
  }
}

/** An arrow from (x, y) to (x + dx, y + dy) in data units (returned by `ax.arrow`). */
export class Arrow implements Artist {
  zorder: number;

  constructor(
    readonly x: number,
    readonly y: number,
    readonly dx: number,
    readonly dy: number,
    readonly options: ArrowOptions & { zorder?: number },
  ) {
    this.zorder = options.zorder ?? 2.5;
  }

  bounds(): Bounds {
    return [
      Math.min(this.x, this.x + this.dx),
      Math.max(this.x, this.x + this.dx),
      Math.min(this.y, this.y + this.dy),
      Math.max(this.y, this.y + this.dy),
    ];
  }

  draw(rc: RenderContext, t: Transform): void {
    const o = this.options;
    drawArrow(
      rc.ctx,
      t.x(this.x),
      t.y(this.y),
      t.x(this.x + this.dx),
      t.y(this.y + this.dy),
      cssColor(o.color ?? '#000'),
      o.width ?? 1.5,
      {
        length: o.headLength ?? 5,
        width: o.headWidth ?? 4,
      },
    );
  }
}
