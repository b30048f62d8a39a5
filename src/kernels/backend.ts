/**
 * The Backend interface and the registry that picks one.
 *
 * Two backends implement the same kernels: `js` (readable reference loops, the definition of
 * correct) and `wasm` (SIMD, multi-threaded, built from src/kernels/wasm/as). `wasm` is the
 * default wherever it loads; if it cannot (missing build, no SIMD, …) the registry prints one
 * line and every call uses `js`.
 *
 * Loading: on Node (≥ 20.16) the wasm module loads synchronously on the first `getBackend()`, so
 * scripts need no setup. In browsers loading is asynchronous: `getBackend()` starts it and returns
 * `js` until it is done; `await ready()` before heavy work to get `wasm` from the first call.
 * Worker threads start in the background either way and join kernels once they are up;
 * `await ready()` also waits for them.
 */
import type {
  Conv2dArgs,
  Conv2dBackwardInputArgs,
  Conv2dBackwardWeightArgs,
  GemmArgs,
  Pool2dArgs,
  Pool2dBackwardArgs,
  SoftmaxArgs,
  AdamArgs,
} from './types.js';
import type { stridedCopy } from './js/copy.js';
import type { binary, unary } from './js/elementwise.js';
import type { reduceStrided } from './js/reduce.js';
import { jsBackend } from './js/backend.js';
import { createWasmBackend } from './wasm/backend.js';
import { hardwareThreads, nodeBuiltins } from './wasm/env.js';
import { loadWasm, loadWasmSync, type WasmRuntime } from './wasm/runtime.js';

/** Names accepted by {@link setBackend}. */
export type BackendName = 'js' | 'wasm';

/**
 * The compute kernels. Every kernel works on typed arrays plus shape, stride and offset numbers
 * (see ./types.ts for the argument records), writes only its output arrays and returns nothing.
 * Both backends pass the same spec (test/kernels/) within float rounding.
 *
 * nd's loops are members too (issue 3, phase 2): `binary`, `unary`, `reduce` and `copy` have the
 * signatures of the js reference functions in ./js/{elementwise,reduce,copy}.ts and accept
 * everything those accept (any typed arrays, function ops). A backend runs the cases it is faster
 * at (wasm: float32/float64 arrays of one dtype, dedicated ops, large enough to pay for copying
 * into its heap) and hands the rest to the js loops, so callers simply write
 * `getBackend().binary(…)`. Their results equal the js loops' bit for bit (see README.md).
 */
export interface Backend {
  readonly name: BackendName;
  /** `C = alpha · op(A) · op(B) + beta · C + bias`, batched, any transposes. */
  gemm(args: GemmArgs): void;
  /** NCHW convolution with stride, padding, dilation and groups: `y = x ⋆ w + bias`. */
  conv2d(args: Conv2dArgs): void;
  /** `dx` of {@link Backend.conv2d} given `dy` (overwrites dx). */
  conv2dBackwardInput(args: Conv2dBackwardInputArgs): void;
  /** `dw` and optionally `db` of {@link Backend.conv2d} given `x` and `dy` (overwrites them). */
  conv2dBackwardWeight(args: Conv2dBackwardWeightArgs): void;
  /** Max pooling; the first maximum of each window wins. */
  maxPool2d(args: Pool2dArgs): void;
  /** Routes each `dy` to the first arg-max of its window in `x` (overwrites dx). */
  maxPool2dBackward(args: Pool2dBackwardArgs): void;
  /** Average pooling. */
  avgPool2d(args: Pool2dArgs): void;
  /** Spreads each `dy` evenly over its window (overwrites dx). */
  avgPool2dBackward(args: Pool2dBackwardArgs): void;
  /** Softmax along the last axis. */
  softmax(args: SoftmaxArgs): void;
  /** Log-softmax along the last axis. */
  logSoftmax(args: SoftmaxArgs): void;
  /**
   * `out = a ∘ b` over a broadcast shape (broadcast dims have stride 0), strides and offsets in
   * elements; `op` is a dedicated operator (`'add'`, `'sub'`, `'mul'`, `'div'`, `'max'`, `'min'`)
   * or a function of two numbers.
   */
  binary: typeof binary;
  /** `out = f(a)`: `'exp'`, `'log'`, `'sqrt'`, `'tanh'`, `'abs'`, `'neg'`, `'sigmoid'` or a function. */
  unary: typeof unary;
  /**
   * Reduction over the flagged axes in NumPy's iteration order (float sums: NumPy's pairwise
   * summation, bit-equal to NumPy); returns float64 accumulators and their strides.
   */
  reduce: typeof reduceStrided;
  /** Strided copy between typed arrays (with the typed arrays' own conversion). */
  copy: typeof stridedCopy;
  /** One Adam update of contiguous parameters and their state, in place (src/optim's fast path). */
  adam(args: AdamArgs): void;
}

