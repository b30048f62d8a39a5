/**
 * `keras.activations`: elementwise functions by Keras name, composed from autograd's Tensor ops
 * (so their gradients come for free). `softmax` and `log_softmax` act on the last axis.
 *
 * ```ts
 * keras.layers.Dense(64, { activation: 'relu' });
 * keras.activations.get('gelu')(x);
 * ```
 */
import { ValueError } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { gelu as geluF, leakyRelu, silu } from '../autograd/functional.js';

/** An activation: a Tensor → Tensor function. */
export type Activation = (x: Tensor) => Tensor;

/** A name (`'relu'`), a function, or null / undefined (linear). */
export type ActivationLike = string | Activation | null | undefined;

export const linear: Activation = (x) => x;
export const relu: Activation = (x) => x.relu();
export const sigmoid: Activation = (x) => x.sigmoid();
export const tanh: Activation = (x) => x.tanh();
/** softmax over the last axis. */
export const softmax: Activation = (x) => x.softmax(-1);
/** log softmax over the last axis. */
export const logSoftmax: Activation = (x) => x.logSoftmax(-1);
/** x·Φ(x), the exact (erf) form (Keras's `activations.gelu` default). */
export const gelu: Activation = (x) => geluF(x);
/** x·σ(x). */
export const swish: Activation = (x) => silu(x);
/** min(max(x, 0), 6). */
export const relu6: Activation = (x) => x.clamp(0, 6);
/** x for x > 0, else 0.2·x (Keras's default negative slope). */
export const leaky_relu: Activation = (x) => leakyRelu(x, 0.2);
/** x for x > 0, else eˣ − 1. */
export const elu: Activation = (x) => x.relu().add(x.neg().relu().neg().exp().sub(1));
/** λ·elu_α(x) with the self-normalising constants. */
export const selu: Activation = (x) => {
  const alpha = 1.6732632423543772;
  const scale = 1.0507009873554805;
  return x.relu().add(x.neg().relu().neg().exp().sub(1).mul(alpha)).mul(scale);
};
/** log(1 + eˣ), computed stably as max(x, 0) + log(1 + e^(−|x|)). */
export const softplus: Activation = (x) => x.relu().add(x.abs().neg().exp().add(1).log());
/** x / (1 + |x|). */
export const softsign: Activation = (x) => x.div(x.abs().add(1));
/** eˣ. */
export const exponential: Activation = (x) => x.exp();
/** relu6(x + 3) / 6. */
export const hard_sigmoid: Activation = (x) => x.add(3).clamp(0, 6).div(6);
/** x·tanh(softplus(x)). */
export const mish: Activation = (x) => x.mul(softplus(x).tanh());

const BY_NAME: Readonly<Record<string, Activation>> = {
  linear,
  relu,
  sigmoid,
  tanh,
  softmax,
  log_softmax: logSoftmax,
  gelu,
  swish,
  silu: swish,
  relu6,
  leaky_relu,
  elu,
  selu,
  softplus,
  softsign,
  exponential,
  hard_sigmoid,
  mish,
};

const NAMES = new Map<Activation, string>(Object.entries(BY_NAME).map(([k, f]) => [f, k]));
NAMES.set(swish, 'silu');

/** Resolves a name or function (null/undefined → linear). */
export function get(identifier: ActivationLike): Activation {
  if (identifier === null || identifier === undefined) return linear;
  if (typeof identifier === 'function') return identifier;
  const f = BY_NAME[identifier];
  if (!f)
    throw new ValueError(
      `Could not interpret activation function identifier: ${identifier}. Known names: ${Object.keys(BY_NAME).join(', ')}`,
    );
  return f;
}

/** The name of a built-in activation (for saving), or null for a user function. */
export function serialize(fn: Activation): string | null {
  return NAMES.get(fn) ?? null;
}
