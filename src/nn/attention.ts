/**
 * Multi-head attention (Vaswani et al. 2017) with PyTorch's parameters and masks:
 *
 *   q, k, v  = query W_qᵀ + b_q, key W_kᵀ + b_k, value W_vᵀ + b_v     (W_q|W_k|W_v = in_proj_weight)
 *   head_i   = softmax(q_i k_iᵀ / √d_head + mask) v_i                    d_head = E / numHeads
 *   output   = concat(head_1 … head_h) W_oᵀ + b_o                        (out_proj)
 *
 * Masks: `attnMask` (L, S) or (N·numHeads, L, S), boolean (true = may NOT attend) or float (added);
 * `keyPaddingMask` (N, S), true where a key is padding; `isCausal` builds the upper-triangle mask.
 */
import * as nd from '../nd/index.js';
import { ValueError, formatShape } from '../nd/errors.js';
import { Tensor } from '../autograd/tensor.js';
import { dropout, linear } from '../autograd/functional.js';
import { Module, type Parameter } from './module.js';
import { Linear } from './linear.js';
import { emptyParameter, type LayerOptions } from './options.js';
import { resolveRng, type Generator } from './rng.js';
import * as init from './init.js';

/** A mask given as a boolean or float array (or tensor). */
export type Mask = Tensor | nd.NDArray;

export interface AttentionCallOptions {
  /** (N, S) or (S,): true (or non-zero for float: added) where the key is padding. */
  keyPaddingMask?: Mask | null;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** (L, S) or (N·numHeads, L, S): boolean true = not allowed, or float added to the scores. */
  attnMask?: Mask | null;
  /** Average the returned weights over heads (default true): (N, L, S) instead of (N, h, L, S). */
  averageAttnWeights?: boolean;
  /** Causal mask (query i sees keys ≤ i) when no attnMask is given. */
  isCausal?: boolean;
}

/**
 * PyTorch's `Transformer.generate_square_subsequent_mask`: (size, size) float, 0 on and below the
 * diagonal and −∞ above, so position i attends to positions ≤ i.
 */
export function generateSquareSubsequentMask(
  size: number,
  dtype: 'float32' | 'float64' = 'float32',
): nd.NDArray {
  const m = nd.zeros([size, size], { dtype });
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) m.set([i, j], -Infinity);
  return m;
}

/** A boolean mask becomes 0 / −∞; a float mask is used as given. */
function additive(mask: Mask, dtype: 'float32' | 'float64'): nd.NDArray {
  const m = mask instanceof Tensor ? mask.data : mask;
  if (m.dtype === 'bool') return nd.where(m, -Infinity, 0).astype(dtype);
  return m.astype(dtype);
}

export class MultiheadAttention extends Module<
  [Tensor, Tensor, Tensor, AttentionCallOptions?],
  [Tensor, Tensor | null]
