// AssemblyScript: max and average pooling over NCHW, forward and backward, a few planes per task.
//
//   max: y[p, oh, ow] = max over the window of x[p, ·, ·] (positions outside x are skipped);
//        the first maximum wins and a NaN beats any number, so backward routes each dy to ONE x.
//   avg: y[p, oh, ow] = Σ window x / count, count = kh·kw (mode 1) or the in-bounds count (mode 2).
import { argI, argP, nextTask } from './common';

// Argument record slots (src/kernels/wasm/pool2d.ts writes them).
const PLANES = 1; // n·c
const H = 2;
const W = 3;
const KH = 4;
const KW = 5;
const STRIDE_H = 6;
const STRIDE_W = 7;
const PAD_TOP = 8;
const PAD_LEFT = 9;
const OUT_H = 10;
const OUT_W = 11;
const MODE = 12; // 0 max, 1 average counting padding, 2 average over in-bounds positions
const X_PTR = 13;
const DY_PTR = 14; // y in forward
const DX_PTR = 15; // unused in forward
const PLANES_PER_TASK = 16;

/** Index of the window's maximum within the plane (first one, NaN first), or -1 if empty. */
function argmaxWindow<T>(x: usize, h: i32, w: i32, ih0: i32, iw0: i32, kh: i32, kw: i32): i32 {
  const S = sizeof<T>();
  let best = <T>0;
  let at = -1;
  for (let i = max(0, ih0); i < min(h, ih0 + kh); i++) {
    for (let j = max(0, iw0); j < min(w, iw0 + kw); j++) {
      const v = load<T>(x + <usize>(i * w + j) * S);
      if (at < 0 || v > best || (v != v && best == best)) {
        best = v;
        at = i * w + j;
      }
    }
  }
  return at;
}

/**
 * Which of the window values a, b, c, d (in scan order) is its maximum: the first one, and a NaN
 * beats any number — argmaxWindow's rule, written out for 2 × 2 windows.
 */
function pick4<T>(a: T, b: T, c: T, d: T): i32 {
  let best = a;
  let at = 0;
  if (b > best || (b != b && best == best)) {
    best = b;
    at = 1;
  }
  if (c > best || (c != c && best == best)) {
    best = c;
    at = 2;
  }
  if (d > best || (d != d && best == best)) at = 3;
  return at;
}

/** Max pooling of one plane with 2 × 2 windows at stride 2, no padding (the common case). */
function max2x2<T>(x: usize, y: usize, w: i32, oh: i32, ow: i32): void {
  const S = sizeof<T>();
  for (let r = 0; r < oh; r++) {
    const top = x + <usize>(2 * r * w) * S;
    const bottom = top + <usize>w * S;
    for (let q = 0; q < ow; q++) {
      const o = <usize>(2 * q) * S;
      const a = load<T>(top + o);
      const b = load<T>(top + o + S);
      const c = load<T>(bottom + o);
      const d = load<T>(bottom + o + S);
      const at = pick4<T>(a, b, c, d);
      store<T>(y, at == 0 ? a : at == 1 ? b : at == 2 ? c : d);
      y += S;
    }
  }
}

/** Backward of max2x2: each dy goes to its window's maximum (dx already zeroed). */
function max2x2Backward<T>(x: usize, dy: usize, dx: usize, w: i32, oh: i32, ow: i32): void {
  const S = sizeof<T>();
  for (let r = 0; r < oh; r++) {
    const rowTop = <usize>(2 * r * w) * S;
    for (let q = 0; q < ow; q++) {
      const o = rowTop + <usize>(2 * q) * S;
      const ws = <usize>w * S;
      const at = pick4<T>(load<T>(x + o), load<T>(x + o + S), load<T>(x + o + ws), load<T>(x + o + ws + S));
      const d = dx + o + (at >= 2 ? ws : 0) + ((at & 1) != 0 ? S : 0);
      store<T>(d, load<T>(d) + load<T>(dy));
      dy += S;
    }
  }
}

