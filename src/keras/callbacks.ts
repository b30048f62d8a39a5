/**
 * `keras.callbacks`: hooks into `fit`, `evaluate` and `predict`, with Keras 3's names, order and
 * messages. `fit` runs the user's callbacks first, then History, then the progress bar, so both
 * see what the user's callbacks add to the logs (ReduceLROnPlateau's `learning_rate`).
 *
 * ```ts
 * const weights: number[][] = [];
 * await model.fit(x, y, {
 *   epochs: 5, batchSize: 1,
 *   callbacks: [keras.callbacks.LambdaCallback({ onBatchEnd: () => weights.push(model.getWeights()[0].toArray() as number[]) })],
 * });
 * ```
 *
 * A hook may return a promise: `fit` awaits it (`evaluate` and `predict` are synchronous and do
 * not). Files (ModelCheckpoint, CSVLogger) are written through dynamic imports of Node modules,
 * so this module stays browser-safe.
 */
import type { NDArray } from '../nd/ndarray.js';
import { ValueError } from '../nd/errors.js';
import { pyFormat } from '../nd/io/printf.js';
import { printMsg } from './backend.js';
import { Progbar } from './progbar.js';
import type { Model } from './model.js';

/** Metric values by name, as passed to the hooks (`loss`, `accuracy`, `val_loss`, …). */
export type Logs = Record<string, number>;

/** What `fit`/`evaluate`/`predict` tell their callbacks. */
export interface CallbackParams {
  verbose: 0 | 1 | 2;
  epochs: number;
  /** Batches per epoch (null when unknown). */
  steps: number | null;
}

type Hook = void | Promise<void>;

/** Base class: override the hooks you need. `this.model` is set before training starts. */
export class Callback {
  static readonly className: string = 'Callback';
  model: Model | null = null;
  params: CallbackParams = { verbose: 0, epochs: 1, steps: null };

  setModel(model: Model): void {
    this.model = model;
  }
  setParams(params: CallbackParams): void {
    this.params = params;
  }

  onTrainBegin(logs?: Logs): Hook {
    void logs;
  }
  onTrainEnd(logs?: Logs): Hook {
    void logs;
  }
  onEpochBegin(epoch: number, logs?: Logs): Hook {
    void epoch;
    void logs;
  }
  onEpochEnd(epoch: number, logs?: Logs): Hook {
    void epoch;
    void logs;
  }
  /** Before each training batch (Keras's `on_batch_begin`). */
  onBatchBegin(batch: number, logs?: Logs): Hook {
    void batch;
    void logs;
  }
  /** After each training batch, with the epoch's running metrics. */
  onBatchEnd(batch: number, logs?: Logs): Hook {
    void batch;
    void logs;
  }
  onTrainBatchBegin(batch: number, logs?: Logs): Hook {
    return this.onBatchBegin(batch, logs);
  }
  onTrainBatchEnd(batch: number, logs?: Logs): Hook {
    return this.onBatchEnd(batch, logs);
  }
  onTestBegin(logs?: Logs): Hook {
    void logs;
  }
  onTestEnd(logs?: Logs): Hook {
    void logs;
  }
  onTestBatchBegin(batch: number, logs?: Logs): Hook {
    void batch;
    void logs;
  }
  onTestBatchEnd(batch: number, logs?: Logs): Hook {
    void batch;
    void logs;
  }
  onPredictBegin(logs?: Logs): Hook {
    void logs;
  }
  onPredictEnd(logs?: Logs): Hook {
    void logs;
  }
  onPredictBatchBegin(batch: number, logs?: Logs): Hook {
    void batch;
    void logs;
  }
  onPredictBatchEnd(batch: number, logs?: Logs): Hook {
    void batch;
    void logs;
  }
}

/** The hooks of a callback list, each calling every callback in order. */
export class CallbackList {
  constructor(readonly callbacks: Callback[]) {}

  setModel(model: Model): void {
    for (const c of this.callbacks) c.setModel(model);
  }
  setParams(params: CallbackParams): void {
    for (const c of this.callbacks) c.setParams(params);
  }

  /** Calls `hook` on every callback, awaiting those that return promises. */
  async run<K extends HookName>(hook: K, ...args: Parameters<Callback[K]>): Promise<void> {
    for (const c of this.callbacks) {
      const r = (c[hook] as (...a: unknown[]) => Hook)(...args);
      if (r instanceof Promise) await r;
    }
  }

  /** Calls `hook` on every callback without waiting (evaluate and predict are synchronous). */
  runSync<K extends HookName>(hook: K, ...args: Parameters<Callback[K]>): void {
    for (const c of this.callbacks) void (c[hook] as (...a: unknown[]) => Hook)(...args);
  }
}

