/**
 * Day 1's runnable examples: each pairs the NumPy line of the guide with the same thing in nd, and
 * prints what it returns (arrays as NumPy's repr) or the error it raises (NumPy's message).
 */
import { NDArray } from '../../src/nd/index.js';
import type { LessonContext } from '../lesson.js';

export interface Example {
  /** A stable name; the tests compare the printed result with NumPy's under this name. */
  name: string;
  /** The guide's NumPy code. */
  np: string;
  /** The same in TypeScript with nd. */
  ts: string;
  /** Returns what the last line evaluates to (an NDArray, or text NumPy would print). */
  run: () => unknown;
}

export function ex(name: string, np: string, ts: string, run: () => unknown): Example {
  return { name, np, ts, run };
}

/** A shape as Python prints a tuple: `(3, 4)`, `(3,)`, `()`. */
export function tuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** What an example prints: NumPy's repr of arrays, text as is, errors as `Name: message`. */
export function resultText(run: () => unknown): string {
  try {
    const v = run();
    if (v instanceof NDArray) return v.toString();
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    return String(v);
  } catch (e) {
    const err = e as Error;
    return `${err.name}: ${err.message}`;
  }
}

/** Prints each example (`>>>` NumPy, `nd:` ours, then the result) and records its result text. */
export function showExamples(ctx: LessonContext, examples: readonly Example[]): void {
  for (const e of examples) {
    const text = resultText(e.run);
    ctx.print(`>>> ${e.np}`);
    ctx.print(`    nd: ${e.ts}`);
    ctx.print(text);
    ctx.record(`ex:${e.name}`, text);
  }
}
