/**
 * Day 6 — an RNN by hand: the course's numbers, the same reports as a NumPy program written the
 * same way (test/golden/gen_day6.py), the learning target (train and test accuracy 1.0), the
 * figures, and the hand-written BPTT against autograd and finite differences — including the
 * proof that the tutorial's W_hh (instead of W_hhᵀ) is wrong.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { F, Tensor, gradcheck } from '../../src/autograd/index.js';
import { loadPhrases } from '../../course/day6/data.js';
import { bpttGrads, checkParams, numericalGrads, relativeErrors } from '../../course/day6/bptt.js';
import {
  PARAM_NAMES,
  clipGrads,
  initRnn,
  rnnForward,
  type RnnGrads,
  type RnnParams,
} from '../../course/day6/rnn.js';
import { EPOCHS } from '../../course/day6/train.js';
import { loadGolden } from '../helpers.js';
import { pngSize, runFast } from './helpers.js';

interface Report {
  epoch: number;
  train_loss: number;
  train_accuracy: number;
  test_loss: number;
  test_accuracy: number;
}
const golden = loadGolden<{
  vocabulary: string[];
  untrained: number[];
  reports: Report[];
  tutorial_reports: Report[];
}>('day6');

let run: Awaited<ReturnType<typeof runFast>>;

beforeAll(async () => {
  run = await runFast(6);
}, 120_000);

describe('Day 6 in fast mode: the numbers of the course', () => {
  it('58 training and 20 test phrases over an 18-word vocabulary, one-hot (18, 1) inputs', () => {
    expect(run.records['data.train']).toBe(58);
    expect(run.records['data.test']).toBe(20);
    expect(run.records['vocab.size']).toBe(18);
    expect(run.records['vocab.inputShape']).toBe('(18,1)');
    expect(loadPhrases().vocabulary.tokens).toEqual(golden.vocabulary);
  });

  it('the untrained RNN answers ≈ [0.5, 0.5] (exactly NumPy’s numbers)', () => {
    expect(run.records['untrained.p0']).toBeCloseTo(0.5, 4);
    expect(run.records['untrained.p1']).toBeCloseTo(0.5, 4);
    expect(run.records['untrained.p0']).toBeCloseTo(golden.untrained[0], 14);
    expect(run.records['untrained.p1']).toBeCloseTo(golden.untrained[1], 14);
  });

  it('prints the reports every 100 epochs, digit for digit those of the NumPy program', () => {
    expect(run.records['train.epochs']).toBe(EPOCHS.fast);
    for (const r of golden.reports.filter((g) => g.epoch <= EPOCHS.fast)) {
      expect(run.text).toContain(
        `--- Epoch ${r.epoch}\nTrain:\tLoss ${r.train_loss.toFixed(3)} | Accuracy: ${r.train_accuracy.toFixed(3)}\n` +
          `Test:\tLoss ${r.test_loss.toFixed(3)} | Accuracy: ${r.test_accuracy.toFixed(3)}`,
      );
    }
    const last = golden.reports.find((g) => g.epoch === EPOCHS.fast)!;
    // unrounded: the same up to the rounding differences of 400 × 58 SGD steps (sums taken in another
    // order), which the fast escape from the plateau around epoch 300 amplifies to ~1e-3
    expect(Math.abs((run.records['train.loss'] as number) / last.train_loss - 1)).toBeLessThan(1e-2);
    expect(Math.abs((run.records['test.loss'] as number) / last.test_loss - 1)).toBeLessThan(1e-2);
  });

  it('reaches train and test accuracy 1.0 (the full run too, per NumPy, and the tutorial’s W_hh does not)', () => {
    expect(run.records['train.accuracy']).toBe(1);
    expect(run.records['test.accuracy']).toBe(1);
    expect(run.records['predict.correct']).toBe(20);
    const full = golden.reports[golden.reports.length - 1];
    expect([full.epoch, full.train_accuracy, full.test_accuracy]).toEqual([1000, 1, 1]);
    const tutorial = golden.tutorial_reports[golden.tutorial_reports.length - 1];
    expect([tutorial.train_accuracy, tutorial.test_accuracy]).toEqual([1, 0.8]);
  });

  it('the lesson’s gradient check: ours ≈ 1e-9, the tutorial’s far off', () => {
    expect(run.records['gradcheck.ours']).toBeLessThan(1e-6);
    expect(run.records['gradcheck.tutorial']).toBeGreaterThan(0.1);
  });

  it('beyond the toy: LSTM and GRU from nn learn on the UCI sentences (a subset in fast mode)', () => {
    expect(run.records['uci.train']).toBe(400);
    expect(run.records['uci.test']).toBe(200);
    expect(run.records['uci.vocab']).toBeGreaterThan(300);
    for (const kind of ['LSTM', 'GRU']) {
      expect(run.records[`uci.${kind}.loss`]).toBeLessThan(run.records[`uci.${kind}.firstLoss`] as number);
      expect(run.records[`uci.${kind}.trainAccuracy`]).toBeGreaterThan(0.65);
      expect(run.records[`uci.${kind}.testAccuracy`]).toBeGreaterThan(0.5);
    }
  });

  it('writes its figures as valid PNGs', () => {
    const names = run.files.map((f) => f.split('/').pop());
    expect(names).toEqual(['rnn_training.png', 'rnn_reading.png', 'uci_lstm_gru.png']);
    for (const f of run.files) {
      const { width, height } = pngSize(f);
      expect(width).toBeGreaterThan(500);
      expect(height).toBeGreaterThan(300);
    }
  });
});

/** The same RNN on the autograd engine: h_t = tanh(W_xh x_t + W_hh h_{t−1} + b_h), y = W_hy h_T + b_y. */
function autogradGrads(p: RnnParams, xs: nd.NDArray[], target: number): { loss: number; grads: RnnGrads } {
  const t = {} as Record<(typeof PARAM_NAMES)[number], Tensor>;
  for (const k of PARAM_NAMES) t[k] = new Tensor(p[k].copy(), { requiresGrad: true });
  let h = new Tensor(nd.zeros([p.Whh.shape[0], 1]));
  for (const x of xs) h = t.Wxh.matmul(new Tensor(x)).add(t.Whh.matmul(h)).add(t.bh).tanh();
  const y = t.Why.matmul(h).add(t.by); // (2, 1)
  const loss = F.crossEntropy(y.reshape(1, 2), nd.array([target], { dtype: 'int64' }));
  loss.backward();
  const grads = {} as RnnGrads;
  for (const k of PARAM_NAMES) grads[k] = t[k].grad!.data;
  return { loss: loss.item(), grads };
}

