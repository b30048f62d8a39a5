/**
 * The Transformer of "Attention Is All You Need" with PyTorch's module layout and names:
 * TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, TransformerDecoder and
 * Transformer. Post-norm by default (x = norm(x + sublayer(x))); `normFirst` gives the pre-norm
 * variant (x = x + sublayer(norm(x))) that trains more stably without warm-up.
 */
import { ValueError, formatShape } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { gelu } from '../autograd/functional.js';
import { Module, cloneModule } from './module.js';
import { ModuleList } from './containers.js';
import { Linear } from './linear.js';
import { Dropout } from './dropout.js';
import { LayerNorm } from './normalization.js';
import { MultiheadAttention, generateSquareSubsequentMask, type Mask } from './attention.js';
import type { NDArray } from '../nd/ndarray.js';
import type { FloatDType, LayerOptions } from './options.js';
import * as init from './init.js';

export type Activation = 'relu' | 'gelu' | ((x: Tensor) => Tensor);

export interface TransformerLayerOptions extends LayerOptions {
  /** Width of the feed-forward block (default 2048). */
  dimFeedforward?: number;
  /** Dropout after attention, inside and after the feed-forward block (default 0.1). */
  dropout?: number;
  activation?: Activation;
  layerNormEps?: number;
  /** (N, L, E) instead of (L, N, E) (default false). */
  batchFirst?: boolean;
  /** Pre-norm: normalise before each sublayer (default false). */
  normFirst?: boolean;
  /** Biases in the linear layers and layer norms (default true). */
  bias?: boolean;
}

function activationFn(a: Activation | undefined): (x: Tensor) => Tensor {
  if (a === undefined || a === 'relu') return (x) => x.relu();
  if (a === 'gelu') return (x) => gelu(x);
  if (typeof a === 'function') return a;
  throw new ValueError(`Transformer: activation should be 'relu' or 'gelu' or a function, not ${String(a)}`);
}

/** Shared settings of a layer (everything but the sub-modules). */
function settings(opts: TransformerLayerOptions) {
  const dtype: FloatDType | undefined = opts.dtype;
  return {
    dff: opts.dimFeedforward ?? 2048,
    p: opts.dropout ?? 0.1,
    eps: opts.layerNormEps ?? 1e-5,
    batchFirst: opts.batchFirst ?? false,
    normFirst: opts.normFirst ?? false,
    bias: opts.bias ?? true,
    dtype,
  };
}

export interface EncoderCallOptions {
  /** (L, L) or (N·heads, L, L) attention mask (see MultiheadAttention). */
  srcMask?: Mask | null;
  /** (N, L): true where the source token is padding. */
  srcKeyPaddingMask?: Mask | null;
  /** Causal self-attention when no srcMask is given. */
  isCausal?: boolean;
}

/** Self-attention and a feed-forward block, each with a residual connection and LayerNorm. */
export class TransformerEncoderLayer extends Module<[Tensor, EncoderCallOptions?], Tensor> {
  selfAttn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  readonly normFirst: boolean;
  private readonly activation: (x: Tensor) => Tensor;

  constructor(
    readonly dModel: number,
    readonly nhead: number,
    opts: TransformerLayerOptions = {},
  ) {
    super();
    const s = settings(opts);
    const rng = { rng: opts.rng };
    this.selfAttn = new MultiheadAttention(dModel, nhead, {
      dropout: s.p,
      bias: s.bias,
      batchFirst: s.batchFirst,
      dtype: s.dtype,
      ...rng,
    });
    this.linear1 = new Linear(dModel, s.dff, { bias: s.bias, dtype: s.dtype, ...rng });
    this.dropout = new Dropout(s.p, rng);
    this.linear2 = new Linear(s.dff, dModel, { bias: s.bias, dtype: s.dtype, ...rng });
    this.normFirst = s.normFirst;
    this.norm1 = new LayerNorm(dModel, { eps: s.eps, bias: s.bias, dtype: s.dtype });
    this.norm2 = new LayerNorm(dModel, { eps: s.eps, bias: s.bias, dtype: s.dtype });
    this.dropout1 = new Dropout(s.p, rng);
    this.dropout2 = new Dropout(s.p, rng);
    this.activation = activationFn(opts.activation);
  }

