/**
 * Recurrent layers with Keras's weights and gate order, over inputs (N, T, features):
 *
 *   SimpleRNN  h' = tanh(x·W + h·U + b)
 *   LSTM       z = x·W + h·U + b, split into i, f, c̃, o (Keras's order)
 *              c' = σ(f)·c + σ(i)·tanh(c̃),  h' = σ(o)·tanh(c')      (forget bias starts at 1)
 *   GRU        (resetAfter, Keras 3's default) z, r, ĥ from x·W + b_in and h·U + b_rec:
 *              z = σ(x_z + h_z), r = σ(x_r + h_r), ĥ = tanh(x_h + r·h_h), h' = z·h + (1 − z)·ĥ
 *
 * Weights: kernel (features, k·units), recurrent_kernel (units, k·units), bias (k·units), or
 * (2, 3·units) for GRU with resetAfter. The input projection x·W is one matrix product over all
 * time steps; the loop then only does h·U. Initial states can be passed as extra inputs:
 * `lstm.apply([x, h0, c0])`.
 */
import * as nd from '../../nd/index.js';
import { ValueError } from '../../nd/errors.js';
import { Tensor } from '../../autograd/tensor.js';
import { concat, stack } from '../../autograd/ops/movement.js';
import { Layer, type CallArgs, type LayerArgs, type ShapeArg } from '../layer.js';
import { pyShape, type Shape } from '../shape.js';
import { get as getActivation, type Activation, type ActivationLike } from '../activations.js';
import { get as getInitializer, type Initializer, type InitializerLike } from '../initializers.js';
import type { KerasVariable } from '../variable.js';
import type { FloatDType } from '../../nn/options.js';
import { firstArg, positiveInt } from './core.js';

export interface RNNArgs extends LayerArgs {
  units?: number;
  activation?: ActivationLike;
  useBias?: boolean;
  kernelInitializer?: InitializerLike;
  recurrentInitializer?: InitializerLike;
  biasInitializer?: InitializerLike;
  /** Return the whole sequence (N, T, units) instead of the last state (N, units). */
  returnSequences?: boolean;
  /** Also return the final state(s): [output, h] (LSTM: [output, h, c]). */
  returnState?: boolean;
  /** Process the sequence from the end (the outputs come in that reversed order). */
  goBackwards?: boolean;
}

/** Splits (T, …) into T tensors by halving, so the backward costs O(size·log T), not O(size·T). */
function unbindTime(x: Tensor): Tensor[] {
  const T = x.shape[0];
  if (T === 1) return [x.reshape(x.shape.slice(1))];
  const half = T >> 1;
  return [...unbindTime(x.index(nd.slice(0, half))), ...unbindTime(x.index(nd.slice(half, T)))];
}

/** Columns [k·H, (k+1)·H) of (N, n·H). */
function chunk(g: Tensor, k: number, H: number): Tensor {
  return g.index(nd.slice(), nd.slice(k * H, (k + 1) * H)); // (N, H)
}

/** The machinery shared by SimpleRNN, LSTM and GRU. */
export abstract class RNNBase extends Layer {
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  kernel: KerasVariable | null = null;
  recurrentKernel: KerasVariable | null = null;
  bias: KerasVariable | null = null;
  /** Gate blocks per weight: 1, 4 (LSTM) or 3 (GRU). */
  protected abstract readonly gates: number;
  /** State tensors carried between steps: 1, or 2 for LSTM (h, c). */
  abstract readonly stateCount: number;

