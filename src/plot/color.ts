/**
 * Colours: Matplotlib's shorthands ('r', 'C0', 'tab:blue') mapped to CSS, the default colour cycle
 * (Matplotlib's tab10, which d3 ships as schemeCategory10) and parsing CSS colours to RGBA bytes.
 */
import { schemeCategory10 } from 'd3-scale-chromatic';
import type { Ctx2D } from './types.js';

/** The colour cycle of Matplotlib ('C0' … 'C9'). */
export const COLOR_CYCLE: readonly string[] = schemeCategory10;

const TAB_NAMES = ['blue', 'orange', 'green', 'red', 'purple', 'brown', 'pink', 'gray', 'olive', 'cyan'];

/** Matplotlib's single-letter colours (base colours, not tab10: 'g' is a dark green). */
const LETTERS: Record<string, string> = {
  b: '#0000ff',
  g: '#008000',
  r: '#ff0000',
  c: '#00bfbf',
  m: '#bf00bf',
  y: '#bfbf00',
  k: '#000000',
  w: '#ffffff',
};

/** A colour as CSS: Matplotlib shorthands are translated, CSS colours pass through. */
export function cssColor(color: string): string {
  if (color in LETTERS) return LETTERS[color]!;
  const cycle = /^C(\d)$/.exec(color);
  if (cycle) return COLOR_CYCLE[Number(cycle[1])]!;
  if (color.startsWith('tab:')) {
    const i = TAB_NAMES.indexOf(color.slice(4));
    if (i >= 0) return COLOR_CYCLE[i]!;
  }
  return color;
}

/** RGBA bytes `[r, g, b, a]` (a in 0–255). */
export type RGBA = [number, number, number, number];

/**
 * Parses a colour to RGBA bytes. Hex and `rgb()`/`rgba()` are parsed directly; anything else (CSS
 * names, `hsl()`) is normalised by the canvas, which every host does the same way.
 */
export function parseColor(color: string, ctx?: Ctx2D): RGBA {
  let css = cssColor(color).trim();
  if (!css.startsWith('#') && !css.startsWith('rgb') && ctx) {
    ctx.save();
    ctx.fillStyle = '#000000';
    ctx.fillStyle = css;
    css = String(ctx.fillStyle);
    ctx.restore();
  }
  if (css.startsWith('#')) {
    let hex = css.slice(1);
    if (hex.length === 3 || hex.length === 4) hex = [...hex].map((h) => h + h).join('');
    const n = parseInt(hex.slice(0, 6), 16);
    const a = hex.length === 8 ? parseInt(hex.slice(6, 8), 16) : 255;
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, a];
  }
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/.exec(css);
  if (m) {
    const a = m[4] === undefined ? 255 : Math.round(Number(m[4]) * 255);
    return [Math.round(Number(m[1])), Math.round(Number(m[2])), Math.round(Number(m[3])), a];
  }
  return [0, 0, 0, 255];
}

/** CSS text for RGB bytes. */
export function rgbCss(r: number, g: number, b: number): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** Relative luminance (0 black … 1 white) of RGB bytes, to pick readable text on a coloured cell. */
export function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
