/**
 * A drawing pad for a digit (mouse, pen or touch through pointer events; a Clear button for the
 * keyboard) and the preprocessing that makes a drawing look like an MNIST digit: the ink's
 * bounding box scaled to fit a 20 × 20 box (aspect kept, area-averaged so strokes stay grey at
 * their edges), placed in a 28 × 28 field so that its centre of mass is at the centre — how
 * LeCun et al. normalised the original digits.
 */
import { button, h } from '../dom.js';
import { t } from '../i18n.js';

/** Pad size in canvas pixels (10 per MNIST pixel). */
export const PAD = 280;
const STROKE = 22;

/**
 * Ink (row-major `width × height`, 0 = paper … 1 = ink) → a 28 × 28 MNIST-style digit in [0, 1],
 * or null when there is no ink.
 */
export function toMnist(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  threshold = 0.05,
): Float32Array | null {
  // 1. the bounding box of the ink
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  // 2. scale the box so its longer side is 20 pixels: each target pixel averages the source area it covers
  const scale = 20 / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale));
  const th = Math.max(1, Math.round(bh * scale));
  const small = new Float32Array(tw * th);
  const sx = bw / tw;
  const sy = bh / th;
  for (let ty = 0; ty < th; ty++) {
    const fy0 = y0 + ty * sy;
    const fy1 = fy0 + sy;
    for (let tx = 0; tx < tw; tx++) {
      const fx0 = x0 + tx * sx;
      const fx1 = fx0 + sx;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(fy0); y < Math.ceil(fy1); y++) {
        const wy = Math.min(fy1, y + 1) - Math.max(fy0, y);
        for (let x = Math.floor(fx0); x < Math.ceil(fx1); x++) {
          const w = wy * (Math.min(fx1, x + 1) - Math.max(fx0, x));
          sum += w * ink[y * width + x];
          area += w;
        }
      }
      small[ty * tw + tx] = area > 0 ? Math.min(1, sum / area) : 0;
    }
  }
  // 3. the centre of mass of the scaled digit, moved to the centre of the 28 × 28 field
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x];
      mass += v;
      cx += v * x;
      cy += v * y;
    }
  }
  if (mass <= 0) return null;
  const ox = Math.round(13.5 - cx / mass);
  const oy = Math.round(13.5 - cy / mass);
  const out = new Float32Array(28 * 28);
  for (let y = 0; y < th; y++) {
    const yy = y + oy;
    if (yy < 0 || yy >= 28) continue;
    for (let x = 0; x < tw; x++) {
      const xx = x + ox;
      if (xx >= 0 && xx < 28) out[yy * 28 + xx] = small[y * tw + x];
    }
  }
  return out;
}

/** The pad: a canvas to draw on (white ink on black, like MNIST) and its Clear button. */
export class DigitPad {
  readonly el: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  /** Called after each stroke (and after clear, with null). */
  onChange: (digit: Float32Array | null) => void = () => {};
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;
  private last: [number, number] | null = null;

  constructor() {
    this.canvas = h('canvas', {
      width: PAD,
      height: PAD,
      class: 'pad',
      'data-testid': 'd5-pad',
      role: 'img',
      'aria-label': t(
        '手写板：用鼠标、触控笔或手指写一个数字',
        'Drawing pad: write a digit with the mouse, a pen or a finger',
      ),
    });
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
    const clear = button(t('清除', 'Clear'), () => this.clear(true), { 'data-testid': 'd5-clear' });
    this.el = h('div', { class: 'pad-wrap' }, this.canvas, h('div', { class: 'controls' }, clear));
    this.clear(false);
    const at = (e: PointerEvent): [number, number] => {
      const r = this.canvas.getBoundingClientRect();
      return [((e.clientX - r.left) * PAD) / r.width, ((e.clientY - r.top) * PAD) / r.height];
    };
    this.canvas.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      this.canvas.setPointerCapture(e.pointerId);
      this.drawing = true;
      this.last = at(e);
      this.segment(this.last, this.last);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing || !this.last) return;
      const p = at(e);
      this.segment(this.last, p);
      this.last = p;
    });
    const end = () => {
      if (!this.drawing) return;
      this.drawing = false;
      this.last = null;
      this.onChange(this.digit());
    };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }

  /** Paints the pad black; tells the listener when asked. */
  clear(notify: boolean): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, PAD, PAD);
    if (notify) this.onChange(null);
  }

  /** Shows a 28 × 28 digit (e.g. a test image) on the pad, each pixel a 10 × 10 square. */
  show(pixels: ArrayLike<number>): void {
    this.clear(false);
    const s = PAD / 28;
    for (let i = 0; i < 784; i++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, pixels[i])));
      if (!v) continue;
      this.ctx.fillStyle = `rgb(${v},${v},${v})`;
      this.ctx.fillRect((i % 28) * s, Math.floor(i / 28) * s, s, s);
    }
  }

  /** The drawing as an MNIST-style 28 × 28 digit, or null when the pad is empty. */
  digit(): Float32Array | null {
    const img = this.ctx.getImageData(0, 0, PAD, PAD).data;
    const ink = new Float32Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = img[4 * i] / 255;
    return toMnist(ink, PAD, PAD);
  }

  private segment(a: [number, number], b: [number, number]): void {
    const c = this.ctx;
    c.strokeStyle = '#fff';
    c.fillStyle = '#fff';
    c.lineWidth = STROKE;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(a[0], a[1]);
    c.lineTo(b[0], b[1]);
    c.stroke();
  }
}