function pool2d<T>(args: usize): void {
  const S = sizeof<T>();
  const planes = argI(args, PLANES);
  const h = argI(args, H);
  const w = argI(args, W);
  const kh = argI(args, KH);
  const kw = argI(args, KW);
  const sh = argI(args, STRIDE_H);
  const sw = argI(args, STRIDE_W);
  const pt = argI(args, PAD_TOP);
  const pl = argI(args, PAD_LEFT);
  const oh = argI(args, OUT_H);
  const ow = argI(args, OUT_W);
  const mode = argI(args, MODE);
  const per = argI(args, PLANES_PER_TASK);
  const tasks = (planes + per - 1) / per;
  const halving = mode == 0 && kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0;
  for (let t = nextTask(args); t < tasks; t = nextTask(args)) {
    for (let p = t * per; p < min(planes, (t + 1) * per); p++) {
      const x = argP(args, X_PTR) + <usize>p * <usize>(h * w) * S;
      let y = argP(args, DY_PTR) + <usize>p * <usize>(oh * ow) * S;
      if (halving && 2 * oh <= h && 2 * ow <= w) {
        max2x2<T>(x, y, w, oh, ow);
        continue;
      }
      for (let r = 0; r < oh; r++) {
        const ih0 = r * sh - pt;
        for (let q = 0; q < ow; q++) {
          const iw0 = q * sw - pl;
          let out: T;
          if (mode == 0) {
            const at = argmaxWindow<T>(x, h, w, ih0, iw0, kh, kw);
            out = at < 0 ? <T>-Infinity : load<T>(x + <usize>at * S);
          } else {
            let sum = <T>0;
            let count = 0;
            for (let i = max(0, ih0); i < min(h, ih0 + kh); i++) {
              for (let j = max(0, iw0); j < min(w, iw0 + kw); j++) {
                sum += load<T>(x + <usize>(i * w + j) * S);
                count++;
              }
            }
            if (mode == 1) count = kh * kw;
            out = count == 0 ? <T>0 : sum / <T>count;
          }
          store<T>(y, out);
          y += S;
        }
      }
    }
  }
}

function pool2dBackward<T>(args: usize): void {
  const S = sizeof<T>();
  const planes = argI(args, PLANES);
  const h = argI(args, H);
  const w = argI(args, W);
  const kh = argI(args, KH);
  const kw = argI(args, KW);
  const sh = argI(args, STRIDE_H);
  const sw = argI(args, STRIDE_W);
  const pt = argI(args, PAD_TOP);
  const pl = argI(args, PAD_LEFT);
  const oh = argI(args, OUT_H);
  const ow = argI(args, OUT_W);
  const mode = argI(args, MODE);
  const per = argI(args, PLANES_PER_TASK);
  const tasks = (planes + per - 1) / per;
  const halving = mode == 0 && kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0;
  for (let t = nextTask(args); t < tasks; t = nextTask(args)) {
    for (let p = t * per; p < min(planes, (t + 1) * per); p++) {
      const x = argP(args, X_PTR) + <usize>p * <usize>(h * w) * S;
      let dy = argP(args, DY_PTR) + <usize>p * <usize>(oh * ow) * S;
      const dx = argP(args, DX_PTR) + <usize>p * <usize>(h * w) * S;
      memory.fill(dx, 0, <usize>(h * w) * S);
      if (halving && 2 * oh <= h && 2 * ow <= w) {
        max2x2Backward<T>(x, dy, dx, w, oh, ow);
        continue;
      }
      for (let r = 0; r < oh; r++) {
        const ih0 = r * sh - pt;
        for (let q = 0; q < ow; q++) {
          const iw0 = q * sw - pl;
          const g = load<T>(dy);
          dy += S;
          if (mode == 0) {
            const at = argmaxWindow<T>(x, h, w, ih0, iw0, kh, kw);
            if (at >= 0) {
              const d = dx + <usize>at * S;
              store<T>(d, load<T>(d) + g);
            }
            continue;
          }
          const i0 = max(0, ih0);
          const i1 = min(h, ih0 + kh);
          const j0 = max(0, iw0);
          const j1 = min(w, iw0 + kw);
          const count = mode == 1 ? kh * kw : max(0, i1 - i0) * max(0, j1 - j0);
          if (count == 0) continue;
          const share = g / <T>count;
          for (let i = i0; i < i1; i++) {
            for (let j = j0; j < j1; j++) {
              const d = dx + <usize>(i * w + j) * S;
              store<T>(d, load<T>(d) + share);
            }
          }
        }
      }
    }
  }
}

/** Pooling forward, float32. */
export function pool2dF32(args: usize, _tid: i32, _nt: i32): void {
  pool2d<f32>(args);
}
/** Pooling forward, float64. */
export function pool2dF64(args: usize, _tid: i32, _nt: i32): void {
  pool2d<f64>(args);
}
/** Pooling backward, float32. */
export function pool2dBackwardF32(args: usize, _tid: i32, _nt: i32): void {
  pool2dBackward<f32>(args);
}
/** Pooling backward, float64. */
export function pool2dBackwardF64(args: usize, _tid: i32, _nt: i32): void {
  pool2dBackward<f64>(args);
}
