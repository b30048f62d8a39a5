/**
 * Tensor: an NDArray that records the operations applied to it, so that `backward()` can
 * compute gradients by reverse-mode differentiation — PyTorch's autograd over `nd`.
 *
 * ```ts
 * const w = tensor([[0.1, 0.1], [0.1, 0.1], [0.1, 0.1]], { requiresGrad: true });
 * const loss = tensor([[1, 2, 3]]).matmul(w).tanh().square().mean();
 * loss.backward();
 * w.grad; // ∂loss/∂w
 * ```
 *
 * The methods forward to the op modules in ./ops, where each op's forward and backward sit
 * side by side.
 */
import { NDArray } from '../nd/ndarray.js';
import { array, type ArrayLike } from '../nd/creation.js';
import { ValueError, DTypeError, formatShape } from '../nd/errors.js';
import type { DType } from '../nd/dtype.js';
import type { IndexItem } from '../nd/indexing.js';
import { backpropagate, type BackwardOptions, type Node } from './engine.js';
import * as ew from './ops/elementwise.js';
import * as rd from './ops/reduce.js';
import * as mv from './ops/movement.js';
import * as la from './ops/linalg.js';
import * as nn from './ops/nn.js';

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/** A number or a Tensor, as accepted by the arithmetic methods. */
export type TensorLike = Tensor | number;

export class Tensor {
  /** The values. */
  data: NDArray;
  /** Whether gradients flow to this tensor. */
  requiresGrad: boolean;
  /** ∂L/∂this after `L.backward()` (leaves only, unless `retainGrad()` was called). */
  grad: Tensor | null = null;
  /** How this tensor was computed (null for leaves and for results made without grad). */
  node: Node | null = null;
  /** True after `retainGrad()`: a non-leaf that keeps its `.grad`. */
  retainsGrad = false;

  constructor(data: NDArray, opts: { requiresGrad?: boolean } = {}) {
    this.data = data;
    this.requiresGrad = opts.requiresGrad ?? false;
    if (this.requiresGrad && data.dtype !== 'float32' && data.dtype !== 'float64') {
      throw new DTypeError(
        `tensor: only floating point tensors can require gradients, got dtype ${data.dtype}`,
      );
    }
  }

  get shape(): readonly number[] {
    return this.data.shape;
  }
  get dtype(): DType {
    return this.data.dtype;
  }
  get ndim(): number {
    return this.data.ndim;
  }
  get size(): number {
    return this.data.size;
  }
  /** PyTorch's `is_leaf`: created by the user, not by an op. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /** Number of elements along `dim`, or the whole shape. */
  sizeOf(dim: number): number {
    return this.shape[dim < 0 ? dim + this.ndim : dim];
  }

