/**
 * `F`: the functional forms the layers use, with PyTorch's names and argument meanings
 * (options objects instead of keyword arguments). Losses take `reduction: 'mean' | 'sum' | 'none'`.
 */
import * as nd from '../nd/index.js';
import { ShapeError, ValueError, IndexError, formatShape } from '../nd/errors.js';
import { Tensor } from './tensor.js';
import * as ew from './ops/elementwise.js';
import * as mv from './ops/movement.js';
import { linear as linearOp } from './ops/linalg.js';
import { record } from './ops/util.js';
import { dropout as dropoutOp, logSoftmax, softmax, type UniformArraySource } from './ops/nn.js';

export { softmax, logSoftmax };
export const relu = (x: Tensor): Tensor => x.relu();
export const sigmoid = (x: Tensor): Tensor => x.sigmoid();
export const tanh = (x: Tensor): Tensor => x.tanh();
/** log(1 + eˣ), stable for large |x|. */
export const softplus = (x: Tensor): Tensor => ew.softplus(x);

export type Reduction = 'mean' | 'sum' | 'none';
function reduce(loss: Tensor, reduction: Reduction = 'mean'): Tensor {
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? loss.sum() : loss.mean();
}

/** max(0, x) + slope·min(0, x). */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return x.relu().sub(x.neg().relu().mul(negativeSlope));
}

/** GELU, exact (erf) form approximated by PyTorch's 'tanh' formula when `approximate` is 'tanh'. */
export function gelu(x: Tensor, opts: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  if (opts.approximate === 'tanh') {
    const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(inner.tanh().add(1)).mul(0.5);
  }
  // x·Φ(x), with Φ via the erf approximation of Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7)
  return x.mul(normalCdf(x));
}
function normalCdf(x: Tensor): Tensor {
  const z = x.div(Math.SQRT2);
  const az = z.abs();
  const t = az.mul(0.3275911).add(1).pow(-1);
  const poly = t
    .mul(1.061405429)
    .add(-1.453152027)
    .mul(t)
    .add(1.421413741)
    .mul(t)
    .add(-0.284496736)
    .mul(t)
    .add(0.254829592)
    .mul(t);
  const erfAbs = poly.mul(az.mul(az).neg().exp()).neg().add(1);
  const erf = erfAbs.mul(new Tensor(nd.sign(z.data)));
  return erf.add(1).mul(0.5);
}

/** x·σ(x) (a.k.a. swish). */
export function silu(x: Tensor): Tensor {
  return x.mul(x.sigmoid());
}

/** y = x Wᵀ + b, PyTorch's layout: weight (out, in). */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  return linearOp(x, weight, bias); // (…, out)
}

/** Seeded inverted dropout (p = probability of zeroing). */
export function dropout(x: Tensor, p: number, opts: { training?: boolean; rng: UniformArraySource }): Tensor {
  return dropoutOp(x, p, opts.rng, opts.training ?? true);
}

export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkSame('mseLoss', input, target);
  const d = input.sub(target);
  return reduce(d.mul(d), opts.reduction);
}

export function l1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkSame('l1Loss', input, target);
  return reduce(input.sub(target).abs(), opts.reduction);
}

/** Huber loss: ½d² where |d| < δ, else δ(|d| − ½δ). */
export function huberLoss(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction; delta?: number } = {},
): Tensor {
  checkSame('huberLoss', input, target);
  const delta = opts.delta ?? 1;
  const d = input.sub(target).abs();
  const quad = d.mul(d).mul(0.5);
  const lin = d.sub(0.5 * delta).mul(delta);
  return reduce(ew.where(d.data.lt(delta), quad, lin), opts.reduction);
}

/** Binary cross-entropy on probabilities (log clamped at −100 like PyTorch). */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction } = {},
): Tensor {
  checkSame('binaryCrossEntropy', input, target);
  const logp = input.log().clamp(-100);
  const log1mp = input.neg().add(1).log().clamp(-100);
  return reduce(target.mul(logp).add(target.neg().add(1).mul(log1mp)).neg(), opts.reduction);
}