  constructor(units: number | RNNArgs, args: RNNArgs = {}) {
    const [u, o] = firstArg(units, 'units', args);
    super(o);
    this.units = positiveInt(this.name, 'units', u);
    this.activation = getActivation(o.activation === undefined ? 'tanh' : o.activation);
    this.useBias = o.useBias ?? true;
    this.kernelInitializer = getInitializer(o.kernelInitializer ?? 'glorot_uniform');
    this.recurrentInitializer = getInitializer(o.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = getInitializer(o.biasInitializer ?? 'zeros');
    this.returnSequences = o.returnSequences ?? false;
    this.returnState = o.returnState ?? false;
    this.goBackwards = o.goBackwards ?? false;
    const extra = o as { dropout?: number; recurrentDropout?: number };
    if ((extra.dropout ?? 0) !== 0 || (extra.recurrentDropout ?? 0) !== 0) {
      throw new ValueError(
        `${this.className}: dropout and recurrentDropout are not supported; put a Dropout layer before or after (layer "${this.name}")`,
      );
    }
  }

  /** The bias's initial values (LSTM overrides it for the forget gate). */
  protected biasInit(shape: readonly number[], dtype: FloatDType): nd.NDArray {
    return this.biasInitializer.call(shape, dtype);
  }

  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  override build(shape: ShapeArg): void {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as Shape;
    if (s.length !== 3) {
      throw new ValueError(
        `Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=3, found ndim=${s.length}. Full shape received: ${pyShape(s)}`,
      );
    }
    const features = s[2];
    if (features === null)
      throw new ValueError(
        `The last dimension of the inputs to ${this.className} should be defined. Found None (layer "${this.name}")`,
      );
    const G = this.gates * this.units;
    this.kernel = this.addWeight('kernel', [features, G], { initializer: this.kernelInitializer });
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, G], {
      initializer: this.recurrentInitializer,
    });
    if (this.useBias)
      this.bias = this.addWeight('bias', this.biasShape(), {
        initializer: (sh, dt) => this.biasInit(sh, dt),
      });
    this.inputSpec = [
      { ndim: 3, axes: { [-1]: features } },
      ...Array.from({ length: this.stateCount }, () => ({ ndim: 2, axes: { [-1]: this.units } })),
    ];
  }

  /** x·W (+ the input bias), for all steps at once: (N, T, F) → (N, T, G). */
  protected inputProjection(x: Tensor): Tensor {
    const [N, T, F] = x.shape;
    let xw = x.reshape([N * T, F]).matmul(this.kernel!); // (N·T, G)
    const b = this.inputBias();
    if (b) xw = xw.add(b);
    return xw.reshape([N, T, -1]); // (N, T, G)
  }

  protected inputBias(): Tensor | null {
    return this.bias;
  }

  /** One step: xw_t (N, G), states (N, units) each → new states (the first is the output). */
  protected abstract step(xw: Tensor, states: Tensor[]): Tensor[];

  call(inputs: Tensor | Tensor[]): Tensor | Tensor[] {
    const [x, ...initial] = Array.isArray(inputs) ? inputs : [inputs];
    const [N, T] = x.shape;
    if (initial.length !== 0 && initial.length !== this.stateCount) {
      throw new ValueError(
        `Layer "${this.name}" expects ${this.stateCount} initial state(s), got ${initial.length}`,
      );
    }
    const zeros = new Tensor(nd.zeros([N, this.units], { dtype: x.dtype }));
    let states = initial.length > 0 ? initial : Array.from({ length: this.stateCount }, () => zeros); // (N, units) each
    const steps = unbindTime(this.inputProjection(x).transpose(0, 1)); // T × (N, G)
    const outs: Tensor[] = [];
    for (let s = 0; s < T; s++) {
      states = this.step(steps[this.goBackwards ? T - 1 - s : s], states);
      if (this.returnSequences) outs.push(states[0]);
    }
    const output = this.returnSequences ? stack(outs, 1) : states[0]; // (N, T, units) or (N, units)
    return this.returnState ? [output, ...states] : output;
  }

  override computeOutputShape(shape: ShapeArg): ShapeArg {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as Shape;
    const out: Shape = this.returnSequences ? [s[0], s[1], this.units] : [s[0], this.units];
    if (!this.returnState) return out;
    return [out, ...Array.from({ length: this.stateCount }, (): Shape => [s[0], this.units])];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      recurrentInitializer: this.recurrentInitializer,
      biasInitializer: this.biasInitializer,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
    };
  }
}

/** A fully connected RNN: h' = activation(x·W + h·U + b). */
export class SimpleRNN extends RNNBase {
  static override readonly className: string = 'SimpleRNN';
  protected readonly gates = 1;
  readonly stateCount = 1;
  protected step(xw: Tensor, [h]: Tensor[]): Tensor[] {
    return [this.activation(xw.add(h.matmul(this.recurrentKernel!)))]; // (N, units)
  }
}

