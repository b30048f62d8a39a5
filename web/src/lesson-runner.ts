/**
 * The page side of the browser LessonContext: starts the lesson worker, sends it steps to run, and
 * turns its messages into a console panel (NumPy-style text), canvases (figures, animations), a
 * progress bar and a table of the recorded numbers.
 */
import type { RunConfig } from '../../course/lesson.js';
import { button, h } from './dom.js';
import { t } from './i18n.js';
import type { FromWorker, ToWorker } from './lesson-protocol.js';

interface RunView {
  out: HTMLElement;
  pre: HTMLPreElement | null;
  bars: Map<number, { el: HTMLElement; bar: HTMLProgressElement; text: HTMLElement }>;
  records: HTMLTableSectionElement | null;
  status: HTMLElement;
  resolve: (ok: boolean) => void;
}

export class LessonRunner {
  private worker: Worker | null = null;
  private nextRun = 1;
  private readonly runs = new Map<number, RunView>();
  private readonly animIds: number[] = [];

  constructor(private readonly day: number) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./lesson.worker.ts', import.meta.url), { type: 'module', name: 'lesson' });
    w.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
    w.onerror = (e) => {
      for (const view of this.runs.values()) {
        view.status.textContent = `${t('出错', 'Error')}: ${e.message}`;
        view.resolve(false);
      }
      this.runs.clear();
    };
    this.worker = w;
    return w;
  }

  private send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.ensureWorker().postMessage(msg, transfer);
  }

  /** Runs step `index` into `out` (cleared first). Resolves true when it finished without error. */
  run(index: number, out: HTMLElement, config: RunConfig): Promise<boolean> {
    out.replaceChildren();
    out.classList.add('has-output');
    const status = h('p', { class: 'run-status', role: 'status' }, t('运行中…', 'Running…'));
    out.append(status);
    const runId = this.nextRun++;
    return new Promise<boolean>((resolve) => {
      this.runs.set(runId, { out, pre: null, bars: new Map(), records: null, status, resolve });
      this.send({
        type: 'run',
        runId,
        day: this.day,
        step: index,
        config,
        pixelRatio: devicePixelRatio || 1,
      });
    });
  }

  private onMessage(msg: FromWorker): void {
    const view = this.runs.get(msg.runId);
    if (!view) return;
    switch (msg.type) {
      case 'print': {
        if (!view.pre) {
          view.pre = h('pre', { class: 'console', 'data-testid': 'console' });
          view.out.insertBefore(view.pre, view.status);
        }
        view.pre.textContent += msg.text + '\n';
        break;
      }
      case 'figure': {
        const canvas = h('canvas', { 'aria-label': msg.name, role: 'img' });
        canvas.width = msg.bitmap.width;
        canvas.height = msg.bitmap.height;
        canvas.style.width = `${msg.width}px`;
        canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(msg.bitmap);
        view.out.insertBefore(
          h(
            'figure',
            { class: 'plot', 'data-testid': 'figure' },
            canvas,
            h('figcaption', {}, `${msg.name}.png`),
          ),
          view.status,
        );
        view.pre = null;
        break;
      }
      case 'animation': {
        const canvas = h('canvas', { 'aria-label': msg.name, role: 'img' });
        canvas.style.width = `${msg.width}px`;
        canvas.style.aspectRatio = `${msg.width} / ${msg.height}`;
        const offscreen = canvas.transferControlToOffscreen();
        let playing = true;
        const toggle = button(t('暂停', 'Pause'), () => {
          playing = !playing;
          this.send({ type: 'anim', animId: msg.animId, action: playing ? 'play' : 'stop' });
          toggle.textContent = playing ? t('暂停', 'Pause') : t('播放', 'Play');
        });
        this.animIds.push(msg.animId);
        view.out.insertBefore(
          h(
            'figure',
            { class: 'plot', 'data-testid': 'animation' },
            canvas,
            h(
              'figcaption',
              {},
              `${msg.name} · ${msg.frames} ${t('帧', 'frames')} × ${msg.delay} ms `,
              toggle,
            ),
          ),
          view.status,
        );
        view.pre = null;
        this.send({ type: 'canvas', reqId: msg.reqId, canvas: offscreen }, [offscreen]);
        break;
      }
      case 'progress': {
        let b = view.bars.get(msg.barId);
        if (!b) {
          const bar = h('progress', { max: msg.total, value: 0 });
          const text = h('span', {});
          const el = h(
            'div',
            { class: 'progress' },
            h('span', { class: 'progress-label' }, msg.label),
            bar,
            text,
          );
          view.out.insertBefore(el, view.status);
          b = { el, bar, text };
          view.bars.set(msg.barId, b);
          view.pre = null;
        }
        b.bar.max = msg.total;
        b.bar.value = msg.count;
        b.text.textContent = `${msg.count}/${msg.total}${msg.info ? `  ${msg.info}` : ''}`;
        if (msg.done) b.el.remove();
        break;
      }
      case 'record': {
        if (!view.records) {
          const table = h(
            'table',
            { class: 'records', 'data-testid': 'records' },
            h('caption', {}, t('记录的结果', 'Recorded results')),
          );
          view.records = h('tbody');
          table.append(view.records);
          view.out.append(table);
        }
        const value =
          typeof msg.value === 'number' ? String(Number(msg.value.toPrecision(8))) : String(msg.value);
        const row = [...view.records.rows].find((r) => r.dataset.name === msg.name);
        const tr = row ?? h('tr', { 'data-name': msg.name }, h('th', { scope: 'row' }, msg.name), h('td'));
        tr.cells[1].textContent = value;
        if (!row) view.records.append(tr);
        break;
      }
      case 'done': {
        view.status.textContent = `${t('完成', 'Done')} · ${msg.seconds.toFixed(2)} s`;
        view.status.classList.add('ok');
        this.finish(msg.runId, view, true);
        break;
      }
      case 'error': {
        view.status.textContent = msg.message;
        view.status.classList.add('error');
        this.finish(msg.runId, view, false);
        break;
      }
    }
  }

  private finish(runId: number, view: RunView, ok: boolean): void {
    for (const b of view.bars.values()) b.el.remove();
    this.runs.delete(runId);
    view.resolve(ok);
  }

  /** Stops the worker (and with it every animation). */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const view of this.runs.values()) view.resolve(false);
    this.runs.clear();
  }
}