  /** src (L, N, E) or (N, L, E) with batchFirst → the same shape. */
  forward(src: Tensor, opts: EncoderCallOptions = {}): Tensor {
    const sa = (x: Tensor): Tensor => {
      const [y] = this.selfAttn.call(x, x, x, {
        attnMask: opts.srcMask,
        keyPaddingMask: opts.srcKeyPaddingMask,
        isCausal: opts.isCausal,
        needWeights: false,
      });
      return this.dropout1.call(y); // (L, N, E)
    };
    const ff = (x: Tensor): Tensor =>
      this.dropout2.call(this.linear2.call(this.dropout.call(this.activation(this.linear1.call(x))))); // (L, N, E)
    let x = src; // (L, N, E)
    if (this.normFirst) {
      x = x.add(sa(this.norm1.call(x)));
      x = x.add(ff(this.norm2.call(x)));
    } else {
      x = this.norm1.call(x.add(sa(x)));
      x = this.norm2.call(x.add(ff(x)));
    }
    return x;
  }

  override extraRepr(): string {
    return '';
  }
}

export interface DecoderCallOptions {
  tgtMask?: Mask | null;
  memoryMask?: Mask | null;
  tgtKeyPaddingMask?: Mask | null;
  memoryKeyPaddingMask?: Mask | null;
  /** Causal self-attention over the target when no tgtMask is given. */
  tgtIsCausal?: boolean;
}

/** Masked self-attention, attention over the encoder's memory, and a feed-forward block. */
export class TransformerDecoderLayer extends Module<[Tensor, Tensor, DecoderCallOptions?], Tensor> {
  selfAttn: MultiheadAttention;
  multiheadAttn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm1: LayerNorm;
  norm2: LayerNorm;
  norm3: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  dropout3: Dropout;
  readonly normFirst: boolean;
  private readonly activation: (x: Tensor) => Tensor;

  constructor(
    readonly dModel: number,
    readonly nhead: number,
    opts: TransformerLayerOptions = {},
  ) {
    super();
    const s = settings(opts);
    const rng = { rng: opts.rng };
    const mha = { dropout: s.p, bias: s.bias, batchFirst: s.batchFirst, dtype: s.dtype, ...rng };
    this.selfAttn = new MultiheadAttention(dModel, nhead, mha);
    this.multiheadAttn = new MultiheadAttention(dModel, nhead, mha);
    this.linear1 = new Linear(dModel, s.dff, { bias: s.bias, dtype: s.dtype, ...rng });
    this.dropout = new Dropout(s.p, rng);
    this.linear2 = new Linear(s.dff, dModel, { bias: s.bias, dtype: s.dtype, ...rng });
    this.normFirst = s.normFirst;
    this.norm1 = new LayerNorm(dModel, { eps: s.eps, bias: s.bias, dtype: s.dtype });
    this.norm2 = new LayerNorm(dModel, { eps: s.eps, bias: s.bias, dtype: s.dtype });
    this.norm3 = new LayerNorm(dModel, { eps: s.eps, bias: s.bias, dtype: s.dtype });
    this.dropout1 = new Dropout(s.p, rng);
    this.dropout2 = new Dropout(s.p, rng);
    this.dropout3 = new Dropout(s.p, rng);
    this.activation = activationFn(opts.activation);
  }

  /** tgt (T, N, E) and memory (S, N, E) (batch first with batchFirst) → (T, N, E). */
  forward(tgt: Tensor, memory: Tensor, opts: DecoderCallOptions = {}): Tensor {
    const sa = (x: Tensor): Tensor => {
      const [y] = this.selfAttn.call(x, x, x, {
        attnMask: opts.tgtMask,
        keyPaddingMask: opts.tgtKeyPaddingMask,
        isCausal: opts.tgtIsCausal,
        needWeights: false,
      });
      return this.dropout1.call(y); // (T, N, E)
    };
    const mha = (x: Tensor): Tensor => {
      const [y] = this.multiheadAttn.call(x, memory, memory, {
        attnMask: opts.memoryMask,
        keyPaddingMask: opts.memoryKeyPaddingMask,
        needWeights: false,
      });
      return this.dropout2.call(y); // (T, N, E)
    };
    const ff = (x: Tensor): Tensor =>
      this.dropout3.call(this.linear2.call(this.dropout.call(this.activation(this.linear1.call(x))))); // (T, N, E)
    let x = tgt; // (T, N, E)
    if (this.normFirst) {
      x = x.add(sa(this.norm1.call(x)));
      x = x.add(mha(this.norm2.call(x)));
      x = x.add(ff(this.norm3.call(x)));
    } else {
      x = this.norm1.call(x.add(sa(x)));
      x = this.norm2.call(x.add(mha(x)));
      x = this.norm3.call(x.add(ff(x)));
    }
    return x;
  }

  override extraRepr(): string {
    return '';
  }
}

/** A stack of `numLayers` copies of an encoder layer, then an optional final norm. */
export class TransformerEncoder extends Module<[Tensor, EncoderCallOptions?], Tensor> {
  layers: ModuleList<TransformerEncoderLayer>;
  norm: LayerNorm | null;

