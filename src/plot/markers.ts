/**
 * Marker shapes (Matplotlib's codes): 'o' circle, 's' square, '^' 'v' '<' '>' triangles, 'D'
 * diamond, 'x' and '+' crosses, '*' star, '.' point. Sizes are diameters in pixels.
 */
import type { Ctx2D } from './types.js';

/** A Matplotlib marker code. */
export type MarkerKind = 'o' | 's' | '^' | 'v' | '<' | '>' | 'D' | 'x' | '+' | '*' | '.';

/** The marker codes, for parsing format strings. */
export const MARKER_KINDS: readonly MarkerKind[] = ['o', 's', '^', 'v', '<', '>', 'D', 'x', '+', '*', '.'];

/** Adds the marker's outline at `(x, y)` to the current path (crosses are open strokes). */
export function markerPath(ctx: Ctx2D, kind: MarkerKind, x: number, y: number, size: number): void {
  const r = size / 2;
  switch (kind) {
    case 'o':
    case '.': {
      const rr = kind === '.' ? r * 0.5 : r;
      ctx.moveTo(x + rr, y);
      ctx.arc(x, y, rr, 0, 2 * Math.PI);
      break;
    }
    case 's':
      ctx.rect(x - r * 0.886, y - r * 0.886, r * 1.772, r * 1.772); // same area as the circle
      break;
    case 'D':
      polygon(ctx, x, y, r * 1.1, 4, 0);
      break;
    case '^':
      polygon(ctx, x, y, r * 1.15, 3, -Math.PI / 2);
      break;
    case 'v':
      polygon(ctx, x, y, r * 1.15, 3, Math.PI / 2);
      break;
    case '<':
      polygon(ctx, x, y, r * 1.15, 3, Math.PI);
      break;
    case '>':
      polygon(ctx, x, y, r * 1.15, 3, 0);
      break;
    case '*':
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rad = i % 2 === 0 ? r * 1.2 : r * 0.5;
        const px = x + rad * Math.cos(a);
        const py = y + rad * Math.sin(a);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.closePath();
      break;
    case 'x':
      ctx.moveTo(x - r * 0.8, y - r * 0.8);
      ctx.lineTo(x + r * 0.8, y + r * 0.8);
      ctx.moveTo(x + r * 0.8, y - r * 0.8);
      ctx.lineTo(x - r * 0.8, y + r * 0.8);
      break;
    case '+':
      ctx.moveTo(x - r, y);
      ctx.lineTo(x + r, y);
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
      break;
  }
}

function polygon(ctx: Ctx2D, x: number, y: number, r: number, n: number, start: number): void {
  for (let i = 0; i < n; i++) {
    const a = start + (i * 2 * Math.PI) / n;
    if (i === 0) ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
    else ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
  }
  ctx.closePath();
}

/** True for markers that are strokes only (no fill). */
export function isOpenMarker(kind: MarkerKind): boolean {
  return kind === 'x' || kind === '+';
}

/** Draws one marker: filled with `fill`, outlined with `edge` (open markers use `fill` as stroke). */
export function drawMarker(
  ctx: Ctx2D,
  kind: MarkerKind,
  x: number,
  y: number,
  size: number,
  fill: string,
  edge?: string,
  edgeWidth = 1,
): void {
  ctx.beginPath();
  markerPath(ctx, kind, x, y, size);
  if (isOpenMarker(kind)) {
    ctx.strokeStyle = fill;
    ctx.lineWidth = Math.max(1, edgeWidth * 1.5);
    ctx.stroke();
    return;
  }
  ctx.fillStyle = fill;
  ctx.fill();
  if (edge) {
    ctx.strokeStyle = edge;
    ctx.lineWidth = edgeWidth;
    ctx.stroke();
  }
}
