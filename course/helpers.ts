/**
 * Small helpers shared by the lesson modules (browser-safe: no Node imports).
 */
import type { Bilingual, LessonContext } from './lesson.js';

/** The text in the run's language. */
export function tr(ctx: Pick<LessonContext, 'config'>, text: Bilingual): string {
  return text[ctx.config.lang];
}

/** Python's `'%.Nf' % v`. */
export function f(v: number, digits: number): string {
  return v.toFixed(digits);
}

/** A number from a 0-d or 1-element NDArray-like, or a number. */
export function num(v: number | { item(): number | boolean }): number {
  return typeof v === 'number' ? v : Number(v.item());
}

/** Bilingual text from a template for both languages. */
export function bi(zh: string, en: string): Bilingual {
  return { zh, en };
}
