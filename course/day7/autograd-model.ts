/**
 * The same Transformer on the autograd engine (src/autograd Tensor): one rung up the ladder, used
 * to check the hand-written backward of transformer.ts. Same parameters, same equations; the
 * gradients come from `loss.backward()` instead of being written out.
 */
import * as nd from '../../src/nd/index.js';
import { Tensor, concat, F } from '../../src/autograd/index.js';
import { LN_EPS, causalMask, positionalEncoding, type TransformerParams } from './transformer.js';

/** The tree with every array replaced by fn(array). */
export function mapTree(tree: unknown, fn: (a: nd.NDArray) => unknown): unknown {
  if (tree instanceof nd.NDArray) return fn(tree);
  if (Array.isArray(tree)) return tree.map((v: unknown) => mapTree(v, fn));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree as object)) out[k] = mapTree(v, fn);
  return out;
}

type Tree<L> = {
  embedding: L;
  encoder: { selfAttn: Attn<L>; norm1: Norm<L>; ffn: Ffn<L>; norm2: Norm<L> };
  decoder: {
    selfAttn: Attn<L>;
    norm1: Norm<L>;
    crossAttn: Attn<L>;
    norm2: Norm<L>;
    ffn: Ffn<L>;
    norm3: Norm<L>;
  };
  Wout: L;
  bout: L;
};
type Attn<L> = { Wq: L[]; Wk: L[]; Wv: L[]; Wo: L };
type Norm<L> = { gamma: L; beta: L };
type Ffn<L> = { W1: L; b1: L; W2: L; b2: L };

function attention(p: Attn<Tensor>, xq: Tensor, xkv: Tensor, mask?: Tensor): Tensor {
  const heads = p.Wq.map((Wq, h) => {
    const Q = xq.matmul(Wq); // (Tq, d_k)
    const K = xkv.matmul(p.Wk[h]); // (Tk, d_k)
    const V = xkv.matmul(p.Wv[h]); // (Tk, d_k)
    let S = Q.matmul(K.transpose(0, 1)).div(Math.sqrt(Q.shape[1])); // (Tq, Tk)
    if (mask) S = S.add(mask);
    return S.softmax(-1).matmul(V); // (Tq, d_k)
  });
  return concat(heads, 1).matmul(p.Wo); // (Tq, D)
}
const norm = (x: Tensor, p: Norm<Tensor>) => F.layerNorm(x, [x.shape[1]], p.gamma, p.beta, LN_EPS);
const ffn = (x: Tensor, p: Ffn<Tensor>) => x.matmul(p.W1).add(p.b1).relu().matmul(p.W2).add(p.b2);

/** Loss (mean cross-entropy over the decoder positions) and ∂L/∂θ by autograd, as nd arrays. */
export function autogradLossAndGrads(
  params: TransformerParams,
  src: readonly number[],
  tgtIn: readonly number[],
  tgtOut: readonly number[],
): { loss: number; grads: TransformerParams } {
  const p = mapTree(params, (a) => new Tensor(a.copy(), { requiresGrad: true })) as Tree<Tensor>;
  const D = params.embedding.shape[1];
  const x = F.embedding(nd.array(src), p.embedding).add(new Tensor(positionalEncoding(src.length, D))); // (Ts, D)
  const e = p.encoder;
  const z1 = norm(x.add(attention(e.selfAttn, x, x)), e.norm1);
  const memory = norm(z1.add(ffn(z1, e.ffn)), e.norm2); // (Ts, D)
  const y = F.embedding(nd.array(tgtIn), p.embedding).add(new Tensor(positionalEncoding(tgtIn.length, D))); // (Tt, D)
  const d = p.decoder;
  const y1 = norm(y.add(attention(d.selfAttn, y, y, new Tensor(causalMask(tgtIn.length)))), d.norm1);
  const y2 = norm(y1.add(attention(d.crossAttn, y1, memory)), d.norm2);
  const y3 = norm(y2.add(ffn(y2, d.ffn)), d.norm3); // (Tt, D)
  const logits = y3.matmul(p.Wout).add(p.bout); // (Tt, vocab)
  const loss = F.crossEntropy(logits, nd.array(tgtOut, { dtype: 'int64' }));
  loss.backward();
  return { loss: loss.item(), grads: gradTree(p) as TransformerParams };
}

/** The `.grad` of every leaf, as an nd tree of the same structure. */
function gradTree(tree: unknown): unknown {
  if (tree instanceof Tensor) return tree.grad ? tree.grad.data : nd.zerosLike(tree.data);
  if (Array.isArray(tree)) return tree.map((v: unknown) => gradTree(v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree as object)) out[k] = gradTree(v);
  return out;
}
