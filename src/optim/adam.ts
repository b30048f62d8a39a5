/**
 * Adam (Kingma & Ba) and AdamW (Loshchilov & Hutter) with PyTorch's update:
 *
 *   g ← ∇ + λ·p                          (Adam's weightDecay; AdamW instead: p ← p·(1 − lr·λ))
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   v̂ ← max(v̂, v)                        (amsgrad)
 *   p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 */
import * as nd from '../nd/index.js';
import { getBackend } from '../kernels/backend.js';
import type { NDArray } from '../nd/ndarray.js';
import type { Tensor } from '../autograd/tensor.js';
import { Optimizer, checkRange, type ParamGroup, type ParamState, type Params } from './optimizer.js';

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

export class Adam extends Optimizer<AdamOptions> {
  /** AdamW decays the weights directly instead of adding λ·p to the gradient. */
  protected readonly decoupled: boolean = false;

  constructor(params: Params<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    const o: AdamOptions = {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
      ...opts,
    };
    checkRange('Adam', 'learning rate', o.lr, 0);
    checkRange('Adam', 'epsilon', o.eps, 0);
    checkRange('Adam', 'beta parameter at index 0', o.betas[0], 0, 1);
    checkRange('Adam', 'beta parameter at index 1', o.betas[1], 0, 1);
    checkRange('Adam', 'weight_decay', o.weightDecay, 0);
    super(params, o);
  }

  protected update(p: Tensor, grad: NDArray, state: ParamState, group: ParamGroup<AdamOptions>): void {
    const { lr, betas, eps, weightDecay, amsgrad, maximize } = group;
    const [b1, b2] = betas;
    const step = (typeof state.step === 'number' ? state.step : 0) + 1;
    state.step = step;
    const m = this.buffer(state, 'exp_avg', p);
    const v = this.buffer(state, 'exp_avg_sq', p);
    const bc1 = 1 - Math.pow(b1, step);
    const bc2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
    const vmax = amsgrad ? this.buffer(state, 'max_exp_avg_sq', p) : v;
    const flat = this.flat(p, grad, m, v, vmax);
    if (flat) {
      // Fast path: the whole update in one pass over contiguous memory (each element read and
      // written once instead of once per ufunc below).
      const [P, G, M, V, VM] = flat;
      const c1 = 1 - b1;
      const c2 = 1 - b2;
      const stepSize = lr / bc1;
      const invBc2 = 1 / bc2Sqrt;
      if (!amsgrad && !maximize && weightDecay === 0) {
        // the plain update is a compute kernel (SIMD on the wasm backend)
        getBackend().adam({
          n: P.length,
          p: P,
          pOffset: 0,
          g: G,
          gOffset: 0,
          m: M,
          mOffset: 0,
          v: V,
          vOffset: 0,
          beta1: b1,
          beta2: b2,
          eps,
          stepSize,
          invBc2,
        });
        return;
      }
      const sign = maximize ? -1 : 1;
      const l2 = this.decoupled ? 0 : weightDecay;
      const shrink = this.decoupled ? 1 - lr * weightDecay : 1;
      for (let i = 0; i < P.length; i++) {
        const w = P[i];
        const gi = sign * G[i] + l2 * w;
        const mi = M[i] + c1 * (gi - M[i]);
        const vi = b2 * V[i] + c2 * gi * gi;
        M[i] = mi;
        V[i] = vi;
        let second = vi;
        if (amsgrad) {
          second = Math.max(VM[i], vi);
          VM[i] = second;
        }
        P[i] = w * shrink - (stepSize * mi) / (Math.sqrt(second) * invBc2 + eps);
      }
      return;
    }
    const t = this.tmp(p, 1);
    let g = grad;
    const coupled = weightDecay !== 0 && !this.decoupled;
    if (maximize || coupled) {
      g = this.tmp(p, 0);
      nd.multiply(grad, maximize ? -1 : 1, { out: g });
      if (coupled) {
        nd.multiply(p.data, weightDecay, { out: t });
        g.add_(t); // g = ∇ + λ·p
      }
    }
    if (weightDecay !== 0 && this.decoupled) p.data.mul_(1 - lr * weightDecay); // p = p·(1 − lr·λ)
    nd.subtract(g, m, { out: t });
    t.mul_(1 - b1);
    m.add_(t); // m = m + (1 − β₁)(g − m)
    nd.multiply(g, g, { out: t });
    t.mul_(1 - b2);
    v.mul_(b2).add_(t); // v = β₂·v + (1 − β₂)·g²
    let second = v;
    if (amsgrad) {
      nd.maximum(vmax, v, { out: vmax }); // v̂ = max(v̂, v)
      second = vmax;
    }
    nd.sqrt(second, { out: t });
    t.div_(bc2Sqrt).add_(eps); // denom = √v / √(1 − β₂ᵗ) + ε
    nd.divide(m, t, { out: t });
    t.mul_(lr / bc1);
    p.data.sub_(t); // p = p − lr/(1 − β₁ᵗ) · m / denom
  }
}

/** Adam with decoupled weight decay (default λ = 0.01). */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;
  constructor(params: Params<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super(params, { weightDecay: 0.01, ...opts });
  }
}
