/**
 * `keras.initializers`: what fills a weight when its layer is built, with Keras's names, defaults
 * and fan rules (fans of a kernel (…, fan_in, fan_out) count the receptive field, so a Conv2D
 * kernel (kh, kw, cin, cout) has fan_in = kh·kw·cin).
 *
 * ```ts
 * keras.layers.Dense(1, { kernelInitializer: keras.initializers.Constant(0), biasInitializer: 'ones' });
 * keras.initializers.GlorotUniform({ seed: 42 }).call([2, 3]); // the same values on every call
 * ```
 *
 * With a `seed`, every call draws the same values (as Keras 3); without one, values come from
 * the session generator that `keras.utils.setRandomSeed` reseeds.
 */
import { NDArray } from '../nd/ndarray.js';
import { full } from '../nd/creation.js';
import { eye } from '../nd/matrices.js';
import { ValueError } from '../nd/errors.js';
import { qr } from '../nd/linalg/qr.js';
import { defaultRng, type Generator } from '../nd/random/generator.js';
import type { FloatDType } from '../nn/options.js';
import { layerGenerator } from './backend.js';

/** Keras's `compute_fans`: [fan_in, fan_out] of a weight shape. */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  const receptive = shape.slice(0, -2).reduce((p, q) => p * q, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

/** Base class: `call(shape, dtype)` returns a new array. */
export abstract class Initializer {
  static readonly className: string = 'Initializer';

  /** Values for a weight of `shape`. */
  abstract call(shape: readonly number[], dtype?: FloatDType): NDArray;

  /** The options that recreate this initializer. */
  getConfig(): Record<string, unknown> {
    return {};
  }

  get className(): string {
    return (this.constructor as typeof Initializer).className;
  }
}

/** Base of the random initialisers: a fixed seed gives the same draw on every call. */
abstract class RandomInitializer extends Initializer {
  readonly seed: number | null;
  constructor(seed?: number | null) {
    super();
    this.seed = seed ?? null;
  }
  protected rng(): Generator {
    return this.seed === null ? layerGenerator() : defaultRng(this.seed);
  }
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/** Every value equal to `value`. */
export class Constant extends Initializer {
  static override readonly className: string = 'Constant';
  readonly value: number;
  constructor(value: number | { value?: number } = 0) {
    super();
    this.value = typeof value === 'number' ? value : (value.value ?? 0);
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    return full([...shape], this.value, { dtype });
  }
  override getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}

export class Zeros extends Constant {
  static override readonly className: string = 'Zeros';
  constructor() {
    super(0);
  }
  override getConfig(): Record<string, unknown> {
    return {};
  }
}

export class Ones extends Constant {
  static override readonly className: string = 'Ones';
  constructor() {
    super(1);
  }
  override getConfig(): Record<string, unknown> {
    return {};
  }
}

/** N(mean, stddev²); Keras's defaults mean 0, stddev 0.05. */
export class RandomNormal extends RandomInitializer {
  static override readonly className: string = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  constructor(opts: { mean?: number; stddev?: number; seed?: number | null } = {}) {
    super(opts.seed);
    this.mean = opts.mean ?? 0;
    this.stddev = opts.stddev ?? 0.05;
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    return this.rng()
      .normal(this.mean, this.stddev, [...shape])
      .astype(dtype);
  }
  override getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }
}

/** U(minval, maxval); Keras's defaults −0.05, 0.05. */
export class RandomUniform extends RandomInitializer {
  static override readonly className: string = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  constructor(opts: { minval?: number; maxval?: number; seed?: number | null } = {}) {
    super(opts.seed);
    this.minval = opts.minval ?? -0.05;
    this.maxval = opts.maxval ?? 0.05;
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    return this.rng()
      .uniform(this.minval, this.maxval, [...shape])
      .astype(dtype);
  }
  override getConfig(): Record<string, unknown> {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed };
  }
}

/** N(mean, stddev²) redrawn beyond two standard deviations. */
function truncatedNormal(rng: Generator, shape: readonly number[], mean: number, stddev: number): NDArray {
  const n = shape.reduce((p, q) => p * q, 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z: number;
    do z = rng.standardNormal() as number;
    while (z < -2 || z > 2);
    out[i] = mean + stddev * z;
  }
  return NDArray.fromData(out, [...shape], 'float64');
}

