/**
 * The wasm runtime: loads build/wasm/kernels.wasm (built from src/kernels/wasm/as by
 * scripts/build-wasm.mjs), owns its memory, a bump arena on that memory and the worker pool.
 *
 * Memory: every kernel call resets the arena and takes its buffers (copies of the inputs, packed
 * panels, per-thread scratch, the output) from the heap start upward. The memory only ever grows,
 * to the largest call seen so far, so a training loop touches fresh pages during its first step
 * and never again (first touch of a page costs ≈ 14 µs here).
 *
 * Where the threaded module runs on a shared memory, a second instance of the single-threaded
 * module (kernels-st.wasm) on an unshared memory serves single-threaded elementwise ops and
 * reductions (`heapFor(1)`), because copies into a shared memory are ≈ 3 times slower.
 */
import { ThreadPool } from './threads.js';
import { hardwareThreads, isNode, nodeBuiltins, sharedMemoryAvailable } from './env.js';
import type { FloatArray } from '../types.js';

/** Export names of the kernels, in the order worker threads index them. */
export const KERNEL_NAMES = [
  'gemmPackF32',
  'gemmComputeF32',
  'gemmPackF64',
  'gemmComputeF64',
  'conv2dForwardF32',
  'conv2dForwardF64',
  'conv2dBackwardInputF32',
  'conv2dBackwardInputF64',
  'conv2dBackwardWeightF32',
  'conv2dBackwardWeightF64',
  'pool2dF32',
  'pool2dF64',
  'pool2dBackwardF32',
  'pool2dBackwardF64',
  'softmaxF32',
  'softmaxF64',
  'reduceSlicesF32',
  'reduceSlicesF64',
  'binaryF32',
  'binaryF64',
  'unaryF32',
  'unaryF64',
  'reduceF32',
  'reduceF64',
  'adamF32',
  'adamF64',
] as const;

/** One exported kernel. */
export type KernelName = (typeof KERNEL_NAMES)[number];
type KernelFn = (args: number, tid: number, nt: number) => void;

const PAGE = 65536;
const INITIAL_PAGES = 32;
/** Maximum sizes to try for the shared memory, largest first (a browser may refuse 4 GiB). */
const MAXIMUM_PAGES = [65536, 16384, 4096];
const ALIGN = 64;

/** Where the build puts the modules; `new URL(…, import.meta.url)` also lets bundlers find them. */
export const wasmUrls = {
  threaded: new URL('../../../build/wasm/kernels.wasm', import.meta.url),
  single: new URL('../../../build/wasm/kernels-st.wasm', import.meta.url),
};

/**
 * A bump arena on a wasm memory, with typed views over it: what the JS glue of a kernel needs to
 * copy operands in, write an argument record, run a kernel and copy the result out.
 */
export abstract class Heap {
  /** Views over the whole memory, renewed whenever it grows. */
  f32!: Float32Array;
  f64!: Float64Array;
  i32!: Int32Array;
  protected readonly fns: KernelFn[];
  private readonly base: number;
  private top: number;

  constructor(
    instance: WebAssembly.Instance,
    readonly memory: WebAssembly.Memory,
  ) {
    const exports = instance.exports as Record<string, unknown>;
    this.fns = KERNEL_NAMES.map((name) => {
      const fn = exports[name];
      if (typeof fn !== 'function')
        throw new Error(`the kernels module lacks the export ${name}; run npm run build:wasm`);
      return fn as KernelFn;
    });
    this.base = Math.ceil((exports.heapBase as () => number)() / ALIGN) * ALIGN;
    this.top = this.base;
    this.refreshViews();
  }

  /** Threads that would run a job now. */
  abstract activeThreads(): number;

  /**
   * Runs kernel `name` on record `args` with up to `tasks` threads (a job with fewer tasks than
   * threads does not wake the extra workers).
   */
  abstract run(name: KernelName, args: number, tasks: number): void;

  /** Bytes of this memory (grows, never shrinks). */
  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Empties the arena; every kernel call starts with this. */
  reset(): void {
    this.top = this.base;
  }

