/**
 * 2-D convolution over NCHW, the js reference (forward and both gradients side by side):
 *
 *   y[b, co, oh, ow]  = bias[co] + Σ_{c, i, j} w[co, c, i, j] · x[b, g·cG + c, ih, iw]
 *   dx[b, g·cG + c, ih, iw] += Σ_{co ∈ g, i, j} w[co, c, i, j] · dy[b, co, oh, ow]
 *   dw[co, c, i, j]   = Σ_{b, oh, ow} dy[b, co, oh, ow] · x[b, g·cG + c, ih, iw]
 *   db[co]            = Σ_{b, oh, ow} dy[b, co, oh, ow]
 *
 * with ih = oh·strideH − padTop + i·dilationH, iw = ow·strideW − padLeft + j·dilationW (terms
 * outside the input are zero), g = ⌊co / coG⌋ the group of co, cG = cIn / groups, coG = cOut / groups.
 * The innermost loops run over ow between the first and last in-bounds column, so they carry no
 * bounds test.
 */
import { checkDtypes, checkRange, convSizes } from '../check.js';
import type {
  Conv2dArgs,
  Conv2dBackwardInputArgs,
  Conv2dBackwardWeightArgs,
  Conv2dGeometry,
} from '../types.js';

/** Output columns [lo, hi) whose input column ow·strideW − padLeft + j·dilationW is inside 0 … w-1. */
export function validColumns(g: Conv2dGeometry, j: number): [number, number] {
  const off = j * g.dilationW - g.padLeft;
  const lo = off >= 0 ? 0 : Math.ceil(-off / g.strideW);
  const hi = off >= g.w ? 0 : Math.min(g.outW, Math.floor((g.w - 1 - off) / g.strideW) + 1);
  return [lo, Math.max(lo, hi)];
}

/** Forward convolution; see {@link Conv2dArgs}. */
export function conv2d(p: Conv2dArgs): void {
  const g = p.geom;
  const sz = convSizes(g);
  checkDtypes('conv2d', [p.x, p.w, p.y, p.bias]);
  checkRange('conv2d', 'x', p.x, p.xOffset, sz.x);
  checkRange('conv2d', 'w', p.w, p.wOffset, sz.w);
  checkRange('conv2d', 'y', p.y, p.yOffset, sz.y);
  if (p.bias) checkRange('conv2d', 'bias', p.bias, p.biasOffset ?? 0, g.cOut);
  const { x, w, y, bias } = p;
  const cG = g.cIn / g.groups;
  const coG = g.cOut / g.groups;
  const P = g.outH * g.outW;
  for (let b = 0; b < g.n; b++) {
    for (let co = 0; co < g.cOut; co++) {
      const yPlane = p.yOffset + (b * g.cOut + co) * P;
      y.fill(bias ? bias[(p.biasOffset ?? 0) + co]! : 0, yPlane, yPlane + P);
      const c0 = Math.floor(co / coG) * cG;
      for (let c = 0; c < cG; c++) {
        const xPlane = p.xOffset + (b * g.cIn + c0 + c) * g.h * g.w;
        for (let i = 0; i < g.kh; i++) {
          for (let j = 0; j < g.kw; j++) {
            const wv = w[p.wOffset + ((co * cG + c) * g.kh + i) * g.kw + j]!;
            const [lo, hi] = validColumns(g, j);
            for (let oh = 0; oh < g.outH; oh++) {
              const ih = oh * g.strideH - g.padTop + i * g.dilationH;
              if (ih < 0 || ih >= g.h) continue;
              const xRow = xPlane + ih * g.w + j * g.dilationW - g.padLeft;
              const yRow = yPlane + oh * g.outW;
              for (let ow = lo; ow < hi; ow++) y[yRow + ow] += wv * x[xRow + ow * g.strideW]!;
            }
          }
        }
      }
    }
  }
}