export interface LSTMArgs extends RNNArgs {
  /** Gate activation (default sigmoid). */
  recurrentActivation?: ActivationLike;
  /** Start the forget gate's bias at 1 (default true). */
  unitForgetBias?: boolean;
}

/** Long short-term memory; states [h, c]. */
export class LSTM extends RNNBase {
  static override readonly className: string = 'LSTM';
  protected readonly gates = 4;
  readonly stateCount = 2;
  readonly recurrentActivation: Activation;
  readonly unitForgetBias: boolean;
  constructor(units: number | LSTMArgs, args: LSTMArgs = {}) {
    super(units, args);
    const o = (typeof units === 'object' ? { ...units, ...args } : args) as LSTMArgs;
    this.recurrentActivation = getActivation(o.recurrentActivation ?? 'sigmoid');
    this.unitForgetBias = o.unitForgetBias ?? true;
  }
  protected override biasInit(shape: readonly number[], dtype: FloatDType): nd.NDArray {
    if (!this.unitForgetBias) return super.biasInit(shape, dtype);
    const u = this.units;
    const b = nd.concatenate([
      this.biasInitializer.call([u], dtype),
      nd.ones([u], { dtype }),
      this.biasInitializer.call([2 * u], dtype),
    ]);
    return b;
  }
  protected step(xw: Tensor, [h, c]: Tensor[]): Tensor[] {
    const H = this.units;
    const z = xw.add(h.matmul(this.recurrentKernel!)); // (N, 4H)
    const i = this.recurrentActivation(chunk(z, 0, H)); // input gate
    const f = this.recurrentActivation(chunk(z, 1, H)); // forget gate
    const g = this.activation(chunk(z, 2, H)); // candidate
    const o = this.recurrentActivation(chunk(z, 3, H)); // output gate
    const c2 = f.mul(c).add(i.mul(g)); // (N, H)
    return [o.mul(this.activation(c2)), c2];
  }
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      recurrentActivation: this.recurrentActivation,
      unitForgetBias: this.unitForgetBias,
    };
  }
}

export interface GRUArgs extends RNNArgs {
  recurrentActivation?: ActivationLike;
  /** Apply the reset gate after the recurrent product (default true, Keras 3 and cuDNN). */
  resetAfter?: boolean;
}

/** Gated recurrent unit; gates z (update), r (reset), ĥ (candidate) in Keras's order. */
export class GRU extends RNNBase {
  static override readonly className: string = 'GRU';
  protected readonly gates = 3;
  readonly stateCount = 1;
  readonly recurrentActivation: Activation;
  readonly resetAfter: boolean;
  constructor(units: number | GRUArgs, args: GRUArgs = {}) {
    super(units, args);
    const o = (typeof units === 'object' ? { ...units, ...args } : args) as GRUArgs;
    this.recurrentActivation = getActivation(o.recurrentActivation ?? 'sigmoid');
    this.resetAfter = o.resetAfter ?? true;
  }
  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }
  protected override inputBias(): Tensor | null {
    if (!this.bias) return null;
    return this.resetAfter ? this.bias.index(0) : this.bias; // (3H,)
  }
  protected step(xw: Tensor, [h]: Tensor[]): Tensor[] {
    const H = this.units;
    const U = this.recurrentKernel!;
    if (this.resetAfter) {
      let hu = h.matmul(U); // (N, 3H)
      if (this.bias) hu = hu.add(this.bias.index(1));
      const z = this.recurrentActivation(chunk(xw, 0, H).add(chunk(hu, 0, H))); // update gate
      const r = this.recurrentActivation(chunk(xw, 1, H).add(chunk(hu, 1, H))); // reset gate
      const hh = this.activation(chunk(xw, 2, H).add(r.mul(chunk(hu, 2, H)))); // candidate
      return [z.mul(h).add(z.neg().add(1).mul(hh))]; // z·h + (1 − z)·ĥ
    }
    const hzr = h.matmul(U.index(nd.slice(), nd.slice(0, 2 * H))); // (N, 2H)
    const z = this.recurrentActivation(chunk(xw, 0, H).add(chunk(hzr, 0, H)));
    const r = this.recurrentActivation(chunk(xw, 1, H).add(chunk(hzr, 1, H)));
    const hh = this.activation(
      chunk(xw, 2, H).add(r.mul(h).matmul(U.index(nd.slice(), nd.slice(2 * H, 3 * H)))),
    );
    return [z.mul(h).add(z.neg().add(1).mul(hh))];
  }
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      recurrentActivation: this.recurrentActivation,
      resetAfter: this.resetAfter,
    };
  }
}

