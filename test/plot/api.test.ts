// The pieces under the figures: ticks, formats, colormaps, input conversion, layout, SVG.
import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import * as plot from '../../src/plot/index.js';
import { toGrid, toImage, toVector } from '../../src/plot/data.js';
import { parseFormat } from '../../src/plot/line.js';
import { fitTicks, makeScale, powerOfTenLabel, ticksFor } from '../../src/plot/ticks.js';
import type { Ctx2D } from '../../src/plot/types.js';

beforeAll(async () => {
  await plot.loadNodeCanvas();
});

const ctx = createCanvas(10, 10).getContext('2d') as unknown as Ctx2D;
const FONT = `11px ${plot.DEFAULT_FONT_FAMILY}`;

describe('ticks', () => {
  it('are nice numbers inside the domain', () => {
    const t = ticksFor(makeScale('linear', [-1.23, 4.56], [0, 400]), 'linear', 5);
    expect(t.values).toEqual([-1, 0, 1, 2, 3, 4]);
    expect(t.labels).toEqual(['−1', '0', '1', '2', '3', '4']);
    const small = ticksFor(makeScale('linear', [0, 1], [0, 400]), 'linear', 5);
    expect(small.labels).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const big = ticksFor(makeScale('linear', [0, 250000], [0, 400]), 'linear', 5);
    expect(big.labels).toEqual(['0e+0', '5e+4', '1e+5', '1.5e+5', '2e+5', '2.5e+5']);
  });

  it('never overlap on a narrow axis', () => {
    for (const [lo, hi, width] of [
      [0, 123456, 180],
      [-0.00123, 0.00456, 150],
      [0, 1, 90],
      [1990, 2030, 120],
    ] as const) {
      const scale = makeScale('linear', [lo, hi], [0, width]);
      const t = fitTicks(ctx, scale, 'linear', width, true, FONT, 11);
      expect(t.values.length).toBeGreaterThanOrEqual(2);
      ctx.font = FONT;
      const spans = t.values.map((v, i) => {
        const w = ctx.measureText(t.labels[i]!).width;
        return [scale(v) - w / 2, scale(v) + w / 2] as const;
      });
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThan(spans[i - 1]![1]);
    }
  });

  it('label decades on a log axis as powers of ten, minor ticks blank', () => {
    const t = ticksFor(makeScale('log', [0.001, 10], [0, 300]), 'log', 5);
    expect(t.labels.filter((l) => l !== '')).toEqual(['10⁻³', '10⁻²', '10⁻¹', '10⁰', '10¹']);
    expect(t.values).toContain(0.002);
    expect(powerOfTenLabel(1e-12)).toBe('10⁻¹²');
  });
});

