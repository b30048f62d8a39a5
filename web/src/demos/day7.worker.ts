/**
 * Day 7's worker: the lesson's tiny Transformer (transformer.ts, setup.ts). `stages` runs the
 * forward pass and returns its named matrices in data-flow order; `train` takes Adam steps with the
 * hand-written backward pass and reports the loss and the greedy decoding.
 */
import * as nd from '../../../src/nd/index.js';
import { setup, type Setup } from '../../../course/day7/setup.js';
import { LEARN_RATE, MAX_STEPS, TARGET_LOSS } from '../../../course/day7/train.js';
import {
  adamInit,
  adamStep,
  causalMask,
  greedyDecode,
  lossAndGrads,
  positionalEncoding,
  transformerForward,
  type AdamState,
} from '../../../course/day7/transformer.js';
import { serve } from './rpc.js';

export interface MatrixView {
  name: string;
  data: number[][];
  rows: string[];
  cols: string[];
  kind: 'values' | 'attention' | 'mask' | 'probs';
}

export interface Stage {
  key: string;
  matrices: MatrixView[];
}

let s: Setup = setup(0);
let adam: AdamState = adamInit(s.params);
let steps = 0;

const dims = (n: number, p = 'd') => Array.from({ length: n }, (_, j) => `${p}${j}`);
const list = (a: nd.NDArray) => a.toArray() as number[][];

function stages(): Stage[] {
  const c = transformerForward(s.params, s.src, s.tgtIn);
  const src = s.srcTokens;
  const tgt = s.tgtInTokens;
  const D = s.config.dModel;
  const dk = s.config.dK;
  const enc = c.encoder;
  const dec = c.decoder;
  const vocab = [...s.data.vocabulary.tokens];
  const m = (
    name: string,
    a: nd.NDArray,
    rows: string[],
    cols: string[],
    kind: MatrixView['kind'] = 'values',
  ): MatrixView => ({
    name,
    data: list(a),
    rows,
    cols,
    kind,
  });
  return [
    { key: 'vocab', matrices: [] },
    { key: 'embed', matrices: [m('E[src]  (6, 6)', c.srcEmb, src, dims(D))] },
    {
      key: 'pe',
      matrices: [
        m(
          'PE  (6, 6)',
          positionalEncoding(src.length, D),
          src.map((_, i) => `pos ${i}`),
          dims(D),
        ),
      ],
    },
    { key: 'x', matrices: [m('X = E + PE  (6, 6)', c.srcEmb.add(c.srcPE), src, dims(D))] },
    {
      key: 'qkv',
      matrices: [
        m('Q = X·W_q  (head 1)', enc.attn.heads[0].Q, src, dims(dk, 'q')),
        m('K = X·W_k  (head 1)', enc.attn.heads[0].K, src, dims(dk, 'k')),
        m('V = X·W_v  (head 1)', enc.attn.heads[0].V, src, dims(dk, 'v')),
      ],
    },
    {
      key: 'scores',
      matrices: [
        m('S = Q·Kᵀ / √d_k  (head 1)', enc.attn.heads[0].S, src, src),
        m('A = softmax(S)  (head 1)', enc.attn.heads[0].A, src, src, 'attention'),
      ],
    },
    {
      key: 'heads',
      matrices: [
        m('A  (head 2)', enc.attn.heads[1].A, src, src, 'attention'),
        m('[H₁ H₂]  (6, 8)', enc.attn.concat, src, dims(2 * dk, 'h')),
        m('encoder output  (6, 6)', enc.out, src, dims(D)),
      ],
    },
    {
      key: 'mask',
      matrices: [
        m('causal mask  (6, 6)', causalMask(tgt.length), tgt, tgt, 'mask'),
        m('S + mask  (decoder, head 1)', dec.selfAttn.heads[0].S, tgt, tgt),
        m('A = softmax(S + mask)', dec.selfAttn.heads[0].A, tgt, tgt, 'attention'),
      ],
    },
    {
      key: 'cross',
      matrices: dec.crossAttn.heads.map((h, i) =>
        m(`cross-attention A (head ${i + 1})`, h.A, tgt, src, 'attention'),
      ),
    },
    { key: 'output', matrices: [m('softmax(Y·W_out + b)  (6, 25)', c.probs, tgt, vocab, 'probs')] },
  ];
}

function status() {
  const v = s.data.vocabulary;
  const { loss } = lossAndGrads(s.params, s.src, s.tgtIn, s.tgtOut);
  return { steps, loss, decoded: v.decode(greedyDecode(s.params, s.src, v.startId, v.endId)) };
}

serve({
  init() {
    s = setup(0);
    adam = adamInit(s.params);
    steps = 0;
    const v = s.data.vocabulary;
    return {
      tokens: [...v.tokens],
      specials: [...v.specials],
      corpus: [...s.data.corpus],
      src: s.srcTokens,
      tgtIn: s.tgtInTokens,
      tgtOut: s.tgtOutTokens,
      srcIds: s.src,
      target: s.tgtOutTokens.join(' '),
      maxSteps: MAX_STEPS,
      targetLoss: TARGET_LOSS,
      stages: stages(),
      status: status(),
    };
  },
  train(args: { steps: number }) {
    for (let i = 0; i < args.steps; i++) {
      const { grads } = lossAndGrads(s.params, s.src, s.tgtIn, s.tgtOut); // forward + hand-written backward
      adamStep(s.params, grads, adam, LEARN_RATE);
      steps++;
    }
    return status();
  },
  stages() {
    return stages();
  },
});
