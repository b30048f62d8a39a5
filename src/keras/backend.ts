/**
 * The little global state the Keras API keeps, as Keras itself does: the counters that name
 * layers (`dense`, `dense_1`, …), the seeded generators behind shuffling and unseeded
 * initialisers, and where text output (progress bars, summaries, callback messages) goes.
 *
 * `clearSession()` resets all of it (Keras's `keras.backend.clear_session()`);
 * `setRandomSeed(n)` reseeds both generators (`keras.utils.set_random_seed(n)`).
 *
 * Browser-safe: the default writer finds `process.stdout` through `globalThis` at call time, so
 * nothing here imports a `node:` module.
 */
import { defaultRng, type Generator } from '../nd/random/generator.js';

// ------------------------------------------------------------------------------------- naming

/** Keras's `to_snake_case`: `Conv2D` → `conv2d`, `MaxPooling2D` → `max_pooling2d`, `SimpleRNN` → `simple_rnn`. */
export function toSnakeCase(name: string): string {
  let s = name.replace(/\W+/g, '');
  s = s.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  s = s.replace(/([a-z])([A-Z])/g, '$1_$2');
  return s.toLowerCase();
}

const nameCounts = new Map<string, number>();

/** `base` the first time, then `base_1`, `base_2`, … (Keras's `auto_name`). */
export function uniqueName(base: string): string {
  const n = nameCounts.get(base) ?? 0;
  nameCounts.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

// -------------------------------------------------------------------------------------- seeds

/** The seed used when `setRandomSeed` was never called, so every run is reproducible. */
export const DEFAULT_SEED = 0;

let shuffleGen: Generator = defaultRng(DEFAULT_SEED);
let layerGen: Generator = defaultRng(DEFAULT_SEED);

/**
 * Reseeds the generator that shuffles `fit`'s batches (NumPy's global generator in Keras) and
 * the one that unseeded initialisers and dropout layers draw from (Keras's backend seed).
 */
export function setRandomSeed(seed: number): void {
  shuffleGen = defaultRng(seed);
  layerGen = defaultRng(seed);
}

/** The generator `fit` draws its per-epoch permutations from. */
export function shuffleGenerator(): Generator {
  return shuffleGen;
}

/** The generator unseeded initialisers draw from. */
export function layerGenerator(): Generator {
  return layerGen;
}

/** A fresh seed from the layer generator, for a layer or initialiser that keeps its own stream. */
export function drawSeed(): number {
  return Number(layerGen.integers(0, 2 ** 31 - 1));
}

// ------------------------------------------------------------------------------------- output

/**
 * Where text goes. `isTTY` says whether the target redraws lines (a terminal): progress bars
 * animate only there. `columns` is the terminal width when known.
 */
export interface Writer {
  write(text: string): void;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

interface StdoutLike {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** process.stdout in Node; console.log line by line elsewhere. */
export function defaultWriter(): Writer {
  const proc = (globalThis as { process?: { stdout?: StdoutLike } }).process;
  const out = proc?.stdout;
  if (out && typeof out.write === 'function') {
    return {
      write: (t) => void out.write(t),
      get isTTY() {
        return out.isTTY === true;
      },
      get columns() {
        return out.columns;
      },
    };
  }
  let pending = '';
  return {
    write(t: string) {
      pending += t;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      // a carriage return redraws the line on a terminal; the console keeps what follows it
      for (const line of lines) console.log(line.slice(line.lastIndexOf('\r') + 1));
    },
    isTTY: false,
  };
}

let writer: Writer | null = null;

/** Sends all Keras text output to `w` (null: back to the default). */
export function setWriter(w: Writer | null): void {
  writer = w;
}

/** The current writer. */
export function getWriter(): Writer {
  return writer ?? defaultWriter();
}

/** Writes one message followed by a newline (Keras's `io_utils.print_msg`). */
export function printMsg(message: string): void {
  getWriter().write(`${message}\n`);
}

// ------------------------------------------------------------------------------------ session

/** Resets layer-name counters and both generators (Keras's `clear_session`); keeps the writer. */
export function clearSession(): void {
  nameCounts.clear();
  setRandomSeed(DEFAULT_SEED);
}
