/**
 * Day 7 — a Transformer by hand: the course's numbers (vocabulary 23 + 2, the positional-encoding
 * row of position 1), the masked and cross attention shapes, the learning target (greedy decoding
 * gives "you win or you die <end>"), the figures, and the hand-written backward against autograd
 * and central finite differences — for the whole model and layer by layer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { F, Tensor, concat } from '../../src/autograd/index.js';
import { autogradLossAndGrads } from '../../course/day7/autograd-model.js';
import { setup } from '../../course/day7/setup.js';
import { maxGradDifference } from '../../course/day7/train.js';
import {
  attentionBackward,
  attentionForward,
  causalMask,
  greedyDecode,
  layerNormBackward,
  layerNormForward,
  lossAndGrads,
  namedArrays,
  positionalEncoding,
  transformerForward,
  sequenceCrossEntropy,
  type TransformerParams,
} from '../../course/day7/transformer.js';
import { pngSize, runFast } from './helpers.js';

let run: Awaited<ReturnType<typeof runFast>>;

beforeAll(async () => {
  run = await runFast(7);
}, 120_000);

/** The initial parameters moved away from γ = 1, β = 0, zero biases (so every term matters). */
function perturbed(seed: number): TransformerParams {
  const s = setup(0);
  const rng = nd.random.defaultRng(seed);
  for (const [, a] of namedArrays(s.params)) nd.add(a, rng.normal(0, 0.3, [...a.shape]), { out: a });
  return s.params;
}

describe('Day 7 in fast mode: the numbers of the course', () => {
  it('vocabulary: 23 words + <start>, <end>; the word ids', () => {
    expect(run.records['vocab.words']).toBe(23);
    expect(run.records['vocab.size']).toBe(25);
    expect(run.text).toContain('encoder input ids:  [0, 1, 2, 4, 5, 6]   (when you play game of thrones)');
    expect(run.text).toContain('decoder input ids:  [23, 1, 7, 8, 1, 9]   (<start> you win or you die)');
    expect(run.text).toContain('decoder target ids: [1, 7, 8, 1, 9, 24]   (you win or you die <end>)');
  });

  it('positional encoding of position 1 = [0.8415, 0.5403, 0.0464, 0.9989, 0.0022, 1.0]', () => {
    expect(run.records['pe.pos1']).toBe('0.8415, 0.5403, 0.0464, 0.9989, 0.0022, 1.0000');
    const row = positionalEncoding(2, 6).get(1).toArray() as number[];
    [0.8415, 0.5403, 0.0464, 0.9989, 0.0022, 1.0].forEach((v, i) => expect(row[i]).toBeCloseTo(v, 4));
    expect(row[0]).toBe(Math.sin(1));
    expect(row[3]).toBe(Math.cos(1 / Math.pow(10000, 2 / 6)));
  });

  it('scores are scaled by √d_k = 2; the mask zeroes the upper triangle; cross-attention is (decoder × encoder)', () => {
    expect(run.records['attention.scale']).toBe(2);
    expect(run.records['masked.upperMax']).toBe(0);
    expect(run.records['cross.shape']).toBe('(6,6)');
    expect(run.records['encoder.rowMeanMax']).toBeLessThan(1e-12);
  });

  it('trains until greedy decoding gives "you win or you die <end>"', () => {
    expect(run.records.decode).toBe('you win or you die <end>');
    expect(run.records['train.loss']).toBeLessThan(0.05);
    expect(run.records['train.firstMatch']).toBeGreaterThan(0);
    expect(run.records['loss.initial']).toBeGreaterThan(2.5); // ≈ ln 25 = 3.22 untrained
  });

  it('the lesson’s own check: the hand-written gradients equal autograd’s', () => {
    expect(run.records['gradcheck.autograd']).toBeLessThan(1e-12);
  });

  it('writes its figures as valid PNGs', () => {
    const names = run.files.map((f) => f.split('/').pop());
    expect(names).toEqual([
      'positional_encoding.png',
      'encoder_attention_head1.png',
      'encoder_attention_heads.png',
      'decoder_masked_attention.png',
      'cross_attention_untrained.png',
      'transformer_trained.png',
    ]);
    for (const f of run.files) {
      const { width, height } = pngSize(f);
      expect(width).toBeGreaterThan(400);
      expect(height).toBeGreaterThan(400);
    }
  });
});

