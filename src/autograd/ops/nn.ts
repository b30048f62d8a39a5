/** Neural-network building blocks composed from the primitives (gradients come for free). */
import * as nd from '../../nd/index.js';
import { ValueError } from '../../nd/errors.js';
import { Tensor } from '../tensor.js';

/** softmax(x)_i = exp(x_i − m) / Σ_j exp(x_j − m), m = max (a constant, for stability). */
export function softmax(x: Tensor, dim = -1): Tensor {
  const m = new Tensor(nd.max(x.data, { axis: dim, keepdims: true }));
  const e = x.sub(m).exp(); // (…, C)
  return e.div(e.sum({ axis: dim, keepdims: true }));
}

/** log softmax(x) = x − logsumexp(x). */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return x.sub(x.logsumexp({ axis: dim, keepdims: true }));
}

/** Something that draws uniform [0, 1) arrays: `nd.random.defaultRng(seed)`. */
export interface UniformArraySource {
  random(shape: number[]): nd.NDArray;
}

/**
 * Inverted dropout: zeroes each element with probability p and scales the rest by 1/(1 − p),
 * using the seeded generator `rng`. Identity when not training or p = 0.
 */
export function dropout(x: Tensor, p: number, rng: UniformArraySource, training = true): Tensor {
  if (p < 0 || p > 1) throw new ValueError(`dropout: probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return x;
  if (p === 1) return x.mul(0);
  const keep = rng
    .random([...x.shape])
    .ge(p)
    .astype(x.dtype)
    .mul(1 / (1 - p));
  return x.mul(new Tensor(keep));
}
