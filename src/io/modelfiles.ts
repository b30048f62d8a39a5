/**
 * A saved model as two files side by side — `<name>.json` (the architecture, readable) and
 * `<name>.safetensors` (the weights) — on bytes and strings (browser-safe; the Node helpers that
 * write them atomically are in ./node.ts). `model.save(path)` and `keras.loadModel(path)` build
 * on these.
 *
 *   <name>.safetensors   the weights under their state-dict names, and in __metadata__:
 *                        "mlseries.format": "model", "mlseries.version": "1",
 *                        "architecture": the architecture as JSON text,
 *                        "keys": JSON list of the weight names in the model's order,
 *                        plus any caller metadata (e.g. {"format": "pt"})
 *   <name>.json          {"format": "mlseries.model", "version": 1, "architecture": …,
 *                         "weights": {"file": "<name>.safetensors", "bytes": …, "crc32": "…"}}
 *
 * Two files cannot be replaced in one atomic step, so the weights file is self-contained (it
 * carries the architecture too) and is written first; the JSON records the size and CRC-32 of the
 * weights it belongs to. On load, a JSON whose record matches supplies the architecture (so a
 * hand-edited JSON takes effect); one that does not match — a save interrupted between the two
 * renames — is set aside and the architecture comes from the weights file, so the pair loaded is
 * always one save's.
 */
import type { NDArray } from '../nd/ndarray.js';
import { FormatError, ValueError } from '../nd/errors.js';
import { crc32 } from '../nd/io/crc32.js';
import {
  concatChunks,
  decodeSafetensors,
  encodeSafetensorsChunks,
  type ByteChunks,
  type SafetensorsReadOptions,
} from './safetensors.js';
import { packValue, unpackValue, type Json } from './packing.js';
import {
  defineEntry,
  stateDictEntries,
  stringMapEntries,
  type StateDict,
  type StringMap,
} from './statedict.js';

/** The value of "format" in a model's JSON file. */
export const MODEL_JSON_FORMAT = 'mlseries.model';
/** The value of "mlseries.format" in a model's weights file. */
export const MODEL_WEIGHTS_FORMAT = 'model';
/** The model-file layout version this code writes and reads. */
export const MODEL_FILES_VERSION = 1;

const RESERVED = new Set(['mlseries.format', 'mlseries.version', 'architecture', 'keys']);

/** What `saveModelFiles` takes. */
export interface ModelFilesInput {
  /** The model's description (a Keras-style config): JSON values. */
  architecture: unknown;
  /** The weights: a state dict (name → NDArray or tensor). */
  weights: StateDict;
  /** Extra safetensors metadata strings (not the reserved keys above). */
  metadata?: StringMap;
}

/** What `loadModelFiles` returns. */
export interface LoadedModelFiles {
  architecture: unknown;
  /** name → NDArray, in the model's order: a state dict for `module.loadStateDict`. */
  weights: Record<string, NDArray>;
  /** The caller metadata that was saved (reserved keys removed). */
  metadata: Record<string, string>;
  /**
   * Where the architecture came from: 'json' when the JSON file matched the weights, 'weights'
   * when it was missing or belonged to another save (then the copy in the weights file is used).
   */
  architectureSource: 'json' | 'weights';
}

/** The two files' contents. */
export interface EncodedModelFiles {
  /** The text of `<name>.json`. */
  json: string;
  /** The bytes of `<name>.safetensors`. */
  weights: Uint8Array;
}

function architectureJson(architecture: unknown, what: string): Json {
  const arrays = new Map<string, NDArray>();
  const json = packValue(architecture, 'architecture.', arrays, `${what}: architecture`);
  if (arrays.size > 0) {
    throw new ValueError(
      `${what}: the architecture must be JSON; it holds an array at ${[...arrays.keys()][0]} (put arrays in weights)`,
    );
  }
  return json;
}

/**
 * The contents of both model files. `weightsFile` is the weights file's name as the JSON should
 * record it (a bare file name, e.g. 'mnist.safetensors').
 */
export function encodeModelFiles(model: ModelFilesInput, weightsFile: string): EncodedModelFiles {
  const { json, weights } = encodeModelFilesChunks(model, weightsFile);
  return { json, weights: concatChunks(weights) };
}

