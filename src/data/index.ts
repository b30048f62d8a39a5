/**
 * `data`: datasets, loaders and tokenisers; generated point sets; MNIST / Fashion-MNIST; text sets.
 *
 * ```ts
 * import { data, nd } from 'mlseries';
 * const { X, y } = data.makeMoons(200, { noise: 0.2, rng: nd.random.defaultRng(0) });
 * const loader = new data.DataLoader(new data.ArrayDataset(X, y), { batchSize: 32, shuffle: true, seed: 0 });
 * for (const [xb, yb] of loader) {
 *   // xb (32, 2) float64, yb (32,) int64
 * }
 * const { train, test } = await data.loadEmbeddedMnist(); // (8000, 28, 28), (2000, 28, 28)
 * ```
 *
 * Everything here runs in browsers too, except the functions that read or write files
 * (`loadMnist`, `loadFashionMnist`, `downloadDataset`, `downloadFile`): they import their `node:`
 * modules when called, so bundling this module is safe.
 */
export {
  ArrayDataset,
  TensorDataset,
  ListDataset,
  Subset,
  randomSplit,
  gatherRows,
  toRng,
  type Dataset,
  type RngLike,
} from './dataset.js';
export { DataLoader, defaultCollate, type Collated, type DataLoaderOptions } from './dataloader.js';
export {
  makeMoons,
  makeCircles,
  makeBlobs,
  spirals,
  yinYang,
  yinYangLabel,
  YIN_YANG_CLASSES,
  day2Line,
  day3Points,
  type NormalSource,
  type MoonsOptions,
  type PointSet,
  type CirclesOptions,
  type BlobsOptions,
  type SpiralsOptions,
  type YinYangOptions,
} from './generated.js';
export {
  loadEmbeddedMnist,
  parseImageSplits,
  toImageSet,
  FASHION_MNIST_CLASSES,
  IDX_FILES,
  type ImageSet,
  type ImageSplits,
  type ImageLoadOptions,
  type ImageDatasetName,
  type IdxFileBytes,
} from './mnist.js';
export {
  loadMnist,
  loadFashionMnist,
  dataRoot,
  searchDirs,
  findImageFiles,
  type ImageFilesOptions,
} from './mnist.node.js';
export {
  DATASETS,
  DEBIAN_FASHION_MNIST_DIR,
  isImageDatasetName,
  type RemoteDataset,
  type RemoteFile,
} from './sources.js';
export { DownloadError, type DownloadAttempt } from './errors.js';
export type {
  DownloadProgress,
  DownloadFileOptions,
  DownloadResult,
  DownloadDatasetOptions,
} from './download.js';
export {
  wordTokenize,
  charTokenize,
  KERAS_FILTERS,
  type WordTokenizeOptions,
  type CharTokenizeOptions,
} from './text/tokenize.js';
export {
  Vocabulary,
  SPECIAL_TOKENS,
  PAD,
  UNK,
  START,
  END,
  type VocabularyOptions,
  type TokenizerLike,
  type EncodeOptions,
  type DecodeOptions,
} from './text/vocab.js';
export { padSequences, type PadOptions } from './text/pad.js';
export {
  rnnSentiment,
  transformerToy,
  loadUciSentiment,
  type SentimentPhrase,
  type RnnSentimentData,
  type TransformerToyData,
  type LabelledSentence,
} from './text/datasets.js';

import type { ImageDatasetName } from './mnist.js';
import type { DownloadDatasetOptions, DownloadFileOptions, DownloadResult } from './download.js';

/**
 * Downloads MNIST or Fashion-MNIST into the cache (Node only; loads download.ts on first use).
 * See download.ts for mirrors, checksums and resume.
 */
export async function downloadDataset(
  name: ImageDatasetName,
  opts?: DownloadDatasetOptions,
): Promise<{ dir: string; files: DownloadResult[] }> {
  const m = await import('./download.js');
  return m.downloadDataset(name, opts);
}

/** Downloads one file with a SHA-256 check, resume and mirror fallback (Node only; lazy). */
export async function downloadFile(
  urls: readonly string[],
  dest: string,
  opts: DownloadFileOptions,
): Promise<DownloadResult> {
  const m = await import('./download.js');
  return m.downloadFile(urls, dest, opts);
}
