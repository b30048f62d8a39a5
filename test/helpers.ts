/** Test helpers: decode golden JSON arrays and compare NDArrays with NumPy's results. */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as nd from '../src/nd/index.js';

export interface ArraySpec {
  dtype: nd.DType;
  shape: number[];
  data: (number | boolean | string)[];
}

/** Reads test/golden/<name>.json. */
export function loadGolden<T = unknown>(name: string): T {
  const url = new URL(`./golden/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as T;
}

export function decodeNumber(v: number | boolean | string): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

/** A golden array as an NDArray of the same dtype and shape. */
export function dec(spec: ArraySpec): nd.NDArray {
  const flat = nd.array(spec.data.map(decodeNumber), { dtype: 'float64' }).astype(spec.dtype);
  return flat.reshape(spec.shape);
}

/** Asserts dtype, shape and values (exact for integers and bools, `rtol` for floats). */
export function expectArray(
  actual: nd.NDArray,
  spec: ArraySpec,
  opts: { rtol?: number; atol?: number; dtype?: boolean } = {},
): void {
  if (opts.dtype !== false) expect(actual.dtype).toBe(spec.dtype);
  expect([...actual.shape]).toEqual(spec.shape);
  const got = Array.from(actual.astype('float64').toTypedArray());
  const want = spec.data.map(decodeNumber);
  const isFloat = spec.dtype === 'float32' || spec.dtype === 'float64';
  const half = (spec as { numpy_dtype?: string }).numpy_dtype === 'float16';
  const rtol = half ? 1e-3 : (opts.rtol ?? (spec.dtype === 'float32' ? 1e-6 : 1e-12));
  const atol = opts.atol ?? (spec.dtype === 'float32' ? 1e-7 : 1e-14);
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    if (Number.isNaN(w)) expect(g, `element ${i}`).toBeNaN();
    else if (!isFloat || !Number.isFinite(w)) expect(g === w, `element ${i}: ${g} vs ${w}`).toBe(true);
    else expect(Math.abs(g - w), `element ${i}: ${g} vs ${w}`).toBeLessThanOrEqual(atol + rtol * Math.abs(w));
  }
}

/** NumPy's exception class → ours. */
const ERROR_MAP: Record<string, string[]> = {
  IndexError: ['IndexError'],
  ValueError: ['ValueError', 'ShapeError'],
  TypeError: ['DTypeError', 'IndexError'],
  UFuncTypeError: ['DTypeError'],
  UFuncNoLoopError: ['DTypeError'],
  _UFuncNoLoopError: ['DTypeError'],
  _UFuncOutputCastingError: ['DTypeError'],
  _UFuncBinaryResolutionError: ['DTypeError'],
  OverflowError: ['ValueError'],
  LinAlgError: ['LinAlgError'],
  AxisError: ['ValueError'],
};

/** Asserts `fn` throws the mlseries error matching NumPy's, with the same message if `exact`. */
export function expectNumpyError(
  fn: () => unknown,
  golden: { error: string; message: string },
  exact = true,
): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${golden.error}: ${golden.message}`).toBeInstanceOf(Error);
  const e = caught as Error;
  expect(ERROR_MAP[golden.error] ?? [golden.error]).toContain(e.name);
  if (exact) expect(e.message).toBe(golden.message.trim());
}