  constructor(
    encoderLayer: TransformerEncoderLayer,
    readonly numLayers: number,
    norm: LayerNorm | null = null,
  ) {
    super();
    this.layers = new ModuleList(Array.from({ length: numLayers }, () => cloneModule(encoderLayer)));
    this.norm = norm;
  }

  forward(src: Tensor, opts: EncoderCallOptions = {}): Tensor {
    let x = src; // (L, N, E)
    for (const layer of this.layers) x = layer.call(x, opts);
    return this.norm ? this.norm.call(x) : x;
  }
}

/** A stack of `numLayers` copies of a decoder layer, then an optional final norm. */
export class TransformerDecoder extends Module<[Tensor, Tensor, DecoderCallOptions?], Tensor> {
  layers: ModuleList<TransformerDecoderLayer>;
  norm: LayerNorm | null;

  constructor(
    decoderLayer: TransformerDecoderLayer,
    readonly numLayers: number,
    norm: LayerNorm | null = null,
  ) {
    super();
    this.layers = new ModuleList(Array.from({ length: numLayers }, () => cloneModule(decoderLayer)));
    this.norm = norm;
  }

  forward(tgt: Tensor, memory: Tensor, opts: DecoderCallOptions = {}): Tensor {
    let x = tgt; // (T, N, E)
    for (const layer of this.layers) x = layer.call(x, memory, opts);
    return this.norm ? this.norm.call(x) : x;
  }
}

export interface TransformerOptions extends TransformerLayerOptions {
  numEncoderLayers?: number;
  numDecoderLayers?: number;
}

export interface TransformerCallOptions {
  srcMask?: Mask | null;
  tgtMask?: Mask | null;
  memoryMask?: Mask | null;
  srcKeyPaddingMask?: Mask | null;
  tgtKeyPaddingMask?: Mask | null;
  memoryKeyPaddingMask?: Mask | null;
}

/**
 * The full encoder–decoder (defaults of the paper: dModel 512, 8 heads, 6 + 6 layers, feed-forward
 * 2048). All matrices are re-drawn with xavier_uniform, as PyTorch's Transformer does.
 */
export class Transformer extends Module<[Tensor, Tensor, TransformerCallOptions?], Tensor> {
  encoder: TransformerEncoder;
  decoder: TransformerDecoder;
  readonly batchFirst: boolean;

  constructor(
    readonly dModel = 512,
    readonly nhead = 8,
    opts: TransformerOptions = {},
  ) {
    super();
    const s = settings(opts);
    this.batchFirst = s.batchFirst;
    const enc = new TransformerEncoderLayer(dModel, nhead, opts);
    const dec = new TransformerDecoderLayer(dModel, nhead, opts);
    const norm = (): LayerNorm => new LayerNorm(dModel, { eps: s.eps, bias: s.bias, dtype: s.dtype });
    this.encoder = new TransformerEncoder(enc, opts.numEncoderLayers ?? 6, norm());
    this.decoder = new TransformerDecoder(dec, opts.numDecoderLayers ?? 6, norm());
    for (const p of this.parameters()) if (p.ndim > 1) init.xavierUniform(p, { rng: opts.rng });
  }

  /** src (S, N, E), tgt (T, N, E) (batch first with batchFirst) → (T, N, E). */
  forward(src: Tensor, tgt: Tensor, opts: TransformerCallOptions = {}): Tensor {
    const b = this.batchFirst ? 0 : 1;
    if (src.ndim === 3 && tgt.ndim === 3 && src.shape[b] !== tgt.shape[b]) {
      throw this.shapeError(
        `the batch number of src ${formatShape(src.shape)} and tgt ${formatShape(tgt.shape)} must be equal`,
      );
    }
    if (src.shape[src.ndim - 1] !== this.dModel || tgt.shape[tgt.ndim - 1] !== this.dModel) {
      throw this.shapeError(
        `the feature number of src ${formatShape(src.shape)} and tgt ${formatShape(tgt.shape)} must be equal to d_model ${this.dModel}`,
      );
    }
    const memory = this.encoder.call(src, {
      srcMask: opts.srcMask,
      srcKeyPaddingMask: opts.srcKeyPaddingMask,
    }); // (S, N, E)
    return this.decoder.call(tgt, memory, {
      tgtMask: opts.tgtMask,
      memoryMask: opts.memoryMask,
      tgtKeyPaddingMask: opts.tgtKeyPaddingMask,
      memoryKeyPaddingMask: opts.memoryKeyPaddingMask,
    }); // (T, N, E)
  }

  /** (size, size) causal mask: −∞ above the diagonal. */
  static generateSquareSubsequentMask(size: number): NDArray {
    return generateSquareSubsequentMask(size);
  }
}