export type HookName = Exclude<keyof Callback, 'model' | 'params' | 'setModel' | 'setParams'>;

// ---------------------------------------------------------------------------------------- History

/** Records the epoch logs: `history.history.loss[epoch]`. Returned by `fit`. */
export class History extends Callback {
  static override readonly className: string = 'History';
  /** Metric name → one value per epoch. */
  history: Record<string, number[]> = {};
  /** The epochs run (0-based). */
  epoch: number[] = [];

  override onTrainBegin(): void {
    this.epoch = [];
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
    if (this.model) this.model.history = this;
  }
}

// -------------------------------------------------------------------------------- ProgbarLogger

/** Prints `Epoch 1/5` and the progress bar (added by `fit` when verbose). */
export class ProgbarLogger extends Callback {
  static override readonly className: string = 'ProgbarLogger';
  private progbar: Progbar | null = null;
  private seen = 0;
  private target: number | null = null;
  private calledInFit = false;

  override setParams(params: CallbackParams): void {
    super.setParams(params);
    this.target = params.steps;
  }
  override onTrainBegin(): void {
    this.calledInFit = true;
  }
  override onTestBegin(): void {
    if (!this.calledInFit) this.reset();
  }
  override onPredictBegin(): void {
    this.reset();
  }
  override onEpochBegin(epoch: number): void {
    this.reset();
    if (this.params.verbose && this.params.epochs > 1) printMsg(`Epoch ${epoch + 1}/${this.params.epochs}`);
  }
  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.updateBar(batch, logs);
  }
  override onTestBatchEnd(batch: number, logs?: Logs): void {
    if (!this.calledInFit) this.updateBar(batch, logs);
  }
  override onPredictBatchEnd(batch: number): void {
    this.updateBar(batch, undefined);
  }
  override onEpochEnd(_epoch: number, logs?: Logs): void {
    this.finalize(logs);
  }
  override onTestEnd(logs?: Logs): void {
    if (!this.calledInFit) this.finalize(logs);
  }
  override onPredictEnd(): void {
    this.finalize(undefined);
  }
  private reset(): void {
    this.seen = 0;
    this.progbar = null;
  }
  private bar(): Progbar {
    this.progbar ??= new Progbar(this.target, { verbose: this.params.verbose, unitName: 'step' });
    return this.progbar;
  }
  private updateBar(batch: number, logs?: Logs): void {
    const bar = this.bar();
    this.seen = batch + 1;
    if (this.params.verbose === 1) bar.update(this.seen, Object.entries(logs ?? {}), false);
  }
  private finalize(logs?: Logs): void {
    const bar = this.bar();
    if (this.target === null) {
      this.target = this.seen;
      bar.target = this.seen;
    }
    bar.update(this.target, Object.entries(logs ?? {}), true);
  }
}

// ---------------------------------------------------------------------------------- monitoring

export type Mode = 'auto' | 'min' | 'max';

/** Whether larger is better for `monitor` in `auto` mode (accuracy-like names). */
function higherIsBetter(monitor: string, mode: Mode): boolean {
  if (mode !== 'auto') return mode === 'max';
  const name = monitor.replace(/^val_/, '');
  if (name === 'loss') return false;
  return /acc|auc|precision|recall/.test(name);
}

function missing(who: string, monitor: string, logs: Logs): string {
  return `${who} conditioned on metric \`${monitor}\` which is not available. Available metrics are: ${Object.keys(logs).join(',')}`;
}

export interface EarlyStoppingArgs {
  /** Default 'val_loss'. */
  monitor?: string;
  /** An improvement smaller than this does not count (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  verbose?: 0 | 1;
  mode?: Mode;
  /** Stop unless the monitored value beats this. */
  baseline?: number | null;
  /** Put back the best epoch's weights at the end (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before monitoring starts (default 0). */
  startFromEpoch?: number;
}

