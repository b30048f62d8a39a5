/**
 * Colormaps: d3-scale-chromatic's interpolators (the same viridis, RdBu … as Matplotlib) sampled
 * into 256-entry lookup tables, plus Matplotlib's linear 'gray' and 'bwr', listed (discrete) maps,
 * and `_r` for any reversed map.
 */
import {
  interpolateBlues,
  interpolateCividis,
  interpolateGreens,
  interpolateGreys,
  interpolateInferno,
  interpolateMagma,
  interpolateOranges,
  interpolatePlasma,
  interpolatePuOr,
  interpolateRdBu,
  interpolateRdYlBu,
  interpolateReds,
  interpolateSpectral,
  interpolateTurbo,
  interpolateViridis,
} from 'd3-scale-chromatic';
import { parseColor, rgbCss } from './color.js';
import { PlotError } from './errors.js';
import type { Ctx2D } from './types.js';

/** A colormap: `t` in [0, 1] to a colour. */
export interface Colormap {
  readonly name: string;
  /** 256 RGB triples: `lut[3 * i + k]`. */
  readonly lut: Uint8Array;
  /** RGB bytes at `t` (clamped to [0, 1]). */
  rgb(t: number): [number, number, number];
  /** CSS colour at `t`. */
  css(t: number): string;
}

const SIZE = 256;

/** Matplotlib's linear segments: bwr runs blue → white → red, gray black → white. */
function piecewise(stops: readonly (readonly [number, number, number])[]): (t: number) => string {
  return (t) => {
    const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const f = x - i;
    const a = stops[i]!;
    const b = stops[i + 1]!;
    return rgbCss(
      Math.round(255 * (a[0] + (b[0] - a[0]) * f)),
      Math.round(255 * (a[1] + (b[1] - a[1]) * f)),
      Math.round(255 * (a[2] + (b[2] - a[2]) * f)),
    );
  };
}

const INTERPOLATORS: Record<string, (t: number) => string> = {
  viridis: interpolateViridis,
  plasma: interpolatePlasma,
  inferno: interpolateInferno,
  magma: interpolateMagma,
  cividis: interpolateCividis,
  turbo: interpolateTurbo,
  gray: piecewise([
    [0, 0, 0],
    [1, 1, 1],
  ]),
  // d3's Greys runs white → black, as Matplotlib's Greys does.
  Greys: interpolateGreys,
  Blues: interpolateBlues,
  Greens: interpolateGreens,
  Reds: interpolateReds,
  Oranges: interpolateOranges,
  RdBu: interpolateRdBu,
  RdYlBu: interpolateRdYlBu,
  PuOr: interpolatePuOr,
  Spectral: interpolateSpectral,
  bwr: piecewise([
    [0, 0, 1],
    [1, 1, 1],
    [1, 0, 0],
  ]),
};

/** Names accepted by {@link colormap} (each also with a `_r` suffix for the reversed map). */
export type ColormapName =
  | 'viridis'
  | 'plasma'
  | 'inferno'
  | 'magma'
  | 'cividis'
  | 'turbo'
  | 'gray'
  | 'Greys'
  | 'Blues'
  | 'Greens'
  | 'Reds'
  | 'Oranges'
  | 'RdBu'
  | 'RdYlBu'
  | 'PuOr'
  | 'Spectral'
  | 'bwr';

function fromLut(name: string, lut: Uint8Array): Colormap {
  const index = (t: number) => {
    const i = Math.floor(t * SIZE);
    return i >= SIZE ? SIZE - 1 : i > 0 ? i : 0; // NaN lands on 0; images mask NaN themselves
  };
  return {
    name,
    lut,
    rgb(t) {
      const i = 3 * index(t);
      return [lut[i]!, lut[i + 1]!, lut[i + 2]!];
    },
    css(t) {
      const i = 3 * index(t);
      return rgbCss(lut[i]!, lut[i + 1]!, lut[i + 2]!);
    },
  };
}

const cache = new Map<string, Colormap>();

/** All colormap names, for menus and tests. */
export const COLORMAP_NAMES = Object.keys(INTERPOLATORS) as ColormapName[];

/**
 * A colormap by name (`'viridis'`, `'gray'`, `'RdBu'`, `'bwr'`, … and `'viridis_r'` for reversed),
 * or the colormap itself when one is passed.
 */
export function colormap(cmap: ColormapName | `${ColormapName}_r` | Colormap = 'viridis'): Colormap {
  if (typeof cmap !== 'string') return cmap;
  const hit = cache.get(cmap);
  if (hit) return hit;
  const reversed = cmap.endsWith('_r');
  const base = reversed ? cmap.slice(0, -2) : cmap;
  const f = INTERPOLATORS[base];
  if (!f) {
    throw new PlotError(`unknown colormap '${cmap}'; known: ${Object.keys(INTERPOLATORS).join(', ')}`);
  }
  const lut = new Uint8Array(3 * SIZE);
  for (let i = 0; i < SIZE; i++) {
    // Sample at the bin centre's end points like Matplotlib: entry 0 is f(0), entry 255 is f(1).
    const t = i / (SIZE - 1);
    const [r, g, b] = parseColor(f(reversed ? 1 - t : t));
    lut.set([r, g, b], 3 * i);
  }
  const map = fromLut(cmap, lut);
  cache.set(cmap, map);
  return map;
}

/**
 * A discrete colormap from a list of colours (Matplotlib's ListedColormap): `t` in
 * `[k/n, (k+1)/n)` gets colour `k`. Names other than hex/rgb() are resolved with `ctx`.
 */
export function listedColormap(colors: readonly string[], ctx?: Ctx2D): Colormap {
  if (colors.length === 0) throw new PlotError('listedColormap: needs at least one colour');
  const lut = new Uint8Array(3 * SIZE);
  const rgbs = colors.map((c) => parseColor(c, ctx));
  for (let i = 0; i < SIZE; i++) {
    const k = Math.min(colors.length - 1, Math.floor((i / SIZE) * colors.length));
    lut.set(rgbs[k]!.slice(0, 3), 3 * i);
  }
  return fromLut(`listed(${colors.join(',')})`, lut);
}

/** Linear normalisation of `v` from `[vmin, vmax]` to `[0, 1]` (unclamped). */
export function normalize(v: number, vmin: number, vmax: number): number {
  return vmax === vmin ? 0.5 : (v - vmin) / (vmax - vmin);
}
