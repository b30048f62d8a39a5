/**
 * The line under a demo that says what its worker computes on: the wasm backend (SIMD, and threads
 * when the page is cross-origin isolated) or the js fallback with the reason. It asks the worker
 * (`serve` answers `backend` after `ready()`), so it reports what the training really uses.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { WorkerBackend, WorkerClient } from './rpc.js';

/** Describes a worker's backend in one line. */
export function describeBackend(b: WorkerBackend): string {
  if (b.name === 'js') {
    const why = b.wasmError ? ` (${b.wasmError})` : '';
    return t(`计算：js 后端${why}`, `Compute: the js backend${why}`);
  }
  const threads =
    b.activeThreads > 1
      ? t(`${b.activeThreads} 个线程`, `${b.activeThreads} threads`)
      : t('单线程', 'one thread');
  const iso = b.isolated
    ? t('页面跨源隔离', 'cross-origin isolated')
    : t('页面未跨源隔离，无法用多线程', 'not cross-origin isolated: no threads');
  return t(
    `计算：wasm 后端（SIMD）· ${threads} · ${iso}`,
    `Compute: wasm backend (SIMD) · ${threads} · ${iso}`,
  );
}

/**
 * An element filled once the worker answers: `data-testid="backend"`, with `data-name` and
 * `data-threads` for tests.
 */
export function backendLine(client: WorkerClient): HTMLElement {
  const el = h(
    'p',
    { class: 'backend hint', 'data-testid': 'backend' },
    t('计算：加载中…', 'Compute: loading…'),
  );
  client.call<WorkerBackend>('backend').then(
    (b) => {
      el.textContent = describeBackend(b);
      el.dataset.name = b.name;
      el.dataset.threads = String(b.activeThreads);
      el.dataset.cores = String(b.cores);
      el.dataset.isolated = String(b.isolated);
    },
    () => {
      // the worker was disposed before it answered
    },
  );
  return el;
}