/** N(mean, stddev²) truncated at ±2 stddev; Keras's defaults mean 0, stddev 0.05. */
export class TruncatedNormal extends RandomInitializer {
  static override readonly className: string = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;
  constructor(opts: { mean?: number; stddev?: number; seed?: number | null } = {}) {
    super(opts.seed);
    this.mean = opts.mean ?? 0;
    this.stddev = opts.stddev ?? 0.05;
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    return truncatedNormal(this.rng(), shape, this.mean, this.stddev).astype(dtype);
  }
  override getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }
}

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type Distribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

export interface VarianceScalingOptions {
  scale?: number;
  mode?: FanMode;
  distribution?: Distribution;
  seed?: number | null;
}

/**
 * scale / fan (fan by `mode`) is the target variance: uniform on ±√(3·scale/fan), normal with
 * that std, or truncated normal with std √(scale/fan) / 0.8796… (so the truncation keeps it).
 */
export class VarianceScaling extends RandomInitializer {
  static override readonly className: string = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  constructor(opts: VarianceScalingOptions = {}) {
    super(opts.seed);
    this.scale = opts.scale ?? 1;
    this.mode = opts.mode ?? 'fan_in';
    this.distribution = opts.distribution ?? 'truncated_normal';
    if (!(this.scale > 0))
      throw new ValueError(`Argument \`scale\` must be positive float. Received: scale=${this.scale}`);
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    const [fanIn, fanOut] = computeFans(shape);
    const fan = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const scale = this.scale / Math.max(1, fan);
    const rng = this.rng();
    if (this.distribution === 'truncated_normal') {
      return truncatedNormal(rng, shape, 0, Math.sqrt(scale) / 0.87962566103423978).astype(dtype);
    }
    if (this.distribution === 'untruncated_normal')
      return rng.normal(0, Math.sqrt(scale), [...shape]).astype(dtype);
    const limit = Math.sqrt(3 * scale);
    return rng.uniform(-limit, limit, [...shape]).astype(dtype);
  }
  override getConfig(): Record<string, unknown> {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed };
  }
}

