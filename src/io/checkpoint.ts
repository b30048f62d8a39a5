/**
 * Training checkpoints on bytes (browser-safe; the Node file helpers are in ./node.ts).
 *
 * A checkpoint is one safetensors file, so `safetensors.safe_open` in Python reads it too:
 *
 *   tensors     `model.<name>`   each array of the model's state dict
 *               `optim.<path>`   arrays inside the optimiser state (path = its keys joined by '.')
 *               `rng.<path>`, `extra.<path>`   arrays inside the RNG state or the extras, if any
 *   metadata    "mlseries.format": "checkpoint", "mlseries.version": "1"
 *               "epoch", "step": decimal integers
 *               "model.keys": JSON list of the state dict's names in the model's order
 *               "optimizer", "rng", "extra": JSON text (present only when given), with arrays and
 *                 non-JSON values as tags — {"$nd": "optim.state.0.exp_avg"}, {"$num": "Infinity"}
 *                 … (see ./packing.ts)
 *               "data.crc32": CRC-32 of the whole data section, 8 lowercase hex digits
 *
 * The checksum makes a damaged data section a FormatError instead of silently wrong weights (the
 * safetensors format itself has no checksum). Writing it to disk atomically is ./atomic.ts's job.
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
import { packValue, unpackValue } from './packing.js';
import { defineEntry, stateDictEntries, type StateDict } from './statedict.js';

/** The value of the "mlseries.format" metadata key in a checkpoint. */
export const CHECKPOINT_FORMAT = 'checkpoint';
/** The checkpoint layout version this code writes and reads. */
export const CHECKPOINT_VERSION = 1;

/** What a checkpoint holds (what `saveCheckpoint` takes). */
export interface Checkpoint {
  /** The model's state dict: name → NDArray or tensor (`model.stateDict()`). */
  model: StateDict;
  /** The optimiser's state: JSON values with NDArrays anywhere inside (`optimizer.stateDict()`). */
  optimizer?: unknown;
  /** Completed epochs (a non-negative integer). */
  epoch: number;
  /** Completed optimisation steps (a non-negative integer). */
  step: number;
  /** The random generator's state (`rng.getState()`), JSON. */
  rng?: unknown;
  /** Anything else to resume with (loss history, config …): JSON values and NDArrays. */
  extra?: unknown;
}

/**
 * What `loadCheckpoint` returns: the same parts. The model state is a plain object in the saved
 * order, ready for `module.loadStateDict(ckpt.model)`.
 */
export interface LoadedCheckpoint {
  model: Record<string, NDArray>;
  optimizer?: unknown;
  epoch: number;
  step: number;
  rng?: unknown;
  extra?: unknown;
}

const PARTS = [
  ['optimizer', 'optim.'],
  ['rng', 'rng.'],
  ['extra', 'extra.'],
] as const;

function checkCount(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new ValueError(`encodeCheckpoint: ${name} must be a non-negative integer, got ${String(v)}`);
  }
  return v;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Serialises a checkpoint to the bytes of one safetensors file (layout in the file comment). */
export function encodeCheckpoint(ckpt: Checkpoint): Uint8Array {
  return concatChunks(encodeCheckpointChunks(ckpt));
}

/** {@link encodeCheckpoint} as chunks that may share the arrays' memory (for writing). @internal */
export function encodeCheckpointChunks(ckpt: Checkpoint): ByteChunks {
  const what = 'encodeCheckpoint';
  if (ckpt === null || typeof ckpt !== 'object')
    throw new ValueError(`${what}: expected a checkpoint object`);
  const tensors = new Map<string, NDArray>();
  const model = stateDictEntries(ckpt.model, `${what}: model`);
  for (const [name, a] of model) tensors.set(`model.${name}`, a);
  const metadata: Record<string, string> = {
    'mlseries.format': CHECKPOINT_FORMAT,
    'mlseries.version': String(CHECKPOINT_VERSION),
    epoch: String(checkCount(ckpt.epoch, 'epoch')),
    step: String(checkCount(ckpt.step, 'step')),
    'model.keys': JSON.stringify(model.map(([name]) => name)),
    'data.crc32': '00000000',
  };
  for (const [part, prefix] of PARTS) {
    if (ckpt[part] === undefined) continue;
    const arrays = new Map<string, NDArray>();
    metadata[part] = JSON.stringify(packValue(ckpt[part], prefix, arrays, `${what}: ${part}`));
    for (const [name, a] of arrays) tensors.set(name, a);
  }
  return encodeSafetensorsChunks(tensors, metadata, {
    key: 'data.crc32',
    fill: (data) => hex8(data.reduce((crc, chunk) => crc32(chunk, crc), 0)),
  });
}

