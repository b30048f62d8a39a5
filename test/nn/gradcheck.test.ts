/**
 * Every layer's backward against central finite differences in float64 (inputs and parameters),
 * plus second derivatives through the convolution and pooling ops.
 */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import { gradcheck } from '../../src/autograd/gradcheck.js';
import { grad } from '../../src/autograd/grad.js';
import { concat } from '../../src/autograd/ops/movement.js';
import * as C from '../../src/autograd/ops/conv.js';
import * as nn from '../../src/nn/index.js';

const rng = nd.random.defaultRng(7);
const f64 = { dtype: 'float64' as const, rng };

/** A float64 input that requires grad, values N(0, 1). */
function input(...shape: number[]): Tensor {
  return new Tensor(rng.normal(0, 1, shape), { requiresGrad: true });
}

/** Distinct values, so max pooling has no ties for finite differences to trip on. */
function distinct(...shape: number[]): Tensor {
  const n = shape.reduce((p, q) => p * q, 1);
  const vals = rng
    .permutation(n)
    .astype('float64')
    .mul(0.1)
    .add(rng.uniform(0, 0.01, [n]));
  return new Tensor(vals.reshape(shape), { requiresGrad: true });
}

/** gradcheck of `m` on `xs` with respect to the inputs and every parameter. */
function checkModule(m: nn.AnyModule, run: (...xs: Tensor[]) => Tensor, xs: Tensor[]): void {
  const params = m.parameters();
  expect(gradcheck((...all: Tensor[]) => run(...all.slice(0, xs.length)), [...xs, ...params])).toBe(true);
}

const callOf =
  (m: nn.AnyModule) =>
  (x: Tensor): Tensor =>
    (m as unknown as { call(x: Tensor): Tensor }).call(x);

