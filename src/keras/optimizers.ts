/**
 * `keras.optimizers` with Keras 3's defaults and update rules. They differ from PyTorch's (and so
 * from `optim`) in ways that change the numbers, which is why they live here:
 *
 *   Adam     α_t = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ);  m += (g − m)(1 − β₁);  v += (g² − v)(1 − β₂)
 *            p −= α_t·m / (√v + ε)          ε = 1e-7 outside the bias correction (PyTorch:
 *                                            p −= lr/(1 − β₁ᵗ)·m / (√v/√(1 − β₂ᵗ) + ε), ε = 1e-8)
 *   AdamW    Adam after p −= p·λ·lr, λ = 0.004
 *   SGD      v = μ·v − lr·g;  p += v  (Nesterov: p += μ·v − lr·g);  lr 0.01
 *   RMSprop  s = ρ·s + (1 − ρ)·g²;  p −= lr·g / √(s + ε)  (ε inside the root); ρ 0.9, lr 0.001
 *   Adagrad  a += g² (a starts at 0.1);  p −= lr·g / √(a + ε);  lr 0.001
 *
 * Every optimiser also takes `weightDecay` (p −= p·λ·lr before the step), `clipnorm`,
 * `clipvalue` and `globalClipnorm`, and a learning rate that is a number or a schedule.
 */
import * as nd from '../nd/index.js';
import { flatFloatData, type NDArray } from '../nd/ndarray.js';
import { getBackend } from '../kernels/backend.js';
import { ValueError } from '../nd/errors.js';
import type { KerasVariable } from './variable.js';

/** A learning rate that depends on the step (`optimizer.iterations`). */
export type LearningRateSchedule = ((step: number) => number) | { call(step: number): number };

/** lr₀·rate^(step/decaySteps) (floored exponent with `staircase`). */
export class ExponentialDecay {
  constructor(
    readonly initialLearningRate: number,
    readonly decaySteps: number,
    readonly decayRate: number,
    readonly staircase = false,
  ) {}
  call(step: number): number {
    const e = step / this.decaySteps;
    return this.initialLearningRate * Math.pow(this.decayRate, this.staircase ? Math.floor(e) : e);
  }
}

export interface OptimizerArgs {
  learningRate?: number | LearningRateSchedule;
  /** Decoupled weight decay λ: p −= p·λ·lr before each update. */
  weightDecay?: number | null;
  /** Rescale each gradient to at most this norm. */
  clipnorm?: number | null;
  /** Clip each gradient element to [−v, v]. */
  clipvalue?: number | null;
  /** Rescale all gradients together to at most this global norm. */
  globalClipnorm?: number | null;
  name?: string;
}

function l2(a: NDArray): number {
  return Math.sqrt(Number(a.astype('float64').square().sum().item()));
}

/** Base class: state per variable ("slots"), the step counter, clipping and weight decay. */
export abstract class Optimizer {
  static readonly className: string = 'Optimizer';
  readonly name: string;
  /** Number of updates applied so far. */
  iterations = 0;
  weightDecay: number | null;
  clipnorm: number | null;
  clipvalue: number | null;
  globalClipnorm: number | null;
  built = false;
  private lr: number | LearningRateSchedule;
  protected readonly slots = new Map<KerasVariable, NDArray[]>();
  protected vars: KerasVariable[] = [];

  constructor(args: OptimizerArgs, defaultLr: number, name: string) {
    this.lr = args.learningRate ?? defaultLr;
    this.weightDecay = args.weightDecay ?? null;
    this.clipnorm = args.clipnorm ?? null;
    this.clipvalue = args.clipvalue ?? null;
    this.globalClipnorm = args.globalClipnorm ?? null;
    this.name = args.name ?? name;
    if (typeof this.lr === 'number' && !(this.lr >= 0)) {
      throw new ValueError(
        `Argument \`learningRate\` should be a non-negative float. Received: learningRate=${this.lr}`,
      );
    }
    if (this.clipnorm !== null && this.globalClipnorm !== null) {
      throw new ValueError('Only one of `clipnorm` and `globalClipnorm` can be set.');
    }
  }

  get className(): string {
    return (this.constructor as typeof Optimizer).className;
  }

  /** The learning rate now (a schedule is evaluated at `iterations`). */
  get learningRate(): number {
    const lr = this.lr;
    if (typeof lr === 'number') return lr;
    return typeof lr === 'function' ? lr(this.iterations) : lr.call(this.iterations);
  }
  set learningRate(v: number) {
    if (typeof this.lr !== 'number') {
      throw new ValueError(
        'This optimizer was created with a `LearningRateSchedule` object as its `learningRate` constructor argument, hence its learning rate is not settable.',
      );
    }
    this.lr = v;
  }

  /** Slot names (Keras's optimizer variables per model variable). */
  protected abstract slotNames(): string[];

