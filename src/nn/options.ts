/** What every layer with weights accepts: their dtype and the generator that initialises them. */
import { zeros } from '../nd/creation.js';
import type { Generator } from './rng.js';
import { Parameter } from './module.js';

export type FloatDType = 'float32' | 'float64';

export interface LayerOptions {
  /** float32 (default) or float64 (for gradient checks). */
  dtype?: FloatDType;
  /** Generator for the initial weights (default: the one `nn.manualSeed` sets). */
  rng?: Generator | null;
}

/** A zero-filled Parameter of `shape`, to be initialised. */
export function emptyParameter(shape: readonly number[], dtype: FloatDType = 'float32'): Parameter {
  return new Parameter(zeros([...shape], { dtype }));
}

/** `(3, 3)` as PyTorch prints tuples in reprs. */
export function tuple(v: readonly number[]): string {
  return `(${v.join(', ')}${v.length === 1 ? ',' : ''})`;
}

/** A number as Python's repr prints it (`1e-05`, `0.1`), for PyTorch-style reprs. */
export function pyNum(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    return v.toExponential().replace(/e([+-])(\d)$/, (_m, sign: string, d: string) => `e${sign}0${d}`);
  }
  return String(v);
}
