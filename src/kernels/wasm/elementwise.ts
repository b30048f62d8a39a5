/**
 * Elementwise binary and unary ops and strided copy on the wasm backend (see as/elementwise.ts).
 *
 * Each function has the js loop's signature and semantics and hands a call to wasm only when it
 * can and it pays: a dedicated op (not a JS function), every array a Float32Array or every array
 * a Float64Array, and at least `elementwiseTuning.minElements[op]` elements (below that, copying
 * the spans into the heap and back costs more than the js loop saves; see README.md for the
 * measurements). Everything else runs the js loop, so callers may call these for any arrays.
 *
 * A call copies the span of every input (the elements between its lowest and highest offset) into
 * the arena, runs, and copies the output's span back. An output span with gaps (a strided `out`)
 * is copied in first, so the gaps keep their values.
 */
import { coalesce, stridedCopy as jsCopy, type NumArray } from '../js/copy.js';
import {
  binary as jsBinary,
  unary as jsUnary,
  type BinaryFn,
  type FastBinary,
  type FastUnary,
  type UnaryFn,
} from '../js/elementwise.js';
import type { FloatArray } from '../types.js';
import type { Heap, KernelName, WasmRuntime } from './runtime.js';

/** The ops with a wasm loop: the dedicated binary and unary ops, and strided copy. */
export type ElementwiseOp = FastBinary | FastUnary | 'copy';

/**
 * When a call runs in wasm, per op. Measured on the 2-core reference machine (README.md):
 * `minElements` is about twice the crossover of the js loop and a wasm call including its copies;
 * `minParallelElements` is where a call is split over the worker threads. Memory-bound ops never
 * are: a threaded call must stage its operands in the shared memory, whose copies cost ≈ 3 times
 * more, and the copies are what these ops spend their time on.
 */
export const elementwiseTuning = {
  minElements: {
    add: 2048,
    sub: 2048,
    mul: 2048,
    div: 2048,
    max: 2048,
    min: 2048,
    neg: 2048,
    abs: 2048,
    sqrt: 2048,
    exp: 512,
    sigmoid: 512,
    tanh: 2048,
    log: 16384,
    copy: 2048,
  } as Record<ElementwiseOp, number>,
  minParallelElements: {
    add: Infinity,
    sub: Infinity,
    mul: Infinity,
    div: Infinity,
    max: Infinity,
    min: Infinity,
    neg: Infinity,
    abs: Infinity,
    sqrt: Infinity,
    exp: 1 << 16,
    sigmoid: 1 << 16,
    tanh: 1 << 16,
    log: 1 << 16,
    copy: Infinity,
  } as Record<ElementwiseOp, number>,
  /** Smallest task handed to a thread. */
  taskElements: 1 << 14,
  /**
   * Large calls are staged in pieces of about this many elements (split along the outermost
   * dimension), so the copies in, the kernel and the copy out work on data in the L2 cache and
   * the heap stays small.
   */
  chunkElements: 1 << 15,
};

/** Op codes of as/elementwise.ts. */
const BINARY_OPS: Record<FastBinary, number> = { add: 0, sub: 1, mul: 2, div: 3, max: 4, min: 5 };
const UNARY_OPS: Record<FastUnary | 'copy', number> = {
  copy: 0,
  neg: 1,
  abs: 2,
  sqrt: 3,
  exp: 4,
  log: 5,
  tanh: 6,
  sigmoid: 7,
};

/** Per-thread scratch of as/elementwise.ts: a 64-dim odometer and three vectors. */
const SCRATCH_BYTES = 320;
/** Column block of a tiled walk (as/elementwise.ts TILE): inner chunks are multiples of it. */
const TILE = 64;
/** Tasks per thread to aim for, so a busy core simply takes fewer. */
const TASKS_PER_THREAD = 4;

/** 4 if every array is a Float32Array, 8 if every one is a Float64Array, else 0. */
export function floatSize(arrays: readonly NumArray[]): 0 | 4 | 8 {
  const first = arrays[0]!;
  const size = first instanceof Float32Array ? 4 : first instanceof Float64Array ? 8 : 0;
  if (size === 0) return 0;
  for (const a of arrays) if (a.constructor !== first.constructor) return 0;
  return size;
}

