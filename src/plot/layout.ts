/**
 * Layout: where each Axes goes in the figure. A cell is a slot of a subplot grid (or a rectangle in
 * figure fractions); each Axes asks for margins around its plot area (tick labels, axis labels,
 * title, colour bar) and the figure aligns the margins along grid rows and columns, so tick labels
 * never overlap the neighbour and plot areas line up.
 */
import type { Rect, RenderContext } from './types.js';

/** Where a panel sits: a grid slot (0-based row/col, with spans) or a rectangle in figure fractions. */
export type CellSpec =
  | { kind: 'grid'; rows: number; cols: number; row: number; col: number; rowSpan: number; colSpan: number }
  | { kind: 'rect'; left: number; bottom: number; width: number; height: number };

/** Space around a plot area, in pixels. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Something the figure lays out and draws: an Axes or a 3-D Axes. */
export interface Panel {
  readonly cell: CellSpec;
  /** Autoscale and anything that must happen before measuring. */
  prepare(rc: RenderContext): void;
  /** The margins this panel needs inside `cell`. */
  margins(rc: RenderContext, cell: Rect): Margins;
  /** Draws the panel with its plot area at `plot`. */
  draw(rc: RenderContext, plot: Rect): void;
}

/** The pixel rectangle of a cell inside `area` (the figure minus padding and suptitle). */
export function cellRect(spec: CellSpec, area: Rect, figW: number, figH: number): Rect {
  if (spec.kind === 'rect') {
    return {
      x: spec.left * figW,
      y: (1 - spec.bottom - spec.height) * figH,
      width: spec.width * figW,
      height: spec.height * figH,
    };
  }
  const w = area.width / spec.cols;
  const h = area.height / spec.rows;
  return {
    x: area.x + spec.col * w,
    y: area.y + spec.row * h,
    width: w * spec.colSpan,
    height: h * spec.rowSpan,
  };
}

/**
 * Aligns margins of grid panels: the same left margin for everything starting in a column, the
 * same top margin for everything starting in a row (and likewise right/bottom at the far edge).
 */
export function alignMargins(specs: readonly CellSpec[], margins: Margins[]): Margins[] {
  const maxBy = (key: (s: CellSpec & { kind: 'grid' }) => number, side: keyof Margins) => {
    const best = new Map<number, number>();
    specs.forEach((s, i) => {
      if (s.kind !== 'grid') return;
      const k = key(s);
      best.set(k, Math.max(best.get(k) ?? 0, margins[i]![side]));
    });
    return best;
  };
  const left = maxBy((s) => s.col, 'left');
  const right = maxBy((s) => s.col + s.colSpan, 'right');
  const top = maxBy((s) => s.row, 'top');
  const bottom = maxBy((s) => s.row + s.rowSpan, 'bottom');
  return specs.map((s, i) =>
    s.kind !== 'grid'
      ? margins[i]!
      : {
          left: left.get(s.col)!,
          right: right.get(s.col + s.colSpan)!,
          top: top.get(s.row)!,
          bottom: bottom.get(s.row + s.rowSpan)!,
        },
  );
}

/** The cell minus its margins (never negative). */
export function inset(cell: Rect, m: Margins): Rect {
  return {
    x: cell.x + m.left,
    y: cell.y + m.top,
    width: Math.max(1, cell.width - m.left - m.right),
    height: Math.max(1, cell.height - m.top - m.bottom),
  };
}
