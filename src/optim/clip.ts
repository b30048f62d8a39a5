/**
 * Gradient clipping (PyTorch's torch.nn.utils.clip_grad_norm_ / clip_grad_value_), in place on
 * the gradients.
 */
import * as nd from '../nd/index.js';
import { ValueError } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';

/**
 * The gradients as arrays that may be changed in place. NOTE: autograd can hand the same gradient
 * array to two parameters (the backward of `a + b` passes `g` to both), so a shared array is
 * copied before the first in-place change.
 */
function ownGrads(params: Iterable<Tensor>): nd.NDArray[] {
  const seen = new Set<unknown>();
  const out: nd.NDArray[] = [];
  for (const p of params) {
    if (p.grad === null) continue;
    let g = p.grad.data;
    if (seen.has(g.data) || !g.writeable || !g.flags.cContiguous) {
      g = g.copy();
      p.grad.data = g;
    }
    seen.add(g.data);
    out.push(g);
  }
  return out;
}

/**
 * Scales all gradients together so that their joint `normType`-norm (2 by default; Infinity for
 * the max-abs norm) is at most `maxNorm`. Returns the norm before clipping.
 */
export function clipGradNorm(
  params: Iterable<Tensor>,
  maxNorm: number,
  normType = 2,
  opts: { errorIfNonfinite?: boolean } = {},
): number {
  const grads = ownGrads(params);
  if (grads.length === 0) return 0;
  let total: number;
  if (normType === Infinity) {
    total = Math.max(...grads.map((g) => Number(nd.absolute(g).max().item())));
  } else {
    let acc = 0;
    for (const g of grads) {
      const d = g.data;
      let s = 0;
      for (let i = g.offset; i < g.offset + g.size; i++) s += Math.pow(Math.abs(d[i] as number), normType);
      acc += s;
    }
    total = Math.pow(acc, 1 / normType);
  }
  if (opts.errorIfNonfinite && !Number.isFinite(total)) {
    throw new ValueError(
      `clipGradNorm: the total norm of order ${normType} for gradients is non-finite, so it cannot be clipped`,
    );
  }
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) for (const g of grads) g.mul_(coef);
  return total;
}

/** Clamps every gradient element into [−clipValue, clipValue]. */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  for (const g of ownGrads(params)) nd.clip(g, -clipValue, clipValue, { out: g });
}
