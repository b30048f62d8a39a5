/**
 * Core layers: InputLayer (and `Input`), Dense, Activation, Flatten, Reshape, Dropout.
 * Shapes are Keras's: the batch first, features last — Dense maps (…, in) → (…, units) with a
 * kernel (in, units).
 */
import { ValueError } from '../../nd/errors.js';
import type { DType } from '../../nd/dtype.js';
import type { Tensor } from '../../autograd/tensor.js';
import { dropout } from '../../autograd/functional.js';
import { defaultRng, type Generator } from '../../nd/random/generator.js';
import { Layer, KerasTensor, Node, type CallArgs, type LayerArgs, type ShapeArg } from '../layer.js';
import { pyShape, sizeOf, type Shape } from '../shape.js';
import {
  get as getActivation,
  type Activation as ActivationFn,
  type ActivationLike,
} from '../activations.js';
import { get as getInitializer, type Initializer, type InitializerLike } from '../initializers.js';
import type { KerasVariable } from '../variable.js';
import { drawSeed } from '../backend.js';

/** A number, or an options object that carries it under `key` (how saved configs come back). */
export function firstArg<T extends object>(
  v: number | T | undefined,
  key: keyof T,
  rest: T,
): [number | undefined, T] {
  if (typeof v === 'number') return [v, rest];
  const opts = { ...(v ?? {}), ...rest } as T;
  return [opts[key] as number | undefined, opts];
}

/** Throws unless `v` is a positive integer. */
export function positiveInt(layer: string, what: string, v: number | undefined): number {
  if (v === undefined || !Number.isInteger(v) || v <= 0) {
    throw new ValueError(
      `Received an invalid value for \`${what}\`, expected a positive integer. Received: ${what}=${v} (layer ${layer})`,
    );
  }
  return v;
}

// ------------------------------------------------------------------------------------ InputLayer

export interface InputArgs {
  /** The shape of one sample, without the batch (`[28, 28, 1]`); null marks a variable size. */
  shape?: Shape;
  /** A fixed batch size (default unknown). */
  batchSize?: number | null;
  /** The full shape, batch included (instead of `shape` and `batchSize`). */
  batchShape?: Shape;
  /** float32 (default), float64, or an integer dtype for token ids. */
  dtype?: DType;
  name?: string;
}

/** The entry point of a model: holds the symbolic input tensor and passes data through. */
export class InputLayer extends Layer {
  static override readonly className: string = 'InputLayer';
  readonly batchShape: Shape;
  readonly inputDType: DType;
  /** The KerasTensor this layer produces. */
  readonly output: KerasTensor;

  constructor(args: InputArgs = {}) {
    const dtype = args.dtype ?? 'float32';
    super({ name: args.name, dtype: dtype === 'float64' ? 'float64' : 'float32' });
    if (args.batchShape) this.batchShape = [...args.batchShape];
    else if (args.shape) this.batchShape = [args.batchSize ?? null, ...args.shape];
    else
      throw new ValueError('You must pass a `shape` argument to Input (the shape of one sample, e.g. [784])');
    this.inputDType = dtype;
    this.built = true;
    this.output = new KerasTensor(this.batchShape, dtype);
    const node = new Node(this, [], [this.output], {}, true, true);
    this.output.node = node;
    this.inboundNodes.push(node);
  }

  call(inputs: Tensor | Tensor[]): Tensor | Tensor[] {
    return inputs;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, batchShape: this.batchShape, dtype: this.inputDType };
  }
}

/**
 * `keras.Input([784])` or `keras.Input({ shape: [784], dtype: 'int32' })`: a symbolic input
 * (None, 784) to build a model from.
 */
export function Input(shape: Shape | InputArgs, args: InputArgs = {}): KerasTensor {
  const opts = Array.isArray(shape)
    ? { ...args, shape: shape as Shape }
    : { ...(shape as InputArgs), ...args };
  return new InputLayer(opts).output;
}

// ------------------------------------------------------------------------------------------ Dense

export interface DenseArgs extends LayerArgs {
  units?: number;
  /** Applied after the affine map (default linear). */
  activation?: ActivationLike;
  useBias?: boolean;
  /** Default glorot_uniform. */
  kernelInitializer?: InitializerLike;
  /** Default zeros. */
  biasInitializer?: InitializerLike;
}

/**
 * A fully connected layer: y = activation(x · kernel + bias), kernel (in, units), bias (units);
 * (…, in) → (…, units).
 */
export class Dense extends Layer {
  static override readonly className: string = 'Dense';
  readonly units: number;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  kernel: KerasVariable | null = null;
  bias: KerasVariable | null = null;

  constructor(units: number | DenseArgs, args: DenseArgs = {}) {
    const [u, o] = firstArg(units, 'units', args);
    super(o);
    this.units = positiveInt(this.name, 'units', u);
    this.activation = getActivation(o.activation);
    this.useBias = o.useBias ?? true;
    this.kernelInitializer = getInitializer(o.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(o.biasInitializer ?? 'zeros');
  }

  override build(shape: ShapeArg): void {
    const s = shape as Shape;
    const inputDim = s[s.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ValueError(
        `The last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: ${pyShape(s)}`,
      );
    }
    this.kernel = this.addWeight('kernel', [inputDim, this.units], { initializer: this.kernelInitializer });
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], { initializer: this.biasInitializer });
    this.inputSpec = { minNdim: 2, axes: { [-1]: inputDim } };
  }

  call(x: Tensor): Tensor {
    let y = x.matmul(this.kernel!); // (…, units)
    if (this.bias) y = y.add(this.bias);
    return this.activation(y);
  }

  override computeOutputShape(shape: ShapeArg): Shape {
    const s = shape as Shape;
    return [...s.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
    };
  }
}

