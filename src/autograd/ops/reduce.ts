/** Reductions over axes with keepdims; each with its backward. */
import * as nd from '../../nd/index.js';
import { normalizeAxes } from '../../nd/shape.js';
import { Tensor } from '../tensor.js';
import { record } from './util.js';
import { noGrad } from '../engine.js';

export interface ReduceOpts {
  /** An axis, a list of axes, or all of them (PyTorch's `dim`). */
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
}
export interface VarOpts extends ReduceOpts {
  /** Delta degrees of freedom: 0 (default, NumPy's) for the population variance, 1 for the sample variance. */
  ddof?: number;
}

/** The shape the reduced result has with keepdims, so gradients can broadcast back. */
function keptShape(shape: readonly number[], axes: number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

export function sum(a: Tensor, opts: ReduceOpts = {}): Tensor {
  const axes = normalizeAxes(opts.axis, a.ndim, 'sum');
  const out = nd.sum(a.data, { axis: axes, keepdims: opts.keepdims ?? false });
  // d(Σx)/dx = 1: the gradient is broadcast back over the reduced axes
  return record('sum', out, [a], (g) => [g.reshape(keptShape(a.shape, axes)).expand([...a.shape])]);
}

export function mean(a: Tensor, opts: ReduceOpts = {}): Tensor {
  const axes = normalizeAxes(opts.axis, a.ndim, 'mean');
  const n = axes.reduce((p, ax) => p * a.shape[ax], 1);
  return sum(a, opts).div(n);
}

/** max/min: the gradient goes to the extreme elements, shared equally between ties. */
function extreme(kind: 'max' | 'min', a: Tensor, opts: ReduceOpts): Tensor {
  const axes = normalizeAxes(opts.axis, a.ndim, kind);
  const keep = opts.keepdims ?? false;
  const out =
    kind === 'max'
      ? nd.max(a.data, { axis: axes, keepdims: keep })
      : nd.min(a.data, { axis: axes, keepdims: keep });
  return record(kind, out, [a], (g) => {
    const kept = keptShape(a.shape, axes);
    const hit = noGrad(() => a.data.eq(out.reshape(kept)).astype(a.dtype));
    const count = nd.sum(hit, { axis: axes, keepdims: true });
    const share = new Tensor(nd.divide(hit, count));
    return [g.reshape(kept).mul(share)];
  });
}
export function max(a: Tensor, opts: ReduceOpts = {}): Tensor {
  return extreme('max', a, opts);
}
export function min(a: Tensor, opts: ReduceOpts = {}): Tensor {
  return extreme('min', a, opts);
}

/** Variance, composed of mean and square (so its gradient comes for free). */
export function variance(a: Tensor, opts: VarOpts = {}): Tensor {
  const axes = normalizeAxes(opts.axis, a.ndim, 'var');
  const n = axes.reduce((p, ax) => p * a.shape[ax], 1);
  const ddof = opts.ddof ?? 0;
  const centred = a.sub(mean(a, { axis: axes, keepdims: true }));
  return sum(centred.mul(centred), { axis: axes, keepdims: opts.keepdims }).div(Math.max(n - ddof, 0));
}
export function std(a: Tensor, opts: VarOpts = {}): Tensor {
  return variance(a, opts).sqrt();
}

/** log Σ exp(x), computed stably as m + log Σ exp(x − m) with m the (constant) maximum. */
export function logsumexp(a: Tensor, opts: ReduceOpts = {}): Tensor {
  const axes = normalizeAxes(opts.axis, a.ndim, 'logsumexp');
  const m = new Tensor(nd.max(a.data, { axis: axes, keepdims: true }));
  const finiteM = new Tensor(nd.where(nd.isfinite(m.data), m.data, 0));
  const s = sum(a.sub(finiteM).exp(), { axis: axes, keepdims: true }).log().add(finiteM);
  return opts.keepdims ? s : s.reshape(keptShape(a.shape, axes).filter((_, i) => !axes.includes(i)));
}