describe('inputs', () => {
  it('parses Matplotlib format strings', () => {
    expect(parseFormat('r--')).toEqual({ color: 'r', lineStyle: '--' });
    expect(parseFormat('o')).toEqual({ marker: 'o', lineStyle: 'none' });
    expect(parseFormat('b-o')).toEqual({ color: 'b', lineStyle: '-', marker: 'o' });
    expect(parseFormat('C1.-')).toEqual({ color: 'C1', lineStyle: '-', marker: '.' });
    expect(parseFormat('k:')).toEqual({ color: 'k', lineStyle: ':' });
    expect(() => parseFormat('q')).toThrow(/cannot parse format string 'q'/);
  });

  it('converts vectors, matrices and NDArray-likes, with clear errors', () => {
    expect([...toVector([1, 2, 3])]).toEqual([1, 2, 3]);
    expect([...toVector(Int32Array.from([4, 5]))]).toEqual([4, 5]);
    expect([...toVector({ shape: [3, 1], toArray: () => [[1], [2], [3]] })]).toEqual([1, 2, 3]);
    expect(() =>
      toVector(
        {
          shape: [2, 2],
          toArray: () => [
            [1, 2],
            [3, 4],
          ],
        },
        'plot x',
      ),
    ).toThrow('plot x: expected a 1-D array, got shape (2, 2)');
    const g = toGrid({ shape: [2, 3], toArray: () => Float32Array.from([1, 2, 3, 4, 5, 6]) });
    expect([g.rows, g.cols, g.data[5]]).toEqual([2, 3, 6]);
    expect(() => toGrid([[1, 2], [3]], 'contour z')).toThrow(
      'contour z: row 1 has 1 values, expected 2 like row 0',
    );
    const mnistLike = toImage(new Array(784).fill(0.5));
    expect([mnistLike.height, mnistLike.width, mnistLike.channels]).toEqual([28, 28, 1]);
    const rgb = toImage({ shape: [2, 2, 3], dtype: 'uint8', toArray: () => new Uint8Array(12).fill(200) });
    expect([rgb.channels, rgb.byteRange]).toEqual([3, true]);
    expect(() => toImage(new Array(10).fill(0))).toThrow(
      'imshow: a flat image of 10 values needs a shape option',
    );
    expect(() => toImage({ shape: [2, 3, 5], toArray: () => new Array(30).fill(0) })).toThrow(
      'imshow: expected an image of shape (H, W), (H, W, 3) or (H, W, 4), got (2, 3, 5)',
    );
  });

  it('rejects mismatched lengths naming the function', () => {
    const { ax } = plot.subplots();
    expect(() => ax.plot([1, 2, 3], [1, 2])).toThrow('plot: x and y must have the same length, got 3 and 2');
    expect(() => ax.scatter([1], [1], { c: [1, 2] })).toThrow('scatter: 2 values in c for 1 points');
    expect(() => plot.figure().subplot(2, 2, 5)).toThrow(
      'subplot: index must be in 1..4 for a 2×2 grid, got 5',
    );
    expect(() => plot.colormap('nope' as plot.ColormapName)).toThrow(/unknown colormap 'nope'/);
  });
});

