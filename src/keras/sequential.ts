/**
 * Sequential: a plain stack of layers, each feeding the next.
 *
 * ```ts
 * const model = keras.Sequential([
 *   keras.Input([2]),
 *   keras.layers.Dense(1, { activation: 'sigmoid' }),
 * ]);
 * ```
 *
 * With a known input shape (an `Input` first, or `inputShape` on the first layer) the model is
 * built at once: the layers are applied to the symbolic input, their weights created, and the
 * stack becomes a functional graph (so `summary()` shows shapes and parameter counts). Without
 * one it is built from the first batch it sees.
 */
import { ValueError } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { Layer, KerasTensor, type CallArgs, type LayerArgs, type ShapeArg } from './layer.js';
import { InputLayer } from './layers/core.js';
import type { Shape } from './shape.js';
import { Model } from './model.js';
import { serializeLayer } from './config.js';

export interface SequentialArgs extends LayerArgs {
  layers?: (Layer | KerasTensor)[];
}

export class Sequential extends Model {
  static override readonly className: string = 'Sequential';
  /** Every layer, an InputLayer first when the input shape is known. */
  private stack: Layer[] = [];

  constructor(layers: (Layer | KerasTensor)[] | SequentialArgs = [], args: LayerArgs = {}) {
    const opts: SequentialArgs = Array.isArray(layers) ? { ...args, layers } : { ...layers, ...args };
    super({ name: opts.name, trainable: opts.trainable, dtype: opts.dtype });
    for (const l of opts.layers ?? []) this.add(l, false);
    this.rebuild();
  }

  /** Appends a layer (a KerasTensor from `keras.Input` adds its InputLayer). */
  add(layer: Layer | KerasTensor, rebuild = true): void {
    const l = layer instanceof KerasTensor ? layer.node!.layer : layer;
    if (!(l instanceof Layer)) {
      throw new ValueError(
        `Only instances of \`keras.Layer\` can be added to a Sequential model. Received: ${String(layer)}`,
      );
    }
    if (l instanceof InputLayer && this.stack.length > 0) {
      throw new ValueError(
        `Sequential model '${this.name}' has already been configured to use an input; an InputLayer can only be the first layer.`,
      );
    }
    if (this.stack.some((x) => x.name === l.name)) {
      throw new ValueError(
        `All layers added to a Sequential model should have unique names. Name '${l.name}' is already the name of a layer in this model. Update the \`name\` argument to pass a unique name.`,
      );
    }
    if (this.stack.length === 0 && !(l instanceof InputLayer) && l.batchInputShape) {
      this.stack.push(new InputLayer({ batchShape: l.batchInputShape, dtype: l.dtype }));
    }
    this.stack.push(l);
    if (!rebuild) return;
    try {
      this.rebuild();
    } catch (e) {
      this.stack.pop();
      this.rebuild();
      throw e;
    }
  }

  /** Removes the last layer. */
  pop(): Layer {
    const top = this.stack[this.stack.length - 1];
    if (!top || top instanceof InputLayer) throw new ValueError('There are no layers in the model.');
    this.stack.pop();
    this.rebuild();
    return top;
  }

  /** Rebuilds the graph when the input shape is known. */
  private rebuild(): void {
    this.graphNodes = [];
    this.graphLayers = [];
    this.built = false;
    const first = this.stack[0];
    if (!(first instanceof InputLayer)) return;
    let x: KerasTensor = first.output;
    for (const l of this.stack.slice(1)) {
      const y = l.apply<KerasTensor | KerasTensor[]>(x);
      if (Array.isArray(y)) {
        throw new ValueError(
          `All layers in a Sequential model should have a single output tensor. For multi-output layers, use the functional API. (layer "${l.name}")`,
        );
      }
      x = y;
    }
    this.initGraph(first.output, x);
  }

  /** The layers (without the InputLayer, as Keras). */
  override get layers(): Layer[] {
    return this.stack.filter((l) => !(l instanceof InputLayer));
  }

  override summaryLayers(): Layer[] {
    return this.layers;
  }

  override isSequentialLike(): boolean {
    return true;
  }

  /** Builds from the first input shape (the batch size left unknown). */
  override build(shape: ShapeArg): void {
    if (this.isGraph) return;
    if (this.stack.length === 0)
      throw new ValueError(`Sequential model "${this.name}" has no layers; add some before calling it.`);
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as Shape;
    this.stack.unshift(new InputLayer({ batchShape: [null, ...s.slice(1)], dtype: this.dtype }));
    try {
      this.rebuild();
    } catch (e) {
      this.stack.shift();
      throw e;
    }
  }

  override call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor | Tensor[] {
    if (!this.isGraph) this.maybeBuild((Array.isArray(inputs) ? inputs[0] : inputs).shape as Shape);
    return super.call(inputs, args);
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: this.trainable, layers: this.stack.map((l) => serializeLayer(l)) };
  }
}
