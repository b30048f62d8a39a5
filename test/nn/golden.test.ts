/**
 * Layer forwards against NumPy references of PyTorch's definitions (test/golden/gen_nn.py). The
 * weights are loaded with loadStateDict under PyTorch's keys, which also checks our names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor } from '../../src/autograd/tensor.js';
import * as nn from '../../src/nn/index.js';
import { setBackend } from '../../src/kernels/backend.js';
import { dec, expectArray, loadGolden, type ArraySpec } from '../helpers.js';

interface LayerCase {
  kind: string;
  name: string;
  config: Record<string, unknown>;
  state: Record<string, ArraySpec>;
  inputs: Record<string, ArraySpec>;
  outputs: Record<string, ArraySpec>;
  grads?: Record<string, ArraySpec>;
}

const golden = loadGolden<{ layers: LayerCase[] }>('nn');
const tol = { rtol: 1e-9, atol: 1e-11 };
type Pair = number | [number, number];

function build(c: LayerCase): nn.AnyModule {
  const k = c.config as Record<string, never>;
  const f64 = { dtype: 'float64' as const };
  switch (c.kind) {
    case 'Linear':
      return new nn.Linear(k.in, k.out, { ...f64, bias: k.bias });
    case 'Conv2d':
      return new nn.Conv2d(k.in, k.out, k.kernel as Pair, {
        ...f64,
        stride: k.stride,
        padding: k.padding,
        dilation: k.dilation,
        groups: k.groups,
      });
    case 'Conv1d':
      return new nn.Conv1d(k.in, k.out, k.kernel, {
        ...f64,
        stride: k.stride,
        padding: k.padding,
        dilation: k.dilation,
        groups: k.groups,
      });
    case 'ConvTranspose2d':
      return new nn.ConvTranspose2d(k.in, k.out, k.kernel as Pair, {
        ...f64,
        stride: k.stride,
        padding: k.padding,
        outputPadding: k.outputPadding,
        dilation: k.dilation,
        groups: k.groups,
      });
    case 'MaxPool2d':
      return new nn.MaxPool2d(k.kernel, {
        stride: k.stride ?? undefined,
        padding: k.padding,
        ceilMode: k.ceilMode,
      });
    case 'AvgPool2d':
      return new nn.AvgPool2d(k.kernel, {
        stride: k.stride ?? undefined,
        padding: k.padding,
        countIncludePad: k.countIncludePad,
      });
    case 'AdaptiveAvgPool2d':
      return new nn.AdaptiveAvgPool2d(k.output as [number, number]);
    case 'Upsample':
      return new nn.Upsample({
        size: k.size ?? undefined,
        scaleFactor: k.scaleFactor ?? undefined,
        mode: k.mode,
        alignCorners: k.alignCorners,
      });
    case 'BatchNorm1d':
      return new nn.BatchNorm1d(k.features, { ...f64, momentum: k.momentum });
    case 'BatchNorm2d':
      return new nn.BatchNorm2d(k.features, { ...f64, momentum: k.momentum });
    case 'LayerNorm':
      return new nn.LayerNorm(k.shape, { ...f64, eps: k.eps });
    case 'GroupNorm':
      return new nn.GroupNorm(k.groups, k.channels, f64);
    case 'Embedding':
      return new nn.Embedding(k.num, k.dim, { ...f64, paddingIdx: k.paddingIdx });
    case 'RNN':
    case 'LSTM':
    case 'GRU': {
      const opts = {
        ...f64,
        numLayers: k.numLayers,
        bidirectional: k.bidirectional,
        batchFirst: k.batchFirst,
        bias: k.bias,
      };
      if (c.kind === 'RNN') return new nn.RNN(k.input, k.hidden, { ...opts, nonlinearity: k.nonlinearity });
      return c.kind === 'LSTM' ? new nn.LSTM(k.input, k.hidden, opts) : new nn.GRU(k.input, k.hidden, opts);
    }
    case 'RNNCell':
      return new nn.RNNCell(k.input, k.hidden, { ...f64, bias: k.bias, nonlinearity: k.nonlinearity });
    case 'LSTMCell':
      return new nn.LSTMCell(k.input, k.hidden, { ...f64, bias: k.bias });
    case 'GRUCell':
      return new nn.GRUCell(k.input, k.hidden, { ...f64, bias: k.bias });
    case 'RMSNorm':
      return new nn.RMSNorm(k.shape, { ...f64, eps: k.eps });
    case 'MultiheadAttention':
      return new nn.MultiheadAttention(k.embed, k.heads, { ...f64, batchFirst: k.batchFirst });
    case 'TransformerEncoderLayer':
      return new nn.TransformerEncoderLayer(k.dModel, k.nhead, {
        ...f64,
        dimFeedforward: k.dimFeedforward,
        normFirst: k.normFirst,
        dropout: 0,
      });
    default:
      throw new Error(`unknown kind ${c.kind}`);
  }
}

const t = (s: ArraySpec): Tensor => new Tensor(dec(s));

function runCase(c: LayerCase): void {
  const m = build(c);
  const state = Object.fromEntries(Object.entries(c.state).map(([key, v]) => [key, dec(v)]));
  // loads strictly where the golden lists every parameter (buffers are checked as outputs)
  m.loadStateDict(state, { strict: !c.kind.startsWith('BatchNorm') });
  const i = c.inputs;
  const o = c.outputs;
  const call = (...args: unknown[]): unknown =>
    (m as unknown as { call(...a: unknown[]): unknown }).call(...args);
  switch (c.kind) {
    case 'BatchNorm1d':
    case 'BatchNorm2d': {
      m.train();
      expectArray((call(t(i.x1)) as Tensor).data, o.y1, tol);
      expectArray((call(t(i.x2)) as Tensor).data, o.y2, tol);
      const sd = m.stateDict();
      expectArray(sd.running_mean, o.running_mean, tol);
      expectArray(sd.running_var, o.running_var, tol);
      expect(Number(sd.num_batches_tracked.item())).toBe(2);
      m.eval();
      expectArray((call(t(i.x3)) as Tensor).data, o.y3, tol);
      break;
    }
    case 'Embedding':
      expectArray((call(dec(i.ids)) as Tensor).data, o.y, tol);
      break;
    case 'RNN':
    case 'LSTM':
    case 'GRU': {
      const x = t(i.x);
      let hx: unknown = undefined;
      if (i.c0) hx = [t(i.h0), t(i.c0)];
      else if (i.h0) hx = t(i.h0);
      const [y, state2] = call(x, hx) as [Tensor, Tensor | [Tensor, Tensor]];
      expectArray(y.data, o.y, tol);
      if (c.kind === 'LSTM') {
        const [hn, cn] = state2 as [Tensor, Tensor];
        expectArray(hn.data, o.hn, tol);
        expectArray(cn.data, o.cn, tol);
      } else expectArray((state2 as Tensor).data, o.hn, tol);
      break;
    }
    case 'RNNCell':
    case 'GRUCell':
      expectArray((call(t(i.x), i.h0 ? t(i.h0) : undefined) as Tensor).data, o.hn, tol);
      break;
    case 'LSTMCell': {
      const [h, cc] = call(t(i.x), [t(i.h0), t(i.c0)]) as [Tensor, Tensor];
      expectArray(h.data, o.hn, tol);
      expectArray(cc.data, o.cn, tol);
      break;
    }
    case 'MultiheadAttention': {
      const opts = {
        keyPaddingMask: i.keyPaddingMask ? dec(i.keyPaddingMask) : null,
        attnMask: i.attnMask ? dec(i.attnMask) : null,
        isCausal: c.config.isCausal as boolean,
      };
      const [y, w] = call(t(i.query), t(i.key), t(i.value), opts) as [Tensor, Tensor];
      expectArray(y.data, o.y, tol);
      expectArray(w.data, o.weights, tol);
      break;
    }
    case 'TransformerEncoderLayer': {
      m.eval();
      const y = call(t(i.x), { srcKeyPaddingMask: dec(i.srcKeyPaddingMask) }) as Tensor;
      expectArray(y.data, o.y, tol);
      break;
    }
    case 'MaxPool2d': {
      const x = new Tensor(dec(i.x), { requiresGrad: true });
      const y = call(x) as Tensor;
      expectArray(y.data, o.y, tol);
      y.backward(t(i.gy));
      // each window's gradient goes to ONE arg-max, never to every tied maximum
      expectArray(x.grad!.data, c.grads!.x, tol);
      break;
    }
    default:
      expectArray((call(t(i.x)) as Tensor).data, o.y, tol);
  }
}

describe('nn layers equal NumPy references of PyTorch', () => {
  it('has the cases', () => {
    expect(golden.layers.length).toBeGreaterThanOrEqual(50);
  });

  for (const c of golden.layers) it(`${c.kind} ${c.name}`, () => runCase(c));

  it('float32 layers agree with the float64 goldens to float32 precision', () => {
    const c = golden.layers.find((l) => l.name === 'conv2d_groups')!;
    const m = build(c).to('float32');
    m.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, dec(v)])));
    const y = (m as unknown as nn.Conv2d).call(new Tensor(dec(c.inputs.x).astype('float32')));
    expect(y.dtype).toBe('float32');
    expectArray(y.data.astype('float64'), c.outputs.y, { rtol: 1e-4, atol: 1e-5 });
  });

  it('stateDict keys follow PyTorch', () => {
    expect(Object.keys(new nn.LSTM(2, 3, { numLayers: 2, bidirectional: true }).stateDict())).toEqual(
      ['l0', 'l0_reverse', 'l1', 'l1_reverse'].flatMap((s) =>
        ['weight_ih_', 'weight_hh_', 'bias_ih_', 'bias_hh_'].map((w) => w + s),
      ),
    );
    expect(Object.keys(new nn.BatchNorm2d(3).stateDict())).toEqual([
      'weight',
      'bias',
      'running_mean',
      'running_var',
      'num_batches_tracked',
    ]);
    const enc = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    expect(Object.keys(enc.stateDict())).toEqual([
      'self_attn.in_proj_weight',
      'self_attn.in_proj_bias',
      'self_attn.out_proj.weight',
      'self_attn.out_proj.bias',
      'linear1.weight',
      'linear1.bias',
      'linear2.weight',
      'linear2.bias',
      'norm1.weight',
      'norm1.bias',
      'norm2.weight',
      'norm2.bias',
    ]);
    const tr = new nn.Transformer(8, 2, { numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 16 });
    const keys = Object.keys(tr.stateDict());
    expect(keys).toContain('encoder.layers.1.self_attn.in_proj_weight');
    expect(keys).toContain('decoder.layers.0.multihead_attn.out_proj.bias');
    expect(keys).toContain('decoder.norm.weight');
    expect(nd.shapeSize([2])).toBe(2);
  });
});

describe('convolution and pooling goldens on the js reference backend', () => {
  beforeAll(() => setBackend('js'));
  afterAll(() => setBackend('wasm'));
  const kinds = ['Conv1d', 'Conv2d', 'ConvTranspose2d', 'MaxPool2d', 'AvgPool2d', 'AdaptiveAvgPool2d'];
  for (const c of golden.layers.filter((l) => kinds.includes(l.kind)))
    it(`${c.kind} ${c.name} (js)`, () => runCase(c));
});
