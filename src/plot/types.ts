/**
 * Shared types of the plotting package: what data it accepts, the 2-D context it draws on, and the
 * rectangles and bounds that layout passes around.
 */

/**
 * Any NumPy-like array: the NDArray of `src/nd` fits, and so does anything else with a shape and a
 * `toArray()` that returns nested arrays or a flat typed array. Declared structurally so that the
 * plot package needs no import from `src/nd`.
 */
export interface ArrayLikeND {
  readonly shape: readonly number[];
  toArray(): unknown;
  readonly dtype?: string;
}

/** A 1-D input: a plain array, a typed array or a 1-D {@link ArrayLikeND}. */
export type Vector = ArrayLike<number> | ArrayLikeND;

/** A 2-D input: rows of numbers (`z[row][col]`) or a 2-D {@link ArrayLikeND}. */
export type Matrix = ArrayLike<ArrayLike<number>> | ArrayLikeND;

/**
 * The 2-D context every artist draws on: a browser `CanvasRenderingContext2D`, an
 * `OffscreenCanvasRenderingContext2D`, or the context of `@napi-rs/canvas` in Node (all three share
 * this API; the Node one is cast at the boundary).
 */
export type Ctx2D = CanvasRenderingContext2D;

/** A canvas we can draw offscreen and then `drawImage` from (images, colour bars). */
export interface Surface {
  readonly canvas: CanvasImageSource;
  readonly ctx: Ctx2D;
}

/** Makes offscreen surfaces in whatever host we run in. */
export type SurfaceFactory = (width: number, height: number) => Surface;

/** Everything an artist needs while drawing. */
export interface RenderContext {
  readonly ctx: Ctx2D;
  readonly createSurface: SurfaceFactory;
  /** The CSS font-family list for all text. */
  readonly fontFamily: string;
}

/** A rectangle in canvas pixels (CSS pixels, before the pixel ratio). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A data extent `[x0, x1, y0, y1]` with `x0 <= x1`, `y0 <= y1`. */
export type Bounds = readonly [number, number, number, number];

/** Maps data coordinates to canvas pixels inside one Axes. */
export interface Transform {
  x(v: number): number;
  y(v: number): number;
  /** The plot area of the Axes. */
  readonly rect: Rect;
}
