/**
 * The worker pool behind the wasm backend: worker_threads in Node, Web Workers in browsers, all
 * sharing one wasm memory. The calling thread is thread 0 and always works too; worker i is
 * thread i + 1. A job is one exported kernel run by nt threads on one argument record; the
 * kernel hands out tasks itself through an atomic counter, so the split adapts to busy cores.
 *
 * Dispatch costs a few microseconds when workers are spinning (they spin ≈ 100 µs after each job
 * before sleeping in Atomics.wait), tens of microseconds when they sleep; callers keep small jobs
 * on one thread.
 *
 * Workers join a job through the JOIN word (worker-source.ts) and the caller closes it once its
 * own share is done, so the caller waits only for workers that really started: a worker that is
 * asleep or descheduled (another process on the core) when the job ends simply skips it. Every
 * kernel takes its tasks from an atomic counter and per-thread buffers are prepared by the
 * caller, so any subset of the threads completes a job.
 */
import { CTRL, browserWorkerSource, nodeWorkerSource } from './worker-source.js';
import { canBlock, nodeBuiltins } from './env.js';

type KernelFn = (args: number, tid: number, nt: number) => void;

interface WorkerHandle {
  terminate(): unknown;
}

/** Spin iterations of the caller before it sleeps waiting for workers. */
const CALLER_SPIN = 1 << 16;

export class ThreadPool {
  private readonly ctrl: Int32Array;
  private readonly workers: WorkerHandle[] = [];
  private readonly readyPromises: Promise<void>[] = [];
  private readonly blocking = canBlock();
  /** Number of the last job (SEQ, 20 bits). */
  private seq = 0;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    /** Export names in the order workers index them (the FN control word). */
    private readonly names: readonly string[],
  ) {
    this.ctrl = new Int32Array(new SharedArrayBuffer(CTRL.LENGTH * 4));
  }

  /** Starts workers until there are `count` (never stops any; idle ones sleep). */
  grow(count: number): void {
    while (this.workers.length < count) this.spawn(this.workers.length);
  }

  /** Resolves when every worker started so far has instantiated the module. */
  whenReady(): Promise<void> {
    return Promise.all(this.readyPromises).then(() => undefined);
  }

  /** Workers 0 … r-1 that are ready to take jobs (a prefix, so tids stay contiguous). */
  readyWorkers(): number {
    let r = 0;
    while (r < this.workers.length && Atomics.load(this.ctrl, CTRL.READY + r) === 1) r++;
    return r;
  }

  /**
   * Runs `fn(args, tid, nt)` on the caller (tid 0) and on workers 1 … nt-1, and returns when all
   * have finished. `index` is the position of `fn` in the names given to the constructor.
   */
  run(fn: KernelFn, index: number, args: number, nt: number): void {
    const ctrl = this.ctrl;
    const seq = (this.seq = (this.seq + 1) & 0xfffff);
    Atomics.store(ctrl, CTRL.FN, index);
    Atomics.store(ctrl, CTRL.ARGS, args);
    Atomics.store(ctrl, CTRL.NT, nt);
    Atomics.store(ctrl, CTRL.DONE, 0);
    Atomics.store(ctrl, CTRL.ERROR, 0);
    Atomics.store(ctrl, CTRL.JOIN, seq * 1024); // open, nobody joined yet
    Atomics.store(ctrl, CTRL.SEQ, seq);
    Atomics.notify(ctrl, CTRL.SEQ);
    try {
      fn(args, 0, nt);
    } finally {
      // close the job: from now on a worker skips it; wait for those that joined
      let j = Atomics.load(ctrl, CTRL.JOIN);
      for (;;) {
        const prev = Atomics.compareExchange(ctrl, CTRL.JOIN, j, (j & ~1023) | 1023);
        if (prev === j) break;
        j = prev;
      }
      const expected = j & 1023;
      let done = Atomics.load(ctrl, CTRL.DONE);
      for (let spin = 0; done < expected && (spin < CALLER_SPIN || !this.blocking); spin++) {
        done = Atomics.load(ctrl, CTRL.DONE);
      }
      while (done < expected) {
        Atomics.wait(ctrl, CTRL.DONE, done, 1000);
        done = Atomics.load(ctrl, CTRL.DONE);
      }
    }
    if (Atomics.load(ctrl, CTRL.ERROR) !== 0) throw new Error('wasm kernel failed in a worker thread');
  }

  /** Stops and terminates every worker. */
  dispose(): void {
    Atomics.store(this.ctrl, CTRL.STOP, 1);
    Atomics.store(this.ctrl, CTRL.SEQ, (this.seq = (this.seq + 1) & 0xfffff));
    Atomics.notify(this.ctrl, CTRL.SEQ);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }

  private spawn(index: number): void {
    const data = {
      module: this.module,
      memory: this.memory,
      ctrl: this.ctrl.buffer,
      index,
      names: this.names,
    };
    const node = nodeBuiltins();
    let ready: Promise<void>;
    if (node) {
      const worker = new node.workerThreads.Worker(nodeWorkerSource, { eval: true, workerData: data });
      // NOTE: unref, or an idle pool would keep Node (and vitest) from exiting.
      worker.unref();
      ready = new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      this.workers.push(worker);
    } else {
      const url = URL.createObjectURL(new Blob([browserWorkerSource], { type: 'text/javascript' }));
      const worker = new Worker(url);
      worker.postMessage(data);
      ready = new Promise((resolve, reject) => {
        worker.onmessage = () => resolve();
        worker.onerror = (e) => reject(new Error(e.message));
      });
      this.workers.push(worker);
    }
    this.readyPromises.push(ready.catch(() => undefined));
  }
}
