/**
 * Day 5 — a CNN by hand: the course's numbers (IDX magics, Sobel 29, the shapes, 72 weights, untrained
 * loss 2.302), the learning targets, the figures, and the hand-written backward passes — each layer
 * and the whole net — against the autograd engine (src/autograd), finite differences and the
 * original's own loops in NumPy (test/golden/day3_day5.json, from gen_day3_day5.py).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { F, Tensor } from '../../src/autograd/index.js';
import { loadEmbeddedMnist } from '../../src/data/index.js';
import {
  backward,
  convBackward,
  convForward,
  convolve2d,
  countTies,
  forward,
  initCnn,
  numericGradient,
  poolBackward,
  poolBackwardOriginal,
  poolForward,
  prepare,
  slidingWindows,
  softmaxBackward,
  softmaxForward,
  SOBEL_VERTICAL,
  type CnnParams,
} from '../../course/day5/cnn.js';
import { readIdxHeader, trainIdxBytes } from '../../course/day5/mnist.js';
import { trainByHand } from '../../course/day5/train.js';
import { loadGolden } from '../helpers.js';
import { expectPrinted, maxDiff, pngSize, runFast } from './helpers.js';

interface GradSet {
  filters: number[][][];
  biases: number[];
  weights_row0: number[];
  weights_sum: number[];
}
const golden = loadGolden<{
  sobel: { valid: number[][]; same: number[][] };
  idx: { images_magic: number; labels_magic: number; shape: number[]; labels15: number[] };
  cnn_one: Record<
    string,
    { index: number; label: number; loss: number; probs: number[]; fixed: GradSet; original: GradSet }
  >;
  cnn_epoch200: {
    order10: number[];
    mean_loss: number;
    filters: number[][][];
    biases: number[];
    weights_sum: number[];
  };
}>('day3_day5');

let run: Awaited<ReturnType<typeof runFast>>;
let images: nd.NDArray; // (8000, 28, 28) float32
let labels: nd.NDArray; // (8000,) int64

beforeAll(async () => {
  run = await runFast(5);
  ({ images, labels } = (await loadEmbeddedMnist()).train);
}, 150_000);

/** The same net on autograd Tensors (NCHW), in the hand-written layout for the softmax layer. */
function autogradGrads(
  image: nd.NDArray,
  label: number,
  p: CnnParams,
): { loss: number; filters: nd.NDArray; weights: nd.NDArray; biases: nd.NDArray } {
  const x = new Tensor(image.reshape(1, 1, 28, 28)); // (1, 1, 28, 28)
  const filters = new Tensor(p.filters.reshape(8, 1, 3, 3).copy(), { requiresGrad: true }); // (8, 1, 3, 3)
  const weights = new Tensor(p.weights.copy(), { requiresGrad: true }); // (1352, 10)
  const biases = new Tensor(p.biases.copy(), { requiresGrad: true }); // (10,)
  const conv = F.conv2d(x, filters); // (1, 8, 26, 26)
  const pooled = F.maxPool2d(conv, 2); // (1, 8, 13, 13)
  const flat = pooled.permute(0, 2, 3, 1).reshape(1, 1352); // (1, 1352) in (H, W, F) order
  const logits = flat.matmul(weights).add(biases); // (1, 10)
  const loss = F.crossEntropy(logits, nd.array([label]).astype('int64'));
  loss.backward();
  return {
    loss: loss.item(),
    filters: filters.grad!.data.reshape(8, 3, 3),
    weights: weights.grad!.data,
    biases: biases.grad!.data,
  };
}

