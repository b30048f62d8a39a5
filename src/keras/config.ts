/**
 * Layer configs as JSON. `layer.getConfig()` returns live values (activation functions,
 * initializer objects, nested layers) so that a layer can be cloned from it; `toJson` turns
 * them into what a saved model stores:
 *
 *   activation function  → its Keras name ('relu')
 *   Initializer          → { className: 'GlorotUniform', config: { seed: null } }
 *   Layer                → { className: 'LSTM', config: { … } }
 *
 * The constructors accept both forms, so `new Cls(fromJson(config))` rebuilds a layer.
 */
import { ValueError } from '../nd/errors.js';
import { NDArray } from '../nd/ndarray.js';
import { Layer } from './layer.js';
import { serialize as serializeActivation } from './activations.js';
import { Initializer, serialize as serializeInitializer } from './initializers.js';

/** A layer as saved: `{ className, config }`. */
export interface LayerJson {
  className: string;
  config: Record<string, unknown>;
}

/** Converts a live config value to JSON values (see the file comment). */
export function toJson(value: unknown, where: string): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (value === undefined) return null;
  if (typeof value === 'function') {
    const name = serializeActivation(value as never);
    if (name === null) {
      throw new ValueError(
        `${where}: a custom function cannot be saved in a model config; use a built-in activation name, or rebuild the model in code and load only its weights (loadWeights)`,
      );
    }
    return name;
  }
  if (value instanceof Initializer) return serializeInitializer(value);
  if (value instanceof Layer) return serializeLayer(value);
  if (value instanceof NDArray) throw new ValueError(`${where}: arrays cannot be saved in a model config`);
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, `${where}[${i}]`));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = toJson(v, `${where}.${k}`);
    }
    return out;
  }
  throw new ValueError(`${where}: cannot save a value of type ${typeof value}`);
}

/** `{ className, config }` of a layer, its config in JSON form. */
export function serializeLayer(layer: Layer): LayerJson {
  return {
    className: layer.className,
    config: toJson(layer.getConfig(), layer.name) as Record<string, unknown>,
  };
}