describe('colormaps', () => {
  it('match Matplotlib at their ends', () => {
    expect(plot.colormap('viridis').rgb(0)).toEqual([0x44, 0x01, 0x54]);
    expect(plot.colormap('viridis').rgb(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(plot.colormap('gray').rgb(0)).toEqual([0, 0, 0]);
    expect(plot.colormap('gray').rgb(1)).toEqual([255, 255, 255]);
    expect(plot.colormap('bwr').rgb(0)).toEqual([0, 0, 255]);
    // 256 entries have no exact middle: 0.5 falls on entry 128, a hair to the red side (as in Matplotlib).
    expect(plot.colormap('bwr').rgb(0.5)).toEqual([255, 254, 254]);
    expect(plot.colormap('bwr').rgb(1)).toEqual([255, 0, 0]);
    expect(plot.colormap('RdBu').rgb(0)).toEqual([103, 0, 31]); // dark red at the low end, as in Matplotlib
    expect(plot.colormap('viridis_r').rgb(0)).toEqual(plot.colormap('viridis').rgb(1));
    expect(plot.listedColormap(['#ff0000', '#0000ff']).rgb(0.49)).toEqual([255, 0, 0]);
    expect(plot.listedColormap(['#ff0000', '#0000ff']).rgb(0.51)).toEqual([0, 0, 255]);
  });

  it('parse colours and Matplotlib shorthands', () => {
    expect(plot.cssColor('C1')).toBe('#ff7f0e');
    expect(plot.cssColor('tab:green')).toBe('#2ca02c');
    expect(plot.parseColor('r')).toEqual([255, 0, 0, 255]);
    expect(plot.parseColor('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3, 128]);
    expect(plot.parseColor('steelblue', ctx)).toEqual([70, 130, 180, 255]);
  });

  it('contour levels cover the data for filled contours', () => {
    expect(plot.contourLevels(0.13, 0.87, 5, true)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(plot.contourLevels(0.13, 0.87, 5, false)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });
});

describe('layout', () => {
  it('autoscales with 5 % margins, and fixed limits win', () => {
    const { ax } = plot.subplots();
    ax.plot([0, 10], [0, 1]);
    expect(ax.getXLim()).toEqual([-0.5, 10.5]);
    expect(ax.getYLim()[0]).toBeCloseTo(-0.05, 12);
    ax.xlim(2, 3);
    expect(ax.getXLim()).toEqual([2, 3]);
    ax.ylim(1, 0); // inverted
    expect(ax.getYLim()).toEqual([0, 1]);
  });

  it('lines up plot areas of a subplot grid and keeps them inside their cells', async () => {
    const { fig, axes } = plot.subplots(2, 2, { width: 600, height: 400, suptitle: 'grid' });
    axes[0]![0]!.plot([0, 1000000], [0, 1]);
    axes[0]![0]!.ylabel('short');
    axes[0]![1]!.plot([0, 1], [0, 123456.789]);
    axes[0]![1]!.title('a title').ylabel('a label');
    axes[1]![0]!.plot([0, 1], [0, 1]);
    axes[1]![0]!.xlabel('x');
    axes[1]![1]!.plot([0, 1], [0, 1]);
    await fig.toImageData();
    const a = axes.map((row) => row.map((ax) => ax.plotArea));
    // Same column: same left edge; same row: same top edge.
    expect(a[0]![0]!.x).toBeCloseTo(a[1]![0]!.x, 6);
    expect(a[0]![1]!.x).toBeCloseTo(a[1]![1]!.x, 6);
    expect(a[0]![0]!.y).toBeCloseTo(a[0]![1]!.y, 6);
    expect(a[1]![0]!.y).toBeCloseTo(a[1]![1]!.y, 6);
    // Columns do not overlap, rows do not overlap, all inside the figure.
    expect(a[0]![0]!.x + a[0]![0]!.width).toBeLessThan(a[0]![1]!.x - 40);
    expect(a[0]![0]!.y + a[0]![0]!.height).toBeLessThan(a[1]![0]!.y - 20);
    for (const r of a.flat()) {
      expect(r.x).toBeGreaterThan(20);
      expect(r.y).toBeGreaterThan(20);
      expect(r.x + r.width).toBeLessThan(600);
      expect(r.y + r.height).toBeLessThan(400 - 20);
    }
  });

  it("keeps every text inside the canvas: the title's ink starts below the top edge", async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 300, height: 200 });
    ax.plot([0, 1], [0, 1]);
    ax.title('Title').xlabel('x label').ylabel('y label');
    const img = await fig.toImageData();
    const inkRows: number[] = [];
    const inkCols: number[] = [];
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const i = 4 * (y * img.width + x);
        if (img.data[i]! < 128 && img.data[i + 1]! < 128) {
          inkRows.push(y);
          inkCols.push(x);
        }
      }
    }
    expect(Math.min(...inkRows)).toBeGreaterThan(2);
    expect(Math.max(...inkRows)).toBeLessThan(img.height - 2);
    expect(Math.min(...inkCols)).toBeGreaterThan(2);
    expect(Math.max(...inkCols)).toBeLessThan(img.width - 2);
  });

  it('clear() empties an Axes', () => {
    const { ax } = plot.subplots();
    ax.plot([0, 5], [0, 5]);
    ax.title('t').xlim(0, 1);
    ax.clear();
    expect(ax.artists).toHaveLength(0);
    expect(ax.getXLim()).toEqual([0, 1]); // default limits again, not the old ones
    ax.plot([0, 10], [0, 1]);
    expect(ax.getXLim()).toEqual([-0.5, 10.5]);
  });

  it('equal aspect makes one unit equally long on both axes', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 500, height: 300 });
    ax.plot([0, 4], [0, 1]);
    ax.aspect('equal');
    await fig.toImageData();
    const [x0, y0] = ax.transData(0, 0);
    const [x1] = ax.transData(1, 0);
    const [, y1] = ax.transData(0, 1);
    expect(x1 - x0).toBeCloseTo(y0 - y1, 6);
  });
});

describe('output', () => {
  it('PNG bytes and SVG text', async () => {
    const { fig, ax } = plot.subplots(1, 1, { width: 160, height: 120 });
    ax.plot([0, 1], [1, 0], 'r-');
    ax.title('svg');
    const png = await fig.toPng();
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const svg = await fig.toSvg();
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*width="160"[^>]*height="120"/);
    expect(svg).toContain('<path');
    expect(svg).toContain('svg</text>');
  });

  it('draws twice as many pixels at pixel ratio 2', async () => {
    const fig = plot.figure({ width: 50, height: 40, pixelRatio: 2 });
    fig.subplot().plot([0, 1], [0, 1]);
    const img = await fig.toImageData();
    expect([img.width, img.height, img.data.length]).toEqual([100, 80, 100 * 80 * 4]);
  });
});