/** BCE on logits, stable: softplus(z) − z·y with softplus(z) = max(z, 0) + log(1 + e^(−|z|)). */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction; posWeight?: Tensor } = {},
): Tensor {
  checkSame('binaryCrossEntropyWithLogits', input, target);
  if (opts.posWeight) {
    // l = (1 − y)·z + (1 + (pw − 1)·y)·log(1 + e^(−z))
    const logw = opts.posWeight.sub(1).mul(target).add(1);
    return reduce(
      target
        .neg()
        .add(1)
        .mul(input)
        .add(logw.mul(ew.softplus(input.neg()))),
      opts.reduction,
    );
  }
  // l = softplus(z) − z·y: its gradient σ(z) − y holds at z = 0 too
  return reduce(ew.softplus(input).sub(input.mul(target)), opts.reduction);
}

export interface CrossEntropyOptions {
  reduction?: Reduction;
  /** Target class to skip (its loss is 0 and it is left out of the mean). */
  ignoreIndex?: number;
  /** Mixes the one-hot target with the uniform distribution: (1 − ε)·onehot + ε/C. */
  labelSmoothing?: number;
  /** Per-class weights (C,). */
  weight?: Tensor;
}

/** Negative log-likelihood of class indices given log-probabilities (N, C) or (N, C, d…). */
export function nllLoss(logp: Tensor, target: Tensor | nd.NDArray, opts: CrossEntropyOptions = {}): Tensor {
  const t = target instanceof Tensor ? target.data : target;
  const C = logp.shape[1];
  if (logp.ndim < 2)
    throw new ShapeError(
      `nllLoss: input must have shape (N, C) or (N, C, d…), got ${formatShape(logp.shape)}`,
    );
  const expected = [logp.shape[0], ...logp.shape.slice(2)];
  if (t.ndim !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
    throw new ShapeError(
      `nllLoss: target shape ${formatShape(t.shape)} does not match input ${formatShape(logp.shape)}; expected ${formatShape(expected)}`,
    );
  }
  const ignore = opts.ignoreIndex ?? -100;
  const tv = t.astype('float64').toTypedArray();
  for (let i = 0; i < tv.length; i++) {
    if (tv[i] !== ignore && (tv[i] < 0 || tv[i] >= C || !Number.isInteger(tv[i]))) {
      throw new IndexError(
        `nllLoss: target ${tv[i]} is out of bounds for ${C} classes (valid labels are 0 … ${C - 1})`,
      );
    }
  }
  if (logp.ndim === 2) return nllLoss2d(logp, tv, ignore, opts);
  const valid = t.ne(ignore);
  const safe = nd.where(valid, t, 0).astype('int64');
  // move classes last: (N, d…, C), then pick each target's log-probability
  const perm = [0, ...Array.from({ length: logp.ndim - 2 }, (_, i) => i + 2), 1];
  const lp = logp.permute(perm);
  const picked = mv.gather(lp, -1, safe.expandDims(-1)).squeeze(-1); // (N, d…)
  let w = new Tensor(valid.astype(logp.dtype));
  if (opts.weight) w = w.mul(new Tensor(nd.take(opts.weight.data, safe)));
  const loss = picked.mul(w).neg();
  if (opts.reduction === 'none') return loss;
  if (opts.reduction === 'sum') return loss.sum();
  return loss.sum().div(w.sum());
}

/**
 * nllLoss of (N, C) log-probabilities in one pass: each row's picked value times its weight (0
 * where the target is ignored). Its gradient is a constant (N, C) matrix with −wᵢ / Σw (mean) or
 * −wᵢ at (i, tᵢ) times the incoming gradient, so it can be differentiated again.
 */
