/**
 * Day 7's tiny encoder-decoder Transformer, written out on `nd`: every layer's forward and its
 * hand-written backward side by side (llm.c style), one comment per backward term.
 *
 * Rows are positions: a sequence of T tokens is a (T, D) matrix, D = d_model = 6. One encoder
 * layer and one decoder layer (post-norm, as in "Attention Is All You Need"):
 *
 *   encoder:  X = E[src] + PE
 *             Z1 = LayerNorm(X + MultiHead(X, X))
 *             Z  = LayerNorm(Z1 + FFN(Z1))
 *   decoder:  Y = E[tgt_in] + PE
 *             Y1 = LayerNorm(Y + MaskedMultiHead(Y, Y))
 *             Y2 = LayerNorm(Y1 + MultiHead(Y1, Z))       Q from the decoder, K and V from the encoder
 *             Y3 = LayerNorm(Y2 + FFN(Y2))
 *   output:   logits = Y3 · W_out + b_out                  (T, vocab): each position on its own
 *
 * Every intermediate is kept in the caches (named), so the lesson prints and draws them from one
 * forward pass — no second copy of the model.
 */
import * as nd from '../../src/nd/index.js';

type NDArray = nd.NDArray;

/** Sizes of the model. */
export interface TransformerConfig {
  vocabSize: number;
  /** Width of every token vector (d_model). */
  dModel: number;
  /** Width of one head's queries, keys and values (d_k = d_v). */
  dK: number;
  heads: number;
  /** Hidden width of the feed-forward network. */
  dFF: number;
}

// ------------------------------------------------------------------------------------------------
// Parameters

/** Multi-head attention: per head W_q, W_k, W_v (D, d_k); W_o (heads·d_k, D). No biases. */
export interface AttentionParams {
  Wq: NDArray[];
  Wk: NDArray[];
  Wv: NDArray[];
  Wo: NDArray;
}
/** Layer norm's scale γ and shift β, (D,) each. */
export interface LayerNormParams {
  gamma: NDArray;
  beta: NDArray;
}
/** Feed-forward: W1 (D, dFF), b1 (dFF,), W2 (dFF, D), b2 (D,). */
export interface FFNParams {
  W1: NDArray;
  b1: NDArray;
  W2: NDArray;
  b2: NDArray;
}
export interface EncoderParams {
  selfAttn: AttentionParams;
  norm1: LayerNormParams;
  ffn: FFNParams;
  norm2: LayerNormParams;
}
export interface DecoderParams {
  selfAttn: AttentionParams;
  norm1: LayerNormParams;
  crossAttn: AttentionParams;
  norm2: LayerNormParams;
  ffn: FFNParams;
  norm3: LayerNormParams;
}
export interface TransformerParams {
  /** One embedding table for encoder and decoder tokens, (vocab, D). */
  embedding: NDArray;
  encoder: EncoderParams;
  decoder: DecoderParams;
  /** The projection to the vocabulary, (D, vocab) and (vocab,). */
  Wout: NDArray;
  bout: NDArray;
}

/**
 * Random parameters from a seeded generator: embeddings U[0, 1) (the article's "random values"),
 * weight matrices U(−1/√fan_in, 1/√fan_in) (PyTorch's Linear), biases 0, γ = 1, β = 0.
 */
export function initTransformer(rng: nd.random.Generator, c: TransformerConfig): TransformerParams {
  const weight = (fanIn: number, fanOut: number) => {
    const bound = 1 / Math.sqrt(fanIn);
    return rng.uniform(-bound, bound, [fanIn, fanOut]);
  };
  const attention = (): AttentionParams => {
    const Wq: NDArray[] = [];
    const Wk: NDArray[] = [];
    const Wv: NDArray[] = [];
    for (let h = 0; h < c.heads; h++) {
      Wq.push(weight(c.dModel, c.dK)); // (D, d_k)
      Wk.push(weight(c.dModel, c.dK)); // (D, d_k)
      Wv.push(weight(c.dModel, c.dK)); // (D, d_k)
    }
    return { Wq, Wk, Wv, Wo: weight(c.heads * c.dK, c.dModel) }; // Wo (heads·d_k, D)
  };
  const norm = (): LayerNormParams => ({ gamma: nd.ones([c.dModel]), beta: nd.zeros([c.dModel]) });
  const ffn = (): FFNParams => ({
    W1: weight(c.dModel, c.dFF), // (D, dFF)
    b1: nd.zeros([c.dFF]),
    W2: weight(c.dFF, c.dModel), // (dFF, D)
    b2: nd.zeros([c.dModel]),
  });
  const embedding = rng.random([c.vocabSize, c.dModel]); // (vocab, D)
  const encoder = { selfAttn: attention(), norm1: norm(), ffn: ffn(), norm2: norm() };
  const decoder = {
    selfAttn: attention(),
    norm1: norm(),
    crossAttn: attention(),
    norm2: norm(),
    ffn: ffn(),
    norm3: norm(),
  };
  return { embedding, encoder, decoder, Wout: weight(c.dModel, c.vocabSize), bout: nd.zeros([c.vocabSize]) };
}