// ------------------------------------------------------------------------------------- Activation

/** Applies an activation function: `Activation('relu')`. */
export class Activation extends Layer {
  static override readonly className: string = 'Activation';
  readonly activation: ActivationFn;
  constructor(
    activation: ActivationLike | (LayerArgs & { activation?: ActivationLike }),
    args: LayerArgs = {},
  ) {
    const isOpts = typeof activation === 'object' && activation !== null;
    const o = isOpts ? { ...(activation as LayerArgs), ...args } : args;
    super(o);
    this.activation = getActivation(
      isOpts ? (activation as { activation?: ActivationLike }).activation : (activation as ActivationLike),
    );
  }
  call(x: Tensor): Tensor {
    return this.activation(x);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: this.activation };
  }
}

// ---------------------------------------------------------------------------------------- Flatten

/** Flattens each sample: (N, d1, d2, …) → (N, d1·d2·…). */
export class Flatten extends Layer {
  static override readonly className: string = 'Flatten';
  constructor(args: LayerArgs = {}) {
    super(args);
    this.inputSpec = { minNdim: 1 };
  }
  call(x: Tensor): Tensor {
    return x.reshape([x.shape[0], -1]); // (N, features)
  }
  override computeOutputShape(shape: ShapeArg): Shape {
    const s = shape as Shape;
    return [s[0], s.length === 1 ? 1 : sizeOf(s.slice(1))];
  }
}

// ---------------------------------------------------------------------------------------- Reshape

export interface ReshapeArgs extends LayerArgs {
  targetShape?: readonly number[];
}

/** Reshapes each sample to `targetShape` (one entry may be −1): (N, 784) → (N, 28, 28, 1). */
export class Reshape extends Layer {
  static override readonly className: string = 'Reshape';
  readonly targetShape: readonly number[];
  constructor(targetShape: readonly number[] | ReshapeArgs, args: ReshapeArgs = {}) {
    const o = Array.isArray(targetShape)
      ? { ...args, targetShape: targetShape as readonly number[] }
      : { ...(targetShape as ReshapeArgs), ...args };
    super(o);
    if (!o.targetShape) throw new ValueError('Reshape needs a `targetShape`');
    this.targetShape = [...o.targetShape];
    if (this.targetShape.filter((d) => d === -1).length > 1) {
      throw new ValueError(
        `There must be at most one unknown dimension (-1) in targetShape. Received: targetShape=${pyShape(this.targetShape)}`,
      );
    }
  }
  private resolve(inputShape: Shape): Shape {
    const total = sizeOf(inputShape.slice(1));
    const known = this.targetShape.filter((d) => d !== -1).reduce((p, q) => p * q, 1);
    if (total === null) return this.targetShape.map((d) => (d === -1 ? null : d));
    const fill = this.targetShape.includes(-1) ? total / known : known;
    if (!Number.isInteger(fill) || (this.targetShape.includes(-1) ? false : known !== total)) {
      throw new ValueError(
        `The total size of the tensor must be unchanged. Received: input_shape=${pyShape(inputShape.slice(1))}, target_shape=${pyShape(this.targetShape)} (layer "${this.name}")`,
      );
    }
    return this.targetShape.map((d) => (d === -1 ? fill : d));
  }
  call(x: Tensor): Tensor {
    const t = this.resolve(x.shape);
    return x.reshape([x.shape[0], ...(t as number[])]); // (N, …targetShape)
  }
  override computeOutputShape(shape: ShapeArg): Shape {
    const s = shape as Shape;
    return [s[0], ...this.resolve(s)];
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: this.targetShape };
  }
}

// ---------------------------------------------------------------------------------------- Dropout

export interface DropoutArgs extends LayerArgs {
  rate?: number;
  /** Seeds this layer's own mask generator (default: drawn from the session generator). */
  seed?: number | null;
}

/**
 * While training, zeroes each element with probability `rate` and scales the rest by
 * 1 / (1 − rate); the identity otherwise. Masks come from the layer's own seeded generator.
 */
export class Dropout extends Layer {
  static override readonly className: string = 'Dropout';
  readonly rate: number;
  readonly seed: number | null;
  private readonly rng: Generator;
  constructor(rate: number | DropoutArgs, args: DropoutArgs = {}) {
    const [r, o] = firstArg(rate, 'rate', args);
    super(o);
    if (r === undefined || !(r >= 0 && r <= 1)) {
      throw new ValueError(
        `Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${r}`,
      );
    }
    this.rate = r;
    this.seed = o.seed ?? null;
    this.rng = defaultRng(this.seed ?? drawSeed());
  }
  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training || this.rate === 0) return x;
    return dropout(x, this.rate, { training: true, rng: this.rng }); // same shape
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
