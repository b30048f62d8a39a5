/**
 * What bench/training.ts (the suite) and bench/training-worker.ts (one peer per process) share;
 * bench/torch_train.py mirrors the constants and writes the same {@link WorkerResult} fields.
 */

export const BATCH = 64;
export const EPOCH_SAMPLES = 60_000;
/** Full batches in one epoch of 60,000 samples at batch 64 (937). */
export const EPOCH_STEPS = Math.floor(EPOCH_SAMPLES / BATCH);

export type ModelName = 'mlp' | 'cnn';

/** What one worker run reports on its last line, after `RESULT `, as JSON. */
export interface WorkerResult {
  peer: string;
  model: ModelName;
  threads: number;
  ok: boolean;
  /** The error message when the peer cannot train this model. */
  error?: string;
  /** 'epoch': each repetition is a full epoch; 'steps': `steps` steps, extrapolated. */
  mode?: 'epoch' | 'steps';
  warmup?: number;
  steps?: number;
  reps?: number;
  /** Wall and CPU (user + system, all threads of the process) milliseconds of each repetition. */
  repWallMs?: number[];
  repCpuMs?: number[];
  /** Loss of the first warm-up step and mean loss over the last repetition. */
  lossFirst?: number;
  lossLast?: number;
  /** 1-minute load average when the timed part started and ended. */
  loadStart?: number;
  loadEnd?: number;
  versions?: Record<string, string>;
  note?: string;
}

/** Median (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
