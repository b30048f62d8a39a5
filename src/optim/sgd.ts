/**
 * Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov and weight decay:
 *
 *   g ← ∇ + λ·p                                   (weightDecay λ)
 *   b ← g (first step),  b ← μ·b + (1 − τ)·g      (momentum μ, dampening τ)
 *   g ← g + μ·b (Nesterov)  or  g ← b
 *   p ← p − lr·g
 */
import * as nd from '../nd/index.js';
import type { NDArray } from '../nd/ndarray.js';
import { ValueError } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { Optimizer, checkRange, type ParamGroup, type ParamState, type Params } from './optimizer.js';

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  /** Ascend instead of descend. */
  maximize: boolean;
}

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, opts: Partial<SGDOptions> = {}) {
    const o: SGDOptions = {
      lr: 1e-3,
      momentum: 0,
      dampening: 0,
      nesterov: false,
      weightDecay: 0,
      maximize: false,
      ...opts,
    };
    checkRange('SGD', 'learning rate', o.lr, 0);
    checkRange('SGD', 'momentum', o.momentum, 0);
    checkRange('SGD', 'weight_decay', o.weightDecay, 0);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0))
      throw new ValueError('SGD: Nesterov momentum requires a momentum and zero dampening');
    super(params, o);
  }

  protected update(p: Tensor, grad: NDArray, state: ParamState, group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, nesterov, weightDecay, maximize } = group;
    const fresh = !(state.momentum_buffer instanceof nd.NDArray);
    if (momentum === 0 || !fresh) {
      const buf = momentum !== 0 ? this.buffer(state, 'momentum_buffer', p) : grad;
      const flat = this.flat(p, grad, buf);
      if (flat) {
        // Fast path: one pass over contiguous memory.
        const [P, G, B] = flat;
        const sign = maximize ? -1 : 1;
        for (let i = 0; i < P.length; i++) {
          let gi = sign * G[i] + weightDecay * P[i];
          if (momentum !== 0) {
            B[i] = momentum * B[i] + (1 - dampening) * gi;
            gi = nesterov ? gi + momentum * B[i] : B[i];
          }
          P[i] -= lr * gi;
        }
        return;
      }
    }
    let g = grad;
    if (maximize || weightDecay !== 0) {
      g = this.tmp(p, 0);
      nd.multiply(grad, maximize ? -1 : 1, { out: g });
      if (weightDecay !== 0) {
        const t = this.tmp(p, 1);
        nd.multiply(p.data, weightDecay, { out: t });
        g.add_(t); // g = ∇ + λ·p
      }
    }
    if (momentum !== 0) {
      const buf = this.buffer(state, 'momentum_buffer', p, fresh ? g : undefined);
      if (!fresh) {
        const t = this.tmp(p, 1);
        buf.mul_(momentum);
        nd.multiply(g, 1 - dampening, { out: t });
        buf.add_(t); // b = μ·b + (1 − τ)·g
      }
      if (nesterov) {
        const t = this.tmp(p, 1);
        nd.multiply(buf, momentum, { out: t });
        if (g === grad) {
          g = this.tmp(p, 0);
          nd.add(grad, t, { out: g });
        } else g.add_(t); // g = g + μ·b
      } else g = buf;
    }
    const t = this.tmp(p, 1);
    nd.multiply(g, lr, { out: t });
    p.data.sub_(t); // p = p − lr·g
  }
}