/** Every array of a parameter (or gradient) tree with its dotted name, in a fixed order. */
export function namedArrays(tree: unknown, prefix = ''): [string, NDArray][] {
  if (tree instanceof nd.NDArray) return [[prefix, tree]];
  const out: [string, NDArray][] = [];
  if (Array.isArray(tree)) {
    tree.forEach((v, i) => out.push(...namedArrays(v, `${prefix}[${i}]`)));
  } else if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) out.push(...namedArrays(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

/** A tree of the same structure with zeros (gradients, Adam moments). */
export function zerosTree<T>(tree: T): T {
  if (tree instanceof nd.NDArray) return nd.zerosLike(tree) as T;
  if (Array.isArray(tree)) return tree.map((v: unknown) => zerosTree(v)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree as object)) out[k] = zerosTree(v);
  return out as T;
}

// ------------------------------------------------------------------------------------------------
// Positional encoding and the causal mask

/**
 * Sinusoidal positional encoding, (T, D): PE[pos, 2i] = sin(pos / 10000^(2i/D)),
 * PE[pos, 2i+1] = cos(pos / 10000^(2i/D)), positions counted from 0.
 */
export function positionalEncoding(T: number, D: number): NDArray {
  const pe = nd.zeros([T, D]);
  for (let pos = 0; pos < T; pos++) {
    for (let i = 0; 2 * i < D; i++) {
      const angle = pos / Math.pow(10000, (2 * i) / D);
      pe.set([pos, 2 * i], Math.sin(angle));
      if (2 * i + 1 < D) pe.set([pos, 2 * i + 1], Math.cos(angle));
    }
  }
  return pe;
}

/** (T, T): 0 on and below the diagonal, −∞ above it — position t may not look at t+1, t+2, … */
export function causalMask(T: number): NDArray {
  const mask = nd.zeros([T, T]);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) mask.set([i, j], -Infinity);
  return mask;
}

// ------------------------------------------------------------------------------------------------
// Row-wise softmax

/** softmax over each row of S (T, T'); rows minus their max, so −∞ entries become exactly 0. */
export function softmaxRows(S: NDArray): NDArray {
  const e = nd.exp(S.sub(S.max({ axis: -1, keepdims: true }))); // (T, T')
  return e.div(e.sum({ axis: -1, keepdims: true })); // (T, T')
}

/** Backward of A = softmax(S) row by row: dS = A ⊙ (dA − Σ_j dA ⊙ A). */
export function softmaxRowsBackward(dA: NDArray, A: NDArray): NDArray {
  const dot = dA.mul(A).sum({ axis: -1, keepdims: true }); // Σ_j dA_ij A_ij               (T, 1)
  return A.mul(dA.sub(dot)); // ∂L/∂S_ij = A_ij (∂L/∂A_ij − Σ_k ∂L/∂A_ik A_ik)            (T, T')
}

// ------------------------------------------------------------------------------------------------
// Multi-head attention

/** One head's intermediates. */
export interface HeadCache {
  Q: NDArray; // (Tq, d_k)
  K: NDArray; // (Tk, d_k)
  V: NDArray; // (Tk, d_k)
  /** Q Kᵀ / √d_k (+ mask), before the softmax. */
  S: NDArray; // (Tq, Tk)
  /** The attention weights: softmax of S, each row sums to 1. */
  A: NDArray; // (Tq, Tk)
  /** A V. */
  H: NDArray; // (Tq, d_k)
}
export interface AttentionCache {
  xq: NDArray; // (Tq, D)
  xkv: NDArray; // (Tk, D)
  heads: HeadCache[];
  /** The heads side by side. */
  concat: NDArray; // (Tq, heads·d_k)
}

