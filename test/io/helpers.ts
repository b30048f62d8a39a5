/** Helpers for the io tests: fixtures, exact array comparison, hand-made safetensors files. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { FormatError } from '../../src/nd/index.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fixture file's bytes. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}${name}`));
}

export type Value = number | boolean | string;

/** What test/golden/gen_safetensors.py says a tensor holds. */
export interface TensorSpec {
  name: string;
  file_dtype: string;
  dtype: nd.DType;
  shape: number[];
  values: Value[];
}

export interface FileSpec {
  file: string;
  bytes: number;
  metadata: Record<string, string> | null;
  order: string[];
  writable: boolean;
  tensors: TensorSpec[];
}

export const EXPECTED = JSON.parse(readFileSync(`${FIXTURES}safetensors_expected.json`, 'utf8')) as {
  checked_with_real_library: string | null;
  files: FileSpec[];
};

function decodeValue(v: Value): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === '-0') return -0;
  return v as number;
}

/** The NDArray a spec describes (values stored exactly: the typed array does the narrowing). */
export function fromSpec(t: { dtype: nd.DType; shape: number[]; values: Value[] }): nd.NDArray {
  const data = nd.zeros([t.values.length], { dtype: t.dtype }).data;
  t.values.forEach((v, i) => (data[i] = decodeValue(v)));
  return nd.NDArray.fromData(data, t.shape, t.dtype);
}

/** Values of an array in C order as the generator writes them ('nan', '-0', booleans …). */
export function valuesOf(a: nd.NDArray): Value[] {
  return Array.from(a.copy().data, (v) => {
    if (a.dtype === 'bool') return v !== 0;
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    if (Object.is(v, -0)) return '-0';
    return v;
  });
}

/** Asserts same dtype, shape and bit-identical values (NaN equals NaN, -0 differs from 0). */
export function expectSameArray(actual: nd.NDArray, expected: nd.NDArray): void {
  expect(actual.dtype).toBe(expected.dtype);
  expect([...actual.shape]).toEqual([...expected.shape]);
  expect(valuesOf(actual)).toEqual(valuesOf(expected));
}

/** A safetensors file with the given header text (unpadded unless the text is) and data bytes. */
export function makeFile(header: string | object, data: ArrayLike<number> = []): Uint8Array {
  const text = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

/** Runs `f`, expects a FormatError, and returns it (for checking its message and offset). */
export function formatErrorOf(f: () => unknown): FormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('expected a FormatError, but nothing was thrown');
}