  /** Takes `bytes` from the arena (64-byte aligned), growing the memory if needed. */
  alloc(bytes: number): number {
    const p = Math.ceil(this.top / ALIGN) * ALIGN;
    this.top = p + bytes;
    if (this.top > this.memory.buffer.byteLength) this.growTo(this.top);
    return p;
  }

  /** Writes an argument record (float64 slots; slot 0 is the task counter) and returns it. */
  record(slots: readonly number[]): number {
    const p = this.alloc(slots.length * 8);
    this.f64.set(slots, p >> 3);
    this.i32[p >> 2] = 0;
    return p;
  }

  /** Copies `length` elements of `src` from `offset` into the arena; returns the byte pointer. */
  copyIn(src: FloatArray, offset: number, length: number): number {
    const size = src.BYTES_PER_ELEMENT;
    const p = this.alloc(Math.max(length, 1) * size);
    if (length > 0) this.view(src).set(src.subarray(offset, offset + length), p / size);
    return p;
  }

  /** Copies `length` elements at byte pointer `p` back into `dst` from `offset`. */
  copyOut(p: number, dst: FloatArray, offset: number, length: number): void {
    if (length === 0) return;
    const size = dst.BYTES_PER_ELEMENT;
    dst.set(this.view(dst).subarray(p / size, p / size + length), offset);
  }

  /** The memory view of the same dtype as `like`. */
  view<T extends FloatArray>(like: T): T {
    return (like instanceof Float32Array ? this.f32 : this.f64) as T;
  }

  private growTo(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    // Grow by at least a quarter of the current size so a slowly rising peak grows rarely.
    const want = Math.max(bytes, have + (have >> 2));
    const pages = Math.ceil((want - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      this.memory.grow(Math.ceil((bytes - have) / PAGE));
    }
    this.refreshViews();
  }

  private refreshViews(): void {
    const buffer = this.memory.buffer;
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }
}

/**
 * A second, single-threaded instance on an unshared memory (kernels-st.wasm). V8 copies into and
 * out of a shared memory with relaxed-atomic word copies, about 3 times slower than a plain
 * memcpy; elementwise ops and reductions are bound by those copies, so their single-threaded
 * calls run here.
 */
export class LocalHeap extends Heap {
  activeThreads(): number {
    return 1;
  }

  run(name: KernelName, args: number, _tasks: number): void {
    this.i32[args >> 2] = 0;
    this.fns[KERNEL_NAMES.indexOf(name)]!(args, 0, 1);
  }
}

/** A loaded kernels module with its memory, arena and threads. */
export class WasmRuntime extends Heap {
  private pool: ThreadPool | null = null;
  private threads = 1;
  /** The unshared single-threaded instance, when this one is threaded and it could load. */
  local: LocalHeap | null = null;

  constructor(
    readonly module: WebAssembly.Module,
    instance: WebAssembly.Instance,
    memory: WebAssembly.Memory,
    /** True when the memory is shared and worker threads can join. */
    readonly threaded: boolean,
  ) {
    super(instance, memory);
    this.setThreads(hardwareThreads());
  }

  /** Threads a kernel call may use (the caller counts as one). */
  getThreads(): number {
    return this.threads;
  }

  /** Sets the thread count; starts workers as needed (they join once instantiated). */
  setThreads(n: number): void {
    this.threads = this.threaded ? n : 1;
    if (this.threaded && n > 1) {
      this.pool ??= new ThreadPool(this.module, this.memory, KERNEL_NAMES);
      this.pool.grow(n - 1);
    }
  }

  /** Resolves when all started workers are ready. */
  whenReady(): Promise<void> {
    return this.pool ? this.pool.whenReady() : Promise.resolve();
  }

  /** Threads that would run a job now: the wanted count, limited by workers ready. */
  activeThreads(): number {
    return Math.min(this.threads, 1 + (this.pool?.readyWorkers() ?? 0));
  }

