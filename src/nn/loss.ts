/**
 * Losses as modules (PyTorch's names), each a thin wrapper over the functional form in F:
 * `new nn.CrossEntropyLoss({ labelSmoothing: 0.1 }).call(logits, labels)`.
 */
import type { NDArray } from '../nd/ndarray.js';
import type { Tensor } from '../autograd/tensor.js';
import * as F from '../autograd/functional.js';
import { Module } from './module.js';

export type Reduction = F.Reduction;
type Target = Tensor | NDArray;

abstract class Loss<T = Tensor> extends Module<[Tensor, T], Tensor> {
  readonly reduction: Reduction | 'batchmean';
  constructor(opts: { reduction?: Reduction | 'batchmean' } = {}) {
    super();
    this.reduction = opts.reduction ?? 'mean';
  }
  override extraRepr(): string {
    return this.reduction === 'mean' ? '' : `reduction='${this.reduction}'`;
  }
  protected get red(): Reduction {
    return this.reduction as Reduction;
  }
}

/** mean((input − target)²). */
export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, { reduction: this.red });
  }
}

/** mean(|input − target|). */
export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, { reduction: this.red });
  }
}

/** ½d² where |d| < δ, else δ(|d| − ½δ). */
export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(opts: { reduction?: Reduction; delta?: number } = {}) {
    super(opts);
    this.delta = opts.delta ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(input, target, { reduction: this.red, delta: this.delta });
  }
}

/** Smooth L1: Huber divided by β (½d²/β where |d| < β, else |d| − ½β). */
export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(opts: { reduction?: Reduction; beta?: number } = {}) {
    super(opts);
    this.beta = opts.beta ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(input, target, { reduction: this.red, delta: this.beta }).div(this.beta);
  }
}

/** Binary cross-entropy on probabilities in (0, 1). */
export class BCELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, { reduction: this.red });
  }
}

/** Binary cross-entropy on logits (sigmoid inside, numerically stable); optional posWeight. */
export class BCEWithLogitsLoss extends Loss {
  readonly posWeight: Tensor | undefined;
  constructor(opts: { reduction?: Reduction; posWeight?: Tensor } = {}) {
    super(opts);
    this.posWeight = opts.posWeight;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { reduction: this.red, posWeight: this.posWeight });
  }
}

/** Cross-entropy from logits (N, C) and class indices (N,), with weight, ignoreIndex, labelSmoothing. */
export class CrossEntropyLoss extends Loss<Target> {
  readonly opts: F.CrossEntropyOptions;
  constructor(opts: F.CrossEntropyOptions = {}) {
    super(opts);
    this.opts = opts;
  }
  forward(input: Tensor, target: Target): Tensor {
    return F.crossEntropy(input, target, this.opts);
  }
}

/** Negative log-likelihood from log-probabilities (N, C) and class indices (N,). */
export class NLLLoss extends Loss<Target> {
  readonly opts: F.CrossEntropyOptions;
  constructor(opts: Omit<F.CrossEntropyOptions, 'labelSmoothing'> = {}) {
    super(opts);
    this.opts = opts;
  }
  forward(input: Tensor, target: Target): Tensor {
    return F.nllLoss(input, target, this.opts);
  }
}

/** KL(target ‖ input) with input as log-probabilities; reduction 'batchmean' is the true KL. */
export class KLDivLoss extends Loss {
  readonly logTarget: boolean;
  constructor(opts: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } = {}) {
    super(opts);
    this.logTarget = opts.logTarget ?? false;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.klDiv(input, target, { reduction: this.reduction, logTarget: this.logTarget });
  }
}

/** Multi-class hinge loss: Σ_{j≠y} max(0, margin − x_y + x_j) / C. */
export class MultiMarginLoss extends Loss<Target> {
  readonly margin: number;
  constructor(opts: { reduction?: Reduction; margin?: number } = {}) {
    super(opts);
    this.margin = opts.margin ?? 1;
  }
  forward(input: Tensor, target: Target): Tensor {
    return F.hingeLoss(input, target, { reduction: this.red, margin: this.margin });
  }
}
