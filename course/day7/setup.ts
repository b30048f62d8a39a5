/**
 * Day 7's shared setup: the toy corpus, its vocabulary, the model sizes, the seeded initial
 * parameters, and a printer for labelled matrices.
 */
import * as nd from '../../src/nd/index.js';
import { transformerToy, type TransformerToyData } from '../../src/data/index.js';
import type { LessonContext } from '../lesson.js';
import { initTransformer, type TransformerConfig, type TransformerParams } from './transformer.js';

export interface Setup {
  data: TransformerToyData;
  config: TransformerConfig;
  /** The initial parameters (the same for every step of a run with this seed). */
  params: TransformerParams;
  /** Encoder input ids: "when you play game of thrones". */
  src: number[];
  /** Decoder input ids: "<start> you win or you die". */
  tgtIn: number[];
  /** Decoder targets: "you win or you die <end>". */
  tgtOut: number[];
  srcTokens: string[];
  tgtInTokens: string[];
  tgtOutTokens: string[];
}

/** Two heads of width d_k = 4 (the article's 6×4 projections), a feed-forward width of 12. */
export const HEADS = 2;
export const D_FF = 12;

export function setup(seed: number): Setup {
  const data = transformerToy();
  const v = data.vocabulary;
  const config: TransformerConfig = {
    vocabSize: v.size,
    dModel: data.dModel,
    dK: data.dK,
    heads: HEADS,
    dFF: D_FF,
  };
  const params = initTransformer(nd.random.defaultRng(seed), config);
  const src = v.encode(data.encoderInput);
  const tgtIn = v.encode(data.decoderTarget, { addStart: true });
  const tgtOut = v.encode(data.decoderTarget, { addEnd: true });
  const tokens = (ids: number[]) => ids.map((i) => v.token(i));
  return {
    data,
    config,
    params,
    src,
    tgtIn,
    tgtOut,
    srcTokens: tokens(src),
    tgtInTokens: tokens(tgtIn),
    tgtOutTokens: tokens(tgtOut),
  };
}

function cell(v: number, digits: number): string {
  if (v === -Infinity) return '-inf';
  if (v === Infinity) return 'inf';
  return v.toFixed(digits);
}

/**
 * A matrix as an aligned table with its name, shape, row labels (tokens) and column labels.
 *
 * ```
 * Q = X·W_q (head 1)  (6, 4)
 *              q0       q1       q2       q3
 * when     0.1234  -0.5678   …
 * ```
 */
export function matrixLines(
  name: string,
  m: nd.NDArray,
  opts: { rows?: readonly string[]; cols?: readonly string[]; digits?: number } = {},
): string[] {
  const a = m.ndim === 1 ? m.reshape(1, -1) : m;
  const [R, C] = a.shape;
  const digits = opts.digits ?? 4;
  const vals = a.toArray() as number[][];
  const rows = opts.rows ?? Array.from({ length: R }, (_, i) => String(i));
  const cols = opts.cols ?? Array.from({ length: C }, (_, j) => String(j));
  const rowW = Math.max(...rows.map((r) => r.length));
  const colW = Math.max(
    digits + 4,
    ...cols.map((c) => c.length),
    ...vals.flat().map((v) => cell(v, digits).length),
  );
  const lines = [`${name}  (${m.shape.join(', ')})`];
  lines.push(`${' '.repeat(rowW)} ${cols.map((c) => c.padStart(colW)).join(' ')}`);
  vals.forEach((row, i) =>
    lines.push(`${rows[i].padEnd(rowW)} ${row.map((v) => cell(v, digits).padStart(colW)).join(' ')}`),
  );
  return lines;
}

/** Prints a labelled matrix (see matrixLines). */
export function printMatrix(
  ctx: LessonContext,
  name: string,
  m: nd.NDArray,
  opts: { rows?: readonly string[]; cols?: readonly string[]; digits?: number } = {},
): void {
  for (const line of matrixLines(name, m, opts)) ctx.print(line);
}

/** Column labels d0 … d{n−1}. */
export function dims(n: number, prefix = 'd'): string[] {
  return Array.from({ length: n }, (_, j) => `${prefix}${j}`);
}
