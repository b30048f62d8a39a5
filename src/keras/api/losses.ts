/** `keras.losses`: callable with or without `new` (`keras.losses.BinaryCrossentropy({ fromLogits: true })`). */
import { callable } from '../callable.js';
import * as L from '../losses.js';

export {
  Loss,
  get,
  EPSILON,
  type LossLike,
  type LossFn,
  type CrossentropyArgs,
  type SparseCrossentropyArgs,
} from '../losses.js';

export const BinaryCrossentropy = callable(L.BinaryCrossentropy);
export type BinaryCrossentropy = L.BinaryCrossentropy;
export const CategoricalCrossentropy = callable(L.CategoricalCrossentropy);
export type CategoricalCrossentropy = L.CategoricalCrossentropy;
export const SparseCategoricalCrossentropy = callable(L.SparseCategoricalCrossentropy);
export type SparseCategoricalCrossentropy = L.SparseCategoricalCrossentropy;
export const MeanSquaredError = callable(L.MeanSquaredError);
export type MeanSquaredError = L.MeanSquaredError;
export const MeanAbsoluteError = callable(L.MeanAbsoluteError);
export type MeanAbsoluteError = L.MeanAbsoluteError;
export const Huber = callable(L.Huber);
export type Huber = L.Huber;
