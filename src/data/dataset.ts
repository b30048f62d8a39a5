/**
 * Datasets: anything with a `length` and a `get(i)`, as in PyTorch's `torch.utils.data`.
 *
 * ```ts
 * const ds = new ArrayDataset(X, y);          // X (N, 2), y (N,)
 * const [x0, y0] = ds.get(0);                 // x0 (2,), y0 ()
 * const [train, val] = randomSplit(ds, [0.8, 0.2], 0);
 * ```
 */
import * as nd from '../nd/index.js';
import { IndexError, ShapeError, ValueError, formatShape } from '../nd/errors.js';
import { defaultRng, type Generator } from '../nd/random/index.js';

/** A map-style dataset: `length` items, item `i` from `get(i)` (0 ≤ i < length). */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): T;
  /**
   * Optional fast path for loaders: the collated batch of `indices` in one step (what
   * `defaultCollate(indices.map(i => get(i)))` returns), e.g. one gather per array.
   */
  getBatch?(indices: readonly number[]): unknown;
}

/** A seeded generator, or a seed for `defaultRng`. */
export type RngLike = Generator | number | bigint;

/** The generator behind an `RngLike`: a Generator is used as is (its stream advances). */
export function toRng(rng: RngLike | undefined, what: string): Generator {
  if (rng === undefined) {
    throw new ValueError(`${what}: needs a seeded generator (rng: nd.random.defaultRng(seed)) or a seed`);
  }
  return typeof rng === 'number' || typeof rng === 'bigint' ? defaultRng(rng) : rng;
}

function checkIndex(index: number, length: number, what: string): number {
  if (!Number.isInteger(index)) throw new IndexError(`${what}: index must be an integer, got ${index}`);
  const i = index < 0 ? index + length : index;
  if (i < 0 || i >= length) {
    throw new IndexError(`${what}: index ${index} is out of bounds for a dataset of length ${length}`);
  }
  return i;
}

/**
 * Rows `indices` of `a` along axis 0 as a new C-contiguous array: `a[indices]` with one
 * `TypedArray.set` per row when `a` is C-contiguous (the loader's hot path), `nd.take` otherwise.
 */
export function gatherRows(a: nd.NDArray, indices: readonly number[]): nd.NDArray {
  const n = a.shape[0];
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new IndexError(`gatherRows: index ${i} is out of bounds for axis 0 with size ${n}`);
    }
  }
  if (!a.flags.cContiguous) return nd.take(a, [...indices], { axis: 0 });
  const row = a.shape.slice(1).reduce((p, d) => p * d, 1);
  const Ctor = a.data.constructor as new (n: number) => typeof a.data;
  const out = new Ctor(indices.length * row);
  for (let k = 0; k < indices.length; k++) {
    const from = a.offset + indices[k] * row;
    out.set(a.data.subarray(from, from + row), k * row);
  }
  return nd.NDArray.fromData(out, [indices.length, ...a.shape.slice(1)], a.dtype);
}

/**
 * PyTorch's `TensorDataset` over NDArrays: item `i` is `[a0[i], a1[i], …]` (row views along the
 * first axis). Every array must have the same first dimension.
 *
 * ```ts
 * const ds = new ArrayDataset(images, labels); // (N, 28, 28), (N,)
 * ds.get(3);                                   // [image (28, 28), label ()]
 * ```
 */
export class ArrayDataset<T extends nd.NDArray[] = nd.NDArray[]> implements Dataset<T> {
  readonly arrays: T;
  readonly length: number;

  constructor(...arrays: T) {
    if (arrays.length === 0) throw new ValueError('ArrayDataset: expected at least one array');
    for (const a of arrays) {
      if (a.ndim === 0) throw new ShapeError('ArrayDataset: arrays need a first axis, got a 0-d array');
    }
    const n = arrays[0].shape[0];
    arrays.forEach((a, k) => {
      if (a.shape[0] !== n) {
        throw new ShapeError(
          `ArrayDataset: size mismatch between arrays: array 0 has shape ${formatShape(arrays[0].shape)} ` +
            `and array ${k} has shape ${formatShape(a.shape)}; expected the same first dimension`,
        );
      }
    });
    this.arrays = arrays;
    this.length = n;
  }

