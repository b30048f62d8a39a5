// What the figures draw, read back pixel by pixel from the Node canvas.
import { beforeAll, describe, expect, it } from 'vitest';
import * as plot from '../../src/plot/index.js';
import { colorDistance, pixel } from './helpers.js';

beforeAll(async () => {
  await plot.loadNodeCanvas();
});

describe('lines', () => {
  it('a red line from (0,0) to (1,1) passes through the pixel of (0.5, 0.5)', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 200, height: 160 });
    ax.plot([0, 1], [0, 1], { color: '#ff0000', lineWidth: 3 });
    ax.xlim(0, 1).ylim(0, 1);
    const img = await fig.toImageData();
    for (const t of [0.25, 0.5, 0.75]) {
      const [x, y] = ax.transData(t, t);
      expect(pixel(img, x, y)).toEqual([255, 0, 0, 255]);
    }
    // Off the line: the white Axes face.
    const [x, y] = ax.transData(0.8, 0.2);
    expect(pixel(img, x, y)).toEqual([255, 255, 255, 255]);
    // The transform maps the limits to the plot area's edges.
    const area = ax.plotArea;
    expect(ax.transData(0, 0)).toEqual([area.x, area.y + area.height]);
    expect(ax.transData(1, 1)).toEqual([area.x + area.width, area.y]);
  });

  it('a dashed line has gaps, a solid one none', async () => {
    const { fig, axes } = plot.subplots(2, 1, { width: 300, height: 200 });
    const [top, bottom] = [axes[0]![0]!, axes[1]![0]!];
    top.plot([0, 1], [0.5, 0.5], { color: '#0000ff', lineWidth: 2 });
    bottom.plot([0, 1], [0.5, 0.5], { color: '#0000ff', lineWidth: 2, lineStyle: '--' });
    for (const ax of [top, bottom]) ax.xlim(0, 1).ylim(0, 1);
    const img = await fig.toImageData();
    const blueRun = (ax: plot.Axes) => {
      const [x0, y] = ax.transData(0.05, 0.5);
      const [x1] = ax.transData(0.95, 0.5);
      let blue = 0;
      let total = 0;
      for (let x = Math.ceil(x0); x < x1; x++, total++)
        if (colorDistance(pixel(img, x, y), [0, 0, 255]) < 60) blue++;
      return blue / total;
    };
    expect(blueRun(top)).toBe(1);
    const dashed = blueRun(bottom);
    // Matplotlib's dash pattern 3.7 on, 1.6 off: about 70 % ink.
    expect(dashed).toBeGreaterThan(0.55);
    expect(dashed).toBeLessThan(0.85);
  });
});

describe('filled contours', () => {
  it('colour each side of the boundary x = 0.3 of f(x, y) = x − 0.3', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 240, height: 200 });
    ax.contourf((x) => x - 0.3, {
      xlim: [0, 1],
      ylim: [0, 1],
      levels: [-1, 0, 1],
      colors: ['#0000ff', '#ff0000'],
      resolution: 50,
    });
    const img = await fig.toImageData();
    for (const y of [0.2, 0.5, 0.8]) {
      for (const x of [0.05, 0.2, 0.27]) expect(pixel(img, ...ax.transData(x, y))).toEqual([0, 0, 255, 255]);
      for (const x of [0.33, 0.6, 0.95]) expect(pixel(img, ...ax.transData(x, y))).toEqual([255, 0, 0, 255]);
    }
    // Autoscale stops at the sampled range (sticky edges, no margin).
    expect(ax.getXLim()).toEqual([0, 1]);
    expect(ax.getYLim()).toEqual([0, 1]);
  });

  it('decision regions of a classifier with a circular boundary', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 260, height: 260 });
    const p = (x: number, y: number) => 1 / (1 + Math.exp(-10 * (1 - Math.hypot(x, y))));
    ax.contourf(p, { xlim: [-2, 2], ylim: [-2, 2], levels: [0, 0.5, 1], colors: ['#ffffff', '#00ff00'] });
    ax.aspect('equal');
    const img = await fig.toImageData();
    expect(pixel(img, ...ax.transData(0, 0))).toEqual([0, 255, 0, 255]);
    expect(pixel(img, ...ax.transData(0.9, 0))).toEqual([0, 255, 0, 255]);
    expect(pixel(img, ...ax.transData(0, -1.1))).toEqual([255, 255, 255, 255]);
    expect(pixel(img, ...ax.transData(1.5, 1.5))).toEqual([255, 255, 255, 255]);
  });
});