/**
 * Multi-head attention. Queries come from `xq`, keys and values from `xkv` (the same matrix for
 * self-attention; the encoder's output for cross-attention). Each head h:
 *   Q = xq W_q,  K = xkv W_k,  V = xkv W_v,  A = softmax(Q Kᵀ / √d_k + mask),  H = A V
 * then out = [H_1 … H_heads] W_o.
 */
export function attentionForward(
  p: AttentionParams,
  xq: NDArray,
  xkv: NDArray,
  mask?: NDArray,
): { out: NDArray; cache: AttentionCache } {
  const heads: HeadCache[] = [];
  for (let h = 0; h < p.Wq.length; h++) {
    const Q = nd.matmul(xq, p.Wq[h]); // (Tq, d_k)
    const K = nd.matmul(xkv, p.Wk[h]); // (Tk, d_k)
    const V = nd.matmul(xkv, p.Wv[h]); // (Tk, d_k)
    let S = nd.matmul(Q, K.T).div(Math.sqrt(Q.shape[1])); // (Tq, Tk)  scaled by √d_k, not √d_model
    if (mask) S = S.add(mask); // −∞ where a query may not look
    const A = softmaxRows(S); // (Tq, Tk)
    const H = nd.matmul(A, V); // (Tq, d_k)
    heads.push({ Q, K, V, S, A, H });
  }
  const concat = nd.concatenate(
    heads.map((c) => c.H),
    { axis: 1 },
  ); // (Tq, heads·d_k)
  const out = nd.matmul(concat, p.Wo); // (Tq, D)
  return { out, cache: { xq, xkv, heads, concat } };
}

export function attentionBackward(
  dout: NDArray,
  p: AttentionParams,
  cache: AttentionCache,
): { dxq: NDArray; dxkv: NDArray; grads: AttentionParams } {
  const { xq, xkv, heads, concat } = cache;
  const dWo = nd.matmul(concat.T, dout); // ∂L/∂W_o = concatᵀ · dout                          (heads·d_k, D)
  const dconcat = nd.matmul(dout, p.Wo.T); // ∂L/∂concat = dout · W_oᵀ                        (Tq, heads·d_k)
  let dxq = nd.zerosLike(xq); // (Tq, D)
  let dxkv = nd.zerosLike(xkv); // (Tk, D)
  const grads: AttentionParams = { Wq: [], Wk: [], Wv: [], Wo: dWo };
  heads.forEach(({ Q, K, V, A }, h) => {
    const dK_ = Q.shape[1];
    const dH = dconcat.get(nd.slice(), nd.slice(h * dK_, (h + 1) * dK_)); // head h's columns  (Tq, d_k)
    const dA = nd.matmul(dH, V.T); // ∂L/∂A = ∂L/∂H · Vᵀ                                     (Tq, Tk)
    const dV = nd.matmul(A.T, dH); // ∂L/∂V = Aᵀ · ∂L/∂H                                     (Tk, d_k)
    const dS = softmaxRowsBackward(dA, A); // through the softmax (masked entries: A = 0 → 0)  (Tq, Tk)
    const dScaled = dS.div(Math.sqrt(dK_)); // through the 1/√d_k                             (Tq, Tk)
    const dQ = nd.matmul(dScaled, K); // ∂L/∂Q = ∂L/∂(QKᵀ) · K                                (Tq, d_k)
    const dKh = nd.matmul(dScaled.T, Q); // ∂L/∂K = ∂L/∂(QKᵀ)ᵀ · Q                            (Tk, d_k)
    grads.Wq.push(nd.matmul(xq.T, dQ)); // ∂L/∂W_q = xqᵀ · ∂L/∂Q                              (D, d_k)
    grads.Wk.push(nd.matmul(xkv.T, dKh)); // ∂L/∂W_k = xkvᵀ · ∂L/∂K                           (D, d_k)
    grads.Wv.push(nd.matmul(xkv.T, dV)); // ∂L/∂W_v = xkvᵀ · ∂L/∂V                            (D, d_k)
    dxq = dxq.add(nd.matmul(dQ, p.Wq[h].T)); // ∂L/∂xq += ∂L/∂Q · W_qᵀ                        (Tq, D)
    dxkv = dxkv.add(nd.matmul(dKh, p.Wk[h].T)); // ∂L/∂xkv += ∂L/∂K · W_kᵀ                    (Tk, D)
    dxkv = dxkv.add(nd.matmul(dV, p.Wv[h].T)); // ∂L/∂xkv += ∂L/∂V · W_vᵀ                     (Tk, D)
  });
  return { dxq, dxkv, grads };
}