describe('gradcheck: layers (float64)', () => {
  it('Linear', () => {
    const m = new nn.Linear(3, 2, f64);
    checkModule(m, callOf(m), [input(2, 4, 3)]);
  });

  it('Conv1d with stride, padding, dilation, groups', () => {
    const m = new nn.Conv1d(2, 4, 3, { ...f64, stride: 2, padding: 2, dilation: 2, groups: 2 });
    checkModule(m, callOf(m), [input(2, 2, 7)]);
  });

  it('Conv2d with stride, padding, groups', () => {
    const m = new nn.Conv2d(2, 4, 3, { ...f64, stride: 2, padding: 1, groups: 2 });
    checkModule(m, callOf(m), [input(2, 2, 5, 4)]);
  });

  it("Conv2d with 'same' padding, a rectangular kernel and dilation", () => {
    const m = new nn.Conv2d(2, 2, [2, 3], { ...f64, padding: 'same', dilation: [2, 1] });
    checkModule(m, callOf(m), [input(1, 2, 4, 5)]);
  });

  it('ConvTranspose2d with stride, padding, outputPadding', () => {
    const m = new nn.ConvTranspose2d(2, 3, 3, { ...f64, stride: 2, padding: 1, outputPadding: 1 });
    checkModule(m, callOf(m), [input(2, 2, 3, 2)]);
  });

  it('ConvTranspose2d with groups and dilation', () => {
    const m = new nn.ConvTranspose2d(4, 2, 2, { ...f64, groups: 2, dilation: 2, stride: [1, 2] });
    checkModule(m, callOf(m), [input(1, 4, 3, 3)]);
  });

  it('MaxPool2d (kernel 3, stride 2, padding 1) and ceilMode', () => {
    const x = distinct(2, 2, 5, 6);
    expect(gradcheck((a) => new nn.MaxPool2d(3, { stride: 2, padding: 1 }).call(a), [x])).toBe(true);
    expect(gradcheck((a) => new nn.MaxPool2d(2, { ceilMode: true }).call(a), [x])).toBe(true);
    expect(gradcheck((a) => new nn.MaxPool1d(2, { stride: 1 }).call(a), [distinct(1, 2, 5)])).toBe(true);
  });

  it('AvgPool2d with and without countIncludePad; AvgPool1d', () => {
    const x = input(2, 2, 5, 6);
    expect(gradcheck((a) => new nn.AvgPool2d(3, { stride: 2, padding: 1 }).call(a), [x])).toBe(true);
    expect(
      gradcheck(
        (a) => new nn.AvgPool2d([2, 3], { stride: 1, padding: 1, countIncludePad: false }).call(a),
        [x],
      ),
    ).toBe(true);
    expect(gradcheck((a) => new nn.AvgPool1d(3, { stride: 2 }).call(a), [input(1, 2, 7)])).toBe(true);
  });

  it('AdaptiveAvgPool2d (uneven windows and the pooling path)', () => {
    const x = input(1, 2, 5, 7);
    expect(gradcheck((a) => new nn.AdaptiveAvgPool2d([3, 2]).call(a), [x])).toBe(true);
    expect(gradcheck((a) => new nn.AdaptiveAvgPool2d(1).call(a), [x])).toBe(true);
    expect(gradcheck((a) => new nn.AdaptiveAvgPool2d([null, 3]).call(a), [input(1, 1, 4, 6)])).toBe(true);
  });

  it('Upsample nearest, bilinear (alignCorners both ways), linear', () => {
    const x = input(1, 2, 3, 4);
    expect(gradcheck((a) => new nn.Upsample({ scaleFactor: 2 }).call(a), [x])).toBe(true);
    expect(gradcheck((a) => new nn.Upsample({ size: [5, 3], mode: 'bilinear' }).call(a), [x])).toBe(true);
    expect(
      gradcheck((a) => new nn.Upsample({ size: [4, 7], mode: 'bilinear', alignCorners: true }).call(a), [x]),
    ).toBe(true);
    expect(
      gradcheck((a) => new nn.Upsample({ scaleFactor: 1.5, mode: 'linear' }).call(a), [input(2, 1, 4)]),
    ).toBe(true);
  });

  it('BatchNorm1d and BatchNorm2d in training and eval mode', () => {
    const b1 = new nn.BatchNorm1d(3, f64);
    nn.init.normal(b1.weight!, 1, 0.5, { rng });
    nn.init.normal(b1.bias!, 0, 0.5, { rng });
    checkModule(b1, callOf(b1), [input(4, 3)]);
    checkModule(b1, callOf(b1), [input(3, 3, 2)]);
    const b2 = new nn.BatchNorm2d(2, f64);
    nn.init.normal(b2.weight!, 1, 0.5, { rng });
    checkModule(b2, callOf(b2), [input(2, 2, 3, 2)]);
    b2.eval();
    checkModule(b2, callOf(b2), [input(2, 2, 3, 2)]);
  });

  it('LayerNorm and GroupNorm', () => {
    const ln = new nn.LayerNorm([3, 4], f64);
    nn.init.normal(ln.weight!, 1, 0.5, { rng });
    nn.init.normal(ln.bias!, 0, 0.5, { rng });
    checkModule(ln, callOf(ln), [input(2, 3, 4)]);
    const gn = new nn.GroupNorm(2, 4, f64);
    nn.init.normal(gn.weight!, 1, 0.5, { rng });
    checkModule(gn, callOf(gn), [input(2, 4, 3)]);
  });

  it('Embedding (and no gradient for the padding row)', () => {
    const ids = nd.array(
      [
        [0, 2, 4],
        [4, 1, 1],
      ],
      { dtype: 'int64' },
    );
    const e = new nn.Embedding(5, 3, f64);
    expect(gradcheck(() => e.call(ids), [e.weight])).toBe(true);
    const p = new nn.Embedding(5, 3, { ...f64, paddingIdx: 1 });
    expect(Array.from(p.weight.data.get(1).toTypedArray())).toEqual([0, 0, 0]);
    p.call(ids)
      .mul(new Tensor(rng.normal(0, 1, [2, 3, 3])))
      .sum()
      .backward();
    expect(Array.from(p.weight.grad!.data.get(1).toTypedArray())).toEqual([0, 0, 0]);
    expect(Number(nd.absolute(p.weight.grad!.data.get(4)).sum().item())).toBeGreaterThan(0);
  });

  it('RNN (tanh and relu), 2 layers, bidirectional, with h0', () => {
    const m = new nn.RNN(2, 3, { ...f64, numLayers: 2, bidirectional: true });
    checkModule(m, (x, h) => m.call(x, h)[0].sum({ axis: 2 }).add(m.call(x, h)[1].sum()), [
      input(3, 2, 2),
      input(4, 2, 3),
    ]);
    const r = new nn.RNN(2, 2, { ...f64, nonlinearity: 'relu', batchFirst: true });
    checkModule(r, (x) => r.call(x)[0], [input(2, 3, 2)]);
  });

  it('LSTM, 2 layers, bidirectional, batchFirst, with (h0, c0)', () => {
    const m = new nn.LSTM(2, 2, { ...f64, numLayers: 2, bidirectional: true, batchFirst: true });
    const run = (x: Tensor, h: Tensor, c: Tensor): Tensor => {
      const [y, [hn, cn]] = m.call(x, [h, c]);
      return concat([y.flatten(), hn.flatten(), cn.flatten()]);
    };
    checkModule(m, run, [input(2, 3, 2), input(4, 2, 2), input(4, 2, 2)]);
  });

  it('GRU, 2 layers, with h0; unbatched input', () => {
    const m = new nn.GRU(2, 3, { ...f64, numLayers: 2 });
    checkModule(m, (x, h) => concat([m.call(x, h)[0].flatten(), m.call(x, h)[1].flatten()]), [
      input(3, 2, 2),
      input(2, 2, 3),
    ]);
    const u = new nn.GRU(2, 2, { ...f64, bidirectional: true });
    checkModule(u, (x) => u.call(x)[0], [input(4, 2)]);
  });

  it('RNNCell, LSTMCell, GRUCell; RMSNorm', () => {
    const r = new nn.RNNCell(2, 3, f64);
    checkModule(r, (x, h) => r.call(x, h), [input(2, 2), input(2, 3)]);
    const l = new nn.LSTMCell(2, 2, f64);
    checkModule(l, (x, h, c) => concat(l.call(x, [h, c])), [input(3, 2), input(3, 2), input(3, 2)]);
    const g = new nn.GRUCell(3, 2, f64);
    checkModule(g, (x) => g.call(x), [input(3)]);
    const n = new nn.RMSNorm(4, { ...f64, eps: 1e-6 });
    nn.init.normal(n.weight!, 1, 0.5, { rng });
    checkModule(n, callOf(n), [input(2, 3, 4)]);
  });

  it('MultiheadAttention with key padding and attention masks', () => {
    const m = new nn.MultiheadAttention(4, 2, f64);
    nn.init.normal(m.inProjBias!, 0, 0.3, { rng });
    const kpm = nd.array([
      [false, false, true],
      [false, false, false],
    ]);
    const am = nd.array([
      [false, true, false],
      [false, false, false],
    ]);
    const run = (q: Tensor, k: Tensor, v: Tensor): Tensor => {
      const [y, w] = m.call(q, k, v, { keyPaddingMask: kpm, attnMask: am });
      return concat([y.flatten(), w!.flatten()]);
    };
    checkModule(m, run, [input(2, 2, 4), input(3, 2, 4), input(3, 2, 4)]);
  });

  it('MultiheadAttention causal, batch first, per-head weights', () => {
    const m = new nn.MultiheadAttention(4, 2, { ...f64, batchFirst: true });
    const run = (x: Tensor): Tensor => {
      const [y, w] = m.call(x, x, x, { isCausal: true, averageAttnWeights: false });
      return concat([y.flatten(), w!.flatten()]);
    };
    checkModule(m, run, [input(2, 3, 4)]);
  });

  it('TransformerEncoderLayer and TransformerDecoderLayer (post-norm and pre-norm)', () => {
    for (const normFirst of [false, true]) {
      const enc = new nn.TransformerEncoderLayer(4, 2, { ...f64, dimFeedforward: 6, dropout: 0, normFirst });
      checkModule(enc, (x) => enc.call(x, { isCausal: true }), [input(3, 2, 4)]);
      const dec = new nn.TransformerDecoderLayer(4, 2, {
        ...f64,
        dimFeedforward: 6,
        dropout: 0,
        normFirst,
        activation: 'gelu',
      });
      checkModule(dec, (t, mem) => dec.call(t, mem, { tgtIsCausal: true }), [input(2, 1, 4), input(3, 1, 4)]);
    }
  });

  it('Transformer (1 + 1 layers)', () => {
    const m = new nn.Transformer(4, 2, {
      ...f64,
      numEncoderLayers: 1,
      numDecoderLayers: 1,
      dimFeedforward: 4,
      dropout: 0,
      batchFirst: true,
    });
    const mask = nn.generateSquareSubsequentMask(2, 'float64');
    checkModule(m, (s, t) => m.call(s, t, { tgtMask: mask }), [input(1, 3, 4), input(1, 2, 4)]);
  });

  it('activations and losses as modules', () => {
    const x = input(3, 4);
    for (const m of [
      new nn.GELU(),
      new nn.GELU('tanh'),
      new nn.SiLU(),
      new nn.LeakyReLU(0.2),
      new nn.Softmax(1),
      new nn.LogSoftmax(0),
      new nn.Tanh(),
      new nn.Sigmoid(),
    ]) {
      expect(gradcheck((a) => m.call(a), [x])).toBe(true);
    }
    const target = new Tensor(rng.normal(0, 1, [3, 4]));
    const labels = nd.array([0, 3, 1], { dtype: 'int64' });
    const losses: [nn.AnyModule, unknown][] = [
      [new nn.MSELoss(), target],
      [new nn.HuberLoss({ delta: 0.5 }), target],
      [new nn.SmoothL1Loss({ beta: 0.5 }), target],
      [new nn.CrossEntropyLoss({ labelSmoothing: 0.1 }), labels],
      [new nn.MultiMarginLoss(), labels],
      [new nn.BCEWithLogitsLoss(), new Tensor(rng.uniform(0, 1, [3, 4]))],
    ];
    for (const [m, y] of losses) {
      expect(
        gradcheck((a) => (m as unknown as { call(a: Tensor, y: unknown): Tensor }).call(a, y), [x]),
      ).toBe(true);
    }
  });
});