describe('Day 5 in fast mode: the numbers of the course', () => {
  it('the IDX files: magic 2051 (images) and 2049 (labels), big-endian dims 8000 × 28 × 28; the grid', () => {
    expect(run.records['idx.imagesMagic']).toBe(2051);
    expect(run.records['idx.labelsMagic']).toBe(2049);
    expect(run.records['idx:count']).toBe(golden.idx.shape[0]);
    expect([run.records['idx:rows'], run.records['idx:cols']]).toEqual([28, 28]);
    expect(run.records['idx.sameAsLoader']).toBe(true);
    expect(run.text).toContain('00 00 08 03 00 00 1f 40 00 00 00 1c 00 00 00 1c');
    expect(run.text).toContain(`labels[:15] = array([${golden.idx.labels15.join(', ')}]`);
  });

  it('the Sobel example: first output 29; valid 4×4 → 2×2, same 4×4 → 4×4', () => {
    expect(run.records['sobel.first']).toBe(29);
    expect(JSON.parse(run.records['sobel:valid'] as string)).toEqual(golden.sobel.valid);
    expect(JSON.parse(run.records['sobel:same'] as string)).toEqual(golden.sobel.same);
  });

  it('Conv3x3(8): 28×28 → 26×26×8, 72 weights; MaxPool2 → 13×13×8; Softmax 1352 → 10', () => {
    expect(run.records['conv.outShape']).toBe('26×26×8');
    expect(run.records['conv.weights']).toBe(72);
    expect(run.records['pool.outShape']).toBe('13×13×8');
    expect(run.records['softmax.inputs']).toBe(1352);
    expect(run.records['softmax.params']).toBe(13_530);
  });

  it('untrained: loss 2.302, accuracy ≈ 10 % (chance), reported every 100 steps in the original format', () => {
    expectPrinted(run.records['untrained.loss'], 3, '2.302');
    expect(run.records['untrained.accuracy'] as number).toBeGreaterThan(0.03);
    expect(run.records['untrained.accuracy'] as number).toBeLessThan(0.25);
    expect(run.text).toMatch(/^\[Step 100\] Past 100 steps: Average Loss 2\.30\d \| Accuracy: \d+%$/m);
    // the untrained net is one fixed function: its guesses pile up in a few classes
    const predicted = (run.records['untrained:predicted'] as string).split(' ').map(Number);
    expect(predicted.length).toBe(10);
    expect(predicted.reduce((a, b) => a + b, 0)).toBe(500); // fast mode: 500 test images
    expect(run.text).toContain(`predicted classes 0…9: ${predicted.join(' ')}`);
  });

  it('the backward pass on one digit agrees with finite differences; the original’s tie copying does not', () => {
    expect(run.records['grad.filters'] as number).toBeLessThan(1e-8);
    expect(run.records['grad.weights'] as number).toBeLessThan(1e-8);
    expect(run.records['grad.biases'] as number).toBeLessThan(1e-8);
    expect(run.records['grad.originalPool'] as number).toBeGreaterThan(1e-3);
    expect(run.records['grad:ties'] as number).toBeGreaterThan(100);
  });

  it('training by hand: 3 epochs on 1,000 images, lr 0.005 → test accuracy ≥ 0.72 on 1,000 (the original: ≈ 0.78)', () => {
    const reports =
      run.text.match(/^\[Step \d+\] Past 100 steps: Average Loss \d\.\d{3} \| Accuracy: \d+%$/gm) ?? [];
    expect(reports.length).toBe(5 + 30); // the untrained pass (fast mode: 500 images), then 3 epochs of 1,000
    expect(run.text).toContain('--- Epoch 3 ---');
    expect(run.text).toMatch(/^Test Accuracy: 0\.\d{3}$/m);
    expect(run.records['hand.accuracy'] as number).toBeGreaterThanOrEqual(0.72);
    expect(run.records['hand.loss'] as number).toBeLessThan(1);
  });

  it('the framework versions learn (fast mode: one epoch on 2,000 / 1,000 images)', () => {
    expect(run.records['keras:params']).toBe(13_610);
    expect(run.records['keras.accuracy'] as number).toBeGreaterThan(0.6);
    expect(run.records['bigger.accuracy'] as number).toBeGreaterThan(0.5);
  });

  it('figures: the digit grid, the Sobel responses, the feature maps', () => {
    for (const name of ['digits', 'sobel', 'feature-maps']) {
      const { width, height } = pngSize(join(run.dir, `${name}.png`));
      expect(width).toBeGreaterThan(200);
      expect(height).toBeGreaterThan(200);
    }
    expect(run.files.length).toBe(3);
  });
});