  /** The starting value of slot `name`. */
  protected slotInit(name: string): number {
    void name;
    return 0;
  }

  /** Creates the slots for `vars`. */
  build(vars: KerasVariable[]): void {
    this.vars = [...vars];
    for (const v of vars) {
      this.slots.set(
        v,
        this.slotNames().map((s) => nd.full([...v.shape], this.slotInit(s), { dtype: v.dtype })),
      );
    }
    this.built = true;
  }

  /**
   * Number of optimiser variables and their bytes, as Keras's summary counts them: the step
   * counter (int64), the learning rate (float32) and every slot.
   */
  stateSize(): { count: number; bytes: number } {
    let count = 0;
    let bytes = 0;
    if (!this.built) return { count, bytes };
    count += 1;
    bytes += 8;
    if (typeof this.lr === 'number') {
      count += 1;
      bytes += 4;
    }
    for (const list of this.slots.values()) {
      for (const s of list) {
        count += s.size;
        bytes += s.nbytes;
      }
    }
    return { count, bytes };
  }

  /** One update of `vars` with `grads` (null: no gradient, skipped). */
  apply(grads: readonly (NDArray | null)[], vars: readonly KerasVariable[]): void {
    if (!this.built) this.build([...vars]);
    const pairs: [NDArray, KerasVariable][] = [];
    grads.forEach((g, i) => {
      if (g === null) return;
      if (!this.slots.has(vars[i])) {
        throw new ValueError(
          `Unknown variable: ${vars[i].path}. This optimizer can only be called for the variables it was originally built with. When working with a new set of variables, you should recreate a new optimizer instance.`,
        );
      }
      pairs.push([g, vars[i]]);
    });
    if (pairs.length === 0) return;
    let gs = pairs.map(([g]) => g);
    if (this.clipvalue !== null) gs = gs.map((g) => g.clip(-this.clipvalue!, this.clipvalue!));
    if (this.clipnorm !== null) {
      gs = gs.map((g) => {
        const n = l2(g);
        return n > this.clipnorm! ? g.mul(this.clipnorm! / n) : g;
      });
    }
    if (this.globalClipnorm !== null) {
      const n = Math.sqrt(gs.reduce((s, g) => s + l2(g) ** 2, 0));
      if (n > this.globalClipnorm) gs = gs.map((g) => g.mul(this.globalClipnorm! / n));
    }
    const lr = this.learningRate;
    if (this.weightDecay) {
      for (const [, v] of pairs) v.data.sub_(v.data.mul(this.weightDecay * lr)); // p −= p·λ·lr
    }
    pairs.forEach(([, v], i) => this.updateStep(gs[i].astype(v.dtype), v, this.slots.get(v)!, lr));
    this.iterations++;
  }

  /** Changes `v.data` in place from its gradient and slots. */
  protected abstract updateStep(g: NDArray, v: KerasVariable, slots: NDArray[], lr: number): void;

  /** The options that recreate this optimiser (a schedule is left out). */
  getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      learningRate: typeof this.lr === 'number' ? this.lr : undefined,
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      clipvalue: this.clipvalue,
      globalClipnorm: this.globalClipnorm,
    };
  }
}

export interface AdamArgs extends OptimizerArgs {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  amsgrad?: boolean;
}

export class Adam extends Optimizer {
  static override readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  constructor(args: AdamArgs = {}, name = 'adam') {
    super(args, 0.001, name);
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-7;
    this.amsgrad = args.amsgrad ?? false;
  }
  protected slotNames(): string[] {
    return this.amsgrad ? ['momentum', 'velocity', 'velocity_hat'] : ['momentum', 'velocity'];
  }
  protected updateStep(g: NDArray, v: KerasVariable, [m, s, sHat]: NDArray[], lr: number): void {
    const t = this.iterations + 1;
    const alpha = (lr * Math.sqrt(1 - Math.pow(this.beta2, t))) / (1 - Math.pow(this.beta1, t));
    const [P, G, M, V] = [v.data, g, m, s].map((a) => (a.dtype === v.data.dtype ? flatFloatData(a) : null));
    if (!this.amsgrad && P && G && M && V && G.length === P.length) {
      // Keras's update is the Adam kernel's with stepSize = α and no bias correction under √v.
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
        beta1: this.beta1,
        beta2: this.beta2,
        eps: this.epsilon,
        stepSize: alpha,
        invBc2: 1,
      });
      return;
    }
    m.add_(g.sub(m).mul(1 - this.beta1)); // m += (g − m)(1 − β₁)
    s.add_(
      g
        .mul(g)
        .sub(s)
        .mul(1 - this.beta2),
    ); // v += (g² − v)(1 − β₂)
    let vv = s;
    if (this.amsgrad) {
      nd.maximum(sHat, s, { out: sHat });
      vv = sHat;
    }
    v.data.sub_(m.mul(alpha).div(vv.sqrt().add(this.epsilon))); // p −= α·m / (√v + ε)
  }
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
    };
  }
}

