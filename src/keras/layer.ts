/**
 * Layer, KerasTensor and Node: the base of every Keras layer and the symbolic graph that
 * functional models are made of.
 *
 * A layer is applied in one of two ways:
 * - to KerasTensors (symbolic: `keras.Input([784])` and what layers return from it): the layer
 *   builds its weights from the input shape, checks it, and returns new KerasTensors whose
 *   shapes come from `computeOutputShape`; a Node records the call, so `keras.Model({ inputs,
 *   outputs })` can replay the graph;
 * - to Tensors or NDArrays (eager): the layer builds on first use and runs `call`.
 *
 * ```ts
 * const x = keras.Input([784]);                       // KerasTensor (None, 784)
 * const h = keras.layers.Dense(64, { activation: 'relu' }).apply(x); // KerasTensor (None, 64)
 * keras.layers.Dense(10).apply(nd.zeros([32, 784]));  // eager: Tensor (32, 10)
 * ```
 *
 * Subclasses create weights in `build(inputShape)` with `addWeight`, compute in `call`, and
 * describe their output in `computeOutputShape`; `getConfig` returns what recreates them.
 */
import { NDArray } from '../nd/ndarray.js';
import { asarray, type ArrayLike } from '../nd/creation.js';
import { ValueError } from '../nd/errors.js';
import type { DType } from '../nd/dtype.js';
import { Tensor } from '../autograd/tensor.js';
import type { FloatDType } from '../nn/options.js';
import { toSnakeCase, uniqueName } from './backend.js';
import { assertInputCompatibility, pyShape, type InputSpec, type Shape } from './shape.js';
import { KerasVariable } from './variable.js';
import { get as getInitializer, type InitializerLike } from './initializers.js';

/** Options every layer accepts. */
export interface LayerArgs {
  /** Unique name; default: the class name in snake_case with a counter (`dense_1`). */
  name?: string;
  /** Whether training updates the layer's weights (default true). */
  trainable?: boolean;
  /** dtype of the weights and of the computation (default float32). */
  dtype?: FloatDType;
  /** For the first layer of a Sequential: the shape of one sample (Keras 2's `input_shape`). */
  inputShape?: Shape;
  /** With `inputShape`: a fixed batch size (default unknown). */
  batchSize?: number | null;
}

/** Options of a call: `training` switches dropout and batch statistics; layers may take more. */
export interface CallArgs {
  training?: boolean;
  [option: string]: unknown;
}

/** One shape, or one per input / output. */
export type ShapeArg = Shape | Shape[];

/** What a layer can be applied to eagerly. */
export type EagerInput = Tensor | NDArray | ArrayLike;

/** A symbolic tensor: a shape and dtype, and the node that produces it. */
export class KerasTensor {
  readonly name: string;
  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    /** The call that produced it (null only while being created). */
    public node: Node | null = null,
    /** Which output of that call. */
    readonly index = 0,
    name?: string,
  ) {
    this.name = name ?? uniqueName('keras_tensor');
  }
  get ndim(): number {
    return this.shape.length;
  }
  toString(): string {
    return `<KerasTensor shape=${pyShape(this.shape)}, dtype=${this.dtype}, sparse=False, name=${this.name}>`;
  }
}

/** One application of a layer to symbolic inputs. */
export class Node {
  constructor(
    readonly layer: Layer,
    readonly inputs: KerasTensor[],
    readonly outputs: KerasTensor[],
    /** Call options other than `training`. */
    readonly args: CallArgs,
    /** Whether the inputs were passed as one tensor (not a list). */
    readonly singleInput: boolean,
    /** Whether the layer returned one tensor (not a list). */
    readonly singleOutput: boolean,
  ) {}
}

function isShapeList(s: ShapeArg): s is Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

/** Converts numbers, lists and NDArrays to constant Tensors. */
export function asTensor(x: EagerInput): Tensor {
  if (x instanceof Tensor) return x;
  return new Tensor(x instanceof NDArray ? x : asarray(x as ArrayLike));
}

/** The base class of every Keras layer (and of Model). */
export abstract class Layer {
  /** Keras's class name (survives minification; used in summaries and saved configs). */
  static readonly className: string = 'Layer';

  readonly name: string;
  readonly dtype: FloatDType;
  /** Whether the weights have been created. */
  built = false;
  /** The shape(s) `build` was called with. */
  buildShape: ShapeArg | null = null;
  /** What `call` accepts, checked before every call (one per input). */
  inputSpec: InputSpec | (InputSpec | null)[] | null = null;
  /** Every symbolic call of this layer, in order. */
  readonly inboundNodes: Node[] = [];
  /** `[batchSize, ...inputShape]` when the layer was given `inputShape`. */
  readonly batchInputShape: Shape | null;
  /** The weights this layer created itself, in creation order. */
  protected ownWeights: KerasVariable[] = [];
  private trainableFlag: boolean;

