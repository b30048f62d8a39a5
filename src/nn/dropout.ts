/** Dropout: zeroes elements with probability p while training, scaling the rest by 1/(1 − p). */
import { ValueError } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { dropout } from '../autograd/functional.js';
import { Module } from './module.js';
import { resolveRng, type Generator } from './rng.js';

export class Dropout extends Module {
  private readonly rng: Generator | null;
  constructor(
    readonly p = 0.5,
    opts: { rng?: Generator | null } = {},
  ) {
    super();
    if (!(p >= 0 && p <= 1))
      throw new ValueError(`Dropout: probability has to be between 0 and 1, but got ${p}`);
    this.rng = opts.rng ?? null;
  }
  forward(x: Tensor): Tensor {
    // the mask comes from this layer's generator, or the default one at call time
    return dropout(x, this.p, { training: this.training, rng: resolveRng(this.rng) });
  }
  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