/** Stops training when the monitored value stops improving (Keras 3's rules). */
export class EarlyStopping extends Callback {
  static override readonly className: string = 'EarlyStopping';
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: Mode;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  wait = 0;
  stoppedEpoch = 0;
  best: number | null = null;
  bestEpoch = 0;
  bestWeights: NDArray[] | null = null;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.minDelta = Math.abs(args.minDelta ?? 0);
    this.patience = args.patience ?? 0;
    this.verbose = args.verbose ?? 0;
    this.mode = args.mode ?? 'auto';
    this.baseline = args.baseline ?? null;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
    this.startFromEpoch = args.startFromEpoch ?? 0;
  }

  private improved(current: number, reference: number | null): boolean {
    if (reference === null) return true;
    return higherIsBetter(this.monitor, this.mode)
      ? current - this.minDelta > reference
      : current + this.minDelta < reference;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestWeights = null;
    this.bestEpoch = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      printMsg(`Warning: ${missing('Early stopping', this.monitor, logs)}`);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.bestWeights = this.model!.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.improved(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.model!.getWeights();
      if (this.baseline === null || this.improved(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model!.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) printMsg(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0)
        printMsg(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.model!.setWeights(this.bestWeights);
    }
  }
}

export interface ReduceLROnPlateauArgs {
  monitor?: string;
  /** New lr = lr·factor (default 0.1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  verbose?: 0 | 1;
  mode?: Mode;
  /** Improvements smaller than this do not count (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction (default 0). */
  cooldown?: number;
  /** Lower bound on the learning rate (default 0). */
  minLr?: number;
}

/** Multiplies the learning rate by `factor` when the monitored value plateaus. */
export class ReduceLROnPlateau extends Callback {
  static override readonly className: string = 'ReduceLROnPlateau';
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: Mode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  wait = 0;
  cooldownCounter = 0;
  best = Infinity;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.factor = args.factor ?? 0.1;
    if (this.factor >= 1)
      throw new ValueError(
        `ReduceLROnPlateau does not support a factor >= 1.0. Received factor=${this.factor}`,
      );
    this.patience = args.patience ?? 10;
    this.verbose = args.verbose ?? 0;
    this.mode = args.mode ?? 'auto';
    this.minDelta = args.minDelta ?? 1e-4;
    this.cooldown = args.cooldown ?? 0;
    this.minLr = args.minLr ?? 0;
  }

  private better(a: number, b: number): boolean {
    return higherIsBetter(this.monitor, this.mode) ? a > b + this.minDelta : a < b - this.minDelta;
  }

  override onTrainBegin(): void {
    this.best = higherIsBetter(this.monitor, this.mode) ? -Infinity : Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const opt = this.model!.optimizer!;
    logs.learning_rate = opt.learningRate;
    const current = logs[this.monitor];
    if (current === undefined) {
      printMsg(`Warning: ${missing('Learning rate reduction', this.monitor, logs)}`);
      return;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.better(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter <= 0) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const old = opt.learningRate;
        if (old > Math.fround(this.minLr)) {
          const lr = Math.max(old * this.factor, this.minLr);
          opt.learningRate = lr;
          if (this.verbose > 0)
            printMsg(
              `\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${pyFormat('%s', [lr])}.`,
            );
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}

/** Sets the learning rate at the start of each epoch to `schedule(epoch, lr)`. */
export class LearningRateScheduler extends Callback {
  static override readonly className: string = 'LearningRateScheduler';
  constructor(
    readonly schedule: (epoch: number, lr: number) => number,
    readonly verbose: 0 | 1 = 0,
  ) {
    super();
  }
  override onEpochBegin(epoch: number): void {
    const opt = this.model!.optimizer!;
    const lr = this.schedule(epoch, opt.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new ValueError(`The output of the \`schedule\` function should be a float. Got: ${lr}`);
    }
    opt.learningRate = lr;
    if (this.verbose > 0)
      printMsg(
        `\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${pyFormat('%s', [lr])}.`,
      );
  }
  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    logs.learning_rate = this.model!.optimizer!.learningRate;
  }
}

/** Stops training at the first batch whose loss is NaN or infinite, saying which batch. */
export class TerminateOnNaN extends Callback {
  static override readonly className: string = 'TerminateOnNaN';
  /** The batch at which training was stopped, if it was. */
  stoppedBatch: number | null = null;
  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      printMsg(`Batch ${batch}: Invalid loss, terminating training`);
      this.stoppedBatch = batch;
      this.model!.stopTraining = true;
    }
  }
}

/** Python's `str.format` for ModelCheckpoint paths: `{epoch:02d}`, `{val_loss:.2f}`, `{epoch}`. */
export function formatPath(template: string, values: Record<string, number>): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, key: string, spec: string | undefined) => {
    const v = values[key];
    if (v === undefined)
      throw new ValueError(
        `Failed to format this callback filepath: "${template}". Reason: ${JSON.stringify(key)} is not in the logs`,
      );
    if (!spec) return Number.isInteger(v) ? String(v) : pyFormat('%s', [v]);
    return pyFormat(`%${spec}`, [v]);
  });
}

export interface ModelCheckpointArgs {
  monitor?: string;
  verbose?: 0 | 1;
  /** Save only when the monitored value improves (default false: every epoch). */
  saveBestOnly?: boolean;
  /** Save only the weights (a safetensors file) instead of the whole model. */
  saveWeightsOnly?: boolean;
  mode?: Mode;
  /** Only save once the monitored value beats this. */
  initialValueThreshold?: number | null;
}

