/**
 * Model: a graph of layers with Keras's training API.
 *
 * ```ts
 * const inputs = keras.Input([784]);
 * const h = keras.layers.Dense(64, { activation: 'relu' }).apply(inputs);
 * const outputs = keras.layers.Dense(10, { activation: 'softmax' }).apply(h);
 * const model = keras.Model({ inputs, outputs });
 * model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
 * const history = await model.fit(x, y, { epochs: 1, batchSize: 32 });
 * ```
 *
 * A functional model replays the Nodes recorded when its layers were applied to KerasTensors, in
 * topological order. Subclassing also works: assign layers to fields and override `call`.
 * Training (compile, fit, evaluate, predict) is in training.ts; saving in saving.ts.
 */
import type { NDArray } from '../nd/ndarray.js';
import { ValueError } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { Layer, KerasTensor, type CallArgs, type LayerArgs, type Node, type ShapeArg } from './layer.js';
import { InputLayer } from './layers/core.js';
import type { Shape } from './shape.js';
import { getWriter } from './backend.js';
import { shapesText, summaryText, type SummaryOptions, type SummarySource } from './summary.js';
import type { Optimizer } from './optimizers.js';
import type { Loss } from './losses.js';
import type { History } from './callbacks.js';
import * as training from './training.js';
import { serializeLayer, toJson } from './config.js';
import type { DataInput, ArrayInput } from './data.js';

export interface ModelArgs extends LayerArgs {
  inputs?: KerasTensor | KerasTensor[];
  outputs?: KerasTensor | KerasTensor[];
}

export type { CompileArgs, FitArgs, EvaluateArgs, PredictArgs, Verbose, BatchSource } from './training.js';

export class Model extends Layer implements SummarySource {
  static override readonly className: string = 'Functional';
  /** The symbolic inputs and outputs (empty for a subclassed model). */
  inputs: KerasTensor[] = [];
  outputs: KerasTensor[] = [];
  /** The calls to replay, in topological order. */
  protected graphNodes: Node[] = [];
  protected graphLayers: Layer[] = [];
  protected singleInput = true;
  protected singleOutput = true;

  // training state (set by compile / fit)
  optimizer: Optimizer | null = null;
  loss: Loss | null = null;
  compiled = false;
  /** Set to true by a callback to stop `fit` after the current batch. */
  stopTraining = false;
  /** The History of the last `fit`. */
  history: History | null = null;
  /** Internal: the compiled metric state (see training.ts). */
  trainState: training.TrainState | null = null;

  /** `Model({ inputs, outputs, name })`, or Python's positional form `Model(inputs, outputs)`. */
  constructor(
    args: ModelArgs | KerasTensor | KerasTensor[] = {},
    outputs?: KerasTensor | KerasTensor[],
    opts: LayerArgs = {},
  ) {
    const o: ModelArgs =
      args instanceof KerasTensor || Array.isArray(args) ? { ...opts, inputs: args, outputs } : args;
    super(o);
    if (o.inputs !== undefined || o.outputs !== undefined) {
      if (o.inputs === undefined || o.outputs === undefined)
        throw new ValueError('A functional model needs both `inputs` and `outputs`');
      this.initGraph(o.inputs, o.outputs);
    }
  }

  /** Whether this model is a graph of layers (not a subclass with its own `call`). */
  get isGraph(): boolean {
    return this.graphNodes.length > 0;
  }

