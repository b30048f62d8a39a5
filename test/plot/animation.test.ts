// GIF output (parsed back block by block), live playback and mounting on a canvas.
import { createCanvas } from '@napi-rs/canvas';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as plot from '../../src/plot/index.js';
import type { CanvasTarget } from '../../src/plot/index.js';
import { pixel } from './helpers.js';

beforeAll(async () => {
  await plot.loadNodeCanvas();
});

/** A moving dot: frame i puts it at x = i. */
function dotAnimation(frames: number, opts: Partial<plot.AnimationOptions> = {}): plot.Animation {
  return plot.animate({ frames, width: 120, height: 90, delay: 70, ...opts }, (fig, i) => {
    const ax = fig.subplot();
    ax.plot([i], [0], 'o', { color: '#d62728', markerSize: 10 });
    ax.xlim(-1, frames).ylim(-1, 1);
  });
}

describe('GIF', () => {
  it('N frames decode back to N frames of the right size and delay, looping forever', async () => {
    const bytes = await dotAnimation(6).toGif();
    const info = plot.gifInfo(bytes);
    expect(info.width).toBe(120);
    expect(info.height).toBe(90);
    expect(info.loop).toBe(0);
    expect(info.frames).toHaveLength(6);
    for (const f of info.frames) expect(f).toEqual({ left: 0, top: 0, width: 120, height: 90, delay: 70 });
  });

  it('per-frame palettes, a pixel ratio, play-once and a repeat count', async () => {
    const once = plot.gifInfo(
      await dotAnimation(3, { loop: false, palette: 'per-frame', delay: 40 }).toGif(),
    );
    expect(once.frames.map((f) => f.delay)).toEqual([40, 40, 40]);
    expect(once.loop).toBeNull();
    const twice = plot.gifInfo(await dotAnimation(2, { loop: 2, pixelRatio: 2 }).toGif());
    expect([twice.width, twice.height, twice.loop, twice.frames.length]).toEqual([240, 180, 2, 2]);
  });

  it('saveGif writes the file; its first frame matches frame(0) as PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlseries-plot-'));
    const anim = dotAnimation(4);
    await anim.saveGif(join(dir, 'sub', 'dot.gif'));
    const bytes = new Uint8Array(readFileSync(join(dir, 'sub', 'dot.gif')));
    expect(plot.gifInfo(bytes).frames).toHaveLength(4);
    await anim.frame(0).savePng(join(dir, 'frame0.png'));
    const png = readFileSync(join(dir, 'frame0.png'));
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(120); // IHDR width
    expect(png.readUInt32BE(20)).toBe(90); // IHDR height
  });

  it('gifInfo rejects what is not a GIF', () => {
    expect(() => plot.gifInfo(new TextEncoder().encode('PNG not a gif'))).toThrow(/not a GIF/);
  });
});

// A fake requestAnimationFrame whose clock the test advances.
let queue: ((t: number) => void)[] = [];
let now = 0;
const g = globalThis as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown };
function installRaf(): void {
  queue = [];
  now = 0;
  g.requestAnimationFrame = (cb: (t: number) => void) => queue.push(cb);
  g.cancelAnimationFrame = (id: number) => {
    queue[id - 1] = () => {};
  };
}
function advance(ms: number): void {
  now += ms;
  const due = queue;
  queue = [];
  for (const cb of due) cb(now);
}
afterEach(() => {
  delete g.requestAnimationFrame;
  delete g.cancelAnimationFrame;
});

describe('live canvas', () => {
  it('play() shows one frame per delay on requestAnimationFrame, looping', () => {
    installRaf();
    const canvas = createCanvas(1, 1);
    const anim = dotAnimation(3);
    const player = anim.play(canvas as unknown as CanvasTarget, { pixelRatio: 1 });
    expect([canvas.width, canvas.height]).toEqual([120, 90]);
    advance(0);
    expect(player.frame).toBe(0);
    advance(69);
    expect(player.frame).toBe(0);
    advance(1);
    expect(player.frame).toBe(1);
    advance(70);
    expect(player.frame).toBe(2);
    advance(70);
    expect(player.frame).toBe(0); // looped
    // The dot of the frame on screen is drawn on the canvas.
    const ctx = canvas.getContext('2d');
    const fig = anim.frame(0);
    fig.draw(createCanvas(120, 90).getContext('2d') as unknown as plot.Ctx2D);
    const [x, y] = fig.axes[0]!.transData(0, 0);
    const img = { width: 120, height: 90, data: ctx.getImageData(0, 0, 120, 90).data };
    expect(pixel(img, x, y)).toEqual([214, 39, 40, 255]);
    player.stop();
    advance(70);
    expect(player.frame).toBe(0);
    expect(queue).toHaveLength(0);
  });

  it('mount() draws at the pixel ratio and batches redraws into one animation frame', () => {
    installRaf();
    const canvas = createCanvas(1, 1);
    const { fig, ax } = plot.subplots(1, 1, { width: 100, height: 80 });
    const line = ax.plot([0, 1], [0, 1], { color: '#0000ff', lineWidth: 4 });
    ax.xlim(0, 1).ylim(0, 1);
    const live = fig.mount(canvas as unknown as CanvasTarget, { pixelRatio: 2 });
    expect([canvas.width, canvas.height]).toEqual([200, 160]);
    const read = (x: number, y: number) => {
      const [px, py] = ax.transData(x, y);
      return [...canvas.getContext('2d').getImageData(Math.floor(px * 2), Math.floor(py * 2), 1, 1).data];
    };
    expect(read(0.5, 0.5)).toEqual([0, 0, 255, 255]);
    line.setData(Float64Array.from([0, 1]), Float64Array.from([1, 0]));
    live.redraw();
    live.redraw();
    expect(queue).toHaveLength(1);
    advance(16);
    expect(read(0.25, 0.75)).toEqual([0, 0, 255, 255]);
    expect(read(0.25, 0.25)).toEqual([255, 255, 255, 255]);
    live.unmount();
  });
});
