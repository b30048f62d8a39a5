/** Shared pieces of the op modules: recording a node, and summing gradients back to a shape. */
import type { NDArray } from '../../nd/ndarray.js';
import { isGradEnabled } from '../engine.js';
import { Tensor, toTensor, type TensorLike } from '../tensor.js';

/**
 * Wraps the forward result `data` of op `op` and, when any input requires grad (and grad mode
 * is on), remembers the inputs and the backward function.
 */
export function record(
  op: string,
  data: NDArray,
  inputs: Tensor[],
  backward: (g: Tensor) => (Tensor | null)[],
): Tensor {
  const needs = isGradEnabled() && inputs.some((x) => x.requiresGrad);
  const out = new Tensor(data, { requiresGrad: needs });
  if (needs) out.node = { op, inputs, backward };
  return out;
}

/** A number becomes a constant tensor with the dtype of the tensor it meets. */
export function lift(x: TensorLike, like: Tensor): Tensor {
  return typeof x === 'number' ? toTensor(x, like.dtype) : x;
}

/**
 * Sums a broadcast gradient back to `shape`: over the leading dimensions that broadcasting
 * added and over the dimensions where `shape` has 1.
 */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  if (g.shape.length === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  let r = axes.length > 0 ? g.sum({ axis: axes, keepdims: true }) : g;
  if (lead > 0 || r.ndim !== shape.length) r = r.reshape([...shape]);
  return r;
}
