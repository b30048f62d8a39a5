/**
 * Text: the font stack, measuring, and drawing aligned (and rotated, multi-line) labels.
 *
 * NOTE: in Node, @napi-rs/canvas renders with the system's fonts. Debian's DejaVu Sans (the font
 * Matplotlib ships) comes first in the stack; the CJK families after it are used when installed
 * (e.g. `apt-get install fonts-noto-cjk`), or after {@link registerFont} in Node and the browser.
 */
import type { Ctx2D } from './types.js';

/** The default CSS font-family list of every figure. */
export const DEFAULT_FONT_FAMILY =
  '"DejaVu Sans", "Helvetica Neue", Helvetica, Arial, "Noto Sans CJK SC", "Noto Sans SC", ' +
  '"Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Font sizes (CSS pixels) of an Axes' texts. */
export const FONT_SIZES = { tick: 11, label: 13, title: 14 } as const;

/** How a piece of text is drawn. Sizes are CSS pixels, rotation degrees counter-clockwise. */
export interface TextStyle {
  fontSize?: number;
  color?: string;
  fontWeight?: 'normal' | 'bold';
  /** Horizontal alignment at the anchor (Matplotlib's `ha`). */
  ha?: 'left' | 'center' | 'right';
  /** Vertical alignment at the anchor (Matplotlib's `va`). */
  va?: 'top' | 'center' | 'bottom' | 'baseline';
  rotation?: number;
  /** A box behind the text: its fill colour. */
  background?: string;
}

/** A CSS font shorthand. */
export function cssFont(size: number, family: string, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight === 'bold' ? 'bold ' : ''}${size}px ${family}`;
}

/** Line height relative to the font size. */
const LINE_HEIGHT = 1.2;

/** Width and height of (possibly multi-line) text, unrotated. */
export function measureText(
  ctx: Ctx2D,
  text: string,
  size: number,
  family: string,
  weight: 'normal' | 'bold' = 'normal',
): { width: number; height: number } {
  ctx.save();
  ctx.font = cssFont(size, family, weight);
  const lines = text.split('\n');
  const width = Math.max(0, ...lines.map((l) => ctx.measureText(l).width));
  ctx.restore();
  return { width, height: size * LINE_HEIGHT * lines.length };
}

/** Draws `text` at canvas pixel `(x, y)` with the given alignment and rotation. */
export function drawText(
  ctx: Ctx2D,
  text: string,
  x: number,
  y: number,
  style: TextStyle,
  family: string,
): void {
  if (text === '') return;
  const size = style.fontSize ?? 12;
  const lines = text.split('\n');
  const lineH = size * LINE_HEIGHT;
  const total = lineH * lines.length;
  ctx.save();
  ctx.font = cssFont(size, family, style.fontWeight);
  ctx.translate(x, y);
  if (style.rotation) ctx.rotate((-style.rotation * Math.PI) / 180);
  const ha = style.ha ?? 'left';
  const va = style.va ?? 'baseline';
  ctx.textAlign = ha;
  ctx.textBaseline = 'middle';
  // y of the first line's middle, relative to the anchor.
  let top: number;
  if (va === 'top') top = 0;
  else if (va === 'center') top = -total / 2;
  else if (va === 'bottom') top = -total;
  else top = -total + lineH * 0.25; // baseline: the last line's baseline sits on the anchor
  if (style.background) {
    const width = Math.max(...lines.map((l) => ctx.measureText(l).width));
    const left = ha === 'left' ? 0 : ha === 'center' ? -width / 2 : -width;
    ctx.fillStyle = style.background;
    ctx.fillRect(left - 3, top - 2, width + 6, total + 4);
  }
  ctx.fillStyle = style.color ?? '#000000';
  lines.forEach((line, i) => ctx.fillText(line, 0, top + lineH * (i + 0.5)));
  ctx.restore();
}
