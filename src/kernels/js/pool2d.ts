/**
 * 2-D max and average pooling over NCHW, the js reference (forward and backward side by side):
 *
 *   max:  y[p, oh, ow] = max_{i<kh, j<kw} x[p, oh·strideH − padTop + i, ow·strideW − padLeft + j]
 *         dx[p, arg-max] += dy[p, oh, ow]   (ONE arg-max per window: the first in row-major
 *         window order; a NaN beats every number, so NaN inputs propagate)
 *   avg:  y[p, oh, ow] = Σ_window x / count,  dx[p, in window] += dy[p, oh, ow] / count
 *         count = kh·kw with countIncludePad, else the number of in-bounds positions
 *
 * over planes p = (b, c); positions outside x are skipped. A max window with no in-bounds
 * position yields −∞ and routes no gradient.
 */
import { checkDtypes, checkRange, poolSizes } from '../check.js';
import type { FloatArray, Pool2dArgs, Pool2dBackwardArgs, Pool2dGeometry } from '../types.js';

/** Index (in the plane) of the first maximum of window (ih0, iw0), or -1 if it is empty. */
function argmaxWindow(x: FloatArray, plane: number, g: Pool2dGeometry, ih0: number, iw0: number): number {
  let best = 0;
  let at = -1;
  for (let i = Math.max(0, ih0); i < Math.min(g.h, ih0 + g.kh); i++) {
    for (let j = Math.max(0, iw0); j < Math.min(g.w, iw0 + g.kw); j++) {
      const v = x[plane + i * g.w + j]!;
      if (at < 0 || v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
        best = v;
        at = i * g.w + j;
      }
    }
  }
  return at;
}

function checkForward(op: string, p: Pool2dArgs): Pool2dGeometry {
  const sz = poolSizes(p.geom);
  checkDtypes(op, [p.x, p.y]);
  checkRange(op, 'x', p.x, p.xOffset, sz.x);
  checkRange(op, 'y', p.y, p.yOffset, sz.y);
  return p.geom;
}

function checkBackward(op: string, p: Pool2dBackwardArgs, needsX: boolean): Pool2dGeometry {
  const sz = poolSizes(p.geom);
  checkDtypes(op, [p.dy, p.dx, p.x]);
  if (needsX) {
    if (!p.x) throw new TypeError(`${op}: needs the forward input x`);
    checkRange(op, 'x', p.x, p.xOffset ?? 0, sz.x);
  }
  checkRange(op, 'dy', p.dy, p.dyOffset, sz.y);
  checkRange(op, 'dx', p.dx, p.dxOffset, sz.x);
  return p.geom;
}

/** Max pooling forward; see {@link Pool2dArgs}. */
export function maxPool2d(p: Pool2dArgs): void {
  const g = checkForward('maxPool2d', p);
  const { x, y } = p;
  for (let q = 0; q < g.n * g.c; q++) {
    const plane = p.xOffset + q * g.h * g.w;
    let out = p.yOffset + q * g.outH * g.outW;
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        const at = argmaxWindow(x, plane, g, oh * g.strideH - g.padTop, ow * g.strideW - g.padLeft);
        y[out++] = at < 0 ? -Infinity : x[plane + at]!;
      }
    }
  }
}

/** Max pooling backward: each dy goes to the first arg-max of its window (dx overwritten). */
export function maxPool2dBackward(p: Pool2dBackwardArgs): void {
  const g = checkBackward('maxPool2dBackward', p, true);
  const x = p.x!;
  const { dy, dx } = p;
  dx.fill(0, p.dxOffset, p.dxOffset + g.n * g.c * g.h * g.w);
  for (let q = 0; q < g.n * g.c; q++) {
    const plane = (p.xOffset ?? 0) + q * g.h * g.w;
    const dxPlane = p.dxOffset + q * g.h * g.w;
    let d = p.dyOffset + q * g.outH * g.outW;
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++, d++) {
        const at = argmaxWindow(x, plane, g, oh * g.strideH - g.padTop, ow * g.strideW - g.padLeft);
        if (at >= 0) dx[dxPlane + at] += dy[d]!;
      }
    }
  }
}

/** Average pooling forward; see {@link Pool2dArgs}. */
export function avgPool2d(p: Pool2dArgs): void {
  const g = checkForward('avgPool2d', p);
  const { x, y } = p;
  for (let q = 0; q < g.n * g.c; q++) {
    const plane = p.xOffset + q * g.h * g.w;
    let out = p.yOffset + q * g.outH * g.outW;
    for (let oh = 0; oh < g.outH; oh++) {
      const ih0 = oh * g.strideH - g.padTop;
      for (let ow = 0; ow < g.outW; ow++) {
        const iw0 = ow * g.strideW - g.padLeft;
        let sum = 0;
        let count = 0;
        for (let i = Math.max(0, ih0); i < Math.min(g.h, ih0 + g.kh); i++) {
          for (let j = Math.max(0, iw0); j < Math.min(g.w, iw0 + g.kw); j++) {
            sum += x[plane + i * g.w + j]!;
            count++;
          }
        }
        if (p.countIncludePad) count = g.kh * g.kw;
        y[out++] = count === 0 ? 0 : sum / count;
      }
    }
  }
}

/** Average pooling backward: dy spread evenly over its window (dx overwritten). */
export function avgPool2dBackward(p: Pool2dBackwardArgs): void {
  const g = checkBackward('avgPool2dBackward', p, false);
  const { dy, dx } = p;
  dx.fill(0, p.dxOffset, p.dxOffset + g.n * g.c * g.h * g.w);
  for (let q = 0; q < g.n * g.c; q++) {
    const dxPlane = p.dxOffset + q * g.h * g.w;
    let d = p.dyOffset + q * g.outH * g.outW;
    for (let oh = 0; oh < g.outH; oh++) {
      const i0 = Math.max(0, oh * g.strideH - g.padTop);
      const i1 = Math.min(g.h, oh * g.strideH - g.padTop + g.kh);
      for (let ow = 0; ow < g.outW; ow++, d++) {
        const j0 = Math.max(0, ow * g.strideW - g.padLeft);
        const j1 = Math.min(g.w, ow * g.strideW - g.padLeft + g.kw);
        const count = p.countIncludePad ? g.kh * g.kw : Math.max(0, i1 - i0) * Math.max(0, j1 - j0);
        if (count === 0) continue;
        const share = dy[d]! / count;
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) dx[dxPlane + i * g.w + j] += share;
        }
      }
    }
  }
}
