/** `keras.initializers`: every initializer callable with or without `new` (`keras.initializers.Constant(0)`). */
import { callable } from '../callable.js';
import * as I from '../initializers.js';

export {
  Initializer,
  get,
  serialize,
  computeFans,
  type InitializerLike,
  type InitializerFn,
  type VarianceScalingOptions,
} from '../initializers.js';

export const Constant = callable(I.Constant);
export type Constant = I.Constant;
export const Zeros = callable(I.Zeros);
export type Zeros = I.Zeros;
export const Ones = callable(I.Ones);
export type Ones = I.Ones;
export const RandomNormal = callable(I.RandomNormal);
export type RandomNormal = I.RandomNormal;
export const RandomUniform = callable(I.RandomUniform);
export type RandomUniform = I.RandomUniform;
export const TruncatedNormal = callable(I.TruncatedNormal);
export type TruncatedNormal = I.TruncatedNormal;
export const VarianceScaling = callable(I.VarianceScaling);
export type VarianceScaling = I.VarianceScaling;
export const GlorotUniform = callable(I.GlorotUniform);
export type GlorotUniform = I.GlorotUniform;
export const GlorotNormal = callable(I.GlorotNormal);
export type GlorotNormal = I.GlorotNormal;
export const HeNormal = callable(I.HeNormal);
export type HeNormal = I.HeNormal;
export const HeUniform = callable(I.HeUniform);
export type HeUniform = I.HeUniform;
export const LecunNormal = callable(I.LecunNormal);
export type LecunNormal = I.LecunNormal;
export const LecunUniform = callable(I.LecunUniform);
export type LecunUniform = I.LecunUniform;
export const Orthogonal = callable(I.Orthogonal);
export type Orthogonal = I.Orthogonal;
export const Identity = callable(I.Identity);
export type Identity = I.Identity;
