/**
 * Host detection without static `node:` imports, so browser bundles stay clean: Node's modules are
 * reached through `process.getBuiltinModule` (Node ≥ 20.16), which also keeps loading synchronous.
 */
import type * as Fs from 'node:fs';
import type * as Os from 'node:os';
import type * as WorkerThreads from 'node:worker_threads';

interface NodeBuiltins {
  fs: typeof Fs;
  os: typeof Os;
  workerThreads: typeof WorkerThreads;
}

let builtins: NodeBuiltins | null | undefined;

/** Node's fs, os and worker_threads, or null outside Node (or on a Node without getBuiltinModule). */
export function nodeBuiltins(): NodeBuiltins | null {
  if (builtins !== undefined) return builtins;
  const proc = (
    globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }
  ).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return (builtins = null);
  builtins = {
    fs: proc.getBuiltinModule('node:fs') as typeof Fs,
    os: proc.getBuiltinModule('node:os') as typeof Os,
    workerThreads: proc.getBuiltinModule('node:worker_threads') as typeof WorkerThreads,
  };
  return builtins;
}

/** True on Node.js (whether or not getBuiltinModule exists). */
export function isNode(): boolean {
  return !!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
}

/** Number of logical cores this host reports (1 if unknown). */
export function hardwareThreads(): number {
  const node = nodeBuiltins();
  if (node) return node.os.availableParallelism?.() ?? node.os.cpus().length;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

/**
 * Whether this thread may block in Atomics.wait: everywhere except a browser's main (window)
 * thread, which must spin instead.
 */
export function canBlock(): boolean {
  if (isNode()) return true;
  return typeof (globalThis as { document?: unknown }).document === 'undefined';
}

/** Whether shared wasm memory (and so threads) is available: SharedArrayBuffer and, in browsers, cross-origin isolation. */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}
