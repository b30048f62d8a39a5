/**
 * MultiHeadAttention with Keras's weights and call:
 *
 *   q = query·W_q + b_q   (N, T, h, k)      W_q (dim_q, h, k), b_q (h, k)
 *   k = key·W_k + b_k     (N, S, h, k)      key defaults to value
 *   v = value·W_v + b_v   (N, S, h, v_dim)
 *   scores = softmax(q·kᵀ/√k + mask)        (N, h, T, S)
 *   out = concat_heads(scores·v)·W_o + b_o  (N, T, dim_q)   W_o (h, v_dim, dim_q)
 *
 * `mha.apply([query, value])` or `[query, value, key]`; options `attentionMask` (N, T, S) with
 * true/1 where attention is allowed, `useCausalMask`, `returnAttentionScores`.
 */
import * as nd from '../../nd/index.js';
import { ValueError } from '../../nd/errors.js';
import { Tensor } from '../../autograd/tensor.js';
import { dropout } from '../../autograd/functional.js';
import { defaultRng, type Generator } from '../../nd/random/generator.js';
import { Layer, type CallArgs, type LayerArgs, type ShapeArg } from '../layer.js';
import { pyShape, type Shape } from '../shape.js';
import { get as getInitializer, type Initializer, type InitializerLike } from '../initializers.js';
import type { KerasVariable } from '../variable.js';
import { drawSeed } from '../backend.js';
import { positiveInt } from './core.js';

export interface MultiHeadAttentionArgs extends LayerArgs {
  numHeads?: number;
  /** Size of each head for query and key. */
  keyDim?: number;
  /** Size of each head for value (default keyDim). */
  valueDim?: number | null;
  /** Dropout on the attention scores while training (default 0). */
  dropout?: number;
  useBias?: boolean;
  /** Last dimension of the output (default: the query's). */
  outputShape?: number | null;
  kernelInitializer?: InitializerLike;
  biasInitializer?: InitializerLike;
  seed?: number | null;
}

/** Options of a call (besides `training`). */
export interface AttentionCallArgs extends CallArgs {
  /** (N, T, S) or (T, S): true or 1 where query position t may attend to key position s. */
  attentionMask?: nd.NDArray | Tensor | null;
  /** Each position attends only to itself and earlier positions. */
  useCausalMask?: boolean;
  /** Return [output, scores (N, h, T, S)]. */
  returnAttentionScores?: boolean;
}

