/**
 * Arrays in, batches out: what `fit`, `evaluate` and `predict` accept as data (NDArrays, nested
 * number lists, tensors; a list of them for a model with several inputs), the sample count check,
 * Keras's validation split (the last fraction, taken before any shuffling), and row slicing.
 */
import { NDArray } from '../nd/ndarray.js';
import { asarray, type ArrayLike } from '../nd/creation.js';
import { slice } from '../nd/indexing.js';
import { ValueError } from '../nd/errors.js';
import type { DType } from '../nd/dtype.js';
import { Tensor } from '../autograd/tensor.js';
import { gatherRows } from '../data/dataset.js';

/** One array of samples (first axis = samples). */
export type ArrayInput = NDArray | Tensor | ArrayLike;
/** The model's inputs: one array, or one per input. */
export type DataInput = ArrayInput | readonly ArrayInput[];

function one(x: ArrayInput): NDArray {
  if (x instanceof NDArray) return x;
  if (x instanceof Tensor) return x.data;
  return asarray(x as ArrayLike);
}

function isArrayInput(x: unknown): boolean {
  return x instanceof NDArray || x instanceof Tensor;
}

/**
 * The arrays of `x`: a list of arrays for a model with `inputs` inputs, or one array. (A nested
 * number list for a one-input model is one array.)
 */
export function toArrays(x: DataInput, inputs: number): NDArray[] {
  if (
    Array.isArray(x) &&
    inputs > 1 &&
    x.length === inputs &&
    x.every((e) => isArrayInput(e) || Array.isArray(e))
  ) {
    if (x.every(isArrayInput) || x.every((e) => Array.isArray(e) && Array.isArray(e[0])))
      return (x as ArrayInput[]).map(one);
  }
  if (Array.isArray(x) && x.length > 0 && x.every(isArrayInput)) return (x as ArrayInput[]).map(one);
  return [one(x as ArrayInput)];
}

/** The common number of samples; Keras's error when they differ. */
export function numSamples(xs: NDArray[], y: NDArray | null): number {
  const sizes = xs.map((a) => (a.ndim === 0 ? 1 : a.shape[0]));
  const n = sizes[0];
  const ySize = y === null ? n : y.ndim === 0 ? 1 : y.shape[0];
  if (sizes.some((s) => s !== n) || ySize !== n) {
    throw new ValueError(
      `Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. 'x' sizes: ${sizes.join(', ')}${y === null ? '' : ` 'y' sizes: ${ySize}`}`,
    );
  }
  return n;
}

/**
 * Keras's `validation_split`: the last `fraction` of the samples (before shuffling) become the
 * validation data. Returns [train, validation] row ranges.
 */
export function splitIndex(n: number, fraction: number): number {
  if (!(fraction > 0 && fraction < 1))
    throw new ValueError(`\`validationSplit\` must be between 0 and 1. Received: ${fraction}`);
  const at = Math.floor(n * (1 - fraction));
  if (at === 0 || at === n) {
    throw new ValueError(
      `Training data contains ${n} samples, which is not sufficient to split it into a validation and training set as specified by \`validationSplit=${fraction}\`. Either provide more data, or a different value for the \`validationSplit\` argument.`,
    );
  }
  return at;
}

/** Rows [start, end) of `a` (a view), or the rows `order[start:end]` (a copy). */
export function rows(
  a: NDArray,
  start: number,
  end: number,
  order: readonly number[] | null = null,
): NDArray {
  if (order === null) return a.get(slice(start, end));
  return gatherRows(a, order.slice(start, end));
}

/**
 * Casts an input array to the dtype of the model input it feeds (as Keras does); with no declared
 * input (a Sequential built from its first batch) floats become `floatDType` and integers, such as
 * token ids, are kept.
 */
export function castInput(a: NDArray, dtype: DType | null, floatDType: DType = 'float32'): NDArray {
  const target = dtype ?? (a.dtype === 'float32' || a.dtype === 'float64' ? floatDType : a.dtype);
  return a.dtype === target ? a : a.astype(target);
}
