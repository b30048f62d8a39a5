/**
 * A minimal progress bar for the terminal: one line redrawn in place (at most ~12 times a second)
 * while stdout is a TTY, nothing at all otherwise (pipes, CI logs, tests stay clean).
 *
 *   training  [██████████░░░░░░░░░░]  52%  10400/20000  loss 0.071  3.1s
 */

/** Where the bar draws: a writable TTY stream (process.stdout) or anything with `write`. */
export interface BarStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const CLEAR_LINE = '\r\x1b[2K';
const REDRAW_MS = 80;

export class ProgressBar {
  private count = 0;
  private info = '';
  private lastDraw = 0;
  private readonly start = performance.now();
  private finished = false;
  /** True while the bar's line is on screen (the runner clears it before printing). */
  visible = false;

  constructor(
    readonly total: number,
    readonly label: string,
    private readonly stream: BarStream,
    private readonly enabled: boolean,
  ) {}

  tick(n = 1, info?: string): void {
    if (this.finished) return;
    this.count = Math.min(this.total, this.count + n);
    if (info !== undefined) this.info = info;
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw >= REDRAW_MS || this.count === this.total) {
      this.lastDraw = now;
      this.draw();
    }
  }

  done(): void {
    if (this.finished) return;
    this.finished = true;
    this.clear();
  }

  /** Removes the bar's line (before other output); `redraw` puts it back. */
  clear(): void {
    if (this.visible) this.stream.write(CLEAR_LINE);
    this.visible = false;
  }

  redraw(): void {
    if (this.enabled && !this.finished) this.draw();
  }

  /** The bar's text for a terminal `columns` wide. */
  line(columns = 80): string {
    const frac = this.total > 0 ? this.count / this.total : 1;
    const secs = ((performance.now() - this.start) / 1000).toFixed(1);
    const pct = `${Math.floor(frac * 100)}`.padStart(3);
    const tail = ` ${pct}%  ${this.count}/${this.total}${this.info ? `  ${this.info}` : ''}  ${secs}s`;
    const width = Math.max(10, Math.min(30, columns - this.label.length - tail.length - 6));
    const filled = Math.round(frac * width);
    return `${this.label}  [${'█'.repeat(filled)}${'░'.repeat(width - filled)}]${tail}`.slice(0, columns - 1);
  }

  private draw(): void {
    this.stream.write(CLEAR_LINE + this.line(this.stream.columns ?? 80));
    this.visible = true;
  }
}
