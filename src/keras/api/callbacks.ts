/** `keras.callbacks`: callable with or without `new` (`keras.callbacks.EarlyStopping({ patience: 2 })`). */
import { callable } from '../callable.js';
import * as C from '../callbacks.js';

export {
  Callback,
  CallbackList,
  formatPath,
  type Logs,
  type CallbackParams,
  type Mode,
  type EarlyStoppingArgs,
  type ReduceLROnPlateauArgs,
  type ModelCheckpointArgs,
  type LambdaCallbackArgs,
} from '../callbacks.js';

export const History = callable(C.History);
export type History = C.History;
export const ProgbarLogger = callable(C.ProgbarLogger);
export type ProgbarLogger = C.ProgbarLogger;
export const EarlyStopping = callable(C.EarlyStopping);
export type EarlyStopping = C.EarlyStopping;
export const ReduceLROnPlateau = callable(C.ReduceLROnPlateau);
export type ReduceLROnPlateau = C.ReduceLROnPlateau;
export const LearningRateScheduler = callable(C.LearningRateScheduler);
export type LearningRateScheduler = C.LearningRateScheduler;
export const TerminateOnNaN = callable(C.TerminateOnNaN);
export type TerminateOnNaN = C.TerminateOnNaN;
export const ModelCheckpoint = callable(C.ModelCheckpoint);
export type ModelCheckpoint = C.ModelCheckpoint;
export const CSVLogger = callable(C.CSVLogger);
export type CSVLogger = C.CSVLogger;
export const LambdaCallback = callable(C.LambdaCallback);
export type LambdaCallback = C.LambdaCallback;