/** First and last element offset of a strided block (shape has no zero). */
export function spanOf(off: number, shape: readonly number[], strides: readonly number[]): [number, number] {
  let lo = off;
  let hi = off;
  for (let d = 0; d < shape.length; d++) {
    const e = (shape[d]! - 1) * strides[d]!;
    if (e < 0) lo += e;
    else hi += e;
  }
  return [lo, hi];
}

/** An operand's span, copied into the arena, and the byte pointer of its element `off`. */
function stageIn(
  rt: Heap,
  data: FloatArray,
  off: number,
  shape: readonly number[],
  strides: readonly number[],
): number {
  const [lo, hi] = spanOf(off, shape, strides);
  return rt.copyIn(data, lo, hi - lo + 1) + (off - lo) * data.BYTES_PER_ELEMENT;
}

/** The kernels' odometers hold this many dims (NumPy's limit too). */
export const MAX_DIMS = 64;

/**
 * Do all the spans lie inside their arrays, with at most {@link MAX_DIMS} dims? (Else the js
 * loop runs, and reads what it reads.)
 */
function inBounds(
  shape: readonly number[],
  ops: readonly { data: NumArray; off: number; strides: readonly number[] }[],
): boolean {
  if (shape.length > MAX_DIMS) return false;
  for (const { data, off, strides } of ops) {
    const [lo, hi] = spanOf(off, shape, strides);
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi >= data.length) return false;
  }
  return true;
}

interface Plan {
  rows: number;
  rowsPerTask: number;
  innerPerTask: number;
  chunks: number;
  threads: number;
}

/** Splits `rows` rows of `n` elements into tasks for up to `threads` threads. */
function taskPlan(rt: Heap, rows: number, n: number, parallel: boolean): Plan {
  const size = rows * n;
  const threads = parallel ? rt.activeThreads() : 1;
  if (threads <= 1) return { rows, rowsPerTask: rows, innerPerTask: n, chunks: 1, threads: 1 };
  const per = Math.max(elementwiseTuning.taskElements, Math.ceil(size / (threads * TASKS_PER_THREAD)));
  if (n >= per) {
    const innerPerTask = Math.ceil(per / TILE) * TILE;
    const chunks = Math.ceil(n / innerPerTask);
    return { rows, rowsPerTask: 1, innerPerTask, chunks, threads: Math.min(threads, rows * chunks) };
  }
  const rowsPerTask = Math.ceil(per / n);
  return {
    rows,
    rowsPerTask,
    innerPerTask: n,
    chunks: 1,
    threads: Math.min(threads, Math.ceil(rows / rowsPerTask)),
  };
}

/**
 * Runs one elementwise kernel over merged dims `sh` with per-operand strides `st` (a, b, out; b
 * unused for unary kernels) on already staged pointers.
 */
function runElementwise(
  rt: Heap,
  kernel: KernelName,
  op: number,
  sh: readonly number[],
  st: readonly (readonly number[])[],
  ptrs: readonly [number, number, number],
  parallel: boolean,
): void {
  const nd = Math.max(1, sh.length);
  const dims = rt.alloc(nd * 16);
  const i32 = rt.i32;
  if (sh.length === 0) i32.set([1, 0, 0, 0], dims >> 2);
  for (let d = 0; d < sh.length; d++) {
    const q = (dims >> 2) + 4 * d;
    i32[q] = sh[d]!;
    i32[q + 1] = st[0]![d]!;
    i32[q + 2] = st[1]![d]!;
    i32[q + 3] = st[2]![d]!;
  }
  const n = sh.length === 0 ? 1 : sh[nd - 1]!;
  let rows = 1;
  for (let d = 0; d < nd - 1; d++) rows *= sh[d]!;
  const inner = (s: number): boolean => s !== 0 && s !== 1;
  const tiled = nd >= 2 && (inner(st[0]![nd - 1]!) || inner(st[1]![nd - 1]!) || inner(st[2]![nd - 1]!));
  const plan = taskPlan(rt, rows, n, parallel);
  const scratch = rt.alloc(plan.threads * SCRATCH_BYTES);
  const args = rt.record([
    0,
    op,
    nd,
    ptrs[0],
    ptrs[1],
    ptrs[2],
    dims,
    plan.rows,
    plan.rowsPerTask,
    plan.innerPerTask,
    plan.chunks,
    tiled ? 1 : 0,
    scratch,
    SCRATCH_BYTES,
  ]);
  rt.run(kernel, args, plan.threads);
}