/** {@link encodeModelFiles} with the weights as chunks that may share the arrays' memory. @internal */
export function encodeModelFilesChunks(
  model: ModelFilesInput,
  weightsFile: string,
): { json: string; weights: ByteChunks } {
  const what = 'saveModelFiles';
  const arch = architectureJson(model.architecture, what);
  const entries = stateDictEntries(model.weights, `${what}: weights`);
  const metadata: Record<string, string> = {};
  for (const [k, v] of model.metadata === undefined ? [] : stringMapEntries(model.metadata, what)) {
    if (RESERVED.has(k)) throw new ValueError(`${what}: metadata key ${JSON.stringify(k)} is reserved`);
    defineEntry(metadata, k, v);
  }
  metadata['mlseries.format'] = MODEL_WEIGHTS_FORMAT;
  metadata['mlseries.version'] = String(MODEL_FILES_VERSION);
  metadata.architecture = JSON.stringify(arch);
  metadata.keys = JSON.stringify(entries.map(([k]) => k));
  const weights = encodeSafetensorsChunks(entries, metadata);
  let bytes = 0;
  let crc = 0;
  for (const c of weights) {
    bytes += c.length;
    crc = crc32(c, crc);
  }
  const json = {
    format: MODEL_JSON_FORMAT,
    version: MODEL_FILES_VERSION,
    architecture: arch,
    weights: { file: weightsFile, bytes, crc32: crc.toString(16).padStart(8, '0') },
  };
  return { json: `${JSON.stringify(json, null, 2)}\n`, weights };
}

/**
 * Reads a model from the weights file's bytes and the JSON file's text (null when there is no
 * JSON file). Throws FormatError for a damaged or foreign file. `opts.copy: false` lets the
 * weights share `weights`' memory (see decodeSafetensors).
 */
export function decodeModelFiles(
  json: string | null,
  weights: Uint8Array | ArrayBuffer,
  opts: SafetensorsReadOptions = {},
): LoadedModelFiles {
  const W = 'loadModelFiles';
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  const { tensors, metadata } = decodeSafetensors(bytes, opts);
  if (metadata === null || metadata['mlseries.format'] !== MODEL_WEIGHTS_FORMAT) {
    throw new FormatError(
      `${W}: the weights file is not an mlseries model file; expected "mlseries.format": "${MODEL_WEIGHTS_FORMAT}" in its ` +
        '__metadata__ (plain weights load with loadSafetensors)',
    );
  }
  const version = Number(metadata['mlseries.version']);
  if (!Number.isInteger(version) || version < 1 || version > MODEL_FILES_VERSION) {
    throw new FormatError(
      `${W}: model files of layout version ${metadata['mlseries.version']}; this mlseries reads up to ${MODEL_FILES_VERSION}`,
    );
  }
  const parse = (text: string, where: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new FormatError(`${W}: ${where} is not valid JSON (${(e as Error).message})`);
    }
  };
  let architecture: unknown = unpackValue(
    parse(metadata.architecture ?? 'null', 'the weights\' "architecture"'),
    new Map(),
    new Set(),
    W,
  );
  let architectureSource: 'json' | 'weights' = 'weights';
  if (json !== null) {
    const doc = parse(json, 'the JSON file') as Record<string, unknown> | null;
    if (doc === null || typeof doc !== 'object' || doc.format !== MODEL_JSON_FORMAT) {
      throw new FormatError(
        `${W}: the JSON file is not an mlseries model file; expected "format": "${MODEL_JSON_FORMAT}"`,
      );
    }
    const rec = doc.weights as { bytes?: unknown; crc32?: unknown } | undefined;
    const digest = crc32(bytes).toString(16).padStart(8, '0');
    if (rec !== undefined && rec !== null && rec.bytes === bytes.length && rec.crc32 === digest) {
      architecture = unpackValue(doc.architecture, new Map(), new Set(), W);
      architectureSource = 'json';
    }
  }
  const keys = parse(metadata.keys ?? '[]', 'the weights\' "keys"');
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
    throw new FormatError(`${W}: the weights' "keys" must be a JSON list of strings`);
  }
  // the saved order first, then any tensor "keys" does not list (a file edited by another tool)
  const ordered: Record<string, NDArray> = {};
  for (const k of keys as string[]) {
    const a = tensors.get(k);
    if (a === undefined) {
      throw new FormatError(
        `${W}: "keys" lists ${JSON.stringify(k)} but the weights file has no such tensor`,
      );
    }
    defineEntry(ordered, k, a);
  }
  for (const [k, a] of tensors) if (!Object.hasOwn(ordered, k)) defineEntry(ordered, k, a);
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) if (!RESERVED.has(k)) defineEntry(rest, k, v);
  return { architecture, weights: ordered, metadata: rest, architectureSource };
}