/**
 * Saves the model after each epoch (or each improvement) with `model.save` — atomic, so a
 * crash mid-save leaves the previous file loadable. `filepath` may hold `{epoch:02d}` and
 * `{val_loss:.4f}` placeholders. Node only.
 */
export class ModelCheckpoint extends Callback {
  static override readonly className: string = 'ModelCheckpoint';
  readonly monitor: string;
  readonly verbose: number;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly mode: Mode;
  best: number | null;
  /** Paths written, in order. */
  readonly saved: string[] = [];

  constructor(
    readonly filepath: string,
    args: ModelCheckpointArgs = {},
  ) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.verbose = args.verbose ?? 0;
    this.saveBestOnly = args.saveBestOnly ?? false;
    this.saveWeightsOnly = args.saveWeightsOnly ?? false;
    this.mode = args.mode ?? 'auto';
    this.best = args.initialValueThreshold ?? null;
  }

  private improved(current: number): boolean {
    if (this.best === null) return true;
    return higherIsBetter(this.monitor, this.mode) ? current > this.best : current < this.best;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const path = formatPath(this.filepath, { ...logs, epoch: epoch + 1 });
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) {
        printMsg(
          `Warning: Can save best model only with ${this.monitor} available. Available metrics are: ${Object.keys(logs).join(',')}`,
        );
        return;
      }
      if (!this.improved(current)) {
        if (this.verbose > 0)
          printMsg(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${fmt5(this.best)}`);
        return;
      }
      if (this.verbose > 0)
        printMsg(
          `\nEpoch ${epoch + 1}: ${this.monitor} improved from ${fmt5(this.best)} to ${fmt5(current)}, saving model to ${path}`,
        );
      this.best = current;
    } else if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: saving model to ${path}`);
    if (this.saveWeightsOnly) await this.model!.saveWeights(path);
    else await this.model!.save(path);
    this.saved.push(path);
  }
}

function fmt5(v: number | null): string {
  if (v === null) return 'inf';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return v.toFixed(5);
}

/**
 * Streams the epoch logs to a CSV file: a header `epoch,accuracy,loss,…` (sorted keys), then one
 * row per epoch, values as Python prints floats. Node only.
 */
export class CSVLogger extends Callback {
  static override readonly className: string = 'CSVLogger';
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private fs: typeof import('node:fs') | null = null;

  constructor(
    readonly filename: string,
    args: { separator?: string; append?: boolean } = {},
  ) {
    super();
    this.separator = args.separator ?? ',';
    this.append = args.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    this.fs = await import('node:fs');
    this.keys = null;
    if (this.append && this.fs.existsSync(this.filename)) {
      const first = this.fs.readFileSync(this.filename, 'utf8').split(/\r?\n/)[0];
      if (first) this.keys = first.split(this.separator).slice(1);
    } else this.fs.writeFileSync(this.filename, '');
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const fs = this.fs!;
    let text = '';
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      text += `${['epoch', ...this.keys].join(this.separator)}\n`;
    }
    const row = [String(epoch), ...this.keys.map((k) => (k in logs ? pyFormat('%s', [logs[k]]) : 'NA'))];
    text += `${row.join(this.separator)}\n`;
    fs.appendFileSync(this.filename, text);
  }
}

/** Hooks given as functions: `LambdaCallback({ onEpochEnd: (epoch, logs) => … })`. */
export interface LambdaCallbackArgs {
  onEpochBegin?: (epoch: number, logs: Logs) => Hook;
  onEpochEnd?: (epoch: number, logs: Logs) => Hook;
  onBatchBegin?: (batch: number, logs: Logs) => Hook;
  onBatchEnd?: (batch: number, logs: Logs) => Hook;
  onTrainBegin?: (logs: Logs) => Hook;
  onTrainEnd?: (logs: Logs) => Hook;
}

export class LambdaCallback extends Callback {
  static override readonly className: string = 'LambdaCallback';
  constructor(private readonly fns: LambdaCallbackArgs = {}) {
    super();
  }
  override onEpochBegin(epoch: number, logs: Logs = {}): Hook {
    return this.fns.onEpochBegin?.(epoch, logs);
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): Hook {
    return this.fns.onEpochEnd?.(epoch, logs);
  }
  override onBatchBegin(batch: number, logs: Logs = {}): Hook {
    return this.fns.onBatchBegin?.(batch, logs);
  }
  override onBatchEnd(batch: number, logs: Logs = {}): Hook {
    return this.fns.onBatchEnd?.(batch, logs);
  }
  override onTrainBegin(logs: Logs = {}): Hook {
    return this.fns.onTrainBegin?.(logs);
  }
  override onTrainEnd(logs: Logs = {}): Hook {
    return this.fns.onTrainEnd?.(logs);
  }
}