describe('images', () => {
  it('an image-grid tile shows exactly its input pixels', async () => {
    // Three 8×8 images of byte levels k/255 (gray, vmin 0, vmax 1): every pixel reads back as k.
    const images = [0, 1, 2].map((n) =>
      Array.from({ length: 8 }, (_, r) =>
        Array.from({ length: 8 }, (_, c) => (((n * 64 + r * 8 + c) * 5) % 256) / 255),
      ),
    );
    const { fig, axes } = plot.imageGrid(images, {
      cols: 3,
      titles: ['a', 'b', 'c'],
      vmin: 0,
      vmax: 1,
      tileSize: 64,
    });
    const img = await fig.toImageData();
    axes.forEach((ax, n) => {
      for (let r = 0; r < 8; r++) {
        for (let c = 0; c < 8; c++) {
          const v = Math.round(images[n]![r]![c]! * 255);
          expect(pixel(img, ...ax.transData(c, r))).toEqual([v, v, v, 255]);
        }
      }
      // Row 0 on top (origin 'upper'), pixel blocks are square.
      expect(ax.transData(0, 0)[1]).toBeLessThan(ax.transData(0, 7)[1]);
      expect(ax.plotArea.width).toBeCloseTo(ax.plotArea.height, 6);
    });
  });

  it('flat vectors with a shape, typed arrays and NDArray-like inputs give the same image', async () => {
    const values = Array.from({ length: 12 }, (_, i) => i / 11);
    const nested = [values.slice(0, 4), values.slice(4, 8), values.slice(8, 12)];
    const ndLike = { shape: [3, 4], toArray: () => nested };
    const { fig, axes } = plot.subplots(1, 3, { width: 360, height: 140 });
    axes[0]![0]!.imshow(nested, { cmap: 'gray' });
    axes[0]![1]!.imshow(Float32Array.from(values), { shape: [3, 4], cmap: 'gray' });
    axes[0]![2]!.imshow(ndLike, { cmap: 'gray' });
    const img = await fig.toImageData();
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 4; c++) {
        const ref = pixel(img, ...axes[0]![0]!.transData(c, r));
        expect(pixel(img, ...axes[0]![1]!.transData(c, r))).toEqual(ref);
        expect(pixel(img, ...axes[0]![2]!.transData(c, r))).toEqual(ref);
      }
    }
    expect(pixel(img, ...axes[0]![0]!.transData(0, 0))).toEqual([0, 0, 0, 255]);
    expect(pixel(img, ...axes[0]![0]!.transData(3, 2))).toEqual([255, 255, 255, 255]);
  });

  it('a colour bar runs through the colormap from vmin (bottom) to vmax (top)', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 400, height: 320 });
    const z = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => r + c));
    const im = ax.imshow(z, { cmap: 'viridis' });
    const cb = fig.colorbar(im, { label: 'value' });
    const img = await fig.toImageData();
    const bar = cb.rect;
    expect(bar.height).toBeGreaterThan(100);
    const viridis = plot.colormap('viridis');
    const nearest = (rgb: readonly number[]) => {
      let best = 0;
      let bestD = Infinity;
      for (let i = 0; i < 256; i++) {
        const d = colorDistance(rgb, [viridis.lut[3 * i]!, viridis.lut[3 * i + 1]!, viridis.lut[3 * i + 2]!]);
        if (d < bestD) [best, bestD] = [i, d];
      }
      return { index: best, distance: bestD };
    };
    const xMid = bar.x + bar.width / 2;
    const indices: number[] = [];
    for (let k = 0; k <= 20; k++) {
      const t = 0.02 + (0.96 * k) / 20; // stay off the frame
      const hit = nearest(pixel(img, xMid, bar.y + bar.height * (1 - t)));
      expect(hit.distance).toBeLessThanOrEqual(2);
      expect(Math.abs(hit.index - t * 255)).toBeLessThan(8);
      indices.push(hit.index);
    }
    for (let k = 1; k < indices.length; k++) expect(indices[k]!).toBeGreaterThan(indices[k - 1]!);
    // The image's own corners: vmin at (0, 0), vmax at (9, 9).
    expect(colorDistance(pixel(img, ...ax.transData(0, 0)), viridis.rgb(0))).toBe(0);
    expect(colorDistance(pixel(img, ...ax.transData(9, 9)), viridis.rgb(1))).toBe(0);
  });

  it('a heat map prints readable numbers: white on dark cells, black on light ones', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 300, height: 300 });
    const h = ax.heatmap(
      [
        [0, 1],
        [1, 0],
      ],
      { cmap: 'gray', format: 1, xLabels: ['a', 'b'], yLabels: ['c', 'd'] },
    );
    expect(h.formatValue(0.24)).toBe('0.2');
    expect(h.formatValue(-1)).toBe('−1.0');
    const img = await fig.toImageData();
    // Count text-coloured pixels in the middle of each cell.
    const ink = (r: number, c: number, rgb: number[]) => {
      const [cx, cy] = ax.transData(c, r);
      let n = 0;
      for (let dy = -8; dy <= 8; dy++)
        for (let dx = -14; dx <= 14; dx++) if (colorDistance(pixel(img, cx + dx, cy + dy), rgb) < 40) n++;
      return n;
    };
    expect(ink(0, 0, [255, 255, 255])).toBeGreaterThan(10); // "0.0" in white on black
    expect(ink(0, 1, [0, 0, 0])).toBeGreaterThan(10); // "1.0" in black on white
    expect(pixel(img, ...ax.transData(-0.4, -0.4))).toEqual([0, 0, 0, 255]);
    expect(pixel(img, ...ax.transData(0.6, -0.4))).toEqual([255, 255, 255, 255]);
  });
});

