/**
 * Day 4: drawing a classifier's decision regions over the moons (predict a grid with nd, fill the
 * class-1 region with a filled contour at 0.5, the points on top).
 */
import * as nd from '../../src/nd/index.js';
import type * as plot from '../../src/plot/index.js';

export const MOONS_XLIM: [number, number] = [-1.6, 2.6];
export const MOONS_YLIM: [number, number] = [-1.1, 1.6];

/** The points of a res×res grid over the limits, as rows (res², 2), and the axes' coordinates. */
export function grid(
  res: number,
  xlim = MOONS_XLIM,
  ylim = MOONS_YLIM,
): { G: nd.NDArray; xs: nd.NDArray; ys: nd.NDArray } {
  const xs = nd.linspace(xlim[0], xlim[1], res); // (res,)
  const ys = nd.linspace(ylim[0], ylim[1], res); // (res,)
  const gx = nd.broadcastTo(xs.get(nd.newaxis, nd.slice()), [res, res]); // (res, res) x varies along columns
  const gy = nd.broadcastTo(ys.get(nd.slice(), nd.newaxis), [res, res]); // (res, res) y varies along rows
  return { G: nd.stack([gx.ravel(), gy.ravel()], { axis: 1 }), xs, ys }; // (res², 2)
}

/**
 * Fills the region the classifier assigns to class 1 (`predict` maps rows (M, 2) to class labels or
 * class-1 probabilities (M,)), then scatters the points coloured by their labels.
 */
export function drawDecision(
  ax: plot.Axes,
  predict: (G: nd.NDArray) => nd.NDArray,
  X: nd.NDArray,
  y: nd.NDArray,
  opts: { res?: number; title?: string; pointSize?: number } = {},
): void {
  const res = opts.res ?? 160;
  const { G, xs, ys } = grid(res);
  const z = predict(G).astype('float64').reshape(res, res); // (res, res) rows follow y
  ax.contourf({ z, x: xs, y: ys }, { levels: [-0.5, 0.5, 1.5], colors: ['#f6c1b5', '#b9cdf0'] });
  ax.contour({ z, x: xs, y: ys }, { levels: [0.5], colors: '#555', lineWidth: 1 });
  const labels = y.toArray() as number[];
  ax.scatter(X.get(nd.slice(), 0), X.get(nd.slice(), 1), {
    c: labels.map((k) => (k ? '#1f4fd1' : '#d1342f')),
    s: opts.pointSize ?? 16,
    edgeColor: 'white',
    lineWidth: 0.4,
  });
  ax.xlim(MOONS_XLIM[0], MOONS_XLIM[1]).ylim(MOONS_YLIM[0], MOONS_YLIM[1]);
  if (opts.title) ax.title(opts.title);
}
