/**
 * Learning-rate schedules with PyTorch's names and meanings. A scheduler sets each group's `lr`
 * from its initial lr and the epoch count: construction applies epoch 0, and every `step()`
 * advances one epoch (or one batch, if you step per batch).
 *
 * ```ts
 * const opt = new optim.SGD(model.parameters(), { lr: 0.1 });
 * const sched = new optim.StepLR(opt, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 90; epoch++) { train(); sched.step(); }
 * ```
 *
 * The schedules are computed in closed form from the initial lr (PyTorch's `_get_closed_form_lr`),
 * so they are not chainable: one scheduler per optimizer, or combine them with SequentialLR.
 */
import { ValueError } from '../nd/errors.js';
import type { GroupOptions, Optimizer } from './optimizer.js';

type AnyOptimizer = Optimizer<GroupOptions>;

export abstract class LRScheduler {
  /** Epochs stepped so far (0 after construction). */
  lastEpoch: number;
  /** The initial lr of each group. */
  readonly baseLrs: number[];
  private lastLr: number[] = [];

  constructor(
    readonly optimizer: AnyOptimizer,
    opts: { lastEpoch?: number } = {},
  ) {
    const last = opts.lastEpoch ?? -1;
    for (const g of optimizer.paramGroups) {
      if (last === -1)
        g.initialLr ??= g.lr; // PyTorch's setdefault: a second scheduler keeps the first's
      else if (g.initialLr === undefined)
        throw new ValueError(
          `${this.constructor.name}: param group has no initialLr; resume with lastEpoch = -1 first`,
        );
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
    this.lastEpoch = last;
  }

  /** Must be called at the end of the subclass constructor: applies epoch lastEpoch + 1. */
  protected initialStep(): void {
    this.step();
  }

  /** The lr of group `i` (initial lr `base`) at `epoch`. */
  abstract lrAt(base: number, epoch: number, i: number): number;

  /** Advances one epoch and sets every group's lr. */
  step(): void {
    this.lastEpoch++;
    this.lastLr = this.optimizer.paramGroups.map((g, i) => {
      g.lr = this.lrAt(this.baseLrs[i], this.lastEpoch, i);
      return g.lr;
    });
  }

  /** The lrs set by the last step (PyTorch's get_last_lr). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): { lastEpoch: number; baseLrs: number[] } {
    return { lastEpoch: this.lastEpoch, baseLrs: [...this.baseLrs] };
  }

  loadStateDict(sd: { lastEpoch: number; baseLrs?: number[] }): void {
    this.lastEpoch = sd.lastEpoch;
    if (sd.baseLrs) sd.baseLrs.forEach((b, i) => (this.baseLrs[i] = b));
    this.lastLr = this.optimizer.paramGroups.map(
      (g, i) => (g.lr = this.lrAt(this.baseLrs[i], this.lastEpoch, i)),
    );
  }
}

/** lr = base · γ^⌊epoch / stepSize⌋. */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;
  constructor(optimizer: AnyOptimizer, opts: { stepSize: number; gamma?: number; lastEpoch?: number }) {
    super(optimizer, opts);
    this.stepSize = opts.stepSize;
    this.gamma = opts.gamma ?? 0.1;
    this.initialStep();
  }
  lrAt(base: number, epoch: number): number {
    return base * Math.pow(this.gamma, Math.floor(epoch / this.stepSize));
  }
}

/** lr = base · γ^(number of milestones ≤ epoch). */
export class MultiStepLR extends LRScheduler {
  readonly milestones: number[];
  readonly gamma: number;
  constructor(optimizer: AnyOptimizer, opts: { milestones: number[]; gamma?: number; lastEpoch?: number }) {
    super(optimizer, opts);
    this.milestones = [...opts.milestones].sort((a, b) => a - b);
    this.gamma = opts.gamma ?? 0.1;
    this.initialStep();
  }
  lrAt(base: number, epoch: number): number {
    return base * Math.pow(this.gamma, this.milestones.filter((m) => m <= epoch).length);
  }
}

/** lr = base · γ^epoch. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;
  constructor(optimizer: AnyOptimizer, opts: { gamma: number; lastEpoch?: number }) {
    super(optimizer, opts);
    this.gamma = opts.gamma;
    this.initialStep();
  }
  lrAt(base: number, epoch: number): number {
    return base * Math.pow(this.gamma, epoch);
  }
}

/** lr = ηmin + (base − ηmin)·(1 + cos(π·epoch / TMax)) / 2 (SGDR without restarts). */
export class CosineAnnealingLR extends LRScheduler {
  readonly TMax: number;
  readonly etaMin: number;
  constructor(optimizer: AnyOptimizer, opts: { TMax: number; etaMin?: number; lastEpoch?: number }) {
    super(optimizer, opts);
    this.TMax = opts.TMax;
    this.etaMin = opts.etaMin ?? 0;
    this.initialStep();
  }
  lrAt(base: number, epoch: number): number {
    return this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.TMax))) / 2;
  }
}

