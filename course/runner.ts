/**
 * The terminal runner (Node only): runs a Day's steps with a LessonContext that prints to stdout,
 * writes figures as PNG and animations as GIF into the output folder, shows a progress bar on long
 * work (only on a TTY), ends with the day's summary, and returns everything the steps recorded —
 * the tests assert on those records.
 *
 * ```ts
 * const result = await runLesson(2, { config: { fast: true }, out: 'out/day2' });
 * result.records['scan.m']; // 3.035175879396985
 * ```
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import type { Animation, Figure } from '../src/plot/index.js';
import { NDArray } from '../src/nd/index.js';
import { DEFAULT_CONFIG, type Day, type LessonContext, type RunConfig, type Step } from './lesson.js';
import { ProgressBar, type BarStream } from './progress.js';
import { loadDay } from './index.js';

export type RecordValue = number | string | boolean;

export interface RunOptions {
  /** Overrides of DEFAULT_CONFIG. */
  config?: Partial<RunConfig>;
  /** Folder for figures and animations (default `./out/day<N>`). */
  out?: string;
  /** Where printed lines go (default: process.stdout). */
  stream?: BarStream;
  /** Show progress bars (default: when the stream is a TTY). */
  progress?: boolean;
  /** Print each step's explanation before its output (default true). */
  showText?: boolean;
  /** Run only these step ids or indices (all when absent). */
  only?: readonly (string | number)[];
}

export interface RunResult {
  day: number;
  config: RunConfig;
  /**
   * Everything the steps recorded with ctx.record, by name. The summary lists those without a ':'
   * in the name; 'prefix:name' records are details kept for the tests.
   */
  records: Record<string, RecordValue>;
  /** The files written (figures, animations), as paths. */
  files: string[];
  /** Every printed line, in order (without the step headers and texts). */
  output: string[];
  /** Seconds each step took, by step index + id ('3:1-7'). */
  stepSeconds: Record<string, number>;
  /** Wall time of the whole run in seconds. */
  seconds: number;
}

/** Formats printed values like Python's print: arrays as NumPy's repr, strings as they are. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof NDArray) return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === undefined || v === null) return String(v);
  if (Array.isArray(v)) return inspect(v, { depth: 4, breakLength: 100 });
  if (
    typeof (v as { toString?: unknown }).toString === 'function' &&
    (v as object).toString !== Object.prototype.toString
  ) {
    return String(v);
  }
  return inspect(v, { depth: 4, breakLength: 100 });
}

/** The Node LessonContext: stdout, PNG/GIF files, terminal progress bars. */
class NodeContext implements LessonContext {
  readonly records: Record<string, RecordValue> = {};
  readonly files: string[] = [];
  readonly output: string[] = [];
  private bar: ProgressBar | null = null;

  constructor(
    readonly config: RunConfig,
    private readonly out: string,
    private readonly stream: BarStream,
    private readonly showProgress: boolean,
  ) {}

  /** Writes a line above any progress bar. */
  write(text: string): void {
    this.bar?.clear();
    this.stream.write(text + '\n');
    this.bar?.redraw();
  }

  print(...values: unknown[]): void {
    const line = values.map(formatValue).join(' ');
    this.output.push(...line.split('\n'));
    this.write(line);
  }

  async figure(name: string, fig: Figure): Promise<void> {
    const path = join(this.out, `${name}.png`);
    await fig.savePng(path);
    this.saved(path);
  }

  async animation(name: string, anim: Animation): Promise<void> {
    const path = join(this.out, `${name}.gif`);
    await anim.saveGif(path);
    this.saved(path, `${anim.frames} frames, ${anim.delay} ms`);
  }

  progress(total: number, label: string): { tick(n?: number, info?: string): void; done(): void } {
    this.bar?.done();
    const bar = new ProgressBar(total, label, this.stream, this.showProgress);
    this.bar = bar;
    return {
      tick: (n?: number, info?: string) => bar.tick(n, info),
      done: () => {
        bar.done();
        if (this.bar === bar) this.bar = null;
      },
    };
  }

  record(name: string, value: RecordValue): void {
    this.records[name] = value;
  }

  finishStep(): void {
    this.bar?.done();
    this.bar = null;
  }

  private saved(path: string, detail?: string): void {
    this.files.push(path);
    const shown = relative(process.cwd(), path) || path;
    this.write(`  → ${shown.startsWith('..') ? path : shown}${detail ? ` (${detail})` : ''}`);
  }
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

const rule = (title: string) => `\n── ${title} ${'─'.repeat(Math.max(3, 76 - displayWidth(title)))}`;

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => (l ? `  ${l}` : ''))
    .join('\n');
}

function selected(step: Step, index: number, only?: readonly (string | number)[]): boolean {
  return !only || only.some((s) => s === step.id || s === index + 1);
}

/** Runs a Day: every step in order, then the summary. */
export async function runDay(day: Day, opts: RunOptions = {}): Promise<RunResult> {
  const config: RunConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const out = opts.out ?? join('out', `day${day.day}`);
  const stream: BarStream = opts.stream ?? process.stdout;
  mkdirSync(out, { recursive: true });
  const ctx = new NodeContext(config, out, stream, opts.progress ?? stream.isTTY === true);
  const lang = config.lang;
  const showText = opts.showText ?? true;
  const stepSeconds: Record<string, number> = {};
  const t0 = performance.now();

  ctx.write(`${day.title[lang]}${config.fast ? (lang === 'zh' ? '（快速模式）' : ' (fast mode)') : ''}`);
  for (const [i, step] of day.steps.entries()) {
    if (!selected(step, i, opts.only)) continue;
    ctx.write(rule(`${step.id} · ${step.title[lang]}`));
    if (showText) ctx.write(indent(step.text[lang]) + '\n');
    const s0 = performance.now();
    try {
      await step.run(ctx);
    } finally {
      ctx.finishStep();
    }
    stepSeconds[`${i + 1}:${step.id}`] = (performance.now() - s0) / 1000;
  }
  const seconds = (performance.now() - t0) / 1000;

  ctx.write(rule(lang === 'zh' ? '小结' : 'Summary'));
  ctx.write(indent(day.summary[lang]));
  // Records named with a ':' (e.g. 'ex:…', one per Day 1 example) are details for the tests.
  const names = Object.keys(ctx.records).filter((n) => !n.includes(':'));
  if (names.length) {
    ctx.write('');
    const width = Math.min(32, Math.max(...names.map((n) => displayWidth(n))));
    for (const n of names) {
      const v = ctx.records[n];
      ctx.write(`  ${n.padEnd(width)}  ${typeof v === 'number' ? Number(v.toPrecision(8)) : v}`);
    }
  }
  ctx.write(
    `\n  ${lang === 'zh' ? '用时' : 'wall time'} ${seconds.toFixed(1)} s · ${ctx.files.length} ${
      lang === 'zh' ? '个文件写入' : 'files in'
    } ${out}`,
  );
  return {
    day: day.day,
    config,
    records: ctx.records,
    files: ctx.files,
    output: ctx.output,
    stepSeconds,
    seconds,
  };
}

/** Loads day `n` from the registry and runs it. */
export async function runLesson(n: number, opts: RunOptions = {}): Promise<RunResult> {
  return runDay(await loadDay(n), opts);
}
