/**
 * `model.summary()`: Keras 3's table as its `rich` console prints it without colours:
 *
 *   Model: "sequential"
 *   ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
 *   ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
 *   ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
 *   │ dense (Dense)                   │ (None, 1)              │             3 │
 *   └─────────────────────────────────┴────────────────────────┴───────────────┘
 *    Total params: 3 (12.00 B)
 *    Trainable params: 3 (12.00 B)
 *    Non-trainable params: 0 (0.00 B)
 *
 * The column widths follow Keras (positions 0.45/0.80/1.0 of the line length, or 0.30/0.56/
 * 0.74/1.0 with a "Connected to" column) and rich's fitting rule: each column gets its width
 * plus padding, and when the sum overflows the table, the excess is taken from the columns in
 * equal shares (rich's `ratio_reduce`, with Python's round-half-even). The line length is
 * min(88, terminal columns − 4), and 76 when the output is not a terminal (Python's fallback of
 * 80 columns), which is what a captured or piped summary shows.
 */
import { ValueError } from '../nd/errors.js';
import type { Layer } from './layer.js';
import { pyShape } from './shape.js';

/** Python's round(): half to even. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** rich's ratio_reduce with equal ratios: takes `total` from `values`, in equal shares. */
function reduceEvenly(total: number, values: number[]): number[] {
  let remaining = total;
  let ratio = values.length;
  return values.map((v) => {
    const d = Math.min(v, pyRound(remaining / ratio));
    remaining -= d;
    ratio -= 1;
    return v - d;
  });
}

/** Keras's readable_memory_size: `12.00 B`, `1.50 KB`. */
export function readableMemorySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let b = bytes;
  for (const unit of units) {
    if (b / 1024 < 1) return `${b.toFixed(2)} ${unit}`;
    b /= 1024;
  }
  return `${b.toFixed(2)} PB`;
}

/** Python's `f"{n:,}"`. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * rich's word wrap with `overflow="ellipsis"`: words fill lines up to `width`; a word longer
 * than a line sits on a line of its own, cropped to `width − 1` characters and "…".
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if ([...candidate].length <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
    if ([...line].length > width) {
      lines.push(line);
      line = '';
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((l) => ([...l].length > width ? `${[...l].slice(0, width - 1).join('')}…` : l));
}

function fit(text: string, width: number, justify: 'left' | 'right'): string {
  const n = [...text].length;
  const pad = ' '.repeat(Math.max(0, width - n));
  return justify === 'right' ? pad + text : text + pad;
}

/** One table row: cells of text. */
export type Row = string[];

/** Draws a rich HEAVY_HEAD table with lines between rows (`show_lines=True`). */
export function renderTable(
  header: string[],
  rows: Row[],
  justify: ('left' | 'right')[],
  positions: number[],
  lineLength: number,
): string {
  const widths: number[] = [];
  let current = 0;
  for (const p of positions) {
    const w = Math.floor(p * lineLength) - current;
    if (w < 4) throw new ValueError('Insufficient console width to print summary.');
    widths.push(w);
    current += w;
  }
  // each column's width plus rich's padding of one space each side, fitted into the table
  let cells = widths.map((w) => w + 2);
  const inner = lineLength - (header.length + 1);
  const sum = cells.reduce((a, b) => a + b, 0);
  if (sum > inner) cells = reduceEvenly(sum - inner, cells);
  const content = cells.map((c) => c - 2);
  const border = (l: string, fill: string, mid: string, r: string): string =>
    l + cells.map((c) => fill.repeat(c)).join(mid) + r;
  const renderRow = (row: Row, sep: string): string[] => {
    const wrapped = row.map((t, i) => wrap(t, content[i]));
    const height = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push(sep + wrapped.map((w, i) => ` ${fit(w[k] ?? '', content[i], justify[i])} `).join(sep) + sep);
    }
    return out;
  };
  const lines = [border('┏', '━', '┳', '┓'), ...renderRow(header, '┃'), border('┡', '━', '╇', '┩')];
  rows.forEach((r, i) => {
    if (i > 0) lines.push(border('├', '─', '┼', '┤'));
    lines.push(...renderRow(r, '│'));
  });
  lines.push(border('└', '─', '┴', '┘'));
  return lines.join('\n');
}