  /** Collects the nodes between `inputs` and `outputs` in the order they must run. */
  protected initGraph(inputs: KerasTensor | KerasTensor[], outputs: KerasTensor | KerasTensor[]): void {
    this.singleInput = !Array.isArray(inputs);
    this.singleOutput = !Array.isArray(outputs);
    const ins = Array.isArray(inputs) ? inputs : [inputs];
    const outs = Array.isArray(outputs) ? outputs : [outputs];
    for (const t of [...ins, ...outs]) {
      if (!(t instanceof KerasTensor))
        throw new ValueError(
          `The inputs and outputs of a functional model must be KerasTensors (from keras.Input and layers applied to it), got ${String(t)}`,
        );
    }
    const order: Node[] = [];
    const seen = new Set<Node>();
    const visit = (node: Node): void => {
      if (seen.has(node)) return;
      seen.add(node);
      for (const t of node.inputs) visit(t.node!);
      order.push(node);
    };
    for (const o of outs) visit(o.node!);
    for (const node of order) {
      if (node.layer instanceof InputLayer && !ins.includes(node.outputs[0])) {
        throw new ValueError(
          `Graph disconnected: cannot find parent for ${node.outputs[0].toString()} (input layer "${node.layer.name}" is not among the model's inputs: ${ins.map((t) => t.node!.layer.name).join(', ')})`,
        );
      }
    }
    this.inputs = ins;
    this.outputs = outs;
    this.graphNodes = order;
    const layers: Layer[] = [];
    for (const node of order) if (!layers.includes(node.layer)) layers.push(node.layer);
    const names = new Set<string>();
    for (const l of layers) {
      if (names.has(l.name))
        throw new ValueError(
          `The name "${l.name}" is used 2 times in the model. All operation names should be unique.`,
        );
      names.add(l.name);
    }
    this.graphLayers = layers;
    this.built = true;
    this.buildShape = this.singleInput ? ins[0].shape : ins.map((t) => t.shape);
  }

  /** The layers: graph order for a functional model (input layers included), fields for a subclass. */
  get layers(): Layer[] {
    if (this.isGraph) return [...this.graphLayers];
    const out: Layer[] = [];
    const add = (v: unknown): void => {
      if (v instanceof Layer && v !== this && !out.includes(v)) out.push(v);
      else if (Array.isArray(v)) v.forEach(add);
    };
    for (const v of Object.values(this)) add(v);
    return out;
  }