function count(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Rows of the outermost (merged) dimension per piece when a call of `size` elements is staged in
 * pieces, or 0 to stage it whole: only when every operand walks that dimension with its largest
 * stride (or 0), so the pieces' spans do not overlap.
 */
function chunkRows(sh: readonly number[], st: readonly (readonly number[])[], size: number): number {
  const { chunkElements } = elementwiseTuning;
  if (sh.length === 0 || size <= 2 * chunkElements) return 0;
  const rowSize = size / sh[0]!;
  const rows = Math.max(1, Math.floor(chunkElements / rowSize));
  if (rows * 2 > sh[0]!) return 0;
  for (const s of st) {
    let inner = 0;
    for (let d = 1; d < sh.length; d++) inner += (sh[d]! - 1) * Math.abs(s[d]!);
    if (s[0] !== 0 && Math.abs(s[0]!) <= inner) return 0;
  }
  return rows;
}

/** {@link jsBinary} on the wasm backend (same signature and results). */
export function wasmBinary(
  rt: WasmRuntime,
  op: FastBinary | BinaryFn,
  shape: readonly number[],
  a: NumArray,
  aOff: number,
  aStr: readonly number[],
  b: NumArray,
  bOff: number,
  bStr: readonly number[],
  out: NumArray,
  oOff: number,
  oStr: readonly number[],
): void {
  const size = count(shape);
  const S =
    typeof op === 'string' && size > 0 && size >= elementwiseTuning.minElements[op]
      ? floatSize([a, b, out])
      : 0;
  if (
    S === 0 ||
    !inBounds(shape, [
      { data: a, off: aOff, strides: aStr },
      { data: b, off: bOff, strides: bStr },
      { data: out, off: oOff, strides: oStr },
    ])
  ) {
    jsBinary(op, shape, a, aOff, aStr, b, bOff, bStr, out, oOff, oStr);
    return;
  }
  const [sh, st] = coalesce(shape, [aStr, bStr, oStr]);
  const code = BINARY_OPS[op as FastBinary];
  const parallel = size >= elementwiseTuning.minParallelElements[op as FastBinary];
  const rows = chunkRows(sh, st, size);
  if (rows === 0) {
    binaryPiece(
      rt,
      code,
      S,
      size,
      sh,
      st,
      a as FloatArray,
      aOff,
      b as FloatArray,
      bOff,
      out as FloatArray,
      oOff,
      parallel,
    );
    return;
  }
  const piece = [0, ...sh.slice(1)];
  for (let r = 0; r < sh[0]!; r += rows) {
    piece[0] = Math.min(rows, sh[0]! - r);
    const [ra, rb, ro] = [r * st[0]![0]!, r * st[1]![0]!, r * st[2]![0]!];
    const n = (size / sh[0]!) * piece[0];
    binaryPiece(
      rt,
      code,
      S,
      n,
      piece,
      st,
      a as FloatArray,
      aOff + ra,
      b as FloatArray,
      bOff + rb,
      out as FloatArray,
      oOff + ro,
      parallel,
    );
  }
}

/** Stages one binary call (or piece of one) in the arena, runs it and copies the result out. */
function binaryPiece(
  rt: WasmRuntime,
  code: number,
  S: 4 | 8,
  size: number,
  sh: readonly number[],
  st: readonly (readonly number[])[],
  a: FloatArray,
  aOff: number,
  b: FloatArray,
  bOff: number,
  o: FloatArray,
  oOff: number,
  parallel: boolean,
): void {
  const h = rt.heapFor(parallel ? rt.activeThreads() : 1);
  h.reset();
  const pa = stageIn(h, a, aOff, sh, st[0]!);
  const pb = stageIn(h, b, bOff, sh, st[1]!);
  const [lo, hi] = spanOf(oOff, sh, st[2]!);
  const po = hi - lo + 1 === size ? h.alloc(size * S) : h.copyIn(o, lo, hi - lo + 1);
  runElementwise(
    h,
    S === 4 ? 'binaryF32' : 'binaryF64',
    code,
    sh,
    st,
    [pa, pb, po + (oOff - lo) * S],
    parallel,
  );
  h.copyOut(po, o, lo, hi - lo + 1);
}

/** Shared by unary ops and copy: `op` is a UNARY_OPS name. */
function unaryCall(
  rt: WasmRuntime,
  op: FastUnary | 'copy',
  S: 4 | 8,
  size: number,
  shape: readonly number[],
  a: FloatArray,
  aOff: number,
  aStr: readonly number[],
  out: FloatArray,
  oOff: number,
  oStr: readonly number[],
): void {
  const [sh, st] = coalesce(shape, [aStr, oStr]);
  const parallel = size >= elementwiseTuning.minParallelElements[op];
  const rows = chunkRows(sh, st, size);
  if (rows === 0) {
    unaryPiece(rt, UNARY_OPS[op], S, size, sh, st, a, aOff, out, oOff, parallel);
    return;
  }
  const piece = [0, ...sh.slice(1)];
  for (let r = 0; r < sh[0]!; r += rows) {
    piece[0] = Math.min(rows, sh[0]! - r);
    const n = (size / sh[0]!) * piece[0];
    unaryPiece(
      rt,
      UNARY_OPS[op],
      S,
      n,
      piece,
      st,
      a,
      aOff + r * st[0]![0]!,
      out,
      oOff + r * st[1]![0]!,
      parallel,
    );
  }
}

/** Stages one unary call (or piece of one) in the arena, runs it and copies the result out. */
function unaryPiece(
  rt: WasmRuntime,
  code: number,
  S: 4 | 8,
  size: number,
  sh: readonly number[],
  st: readonly (readonly number[])[],
  a: FloatArray,
  aOff: number,
  out: FloatArray,
  oOff: number,
  parallel: boolean,
): void {
  const h = rt.heapFor(parallel ? rt.activeThreads() : 1);
  h.reset();
  const pa = stageIn(h, a, aOff, sh, st[0]!);
  const [lo, hi] = spanOf(oOff, sh, st[1]!);
  const po = hi - lo + 1 === size ? h.alloc(size * S) : h.copyIn(out, lo, hi - lo + 1);
  runElementwise(
    h,
    S === 4 ? 'unaryF32' : 'unaryF64',
    code,
    sh,
    [st[0]!, st[0]!.map(() => 0), st[1]!],
    [pa, 0, po + (oOff - lo) * S],
    parallel,
  );
  h.copyOut(po, out, lo, hi - lo + 1);
}

/** {@link jsUnary} on the wasm backend (same signature and results). */
export function wasmUnary(
  rt: WasmRuntime,
  f: FastUnary | UnaryFn,
  shape: readonly number[],
  a: NumArray,
  aOff: number,
  aStr: readonly number[],
  out: NumArray,
  oOff: number,
  oStr: readonly number[],
): void {
  const size = count(shape);
  const S =
    typeof f === 'string' && size > 0 && size >= elementwiseTuning.minElements[f] ? floatSize([a, out]) : 0;
  if (
    S === 0 ||
    !inBounds(shape, [
      { data: a, off: aOff, strides: aStr },
      { data: out, off: oOff, strides: oStr },
    ])
  ) {
    jsUnary(f, shape, a, aOff, aStr, out, oOff, oStr);
    return;
  }
  unaryCall(rt, f as FastUnary, S, size, shape, a as FloatArray, aOff, aStr, out as FloatArray, oOff, oStr);
}

/**
 * {@link jsCopy} on the wasm backend (same signature and results): float copies of the same dtype
 * that are not one contiguous run (the js `set` is already a memcpy) run in wasm.
 */
export function wasmCopy(
  rt: WasmRuntime,
  shape: readonly number[],
  src: NumArray,
  sOff: number,
  sStr: readonly number[],
  dst: NumArray,
  dOff: number,
  dStr: readonly number[],
): void {
  const size = count(shape);
  const S = size > 0 && size >= elementwiseTuning.minElements.copy ? floatSize([src, dst]) : 0;
  if (S !== 0) {
    const [sh, [ss, ds]] = coalesce(shape, [sStr, dStr]);
    const oneRun = sh.length === 1 && ss![0] === 1 && ds![0] === 1;
    if (
      !oneRun &&
      inBounds(shape, [
        { data: src, off: sOff, strides: sStr },
        { data: dst, off: dOff, strides: dStr },
      ])
    ) {
      unaryCall(rt, 'copy', S, size, shape, src as FloatArray, sOff, sStr, dst as FloatArray, dOff, dStr);
      return;
    }
  }
  jsCopy(shape, src, sOff, sStr, dst, dOff, dStr);
}