/** What the summary needs from a model. */
export interface SummarySource {
  name: string;
  /** Rows: the layers shown. */
  summaryLayers(): Layer[];
  /** Whether the graph is a simple chain (3 columns) or not (adds "Connected to"). */
  isSequentialLike(): boolean;
  /** "input_layer[0][0], dense[0][0]" for a layer (non-sequential models). */
  connections(layer: Layer): string;
  /** Output shape text of a layer (`(None, 1)`, or `?` when unknown). */
  outputShapeText(layer: Layer): string;
  trainableWeights: { size: number; data: { nbytes: number } }[];
  nonTrainableWeights: { size: number; data: { nbytes: number } }[];
  /** Optimiser variables (count, bytes), when an optimiser has been built. */
  optimizerState(): { count: number; bytes: number } | null;
}

export interface SummaryOptions {
  /** Total width of the table (default min(88 or 108, columns − 4), 76 off a terminal). */
  lineLength?: number;
  /** Relative or absolute column ends. */
  positions?: number[];
  /** Terminal width (default 80). */
  columns?: number;
}

/** The summary text, ending with a newline. */
export function summaryText(model: SummarySource, opts: SummaryOptions = {}): string {
  const sequential = model.isSequentialLike();
  const header = sequential
    ? ['Layer (type)', 'Output Shape', 'Param #']
    : ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const justify: ('left' | 'right')[] = sequential
    ? ['left', 'left', 'right']
    : ['left', 'left', 'right', 'left'];
  const defaultLength = Math.min(sequential ? 88 : 108, (opts.columns ?? 80) - 4);
  const lineLength = opts.lineLength ?? defaultLength;
  let positions = opts.positions ?? (sequential ? [0.45, 0.8, 1.0] : [0.3, 0.56, 0.74, 1.0]);
  if (positions[positions.length - 1] > 1) positions = positions.map((p) => p / lineLength);
  const rows = model.summaryLayers().map((layer) => {
    const params = layer.built ? thousands(layer.countParams()) : '0 (unbuilt)';
    const row = [`${layer.name} (${layer.className})`, model.outputShapeText(layer), params];
    if (!sequential) row.push(model.connections(layer));
    return row;
  });
  const count = (ws: { size: number }[]): number => ws.reduce((n, w) => n + w.size, 0);
  const bytes = (ws: { data: { nbytes: number } }[]): number => ws.reduce((n, w) => n + w.data.nbytes, 0);
  const tw = model.trainableWeights;
  const nw = model.nonTrainableWeights;
  const opt = model.optimizerState();
  const totalCount = count(tw) + count(nw) + (opt?.count ?? 0);
  const totalBytes = bytes(tw) + bytes(nw) + (opt?.bytes ?? 0);
  const lines = [
    `Model: "${model.name}"`,
    renderTable(header, rows, justify, positions, lineLength),
    ` Total params: ${thousands(totalCount)} (${readableMemorySize(totalBytes)})`,
    ` Trainable params: ${thousands(count(tw))} (${readableMemorySize(bytes(tw))})`,
    ` Non-trainable params: ${thousands(count(nw))} (${readableMemorySize(bytes(nw))})`,
  ];
  if (opt) lines.push(` Optimizer params: ${thousands(opt.count)} (${readableMemorySize(opt.bytes)})`);
  return `${lines.join('\n')}\n`;
}

/** Formats one output shape or several (`[(None, 8), (None, 4)]`). */
export function shapesText(shapes: readonly (readonly (number | null)[])[]): string {
  if (shapes.length === 1) return pyShape(shapes[0]);
  return `[${shapes.map((s) => pyShape(s)).join(', ')}]`;
}