// ------------------------------------------------------------------------------------------------
// Layer norm

export const LN_EPS = 1e-5;

export interface LayerNormCache {
  /** (x − mean) / std, per row. */
  xhat: NDArray; // (T, D)
  /** 1 / √(var + ε), per row. */
  rstd: NDArray; // (T, 1)
}

/** y = γ ⊙ (x − μ) / √(σ² + ε) + β, μ and σ² over each row (the D features of one position). */
export function layerNormForward(x: NDArray, p: LayerNormParams): { out: NDArray; cache: LayerNormCache } {
  const mean = x.mean({ axis: -1, keepdims: true }); // (T, 1)
  const xc = x.sub(mean); // (T, D)
  const variance = xc.square().mean({ axis: -1, keepdims: true }); // biased, as PyTorch       (T, 1)
  const rstd = nd.sqrt(variance.add(LN_EPS)).pow(-1); // (T, 1)
  const xhat = xc.mul(rstd); // (T, D)
  const out = xhat.mul(p.gamma).add(p.beta); // (T, D)
  return { out, cache: { xhat, rstd } };
}

export function layerNormBackward(
  dout: NDArray,
  p: LayerNormParams,
  cache: LayerNormCache,
): { dx: NDArray; grads: LayerNormParams } {
  const { xhat, rstd } = cache;
  const dgamma = dout.mul(xhat).sum({ axis: 0 }); // ∂L/∂γ = Σ_rows dout ⊙ x̂                  (D,)
  const dbeta = dout.sum({ axis: 0 }); // ∂L/∂β = Σ_rows dout                                   (D,)
  const dxhat = dout.mul(p.gamma); // ∂L/∂x̂ = dout ⊙ γ                                         (T, D)
  const meanDxhat = dxhat.mean({ axis: -1, keepdims: true }); // through μ                      (T, 1)
  const meanDxhatXhat = dxhat.mul(xhat).mean({ axis: -1, keepdims: true }); // through σ²       (T, 1)
  const dx = dxhat.sub(meanDxhat).sub(xhat.mul(meanDxhatXhat)).mul(rstd); // ∂L/∂x = (∂L/∂x̂ − mean(∂L/∂x̂) − x̂·mean(∂L/∂x̂ ⊙ x̂)) / std  (T, D)
  return { dx, grads: { gamma: dgamma, beta: dbeta } };
}

// ------------------------------------------------------------------------------------------------
// Feed-forward: Linear – ReLU – Linear, applied to each position on its own

export interface FFNCache {
  x: NDArray; // (T, D)
  /** x W1 + b1, before the ReLU. */
  pre: NDArray; // (T, dFF)
  /** ReLU(pre). */
  hidden: NDArray; // (T, dFF)
}

export function ffnForward(x: NDArray, p: FFNParams): { out: NDArray; cache: FFNCache } {
  const pre = nd.matmul(x, p.W1).add(p.b1); // (T, dFF)
  const hidden = nd.maximum(pre, 0); // ReLU                                                    (T, dFF)
  const out = nd.matmul(hidden, p.W2).add(p.b2); // (T, D)
  return { out, cache: { x, pre, hidden } };
}

export function ffnBackward(dout: NDArray, p: FFNParams, cache: FFNCache): { dx: NDArray; grads: FFNParams } {
  const { x, pre, hidden } = cache;
  const dW2 = nd.matmul(hidden.T, dout); // ∂L/∂W2 = hiddenᵀ · dout                            (dFF, D)
  const db2 = dout.sum({ axis: 0 }); // ∂L/∂b2 = Σ_rows dout                                      (D,)
  const dhidden = nd.matmul(dout, p.W2.T); // ∂L/∂hidden = dout · W2ᵀ                           (T, dFF)
  const dpre = dhidden.mul(pre.gt(0)); // ReLU passes the gradient where pre > 0                 (T, dFF)
  const dW1 = nd.matmul(x.T, dpre); // ∂L/∂W1 = xᵀ · ∂L/∂pre                                     (D, dFF)
  const db1 = dpre.sum({ axis: 0 }); // ∂L/∂b1 = Σ_rows ∂L/∂pre                                  (dFF,)
  const dx = nd.matmul(dpre, p.W1.T); // ∂L/∂x = ∂L/∂pre · W1ᵀ                                   (T, D)
  return { dx, grads: { W1: dW1, b1: db1, W2: dW2, b2: db2 } };
}