function nllLoss2d(
  logp: Tensor,
  targets: ArrayLike<number>,
  ignore: number,
  opts: CrossEntropyOptions,
): Tensor {
  const [N, C] = logp.shape;
  const { data: L, offset, strides } = logp.data;
  const weight = opts.weight ? opts.weight.data.astype('float64').toTypedArray() : null;
  const coef = new Float64Array(N);
  let wsum = 0;
  for (let i = 0; i < N; i++) {
    const t = targets[i];
    if (t === ignore) continue;
    coef[i] = weight ? weight[t] : 1;
    wsum += coef[i];
  }
  const reduction = opts.reduction ?? 'mean';
  const scale = reduction === 'mean' ? 1 / wsum : 1;
  const grad = nd.zeros([N, C], { dtype: logp.dtype });
  const G = grad.data;
  const picked = new Float64Array(N);
  let total = 0;
  for (let i = 0; i < N; i++) {
    if (coef[i] === 0) continue;
    const t = targets[i];
    picked[i] = -coef[i] * Number(L[offset + i * strides[0] + t * strides[1]]);
    total += picked[i];
    G[i * C + t] = -coef[i] * scale;
  }
  if (reduction === 'none') {
    return record('nllLoss', nd.array(picked, { dtype: logp.dtype }), [logp], (g) => [
      new Tensor(grad).mul(g.unsqueeze(1)),
    ]);
  }
  const loss = nd.array(total * scale, { dtype: logp.dtype });
  return record('nllLoss', loss, [logp], (g) => [new Tensor(grad).mul(g)]);
}

/**
 * Cross-entropy from logits (N, C) or (N, C, d…) and class indices, PyTorch's semantics
 * (mean over non-ignored targets; label smoothing; class weights).
 */
export function crossEntropy(
  logits: Tensor,
  target: Tensor | nd.NDArray,
  opts: CrossEntropyOptions = {},
): Tensor {
  const logp = logSoftmax(logits, 1);
  const eps = opts.labelSmoothing ?? 0;
  if (eps < 0 || eps > 1) throw new ValueError(`crossEntropy: labelSmoothing must be in [0, 1], got ${eps}`);
  const nll = nllLoss(logp, target, opts);
  if (eps === 0) return nll;
  const C = logits.shape[1];
  const t = target instanceof Tensor ? target.data : target;
  const valid = new Tensor(t.ne(opts.ignoreIndex ?? -100).astype(logits.dtype));
  const smooth = logp.mean({ axis: 1 }).neg().mul(valid); // (N, d…): −(1/C) Σ_c log p_c
  const smoothLoss =
    opts.reduction === 'none'
      ? smooth
      : opts.reduction === 'sum'
        ? smooth.sum()
        : smooth.sum().div(valid.sum());
  void C;
  return nll.mul(1 - eps).add(smoothLoss.mul(eps));
}

/** KL divergence with `input` given as log-probabilities (PyTorch's kl_div). */
export function klDiv(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } = {},
): Tensor {
  checkSame('klDiv', input, target);
  const pointwise = opts.logTarget
    ? target.exp().mul(target.sub(input))
    : ew.where(target.data.gt(0), target.mul(target.clamp(1e-300).log().sub(input)), 0);
  if (opts.reduction === 'batchmean') return pointwise.sum().div(input.shape[0]);
  return reduce(pointwise, (opts.reduction as Reduction) ?? 'mean');
}

/** Multi-class hinge loss (PyTorch's multi_margin_loss, p = 1, margin 1). */
export function hingeLoss(
  input: Tensor,
  target: Tensor | nd.NDArray,
  opts: { reduction?: Reduction; margin?: number } = {},
): Tensor {
  const t = target instanceof Tensor ? target.data : target;
  const margin = opts.margin ?? 1;
  const C = input.shape[1];
  const correct = mv.gather(input, 1, t.astype('int64').expandDims(-1)); // (N, 1)
  const m = input.sub(correct).add(margin).relu(); // (N, C)
  const notTarget = new Tensor(
    nd.arange(C).reshape(1, C).ne(t.astype('int64').expandDims(-1)).astype(input.dtype),
  );
  return reduce(m.mul(notTarget).sum({ axis: 1 }).div(C), opts.reduction);
}