describe('second derivatives through convolution and pooling', () => {
  /** The gradient of Σ f(x, w)² with respect to (x, w), kept differentiable. */
  const gradOf = (f: (x: Tensor, w: Tensor) => Tensor) => (x: Tensor, w: Tensor) => {
    const [gx, gw] = grad((a: Tensor, b: Tensor) => f(a, b).square().sum(), [0, 1])(x, w) as Tensor[];
    return concat([gx.flatten(), gw.flatten()]);
  };

  it('conv2d: grad of grad equals finite differences of the gradient', () => {
    const f = (x: Tensor, w: Tensor): Tensor =>
      C.conv2d(x, w, null, { stride: 2, padding: 1, groups: 2, dilation: [1, 2] });
    expect(gradcheck(gradOf(f), [input(1, 2, 4, 5), input(2, 1, 2, 2)])).toBe(true);
  });

  it('convTranspose2d: grad of grad', () => {
    const f = (x: Tensor, w: Tensor): Tensor =>
      C.convTranspose2d(x, w, null, { stride: 2, padding: 1, outputPadding: 1 });
    expect(gradcheck(gradOf(f), [input(1, 2, 2, 3), input(2, 1, 3, 2)])).toBe(true);
  });

  it('pooling: grad of grad (max pooling keeps its arg-max routing)', () => {
    const f = (x: Tensor, w: Tensor): Tensor =>
      C.maxPool2d(x.mul(w), 2, { stride: 1 }).add(C.avgPool2d(x, 2, { padding: 1 }).sum());
    expect(gradcheck(gradOf(f), [distinct(1, 1, 3, 3), input(1, 1, 1, 1)])).toBe(true);
  });
});