/**
 * Linear warm-up (or decay): lr = base · (start + (end − start) · min(epoch, totalIters) / totalIters),
 * PyTorch's defaults start 1/3, end 1, totalIters 5.
 */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;
  constructor(
    optimizer: AnyOptimizer,
    opts: { startFactor?: number; endFactor?: number; totalIters?: number; lastEpoch?: number } = {},
  ) {
    super(optimizer, opts);
    this.startFactor = opts.startFactor ?? 1 / 3;
    this.endFactor = opts.endFactor ?? 1;
    this.totalIters = opts.totalIters ?? 5;
    if (!(this.startFactor > 0 && this.startFactor <= 1))
      throw new ValueError('LinearLR: startFactor must be in (0, 1]');
    if (!(this.endFactor >= 0 && this.endFactor <= 1))
      throw new ValueError('LinearLR: endFactor must be in [0, 1]');
    this.initialStep();
  }
  lrAt(base: number, epoch: number): number {
    const t = Math.min(epoch, this.totalIters) / this.totalIters;
    return base * (this.startFactor + (this.endFactor - this.startFactor) * t);
  }
}

/** lr = base · λ(epoch), one function for all groups or one per group. */
export class LambdaLR extends LRScheduler {
  readonly lambdas: ((epoch: number) => number)[];
  constructor(
    optimizer: AnyOptimizer,
    opts: { lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[]; lastEpoch?: number },
  ) {
    super(optimizer, opts);
    const n = optimizer.paramGroups.length;
    this.lambdas = Array.isArray(opts.lrLambda)
      ? opts.lrLambda
      : Array.from({ length: n }, () => opts.lrLambda as (e: number) => number);
    if (this.lambdas.length !== n)
      throw new ValueError(`LambdaLR: expected ${n} lrLambda functions, got ${this.lambdas.length}`);
    this.initialStep();
  }
  lrAt(base: number, epoch: number, i: number): number {
    return base * this.lambdas[i](epoch);
  }
}

/**
 * The Transformer's schedule (Vaswani et al. 2017, "Noam"): linear warm-up then decay ∝ 1/√step,
 *   lr = base · factor · dModel^(−½) · min(s^(−½), s · warmupSteps^(−3/2)),  s = epoch + 1,
 * so the first step uses s = 1 and the peak is at s = warmupSteps. Use base lr 1 for the paper's
 * values; step it once per batch.
 */
export class NoamLR extends LRScheduler {
  readonly dModel: number;
  readonly warmupSteps: number;
  readonly factor: number;
  constructor(
    optimizer: AnyOptimizer,
    opts: { dModel: number; warmupSteps: number; factor?: number; lastEpoch?: number },
  ) {
    super(optimizer, opts);
    this.dModel = opts.dModel;
    this.warmupSteps = opts.warmupSteps;
    this.factor = opts.factor ?? 1;
    this.initialStep();
  }
  lrAt(base: number, epoch: number): number {
    const s = epoch + 1;
    return (
      base *
      this.factor *
      Math.pow(this.dModel, -0.5) *
      Math.min(Math.pow(s, -0.5), s * Math.pow(this.warmupSteps, -1.5))
    );
  }
}

