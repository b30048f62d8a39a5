/**
 * Elementwise ops with broadcasting. Each op: the forward on NDArrays, then its backward
 * (gradients summed back to the input shapes with `unbroadcast`).
 */
import * as nd from '../../nd/index.js';
import type { DType } from '../../nd/dtype.js';
import { flatFloatData } from '../../nd/ndarray.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { lift, record, unbroadcast } from './util.js';
import { isGradEnabled } from '../engine.js';

export function add(a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  // d(a+b)/da = 1, d(a+b)/db = 1
  return record('add', nd.add(a.data, B.data), [a, B], (g) => [
    unbroadcast(g, a.shape),
    unbroadcast(g, B.shape),
  ]);
}

export function sub(a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  // d(a−b)/da = 1, d(a−b)/db = −1
  return record('sub', nd.subtract(a.data, B.data), [a, B], (g) => [
    unbroadcast(g, a.shape),
    unbroadcast(g.neg(), B.shape),
  ]);
}

export function mul(a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  // d(ab)/da = b, d(ab)/db = a
  return record('mul', nd.multiply(a.data, B.data), [a, B], (g) => [
    a.requiresGrad ? unbroadcast(g.mul(B), a.shape) : null,
    B.requiresGrad ? unbroadcast(g.mul(a), B.shape) : null,
  ]);
}

export function div(a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  // d(a/b)/da = 1/b, d(a/b)/db = −a/b²
  return record('div', nd.divide(a.data, B.data), [a, B], (g) => [
    a.requiresGrad ? unbroadcast(g.div(B), a.shape) : null,
    B.requiresGrad ? unbroadcast(g.mul(a).div(B.mul(B)).neg(), B.shape) : null,
  ]);
}

export function pow(a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  const out = nd.power(a.data, B.data);
  // d(a^b)/da = b·a^(b−1), d(a^b)/db = a^b·ln a
  return record('pow', out, [a, B], (g) => [
    a.requiresGrad ? unbroadcast(g.mul(B).mul(a.pow(B.sub(1))), a.shape) : null,
    B.requiresGrad ? unbroadcast(g.mul(a.pow(B)).mul(a.log()), B.shape) : null,
  ]);
}

export function neg(a: Tensor): Tensor {
  // d(−a)/da = −1
  return record('neg', nd.negative(a.data), [a], (g) => [g.neg()]);
}

export function exp(a: Tensor): Tensor {
  const out = nd.exp(a.data);
  // d(e^a)/da = e^a
  return record('exp', out, [a], (g) => [g.mul(a.exp())]);
}

export function log(a: Tensor): Tensor {
  // d(ln a)/da = 1/a
  return record('log', nd.log(a.data), [a], (g) => [g.div(a)]);
}

export function sqrt(a: Tensor): Tensor {
  // d√a/da = 1/(2√a)
  return record('sqrt', nd.sqrt(a.data), [a], (g) => [g.div(a.sqrt().mul(2))]);
}

export function abs(a: Tensor): Tensor {
  // d|a|/da = sign(a) (0 at 0)
  return record('abs', nd.absolute(a.data), [a], (g) => [g.mul(new Tensor(nd.sign(a.data)))]);
}

export function sin(a: Tensor): Tensor {
  // d sin a/da = cos a
  return record('sin', nd.sin(a.data), [a], (g) => [g.mul(a.cos())]);
}

export function cos(a: Tensor): Tensor {
  // d cos a/da = −sin a
  return record('cos', nd.cos(a.data), [a], (g) => [g.mul(a.sin()).neg()]);
}

export function tanh(a: Tensor): Tensor {
  // d tanh a/da = 1 − tanh²a
  return record('tanh', nd.tanh(a.data), [a], (g) => {
    const t = a.tanh();
    return [g.mul(t.mul(t).neg().add(1))];
  });
}

export function sigmoid(a: Tensor): Tensor {
  // dσ/da = σ(1 − σ)
  return record('sigmoid', nd.sigmoid(a.data), [a], (g) => {
    const s = a.sigmoid();
    return [g.mul(s).mul(s.neg().add(1))];
  });
}

