/**
 * Model files on disk, for Node.js (the future `mlseries/io/node` entry): safetensors weights,
 * training checkpoints and `<name>.json` + `<name>.safetensors` model pairs. Every save is atomic
 * (./atomic.ts): a process killed mid-save leaves the previous file intact.
 *
 * The byte-level halves (`encodeSafetensors`, `decodeCheckpoint`, …) are in ./index.ts and work
 * in browsers; this is the only io file that imports `node:*` besides ./atomic.ts.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic.js';
import { decodeSafetensors, encodeSafetensorsChunks, type DecodedSafetensors } from './safetensors.js';
import {
  decodeCheckpoint,
  encodeCheckpointChunks,
  type Checkpoint,
  type LoadedCheckpoint,
} from './checkpoint.js';
import {
  decodeModelFiles,
  encodeModelFilesChunks,
  type LoadedModelFiles,
  type ModelFilesInput,
} from './modelfiles.js';
import type { StateDict, StringMap } from './statedict.js';

export { writeFileAtomic, removeStaleTempFiles, type AtomicWriteOptions } from './atomic.js';

/** The file's bytes; the arrays loaded from it may be views on this private buffer (no copy). */
function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Writes named arrays to a `.safetensors` file, atomically. `tensors` may be
 * `model.stateDict()` (values NDArrays or tensors); metadata values must be strings.
 *
 * ```ts
 * saveSafetensors('weights.safetensors', model.stateDict(), { format: 'pt' });
 * ```
 */
export function saveSafetensors(
  path: string,
  tensors: StateDict,
  metadata?: StringMap | null,
  opts?: AtomicWriteOptions,
): void {
  writeFileAtomic(path, encodeSafetensorsChunks(tensors, metadata ?? null), opts);
}

/** Reads a `.safetensors` file: `{ tensors: Map<name, NDArray>, metadata }`. FormatError if malformed. */
export function loadSafetensors(path: string): DecodedSafetensors {
  return decodeSafetensors(readBytes(path), { copy: false });
}

/**
 * Saves a training checkpoint (model state, optimiser state, epoch, step, RNG state, extras) to
 * one safetensors file, atomically. See ./checkpoint.ts for the layout.
 *
 * ```ts
 * saveCheckpoint('run/ckpt.safetensors', {
 *   model: model.stateDict(), optimizer: opt.stateDict(), epoch, step, rng: rng.getState(),
 * });
 * ```
 */
export function saveCheckpoint(path: string, ckpt: Checkpoint, opts?: AtomicWriteOptions): void {
  writeFileAtomic(path, encodeCheckpointChunks(ckpt), opts);
}

/** Loads a checkpoint written by {@link saveCheckpoint}; the model state comes back as a Map. */
export function loadCheckpoint(path: string): LoadedCheckpoint {
  return decodeCheckpoint(readBytes(path), { copy: false });
}

/** The two files of a saved model. */
export interface ModelFilePaths {
  jsonPath: string;
  weightsPath: string;
}

/**
 * Where the files of the model at `path` live: `path` may name either file (`m.json`,
 * `m.safetensors`), their common stem (`m`), or a directory (then `dir/model.json` and
 * `dir/model.safetensors`; a path ending in '/' is taken as a directory even before it exists).
 */
export function modelFilePaths(path: string): ModelFilePaths {
  let stem: string;
  if (path.endsWith('/') || path.endsWith('\\') || (existsSync(path) && statSync(path).isDirectory())) {
    stem = join(path, 'model');
  } else if (path.endsWith('.json')) stem = path.slice(0, -'.json'.length);
  else if (path.endsWith('.safetensors')) stem = path.slice(0, -'.safetensors'.length);
  else stem = path;
  return { jsonPath: `${stem}.json`, weightsPath: `${stem}.safetensors` };
}

/**
 * Saves a model as `<name>.json` (architecture) + `<name>.safetensors` (weights), each file
 * atomically, weights first (see ./modelfiles.ts for why a crash between the two is harmless).
 * Creates missing directories. Returns the two paths.
 *
 * ```ts
 * saveModelFiles('out/mnist', { architecture: model.getConfig(), weights: model.stateDict() });
 * // → out/mnist.json, out/mnist.safetensors
 * ```
 */
export function saveModelFiles(
  path: string,
  model: ModelFilesInput,
  opts?: AtomicWriteOptions,
): ModelFilePaths {
  const paths = modelFilePaths(path);
  mkdirSync(dirname(paths.weightsPath), { recursive: true });
  const { json, weights } = encodeModelFilesChunks(model, basename(paths.weightsPath));
  writeFileAtomic(paths.weightsPath, weights, opts);
  writeFileAtomic(paths.jsonPath, json, opts);
  return paths;
}

/**
 * Loads a model saved by {@link saveModelFiles}: `{ architecture, weights, metadata,
 * architectureSource }`. The JSON file is optional; the weights file is required.
 */
export function loadModelFiles(path: string): LoadedModelFiles & ModelFilePaths {
  const paths = modelFilePaths(path);
  const weights = readBytes(paths.weightsPath);
  const json = existsSync(paths.jsonPath) ? readFileSync(paths.jsonPath, 'utf8') : null;
  return { ...decodeModelFiles(json, weights, { copy: false }), ...paths };
}