// ------------------------------------------------------------------------------------------------
// Encoder and decoder layers

export interface EncoderCache {
  x: NDArray; // (Ts, D) the input, E[src] + PE
  attn: AttentionCache;
  attnOut: NDArray; // (Ts, D)
  norm1: LayerNormCache;
  z1: NDArray; // (Ts, D) after add & norm
  ffn: FFNCache;
  ffnOut: NDArray; // (Ts, D)
  norm2: LayerNormCache;
  out: NDArray; // (Ts, D)
}

export function encoderForward(x: NDArray, p: EncoderParams): EncoderCache {
  const { out: attnOut, cache: attn } = attentionForward(p.selfAttn, x, x); // (Ts, D)
  const { out: z1, cache: norm1 } = layerNormForward(x.add(attnOut), p.norm1); // add & norm  (Ts, D)
  const { out: ffnOut, cache: ffn } = ffnForward(z1, p.ffn); // (Ts, D)
  const { out, cache: norm2 } = layerNormForward(z1.add(ffnOut), p.norm2); // add & norm      (Ts, D)
  return { x, attn, attnOut, norm1, z1, ffn, ffnOut, norm2, out };
}

/** dout = ∂L/∂(encoder output); returns ∂L/∂x and the layer's gradients. */
export function encoderBackward(
  dout: NDArray,
  p: EncoderParams,
  c: EncoderCache,
): { dx: NDArray; grads: EncoderParams } {
  const n2 = layerNormBackward(dout, p.norm2, c.norm2); // ∂L/∂(z1 + ffnOut)                    (Ts, D)
  const f = ffnBackward(n2.dx, p.ffn, c.ffn); // ∂L/∂z1 through the FFN                         (Ts, D)
  const dz1 = n2.dx.add(f.dx); // residual: ∂L/∂z1 = direct path + FFN path                       (Ts, D)
  const n1 = layerNormBackward(dz1, p.norm1, c.norm1); // ∂L/∂(x + attnOut)                     (Ts, D)
  const a = attentionBackward(n1.dx, p.selfAttn, c.attn); // self-attention: q, k, v all from x
  const dx = n1.dx.add(a.dxq).add(a.dxkv); // residual + the query path + the key/value path     (Ts, D)
  return { dx, grads: { selfAttn: a.grads, norm1: n1.grads, ffn: f.grads, norm2: n2.grads } };
}

export interface DecoderCache {
  y: NDArray; // (Tt, D) the input, E[tgt_in] + PE
  mask: NDArray; // (Tt, Tt)
  selfAttn: AttentionCache;
  selfOut: NDArray; // (Tt, D)
  norm1: LayerNormCache;
  y1: NDArray; // (Tt, D)
  crossAttn: AttentionCache;
  crossOut: NDArray; // (Tt, D)
  norm2: LayerNormCache;
  y2: NDArray; // (Tt, D)
  ffn: FFNCache;
  ffnOut: NDArray; // (Tt, D)
  norm3: LayerNormCache;
  out: NDArray; // (Tt, D)
}

export function decoderForward(y: NDArray, memory: NDArray, p: DecoderParams): DecoderCache {
  const mask = causalMask(y.shape[0]); // (Tt, Tt)
  const { out: selfOut, cache: selfAttn } = attentionForward(p.selfAttn, y, y, mask); // masked (Tt, D)
  const { out: y1, cache: norm1 } = layerNormForward(y.add(selfOut), p.norm1); // add & norm  (Tt, D)
  const { out: crossOut, cache: crossAttn } = attentionForward(p.crossAttn, y1, memory); // Q: decoder; K, V: encoder  (Tt, D)
  const { out: y2, cache: norm2 } = layerNormForward(y1.add(crossOut), p.norm2); // add & norm (Tt, D)
  const { out: ffnOut, cache: ffn } = ffnForward(y2, p.ffn); // (Tt, D)
  const { out, cache: norm3 } = layerNormForward(y2.add(ffnOut), p.norm3); // add & norm      (Tt, D)
  return { y, mask, selfAttn, selfOut, norm1, y1, crossAttn, crossOut, norm2, y2, ffn, ffnOut, norm3, out };
}

