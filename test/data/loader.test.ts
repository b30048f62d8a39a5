/**
 * Dataset, ArrayDataset, Subset, randomSplit and DataLoader: batch shapes, every index once per
 * epoch, seeded reproducible shuffling that changes from epoch to epoch, dropLast, collation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nd from '../../src/nd/index.js';
import { IndexError, ShapeError, ValueError } from '../../src/nd/errors.js';
import { defaultRng } from '../../src/nd/random/index.js';
import {
  ArrayDataset,
  ListDataset,
  Subset,
  TensorDataset,
  gatherRows,
  randomSplit,
  type Dataset,
} from '../../src/data/dataset.js';
import { DataLoader, defaultCollate } from '../../src/data/dataloader.js';

const data = (n: number) => {
  const X = nd.arange(0, n * 3, 1, { dtype: 'float32' }).reshape(n, 3); // row i = [3i, 3i+1, 3i+2]
  const y = nd.arange(0, n, 1, { dtype: 'int64' });
  return new ArrayDataset(X, y);
};
const ids = (y: nd.NDArray): number[] => Array.from(y.toTypedArray());

describe('ArrayDataset', () => {
  it('items are rows of every array; mismatched first axes are rejected', () => {
    const ds = data(5);
    expect(ds.length).toBe(5);
    const [x, y] = ds.get(2);
    expect(x.shape).toEqual([3]);
    expect(Array.from(x.toTypedArray())).toEqual([6, 7, 8]);
    expect(y.item()).toBe(2);
    expect(ds.get(-1)[1].item()).toBe(4);
    expect(() => ds.get(5)).toThrow(IndexError);
    expect(() => new ArrayDataset(nd.zeros([4, 2]), nd.zeros([5]))).toThrow(ShapeError);
    expect(() => new ArrayDataset(nd.zeros([4, 2]), nd.zeros([5]))).toThrow(/\(4,2\).*\(5,\)/);
    expect(TensorDataset).toBe(ArrayDataset);
  });

  it('gatherRows equals take on contiguous and strided arrays', () => {
    const a = nd.arange(24).reshape(4, 3, 2);
    const idx = [3, 0, 0, 2];
    expect(gatherRows(a, idx).toArray()).toEqual(nd.take(a, idx, { axis: 0 }).toArray());
    const t = a.get(nd.slice(null, null, -1)); // a reversed view
    expect(gatherRows(t, idx).toArray()).toEqual(nd.take(t, idx, { axis: 0 }).toArray());
    expect(() => gatherRows(a, [4])).toThrow(IndexError);
  });
});

describe('DataLoader', () => {
  it('in order: ⌈n/b⌉ batches, stacked rows, a short last batch unless dropLast', () => {
    const loader = new DataLoader(data(10), { batchSize: 4 });
    expect(loader.length).toBe(3);
    const batches = [...loader];
    expect(batches.map(([x]) => x.shape)).toEqual([
      [4, 3],
      [4, 3],
      [2, 3],
    ]);
    expect(batches.map(([, y]) => ids(y))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(batches[0][0].dtype).toBe('float32');
    expect(batches[0][1].dtype).toBe('int64');
    const dropped = new DataLoader(data(10), { batchSize: 4, dropLast: true });
    expect(dropped.length).toBe(2);
    expect([...dropped].length).toBe(2);
  });

  it('shuffle: each epoch a permutation of all indices; same seed same epochs; epochs differ', () => {
    const make = () => new DataLoader(data(23), { batchSize: 5, shuffle: true, seed: 42 });
    const run = (l: ReturnType<typeof make>) => [...l].flatMap(([, y]) => ids(y));
    const a = make();
    const b = make();
    const a1 = run(a);
    const a2 = run(a);
    expect([...a1].sort((p, q) => p - q)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(a1).not.toEqual(a2);
    expect(run(b)).toEqual(a1);
    expect(run(b)).toEqual(a2);
    expect(a.epoch).toBe(2);
    // the order is rng.permutation(n) per epoch, as NumPy's Generator draws it
    const rng = defaultRng(42);
    expect(a1).toEqual(ids(rng.permutation(23)));
    expect(a2).toEqual(ids(rng.permutation(23)));
  });

  it('x rows stay paired with their labels after shuffling', () => {
    for (const [x, y] of new DataLoader(data(17), { batchSize: 6, shuffle: true, rng: defaultRng(1) })) {
      expect(Array.from(x.get(nd.slice(), 0).toTypedArray())).toEqual(ids(y).map((i) => 3 * i));
    }
  });

  it('shuffle without a generator is an error that says what to pass', () => {
    expect(() => new DataLoader(data(3), { shuffle: true })).toThrow(/seed/);
    expect(() => new DataLoader(data(3), { batchSize: 0 })).toThrow(ValueError);
  });

  it('property: any n, batch size and dropLast give the documented batch sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (n, b, drop) => {
          const ds = new ArrayDataset(nd.arange(0, n, 1, { dtype: 'int64' }));
          const loader = new DataLoader(ds, { batchSize: b, dropLast: drop, shuffle: true, seed: n });
          const sizes = [...loader].map(([y]) => y.shape[0]);
          expect(sizes.length).toBe(loader.length);
          const full = Math.floor(n / b);
          expect(sizes.slice(0, full)).toEqual(new Array<number>(full).fill(b));
          if (!drop && n % b) expect(sizes[full]).toBe(n % b);
          expect(sizes.reduce((s, v) => s + v, 0)).toBe(drop ? full * b : n);
        },
      ),
    );
  });

  it('a custom collate gets the items; a plain dataset is collated by defaultCollate', () => {
    const loader = new DataLoader(data(5), {
      batchSize: 2,
      collate: (items) => items.map(([, y]) => y.item()),
    });
    expect([...loader]).toEqual([[0, 1], [2, 3], [4]]);
    const records: Dataset<{ x: nd.NDArray; label: number; name: string }> = new ListDataset(
      [0, 1, 2].map((i) => ({ x: nd.full([2, 2], i), label: i, name: `n${i}` })),
    );
    const [batch] = [...new DataLoader(records, { batchSize: 3 })];
    expect(batch.x.shape).toEqual([3, 2, 2]);
    expect(batch.label.dtype).toBe('int64');
    expect(ids(batch.label)).toEqual([0, 1, 2]);
    expect(batch.name).toEqual(['n0', 'n1', 'n2']);
  });

  it('defaultCollate: numbers, booleans, tuples; shape mismatches are clear errors', () => {
    expect(defaultCollate([1, 2]).dtype).toBe('int64');
    expect(defaultCollate([1.5, 2]).dtype).toBe('float64');
    expect(defaultCollate([true, false]).dtype).toBe('bool');
    const [a, b] = defaultCollate([
      [nd.zeros([2]), 1],
      [nd.ones([2]), 0],
    ] as [nd.NDArray, number][]);
    expect(a.shape).toEqual([2, 2]);
    expect(ids(b)).toEqual([1, 0]);
    expect(() => defaultCollate([nd.zeros([2]), nd.zeros([3])])).toThrow(
      /item 0 is an array of shape \(2,\) and item 1 is an array of shape \(3,\)/,
    );
  });
});

describe('randomSplit and Subset', () => {
  it('counts: disjoint, covering, reproducible; Subset maps indices and keeps the fast batch path', () => {
    const ds = data(10);
    const [a, b] = randomSplit(ds, [7, 3], 0);
    expect([a.length, b.length]).toEqual([7, 3]);
    const all = [...a.indices, ...b.indices].sort((p, q) => p - q);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...randomSplit(ds, [7, 3], 0)[0].indices]).toEqual([...a.indices]);
    expect(a.get(0)[1].item()).toBe(a.indices[0]);
    expect(typeof a.getBatch).toBe('function');
    const [xb, yb] = [...new DataLoader(a, { batchSize: 7 })][0];
    expect(ids(yb)).toEqual([...a.indices]);
    expect(xb.shape).toEqual([7, 3]);
    expect(new Subset(new ListDataset([1, 2]), [1]).getBatch).toBeUndefined();
  });

  it('fractions as PyTorch: floor, then the remainder one by one from the first part', () => {
    const parts = randomSplit(data(10), [0.33, 0.33, 0.34], defaultRng(0));
    expect(parts.map((p) => p.length)).toEqual([4, 3, 3]);
    expect(() => randomSplit(data(10), [5, 4], 0)).toThrow(
      /sum of input lengths \(9\) does not equal the length of the dataset \(10\)/,
    );
  });
});