/** Glorot/Xavier uniform: U(±√(6 / (fan_in + fan_out))). Keras's default for Dense and Conv kernels. */
export class GlorotUniform extends VarianceScaling {
  static override readonly className: string = 'GlorotUniform';
  constructor(opts: { seed?: number | null } = {}) {
    super({ scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: opts.seed });
  }
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/** Glorot/Xavier normal: truncated normal, std √(2 / (fan_in + fan_out)). */
export class GlorotNormal extends VarianceScaling {
  static override readonly className: string = 'GlorotNormal';
  constructor(opts: { seed?: number | null } = {}) {
    super({ scale: 1, mode: 'fan_avg', distribution: 'truncated_normal', seed: opts.seed });
  }
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/** He normal: truncated normal, std √(2 / fan_in). */
export class HeNormal extends VarianceScaling {
  static override readonly className: string = 'HeNormal';
  constructor(opts: { seed?: number | null } = {}) {
    super({ scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: opts.seed });
  }
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/** He uniform: U(±√(6 / fan_in)). */
export class HeUniform extends VarianceScaling {
  static override readonly className: string = 'HeUniform';
  constructor(opts: { seed?: number | null } = {}) {
    super({ scale: 2, mode: 'fan_in', distribution: 'uniform', seed: opts.seed });
  }
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/** LeCun normal: truncated normal, std √(1 / fan_in). */
export class LecunNormal extends VarianceScaling {
  static override readonly className: string = 'LecunNormal';
  constructor(opts: { seed?: number | null } = {}) {
    super({ scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: opts.seed });
  }
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/** LeCun uniform: U(±√(3 / fan_in)). */
export class LecunUniform extends VarianceScaling {
  static override readonly className: string = 'LecunUniform';
  constructor(opts: { seed?: number | null } = {}) {
    super({ scale: 1, mode: 'fan_in', distribution: 'uniform', seed: opts.seed });
  }
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/**
 * A (semi-)orthogonal matrix over (prod(shape[:-1]), shape[-1]): the Q of a QR decomposition of
 * a normal matrix, signs fixed by R's diagonal, times `gain`. Keras's default recurrent kernel.
 */
export class Orthogonal extends RandomInitializer {
  static override readonly className: string = 'Orthogonal';
  readonly gain: number;
  constructor(opts: { gain?: number; seed?: number | null } = {}) {
    super(opts.seed);
    this.gain = opts.gain ?? 1;
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    if (shape.length < 2)
      throw new ValueError(
        `The tensor to initialize must be at least two-dimensional. Received: shape=(${shape.join(', ')})`,
      );
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((p, q) => p * q, 1);
    let a = this.rng().normal(0, 1, [Math.max(rows, cols), Math.min(rows, cols)]);
    const { Q, R } = qr(a);
    const k = Math.min(rows, cols);
    const d = new Float64Array(k);
    for (let i = 0; i < k; i++) d[i] = Math.sign(Number(R.item(i, i))) || 1;
    a = Q.mul(NDArray.fromData(d, [k], 'float64'));
    if (rows < cols) a = a.T;
    return a
      .mul(this.gain)
      .reshape([...shape])
      .astype(dtype);
  }
  override getConfig(): Record<string, unknown> {
    return { gain: this.gain, seed: this.seed };
  }
}

/** `gain` times the identity matrix (2-D shapes only). */
export class Identity extends Initializer {
  static override readonly className: string = 'Identity';
  readonly gain: number;
  constructor(opts: { gain?: number } = {}) {
    super();
    this.gain = opts.gain ?? 1;
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    if (shape.length !== 2)
      throw new ValueError(
        `Identity matrix initializer can only be used for 2D matrices. Received: shape=(${shape.join(', ')})`,
      );
    return eye(shape[0], shape[1], { dtype }).mul(this.gain).astype(dtype);
  }
  override getConfig(): Record<string, unknown> {
    return { gain: this.gain };
  }
}

/** Initialiser classes by Keras name, for `get` and for loading saved models. */
export const INITIALIZER_CLASSES: Readonly<Record<string, new (config?: never) => Initializer>> = {
  Constant,
  Zeros,
  Ones,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  GlorotUniform,
  GlorotNormal,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  Orthogonal,
  Identity,
};

const ALIASES: Readonly<Record<string, string>> = {
  constant: 'Constant',
  zeros: 'Zeros',
  zero: 'Zeros',
  ones: 'Ones',
  one: 'Ones',
  random_normal: 'RandomNormal',
  normal: 'RandomNormal',
  random_uniform: 'RandomUniform',
  uniform: 'RandomUniform',
  truncated_normal: 'TruncatedNormal',
  variance_scaling: 'VarianceScaling',
  glorot_uniform: 'GlorotUniform',
  glorot_normal: 'GlorotNormal',
  he_normal: 'HeNormal',
  he_uniform: 'HeUniform',
  lecun_normal: 'LecunNormal',
  lecun_uniform: 'LecunUniform',
  orthogonal: 'Orthogonal',
  identity: 'Identity',
};

/** A function from shape and dtype to values, usable wherever an initializer is. */
export type InitializerFn = (shape: readonly number[], dtype: FloatDType) => NDArray;

/** An initializer given by name (`'glorot_uniform'`, `'GlorotUniform'`), object or function. */
export type InitializerLike = string | Initializer | InitializerFn;

class FunctionInitializer extends Initializer {
  static override readonly className: string = 'Function';
  constructor(private readonly fn: InitializerFn) {
    super();
  }
  call(shape: readonly number[], dtype: FloatDType = 'float32'): NDArray {
    return this.fn(shape, dtype);
  }
}

/** Resolves a name, object, function or `{ className, config }` to an Initializer. */
export function get(
  identifier: InitializerLike | { className: string; config?: Record<string, unknown> },
): Initializer {
  if (identifier instanceof Initializer) return identifier;
  if (typeof identifier === 'function') return new FunctionInitializer(identifier);
  if (typeof identifier === 'object' && identifier !== null && 'className' in identifier) {
    const C = INITIALIZER_CLASSES[identifier.className];
    if (!C) throw new ValueError(`Could not interpret initializer identifier: ${identifier.className}`);
    return new (C as new (c?: unknown) => Initializer)(identifier.config ?? {});
  }
  const name = ALIASES[identifier] ?? (identifier in INITIALIZER_CLASSES ? identifier : undefined);
  if (name === undefined) {
    throw new ValueError(
      `Could not interpret initializer identifier: ${identifier}. Known names: ${Object.keys(ALIASES).join(', ')}`,
    );
  }
  return new (INITIALIZER_CLASSES[name] as new () => Initializer)();
}

/** The saved form of an initializer: `{ className, config }`. */
export function serialize(init: Initializer): { className: string; config: Record<string, unknown> } {
  if (init instanceof FunctionInitializer) {
    throw new ValueError('A function initializer cannot be saved; use a keras.initializers object or name');
  }
  return { className: init.className, config: init.getConfig() };
}