/**
 * Runs schedulers one after another: scheduler k is in charge from milestones[k − 1] on, counting
 * its epochs from there (e.g. LinearLR warm-up for 5 epochs, then CosineAnnealingLR).
 */
export class SequentialLR extends LRScheduler {
  constructor(
    optimizer: AnyOptimizer,
    readonly schedulers: LRScheduler[],
    readonly milestones: number[],
    opts: { lastEpoch?: number } = {},
  ) {
    super(optimizer, opts);
    if (milestones.length !== schedulers.length - 1) {
      throw new ValueError(
        `SequentialLR: expected ${schedulers.length - 1} milestones for ${schedulers.length} schedulers, got ${milestones.length}`,
      );
    }
    this.initialStep();
  }
  lrAt(base: number, epoch: number, i: number): number {
    let k = 0;
    while (k < this.milestones.length && epoch >= this.milestones[k]) k++;
    const start = k === 0 ? 0 : this.milestones[k - 1];
    return this.schedulers[k].lrAt(base, epoch - start, i);
  }
}

export interface ReduceLROnPlateauOptions {
  /** 'min' (default): a lower metric is better (a loss); 'max': higher is better (accuracy). */
  mode?: 'min' | 'max';
  /** Multiply lr by this on a plateau (default 0.1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** What counts as an improvement (default 1e-4, relative). */
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** Lower bound on lr, one for all groups or one per group (default 0). */
  minLr?: number | number[];
  /** Reductions smaller than this are skipped (default 1e-8). */
  eps?: number;
}

/** Reduces lr by `factor` when the metric passed to `step(metric)` stops improving. */
export class ReduceLROnPlateau {
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLrs: number[];
  readonly eps: number;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;

  constructor(
    readonly optimizer: AnyOptimizer,
    opts: ReduceLROnPlateauOptions = {},
  ) {
    this.mode = opts.mode ?? 'min';
    this.factor = opts.factor ?? 0.1;
    if (this.factor >= 1) throw new ValueError('ReduceLROnPlateau: factor should be < 1.0');
    this.patience = opts.patience ?? 10;
    this.threshold = opts.threshold ?? 1e-4;
    this.thresholdMode = opts.thresholdMode ?? 'rel';
    this.cooldown = opts.cooldown ?? 0;
    const n = optimizer.paramGroups.length;
    const minLr = opts.minLr ?? 0;
    this.minLrs = Array.isArray(minLr) ? [...minLr] : Array.from({ length: n }, () => minLr);
    if (this.minLrs.length !== n)
      throw new ValueError(`ReduceLROnPlateau: expected ${n} minLr values, got ${this.minLrs.length}`);
    this.eps = opts.eps ?? 1e-8;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  private isBetter(a: number): boolean {
    const { mode, thresholdMode: tm, threshold: th, best } = this;
    if (mode === 'min') return tm === 'rel' ? a < best * (1 - th) : a < best - th;
    return tm === 'rel' ? a > best * (th + 1) : a > best + th;
  }

  /** Records the epoch's metric and reduces lr after `patience` epochs without improvement. */
  step(metric: number): void {
    this.lastEpoch++;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const next = Math.max(g.lr * this.factor, this.minLrs[i]);
        if (g.lr - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }

  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  stateDict(): { best: number; numBadEpochs: number; cooldownCounter: number; lastEpoch: number } {
    return {
      best: this.best,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastEpoch: this.lastEpoch,
    };
  }

  loadStateDict(sd: {
    best: number;
    numBadEpochs: number;
    cooldownCounter: number;
    lastEpoch: number;
  }): void {
    Object.assign(this, sd);
  }
}
