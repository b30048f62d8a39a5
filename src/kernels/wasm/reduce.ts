/**
 * Sum, max and min reductions on the wasm backend (see as/reduce.ts).
 *
 * `wasmReduce` has the signature and the results of the js `reduceStrided`, to the last bit: it
 * takes NumPy's iteration order and summation blocks from the js reference's own planning
 * functions and runs the same additions in wasm. It runs in wasm for sums of a Float32Array in
 * float32 arithmetic or a Float64Array in float64 arithmetic, and for max / min of either, with
 * at least `reduceTuning.minElements` elements; every other call (prod, all, any, count, other
 * dtypes, small inputs) runs the js reference.
 */
import type { NumArray } from '../js/copy.js';
import { reduceLayout, reduceStrided, sumBlocks, type ReduceKind, type ReduceResult } from '../js/reduce.js';
import type { FloatArray } from '../types.js';
import { MAX_DIMS, spanOf } from './elementwise.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Thresholds, measured on the 2-core reference machine (README.md). Reductions are bound by the
 * copy of their input into the heap, which costs ≈ 3 times more into the shared memory a threaded
 * call needs, so by default they stay on one thread (on the unshared heap).
 */
export const reduceTuning = {
  /** Reductions of fewer elements run the js reference (≈ twice the measured crossover). */
  minElements: 2048,
  /** Below this many elements a reduction stays on the calling thread. */
  minParallelElements: Infinity,
  /** Smallest task handed to a thread (elements read). */
  taskElements: 1 << 15,
};

const KINDS: Partial<Record<ReduceKind, number>> = { sum: 0, max: 1, min: 2 };
/** Per-thread scratch: two 64-dim odometers, then the gather buffer. */
const SCRATCH_FIXED = 512;
const TASKS_PER_THREAD = 4;

/** {@link reduceStrided} on the wasm backend (same signature and results). */
export function wasmReduce(
  rt: WasmRuntime,
  kind: ReduceKind,
  float32: boolean,
  cast: boolean,
  shape: readonly number[],
  src: NumArray,
  sOff: number,
  sStr: readonly number[],
  reduced: readonly boolean[],
  init: number,
): ReduceResult {
  let size = 1;
  for (const d of shape) size *= d;
  // sums need the arithmetic of the input's dtype; max and min compare exactly in either
  const f32 = src instanceof Float32Array;
  const f64 = src instanceof Float64Array;
  const S = kind === 'sum' ? (float32 ? (f32 ? 4 : 0) : f64 ? 8 : 0) : f32 ? 4 : f64 ? 8 : 0;
  const code = KINDS[kind];
  if (
    code === undefined ||
    S === 0 ||
    size === 0 ||
    size < reduceTuning.minElements ||
    shape.length > MAX_DIMS ||
    // a float32 accumulator must be able to hold the starting value
    (S === 4 && Math.fround(init) !== init && init === init)
  ) {
    return reduceStrided(kind, float32, cast, shape, src, sOff, sStr, reduced, init);
  }
  const [lo, hi] = spanOf(sOff, shape, sStr);
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi >= src.length)
    return reduceStrided(kind, float32, cast, shape, src, sOff, sStr, reduced, init);

  const { accStrides, outSize, N, SI, SO } = reduceLayout(shape, sStr, reduced);
  const nd = N.length;
  const mode = kind === 'sum' && SO[0] === 0 ? 1 : 0;
  const blocks = mode === 1 ? sumBlocks(cast, N, SI, SO) : { callDims: 1, block: 0, chunk: 1 };
  // threads split the outermost kept dim outside the blocks
  let taskDim = -1;
  for (let d = nd - 1; d >= (mode === 1 ? blocks.callDims : 0); d--) {
    if (SO[d] !== 0 && N[d] > 1) {
      taskDim = d;
      break;
    }
  }
  let threads = size >= reduceTuning.minParallelElements && taskDim >= 0 ? rt.activeThreads() : 1;
  let per = 1;
  if (taskDim >= 0) {
    const len = N[taskDim]!;
    const work = size / len;
    per = Math.max(
      Math.ceil(len / (threads * TASKS_PER_THREAD)),
      Math.ceil(reduceTuning.taskElements / work),
    );
    if (taskDim === 0) per = Math.ceil(per / 16) * 16;
    if (threads === 1) per = len;
    threads = Math.min(threads, Math.ceil(len / per));
  }

  const h = rt.heapFor(threads);
  h.reset();
  const x = h.copyIn(src as FloatArray, lo, hi - lo + 1) + (sOff - lo) * S;
  const acc = h.alloc(outSize * S);
  const view = S === 4 ? h.f32 : h.f64;
  view.fill(init, acc / S, acc / S + outSize);
  const dims = h.alloc(nd * 12);
  for (let d = 0; d < nd; d++) h.i32.set([N[d]!, SI[d]!, SO[d]!], (dims >> 2) + 3 * d);
  const gather = mode === 1 && blocks.callDims > 1 ? Math.min(blocks.chunk, blocks.block) * S : 0;
  const scratchBytes = Math.ceil((SCRATCH_FIXED + gather) / 64) * 64;
  const scratch = h.alloc(threads * scratchBytes);
  const args = h.record([
    0,
    code,
    nd,
    mode,
    blocks.callDims,
    blocks.block,
    blocks.chunk,
    x,
    acc,
    taskDim,
    per,
    dims,
    scratch,
    scratchBytes,
  ]);
  h.run(S === 4 ? 'reduceF32' : 'reduceF64', args, threads);
  const out = new Float64Array(outSize);
  const v = S === 4 ? h.f32 : h.f64; // the memory may have grown: take the views again
  out.set(v.subarray(acc / S, acc / S + outSize));
  return { acc: out, accStrides };
}
