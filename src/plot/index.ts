/**
 * mlseries/plot: Matplotlib-style figures on the Canvas 2D API. The same drawing code paints a
 * `<canvas>` in the browser and writes PNG/GIF/SVG files in Node (through @napi-rs/canvas, loaded
 * lazily so browser bundles never need it).
 *
 * ```ts
 * import * as plot from 'mlseries/plot';
 * const { fig, ax } = plot.subplots(1, 1, { width: 640, height: 480 });
 * ax.plot(x, y, 'r--', { label: 'sin' });
 * ax.title('A sine').xlabel('x').ylabel('y').grid().legend();
 * await fig.savePng('out/sine.png');
 * ```
 */
export { figure, subplots, Figure } from './figure.js';
export type { FigureOptions, SubplotsOptions, LiveFigure, CanvasTarget, RenderedImage } from './figure.js';
export { Axes } from './axes.js';
export type { AxesSettings } from './axes.js';
export { Axes3D } from './axes3d.js';
export type { Axes3DOptions, SurfaceOptions, Path3DOptions } from './axes3d.js';
export { animate, Animation } from './animation.js';
export type { AnimationOptions, FrameDrawer, Player } from './animation.js';
export { imageGrid } from './imagegrid.js';
export type { ImageGridOptions } from './imagegrid.js';
export { colormap, listedColormap, normalize, COLORMAP_NAMES } from './colormap.js';
export type { Colormap, ColormapName } from './colormap.js';
export { COLOR_CYCLE, cssColor, parseColor } from './color.js';
export { gifInfo, GifWriter } from './gif.js';
export type { GifInfo, GifFrameInfo, GifOptions } from './gif.js';
export { loadNodeCanvas, registerFont } from './host.js';
export { DEFAULT_FONT_FAMILY } from './text.js';
export type { TextStyle } from './text.js';
export { histogram } from './bar.js';
export { contourLevels } from './contour.js';
export { PlotError } from './errors.js';

export type { Line, LineOptions, LineStyle, RefLine } from './line.js';
export type { Scatter, ScatterOptions } from './scatter.js';
export type { Bars, BarOptions, HistOptions, Histogram } from './bar.js';
export type { FillBetween, Span, FillOptions } from './fill.js';
export type { Contour, ContourOptions, ContourSource, ContourFunction, ContourGrid } from './contour.js';
export type { Image, ImshowOptions } from './image.js';
export type { Heatmap, HeatmapOptions } from './heatmap.js';
export type { Quiver, QuiverOptions } from './quiver.js';
export type {
  Text,
  TextOptions,
  Annotation,
  AnnotateOptions,
  Arrow,
  ArrowOptions,
  Coords,
} from './annotation.js';
export type { LegendOptions, LegendLoc } from './legend.js';
export type { Colorbar, ColorbarOptions } from './colorbar.js';
export type { Artist, Mappable } from './artist.js';
export type { MarkerKind } from './markers.js';
export type { ScaleKind } from './ticks.js';
export type { ArrayLikeND, Vector, Matrix, Rect, Bounds, Ctx2D } from './types.js';
export type { ImageInput } from './data.js';
