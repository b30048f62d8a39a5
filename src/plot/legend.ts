/**
 * The legend: one row per labelled artist (its key and its label) in a framed box. `loc: 'best'`
 * (the default) tries Matplotlib's positions in order and takes the one covering fewest data points.
 */
import type { Artist } from './artist.js';
import { cssFont, drawText, measureText } from './text.js';
import type { Rect, RenderContext, Transform } from './types.js';

/** Legend positions, as Matplotlib names them. */
export type LegendLoc =
  | 'best'
  | 'upper right'
  | 'upper left'
  | 'lower left'
  | 'lower right'
  | 'right'
  | 'center left'
  | 'center right'
  | 'lower center'
  | 'upper center'
  | 'center';

/** Options of `ax.legend`. */
export interface LegendOptions {
  loc?: LegendLoc;
  fontSize?: number;
  /** Draw the frame and its white background (default true). */
  frame?: boolean;
  title?: string;
}

const ORDER: Exclude<LegendLoc, 'best'>[] = [
  'upper right',
  'upper left',
  'lower left',
  'lower right',
  'right',
  'center left',
  'center right',
  'lower center',
  'upper center',
  'center',
];

function boxAt(loc: Exclude<LegendLoc, 'best'>, plot: Rect, w: number, h: number, pad: number): Rect {
  const left = plot.x + pad;
  const right = plot.x + plot.width - pad - w;
  const cx = plot.x + (plot.width - w) / 2;
  const top = plot.y + pad;
  const bottom = plot.y + plot.height - pad - h;
  const cy = plot.y + (plot.height - h) / 2;
  const x = loc.endsWith('left') ? left : loc.endsWith('right') ? right : cx;
  const y = loc.startsWith('upper') ? top : loc.startsWith('lower') ? bottom : cy;
  return { x, y, width: w, height: h };
}

/** Draws the legend of `artists` (those with a label) inside the plot area; returns its box. */
export function drawLegend(
  rc: RenderContext,
  t: Transform,
  artists: readonly Artist[],
  opts: LegendOptions,
): Rect | null {
  const entries = artists.filter((a) => a.label && !a.label.startsWith('_'));
  if (entries.length === 0) return null;
  const { ctx } = rc;
  const fontSize = opts.fontSize ?? 12;
  const keyW = 26;
  const pad = 7;
  const rowH = fontSize * 1.45;
  const labelW = Math.max(...entries.map((a) => measureText(ctx, a.label!, fontSize, rc.fontFamily).width));
  const titleH = opts.title ? rowH : 0;
  const titleW = opts.title ? measureText(ctx, opts.title, fontSize, rc.fontFamily, 'bold').width : 0;
  const w = Math.max(pad + keyW + 6 + labelW + pad, titleW + 2 * pad);
  const h = pad + titleH + rowH * entries.length + pad - fontSize * 0.3;
  let loc = opts.loc ?? 'best';
  if (loc === 'best') {
    const pts: [number, number][] = [];
    for (const a of artists) {
      if (!a.points) continue;
      for (const [x, y] of a.points()) pts.push([t.x(x), t.y(y)]);
    }
    let best = ORDER[0]!;
    let fewest = Infinity;
    for (const cand of ORDER) {
      const b = boxAt(cand, t.rect, w, h, 8);
      let n = 0;
      for (const [x, y] of pts) if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height) n++;
      if (n < fewest) {
        fewest = n;
        best = cand;
      }
      if (n === 0) break;
    }
    loc = best;
  }
  const box = boxAt(loc, t.rect, w, h, 8);
  ctx.save();
  if (opts.frame ?? true) {
    ctx.globalAlpha = 0.85;
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = '#cccccc';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.roundRect(box.x + 0.5, box.y + 0.5, box.width, box.height, 3);
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.stroke();
  }
  ctx.font = cssFont(fontSize, rc.fontFamily);
  let y = box.y + pad;
  if (opts.title) {
    drawText(
      ctx,
      opts.title,
      box.x + box.width / 2,
      y + rowH / 2,
      { fontSize, ha: 'center', va: 'center', fontWeight: 'bold' },
      rc.fontFamily,
    );
    y += rowH;
  }
  for (const a of entries) {
    a.legendKey?.(ctx, { x: box.x + pad, y: y + rowH / 2 - fontSize / 2, width: keyW, height: fontSize });
    drawText(
      ctx,
      a.label!,
      box.x + pad + keyW + 6,
      y + rowH / 2,
      { fontSize, va: 'center', color: '#000' },
      rc.fontFamily,
    );
    y += rowH;
  }
  ctx.restore();
  return box;
}