> {
  inProjWeight: Parameter;
  inProjBias: Parameter | null;
  outProj: Linear;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  private readonly rng: Generator | null;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    opts: LayerOptions & { dropout?: number; bias?: boolean; batchFirst?: boolean } = {},
  ) {
    super();
    if (embedDim % numHeads !== 0)
      throw new ValueError(
        `MultiheadAttention: embed_dim ${embedDim} must be divisible by num_heads ${numHeads}`,
      );
    this.headDim = embedDim / numHeads;
    this.dropout = opts.dropout ?? 0;
    this.batchFirst = opts.batchFirst ?? false;
    this.rng = opts.rng ?? null;
    const bias = opts.bias ?? true;
    this.inProjWeight = emptyParameter([3 * embedDim, embedDim], opts.dtype);
    this.inProjBias = bias ? emptyParameter([3 * embedDim], opts.dtype) : null;
    this.outProj = new Linear(embedDim, embedDim, { bias, dtype: opts.dtype, rng: opts.rng });
    // PyTorch: xavier_uniform on the packed projection, zero biases
    init.xavierUniform(this.inProjWeight, { rng: opts.rng });
    if (this.inProjBias) init.zeros(this.inProjBias);
    if (this.outProj.bias) init.zeros(this.outProj.bias);
  }

  /**
   * query (L, N, E), key and value (S, N, E) — (N, L, E), (N, S, E) with batchFirst, or unbatched
   * (L, E), (S, E) → [output like query, weights (N, L, S) or null].
   */
  forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    opts: AttentionCallOptions = {},
  ): [Tensor, Tensor | null] {
    const E = this.embedDim;
    const unbatched = query.ndim === 2;
    for (const [name, t] of [
      ['query', query],
      ['key', key],
      ['value', value],
    ] as const) {
      if (t.ndim !== query.ndim || (t.ndim !== 2 && t.ndim !== 3) || t.shape[t.ndim - 1] !== E) {
        const want = this.batchFirst ? `(N, L, ${E})` : `(L, N, ${E})`;
        throw this.shapeError(`expected ${name} ${want} or (L, ${E}), got shape ${formatShape(t.shape)}`);
      }
    }
    // to (N, L, E) inside
    const toBatch = (t: Tensor): Tensor =>
      unbatched ? t.unsqueeze(0) : this.batchFirst ? t : t.transpose(0, 1);
    const q0 = toBatch(query); // (N, L, E)
    const k0 = toBatch(key); // (N, S, E)
    const v0 = toBatch(value); // (N, S, E)
    const [N, L] = q0.shape;
    const S = k0.shape[1];
    if (v0.shape[1] !== S || k0.shape[0] !== N || v0.shape[0] !== N) {
      throw this.shapeError(
        `key ${formatShape(key.shape)} and value ${formatShape(value.shape)} must match each other and the batch of query ${formatShape(query.shape)}`,
      );
    }
    const h = this.numHeads;
    const d = this.headDim;
    const w = this.inProjWeight;
    const b = this.inProjBias;
    const rows = (i: number): Tensor => w.index(nd.slice(i * E, (i + 1) * E)); // (E, E)
    const bias = (i: number): Tensor | null => (b ? b.index(nd.slice(i * E, (i + 1) * E)) : null); // (E,)
    const heads = (t: Tensor, n: number): Tensor => t.reshape([N, n, h, d]).permute(0, 2, 1, 3); // (N, h, n, d)
    const q = heads(linear(q0, rows(0), bias(0)), L); // (N, h, L, d)
    const k = heads(linear(k0, rows(1), bias(1)), S); // (N, h, S, d)
    const v = heads(linear(v0, rows(2), bias(2)), S); // (N, h, S, d)
    let scores = q.mul(1 / Math.sqrt(d)).matmul(k.transpose(-2, -1)); // (N, h, L, S)
    const dt = scores.dtype as 'float32' | 'float64';
    const mask =
      opts.attnMask ??
      (opts.isCausal
        ? generateSquareSubsequentMask(Math.max(L, S), dt).get(nd.slice(0, L), nd.slice(0, S))
        : null);
    if (mask) {
      let m = additive(mask, dt);
      if (m.ndim === 2 && (m.shape[0] !== L || m.shape[1] !== S))
        throw this.shapeError(`attnMask should have shape (${L},${S}), got ${formatShape(m.shape)}`);
      if (m.ndim === 3) {
        if (m.shape[0] !== N * h || m.shape[1] !== L || m.shape[2] !== S) {
          throw this.shapeError(
            `attnMask should have shape (${N * h},${L},${S}), got ${formatShape(m.shape)}`,
          );
        }
        m = m.reshape([N, h, L, S]);
      } else if (m.ndim !== 2)
        throw this.shapeError(`attnMask must be 2-D or 3-D, got shape ${formatShape(m.shape)}`);
      scores = scores.add(new Tensor(m)); // (N, h, L, S)
    }
    if (opts.keyPaddingMask) {
      let m = additive(opts.keyPaddingMask, dt);
      if (unbatched && m.ndim === 1) m = m.reshape([1, S]);
      if (m.ndim !== 2 || m.shape[0] !== N || m.shape[1] !== S) {
        throw this.shapeError(`keyPaddingMask should have shape (${N},${S}), got ${formatShape(m.shape)}`);
      }
      scores = scores.add(new Tensor(m.reshape([N, 1, 1, S]))); // (N, h, L, S)
    }
    let attn = scores.softmax(-1); // (N, h, L, S)
    if (this.dropout > 0 && this.training)
      attn = dropout(attn, this.dropout, { training: true, rng: resolveRng(this.rng) });
    const ctx = attn.matmul(v).permute(0, 2, 1, 3).reshape([N, L, E]); // (N, L, E)
    let out = this.outProj.call(ctx); // (N, L, E)
    out = unbatched ? out.squeeze(0) : this.batchFirst ? out : out.transpose(0, 1); // like query
    let weights: Tensor | null = null;
    if (opts.needWeights ?? true) {
      weights = (opts.averageAttnWeights ?? true) ? attn.mean({ axis: 1 }) : attn; // (N, L, S) or (N, h, L, S)
      if (unbatched) weights = weights.squeeze(0);
    }
    return [out, weights];
  }

  override extraRepr(): string {
    return '';
  }

  override toString(): string {
    return `MultiheadAttention(\n  (out_proj): ${this.outProj.describe().replace('Linear', 'NonDynamicallyQuantizableLinear')}\n)`;
  }
}
