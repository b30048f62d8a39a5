/**
 * Source of a kernel worker, kept as a string so the same code starts as a Node worker thread
 * (`new Worker(src, { eval: true })`) and as a browser Web Worker (from a Blob URL) without a
 * separate file for bundlers to find. Plain ES2020, no imports.
 *
 * A worker instantiates the kernels module on the shared memory, then loops: wait until the job
 * number in `ctrl` changes (after posting 'ready' once); if its tid is below nt, join the job
 * (see JOIN), run its share (`fn(args, tid, nt)`), count itself done and wake the caller. Control
 * words (Int32Array over a SharedArrayBuffer) are described in threads.ts.
 */

/** Words of the control block shared by the caller and its workers. */
export const CTRL = {
  /** Number of the current job (20 bits, wraps). */
  SEQ: 0,
  FN: 1,
  ARGS: 2,
  NT: 3,
  DONE: 4,
  STOP: 5,
  ERROR: 6,
  /**
   * job · 1024 + workers that joined it; the count 1023 means closed. A worker joins job s only
   * while this word says "s, open"; the caller closes the job when its own share is done and then
   * waits for the workers that joined, never for one that was late.
   */
  JOIN: 7,
  READY: 8, // READY + i: worker i has instantiated the module
  LENGTH: 8 + 64,
} as const;

/** Spin iterations (each an Atomics.load) before a worker sleeps; ≈ 100 µs here. */
export const WORKER_SPIN = 20000;

const body = `
function runWorker(module, memory, ctrlBuffer, index, names, notifyReady) {
  const C = ${JSON.stringify(CTRL)};
  const instance = new WebAssembly.Instance(module, {
    env: { memory, abort() { throw new Error('wasm abort'); } },
  });
  const fns = names.map((name) => instance.exports[name]);
  const ctrl = new Int32Array(ctrlBuffer);
  let seq = Atomics.load(ctrl, C.SEQ);
  Atomics.store(ctrl, C.READY + index, 1);
  notifyReady();
  for (;;) {
    let s = Atomics.load(ctrl, C.SEQ);
    for (let spin = 0; s === seq && spin < ${WORKER_SPIN}; spin++) s = Atomics.load(ctrl, C.SEQ);
    if (s === seq) {
      Atomics.wait(ctrl, C.SEQ, seq);
      continue;
    }
    seq = s;
    if (Atomics.load(ctrl, C.STOP) !== 0) return;
    const nt = Atomics.load(ctrl, C.NT);
    if (index + 1 >= nt) continue;
    // join job s unless the caller has closed it or moved on (then NT may be another job's)
    let j = Atomics.load(ctrl, C.JOIN);
    let joined = false;
    while ((j >> 10) === s && (j & 1023) !== 1023) {
      const prev = Atomics.compareExchange(ctrl, C.JOIN, j, j + 1);
      if (prev === j) {
        joined = true;
        break;
      }
      j = prev;
    }
    if (!joined) continue;
    try {
      fns[Atomics.load(ctrl, C.FN)](Atomics.load(ctrl, C.ARGS), index + 1, nt);
    } catch (err) {
      Atomics.store(ctrl, C.ERROR, 1);
    }
    Atomics.add(ctrl, C.DONE, 1);
    Atomics.notify(ctrl, C.DONE);
  }
}
`;

/** Node worker_threads entry (eval mode, CommonJS): everything arrives in workerData. */
export const nodeWorkerSource = `${body}
const { workerData, parentPort } = require('node:worker_threads');
const d = workerData;
runWorker(d.module, d.memory, d.ctrl, d.index, d.names, () => parentPort.postMessage('ready'));
`;

/** Browser Web Worker entry: everything arrives in the first message. */
export const browserWorkerSource = `${body}
self.onmessage = (e) => {
  const d = e.data;
  self.onmessage = null;
  runWorker(d.module, d.memory, d.ctrl, d.index, d.names, () => self.postMessage('ready'));
};
`;
