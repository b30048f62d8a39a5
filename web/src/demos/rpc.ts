/**
 * A minimal request/response channel to a demo's worker: `call(method, args)` returns a promise of
 * the worker's answer; the worker may also `emit` events (progress) between answers. `serve` waits
 * for the compute backend (`ready()`: wasm, threaded when the page is cross-origin isolated) before
 * it answers anything, and answers `backend` itself (what the kernels run on).
 */
import { backendInfo, ready, type BackendInfo } from '../../../src/kernels/index.js';

type Handler = (args: never) => unknown;

interface Request {
  id: number;
  method: string;
  args: unknown;
}
type Response =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string } | { event: unknown };

export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  onEvent: (event: unknown) => void = () => {};

  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<Response>) => {
      const msg = e.data;
      if ('event' in msg) {
        this.onEvent(msg.event);
        return;
      }
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.error));
    };
    worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message));
      this.pending.clear();
    };
  }

  call<T>(method: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } satisfies Request);
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('disposed'));
    this.pending.clear();
  }
}

interface Scope {
  postMessage(msg: Response): void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
}

/** What a demo worker computes on: `backendInfo()` plus the worker's isolation and core count. */
export interface WorkerBackend extends BackendInfo {
  /** `crossOriginIsolated` in the worker (SharedArrayBuffer, so wasm threads). */
  isolated: boolean;
  /** `navigator.hardwareConcurrency`. */
  cores: number;
}

/** The built-in `backend` method's answer. */
export function workerBackend(): WorkerBackend {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  return {
    ...backendInfo(),
    isolated: g.crossOriginIsolated === true,
    cores: g.navigator?.hardwareConcurrency ?? 1,
  };
}

/**
 * Worker side: answers requests with the handlers, one at a time and in order, once the wasm
 * backend has loaded (or failed to, falling back to js); returns `emit` for events.
 */
export function serve(handlers: Record<string, Handler>): (event: unknown) => void {
  const scope = self as unknown as Scope;
  const all: Record<string, Handler> = { backend: workerBackend, ...handlers };
  // NOTE: every request waits for the backend, so training never starts on the js fallback
  let chain: Promise<void> = ready().then(
    () => undefined,
    () => undefined, // the registry falls back to js by itself (and says so once)
  );
  scope.onmessage = (e) => {
    const { id, method, args } = e.data;
    // one request at a time, in order
    chain = chain.then(async () => {
      try {
        const h = all[method];
        if (!h) throw new Error(`unknown method ${method}`);
        scope.postMessage({ id, ok: true, value: await h(args as never) });
      } catch (err) {
        const x = err as Error;
        scope.postMessage({ id, ok: false, error: `${x.name}: ${x.message}` });
      }
    });
  };
  return (event) => scope.postMessage({ event });
}

/** Lets the worker read queued messages (e.g. a pause) during a long computation. */
export const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));