describe('Day 5: the hand-written layers against autograd and finite differences', () => {
  const rng = nd.random.defaultRng(7);

  it('convolve2d and the sliding-window view', () => {
    const a = nd.arange(20).reshape(4, 5);
    const w = slidingWindows(a, 3); // (2, 3, 3, 3)
    expect(w.shape).toEqual([2, 3, 3, 3]);
    expect(w.get(1, 2).toArray()).toEqual([
      [7, 8, 9],
      [12, 13, 14],
      [17, 18, 19],
    ]);
    expect(nd.sharesMemory(w, a)).toBe(true);
    const same = convolve2d(
      nd.array([
        [1, 2],
        [3, 4],
      ]),
      nd.array(SOBEL_VERTICAL),
      'same',
    );
    expect(same.toArray()).toEqual([
      [8, -5],
      [10, -7],
    ]); // NumPy: sliding_window_view(pad(a, 1), (3, 3)) · sobel
  });

  it('conv backward = autograd conv2d weight gradient, for a random upstream gradient', () => {
    const image = rng.standardNormal([28, 28]);
    const filters = rng.standardNormal([8, 3, 3]);
    const dout = rng.standardNormal([26, 26, 8]);
    const { out, cache } = convForward(image, filters);
    const x = new Tensor(image.reshape(1, 1, 28, 28));
    const w = new Tensor(filters.reshape(8, 1, 3, 3).copy(), { requiresGrad: true });
    const y = F.conv2d(x, w); // (1, 8, 26, 26)
    expect(maxDiff(y.data.reshape(8, 26, 26), nd.moveaxis(out, 2, 0))).toBeLessThan(1e-12);
    y.mul(new Tensor(nd.moveaxis(dout, 2, 0).reshape(1, 8, 26, 26)))
      .sum()
      .backward();
    expect(maxDiff(convBackward(dout, cache), w.grad!.data.reshape(8, 3, 3))).toBeLessThan(1e-10);
  });

  it('max-pool backward routes to ONE arg-max, as autograd does; the original’s copies to every tie', () => {
    // integer values: many ties inside the 2×2 windows
    const x = rng.integers(0, 3, [26, 26, 8]).astype('float64');
    const dout = rng.standardNormal([13, 13, 8]);
    const { out, cache } = poolForward(x);
    const t = new Tensor(nd.moveaxis(x, 2, 0).reshape(1, 8, 26, 26).copy(), { requiresGrad: true });
    const y = F.maxPool2d(t, 2); // (1, 8, 13, 13)
    expect(maxDiff(y.data.reshape(8, 13, 13), nd.moveaxis(out, 2, 0))).toBe(0);
    y.mul(new Tensor(nd.moveaxis(dout, 2, 0).reshape(1, 8, 13, 13)))
      .sum()
      .backward();
    const ours = poolBackward(dout, cache);
    expect(maxDiff(nd.moveaxis(ours, 2, 0), t.grad!.data.reshape(8, 26, 26))).toBe(0);
    // every window passes on exactly its dout once; the original passes it once per tied maximum
    expect(Number(ours.sum().item())).toBeCloseTo(Number(dout.sum().item()), 10);
    expect(countTies(cache)).toBeGreaterThan(100);
    const orig = poolBackwardOriginal(dout, cache);
    expect(maxDiff(orig, ours)).toBeGreaterThan(0.1);
  });

  it('softmax backward = autograd (linear + cross-entropy), including dL/dinput', () => {
    const xin = rng.standardNormal([13, 13, 8]);
    const W = rng.standardNormal([1352, 10]).div(100);
    const b = rng.standardNormal([10]).div(10);
    const { probs, cache } = softmaxForward(xin, W, b);
    const ours = softmaxBackward(3, cache, W);
    const xt = new Tensor(xin.reshape(1, 1352).copy(), { requiresGrad: true });
    const Wt = new Tensor(W.copy(), { requiresGrad: true });
    const bt = new Tensor(b.copy(), { requiresGrad: true });
    const logits = xt.matmul(Wt).add(bt); // (1, 10)
    expect(maxDiff(logits.softmax(-1).data.reshape(10), probs)).toBeLessThan(1e-14);
    F.crossEntropy(logits, nd.array([3]).astype('int64')).backward();
    expect(maxDiff(ours.dweights, Wt.grad!.data)).toBeLessThan(1e-13);
    expect(maxDiff(ours.dbiases, bt.grad!.data)).toBeLessThan(1e-14);
    expect(maxDiff(ours.dx.reshape(1, 1352), xt.grad!.data)).toBeLessThan(1e-13);
  });

  it('the whole net: hand-written gradients = autograd = finite differences, on real digits', () => {
    const params = initCnn(0);
    for (const i of [0, 1, 2]) {
      const image = prepare(images.get(i));
      const label = Number(labels.item(i));
      const fw = forward(image, label, params);
      const g = backward(label, fw, params);
      const ag = autogradGrads(image, label, params);
      expect(fw.loss).toBeCloseTo(ag.loss, 12);
      expect(maxDiff(g.filters, ag.filters)).toBeLessThan(1e-12);
      expect(maxDiff(g.weights, ag.weights)).toBeLessThan(1e-14);
      expect(maxDiff(g.biases, ag.biases)).toBeLessThan(1e-14);
      const idx = [0, 4, 13, 40, 71];
      const num = numericGradient(image, label, params, 'filters', idx);
      idx.forEach((k, j) => expect(Number(g.filters.reshape(-1).item(k))).toBeCloseTo(num[j], 8));
    }
  });
});

