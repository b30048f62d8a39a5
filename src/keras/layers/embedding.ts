/** Embedding: integer ids (N, …) → vectors (N, …, outputDim) from a table (inputDim, outputDim). */
import { IndexError } from '../../nd/errors.js';
import type { Tensor } from '../../autograd/tensor.js';
import { embedding } from '../../autograd/functional.js';
import { Layer, type LayerArgs, type ShapeArg } from '../layer.js';
import type { Shape } from '../shape.js';
import { get as getInitializer, type Initializer, type InitializerLike } from '../initializers.js';
import type { KerasVariable } from '../variable.js';
import { positiveInt } from './core.js';

export interface EmbeddingArgs extends LayerArgs {
  inputDim?: number;
  outputDim?: number;
  /** Default 'uniform' (U(−0.05, 0.05)). */
  embeddingsInitializer?: InitializerLike;
}

export class Embedding extends Layer {
  static override readonly className: string = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  embeddings: KerasVariable | null = null;

  constructor(
    inputDim: number | EmbeddingArgs,
    outputDim?: number | EmbeddingArgs,
    args: EmbeddingArgs = {},
  ) {
    let o: EmbeddingArgs;
    if (typeof inputDim === 'object')
      o = { ...inputDim, ...(typeof outputDim === 'object' ? outputDim : {}), ...args };
    else if (typeof outputDim === 'object') o = { ...outputDim, ...args, inputDim };
    else o = { ...args, inputDim, outputDim };
    super(o);
    this.inputDim = positiveInt(this.name, 'inputDim', o.inputDim);
    this.outputDim = positiveInt(this.name, 'outputDim', o.outputDim);
    this.embeddingsInitializer = getInitializer(o.embeddingsInitializer ?? 'uniform');
  }

  override build(): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], {
      initializer: this.embeddingsInitializer,
    });
  }

  call(ids: Tensor): Tensor {
    const v = ids.data.toTypedArray();
    for (let k = 0; k < v.length; k++) {
      const i = Number(v[k]);
      if (!(i >= 0 && i < this.inputDim) || !Number.isInteger(i)) {
        throw new IndexError(
          `Embedding "${this.name}": index ${i} is not in [0, ${this.inputDim}) (inputDim=${this.inputDim}); ids must be integers 0 … ${this.inputDim - 1}`,
        );
      }
    }
    return embedding(ids.data, this.embeddings!); // (…ids, outputDim)
  }

  override computeOutputShape(shape: ShapeArg): Shape {
    return [...(shape as Shape), this.outputDim];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: this.embeddingsInitializer,
    };
  }
}