/** Returns ∂L/∂y, ∂L/∂memory (the encoder output, through cross-attention) and the gradients. */
export function decoderBackward(
  dout: NDArray,
  p: DecoderParams,
  c: DecoderCache,
): { dy: NDArray; dmemory: NDArray; grads: DecoderParams } {
  const n3 = layerNormBackward(dout, p.norm3, c.norm3); // ∂L/∂(y2 + ffnOut)                    (Tt, D)
  const f = ffnBackward(n3.dx, p.ffn, c.ffn); // (Tt, D)
  const dy2 = n3.dx.add(f.dx); // residual                                                       (Tt, D)
  const n2 = layerNormBackward(dy2, p.norm2, c.norm2); // ∂L/∂(y1 + crossOut)                   (Tt, D)
  const ca = attentionBackward(n2.dx, p.crossAttn, c.crossAttn); // queries ← y1, keys/values ← memory
  const dy1 = n2.dx.add(ca.dxq); // residual + the query path                                    (Tt, D)
  const n1 = layerNormBackward(dy1, p.norm1, c.norm1); // ∂L/∂(y + selfOut)                     (Tt, D)
  const sa = attentionBackward(n1.dx, p.selfAttn, c.selfAttn); // masked self-attention
  const dy = n1.dx.add(sa.dxq).add(sa.dxkv); // residual + query path + key/value path           (Tt, D)
  return {
    dy,
    dmemory: ca.dxkv, // (Ts, D)
    grads: {
      selfAttn: sa.grads,
      norm1: n1.grads,
      crossAttn: ca.grads,
      norm2: n2.grads,
      ffn: f.grads,
      norm3: n3.grads,
    },
  };
}

// ------------------------------------------------------------------------------------------------
// The whole model

export interface ModelCache {
  src: number[];
  tgtIn: number[];
  /** E[src] (Ts, D), PE (Ts, D), X = E + PE. */
  srcEmb: NDArray;
  srcPE: NDArray;
  encoder: EncoderCache;
  tgtEmb: NDArray;
  tgtPE: NDArray;
  decoder: DecoderCache;
  /** (Tt, vocab): one row of scores over the vocabulary per decoder position. */
  logits: NDArray;
  probs: NDArray;
}

/** The rows of the embedding table for a list of ids (E[ids]). */
export function embed(E: NDArray, ids: readonly number[]): NDArray {
  return E.take(ids, { axis: 0 }); // (T, D)
}

/** Encoder over `src`, decoder over `tgtIn` (teacher forcing), projection and softmax per position. */
export function transformerForward(
  p: TransformerParams,
  src: readonly number[],
  tgtIn: readonly number[],
): ModelCache {
  const D = p.embedding.shape[1];
  const srcEmb = embed(p.embedding, src); // (Ts, D)
  const srcPE = positionalEncoding(src.length, D); // (Ts, D)
  const encoder = encoderForward(srcEmb.add(srcPE), p.encoder); // X = E + PE: an addition  (Ts, D)
  const tgtEmb = embed(p.embedding, tgtIn); // (Tt, D)
  const tgtPE = positionalEncoding(tgtIn.length, D); // (Tt, D)
  const decoder = decoderForward(tgtEmb.add(tgtPE), encoder.out, p.decoder); // (Tt, D)
  // NOTE: each position is projected on its own, (Tt, D)·(D, vocab); flattening the (Tt, D) matrix
  // into one vector first (as the article does) would tie the output size to the sentence length.
  const logits = nd.matmul(decoder.out, p.Wout).add(p.bout); // (Tt, vocab)
  const probs = softmaxRows(logits); // (Tt, vocab)
  return { src: [...src], tgtIn: [...tgtIn], srcEmb, srcPE, encoder, tgtEmb, tgtPE, decoder, logits, probs };
}

/** Mean cross-entropy over the decoder positions and ∂L/∂logits = (P − onehot) / Tt. */
export function sequenceCrossEntropy(
  probs: NDArray,
  targets: readonly number[],
): { loss: number; dlogits: NDArray } {
  const T = targets.length;
  let loss = 0;
  const dlogits = probs.copy(); // (Tt, vocab)
  targets.forEach((id, t) => {
    loss -= Math.log(Number(probs.item(t, id)));
    dlogits.set([t, id], Number(probs.item(t, id)) - 1); // ∂L_t/∂logits_t = p_t − onehot(target_t)
  });
  return { loss: loss / T, dlogits: dlogits.div(T) }; // the mean over positions divides by Tt
}

