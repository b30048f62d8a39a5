/** `keras.models`: the model classes and `loadModel` (Keras's `keras.models`). */
import { callable } from '../callable.js';
import { Sequential as SequentialClass } from '../sequential.js';
import { Model as ModelClass } from '../model.js';

export { loadModel, deserializeModel as modelFromConfig } from '../saving.js';
export const Sequential = callable(SequentialClass);
export type Sequential = SequentialClass;
export const Model = callable(ModelClass);
export type Model = ModelClass;
