/**
 * The lesson worker: runs a Day's steps off the page's thread with a browser LessonContext.
 * print → text lines; figure → drawn by `fig.mount` on an OffscreenCanvas and sent as an
 * ImageBitmap; animation → `anim.play` on a canvas the page transfers here; progress and records
 * → messages. Steps run one at a time, in the order asked.
 */
import { loadDay } from '../../course/index.js';
import type { LessonContext, RunConfig } from '../../course/lesson.js';
import type { Animation, Figure, Player } from '../../src/plot/index.js';
import { ready } from '../../src/kernels/index.js';
import { formatValue } from './format.js';
import type { FromWorker, ToWorker } from './lesson-protocol.js';

interface WorkerScope {
  postMessage(msg: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

let nextReq = 1;
let nextAnim = 1;
let nextBar = 1;
const canvasWaiters = new Map<number, (c: OffscreenCanvas) => void>();
const animations = new Map<
  number,
  { anim: Animation; canvas: OffscreenCanvas; pr: number; player: Player | null }
>();

function makeContext(runId: number, config: RunConfig, pixelRatio: number): LessonContext {
  return {
    config,
    print(...values: unknown[]) {
      post({ type: 'print', runId, text: values.map((v) => formatValue(v)).join(' ') });
    },
    async figure(name: string, fig: Figure) {
      const canvas = new OffscreenCanvas(1, 1);
      fig.mount(canvas, { pixelRatio });
      const bitmap = canvas.transferToImageBitmap();
      post({ type: 'figure', runId, name, bitmap, width: fig.width, height: fig.height }, [bitmap]);
    },
    async animation(name: string, anim: Animation) {
      const reqId = nextReq++;
      const animId = nextAnim++;
      const canvas = await new Promise<OffscreenCanvas>((resolve) => {
        canvasWaiters.set(reqId, resolve);
        post({
          type: 'animation',
          runId,
          reqId,
          animId,
          name,
          width: anim.options.width ?? 640,
          height: anim.options.height ?? 480,
          frames: anim.frames,
          delay: anim.delay,
        });
      });
      const entry = { anim, canvas, pr: pixelRatio, player: null as Player | null };
      entry.player = anim.play(canvas, { pixelRatio });
      animations.set(animId, entry);
    },
    progress(total: number, label: string) {
      const barId = nextBar++;
      let count = 0;
      let info = '';
      let last = 0;
      const send = (done: boolean) =>
        post({ type: 'progress', runId, barId, label, total, count, info, done });
      send(false);
      return {
        tick(n = 1, i?: string) {
          count = Math.min(total, count + n);
          if (i !== undefined) info = i;
          const now = performance.now();
          if (now - last > 60 || count === total) {
            last = now;
            send(false);
          }
        },
        done() {
          send(true);
        },
      };
    },
    record(name: string, value: number | string | boolean) {
      post({ type: 'record', runId, name, value });
    },
  };
}

let queue: Promise<void> = (async () => {
  // The wasm backend when it loads (threads when the page is cross-origin isolated); js otherwise.
  try {
    await ready();
  } catch {
    // the registry falls back to js by itself
  }
})();

async function run(msg: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const t0 = performance.now();
  try {
    const day = await loadDay(msg.day);
    const step = day.steps[msg.step];
    if (!step) throw new RangeError(`day ${msg.day} has no step ${msg.step + 1}`);
    await step.run(makeContext(msg.runId, msg.config, msg.pixelRatio));
    post({ type: 'done', runId: msg.runId, seconds: (performance.now() - t0) / 1000 });
  } catch (e) {
    const err = e as Error;
    post({ type: 'error', runId: msg.runId, message: `${err.name ?? 'Error'}: ${err.message ?? String(e)}` });
  }
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'run') {
    queue = queue.then(() => run(msg));
  } else if (msg.type === 'canvas') {
    canvasWaiters.get(msg.reqId)?.(msg.canvas);
    canvasWaiters.delete(msg.reqId);
  } else if (msg.type === 'anim') {
    const a = animations.get(msg.animId);
    if (!a) return;
    a.player?.stop();
    a.player = msg.action === 'play' ? a.anim.play(a.canvas, { pixelRatio: a.pr }) : null;
  }
};