export function relu(a: Tensor): Tensor {
  // d relu/da = 1 where a > 0, else 0. Contiguous float data takes one pass each way; `v < 0 ? 0 : v`
  // is exactly np.maximum(v, 0) (NaN and −0 pass through).
  const x = flatFloatData(a.data);
  let y: NDArray;
  if (x) {
    y = nd.empty([...a.shape], { dtype: a.dtype });
    const out = y.data as Float32Array | Float64Array;
    for (let i = 0; i < x.length; i++) out[i] = x[i] < 0 ? 0 : x[i];
  } else y = nd.maximum(a.data, 0);
  return record('relu', y, [a], (g) => {
    const gd = flatFloatData(g.data);
    if (x && gd && g.dtype === a.dtype && g.size === a.size && !isGradEnabled()) {
      const dx = nd.empty([...a.shape], { dtype: a.dtype });
      const out = dx.data as Float32Array | Float64Array;
      for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? gd[i] : 0;
      return [new Tensor(dx)];
    }
    return [g.mul(new Tensor(a.data.gt(0).astype(a.dtype)))];
  });
}

/** Mask of where `a` wins (1), loses (0) or ties (½) against b: the subgradient PyTorch uses. */
function winMask(a: NDArray, b: NDArray, dtype: DType): Tensor {
  const gt = a.gt(b).astype(dtype);
  const eq = a.eq(b).astype(dtype).mul(0.5);
  return new Tensor(gt.add(eq));
}
type NDArray = nd.NDArray;

export function maximum(a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  return record('maximum', nd.maximum(a.data, B.data), [a, B], (g) => {
    const m = winMask(a.data, B.data, a.dtype);
    return [unbroadcast(g.mul(m), a.shape), unbroadcast(g.mul(m.neg().add(1)), B.shape)];
  });
}

export function minimum(a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  return record('minimum', nd.minimum(a.data, B.data), [a, B], (g) => {
    const m = winMask(B.data, a.data, a.dtype);
    return [unbroadcast(g.mul(m), a.shape), unbroadcast(g.mul(m.neg().add(1)), B.shape)];
  });
}

export function clamp(a: Tensor, min: number | null, max: number | null): Tensor {
  const out = nd.clip(a.data, min, max);
  // gradient passes where the value was not clipped
  return record('clamp', out, [a], (g) => {
    let inside = nd.onesLike(a.data, { dtype: 'bool' });
    if (min !== null) inside = inside.and(a.data.ge(min));
    if (max !== null) inside = inside.and(a.data.le(max));
    return [g.mul(new Tensor(inside.astype(a.dtype)))];
  });
}

/** Comparisons give bool tensors that carry no gradient. */
export function compare(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', a: Tensor, b: TensorLike): Tensor {
  const B = lift(b, a);
  return new Tensor(a.data[op](B.data));
}

/** cond ? a : b elementwise; no gradient flows to the condition. */
export function where(cond: Tensor | nd.NDArray, a: Tensor, b: TensorLike): Tensor {
  const c = cond instanceof Tensor ? cond.data : cond;
  const B = lift(b, a);
  const zero = new Tensor(nd.zeros([], { dtype: a.dtype }));
  return record('where', nd.where(c, a.data, B.data), [a, B], (g) => [
    unbroadcast(where(c, g, zero), a.shape),
    unbroadcast(where(c, zero, g), B.shape),
  ]);
}

/** dtype conversion; gradients are converted back. */
export function cast(a: Tensor, dtype: DType): Tensor {
  if (a.dtype === dtype) return a;
  const from = a.dtype;
  return record('cast', a.data.astype(dtype), [a], (g) => [cast(g, from)]);
}

/** softplus(a) = log(1 + e^a), computed stably as max(a, 0) + log1p(e^−|a|). */
export function softplus(a: Tensor): Tensor {
  const out = nd.add(nd.maximum(a.data, 0), nd.log1p(nd.exp(nd.negative(nd.absolute(a.data)))));
  // d softplus/da = σ(a)
  return record('softplus', out, [a], (g) => [g.mul(a.sigmoid())]);
}