  /** The single value of a one-element tensor as a JS number. */
  item(): number {
    if (this.size !== 1) {
      throw new ValueError(`item: a Tensor with ${this.size} elements cannot be converted to a scalar`);
    }
    return Number(this.data.item());
  }
  toArray(): ReturnType<NDArray['toArray']> {
    return this.data.toArray();
  }
  toString(): string {
    const body = this.data.toString().replace(/^array/, 'tensor');
    return this.requiresGrad ? body.replace(/\)$/, ', requiresGrad=true)') : body;
  }

  /**
   * Computes ∂this/∂leaf for every leaf that requires grad and adds it to `leaf.grad`.
   * A non-scalar tensor needs the upstream `gradient` (same shape). The graph is freed
   * afterwards unless `retainGraph` is set.
   */
  backward(gradient?: TensorLike | NDArray, opts: BackwardOptions = {}): void {
    if (!this.requiresGrad) {
      throw new ValueError(
        'backward: element 0 of tensors does not require grad and does not have a grad_fn; create the inputs with { requiresGrad: true }',
      );
    }
    let seed: Tensor;
    if (gradient === undefined) {
      if (this.size !== 1) {
        throw new ValueError(
          `backward: grad can be implicitly created only for scalar outputs; this tensor has shape ${formatShape(this.shape)}, so pass the gradient of the loss with respect to it: t.backward(gradient)`,
        );
      }
      seed = new Tensor(array(1, { dtype: this.dtype }).reshape(this.shape));
    } else {
      seed = toTensor(gradient, this.dtype);
      if (seed.size !== this.size) {
        throw new ValueError(
          `backward: gradient has shape ${formatShape(seed.shape)} but the tensor has shape ${formatShape(this.shape)}`,
        );
      }
      seed = seed.reshape([...this.shape]);
    }
    backpropagate(this, seed, opts);
  }

  /** A tensor with the same values and no history (shares memory). */
  detach(): Tensor {
    return new Tensor(this.data);
  }
  /** Sets `requiresGrad` in place (PyTorch's `requires_grad_`). */
  requiresGrad_(flag = true): this {
    if (flag && this.dtype !== 'float32' && this.dtype !== 'float64') {
      throw new DTypeError(
        `requiresGrad_: only floating point tensors can require gradients, got ${this.dtype}`,
      );
    }
    this.requiresGrad = flag;
    return this;
  }
  /** Keep `.grad` on this non-leaf tensor after backward. */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }
  /** Clears `.grad` (PyTorch sets it to None). */
  zeroGrad(): void {
    this.grad = null;
  }
  /** A copy with the same graph position (differentiable). */
  clone(): Tensor {
    return ew.mul(this, 1);
  }
  /** Converts the dtype (differentiable between float types). */
  to(dtype: DType): Tensor {
    return ew.cast(this, dtype);
  }

  // elementwise
  add(b: TensorLike): Tensor {
    return ew.add(this, b);
  }
  sub(b: TensorLike): Tensor {
    return ew.sub(this, b);
  }
  mul(b: TensorLike): Tensor {
    return ew.mul(this, b);
  }
  div(b: TensorLike): Tensor {
    return ew.div(this, b);
  }
  pow(b: TensorLike): Tensor {
    return ew.pow(this, b);
  }
  neg(): Tensor {
    return ew.neg(this);
  }
  exp(): Tensor {
    return ew.exp(this);
  }
  log(): Tensor {
    return ew.log(this);
  }
  sqrt(): Tensor {
    return ew.sqrt(this);
  }
  square(): Tensor {
    return ew.mul(this, this);
  }
  abs(): Tensor {
    return ew.abs(this);
  }
  sin(): Tensor {
    return ew.sin(this);
  }
  cos(): Tensor {
    return ew.cos(this);
  }
  tanh(): Tensor {
    return ew.tanh(this);
  }
  sigmoid(): Tensor {
    return ew.sigmoid(this);
  }
  relu(): Tensor {
    return ew.relu(this);
  }
  maximum(b: TensorLike): Tensor {
    return ew.maximum(this, b);
  }
  minimum(b: TensorLike): Tensor {
    return ew.minimum(this, b);
  }
  clamp(min: number | null, max: number | null = null): Tensor {
    return ew.clamp(this, min, max);
  }
  eq(b: TensorLike): Tensor {
    return ew.compare('eq', this, b);
  }
  ne(b: TensorLike): Tensor {
    return ew.compare('ne', this, b);
  }
  lt(b: TensorLike): Tensor {
    return ew.compare('lt', this, b);
  }
  le(b: TensorLike): Tensor {
    return ew.compare('le', this, b);
  }
  gt(b: TensorLike): Tensor {
    return ew.compare('gt', this, b);
  }
  ge(b: TensorLike): Tensor {
    return ew.compare('ge', this, b);
  }

  // reductions
  sum(opts?: rd.ReduceOpts): Tensor {
    return rd.sum(this, opts);
  }
  mean(opts?: rd.ReduceOpts): Tensor {
    return rd.mean(this, opts);
  }
  max(opts?: rd.ReduceOpts): Tensor {
    return rd.max(this, opts);
  }
  min(opts?: rd.ReduceOpts): Tensor {
    return rd.min(this, opts);
  }
  var(opts?: rd.VarOpts): Tensor {
    return rd.variance(this, opts);
  }
  std(opts?: rd.VarOpts): Tensor {
    return rd.std(this, opts);
  }
  logsumexp(opts?: rd.ReduceOpts): Tensor {
    return rd.logsumexp(this, opts);
  }
  argmax(opts?: { axis?: number; keepdims?: boolean }): Tensor {
    return new Tensor(this.data.argmax(opts));
  }
  argmin(opts?: { axis?: number; keepdims?: boolean }): Tensor {
    return new Tensor(this.data.argmin(opts));
  }

  // movement
  reshape(...shape: (number | readonly number[])[]): Tensor {
    return mv.reshape(this, shape.flat());
  }
  /** PyTorch's `view`: like reshape (mlseries copies when the layout needs it). */
  view(...shape: (number | readonly number[])[]): Tensor {
    return mv.reshape(this, shape.flat());
  }
  permute(...dims: (number | readonly number[])[]): Tensor {
    return mv.permute(this, dims.flat());
  }
  transpose(dim0 = -2, dim1 = -1): Tensor {
    return mv.transpose(this, dim0, dim1);
  }
  /** The matrix transpose of the last two dimensions (or the reversed axes of a 1-D/2-D tensor). */
  get T(): Tensor {
    return mv.permute(this, [...Array(this.ndim).keys()].reverse());
  }
  expand(...shape: (number | readonly number[])[]): Tensor {
    return mv.expand(this, shape.flat());
  }
  squeeze(dim?: number): Tensor {
    return mv.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return mv.unsqueeze(this, dim);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return mv.flatten(this, startDim, endDim);
  }
  /** NumPy/PyTorch indexing (basic and integer-array); differentiable. */
  index(...items: IndexItem[]): Tensor {
    return mv.index(this, items);
  }
  gather(dim: number, index: Tensor | NDArray): Tensor {
    return mv.gather(this, dim, index);
  }

  // products and nn
  matmul(b: Tensor): Tensor {
    return la.matmul(this, b);
  }
  softmax(dim = -1): Tensor {
    return nn.softmax(this, dim);
  }
  logSoftmax(dim = -1): Tensor {
    return nn.logSoftmax(this, dim);
  }
}

/**
 * `autograd.tensor(data, { dtype, requiresGrad })`: a leaf tensor. Numbers and nested lists
 * become float32 unless `dtype` says otherwise (integers stay int64, as PyTorch's do); an
 * NDArray is wrapped without copying.
 */
export function tensor(data: ArrayLike | NDArray, opts: TensorOptions = {}): Tensor {
  let arr: NDArray;
  if (data instanceof NDArray) arr = opts.dtype && opts.dtype !== data.dtype ? data.astype(opts.dtype) : data;
  else {
    arr = array(data as ArrayLike, opts.dtype ? { dtype: opts.dtype } : {});
    if (!opts.dtype && arr.dtype === 'float64') arr = arr.astype('float32');
  }
  return new Tensor(arr, { requiresGrad: opts.requiresGrad });
}

/** Wraps numbers and NDArrays as constant tensors of `dtype`. */
export function toTensor(x: TensorLike | NDArray | ArrayLike, dtype: DType): Tensor {
  if (x instanceof Tensor) return x;
  if (x instanceof NDArray) return new Tensor(x);
  return new Tensor(array(x as ArrayLike, { dtype }));
}
