/** Messages between the page and the lesson worker (see lesson.worker.ts and lesson-runner.ts). */
import type { RunConfig } from '../../course/lesson.js';

export type ToWorker =
  | { type: 'run'; runId: number; day: number; step: number; config: RunConfig; pixelRatio: number }
  | { type: 'canvas'; reqId: number; canvas: OffscreenCanvas }
  | { type: 'anim'; animId: number; action: 'stop' | 'play' };

export type FromWorker =
  | { type: 'print'; runId: number; text: string }
  | { type: 'figure'; runId: number; name: string; bitmap: ImageBitmap; width: number; height: number }
  | {
      type: 'animation';
      runId: number;
      reqId: number;
      animId: number;
      name: string;
      width: number;
      height: number;
      frames: number;
      delay: number;
    }
  | {
      type: 'progress';
      runId: number;
      barId: number;
      label: string;
      total: number;
      count: number;
      info: string;
      done: boolean;
    }
  | { type: 'record'; runId: number; name: string; value: number | string | boolean }
  | { type: 'done'; runId: number; seconds: number }
  | { type: 'error'; runId: number; message: string };
