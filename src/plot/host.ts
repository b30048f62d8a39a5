/**
 * The host: where canvases come from and where bytes go. In the browser a figure draws on
 * `OffscreenCanvas` or a `<canvas>` element; in Node on @napi-rs/canvas, which is loaded lazily by
 * a dynamic import that bundlers do not follow, so a browser bundle never needs it.
 */
import { PlotError } from './errors.js';
import type { Ctx2D, Surface, SurfaceFactory } from './types.js';

/** The subset of @napi-rs/canvas this package uses. */
type NodeCanvasModule = typeof import('@napi-rs/canvas');

// The loaded module, memoised: loading it is the only side effect, and it happens once.
let nodeCanvas: NodeCanvasModule | undefined;
let nodeCanvasLoading: Promise<NodeCanvasModule> | undefined;

/** Imports a module by a name bundlers cannot see (Node-only code paths). */
function importHidden<T>(name: string): Promise<T> {
  return import(/* @vite-ignore */ name) as Promise<T>;
}

/**
 * Loads @napi-rs/canvas (Node only). `toPng`, `savePng` and `saveGif` call it for you; call it
 * yourself before drawing a figure synchronously on a Node canvas that holds images.
 */
export async function loadNodeCanvas(): Promise<NodeCanvasModule> {
  if (nodeCanvas) return nodeCanvas;
  nodeCanvasLoading ??= importHidden<NodeCanvasModule>('@napi-rs/canvas').then(
    (m) => (nodeCanvas = m),
    (err: unknown) => {
      nodeCanvasLoading = undefined;
      throw new PlotError(`plot: cannot load @napi-rs/canvas for drawing in Node (${String(err)})`);
    },
  );
  return nodeCanvasLoading;
}

interface OffscreenCanvasCtor {
  new (width: number, height: number): OffscreenCanvas;
}

function browserFactory(): SurfaceFactory | undefined {
  const g = globalThis as { OffscreenCanvas?: OffscreenCanvasCtor; document?: Document };
  if (g.OffscreenCanvas) {
    const Ctor = g.OffscreenCanvas;
    return (w, h) => {
      const canvas = new Ctor(Math.max(1, w), Math.max(1, h));
      return { canvas, ctx: canvas.getContext('2d') as unknown as Ctx2D };
    };
  }
  if (g.document) {
    const doc = g.document;
    return (w, h) => {
      const canvas = doc.createElement('canvas');
      canvas.width = Math.max(1, w);
      canvas.height = Math.max(1, h);
      return { canvas, ctx: canvas.getContext('2d')! };
    };
  }
  return undefined;
}

function nodeFactory(m: NodeCanvasModule): SurfaceFactory {
  return (w, h) => {
    const canvas = m.createCanvas(Math.max(1, w), Math.max(1, h));
    return {
      canvas: canvas as unknown as CanvasImageSource,
      ctx: canvas.getContext('2d') as unknown as Ctx2D,
    };
  };
}

/**
 * The surface factory available right now, without waiting: Node's canvas once loaded, else the
 * browser's. Throws when there is none (Node before {@link loadNodeCanvas}).
 */
export function currentSurfaceFactory(): SurfaceFactory {
  const f = nodeCanvas ? nodeFactory(nodeCanvas) : browserFactory();
  if (!f) {
    throw new PlotError('plot: no canvas here; in Node, await plot.loadNodeCanvas() before drawing');
  }
  return f;
}

/** The surface factory of this host, loading Node's canvas when there is no browser one. */
export async function surfaceFactory(): Promise<SurfaceFactory> {
  const browser = nodeCanvas ? undefined : browserFactory();
  return browser ?? nodeFactory(await loadNodeCanvas());
}

/** PNG bytes of a surface made by {@link surfaceFactory}. */
export async function encodePng(surface: Surface): Promise<Uint8Array> {
  const c = surface.canvas as unknown as {
    encode?: (format: 'png') => Promise<Uint8Array>;
    convertToBlob?: (opts: { type: string }) => Promise<Blob>;
    toBlob?: (cb: (b: Blob | null) => void, type: string) => void;
  };
  if (c.encode) return new Uint8Array(await c.encode('png'));
  let blob: Blob | null = null;
  if (c.convertToBlob) blob = await c.convertToBlob({ type: 'image/png' });
  else if (c.toBlob) blob = await new Promise<Blob | null>((resolve) => c.toBlob!(resolve, 'image/png'));
  if (!blob) throw new PlotError('plot: this canvas cannot encode PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** Writes bytes or text to a file, creating its folder (Node only). */
export async function writeFileNode(path: string, content: Uint8Array | string): Promise<void> {
  const fs = await importHidden<typeof import('node:fs/promises')>('node:fs/promises');
  const p = await importHidden<typeof import('node:path')>('node:path');
  await fs.mkdir(p.dirname(path), { recursive: true });
  await fs.writeFile(path, content);
}

/** An SVG canvas of @napi-rs/canvas (Node only), text kept as text. */
export async function createSvgSurface(
  width: number,
  height: number,
): Promise<{ surface: Surface; content(): string }> {
  const m = await loadNodeCanvas();
  const canvas = m.createCanvas(width, height, m.SvgExportFlag.NoPrettyXML);
  const ctx = canvas.getContext('2d') as unknown as Ctx2D;
  return {
    surface: { canvas: canvas as unknown as CanvasImageSource, ctx },
    content: () => canvas.getContent().toString('utf8'),
  };
}

/**
 * Registers a font file so figures can use it (e.g. a CJK font for Chinese titles): in Node through
 * @napi-rs/canvas's GlobalFonts, in the browser through the FontFace API (`source` is then a URL).
 * Returns the family name to put first in a figure's `fontFamily`.
 */
export async function registerFont(source: string, family: string): Promise<string> {
  const g = globalThis as { FontFace?: typeof FontFace; document?: Document };
  if (g.FontFace && g.document) {
    const face = new g.FontFace(family, `url(${source})`);
    await face.load();
    g.document.fonts.add(face);
    return family;
  }
  const m = await loadNodeCanvas();
  if (!m.GlobalFonts.registerFromPath(source, family)) {
    throw new PlotError(`registerFont: could not load a font from ${source}`);
  }
  return family;
}
