/**
 * Model files — safetensors weights, training checkpoints, model (architecture + weights) pairs —
 * on bytes, usable in browsers. (Array files — .npy, .npz, IDX, text — are `nd`'s: src/nd/io.)
 *
 * The Node.js file helpers, all writing atomically, are in ./node.ts (to become the entry
 * `mlseries/io/node`): `saveSafetensors`, `loadSafetensors`, `saveCheckpoint`, `loadCheckpoint`,
 * `saveModelFiles`, `loadModelFiles`, `writeFileAtomic`.
 *
 * ```ts
 * import { encodeSafetensors, decodeSafetensors } from 'mlseries/io';
 * const bytes = encodeSafetensors(model.stateDict());
 * const { tensors } = decodeSafetensors(bytes);
 * ```
 */
export {
  encodeSafetensors,
  decodeSafetensors,
  parseSafetensorsHeader,
  SAFETENSORS_DTYPES,
  SAFETENSORS_DTYPE_BITS,
  SAFETENSORS_DTYPE_OF,
  DTYPE_FROM_SAFETENSORS,
  SAFETENSORS_MAX_HEADER_SIZE,
  type SafetensorsDType,
  type SafetensorsEntry,
  type SafetensorsHeader,
  type DecodedSafetensors,
  type SafetensorsReadOptions,
} from './safetensors.js';
export {
  encodeCheckpoint,
  decodeCheckpoint,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type Checkpoint,
  type LoadedCheckpoint,
} from './checkpoint.js';
export {
  encodeModelFiles,
  decodeModelFiles,
  MODEL_JSON_FORMAT,
  MODEL_WEIGHTS_FORMAT,
  MODEL_FILES_VERSION,
  type ModelFilesInput,
  type LoadedModelFiles,
  type EncodedModelFiles,
} from './modelfiles.js';
export { packValue, unpackValue, type Json } from './packing.js';
export { stateDictEntries, type StateDict, type StringMap, type ArrayOrTensor } from './statedict.js';
export { halfToFloat, e4m3ToFloat, e5m2ToFloat } from './halffloat.js';
