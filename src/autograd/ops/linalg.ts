/** Matrix products. */
import * as nd from '../../nd/index.js';
import { ShapeError, formatShape } from '../../nd/errors.js';
import { getBackend } from '../../kernels/backend.js';
import { stridedGemmArgs } from '../../kernels/strided.js';
import type { FloatArray } from '../../kernels/types.js';
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

/**
 * `x @ weightᵀ + bias` over the last axis of x: weight is (out, in) as in PyTorch, x is (…, in),
 * bias is (out). One matrix product whose bias add is done in place on the fresh result; the
 * backward forms `dW = gᵀ · x` directly in weight's (out, in) layout (no transposed copy), and
 * `db` sums g over the rows. The backward is written with Tensor ops, so it can be differentiated
 * again (create_graph).
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (weight.ndim !== 2) {
    throw new ShapeError(
      `linear: weight must be 2-D (out_features, in_features), got ${formatShape(weight.shape)}`,
    );
  }
  const [outF, inF] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inF) {
    throw new ShapeError(
      `linear: input ${formatShape(x.shape)} and weight ${formatShape(weight.shape)} do not fit: the input's last dimension must be in_features = ${inF}`,
    );
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outF)) {
    throw new ShapeError(`linear: bias must have shape (${outF},), got ${formatShape(bias.shape)}`);
  }
  const lead = x.shape.slice(0, -1);
  const x2 = x.data.reshape([-1, inF]);
  let y = bias ? gemmWithBias(x2, weight.data, bias.data) : null;
  if (y === null) {
    y = nd.matmul(x2, weight.data.T);
    if (bias) y = nd.resultType(y.dtype, bias.dtype) === y.dtype ? y.add_(bias.data) : nd.add(y, bias.data);
  }
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record('linear', y.reshape([...lead, outF]), inputs, (g) => {
    const g2 = g.reshape([-1, outF]);
    return [
      x.requiresGrad ? g2.matmul(weight).reshape([...x.shape]) : null,
      weight.requiresGrad ? g2.transpose(0, 1).matmul(x.reshape([-1, inF])) : null,
      bias?.requiresGrad ? g2.sum({ axis: 0 }) : null,
    ];
  });
}

/**
 * `x2 @ wᵀ + bias` as one backend GEMM with its bias epilogue, when all three are float arrays of
 * one dtype whose layouts GEMM takes (see stridedGemmArgs); null otherwise.
 */
function gemmWithBias(x2: nd.NDArray, w: nd.NDArray, bias: nd.NDArray): nd.NDArray | null {
  const [m, k] = x2.shape;
  const n = w.shape[0];
  const dtype = w.dtype;
  if ((dtype !== 'float32' && dtype !== 'float64') || x2.dtype !== dtype || bias.dtype !== dtype) return null;
  if (m === 0 || n === 0 || k === 0) return null;
  const y = nd.empty([m, n], { dtype });
  const args = stridedGemmArgs(
    m,
    n,
    k,
    x2.data as FloatArray,
    x2.offset,
    x2.strides[0],
    x2.strides[1],
    w.data as FloatArray,
    w.offset,
    w.strides[1], // wᵀ: its rows are w's columns
    w.strides[0],
    y.data as FloatArray,
    0,
    n,
    1,
  );
  if (args === null) return null;
  getBackend().gemm({
    ...args,
    bias: bias.data as FloatArray,
    biasOffset: bias.offset,
    biasStride: bias.strides[0],
  });
  return y;
}