// ---------------------------------------------------------------------------------- Bidirectional

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

export interface BidirectionalArgs extends LayerArgs {
  layer?: RNNBase;
  /** How the two directions combine (default 'concat'; null returns both). */
  mergeMode?: MergeMode;
  /** A custom backward layer (default: a copy of `layer` with goBackwards flipped). */
  backwardLayer?: RNNBase;
}

type RNNClass = new (config: Record<string, unknown>) => RNNBase;

/** Runs an RNN forwards and a copy backwards over the sequence and merges the two outputs. */
export class Bidirectional extends Layer {
  static override readonly className: string = 'Bidirectional';
  readonly forwardLayer: RNNBase;
  readonly backwardLayer: RNNBase;
  readonly mergeMode: MergeMode;

  constructor(layer: RNNBase | BidirectionalArgs, args: BidirectionalArgs = {}) {
    const o = layer instanceof RNNBase ? { ...args, layer } : { ...layer, ...args };
    super(o);
    const inner = o.layer;
    if (!(inner instanceof RNNBase))
      throw new ValueError('Bidirectional needs an RNN layer (SimpleRNN, LSTM or GRU)');
    const Cls = inner.constructor as RNNClass;
    const base = inner.name.replace(/^(forward_|backward_)/, '');
    this.forwardLayer = new Cls({ ...inner.getConfig(), name: `forward_${base}` });
    this.backwardLayer =
      o.backwardLayer ??
      new Cls({ ...inner.getConfig(), name: `backward_${base}`, goBackwards: !inner.goBackwards });
    this.mergeMode = o.mergeMode === undefined ? 'concat' : o.mergeMode;
    if (this.forwardLayer.returnSequences !== this.backwardLayer.returnSequences) {
      throw new ValueError(
        'Forward layer and backward layer should have the same `returnSequences` attribute',
      );
    }
  }

  protected override sublayers(): Layer[] {
    return [this.forwardLayer, this.backwardLayer];
  }

  override build(shape: ShapeArg): void {
    this.forwardLayer.maybeBuild(shape);
    this.backwardLayer.maybeBuild(shape);
  }

  private merge(a: Tensor, b: Tensor): Tensor | Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return concat([a, b], a.ndim - 1); // (…, 2·units)
      case 'sum':
        return a.add(b);
      case 'mul':
        return a.mul(b);
      case 'ave':
        return a.add(b).mul(0.5);
      default:
        return [a, b];
    }
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const f = this.forwardLayer.call(x);
    const b = this.backwardLayer.call(x);
    const [yf, ...sf] = Array.isArray(f) ? f : [f];
    const [yb0, ...sb] = Array.isArray(b) ? b : [b];
    let yb = yb0;
    void args;
    if (this.forwardLayer.returnSequences) {
      const T = yb.shape[1];
      yb = yb.index(nd.slice(), nd.arange(T - 1, -1, -1)); // back to forward time order
    }
    const merged = this.merge(yf, yb);
    const out = Array.isArray(merged) ? merged : [merged];
    if (this.forwardLayer.returnState) return [...out, ...sf, ...sb];
    return out.length === 1 ? out[0] : out;
  }

  override computeOutputShape(shape: ShapeArg): ShapeArg {
    const f = this.forwardLayer.computeOutputShape(shape);
    const fs = (this.forwardLayer.returnState ? (f as Shape[]) : [f as Shape]).map((s) => [...s]);
    const y = fs[0];
    const merged: Shape[] =
      this.mergeMode === 'concat'
        ? [[...y.slice(0, -1), y[y.length - 1] === null ? null : 2 * (y[y.length - 1] as number)]]
        : this.mergeMode === null
          ? [y, y]
          : [y];
    const states = fs.slice(1);
    const all = [...merged, ...states, ...states];
    return all.length === 1 ? all[0] : all;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: this.forwardLayer, mergeMode: this.mergeMode };
  }
}
