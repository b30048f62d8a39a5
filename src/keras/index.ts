/**
 * `keras`: the Keras 3 API on mlseries — the course's Keras snippets almost word for word.
 *
 * ```ts
 * import { keras } from 'mlseries';
 * const model = keras.Sequential([
 *   keras.Input([2]),
 *   keras.layers.Dense(1, { activation: 'sigmoid', kernelInitializer: keras.initializers.Constant(0) }),
 * ]);
 * model.compile({ optimizer: keras.optimizers.Adam({ learningRate: 0.01 }), loss: 'binary_crossentropy', metrics: ['accuracy'] });
 * model.summary();
 * const history = await model.fit(X, y, { epochs: 5, batchSize: 1 });
 * ```
 *
 * Keras's keyword arguments are camelCase options objects (`batchSize`, `kernelInitializer`);
 * classes can be called with or without `new`; `layer.apply(x)` is Python's `layer(x)`.
 */
import { callable } from './callable.js';
import { Sequential as SequentialClass } from './sequential.js';
import { Model as ModelClass } from './model.js';

export { Input, InputLayer, type InputArgs } from './layers/core.js';
export { Layer, KerasTensor, Node, type LayerArgs, type CallArgs, type EagerInput } from './layer.js';
export { KerasVariable } from './variable.js';
export type { Shape, InputSpec } from './shape.js';
export type {
  ModelArgs,
  CompileArgs,
  FitArgs,
  EvaluateArgs,
  PredictArgs,
  Verbose,
  BatchSource,
} from './model.js';
export type { SequentialArgs } from './sequential.js';
export type { DataInput, ArrayInput } from './data.js';

export const Sequential = callable(SequentialClass);
export type Sequential = SequentialClass;
export const Model = callable(ModelClass);
export type Model = ModelClass;

export { loadModel } from './saving.js';
export * as layers from './layers/index.js';
export * as initializers from './api/initializers.js';
export * as activations from './activations.js';
export * as losses from './api/losses.js';
export * as metrics from './api/metrics.js';
export * as optimizers from './api/optimizers.js';
export * as callbacks from './api/callbacks.js';
export * as utils from './api/utils.js';
export * as saving from './api/saving.js';
export * as models from './api/models.js';
export * as backend from './api/backend.js';
