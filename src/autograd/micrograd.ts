/**
 * A tiny neural-network library on `Value`, as in micrograd's nn.py: Neuron, Layer, MLP.
 * Weights are drawn from a seeded generator passed in by the caller (no Math.random).
 */
import { Value } from './value.js';

/** Anything that gives uniform numbers in [0, 1): `nd.random.defaultRng(seed)` has `random()`. */
export interface UniformSource {
  random(): number;
}

export abstract class ScalarModule {
  abstract parameters(): Value[];
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = 0;
  }
}

/** One neuron: act(w·x + b) with weights uniform in [−1, 1). */
export class Neuron extends ScalarModule {
  readonly w: Value[];
  readonly b: Value;
  constructor(
    nin: number,
    rng: UniformSource,
    readonly nonlin: 'relu' | 'tanh' | 'linear' = 'relu',
  ) {
    super();
    this.w = Array.from({ length: nin }, () => new Value(rng.random() * 2 - 1));
    this.b = new Value(0);
  }
  call(x: readonly (Value | number)[]): Value {
    let act = this.b;
    for (let i = 0; i < this.w.length; i++) act = act.add(this.w[i].mul(x[i]));
    return this.nonlin === 'relu' ? act.relu() : this.nonlin === 'tanh' ? act.tanh() : act;
  }
  parameters(): Value[] {
    return [...this.w, this.b];
  }
}

export class Layer extends ScalarModule {
  readonly neurons: Neuron[];
  constructor(nin: number, nout: number, rng: UniformSource, nonlin: 'relu' | 'tanh' | 'linear' = 'relu') {
    super();
    this.neurons = Array.from({ length: nout }, () => new Neuron(nin, rng, nonlin));
  }
  call(x: readonly (Value | number)[]): Value[] {
    return this.neurons.map((n) => n.call(x));
  }
  parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters());
  }
}

/** A multi-layer perceptron: hidden layers use `nonlin`, the last layer is linear. */
export class MLP extends ScalarModule {
  readonly layers: Layer[];
  constructor(nin: number, nouts: number[], rng: UniformSource, nonlin: 'relu' | 'tanh' = 'relu') {
    super();
    const sizes = [nin, ...nouts];
    this.layers = nouts.map(
      (_, i) => new Layer(sizes[i], sizes[i + 1], rng, i === nouts.length - 1 ? 'linear' : nonlin),
    );
  }
  call(x: readonly (Value | number)[]): Value[] {
    let h: (Value | number)[] = [...x];
    for (const l of this.layers) h = l.call(h);
    return h as Value[];
  }
  parameters(): Value[] {
    return this.layers.flatMap((l) => l.parameters());
  }
}
