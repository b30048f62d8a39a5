/**
 * Softmax and log-softmax on the wasm backend (see as/softmax.ts): rows are gathered into the
 * arena contiguously, processed in blocks across threads, and scattered back.
 */
import { checkDtypes, checkRange, span } from '../check.js';
import type { SoftmaxArgs } from '../types.js';
import type { WasmRuntime } from './runtime.js';

/** Below this many elements a softmax stays on the calling thread. */
const MIN_PARALLEL_ELEMENTS = 1 << 16;

/** Softmax (`log` false) or log-softmax (`log` true) along the last axis. */
export function wasmSoftmax(rt: WasmRuntime, p: SoftmaxArgs, log: boolean): void {
  const { rows, cols } = p;
  const op = log ? 'logSoftmax' : 'softmax';
  checkDtypes(op, [p.x, p.y]);
  checkRange(op, 'x', p.x, p.xOffset, span([rows, cols], [p.xRowStride, 1]));
  checkRange(op, 'y', p.y, p.yOffset, span([rows, cols], [p.yRowStride, 1]));
  if (rows === 0 || cols === 0) return;
  const f64 = p.x instanceof Float64Array;
  const S = f64 ? 8 : 4;
  const total = rows * cols;
  rt.reset();
  const x = rt.alloc(total * S);
  const y = rt.alloc(total * S);
  const view = rt.view(p.x);
  if (p.xRowStride === cols) {
    view.set(p.x.subarray(p.xOffset, p.xOffset + total), x / S);
  } else {
    for (let r = 0; r < rows; r++) {
      const at = p.xOffset + r * p.xRowStride;
      view.set(p.x.subarray(at, at + cols), x / S + r * cols);
    }
  }
  const perTask = Math.max(1, Math.ceil(4096 / cols));
  const threads = total < MIN_PARALLEL_ELEMENTS ? 1 : Math.min(rt.activeThreads(), Math.ceil(rows / perTask));
  rt.run(f64 ? 'softmaxF64' : 'softmaxF32', rt.record([0, rows, cols, x, y, log ? 1 : 0, perTask]), threads);
  if (p.yRowStride === cols) {
    rt.copyOut(y, p.y, p.yOffset, total);
  } else {
    for (let r = 0; r < rows; r++) rt.copyOut(y + r * cols * S, p.y, p.yOffset + r * p.yRowStride, cols);
  }
}