/** Adam with decoupled weight decay (default λ = 0.004). */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';
  constructor(args: AdamArgs = {}) {
    super({ weightDecay: 0.004, ...args }, 'adamw');
  }
}

export interface SGDArgs extends OptimizerArgs {
  momentum?: number;
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  static override readonly className: string = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  constructor(args: SGDArgs = {}) {
    super(args, 0.01, 'SGD');
    this.momentum = args.momentum ?? 0;
    this.nesterov = args.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum <= 1))
      throw new ValueError('`momentum` must be a float between [0, 1].');
  }
  protected slotNames(): string[] {
    return this.momentum !== 0 ? ['momentum'] : [];
  }
  protected updateStep(g: NDArray, v: KerasVariable, [m]: NDArray[], lr: number): void {
    if (!m) {
      v.data.sub_(g.mul(lr)); // p −= lr·g
      return;
    }
    m.mul_(this.momentum).sub_(g.mul(lr)); // m = μ·m − lr·g
    if (this.nesterov) v.data.add_(m.mul(this.momentum).sub(g.mul(lr)));
    else v.data.add_(m);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}

export interface RMSpropArgs extends OptimizerArgs {
  rho?: number;
  momentum?: number;
  epsilon?: number;
  centered?: boolean;
}

export class RMSprop extends Optimizer {
  static override readonly className: string = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  constructor(args: RMSpropArgs = {}) {
    super(args, 0.001, 'rmsprop');
    this.rho = args.rho ?? 0.9;
    this.momentum = args.momentum ?? 0;
    this.epsilon = args.epsilon ?? 1e-7;
    this.centered = args.centered ?? false;
  }
  protected slotNames(): string[] {
    return [
      'velocity',
      ...(this.momentum > 0 ? ['momentum'] : []),
      ...(this.centered ? ['average_gradient'] : []),
    ];
  }
  protected updateStep(g: NDArray, v: KerasVariable, slots: NDArray[], lr: number): void {
    const [s] = slots;
    const mom = this.momentum > 0 ? slots[1] : null;
    const avg = this.centered ? slots[this.momentum > 0 ? 2 : 1] : null;
    s.mul_(this.rho).add_(g.mul(g).mul(1 - this.rho)); // s = ρ·s + (1 − ρ)·g²
    let denom = s.add(this.epsilon);
    if (avg) {
      avg.mul_(this.rho).add_(g.mul(1 - this.rho));
      denom = s.sub(avg.mul(avg)).add(this.epsilon);
    }
    const inc = g.mul(lr).div(denom.sqrt()); // lr·g / √(s + ε)
    if (mom) {
      mom.mul_(this.momentum).add_(inc);
      v.data.sub_(mom);
    } else v.data.sub_(inc);
  }
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
    };
  }
}

export interface AdagradArgs extends OptimizerArgs {
  initialAccumulatorValue?: number;
  epsilon?: number;
}

export class Adagrad extends Optimizer {
  static override readonly className: string = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  constructor(args: AdagradArgs = {}) {
    super(args, 0.001, 'adagrad');
    this.initialAccumulatorValue = args.initialAccumulatorValue ?? 0.1;
    this.epsilon = args.epsilon ?? 1e-7;
  }
  protected slotNames(): string[] {
    return ['accumulator'];
  }
  protected override slotInit(): number {
    return this.initialAccumulatorValue;
  }
  protected updateStep(g: NDArray, v: KerasVariable, [a]: NDArray[], lr: number): void {
    a.add_(g.mul(g)); // a += g²
    v.data.sub_(g.mul(lr).div(a.add(this.epsilon).sqrt())); // p −= lr·g / √(a + ε)
  }
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      initialAccumulatorValue: this.initialAccumulatorValue,
      epsilon: this.epsilon,
    };
  }
}

/** Optimiser classes by Keras class name (for saved compile configs). */
export const OPTIMIZER_CLASSES: Readonly<Record<string, new (config?: never) => Optimizer>> = {
  Adam,
  AdamW,
  SGD,
  RMSprop,
  Adagrad,
};

/** An optimiser by name (`'adam'`) or object. */
export type OptimizerLike = string | Optimizer;

/** Resolves 'adam', 'adamw', 'sgd', 'rmsprop', 'adagrad' (any case) or an Optimizer. */
export function get(identifier: OptimizerLike): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  switch (identifier.toLowerCase()) {
    case 'adam':
      return new Adam();
    case 'adamw':
      return new AdamW();
    case 'sgd':
      return new SGD();
    case 'rmsprop':
      return new RMSprop();
    case 'adagrad':
      return new Adagrad();
    default:
      throw new ValueError(
        `Could not interpret optimizer identifier: ${identifier}. Known names: adam, adamw, sgd, rmsprop, adagrad`,
      );
  }
}
