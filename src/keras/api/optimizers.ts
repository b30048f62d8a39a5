/** `keras.optimizers`: callable with or without `new` (`keras.optimizers.Adam({ learningRate: 0.01 })`). */
import { callable } from '../callable.js';
import * as O from '../optimizers.js';

export {
  Optimizer,
  get,
  type OptimizerLike,
  type OptimizerArgs,
  type AdamArgs,
  type SGDArgs,
  type RMSpropArgs,
  type AdagradArgs,
  type LearningRateSchedule,
} from '../optimizers.js';

export const Adam = callable(O.Adam);
export type Adam = O.Adam;
export const AdamW = callable(O.AdamW);
export type AdamW = O.AdamW;
export const SGD = callable(O.SGD);
export type SGD = O.SGD;
export const RMSprop = callable(O.RMSprop);
export type RMSprop = O.RMSprop;
export const Adagrad = callable(O.Adagrad);
export type Adagrad = O.Adagrad;

/** `keras.optimizers.schedules`. */
export const schedules = { ExponentialDecay: callable(O.ExponentialDecay) };