describe('other artists', () => {
  it('scatter colours points through the colormap', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 200, height: 200 });
    ax.scatter([0, 1], [0, 1], { c: [0, 10], cmap: 'RdBu', s: 100 });
    ax.xlim(-1, 2).ylim(-1, 2);
    const img = await fig.toImageData();
    const rdbu = plot.colormap('RdBu');
    expect(colorDistance(pixel(img, ...ax.transData(0, 0)), rdbu.rgb(0))).toBeLessThanOrEqual(1);
    expect(colorDistance(pixel(img, ...ax.transData(1, 1)), rdbu.rgb(1))).toBeLessThanOrEqual(1);
  });

  it('bars fill from their baseline to their height, and hist counts like NumPy', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 240, height: 200 });
    ax.bar([0, 1, 2], [1, 3, 2], { color: '#00aa00' });
    const img = await fig.toImageData();
    expect(ax.getYLim()[0]).toBe(0); // sticky baseline: no margin below 0
    expect(pixel(img, ...ax.transData(1, 2.9))).toEqual([0, 170, 0, 255]);
    expect(pixel(img, ...ax.transData(0, 1.1))).toEqual([255, 255, 255, 255]);
    const h = plot.histogram([0, 0.5, 1, 1, 2, 3, 3, 3], 3);
    expect(h.edges).toEqual([0, 1, 2, 3]);
    expect(h.counts).toEqual([2, 2, 4]); // the last bin includes its right edge
  });

  it('fillBetween shades between the curves only', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 200, height: 200 });
    ax.fillBetween([0, 1], [0.2, 0.2], [0.6, 0.6], { color: '#0000ff', alpha: 1 });
    ax.xlim(0, 1).ylim(0, 1);
    const img = await fig.toImageData();
    expect(pixel(img, ...ax.transData(0.5, 0.4))).toEqual([0, 0, 255, 255]);
    expect(pixel(img, ...ax.transData(0.5, 0.8))).toEqual([255, 255, 255, 255]);
  });

  it('quiver draws arrows from their tails in the direction of (u, v)', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 200, height: 200 });
    ax.quiver([0], [0], [1], [0], { color: '#ff0000', width: 3, scale: 4 });
    ax.xlim(-1, 1).ylim(-1, 1);
    const img = await fig.toImageData();
    const [x0, y0] = ax.transData(0, 0);
    const len = ax.plotArea.width / 4; // |(u, v)| / scale Axes widths
    expect(pixel(img, x0 + len * 0.3, y0)).toEqual([255, 0, 0, 255]);
    expect(pixel(img, x0 - 10, y0)).toEqual([255, 255, 255, 255]);
    expect(pixel(img, x0 + len + 6, y0)).toEqual([255, 255, 255, 255]);
  });

  it('a 3-D surface is drawn with the path on top of it', async () => {
    const fig = plot.figure({ width: 320, height: 280 });
    const ax = fig.subplot3d();
    ax.surface((x, y) => x * x + y * y, { xlim: [-1, 1], ylim: [-1, 1], resolution: 12 });
    ax.plot3d([0, 0.5], [0, 0.5], [0, 0.5], { color: '#ff0000', marker: 'none', lineWidth: 3 });
    const img = await fig.toImageData();
    const [ax0, ay0] = ax.project(0, 0, 0);
    const [ax1, ay1] = ax.project(0.5, 0.5, 0.5);
    expect(pixel(img, (ax0 + ax1) / 2, (ay0 + ay1) / 2)).toEqual([255, 0, 0, 255]);
    // A corner of the surface (z = 2, the top of viridis: yellow-ish) is not background.
    const corner = pixel(img, ...ax.project(0.95, -0.95, 0.95 ** 2 * 2));
    expect(corner[0]).toBeGreaterThan(100);
    expect(corner[2]).toBeLessThan(150);
  });
});
