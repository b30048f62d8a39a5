/**
 * Keras 3's progress bar, character for character:
 *
 *   1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 2ms/step - accuracy: 0.9312 - loss: 0.2401
 *
 * verbose 1 redraws one line on a terminal (backspaces and a carriage return, the bar in green
 * and white, the counts in bold); verbose 2 prints one line when the target is reached:
 *
 *   1875/1875 - 3s - 2ms/step - accuracy: 0.9312 - loss: 0.2401
 *
 * Text goes through the session writer (`keras.utils.setWriter`), so the same code runs in a
 * browser. Times come from `performance.now()`.
 */
import { getWriter, type Writer } from './backend.js';

/** Python's `%.4f` / `%.4e` as Keras prints metric values. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return Math.abs(v) > 1e-3 ? v.toFixed(4) : pyExp(v, 4);
}

/** Python's `%.{d}e`: `1.0000e-04` (two-digit exponent at least). */
export function pyExp(v: number, d: number): string {
  const [mant, exp] = v.toExponential(d).split('e');
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Python's `%.0f` (round half to even, as printf). */
function fmt0(x: number): string {
  const r = Math.round(x);
  const even = Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
  return String(even);
}

/** Keras's `_format_time`: ` 3s/step`, ` 2ms/step`, ` 15us/step`. */
export function formatTime(perUnit: number, unit: string): string {
  if (perUnit >= 1 || perUnit === 0) return ` ${fmt0(perUnit)}s/${unit}`;
  if (perUnit >= 1e-3) return ` ${fmt0(perUnit * 1000)}ms/${unit}`;
  return ` ${fmt0(perUnit * 1e6)}us/${unit}`;
}

export interface ProgbarOptions {
  /** Width of the bar in characters (default 20). */
  width?: number;
  /** 0 silent, 1 a redrawn bar, 2 one line at the end. */
  verbose?: 0 | 1 | 2;
  /** Minimum seconds between redraws (default 0.05). */
  interval?: number;
  unitName?: string;
  /** Where to write (default: the session writer). */
  writer?: Writer;
  /** Whether to redraw in place (default: the writer is a terminal). */
  dynamic?: boolean;
  /** Clock in seconds (for tests). */
  now?: () => number;
}

const nowSeconds = (): number => performance.now() / 1000;

/** A progress bar over `target` steps (null: unknown). */
export class Progbar {
  target: number | null;
  readonly width: number;
  readonly verbose: 0 | 1 | 2;
  readonly interval: number;
  readonly unitName: string;
  private readonly writer: Writer;
  private readonly dynamic: boolean;
  private readonly now: () => number;
  private values = new Map<string, [number, number]>();
  private seenSoFar = 0;
  private readonly start: number;
  private lastUpdate = 0;
  private timeAfterFirstStep: number | null = null;
  private prevTotalWidth = 0;

  constructor(target: number | null, opts: ProgbarOptions = {}) {
    this.target = target;
    this.width = opts.width ?? 20;
    this.verbose = opts.verbose ?? 1;
    this.interval = opts.interval ?? 0.05;
    this.unitName = opts.unitName ?? 'step';
    this.writer = opts.writer ?? getWriter();
    this.dynamic = opts.dynamic ?? this.writer.isTTY === true;
    this.now = opts.now ?? nowSeconds;
    this.start = this.now();
  }

  /**
   * Shows step `current` with `values` (name → value for the last step; averaged over the steps
   * since the last update unless `finalize`).
   */
  update(current: number, values: readonly [string, number][] = [], finalize?: boolean): void {
    const fin = finalize ?? (this.target !== null && current >= this.target);
    for (const [k, v] of values) {
      if (fin) this.values.set(k, [v, 1]);
      else {
        const base = Math.max(current - this.seenSoFar, 1);
        const prev = this.values.get(k);
        if (prev) this.values.set(k, [prev[0] + v * base, prev[1] + base]);
        else this.values.set(k, [v * base, base]);
      }
    }
    this.seenSoFar = current;
    const now = this.now();
    const perUnit = this.stepDuration(current, now);
    if (this.verbose === 1) {
      if (now - this.lastUpdate < this.interval && !fin) return;
      this.lastUpdate = now;
      let message = this.dynamic ? `${'\b'.repeat(this.prevTotalWidth)}\r` : '\n';
      let bar: string;
      let special = 0;
      if (this.target !== null && this.target > 0) {
        const digits = Math.floor(Math.log10(this.target)) + 1;
        bar = `\x1b[1m${String(current).padStart(digits)}/${this.target}\x1b[0m `;
        special += 8;
        const progWidth = Math.floor((this.width * current) / this.target);
        if (progWidth > 0) {
          bar += `\x1b[32m${'━'.repeat(progWidth)}\x1b[0m`;
          special += 9;
        }
        bar += `\x1b[37m${'━'.repeat(this.width - progWidth)}\x1b[0m`;
        special += 9;
      } else bar = `${String(current).padStart(7)}/Unknown`;
      message += bar;
      let info: string;
      if (this.target !== null && this.target > 0 && !fin) {
        const eta = perUnit * (this.target - current);
        let etaText: string;
        if (eta > 3600)
          etaText = `${Math.floor(eta / 3600)}:${pad2(Math.floor((eta % 3600) / 60))}:${pad2(Math.floor(eta % 60))}`;
        else if (eta > 60) etaText = `${Math.floor(eta / 60)}:${pad2(Math.floor(eta % 60))}`;
        else etaText = `${Math.floor(eta)}s`;
        info = ` \x1b[1m${etaText}\x1b[0m`;
      } else info = ` \x1b[1m${fmt0(now - this.start)}s\x1b[0m`;
      special += 8;
      info += formatTime(perUnit, this.unitName);
      info += this.metricsText();
      message += info;
      const totalWidth = [...bar].length + [...info].length - special;
      if (this.prevTotalWidth > totalWidth) message += ' '.repeat(this.prevTotalWidth - totalWidth);
      if (fin) message += '\n';
      this.writer.write(message);
      this.prevTotalWidth = totalWidth;
    } else if (this.verbose === 2) {
      if (fin && this.target !== null && this.target > 0) {
        const digits = Math.floor(Math.log10(this.target)) + 1;
        let info = `${String(current).padStart(digits)}/${this.target} - ${fmt0(now - this.start)}s -${formatTime(perUnit, this.unitName)}`;
        info += this.metricsText();
        this.writer.write(`${info}\n`);
      }
    }
  }

  private metricsText(): string {
    let s = '';
    for (const [k, [total, count]] of this.values) s += ` - ${k}: ${formatValue(total / Math.max(1, count))}`;
    return s;
  }

  /** Seconds per step, leaving out the first (slow) step once there are more. */
  private stepDuration(current: number, now: number): number {
    if (!current) return 0;
    let perUnit: number;
    if (this.timeAfterFirstStep !== null && current > 1)
      perUnit = (now - this.timeAfterFirstStep) / (current - 1);
    else perUnit = (now - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return perUnit;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
