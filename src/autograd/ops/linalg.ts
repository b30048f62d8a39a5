/** Matrix products. */
import * as nd from '../../nd/index.js';
import { ShapeError, formatShape } from '../../nd/errors.js';
import { Tensor } from '../tensor.js';
import { record, unbroadcast } from './util.js';

/**
 * a @ b with NumPy/PyTorch semantics: batched, broadcasting batch dimensions; a 1-D operand is
 * treated as a row (left) or column (right) vector and that dimension is removed afterwards.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0)
    throw new ShapeError('matmul: both arguments need at least 1 dimension, got a 0-d tensor');
  if (a.ndim === 1 && b.ndim === 1) return matmul(a.unsqueeze(0), b.unsqueeze(-1)).reshape([]); // dot product
  if (a.ndim === 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
  if (b.ndim === 1) return matmul(a, b.unsqueeze(-1)).squeeze(-1);
  const k1 = a.shape[a.ndim - 1];
  const k2 = b.shape[b.ndim - 2];
  if (k1 !== k2) {
    throw new ShapeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} not aligned: ${k1} (dim ${a.ndim - 1}) != ${k2} (dim ${b.ndim - 2})`,
    );
  }
  // dA = dC @ Bᵀ, dB = Aᵀ @ dC (summed over broadcast batch dimensions)
  return record('matmul', nd.matmul(a.data, b.data), [a, b], (g) => [
    a.requiresGrad ? unbroadcast(matmul(g, b.transpose(-1, -2)), a.shape) : null,
    b.requiresGrad ? unbroadcast(matmul(a.transpose(-1, -2), g), b.shape) : null,
  ]);
}
