/**
 * Adagrad (Duchi et al.) with PyTorch's options:
 *
 *   g ← ∇ + λ·p
 *   lr_t = lr / (1 + (t − 1)·lrDecay)
 *   S ← S + g²                  (S starts at initialAccumulatorValue)
 *   p ← p − lr_t · g / (√S + ε)
 */
import * as nd from '../nd/index.js';
import type { NDArray } from '../nd/ndarray.js';
import type { Tensor } from '../autograd/tensor.js';
import { Optimizer, checkRange, type ParamGroup, type ParamState, type Params } from './optimizer.js';

export interface AdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Params<AdagradOptions>, opts: Partial<AdagradOptions> = {}) {
    const o: AdagradOptions = {
      lr: 1e-2,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      maximize: false,
      ...opts,
    };
    checkRange('Adagrad', 'learning rate', o.lr, 0);
    checkRange('Adagrad', 'lr_decay', o.lrDecay, 0);
    checkRange('Adagrad', 'weight_decay', o.weightDecay, 0);
    checkRange('Adagrad', 'initial_accumulator_value', o.initialAccumulatorValue, 0);
    checkRange('Adagrad', 'epsilon', o.eps, 0);
    super(params, o);
  }

  protected update(p: Tensor, grad: NDArray, state: ParamState, group: ParamGroup<AdagradOptions>): void {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize } = group;
    const step = (typeof state.step === 'number' ? state.step : 0) + 1;
    state.step = step;
    const fresh = !(state.sum instanceof nd.NDArray);
    const S = this.buffer(state, 'sum', p);
    if (fresh && initialAccumulatorValue !== 0) S.fill(initialAccumulatorValue);
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
    const clr = lr / (1 + (step - 1) * lrDecay);
    nd.multiply(g, g, { out: t });
    S.add_(t); // S = S + g²
    nd.sqrt(S, { out: t });
    t.add_(eps); // √S + ε
    nd.divide(g, t, { out: t });
    t.mul_(clr);
    p.data.sub_(t); // p = p − lr_t · g / (√S + ε)
  }
}