/** ∂L/∂θ for the whole model, from the loss gradient at the logits. */
export function transformerBackward(
  p: TransformerParams,
  c: ModelCache,
  dlogits: NDArray,
): TransformerParams {
  const dWout = nd.matmul(c.decoder.out.T, dlogits); // ∂L/∂W_out = Y3ᵀ · ∂L/∂logits            (D, vocab)
  const dbout = dlogits.sum({ axis: 0 }); // ∂L/∂b_out = Σ_positions ∂L/∂logits                  (vocab,)
  const dY3 = nd.matmul(dlogits, p.Wout.T); // ∂L/∂Y3 = ∂L/∂logits · W_outᵀ                     (Tt, D)
  const dec = decoderBackward(dY3, p.decoder, c.decoder);
  const enc = encoderBackward(dec.dmemory, p.encoder, c.encoder); // the encoder is reached only via cross-attention
  const dE = nd.zerosLike(p.embedding); // (vocab, D)
  nd.addAt(dE, [c.src], enc.dx); // ∂L/∂E[id] += ∂L/∂X row (PE is a constant: no gradient)
  nd.addAt(dE, [c.tgtIn], dec.dy); // ∂L/∂E[id] += ∂L/∂Y row (shared table)
  return { embedding: dE, encoder: enc.grads, decoder: dec.grads, Wout: dWout, bout: dbout };
}

/** Loss and gradients of one (source, target) pair: the decoder reads `<start>` + target, predicts target + `<end>`. */
export function lossAndGrads(
  p: TransformerParams,
  src: readonly number[],
  tgtIn: readonly number[],
  tgtOut: readonly number[],
): { loss: number; grads: TransformerParams; cache: ModelCache } {
  const cache = transformerForward(p, src, tgtIn);
  const { loss, dlogits } = sequenceCrossEntropy(cache.probs, tgtOut);
  return { loss, grads: transformerBackward(p, cache, dlogits), cache };
}

/**
 * Greedy decoding: start from `<start>`, append the arg-max of the last position's distribution,
 * stop at `<end>` (or after maxLen tokens). Returns the generated ids (without `<start>`).
 */
export function greedyDecode(
  p: TransformerParams,
  src: readonly number[],
  startId: number,
  endId: number,
  maxLen = 12,
): number[] {
  const ids = [startId];
  for (let i = 0; i < maxLen; i++) {
    const { probs } = transformerForward(p, src, ids); // (t, vocab)
    const next = Number(probs.get(-1).argmax().item());
    ids.push(next);
    if (next === endId) break;
  }
  return ids.slice(1);
}

// ------------------------------------------------------------------------------------------------
// Adam, in place on the whole tree

export interface AdamState {
  m: TransformerParams;
  v: TransformerParams;
  t: number;
}

export function adamInit(p: TransformerParams): AdamState {
  return { m: zerosTree(p), v: zerosTree(p), t: 0 };
}

/** θ ← θ − lr · m̂ / (√v̂ + ε), m and v the running means of g and g² (Kingma & Ba). */
export function adamStep(
  p: TransformerParams,
  g: TransformerParams,
  s: AdamState,
  lr: number,
  beta1 = 0.9,
  beta2 = 0.999,
  eps = 1e-8,
): void {
  s.t += 1;
  const params = namedArrays(p);
  const grads = namedArrays(g);
  const ms = namedArrays(s.m);
  const vs = namedArrays(s.v);
  const c1 = 1 - Math.pow(beta1, s.t);
  const c2 = 1 - Math.pow(beta2, s.t);
  params.forEach(([, w], i) => {
    const gi = grads[i][1];
    const m = ms[i][1];
    const v = vs[i][1];
    nd.add(m.mul(beta1), gi.mul(1 - beta1), { out: m }); // m ← β1 m + (1 − β1) g
    nd.add(v.mul(beta2), gi.square().mul(1 - beta2), { out: v }); // v ← β2 v + (1 − β2) g²
    const step = m
      .div(c1)
      .div(nd.sqrt(v.div(c2)).add(eps))
      .mul(lr); // lr · m̂ / (√v̂ + ε)
    nd.subtract(w, step, { out: w });
  });
}
