/** Neural-network building blocks composed from the primitives (gradients come for free). */
import * as nd from '../../nd/index.js';
import { ValueError } from '../../nd/errors.js';
import { normalizeAxis } from '../../nd/shape.js';
import { getBackend } from '../../kernels/backend.js';
import { Tensor } from '../tensor.js';
import { record } from './util.js';

/**
 * Softmax or log-softmax of an NDArray along `axis` through the compute backend's kernel (one
 * pass per row, max-subtracted); null for dtypes the kernels do not take.
 */
function softmaxData(a: nd.NDArray, axis: number, log: boolean): nd.NDArray | null {
  if (a.dtype !== 'float32' && a.dtype !== 'float64') return null;
  const last = axis === a.ndim - 1;
  const src = nd.ascontiguousarray(last ? a : nd.moveaxis(a, axis, -1));
  const out = nd.empty([...src.shape], { dtype: a.dtype });
  const cols = src.shape[src.ndim - 1];
  if (src.size > 0) {
    const args = {
      rows: src.size / cols,
      cols,
      x: src.data as Float32Array | Float64Array,
      xOffset: src.offset,
      xRowStride: cols,
      y: out.data as Float32Array | Float64Array,
      yOffset: 0,
      yRowStride: cols,
    };
    if (log) getBackend().logSoftmax(args);
    else getBackend().softmax(args);
  }
  return last ? out : nd.moveaxis(out, -1, axis);
}

/**
 * softmax(x)_i = exp(x_i − m) / Σ_j exp(x_j − m), m = the row's max (for stability). One kernel
 * pass forward; backward y ⊙ (g − Σ g ⊙ y), written with Tensor ops so it can be differentiated
 * again.
 */
export function softmax(x: Tensor, dim = -1): Tensor {
  const axis = x.ndim === 0 ? -1 : normalizeAxis(dim, x.ndim, 'softmax');
  const data = axis < 0 ? null : softmaxData(x.data, axis, false);
  if (data === null) {
    const m = new Tensor(nd.max(x.data, { axis: dim, keepdims: true }));
    const e = x.sub(m).exp(); // (…, C)
    return e.div(e.sum({ axis: dim, keepdims: true }));
  }
  const y: Tensor = record('softmax', data, [x], (g) => [
    y.mul(g.sub(g.mul(y).sum({ axis, keepdims: true }))),
  ]);
  return y;
}

/**
 * log softmax(x) = x − logsumexp(x). One kernel pass forward; backward g − exp(y) · Σ g, written
 * with Tensor ops so it can be differentiated again.
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  const axis = x.ndim === 0 ? -1 : normalizeAxis(dim, x.ndim, 'logSoftmax');
  const data = axis < 0 ? null : softmaxData(x.data, axis, true);
  if (data === null) return x.sub(x.logsumexp({ axis: dim, keepdims: true }));
  const y: Tensor = record('logSoftmax', data, [x], (g) => [
    g.sub(y.exp().mul(g.sum({ axis, keepdims: true }))),
  ]);
  return y;
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