type WasmState =
  | { status: 'idle' }
  | { status: 'loading'; promise: Promise<void> }
  | { status: 'ready'; runtime: WasmRuntime; backend: Backend }
  | { status: 'failed'; reason: string };

/** The only mutable state of this floor: the choice of backend and of thread count. */
const registry: { preferred: BackendName; threads: number | null; wasm: WasmState; warned: boolean } = {
  preferred: 'wasm',
  threads: null,
  wasm: { status: 'idle' },
  warned: false,
};

/** Default thread count: the host's logical cores, at most 8. */
function defaultThreads(): number {
  return Math.min(8, hardwareThreads());
}

function adopt(runtime: WasmRuntime): void {
  runtime.setThreads(registry.threads ?? defaultThreads());
  registry.wasm = { status: 'ready', runtime, backend: createWasmBackend(runtime) };
}

function fail(err: unknown): void {
  const reason = err instanceof Error ? err.message : String(err);
  registry.wasm = { status: 'failed', reason };
  if (!registry.warned) {
    registry.warned = true;
    console.warn(`mlseries: the wasm backend could not load (${reason}); using the js backend.`);
  }
}

/** Starts loading wasm if nobody has; synchronously where the host allows it. */
function startWasm(): void {
  if (registry.wasm.status !== 'idle') return;
  if (nodeBuiltins()) {
    try {
      adopt(loadWasmSync());
    } catch (err) {
      fail(err);
    }
    return;
  }
  const promise = loadWasm().then(adopt, fail);
  registry.wasm = { status: 'loading', promise };
}

/**
 * The backend kernels run on now: `wasm` when it is chosen and loaded, otherwise `js`. Never
 * blocks; see the file comment for when wasm becomes available.
 */
export function getBackend(): Backend {
  if (registry.preferred === 'js') return jsBackend;
  startWasm();
  return registry.wasm.status === 'ready' ? registry.wasm.backend : jsBackend;
}

/**
 * Chooses the backend for all later kernel calls. `'wasm'` falls back to `'js'` (with a one-line
 * message) when the module cannot load; in browsers it applies once {@link ready} resolves.
 */
export function setBackend(name: BackendName): void {
  if (name !== 'js' && name !== 'wasm')
    throw new RangeError(`setBackend: expected 'js' or 'wasm', got ${String(name)}`);
  registry.preferred = name;
  if (name === 'wasm') startWasm();
}

/**
 * Resolves with the backend once loading has settled: wasm is loaded (and its worker threads are
 * up) or has failed. Calling it is optional on Node and recommended in browsers.
 */
export async function ready(): Promise<Backend> {
  if (registry.preferred === 'wasm') {
    startWasm();
    if (registry.wasm.status === 'loading') await registry.wasm.promise;
    if (registry.wasm.status === 'ready') await registry.wasm.runtime.whenReady();
  }
  return getBackend();
}

/**
 * Sets how many threads a wasm kernel may use (the calling thread counts as one); the default is
 * the number of logical cores, at most 8. Workers start in the background. The js backend always
 * runs on one thread.
 */
export function setThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new RangeError(`setThreads: expected an integer 1 … 64, got ${n}`);
  registry.threads = n;
  if (registry.wasm.status === 'ready') registry.wasm.runtime.setThreads(n);
}

/** The thread count set by {@link setThreads}, or its default. */
export function getThreads(): number {
  return registry.threads ?? defaultThreads();
}

/** A snapshot for diagnostics, lessons and benchmarks. */
export interface BackendInfo {
  name: BackendName;
  /** Threads requested ({@link getThreads}). */
  threads: number;
  /** Threads a wasm kernel would use right now (workers still starting do not count). */
  activeThreads: number;
  /** Bytes of wasm memory (grows to the largest call, never shrinks); 0 for js. */
  heapBytes: number;
  /** Why wasm is not in use, if it failed to load. */
  wasmError?: string;
}

/** Describes the backend {@link getBackend} would return. */
export function backendInfo(): BackendInfo {
  const backend = getBackend();
  const w = registry.wasm;
  const runtime = w.status === 'ready' ? w.runtime : null;
  return {
    name: backend.name,
    threads: getThreads(),
    activeThreads: backend.name === 'wasm' && runtime ? runtime.activeThreads() : 1,
    heapBytes: runtime ? runtime.heapBytes() : 0,
    ...(w.status === 'failed' ? { wasmError: w.reason } : {}),
  };
}

export { jsBackend };
