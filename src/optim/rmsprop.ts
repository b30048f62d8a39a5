/**
 * RMSprop (Hinton) with PyTorch's options:
 *
 *   g ← ∇ + λ·p
 *   s ← α·s + (1 − α)·g²
 *   ḡ ← ḡ + (1 − α)(g − ḡ),  a ← √(s − ḡ²) + ε     (centered)    else  a ← √s + ε
 *   b ← μ·b + g/a,  p ← p − lr·b                     (momentum μ)  else  p ← p − lr·g/a
 */
import * as nd from '../nd/index.js';
import type { NDArray } from '../nd/ndarray.js';
import type { Tensor } from '../autograd/tensor.js';
import { Optimizer, checkRange, type ParamGroup, type ParamState, type Params } from './optimizer.js';

export interface RMSpropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Params<RMSpropOptions>, opts: Partial<RMSpropOptions> = {}) {
    const o: RMSpropOptions = {
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
      maximize: false,
      ...opts,
    };
    checkRange('RMSprop', 'learning rate', o.lr, 0);
    checkRange('RMSprop', 'epsilon', o.eps, 0);
    checkRange('RMSprop', 'momentum', o.momentum, 0);
    checkRange('RMSprop', 'alpha', o.alpha, 0);
    checkRange('RMSprop', 'weight_decay', o.weightDecay, 0);
    super(params, o);
  }

  protected update(p: Tensor, grad: NDArray, state: ParamState, group: ParamGroup<RMSpropOptions>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    state.step = (typeof state.step === 'number' ? state.step : 0) + 1;
    const s = this.buffer(state, 'square_avg', p);
    const t = this.tmp(p, 1);
    let g = grad;
    if (maximize || weightDecay !== 0) {
      g = this.tmp(p, 0);
      nd.multiply(grad, maximize ? -1 : 1, { out: g });
      if (weightDecay !== 0) {
        nd.multiply(p.data, weightDecay, { out: t });
        g.add_(t); // g = ∇ + λ·p
      }
    }
    nd.multiply(g, g, { out: t });
    t.mul_(1 - alpha);
    s.mul_(alpha).add_(t); // s = α·s + (1 − α)·g²
    const a = this.tmp(p, 2);
    if (centered) {
      const ga = this.buffer(state, 'grad_avg', p);
      nd.subtract(g, ga, { out: t });
      t.mul_(1 - alpha);
      ga.add_(t); // ḡ = ḡ + (1 − α)(g − ḡ)
      nd.multiply(ga, ga, { out: t });
      nd.subtract(s, t, { out: a });
      nd.sqrt(a, { out: a }); // a = √(s − ḡ²)
    } else nd.sqrt(s, { out: a });
    a.add_(eps);
    nd.divide(g, a, { out: t }); // g / a
    if (momentum > 0) {
      const b = this.buffer(state, 'momentum_buffer', p);
      b.mul_(momentum).add_(t); // b = μ·b + g/a
      nd.multiply(b, lr, { out: t });
    } else t.mul_(lr);
    p.data.sub_(t);
  }
}