export class MultiHeadAttention extends Layer {
  static override readonly className: string = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly seed: number | null;
  private readonly rng: Generator;
  private w: Record<string, KerasVariable | null> = {};

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    this.numHeads = positiveInt(this.name, 'numHeads', args.numHeads);
    this.keyDim = positiveInt(this.name, 'keyDim', args.keyDim);
    this.valueDim = args.valueDim ?? this.keyDim;
    this.dropout = args.dropout ?? 0;
    this.useBias = args.useBias ?? true;
    this.outputShape = args.outputShape ?? null;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.seed = args.seed ?? null;
    this.rng = defaultRng(this.seed ?? drawSeed());
  }

  private shapes(shape: ShapeArg): [Shape, Shape, Shape] {
    const list = shape as Shape[];
    if (!Array.isArray(list[0]) || list.length < 2) {
      throw new ValueError(
        `MultiHeadAttention "${this.name}" takes [query, value] or [query, value, key]; got one input of shape ${pyShape(shape as Shape)}`,
      );
    }
    return [list[0], list[1], list[2] ?? list[1]];
  }

  override build(shape: ShapeArg): void {
    const [q, v, k] = this.shapes(shape);
    const dims = [q, v, k].map((s) => s[s.length - 1]);
    if (dims.some((d) => d === null))
      throw new ValueError(
        `The last dimensions of query, value and key must be defined (layer "${this.name}")`,
      );
    const [dq, dv, dk] = dims as number[];
    const h = this.numHeads;
    const add = (name: string, kernel: number[], bias: number[]): void => {
      this.w[`${name}/kernel`] = this.addWeight(`${name}/kernel`, kernel, {
        initializer: this.kernelInitializer,
      });
      this.w[`${name}/bias`] = this.useBias
        ? this.addWeight(`${name}/bias`, bias, { initializer: this.biasInitializer })
        : null;
    };
    add('query', [dq, h, this.keyDim], [h, this.keyDim]);
    add('key', [dk, h, this.keyDim], [h, this.keyDim]);
    add('value', [dv, h, this.valueDim], [h, this.valueDim]);
    const out = this.outputShape ?? dq;
    add('attention_output', [h, this.valueDim, out], [out]);
    this.inputSpec = [{ axes: { [-1]: dq } }, { axes: { [-1]: dv } }, { axes: { [-1]: dk } }];
  }

  /** x (N, L, d) · W (d, h, k) + b (h, k) → (N, h, L, k). */
  private project(x: Tensor, name: string): Tensor {
    const W = this.w[`${name}/kernel`]!;
    const [d, h, k] = W.shape;
    let y = x.matmul(W.reshape([d, h * k])); // (N, L, h·k)
    const b = this.w[`${name}/bias`];
    if (b) y = y.add(b.reshape([h * k]));
    return y.reshape([x.shape[0], x.shape[1], h, k]).permute(0, 2, 1, 3); // (N, h, L, k)
  }

  call(inputs: Tensor | Tensor[], args: AttentionCallArgs): Tensor | Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs, inputs];
    const [query, value] = list;
    const key = list[2] ?? value;
    const [N, T] = query.shape;
    const S = key.shape[1];
    const q = this.project(query, 'query').mul(1 / Math.sqrt(this.keyDim)); // (N, h, T, k)
    const k = this.project(key, 'key'); // (N, h, S, k)
    const v = this.project(value, 'value'); // (N, h, S, v)
    let scores = q.matmul(k.transpose(-2, -1)); // (N, h, T, S)
    let allowed: nd.NDArray | null = null;
    if (args.attentionMask) {
      const m = args.attentionMask instanceof Tensor ? args.attentionMask.data : args.attentionMask;
      allowed = m.astype('bool');
      if (allowed.ndim === 2) allowed = allowed.reshape([1, T, S]);
      if (allowed.ndim !== 3 || allowed.shape[1] !== T || allowed.shape[2] !== S) {
        throw new ValueError(
          `attentionMask of layer "${this.name}" must have shape (${N}, ${T}, ${S}) or (${T}, ${S}); got ${pyShape(m.shape)}`,
        );
      }
    }
    if (args.useCausalMask) {
      const causal = nd.tri(T, S, { dtype: 'bool' }).reshape([1, T, S]);
      allowed = allowed ? nd.logicalAnd(allowed, causal) : causal;
    }
    if (allowed) {
      const add = nd.where(allowed, 0, -1e9).astype(scores.dtype).expandDims(1); // (N|1, 1, T, S)
      scores = scores.add(new Tensor(add));
    }
    const attn = scores.softmax(-1); // (N, h, T, S)
    const probs =
      this.dropout > 0 && args.training
        ? dropout(attn, this.dropout, { training: true, rng: this.rng })
        : attn;
    const ctx = probs.matmul(v).permute(0, 2, 1, 3); // (N, T, h, v)
    const Wo = this.w['attention_output/kernel']!;
    const [h, vd, out] = Wo.shape;
    let y = ctx.reshape([N, T, h * vd]).matmul(Wo.reshape([h * vd, out])); // (N, T, out)
    const bo = this.w['attention_output/bias'];
    if (bo) y = y.add(bo);
    return args.returnAttentionScores ? [y, attn] : y;
  }

  override computeOutputShape(shape: ShapeArg, args: CallArgs = {}): ShapeArg {
    const [q, v, k] = this.shapes(shape);
    const out: Shape = [...q.slice(0, -1), this.outputShape ?? q[q.length - 1]];
    if (!args.returnAttentionScores) return out;
    void v;
    return [out, [q[0], this.numHeads, q[1], k[1]]];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      outputShape: this.outputShape,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
      seed: this.seed,
    };
  }
}
