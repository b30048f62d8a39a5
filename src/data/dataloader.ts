/**
 * DataLoader: batches of a dataset, in order or shuffled by a seeded generator, one epoch per
 * `for … of` (PyTorch's `torch.utils.data.DataLoader`, single process).
 *
 * ```ts
 * const loader = new DataLoader(new ArrayDataset(X, y), { batchSize: 32, shuffle: true, seed: 0 });
 * for (let epoch = 0; epoch < 5; epoch++) {
 *   for (const [xb, yb] of loader) {  // xb (32, 2), yb (32,); the last batch may be smaller
 *   }
 * }
 * ```
 */
import * as nd from '../nd/index.js';
import { ShapeError, ValueError, formatShape } from '../nd/errors.js';
import type { Generator } from '../nd/random/index.js';
import { toRng, type Dataset, type RngLike } from './dataset.js';

/** What `defaultCollate` makes of a list of items of type `T`. */
export type Collated<T> = T extends nd.NDArray
  ? nd.NDArray
  : T extends number | boolean
    ? nd.NDArray
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : T[];

function describe(x: unknown): string {
  if (x instanceof nd.NDArray) return `an array of shape ${formatShape(x.shape)}`;
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return x === null ? 'null' : `a ${typeof x}`;
}

/**
 * Stacks a list of items into a batch, like PyTorch's `default_collate`: arrays are stacked along
 * a new first axis (all must have one shape), numbers become a 1-d array (int64 when all are
 * integers, else float64), booleans a bool array, strings stay a list, and tuples and plain
 * objects are collated field by field.
 */
export function defaultCollate<T>(items: readonly T[]): Collated<T> {
  if (items.length === 0)
    throw new ValueError('defaultCollate: expected at least one item, got an empty batch');
  const first = items[0] as unknown;
  const all = items as readonly unknown[];
  if (first instanceof nd.NDArray) {
    all.forEach((it, k) => {
      if (
        !(it instanceof nd.NDArray) ||
        it.ndim !== first.ndim ||
        it.shape.some((d, i) => d !== first.shape[i])
      ) {
        throw new ShapeError(
          `defaultCollate: stack expects each item to be an array of the same shape, but item 0 is ` +
            `${describe(first)} and item ${k} is ${describe(it)}`,
        );
      }
    });
    return nd.stack(all as nd.NDArray[]) as Collated<T>;
  }
  if (typeof first === 'number') {
    const nums = all as number[];
    return nd.array(nums, { dtype: nums.every(Number.isInteger) ? 'int64' : 'float64' }) as Collated<T>;
  }
  if (typeof first === 'boolean') return nd.array(all as boolean[], { dtype: 'bool' }) as Collated<T>;
  if (typeof first === 'string') return [...(all as string[])] as Collated<T>;
  if (Array.isArray(first)) {
    all.forEach((it, k) => {
      if (!Array.isArray(it) || it.length !== first.length) {
        throw new ValueError(
          `defaultCollate: each item in the batch should have the same length: item 0 is ` +
            `${describe(first)} and item ${k} is ${describe(it)}`,
        );
      }
    });
    return first.map((_, j) => defaultCollate(all.map((it) => (it as unknown[])[j]))) as Collated<T>;
  }
  if (first !== null && typeof first === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      out[key] = defaultCollate(all.map((it) => (it as Record<string, unknown>)[key]));
    }
    return out as Collated<T>;
  }
  throw new ValueError(
    `defaultCollate: cannot collate ${describe(first)}; expected arrays, numbers, strings, lists or objects`,
  );
}

export interface DataLoaderOptions<T, B> {
  /** Items per batch (default 1). */
  batchSize?: number;
  /** Draw a new order every epoch (default false). Needs `rng` or `seed`. */
  shuffle?: boolean;
  /** The generator that orders the epochs (or a seed for `nd.random.defaultRng`). */
  rng?: RngLike;
  /** Shorthand for `rng: nd.random.defaultRng(seed)`. */
  seed?: number;
  /** Drop the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /** Turns a list of items into a batch (default `defaultCollate`, or the dataset's `getBatch`). */
  collate?: (items: T[]) => B;
}

/**
 * Iterates a dataset in batches. Each `for … of` (each call to `[Symbol.iterator]`) is one epoch;
 * with `shuffle`, the epoch's order is `rng.permutation(length)` drawn when the epoch starts, so
 * a seeded loader gives the same sequence of epochs every run.
 *
 * Without a custom `collate`, a dataset with `getBatch` (ArrayDataset, Subset of one) builds
 * each batch with one gather per array instead of stacking single items.
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  /** Number of epochs started so far. */
  epoch = 0;
  private readonly rng: Generator | undefined;
  private readonly collate: ((items: T[]) => B) | undefined;

  constructor(dataset: Dataset<T>, opts: DataLoaderOptions<T, B> = {}) {
    const batchSize = opts.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new ValueError(`DataLoader: batchSize should be a positive integer, got ${batchSize}`);
    }
    if (opts.rng !== undefined && opts.seed !== undefined) {
      throw new ValueError('DataLoader: pass either rng or seed, not both');
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = opts.shuffle ?? false;
    this.dropLast = opts.dropLast ?? false;
    this.collate = opts.collate;
    const r = opts.rng ?? opts.seed;
    if (this.shuffle && r === undefined) {
      throw new ValueError(
        'DataLoader: shuffle needs a seeded generator: pass { rng: nd.random.defaultRng(seed) } or { seed }',
      );
    }
    this.rng = r === undefined ? undefined : toRng(r, 'DataLoader');
  }

  /** Batches per epoch: ⌈n / batchSize⌉, or ⌊n / batchSize⌋ with `dropLast`. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** One epoch's batches of indices (draws the shuffled order now). */
  batchIndices(): number[][] {
    const n = this.dataset.length;
    const order: number[] = this.shuffle
      ? Array.from(this.rng!.permutation(n).data)
      : Array.from({ length: n }, (_, i) => i);
    const batches: number[][] = [];
    for (let at = 0; at < n; at += this.batchSize) {
      const b = order.slice(at, at + this.batchSize);
      if (b.length < this.batchSize && this.dropLast) break;
      batches.push(b);
    }
    return batches;
  }

  /** The batch of the given dataset indices, as the loader builds it. */
  fetch(indices: readonly number[]): B {
    if (this.collate) return this.collate(indices.map((i) => this.dataset.get(i)));
    if (this.dataset.getBatch) return this.dataset.getBatch(indices) as B;
    return defaultCollate(indices.map((i) => this.dataset.get(i))) as B;
  }

  *[Symbol.iterator](): Iterator<B> {
    const batches = this.batchIndices();
    this.epoch++;
    for (const b of batches) yield this.fetch(b);
  }
}