/**
 * Reads a checkpoint from the bytes of its file. Throws FormatError when the bytes are not a
 * valid safetensors file, not an mlseries checkpoint, of a newer layout, or fail the checksum.
 * `opts.copy: false` lets the arrays share `bytes`' memory (see decodeSafetensors).
 */
export function decodeCheckpoint(
  bytes: Uint8Array | ArrayBuffer,
  opts: SafetensorsReadOptions = {},
): LoadedCheckpoint {
  const W = 'checkpoint';
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const { tensors, metadata } = decodeSafetensors(b, opts);
  if (metadata === null || metadata['mlseries.format'] !== CHECKPOINT_FORMAT) {
    throw new FormatError(
      `${W}: this safetensors file is not an mlseries checkpoint; expected "mlseries.format": "${CHECKPOINT_FORMAT}" ` +
        'in its __metadata__ (plain weights load with loadSafetensors)',
    );
  }
  const version = Number(metadata['mlseries.version']);
  if (!Number.isInteger(version) || version < 1) {
    throw new FormatError(
      `${W}: "mlseries.version" is ${JSON.stringify(metadata['mlseries.version'])}; expected a positive integer`,
    );
  }
  if (version > CHECKPOINT_VERSION) {
    throw new FormatError(
      `${W}: written in layout version ${version} by a newer mlseries; this one reads up to ${CHECKPOINT_VERSION}`,
    );
  }
  const dataStart = 8 + new DataView(b.buffer, b.byteOffset, 8).getUint32(0, true);
  const want = metadata['data.crc32'];
  const got = hex8(crc32(b.subarray(dataStart)));
  if (want !== got) {
    throw new FormatError(
      `${W}: the data section's CRC-32 is ${got} but the header records ${String(want)}; the file is damaged`,
      dataStart,
    );
  }
  const count = (key: string): number => {
    const s = metadata[key];
    if (s === undefined || !/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) {
      throw new FormatError(`${W}: "${key}" is ${JSON.stringify(s)}; expected a non-negative integer`);
    }
    return Number(s);
  };
  const json = (key: string): unknown => {
    try {
      return JSON.parse(metadata[key]);
    } catch (e) {
      throw new FormatError(`${W}: metadata "${key}" is not valid JSON (${(e as Error).message})`);
    }
  };
  const used = new Set<string>();
  const keys = json('model.keys');
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
    throw new FormatError(`${W}: "model.keys" must be a JSON list of strings`);
  }
  const model: Record<string, NDArray> = {};
  for (const k of keys as string[]) {
    const a = tensors.get(`model.${k}`);
    if (a === undefined) {
      throw new FormatError(
        `${W}: "model.keys" lists ${JSON.stringify(k)} but the file has no tensor "model.${k}"`,
      );
    }
    if (used.has(`model.${k}`)) throw new FormatError(`${W}: "model.keys" lists ${JSON.stringify(k)} twice`);
    used.add(`model.${k}`);
    defineEntry(model, k, a);
  }
  const out: LoadedCheckpoint = { model, epoch: count('epoch'), step: count('step') };
  for (const [part] of PARTS) {
    if (metadata[part] === undefined) continue;
    out[part] = unpackValue(json(part), tensors, used, `${W}: ${part}`);
  }
  for (const name of tensors.keys()) {
    if (!used.has(name)) {
      throw new FormatError(
        `${W}: tensor ${JSON.stringify(name)} belongs to no part of the checkpoint (model.keys or a $nd reference)`,
      );
    }
  }
  return out;
}