/** Gradient of the input (dx is overwritten); see {@link Conv2dBackwardInputArgs}. */
export function conv2dBackwardInput(p: Conv2dBackwardInputArgs): void {
  const g = p.geom;
  const sz = convSizes(g);
  checkDtypes('conv2dBackwardInput', [p.dy, p.w, p.dx]);
  checkRange('conv2dBackwardInput', 'dy', p.dy, p.dyOffset, sz.y);
  checkRange('conv2dBackwardInput', 'w', p.w, p.wOffset, sz.w);
  checkRange('conv2dBackwardInput', 'dx', p.dx, p.dxOffset, sz.x);
  const { dy, w, dx } = p;
  const cG = g.cIn / g.groups;
  const coG = g.cOut / g.groups;
  const P = g.outH * g.outW;
  dx.fill(0, p.dxOffset, p.dxOffset + sz.x);
  for (let b = 0; b < g.n; b++) {
    for (let co = 0; co < g.cOut; co++) {
      const dyPlane = p.dyOffset + (b * g.cOut + co) * P;
      const c0 = Math.floor(co / coG) * cG;
      for (let c = 0; c < cG; c++) {
        const dxPlane = p.dxOffset + (b * g.cIn + c0 + c) * g.h * g.w;
        for (let i = 0; i < g.kh; i++) {
          for (let j = 0; j < g.kw; j++) {
            const wv = w[p.wOffset + ((co * cG + c) * g.kh + i) * g.kw + j]!;
            const [lo, hi] = validColumns(g, j);
            for (let oh = 0; oh < g.outH; oh++) {
              const ih = oh * g.strideH - g.padTop + i * g.dilationH;
              if (ih < 0 || ih >= g.h) continue;
              const dxRow = dxPlane + ih * g.w + j * g.dilationW - g.padLeft;
              const dyRow = dyPlane + oh * g.outW;
              for (let ow = lo; ow < hi; ow++) dx[dxRow + ow * g.strideW] += wv * dy[dyRow + ow]!;
            }
          }
        }
      }
    }
  }
}

/** Gradients of the weight and bias (dw, db overwritten); see {@link Conv2dBackwardWeightArgs}. */
export function conv2dBackwardWeight(p: Conv2dBackwardWeightArgs): void {
  const g = p.geom;
  const sz = convSizes(g);
  checkDtypes('conv2dBackwardWeight', [p.x, p.dy, p.dw, p.db]);
  checkRange('conv2dBackwardWeight', 'x', p.x, p.xOffset, sz.x);
  checkRange('conv2dBackwardWeight', 'dy', p.dy, p.dyOffset, sz.y);
  checkRange('conv2dBackwardWeight', 'dw', p.dw, p.dwOffset, sz.w);
  if (p.db) checkRange('conv2dBackwardWeight', 'db', p.db, p.dbOffset ?? 0, g.cOut);
  const { x, dy, dw, db } = p;
  const cG = g.cIn / g.groups;
  const coG = g.cOut / g.groups;
  const P = g.outH * g.outW;
  for (let co = 0; co < g.cOut; co++) {
    const c0 = Math.floor(co / coG) * cG;
    for (let c = 0; c < cG; c++) {
      for (let i = 0; i < g.kh; i++) {
        for (let j = 0; j < g.kw; j++) {
          const [lo, hi] = validColumns(g, j);
          let sum = 0;
          for (let b = 0; b < g.n; b++) {
            const xPlane = p.xOffset + (b * g.cIn + c0 + c) * g.h * g.w;
            const dyPlane = p.dyOffset + (b * g.cOut + co) * P;
            for (let oh = 0; oh < g.outH; oh++) {
              const ih = oh * g.strideH - g.padTop + i * g.dilationH;
              if (ih < 0 || ih >= g.h) continue;
              const xRow = xPlane + ih * g.w + j * g.dilationW - g.padLeft;
              const dyRow = dyPlane + oh * g.outW;
              for (let ow = lo; ow < hi; ow++) sum += dy[dyRow + ow]! * x[xRow + ow * g.strideW]!;
            }
          }
          dw[p.dwOffset + ((co * cG + c) * g.kh + i) * g.kw + j] = sum;
        }
      }
    }
    if (db) {
      let sum = 0;
      for (let b = 0; b < g.n; b++) {
        const dyPlane = p.dyOffset + (b * g.cOut + co) * P;
        for (let q = 0; q < P; q++) sum += dy[dyPlane + q]!;
      }
      db[(p.dbOffset ?? 0) + co] = sum;
    }
  }
}
