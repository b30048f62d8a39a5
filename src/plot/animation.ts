/**
 * Animations: a draw callback that builds frame `i` on a fresh Figure. The same Animation becomes a
 * GIF file (`saveGif`) in Node or plays live on a `<canvas>` with requestAnimationFrame (`play`).
 *
 * ```ts
 * const anim = plot.animate({ frames: 400, delay: 40 }, (fig, i) => {
 *   const ax = fig.subplot();
 *   ax.scatter(x, y);
 *   ax.plot(x, x.map((v) => slopes[i] * v + 4), 'r');
 * });
 * await anim.saveGif('out/day2.gif');   // Node
 * anim.play(canvasElement);               // browser
 * ```
 */
import { PlotError } from './errors.js';
import { Figure, type CanvasTarget, type FigureOptions } from './figure.js';
import { GifWriter, quantizeFrames, type GifOptions } from './gif.js';
import { surfaceFactory, writeFileNode } from './host.js';
import type { Ctx2D } from './types.js';

/** Options of {@link animate}: the frame count, the figure's options and the GIF's timing. */
export interface AnimationOptions extends FigureOptions, GifOptions {
  /** Number of frames. */
  frames: number;
  /**
   * GIF palette: 'global' (default) quantises a few sample frames once and uses that palette for
   * every frame (fast, no colour flicker); 'per-frame' gives each frame its own.
   */
  palette?: 'global' | 'per-frame';
}

/** Builds frame `frame` (0-based) on `fig`, a fresh figure. */
export type FrameDrawer = (fig: Figure, frame: number) => void;

/** A running playback on a canvas. */
export interface Player {
  /** The frame on screen. */
  readonly frame: number;
  stop(): void;
}

/** An animation (made by {@link animate}). */
export class Animation {
  constructor(
    readonly options: AnimationOptions,
    private readonly drawFrame: FrameDrawer,
  ) {
    if (!Number.isInteger(options.frames) || options.frames < 1) {
      throw new PlotError(`animate: frames must be a positive integer, got ${options.frames}`);
    }
  }

  /** Number of frames. */
  get frames(): number {
    return this.options.frames;
  }

  /** Delay between frames in milliseconds. */
  get delay(): number {
    return this.options.delay ?? 40;
  }

  /** Frame `i` as a Figure (to save one as PNG, or test it). */
  frame(i: number, pixelRatio = this.options.pixelRatio): Figure {
    const fig = new Figure({ ...this.options, pixelRatio });
    this.drawFrame(fig, i);
    return fig;
  }

  /** The GIF file's bytes. */
  async toGif(): Promise<Uint8Array> {
    const factory = await surfaceFactory();
    const pr = this.options.pixelRatio ?? 1;
    const first = this.frame(0);
    const w = Math.round(first.width * pr);
    const h = Math.round(first.height * pr);
    const surface = factory(w, h);
    const pixels = (i: number) => {
      (i === 0 ? first : this.frame(i)).draw(surface.ctx, { createSurface: factory });
      return surface.ctx.getImageData(0, 0, w, h).data;
    };
    let palette;
    if ((this.options.palette ?? 'global') === 'global') {
      const n = this.frames;
      const picks = [...new Set([0, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1])];
      palette = quantizeFrames(picks.map((i) => pixels(i).slice()));
    }
    const writer = new GifWriter(w, h, { delay: this.delay, loop: this.options.loop }, palette);
    for (let i = 0; i < this.frames; i++) writer.addFrame(pixels(i));
    return writer.finish();
  }

  /** Writes the animation as a GIF file, creating its folder (Node). */
  async saveGif(path: string): Promise<void> {
    await writeFileNode(path, await this.toGif());
  }

  /**
   * Plays on a canvas, one frame per `delay` ms, driven by requestAnimationFrame (setTimeout where
   * there is none). Loops unless the animation's `loop` is false.
   */
  play(canvas: CanvasTarget, opts: { pixelRatio?: number } = {}): Player {
    const g = globalThis as {
      devicePixelRatio?: number;
      requestAnimationFrame?: (cb: (t: number) => void) => number;
      cancelAnimationFrame?: (id: number) => void;
    };
    const pr = opts.pixelRatio ?? g.devicePixelRatio ?? 1;
    const width = this.options.width ?? 640;
    const height = this.options.height ?? 480;
    canvas.width = Math.round(width * pr);
    canvas.height = Math.round(height * pr);
    if (canvas.style) {
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext('2d') as Ctx2D;
    const loop = this.options.loop ?? true;
    const request = (cb: (t: number) => void): number =>
      g.requestAnimationFrame
        ? g.requestAnimationFrame(cb)
        : (setTimeout(() => cb(performance.now()), 16) as unknown as number);
    const cancel = (id: number) => (g.cancelAnimationFrame ? g.cancelAnimationFrame(id) : clearTimeout(id));
    let shown = -1;
    let start: number | undefined;
    let handle: number | undefined;
    let stopped = false;
    const tick = (now: number) => {
      if (stopped) return;
      start ??= now;
      let i = Math.floor((now - start) / this.delay);
      if (i >= this.frames) i = loop === false ? this.frames - 1 : i % this.frames;
      if (i !== shown) {
        this.frame(i, pr).draw(ctx);
        shown = i;
      }
      if (loop === false && i === this.frames - 1) return;
      handle = request(tick);
    };
    handle = request(tick);
    return {
      get frame() {
        return shown;
      },
      stop() {
        stopped = true;
        if (handle !== undefined) cancel(handle);
      },
    };
  }
}

/** An animation of `frames` frames, each drawn by `draw(fig, i)` on a fresh figure. */
export function animate(options: AnimationOptions, draw: FrameDrawer): Animation {
  return new Animation(options, draw);
}