describe('Day 5: against the original’s loops (NumPy)', () => {
  it('the IDX header read by hand', async () => {
    const raw = await trainIdxBytes();
    const h = readIdxHeader(raw.images);
    expect(h.magic).toBe(golden.idx.images_magic);
    expect(h.dims).toEqual(golden.idx.shape);
    expect(h.dataOffset).toBe(16);
    expect(readIdxHeader(raw.labels).magic).toBe(golden.idx.labels_magic);
  });

  it('loss, probabilities and gradients of one image, with the fix and with the original’s ties', () => {
    const params = initCnn(0); // = the script's default_rng(0) draws
    for (const ref of Object.values(golden.cnn_one)) {
      const image = prepare(images.get(ref.index));
      const fw = forward(image, ref.label, params);
      expect(fw.loss).toBeCloseTo(ref.loss, 12);
      expect(maxDiff(fw.probs, nd.array(ref.probs))).toBeLessThan(1e-14);
      for (const [key, originalPool] of [
        ['fixed', false],
        ['original', true],
      ] as const) {
        const g = backward(ref.label, fw, params, { originalPool });
        const want = ref[key];
        expect(maxDiff(g.filters, nd.array(want.filters))).toBeLessThan(1e-12);
        expect(maxDiff(g.biases, nd.array(want.biases))).toBeLessThan(1e-14);
        expect(maxDiff(g.weights.get(0), nd.array(want.weights_row0))).toBeLessThan(1e-14);
        expect(maxDiff(g.weights.sum({ axis: 0 }), nd.array(want.weights_sum))).toBeLessThan(1e-11);
      }
    }
  });

  it('one epoch of per-image SGD over 200 digits ends where the original’s loops (with the fix) end', () => {
    const rng = nd.random.defaultRng(0);
    const params = initCnn(rng);
    const set = { images: images.get(nd.slice(0, 200)), labels: labels.get(nd.slice(0, 200)) };
    trainByHand(set, params, rng, { epochs: 1, lr: 0.005 });
    const ref = golden.cnn_epoch200;
    expect(maxDiff(params.filters, nd.array(ref.filters))).toBeLessThan(1e-10);
    expect(maxDiff(params.biases, nd.array(ref.biases))).toBeLessThan(1e-10);
    expect(maxDiff(params.weights.sum({ axis: 0 }), nd.array(ref.weights_sum))).toBeLessThan(1e-9);
  });
});