describe('Day 6: the hand-written BPTT', () => {
  const { vocabulary, trainSet } = loadPhrases();
  const phrase = trainSet.find((ex) => ex.text === 'i am not at all happy')!;

  it('equals autograd at hidden 64 (the lesson’s weights and bigger ones), for every phrase length', () => {
    const small = initRnn(nd.random.defaultRng(0), vocabulary.size, 64, 2);
    const big = checkParams(nd.random.defaultRng(3), vocabulary.size, 64);
    for (const p of [small, big]) {
      for (const ex of [trainSet[0], trainSet[20], phrase]) {
        const hand = bpttGrads(p, ex.xs, ex.target);
        const auto = autogradGrads(p, ex.xs, ex.target).grads;
        for (const k of PARAM_NAMES) {
          const scale = Number(nd.abs(auto[k]).max().item()) || 1;
          expect(Number(nd.abs(hand[k].sub(auto[k])).max().item()) / scale, k).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('equals central finite differences entry by entry; the tutorial’s W_hh fails the same check', () => {
    const p = checkParams(nd.random.defaultRng(1), vocabulary.size);
    const numeric = numericalGrads(p, phrase.xs, 0);
    const ours = relativeErrors(bpttGrads(p, phrase.xs, 0), numeric);
    const tutorial = relativeErrors(bpttGrads(p, phrase.xs, 0, { tutorialBug: true }), numeric);
    for (const k of PARAM_NAMES) expect(ours[k], k).toBeLessThan(1e-7);
    // W_hy and b_y do not flow back through time: both versions get them right
    expect(tutorial.Why).toBeLessThan(1e-7);
    expect(tutorial.by).toBeLessThan(1e-7);
    for (const k of ['Whh', 'Wxh', 'bh'] as const) expect(tutorial[k], k).toBeGreaterThan(0.05);
  });

  it('the autograd RNN itself passes gradcheck (so the reference is right)', () => {
    const p = checkParams(nd.random.defaultRng(2), vocabulary.size, 5);
    const ts = PARAM_NAMES.map((k) => new Tensor(p[k].copy(), { requiresGrad: true }));
    const f = (Wxh: Tensor, Whh: Tensor, Why: Tensor, bh: Tensor, by: Tensor) => {
      let h = new Tensor(nd.zeros([5, 1]));
      for (const x of phrase.xs) h = Wxh.matmul(new Tensor(x)).add(Whh.matmul(h)).add(bh).tanh();
      return Why.matmul(h).add(by);
    };
    expect(gradcheck((...a: Tensor[]) => f(a[0], a[1], a[2], a[3], a[4]), ts)).toBe(true);
  });

  it('one-word phrases: both versions agree (nothing flows back through W_hh)', () => {
    const p = checkParams(nd.random.defaultRng(4), vocabulary.size);
    const ex = trainSet[0]; // "good"
    expect(ex.xs.length).toBe(1);
    const a = bpttGrads(p, ex.xs, ex.target);
    const b = bpttGrads(p, ex.xs, ex.target, { tutorialBug: true });
    for (const k of PARAM_NAMES) expect(Number(nd.abs(a[k].sub(b[k])).max().item())).toBe(0);
  });

  it('clipping bounds every gradient to [−1, 1] in place', () => {
    const p = checkParams(nd.random.defaultRng(5), vocabulary.size);
    const { y } = rnnForward(p, phrase.xs);
    expect(y.shape).toEqual([2, 1]);
    const g = bpttGrads(p, phrase.xs, 1);
    for (const k of PARAM_NAMES) nd.multiply(g[k], 100, { out: g[k] });
    clipGrads(g);
    for (const k of PARAM_NAMES) {
      expect(Number(g[k].max().item())).toBeLessThanOrEqual(1);
      expect(Number(g[k].min().item())).toBeGreaterThanOrEqual(-1);
    }
  });
});