  get(index: number): T {
    const i = checkIndex(index, this.length, 'ArrayDataset.get');
    return this.arrays.map((a) => a.get(i)) as T;
  }

  /** The rows `indices` of every array, gathered into new arrays: `[a0[idx], a1[idx], …]`. */
  getBatch(indices: readonly number[]): T {
    return this.arrays.map((a) => gatherRows(a, indices)) as T;
  }
}

/** PyTorch's `TensorDataset` name for `ArrayDataset`. */
export const TensorDataset = ArrayDataset;

/** A dataset over a plain list of items (sentences, records …). */
export class ListDataset<T> implements Dataset<T> {
  readonly items: readonly T[];
  constructor(items: readonly T[]) {
    this.items = items;
  }
  get length(): number {
    return this.items.length;
  }
  get(index: number): T {
    return this.items[checkIndex(index, this.items.length, 'ListDataset.get')];
  }
}

/** The items `indices` of another dataset, in that order (PyTorch's `Subset`). */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: readonly number[];
  /** Present when the underlying dataset has a fast batch path: it forwards the mapped indices. */
  readonly getBatch?: (indices: readonly number[]) => unknown;

  constructor(dataset: Dataset<T>, indices: readonly number[]) {
    for (const i of indices) checkIndex(i, dataset.length, 'Subset');
    this.dataset = dataset;
    this.indices = indices.map((i) => (i < 0 ? i + dataset.length : i));
    const batch = dataset.getBatch?.bind(dataset);
    if (batch) {
      this.getBatch = (idx) =>
        batch(idx.map((i) => this.indices[checkIndex(i, this.indices.length, 'Subset')]));
    }
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    return this.dataset.get(this.indices[checkIndex(index, this.indices.length, 'Subset.get')]);
  }
}

/**
 * Splits `dataset` into non-overlapping random subsets (PyTorch's `random_split`).
 *
 * `lengths` are counts that sum to `dataset.length`, or fractions that sum to 1: then each part
 * gets ⌊f·n⌋ items and the remainder goes one by one to the parts in order, as PyTorch does.
 * The order comes from `rng.permutation(n)`, so a seed gives the same split every time.
 *
 * ```ts
 * const [train, test] = randomSplit(ds, [8000, 2000], nd.random.defaultRng(0));
 * ```
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], rng: RngLike): Subset<T>[] {
  const n = dataset.length;
  let counts: number[];
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (lengths.some((l) => !Number.isFinite(l) || l < 0)) {
    throw new ValueError(`randomSplit: lengths must be non-negative, got [${lengths.join(', ')}]`);
  }
  if (Math.abs(sum - 1) < 1e-9 && sum <= 1 + 1e-12) {
    counts = lengths.map((f) => Math.floor(f * n));
    let rest = n - counts.reduce((a, b) => a + b, 0);
    for (let k = 0; rest > 0; k = (k + 1) % counts.length, rest--) counts[k]++;
  } else {
    if (!lengths.every(Number.isInteger) || sum !== n) {
      throw new ValueError(
        `randomSplit: sum of input lengths (${sum}) does not equal the length of the dataset (${n}); ` +
          `expected counts summing to ${n} or fractions summing to 1`,
      );
    }
    counts = [...lengths];
  }
  const perm = Array.from(toRng(rng, 'randomSplit').permutation(n).data);
  const parts: Subset<T>[] = [];
  let at = 0;
  for (const c of counts) {
    parts.push(new Subset(dataset, perm.slice(at, at + c)));
    at += c;
  }
  return parts;
}