  constructor(args: LayerArgs = {}) {
    this.name = args.name ?? uniqueName(toSnakeCase(this.className));
    this.dtype = args.dtype ?? 'float32';
    this.trainableFlag = args.trainable ?? true;
    this.batchInputShape = args.inputShape ? [args.batchSize ?? null, ...args.inputShape] : null;
  }

  /** Keras's class name (`Dense`). */
  get className(): string {
    const ctor = this.constructor as typeof Layer;
    // a user's subclass without its own static className is named by its JS class name
    return Object.prototype.hasOwnProperty.call(ctor, 'className') ? ctor.className : ctor.name;
  }

  // ----------------------------------------------------------------------------- to implement

  /** Creates the weights for inputs of `inputShape` (batch dimension included, maybe null). */
  build(inputShape: ShapeArg): void {
    void inputShape;
  }

  /** The computation on real tensors. */
  abstract call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[];

  /** The output shape(s) for inputs of `inputShape` (default: the same shape). */
  computeOutputShape(inputShape: ShapeArg, args: CallArgs = {}): ShapeArg {
    void args;
    return inputShape;
  }

  /** The options that recreate this layer (weights aside). */
  getConfig(): Record<string, unknown> {
    const c: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) {
      c.inputShape = this.batchInputShape.slice(1);
      if (this.batchInputShape[0] !== null) c.batchSize = this.batchInputShape[0];
    }
    return c;
  }

  /** Layers inside this one (Bidirectional's two RNNs, a Model's layers). */
  protected sublayers(): Layer[] {
    return [];
  }

  /** The layers directly inside this one (for walking a model's tree). */
  innerLayers(): Layer[] {
    return this.sublayers();
  }

  /** [name, variable] for the weights this layer created itself (not its sublayers'). */
  namedOwnWeights(): [string, KerasVariable][] {
    return this.ownWeights.map((w) => [w.name, w]);
  }

  // ---------------------------------------------------------------------------------- weights

  /**
   * Creates a weight named `name` (its path `layer/name`) of `shape`, filled by `initializer`
   * (default glorot_uniform).
   */
  addWeight(
    name: string,
    shape: readonly number[],
    opts: { initializer?: InitializerLike; trainable?: boolean; dtype?: FloatDType } = {},
  ): KerasVariable {
    const dtype = opts.dtype ?? this.dtype;
    const values = getInitializer(opts.initializer ?? 'glorot_uniform').call(shape, dtype);
    const own = opts.trainable ?? true;
    const v = new KerasVariable(values.astype(dtype), name, `${this.name}/${name}`, own);
    v.requiresGrad = own && this.trainableFlag;
    this.ownWeights.push(v);
    return v;
  }

  /** Whether training updates this layer (setting it also sets every sublayer, as in Keras). */
  get trainable(): boolean {
    return this.trainableFlag;
  }
  set trainable(value: boolean) {
    this.trainableFlag = value;
    for (const w of this.ownWeights) w.requiresGrad = value && w.ownTrainable;
    for (const l of this.sublayers()) l.trainable = value;
  }

  /** All weights: own trainable, own non-trainable, then the sublayers' (each once). */
  get weights(): KerasVariable[] {
    const out: KerasVariable[] = [];
    const seen = new Set<KerasVariable>();
    const push = (w: KerasVariable): void => {
      if (!seen.has(w)) {
        seen.add(w);
        out.push(w);
      }
    };
    for (const w of this.ownWeights) if (w.ownTrainable) push(w);
    for (const w of this.ownWeights) if (!w.ownTrainable) push(w);
    for (const l of this.sublayers()) for (const w of l.weights) push(w);
    return out;
  }

  /** The weights the optimiser updates. */
  get trainableWeights(): KerasVariable[] {
    return this.weights.filter((w) => w.trainable);
  }

  /** The weights it does not (moving statistics, frozen layers). */
  get nonTrainableWeights(): KerasVariable[] {
    return this.weights.filter((w) => !w.trainable);
  }

  /** Copies of the weight values, in `weights` order. */
  getWeights(): NDArray[] {
    return this.weights.map((w) => w.data.copy());
  }

  /** Sets every weight from a list in `weights` order (shapes must match). */
  setWeights(values: readonly (NDArray | ArrayLike)[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new ValueError(
        `You called \`setWeights(weights)\` on layer "${this.name}" with a weight list of length ${values.length}, but the layer was expecting ${ws.length} weights.`,
      );
    }
    const arrays = values.map((v) => asarray(v as ArrayLike));
    ws.forEach((w, i) => {
      const a = arrays[i];
      if (a.ndim !== w.ndim || a.shape.some((d, k) => d !== w.shape[k])) {
        throw new ValueError(
          `Layer ${this.name} weight shape ${pyShape(w.shape)} is not compatible with provided weight shape ${pyShape(a.shape)}.`,
        );
      }
    });
    ws.forEach((w, i) => w.assign(arrays[i]));
  }

  /** Number of scalars in all weights. */
  countParams(): number {
    if (!this.built) {
      throw new ValueError(
        `You tried to call \`countParams\` on layer '${this.name}', but the layer isn't built. You can build it manually via: \`layer.build(inputShape)\`.`,
      );
    }
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  // ----------------------------------------------------------------------------------- calling

  /** Builds once, from the first input shape(s). */
  maybeBuild(shape: ShapeArg): void {
    if (this.built) return;
    this.build(shape);
    this.built = true;
    this.buildShape = shape;
  }

  /** Checks shapes against `inputSpec` with Keras's messages. */
  protected checkInputs(shapes: Shape[]): void {
    if (this.inputSpec === null) return;
    const specs = Array.isArray(this.inputSpec) ? this.inputSpec : [this.inputSpec];
    assertInputCompatibility(this.name, specs, shapes);
  }

  /**
   * Applies the layer: to KerasTensors it returns KerasTensors (and records a Node), to Tensors
   * or arrays it computes. A list applies a multi-input layer (`mha.apply([query, value])`).
   * Layers with several outputs return a list; name it in the type argument:
   * `const [seq, h, c] = lstm.apply<KerasTensor[]>(x)`.
   */
  apply<O extends KerasTensor | KerasTensor[] = KerasTensor>(
    inputs: KerasTensor | KerasTensor[],
    args?: CallArgs,
  ): O;
  apply<O extends Tensor | Tensor[] = Tensor>(inputs: EagerInput | EagerInput[], args?: CallArgs): O;
  apply(inputs: KerasTensor | KerasTensor[] | EagerInput | EagerInput[], args: CallArgs = {}): unknown {
    const single = !Array.isArray(inputs) || (inputs.length > 0 && !isTensorLike(inputs[0]));
    const list = (single ? [inputs] : inputs) as unknown[];
    const symbolic = list.filter((x) => x instanceof KerasTensor).length;
    if (symbolic > 0) {
      if (symbolic !== list.length) {
        throw new ValueError(
          `Layer "${this.name}" was called on a mix of KerasTensors and concrete values; pass all symbolic or all concrete inputs`,
        );
      }
      return this.symbolicCall(list as KerasTensor[], single, args);
    }
    const tensors = list.map((x) => asTensor(x as EagerInput));
    const out = this.eagerCall(tensors, single, args);
    return out;
  }

  /** Runs the layer on tensors: builds, checks shapes, casts float inputs, calls. */
  eagerCall(tensors: Tensor[], single: boolean, args: CallArgs): Tensor | Tensor[] {
    const shapes = tensors.map((t) => [...t.shape] as Shape);
    this.maybeBuild(single ? shapes[0] : shapes);
    this.checkInputs(shapes);
    const cast = tensors.map((t) =>
      (t.dtype === 'float32' || t.dtype === 'float64') && t.dtype !== this.dtype ? t.to(this.dtype) : t,
    );
    return this.call(single ? cast[0] : cast, args);
  }

  /** Records a call on KerasTensors and returns the output KerasTensors. */
  symbolicCall(inputs: KerasTensor[], single: boolean, args: CallArgs): KerasTensor | KerasTensor[] {
    const shapes = inputs.map((t) => t.shape);
    const shapeArg = single ? shapes[0] : shapes;
    this.maybeBuild(shapeArg);
    this.checkInputs(shapes);
    const { training: _training, ...rest } = args;
    const out = this.computeOutputShape(shapeArg, rest);
    const multi = isShapeList(out);
    const outShapes = multi ? out : [out as Shape];
    const outputs = outShapes.map((s, i) => new KerasTensor([...s], this.outputDType(inputs), null, i));
    const node = new Node(this, inputs, outputs, rest, single, !multi);
    for (const o of outputs) o.node = node;
    this.inboundNodes.push(node);
    return multi ? outputs : outputs[0];
  }

  /** dtype of symbolic outputs. */
  protected outputDType(inputs: KerasTensor[]): DType {
    void inputs;
    return this.dtype;
  }

  /** `<Dense name=dense, built=True>` as Keras prints layers. */
  toString(): string {
    return `<${this.className} name=${this.name}, built=${this.built ? 'True' : 'False'}>`;
  }
}

function isTensorLike(x: unknown): boolean {
  return x instanceof KerasTensor || x instanceof Tensor || x instanceof NDArray;
}