  /** The layer named `name` (or at `index`). */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    if (typeof nameOrIndex === 'number') {
      const l = layers[nameOrIndex];
      if (!l)
        throw new ValueError(
          `Was asked to retrieve layer at index ${nameOrIndex} but model only has ${layers.length} layers.`,
        );
      return l;
    }
    const l = layers.find((x) => x.name === nameOrIndex);
    if (!l)
      throw new ValueError(
        `No such layer: ${nameOrIndex}. Existing layers are: ${layers.map((x) => x.name).join(', ')}.`,
      );
    return l;
  }

  protected override sublayers(): Layer[] {
    return this.layers;
  }

  /** Runs the graph (override in a subclassed model). */
  call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor | Tensor[] {
    if (!this.isGraph) {
      throw new ValueError(
        `Model "${this.name}" has no graph: create it with keras.Model({ inputs, outputs }), or subclass Model and override call()`,
      );
    }
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    if (xs.length !== this.inputs.length) {
      throw new ValueError(
        `Model "${this.name}" expects ${this.inputs.length} input(s), but it received ${xs.length} input tensors.`,
      );
    }
    const values = new Map<KerasTensor, Tensor>();
    this.inputs.forEach((t, i) => values.set(t, xs[i]));
    for (const node of this.graphNodes) {
      if (node.layer instanceof InputLayer) continue;
      const ins = node.inputs.map((t) => values.get(t)!);
      const out = node.layer.eagerCall(ins, node.singleInput, { ...node.args, training: args.training });
      const outs = Array.isArray(out) ? out : [out];
      node.outputs.forEach((t, i) => values.set(t, outs[i]));
    }
    const res = this.outputs.map((t) => values.get(t)!);
    return this.singleOutput ? res[0] : res;
  }

  override computeOutputShape(shape: ShapeArg): ShapeArg {
    if (!this.isGraph) return super.computeOutputShape(shape);
    const first = (Array.isArray(shape[0]) ? shape[0] : shape) as Shape;
    const outs = this.outputs.map((t): Shape => [first[0] ?? null, ...t.shape.slice(1)]);
    return this.singleOutput ? outs[0] : outs;
  }

  // ------------------------------------------------------------------------------------ summary

  /** The rows of the summary (Sequential leaves out its InputLayer). */
  summaryLayers(): Layer[] {
    return this.layers;
  }

  /** Keras's test: one node per depth, each with one input, no layer reused. */
  isSequentialLike(): boolean {
    if (!this.isGraph) return true;
    const depth = new Map<Node, number>();
    for (const node of this.graphNodes) {
      const d =
        node.inputs.length === 0 ? 0 : Math.max(...node.inputs.map((t) => depth.get(t.node!) ?? 0)) + 1;
      depth.set(node, d);
    }
    const perDepth = new Map<number, number>();
    for (const d of depth.values()) perDepth.set(d, (perDepth.get(d) ?? 0) + 1);
    if ([...perDepth.values()].some((n) => n > 1)) return false;
    if (this.graphNodes.some((n) => n.inputs.length > 1)) return false;
    return this.graphLayers.length === this.graphNodes.length;
  }

  connections(layer: Layer): string {
    const parts: string[] = [];
    for (const node of layer.inboundNodes) {
      if (!this.graphNodes.includes(node)) continue;
      for (const t of node.inputs) {
        const src = t.node!;
        const nodeIndex = src.layer.inboundNodes.filter((n) => this.graphNodes.includes(n)).indexOf(src);
        parts.push(`${src.layer.name}[${Math.max(nodeIndex, 0)}][${t.index}]`);
      }
    }
    return parts.length > 0 ? parts.join(', ') : '-';
  }

  outputShapeText(layer: Layer): string {
    const nodes = layer.inboundNodes.filter((n) => !this.isGraph || this.graphNodes.includes(n));
    const node = nodes[nodes.length - 1];
    if (node) return shapesText(node.outputs.map((t) => t.shape));
    if (!layer.built || layer.buildShape === null) return '?';
    const out = layer.computeOutputShape(layer.buildShape);
    const list = Array.isArray(out[0]) ? (out as Shape[]) : [out as Shape];
    return shapesText(list.map((s) => [null, ...s.slice(1)]));
  }

  optimizerState(): { count: number; bytes: number } | null {
    return this.optimizer && this.optimizer.built ? this.optimizer.stateSize() : null;
  }

  /**
   * Prints Keras 3's summary table (or passes the text to `printFn`); returns the text.
   */
  summary(opts: SummaryOptions & { printFn?: (text: string) => void } = {}): string {
    const writer = getWriter();
    const columns = opts.columns ?? (writer.isTTY ? writer.columns : undefined);
    const text = summaryText(this, { ...opts, columns });
    if (opts.printFn) opts.printFn(text);
    else writer.write(text);
    return text;
  }

  // ----------------------------------------------------------------------------------- training

  /** Configures the model for training: optimiser, loss and metrics by name or object. */
  compile(args: training.CompileArgs = {}): void {
    training.compile(this, args);
  }

  /**
   * Trains for `epochs` epochs on arrays `x`, `y` — or on a dataset that yields `[x, y]` batches
   * (a `data.DataLoader`) — and resolves to the History.
   */
  fit(x: DataInput, y: ArrayInput, args?: training.FitArgs): Promise<History>;
  fit(dataset: training.BatchSource, args?: training.FitArgs): Promise<History>;
  fit(
    x: DataInput | training.BatchSource,
    y?: ArrayInput | training.FitArgs,
    args: training.FitArgs = {},
  ): Promise<History> {
    if (training.isBatchSource(x))
      return training.fit(this, x, null, (y as training.FitArgs | undefined) ?? {});
    return training.fit(this, x, (y as ArrayInput | undefined) ?? null, args);
  }

  /** [loss, ...metrics] over the data (or `{ loss, accuracy, … }` with returnDict). */
  evaluate(
    x: DataInput,
    y: ArrayInput,
    args: training.EvaluateArgs & { returnDict: true },
  ): Record<string, number>;
  evaluate(x: DataInput, y: ArrayInput, args?: training.EvaluateArgs): number[];
  evaluate(
    dataset: training.BatchSource,
    args: training.EvaluateArgs & { returnDict: true },
  ): Record<string, number>;
  evaluate(dataset: training.BatchSource, args?: training.EvaluateArgs): number[];
  evaluate(
    x: DataInput | training.BatchSource,
    y?: ArrayInput | training.EvaluateArgs,
    args: training.EvaluateArgs = {},
  ): number[] | Record<string, number> {
    if (training.isBatchSource(x))
      return training.evaluate(this, x, null, (y as training.EvaluateArgs | undefined) ?? {});
    return training.evaluate(this, x, (y as ArrayInput | undefined) ?? null, args);
  }

  /** The outputs for `x` (arrays or a dataset of batches), computed batch by batch in inference mode. */
  predict(x: DataInput | training.BatchSource, args: training.PredictArgs = {}): NDArray {
    const out = training.predict(this, x, args);
    if (Array.isArray(out))
      throw new ValueError(`Model "${this.name}" has ${out.length} outputs; use predictMultiple()`);
    return out;
  }

  /** Like predict, for a model with several outputs. */
  predictMultiple(x: DataInput | training.BatchSource, args: training.PredictArgs = {}): NDArray[] {
    const out = training.predict(this, x, args);
    return Array.isArray(out) ? out : [out];
  }

  /** One gradient step on one batch; returns [loss, ...metrics] (or the logs with returnDict). */
  trainOnBatch(
    x: DataInput,
    y: ArrayInput,
    args: { returnDict?: boolean } = {},
  ): number[] | Record<string, number> {
    return training.trainOnBatch(this, x, y, args);
  }

  /** The names of the values `evaluate` returns: ['loss', 'accuracy', …]. */
  get metricsNames(): string[] {
    return training.metricsNames(this);
  }

  // ------------------------------------------------------------------------------------- saving

  /**
   * Saves the architecture (`<path>.json`) and the weights (`<path>.safetensors`) atomically, so
   * that `keras.loadModel(path)` rebuilds the same model. Node only.
   */
  async save(path: string): Promise<void> {
    const saving = await import('./saving.js');
    await saving.saveModel(this, path);
  }

  /** Saves only the weights, as a safetensors file keyed by weight path. Node only. */
  async saveWeights(path: string): Promise<void> {
    const saving = await import('./saving.js');
    await saving.saveWeights(this, path);
  }

  /** Loads weights saved by `saveWeights` (or `save`) into this model. Node only. */
  async loadWeights(path: string): Promise<void> {
    const saving = await import('./saving.js');
    await saving.loadWeights(this, path);
  }

  /**
   * The architecture: for a functional model its layers (as `{ className, config }`) and the
   * calls between them, in the order they run; `keras.models.modelFromConfig` rebuilds it.
   */
  override getConfig(): Record<string, unknown> {
    if (!this.isGraph) {
      throw new ValueError(
        `Model "${this.name}" is a subclassed model: its architecture is code; save its weights with saveWeights and rebuild it in code`,
      );
    }
    const ref = (t: KerasTensor): [string, number, number] => {
      const node = t.node!;
      return [node.layer.name, this.nodeIndex(node), t.index];
    };
    return {
      name: this.name,
      trainable: this.trainable,
      layers: this.graphLayers.map((l) => serializeLayer(l)),
      nodes: this.graphNodes
        .filter((n) => !(n.layer instanceof InputLayer))
        .map((n) => ({
          layer: n.layer.name,
          inputs: n.inputs.map(ref),
          args: toJson(n.args, `${n.layer.name} call`),
          singleInput: n.singleInput,
        })),
      inputs: this.inputs.map(ref),
      outputs: this.outputs.map(ref),
      singleInput: this.singleInput,
      singleOutput: this.singleOutput,
    };
  }

  /** Position of `node` among this model's calls of the same layer. */
  private nodeIndex(node: Node): number {
    return this.graphNodes.filter((n) => n.layer === node.layer).indexOf(node);
  }
}