  /** Bytes of wasm memory, both instances (grows, never shrinks). */
  heapBytes(): number {
    return this.memoryBytes() + (this.local?.memoryBytes() ?? 0);
  }

  /**
   * The heap for a call that will use `threads` threads: this one, or for a single thread the
   * unshared instance (cheaper copies) when there is one.
   */
  heapFor(threads: number): Heap {
    return threads <= 1 && this.local ? this.local : this;
  }

  run(name: KernelName, args: number, tasks: number): void {
    const index = KERNEL_NAMES.indexOf(name);
    const fn = this.fns[index]!;
    this.i32[args >> 2] = 0;
    const nt = Math.min(this.activeThreads(), Math.max(1, tasks));
    if (nt <= 1 || !this.pool) fn(args, 0, 1);
    else this.pool.run(fn, index, args, nt);
  }

  /** Terminates the workers (the runtime keeps working on one thread). */
  dispose(): void {
    this.pool?.dispose();
    this.pool = null;
    this.threads = 1;
  }
}

function imports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      memory,
      abort() {
        throw new Error('wasm abort');
      },
    },
  };
}

function createMemory(shared: boolean): WebAssembly.Memory {
  if (!shared) return new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES[0] });
  let lastError: unknown;
  for (const maximum of MAXIMUM_PAGES) {
    try {
      return new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum, shared: true });
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/**
 * Loads the kernels synchronously (Node only: reads the file with fs and compiles in place).
 * Throws with the reason when the file is missing or the engine lacks SIMD or threads.
 */
export function loadWasmSync(): WasmRuntime {
  const node = nodeBuiltins();
  if (!node) throw new Error(isNode() ? 'this Node lacks process.getBuiltinModule' : 'not on Node');
  const threaded = sharedMemoryAvailable();
  const url = threaded ? wasmUrls.threaded : wasmUrls.single;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = node.fs.readFileSync(url) as Uint8Array<ArrayBuffer>;
  } catch {
    throw new Error(`${url.pathname} not found; run npm run build:wasm`);
  }
  const module = new WebAssembly.Module(bytes);
  const memory = createMemory(threaded);
  const rt = new WasmRuntime(module, new WebAssembly.Instance(module, imports(memory)), memory, threaded);
  if (threaded) {
    try {
      rt.local = localHeap(
        new WebAssembly.Module(node.fs.readFileSync(wasmUrls.single) as Uint8Array<ArrayBuffer>),
      );
    } catch {
      rt.local = null; // the threaded instance serves every call
    }
  }
  return rt;
}

/** The unshared single-threaded instance of kernels-st.wasm. */
function localHeap(module: WebAssembly.Module): LocalHeap {
  const memory = createMemory(false);
  return new LocalHeap(new WebAssembly.Instance(module, imports(memory)), memory);
}

/** Loads the kernels asynchronously: fetch + compile in browsers, fs on Node. */
export async function loadWasm(): Promise<WasmRuntime> {
  if (isNode()) {
    if (nodeBuiltins()) return loadWasmSync();
    const fs = await import('node:fs/promises');
    const threaded = sharedMemoryAvailable();
    const read = async (url: URL) => WebAssembly.compile(await fs.readFile(url));
    return instantiate(threaded, read);
  }
  const threaded = sharedMemoryAvailable();
  return instantiate(threaded, async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`fetching ${response.url} failed: ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  });
}

async function instantiate(
  threaded: boolean,
  compile: (url: URL) => Promise<WebAssembly.Module>,
): Promise<WasmRuntime> {
  const module = await compile(threaded ? wasmUrls.threaded : wasmUrls.single);
  const memory = createMemory(threaded);
  const instance = await WebAssembly.instantiate(module, imports(memory));
  const rt = new WasmRuntime(module, instance, memory, threaded);
  if (threaded) {
    try {
      const st = await compile(wasmUrls.single);
      const local = createMemory(false);
      rt.local = new LocalHeap(await WebAssembly.instantiate(st, imports(local)), local);
    } catch {
      rt.local = null; // the threaded instance serves every call
    }
  }
  return rt;
}
