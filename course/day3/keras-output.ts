/**
 * Keras's text (summaries, epoch logs) goes to a Writer; a lesson wants it in `ctx.print`, line by
 * line, so the runner, the tests and the web page all see it. Shared by Days 3 and 5.
 */
import * as keras from '../../src/keras/index.js';
import type { LessonContext } from '../lesson.js';

/** Runs `fn` with Keras's output printed through `ctx.print` (one call per line), then restores the writer. */
export async function withKerasOutput<T>(ctx: LessonContext, fn: () => Promise<T> | T): Promise<T> {
  const previous = keras.utils.getWriter();
  let pending = '';
  keras.utils.setWriter({
    write(text: string) {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      // a carriage return redraws a terminal line: keep what follows the last one
      for (const line of lines) ctx.print(line.slice(line.lastIndexOf('\r') + 1));
    },
    isTTY: false,
  });
  try {
    return await fn();
  } finally {
    if (pending) ctx.print(pending);
    keras.utils.setWriter(previous);
  }
}

/** A fresh Keras session: layer names start again at `dense`, shuffling and initialisers seeded. */
export function freshSession(seed: number): void {
  keras.backend.clearSession();
  keras.utils.setRandomSeed(seed);
}
