/**
 * Axis scales and ticks. d3-scale does the work (nice tick values, formats); this file only picks
 * how many ticks fit the axis without overlapping labels and formats log ticks as powers of ten.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import type { Ctx2D } from './types.js';

/** How an axis maps data to pixels. */
export type ScaleKind = 'linear' | 'log';

/** A d3 continuous scale from data to pixels. */
export type Scale = ScaleContinuousNumeric<number, number>;

/** A scale from `domain` (data) to `range` (pixels). */
export function makeScale(
  kind: ScaleKind,
  domain: readonly [number, number],
  range: [number, number],
): Scale {
  const s = kind === 'log' ? scaleLog() : scaleLinear();
  return s.domain([domain[0], domain[1]]).range(range);
}

/** Tick positions with their labels; minor ticks have an empty label. */
export interface Ticks {
  values: number[];
  labels: string[];
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** `10⁻³` for 0.001: how Matplotlib labels decades on a log axis. */
export function powerOfTenLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  return '10' + [...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** The d3 formatter for `count` ticks over `domain`: fixed notation, exponent for huge or tiny. */
function linearFormat(scale: Scale, count: number): (v: number) => string {
  const [a, b] = scale.domain() as [number, number];
  const big = Math.max(Math.abs(a), Math.abs(b));
  const tiny = big > 0 && big < 1e-3;
  const fmt = scale.tickFormat(count, big >= 1e5 || tiny ? '~e' : 'f');
  return (v) => fmt(v);
}

/** Ticks for `count` (a hint): linear gets d3's nice values, log gets decades plus unlabelled minors. */
export function ticksFor(scale: Scale, kind: ScaleKind, count: number): Ticks {
  if (kind === 'log') {
    const values = scale.ticks(count);
    const decades = values.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
    if (decades.length >= 2) {
      // Too many decades for the space: label every k-th one.
      const step = Math.max(1, Math.ceil(decades.length / Math.max(2, count)));
      const labelled = new Set(decades.filter((_, i) => i % step === 0));
      return { values, labels: values.map((v) => (labelled.has(v) ? powerOfTenLabel(v) : '')) };
    }
    const fmt = scale.tickFormat(count, '~g');
    return { values, labels: values.map((v) => fmt(v)) };
  }
  const values = scale.ticks(count);
  const fmt = linearFormat(scale, count);
  return { values, labels: values.map(fmt) };
}

/**
 * Ticks for an axis of `length` pixels whose labels do not overlap: horizontal labels need their
 * widths plus a gap, vertical ones their line height. Starts from one tick per ~70 px (x) or ~40 px
 * (y) and asks d3 for fewer until the labels fit.
 */
export function fitTicks(
  ctx: Ctx2D,
  scale: Scale,
  kind: ScaleKind,
  length: number,
  horizontal: boolean,
  font: string,
  fontSize: number,
): Ticks {
  let count = Math.max(2, Math.floor(length / (horizontal ? 70 : 40)));
  ctx.save();
  ctx.font = font;
  try {
    for (;;) {
      const ticks = ticksFor(scale, kind, count);
      if (count <= 2 || labelsFit(ctx, scale, ticks, horizontal, fontSize)) return ticks;
      count = Math.max(2, Math.floor(count * 0.7));
    }
  } finally {
    ctx.restore();
  }
}

function labelsFit(ctx: Ctx2D, scale: Scale, ticks: Ticks, horizontal: boolean, fontSize: number): boolean {
  let prevEnd = -Infinity;
  const pos = ticks.values.map((v) => scale(v)).map((p, i) => [p, i] as const);
  pos.sort((a, b) => a[0] - b[0]);
  for (const [p, i] of pos) {
    const label = ticks.labels[i]!;
    if (label === '') continue;
    const half = horizontal ? ctx.measureText(label).width / 2 : fontSize * 0.6;
    if (p - half < prevEnd + (horizontal ? fontSize * 0.8 : 2)) return false;
    prevEnd = p + half;
  }
  return true;
}
