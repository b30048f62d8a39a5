/** `keras.saving`: save/load models and weights, and their configs as JSON. */
export {
  loadModel,
  saveModel,
  saveWeights,
  loadWeights,
  serializeModel,
  deserializeModel,
  deserializeLayer,
  registerLayer,
  modelToFiles,
  modelFromFiles,
  weightEntries,
  FORMAT,
  type ModelJson,
} from '../saving.js';
export { serializeLayer, toJson, type LayerJson } from '../config.js';