describe('Day 7: the hand-written backward', () => {
  const s = setup(0);

  it('equals autograd for every parameter of the whole model (perturbed parameters)', () => {
    for (const seed of [1, 2]) {
      const p = perturbed(seed);
      const hand = lossAndGrads(p, s.src, s.tgtIn, s.tgtOut);
      const auto = autogradLossAndGrads(p, s.src, s.tgtIn, s.tgtOut);
      expect(hand.loss).toBeCloseTo(auto.loss, 12);
      const names = namedArrays(hand.grads).map(([n]) => n);
      expect(names).toEqual(namedArrays(auto.grads).map(([n]) => n));
      expect(names.length).toBe(namedArrays(p).length);
      expect(maxGradDifference(hand.grads, auto.grads)).toBeLessThan(1e-12);
    }
  });

  it('equals central finite differences on sampled entries of every parameter array', () => {
    const p = perturbed(3);
    const { grads } = lossAndGrads(p, s.src, s.tgtIn, s.tgtOut);
    const g = namedArrays(grads);
    const rng = nd.random.defaultRng(7);
    const loss = () => sequenceCrossEntropy(transformerForward(p, s.src, s.tgtIn).probs, s.tgtOut).loss;
    const eps = 1e-6;
    let worst = 0;
    namedArrays(p).forEach(([name, a], k) => {
      const picks =
        a.size <= 4
          ? [...Array(a.size).keys()]
          : (rng.choice(a.size, 4, { replace: false }).toArray() as number[]);
      for (const i of picks) {
        const orig = a.data[i];
        a.data[i] = orig + eps;
        const up = loss();
        a.data[i] = orig - eps;
        const down = loss();
        a.data[i] = orig;
        const numeric = (up - down) / (2 * eps);
        const analytic = g[k][1].data[i];
        const err = Math.abs(analytic - numeric) / Math.max(1e-3, Math.abs(numeric));
        worst = Math.max(worst, err);
        expect(err, `${name}[${i}]`).toBeLessThan(1e-5);
      }
    });
    expect(worst).toBeLessThan(1e-5);
  });

  it('masked attention backward equals autograd, and no gradient flows to masked positions', () => {
    const rng = nd.random.defaultRng(11);
    const x = rng.normal(0, 1, [5, 6]);
    const p = {
      Wq: [rng.normal(0, 0.5, [6, 4]), rng.normal(0, 0.5, [6, 4])],
      Wk: [rng.normal(0, 0.5, [6, 4]), rng.normal(0, 0.5, [6, 4])],
      Wv: [rng.normal(0, 0.5, [6, 4]), rng.normal(0, 0.5, [6, 4])],
      Wo: rng.normal(0, 0.5, [8, 6]),
    };
    const dout = rng.normal(0, 1, [5, 6]);
    const { out, cache } = attentionForward(p, x, x, causalMask(5));
    const hand = attentionBackward(dout, p, cache);

    const tx = new Tensor(x.copy(), { requiresGrad: true });
    const tp = {
      Wq: p.Wq.map((w) => new Tensor(w.copy(), { requiresGrad: true })),
      Wk: p.Wk.map((w) => new Tensor(w.copy(), { requiresGrad: true })),
      Wv: p.Wv.map((w) => new Tensor(w.copy(), { requiresGrad: true })),
      Wo: new Tensor(p.Wo.copy(), { requiresGrad: true }),
    };
    const heads = [0, 1].map((h) => {
      const Q = tx.matmul(tp.Wq[h]);
      const K = tx.matmul(tp.Wk[h]);
      const V = tx.matmul(tp.Wv[h]);
      return Q.matmul(K.transpose(0, 1))
        .div(2)
        .add(new Tensor(causalMask(5)))
        .softmax(-1)
        .matmul(V);
    });
    const y = concat(heads, 1).matmul(tp.Wo); // (5, 6)
    expect(Number(nd.abs(y.data.sub(out)).max().item())).toBeLessThan(1e-13);
    y.backward(dout);
    const dx = hand.dxq.add(hand.dxkv);
    expect(Number(nd.abs(dx.sub(tx.grad!.data)).max().item())).toBeLessThan(1e-12);
    expect(Number(nd.abs(hand.grads.Wo.sub(tp.Wo.grad!.data)).max().item())).toBeLessThan(1e-12);
    for (const h of [0, 1]) {
      expect(Number(nd.abs(hand.grads.Wq[h].sub(tp.Wq[h].grad!.data)).max().item())).toBeLessThan(1e-12);
      expect(Number(nd.abs(hand.grads.Wk[h].sub(tp.Wk[h].grad!.data)).max().item())).toBeLessThan(1e-12);
      expect(Number(nd.abs(hand.grads.Wv[h].sub(tp.Wv[h].grad!.data)).max().item())).toBeLessThan(1e-12);
    }
    // the first position attends only to itself: its output ignores the later rows of x
    const later = x.copy();
    later.set([nd.slice(1)], 0);
    const first = attentionForward(p, later, later, causalMask(5)).out.get(0);
    expect(
      Number(
        nd
          .abs(first.sub(out.get(0)))
          .max()
          .item(),
      ),
    ).toBeLessThan(1e-15);
  });

  it('layer norm backward equals autograd (with γ and β)', () => {
    const rng = nd.random.defaultRng(12);
    const x = rng.normal(0, 2, [4, 6]);
    const p = { gamma: rng.normal(1, 0.5, [6]), beta: rng.normal(0, 0.5, [6]) };
    const dout = rng.normal(0, 1, [4, 6]);
    const { out, cache } = layerNormForward(x, p);
    const hand = layerNormBackward(dout, p, cache);
    const tx = new Tensor(x.copy(), { requiresGrad: true });
    const tg = new Tensor(p.gamma.copy(), { requiresGrad: true });
    const tb = new Tensor(p.beta.copy(), { requiresGrad: true });
    const y = F.layerNorm(tx, [6], tg, tb, 1e-5);
    expect(Number(nd.abs(y.data.sub(out)).max().item())).toBeLessThan(1e-13);
    y.backward(dout);
    expect(Number(nd.abs(hand.dx.sub(tx.grad!.data)).max().item())).toBeLessThan(1e-12);
    expect(Number(nd.abs(hand.grads.gamma.sub(tg.grad!.data)).max().item())).toBeLessThan(1e-12);
    expect(Number(nd.abs(hand.grads.beta.sub(tb.grad!.data)).max().item())).toBeLessThan(1e-12);
  });

  it('greedy decoding stops at <end> and never feeds the decoder more than maxLen tokens', () => {
    const v = s.data.vocabulary;
    const ids = greedyDecode(s.params, s.src, v.startId, v.endId, 5);
    expect(ids.length).toBeLessThanOrEqual(5);
    if (ids.includes(v.endId)) expect(ids.indexOf(v.endId)).toBe(ids.length - 1);
  });
});