/** Normalises over the last `normalizedShape.length` dimensions, then scales and shifts. */
export function layerNorm(
  x: Tensor,
  normalizedShape: readonly number[],
  weight?: Tensor | null,
  bias?: Tensor | null,
  eps = 1e-5,
): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (tail.some((d, i) => d !== normalizedShape[i])) {
    throw new ShapeError(
      `layerNorm: input ${formatShape(x.shape)} does not end with normalized shape ${formatShape(normalizedShape)}`,
    );
  }
  const axes = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const mu = x.mean({ axis: axes, keepdims: true });
  const centred = x.sub(mu);
  const v = centred.mul(centred).mean({ axis: axes, keepdims: true });
  let y = centred.div(v.add(eps).sqrt());
  if (weight) y = y.mul(weight);
  if (bias) y = y.add(bias);
  return y;
}

/**
 * Batch normalisation over every axis but 1 (channels): training mode uses the batch
 * statistics and updates `runningMean`/`runningVar` in place (momentum as PyTorch's); eval mode
 * uses the running statistics.
 */
export function batchNorm(
  x: Tensor,
  runningMean: nd.NDArray | null,
  runningVar: nd.NDArray | null,
  opts: {
    weight?: Tensor | null;
    bias?: Tensor | null;
    training?: boolean;
    momentum?: number;
    eps?: number;
  } = {},
): Tensor {
  const eps = opts.eps ?? 1e-5;
  const momentum = opts.momentum ?? 0.1;
  const C = x.shape[1];
  const axes = [0, ...Array.from({ length: x.ndim - 2 }, (_, i) => i + 2)];
  const bshape = x.shape.map((d, i) => (i === 1 ? d : 1));
  let mu: Tensor;
  let v: Tensor;
  if (opts.training ?? true) {
    mu = x.mean({ axis: axes, keepdims: true });
    const centred = x.sub(mu);
    v = centred.mul(centred).mean({ axis: axes, keepdims: true });
    const n = x.size / C;
    if (runningMean && runningVar) {
      const m = mu.data.reshape([C]);
      const unbiased = v.data.reshape([C]).mul(n / Math.max(n - 1, 1));
      runningMean.set([], runningMean.mul(1 - momentum).add(m.mul(momentum)));
      runningVar.set([], runningVar.mul(1 - momentum).add(unbiased.mul(momentum)));
    }
  } else {
    if (!runningMean || !runningVar) throw new ValueError('batchNorm: eval mode needs running statistics');
    mu = new Tensor(runningMean.reshape(bshape).astype(x.dtype));
    v = new Tensor(runningVar.reshape(bshape).astype(x.dtype));
  }
  let y = x.sub(mu).div(v.add(eps).sqrt());
  if (opts.weight) y = y.mul(opts.weight.reshape(bshape));
  if (opts.bias) y = y.add(opts.bias.reshape(bshape));
  return y;
}

/** Looks up rows of `weight` (num, dim) for integer `ids` of any shape → (…ids, dim). */
export function embedding(ids: Tensor | nd.NDArray, weight: Tensor): Tensor {
  const i = ids instanceof Tensor ? ids.data : ids;
  return mv.index(weight, [i.astype('int64')]);
}

/** One-hot encoding of integer classes → (…, numClasses) float32. */
export function oneHot(ids: Tensor | nd.NDArray, numClasses: number): Tensor {
  const i = ids instanceof Tensor ? ids.data : ids;
  return new Tensor(nd.arange(numClasses).eq(i.astype('int64').expandDims(-1)).astype('float32'));
}

function checkSame(op: string, a: Tensor, b: Tensor): void {
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new ShapeError(
      `${op}: input ${formatShape(a.shape)} and target ${formatShape(b.shape)} must have the same shape`,
    );
  }
}
export {
  conv1d,
  conv2d,
  convTranspose2d,
  maxPool1d,
  maxPool2d,
  avgPool1d,
  avgPool2d,
  adaptiveAvgPool2d,
  interpolate,
} from './ops/conv.js';
