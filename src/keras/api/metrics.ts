/** `keras.metrics`: callable with or without `new`, plus the per-sample functions. */
import { callable } from '../callable.js';
import * as M from '../metrics.js';

export {
  Metric,
  get,
  binaryAccuracy,
  sparseCategoricalAccuracy,
  categoricalAccuracy,
  accuracy,
  meanSquaredError,
  meanAbsoluteError,
  type MetricLike,
  type MetricFn,
} from '../metrics.js';

export const Mean = callable(M.Mean);
export type Mean = M.Mean;
export const MeanMetricWrapper = callable(M.MeanMetricWrapper);
export type MeanMetricWrapper = M.MeanMetricWrapper;
export const BinaryAccuracy = callable(M.BinaryAccuracy);
export type BinaryAccuracy = M.BinaryAccuracy;
export const SparseCategoricalAccuracy = callable(M.SparseCategoricalAccuracy);
export type SparseCategoricalAccuracy = M.SparseCategoricalAccuracy;
export const CategoricalAccuracy = callable(M.CategoricalAccuracy);
export type CategoricalAccuracy = M.CategoricalAccuracy;
export const Accuracy = callable(M.Accuracy);
export type Accuracy = M.Accuracy;
export const MeanSquaredError = callable(M.MeanSquaredError);
export type MeanSquaredError = M.MeanSquaredError;
export const MeanAbsoluteError = callable(M.MeanAbsoluteError);
export type MeanAbsoluteError = M.MeanAbsoluteError;
