/** Embedding: a lookup table of learnable vectors indexed by integer ids. */
import * as nd from '../nd/index.js';
import { IndexError, ValueError } from '../nd/errors.js';
import { Tensor } from '../autograd/tensor.js';
import { record } from '../autograd/ops/util.js';
import { index, indexScatter } from '../autograd/ops/movement.js';
import { Module, type Parameter } from './module.js';
import { emptyParameter, type LayerOptions } from './options.js';
import * as init from './init.js';

/**
 * ids of any shape (…) → vectors (…, embedding_dim). Weight (num_embeddings, embedding_dim) starts
 * N(0, 1) as PyTorch's; the row `paddingIdx` starts at zero and never receives a gradient.
 */
export class Embedding extends Module<[Tensor | nd.NDArray], Tensor> {
  weight: Parameter;
  readonly paddingIdx: number | null;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: LayerOptions & { paddingIdx?: number | null } = {},
  ) {
    super();
    let pad = opts.paddingIdx ?? null;
    if (pad !== null) {
      if (pad >= numEmbeddings || pad < -numEmbeddings)
        throw new ValueError(`Embedding: paddingIdx ${pad} must be within num_embeddings ${numEmbeddings}`);
      if (pad < 0) pad += numEmbeddings;
    }
    this.paddingIdx = pad;
    this.weight = emptyParameter([numEmbeddings, embeddingDim], opts.dtype);
    init.normal(this.weight, 0, 1, { rng: opts.rng });
    if (pad !== null) this.weight.data.set([pad], 0);
  }

  forward(ids: Tensor | nd.NDArray): Tensor {
    const i = (ids instanceof Tensor ? ids.data : ids).astype('int64');
    const flat = i.toTypedArray();
    for (let k = 0; k < flat.length; k++) {
      const v = Number(flat[k]);
      if (v < 0 || v >= this.numEmbeddings) {
        throw new IndexError(
          `${this.describe()}: index ${v} is out of range for ${this.numEmbeddings} embeddings (valid ids are 0 … ${this.numEmbeddings - 1})`,
        );
      }
    }
    if (this.paddingIdx === null) return index(this.weight, [i]); // (…, embedding_dim)
    const keep = new Tensor(i.ne(this.paddingIdx).astype(this.weight.dtype).expandDims(-1));
    const w = this.weight;
    // rows picked by id; the gradient of the padding row is dropped
    return record('embedding', w.data.get(i), [w], (g) => [indexScatter(g.mul(keep), w.shape, [i])]);
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === null ? '' : `, padding_idx=${this.paddingIdx}`}`;
  }
}
