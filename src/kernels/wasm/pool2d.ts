/**
 * Pooling on the wasm backend (see as/pool2d.ts): planes spread over threads when large.
 */
import { checkDtypes, checkRange, poolSizes } from '../check.js';
import type { Pool2dArgs, Pool2dBackwardArgs, Pool2dGeometry } from '../types.js';
import type { WasmRuntime } from './runtime.js';

/** Below this many window reads a pooling stays on the calling thread. */
const MIN_PARALLEL_WORK = 1 << 18;
const PLANES_PER_TASK = 4;

function record(rt: WasmRuntime, g: Pool2dGeometry, mode: number, x: number, dy: number, dx: number): number {
  return rt.record([
    0,
    g.n * g.c,
    g.h,
    g.w,
    g.kh,
    g.kw,
    g.strideH,
    g.strideW,
    g.padTop,
    g.padLeft,
    g.outH,
    g.outW,
    mode,
    x,
    dy,
    dx,
    PLANES_PER_TASK,
  ]);
}

function threadsFor(rt: WasmRuntime, g: Pool2dGeometry): number {
  const work = g.n * g.c * g.outH * g.outW * g.kh * g.kw;
  return work < MIN_PARALLEL_WORK
    ? 1
    : Math.min(rt.activeThreads(), Math.ceil((g.n * g.c) / PLANES_PER_TASK));
}

/** Pooling forward; `kind` picks max or average. */
export function wasmPool2d(rt: WasmRuntime, p: Pool2dArgs, kind: 'max' | 'avg'): void {
  const g = p.geom;
  const sz = poolSizes(g);
  const op = `${kind}Pool2d`;
  checkDtypes(op, [p.x, p.y]);
  checkRange(op, 'x', p.x, p.xOffset, sz.x);
  checkRange(op, 'y', p.y, p.yOffset, sz.y);
  if (sz.y === 0) return;
  const f64 = p.x instanceof Float64Array;
  rt.reset();
  const x = rt.copyIn(p.x, p.xOffset, sz.x);
  const y = rt.alloc(sz.y * (f64 ? 8 : 4));
  const mode = kind === 'max' ? 0 : p.countIncludePad ? 1 : 2;
  rt.run(f64 ? 'pool2dF64' : 'pool2dF32', record(rt, g, mode, x, y, 0), threadsFor(rt, g));
  rt.copyOut(y, p.y, p.yOffset, sz.y);
}

/** Pooling backward; `kind` picks max (needs x) or average. */
export function wasmPool2dBackward(rt: WasmRuntime, p: Pool2dBackwardArgs, kind: 'max' | 'avg'): void {
  const g = p.geom;
  const sz = poolSizes(g);
  const op = `${kind}Pool2dBackward`;
  checkDtypes(op, [p.dy, p.dx, p.x]);
  if (kind === 'max') {
    if (!p.x) throw new TypeError('maxPool2dBackward: needs the forward input x');
    checkRange(op, 'x', p.x, p.xOffset ?? 0, sz.x);
  }
  checkRange(op, 'dy', p.dy, p.dyOffset, sz.y);
  checkRange(op, 'dx', p.dx, p.dxOffset, sz.x);
  if (sz.x === 0) return;
  const f64 = p.dy instanceof Float64Array;
  rt.reset();
  const x = kind === 'max' ? rt.copyIn(p.x!, p.xOffset ?? 0, sz.x) : 0;
  const dy = rt.copyIn(p.dy, p.dyOffset, sz.y);
  const dx = rt.alloc(sz.x * (f64 ? 8 : 4));
  const mode = kind === 'max' ? 0 : p.countIncludePad ? 1 : 2;
  rt.run(f64 ? 'pool2dBackwardF64' : 'pool2dBackwardF32', record(rt, g, mode, x, dy, dx), threadsFor(rt, g));
  rt.copyOut(dx, p.dx, p.dxOffset, sz.x);
}
