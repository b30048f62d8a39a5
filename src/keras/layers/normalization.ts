/**
 * BatchNormalization and LayerNormalization with Keras's defaults (features on the last axis,
 * epsilon 1e-3, BatchNorm momentum 0.99).
 *
 *   BatchNormalization  training:  y = γ·(x − mean_B)/√(var_B + ε) + β,  var_B biased;
 *                                  moving ← moving·momentum + batch·(1 − momentum)
 *                       inference: the moving statistics instead of the batch ones
 *   LayerNormalization  y = γ·(x − mean)/√(var + ε) + β over the last axis of each sample
 */
import * as nd from '../../nd/index.js';
import { ValueError } from '../../nd/errors.js';
import { Tensor } from '../../autograd/tensor.js';
import { layerNorm } from '../../autograd/functional.js';
import { noGrad } from '../../autograd/engine.js';
import { Layer, type CallArgs, type LayerArgs, type ShapeArg } from '../layer.js';
import { pyShape, type Shape } from '../shape.js';
import { get as getInitializer, type Initializer, type InitializerLike } from '../initializers.js';
import type { KerasVariable } from '../variable.js';

export interface BatchNormalizationArgs extends LayerArgs {
  /** The features axis (default −1). */
  axis?: number;
  momentum?: number;
  epsilon?: number;
  /** Learn β (default true). */
  center?: boolean;
  /** Learn γ (default true). */
  scale?: boolean;
  betaInitializer?: InitializerLike;
  gammaInitializer?: InitializerLike;
  movingMeanInitializer?: InitializerLike;
  movingVarianceInitializer?: InitializerLike;
}

/** Normalises each feature over the batch (and spatial axes); weights γ, β, moving_mean, moving_variance. */
export class BatchNormalization extends Layer {
  static override readonly className: string = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  gamma: KerasVariable | null = null;
  beta: KerasVariable | null = null;
  movingMean: KerasVariable | null = null;
  movingVariance: KerasVariable | null = null;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones');
  }

  private featureAxis(rank: number): number {
    const a = this.axis < 0 ? this.axis + rank : this.axis;
    if (a < 0 || a >= rank)
      throw new ValueError(`Invalid axis ${this.axis} for input of rank ${rank} (layer "${this.name}")`);
    return a;
  }

  override build(shape: ShapeArg): void {
    const s = shape as Shape;
    const a = this.featureAxis(s.length);
    const dim = s[a];
    if (dim === null)
      throw new ValueError(
        `Axis ${this.axis} of input tensor should have a defined dimension but the layer received an input with shape ${pyShape(s)}.`,
      );
    if (this.scale) this.gamma = this.addWeight('gamma', [dim], { initializer: this.gammaInitializer });
    if (this.center) this.beta = this.addWeight('beta', [dim], { initializer: this.betaInitializer });
    this.movingMean = this.addWeight('moving_mean', [dim], {
      initializer: this.movingMeanInitializer,
      trainable: false,
    });
    this.movingVariance = this.addWeight('moving_variance', [dim], {
      initializer: this.movingVarianceInitializer,
      trainable: false,
    });
    this.inputSpec = { ndim: s.length, axes: { [this.axis]: dim } };
  }

  call(x: Tensor, args: CallArgs): Tensor {
    const a = this.featureAxis(x.ndim);
    const reduce = Array.from({ length: x.ndim }, (_, i) => i).filter((i) => i !== a);
    const bshape = x.shape.map((d, i) => (i === a ? d : 1));
    let mean: Tensor;
    let variance: Tensor;
    if (args.training) {
      mean = x.mean({ axis: reduce, keepdims: true }); // (1, …, C, …, 1)
      const centred = x.sub(mean);
      variance = centred.mul(centred).mean({ axis: reduce, keepdims: true }); // biased, as Keras
      const m = this.momentum;
      noGrad(() => {
        const mv = this.movingMean!.data;
        const vv = this.movingVariance!.data;
        nd.copyto(mv, mv.mul(m).add(mean.data.reshape([bshape[a]]).mul(1 - m)), { casting: 'unsafe' });
        nd.copyto(vv, vv.mul(m).add(variance.data.reshape([bshape[a]]).mul(1 - m)), { casting: 'unsafe' });
      });
    } else {
      mean = new Tensor(this.movingMean!.data.reshape(bshape));
      variance = new Tensor(this.movingVariance!.data.reshape(bshape));
    }
    let y = x.sub(mean).div(variance.add(this.epsilon).sqrt()); // same shape as x
    if (this.gamma) y = y.mul(this.gamma.reshape(bshape));
    if (this.beta) y = y.add(this.beta.reshape(bshape));
    return y;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: this.betaInitializer,
      gammaInitializer: this.gammaInitializer,
      movingMeanInitializer: this.movingMeanInitializer,
      movingVarianceInitializer: this.movingVarianceInitializer,
    };
  }
}

export interface LayerNormalizationArgs extends LayerArgs {
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerLike;
  gammaInitializer?: InitializerLike;
}

/** Normalises each sample over its last axis, then scales by γ and shifts by β. */
export class LayerNormalization extends Layer {
  static override readonly className: string = 'LayerNormalization';
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  gamma: KerasVariable | null = null;
  beta: KerasVariable | null = null;
  private dim = 0;

  constructor(args: LayerNormalizationArgs & { axis?: number } = {}) {
    super(args);
    if (args.axis !== undefined && args.axis !== -1)
      throw new ValueError(`LayerNormalization supports axis=-1 only (got ${args.axis})`);
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
  }

  override build(shape: ShapeArg): void {
    const s = shape as Shape;
    const d = s[s.length - 1];
    if (d === null || d === undefined)
      throw new ValueError(
        `The last axis of the input to LayerNormalization must be defined. Received: ${pyShape(s)}`,
      );
    this.dim = d;
    if (this.scale) this.gamma = this.addWeight('gamma', [d], { initializer: this.gammaInitializer });
    if (this.center) this.beta = this.addWeight('beta', [d], { initializer: this.betaInitializer });
    this.inputSpec = { minNdim: 1, axes: { [-1]: d } };
  }

  call(x: Tensor): Tensor {
    return layerNorm(x, [this.dim], this.gamma, this.beta, this.epsilon); // same shape as x
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: this.betaInitializer,
      gammaInitializer: this.gammaInitializer,
    };
  }
}
