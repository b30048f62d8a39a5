/** Module, Parameter, containers, state dicts, initialisers, dropout and error messages. */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { Tensor, tensor } from '../../src/autograd/tensor.js';
import * as nn from '../../src/nn/index.js';

class MLP extends nn.Module {
  fc1: nn.Linear;
  act = new nn.ReLU();
  fc2: nn.Linear;
  constructor(rng?: nd.random.Generator) {
    super();
    this.fc1 = new nn.Linear(2, 4, { rng });
    this.fc2 = new nn.Linear(4, 1, { rng });
  }
  forward(x: Tensor): Tensor {
    const h = this.act.call(this.fc1.call(x)); // (B, 4)
    return this.fc2.call(h); // (B, 1)
  }
}

class WithBuffer extends nn.Module {
  scaleFactor = new nn.Parameter(nd.ones([3]));
  inner = new MLP();
  constructor() {
    super();
    this.registerBuffer('runningTotal', nd.zeros([2]));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

describe('Module', () => {
  it('registers Parameters and submodules from its fields, with snake_case names', () => {
    const m = new WithBuffer();
    expect(m.namedParameters().map(([n]) => n)).toEqual([
      'scale_factor',
      'inner.fc1.weight',
      'inner.fc1.bias',
      'inner.fc2.weight',
      'inner.fc2.bias',
    ]);
    expect(m.namedChildren().map(([n]) => n)).toEqual(['inner']);
    expect(m.namedModules().map(([n]) => n)).toEqual(['', 'inner', 'inner.fc1', 'inner.act', 'inner.fc2']);
    expect(Object.keys(m.stateDict())).toEqual([
      'scale_factor',
      'running_total',
      'inner.fc1.weight',
      'inner.fc1.bias',
      'inner.fc2.weight',
      'inner.fc2.bias',
    ]);
    expect(m.parameters().length).toBe(5);
    expect(m.parameters().reduce((s, p) => s + p.size, 0)).toBe(3 + 8 + 4 + 4 + 1);
    expect(m.buffers().length).toBe(1);
  });

  it('counts a shared parameter once (tied weights)', () => {
    const a = new nn.Linear(3, 3);
    const b = new nn.Linear(3, 3);
    b.weight = a.weight;
    const s = new nn.Sequential(a, b);
    expect(s.parameters().length).toBe(3);
  });

  it('train/eval switch every submodule; apply visits children first', () => {
    const m = new MLP();
    m.eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    m.train();
    expect(m.fc2.training).toBe(true);
    const seen: string[] = [];
    m.apply((x) => seen.push(x.constructor.name));
    expect(seen).toEqual(['Linear', 'ReLU', 'Linear', 'MLP']);
  });

  it('zeroGrad clears gradients; call runs forward hooks', () => {
    const m = new MLP();
    m.call(tensor([[1, 2]]))
      .sum()
      .backward();
    expect(m.fc1.weight.grad).not.toBeNull();
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
    const shapes: number[][] = [];
    const h = m.fc1.registerForwardHook((_m, _in, out) => shapes.push([...(out as Tensor).shape]));
    m.call(
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    h.remove();
    m.call(tensor([[1, 2]]));
    expect(shapes).toEqual([[3, 4]]);
  });

  it('stateDict → loadStateDict restores outputs; errors are strict and clear', () => {
    const a = new MLP(nd.random.defaultRng(1));
    const b = new MLP(nd.random.defaultRng(2));
    const x = tensor([[0.5, -1]]);
    expect(a.call(x).item()).not.toBeCloseTo(b.call(x).item(), 6);
    const sd = Object.fromEntries(Object.entries(a.stateDict()).map(([k, v]) => [k, v.copy()]));
    b.loadStateDict(sd);
    expect(b.call(x).item()).toBe(a.call(x).item());

    const { 'fc2.bias': _dropped, ...missing } = sd;
    expect(() => b.loadStateDict(missing)).toThrow('Missing key(s) in state_dict: "fc2.bias"');
    expect(b.loadStateDict(missing, { strict: false }).missingKeys).toEqual(['fc2.bias']);
    expect(() => b.loadStateDict({ ...sd, extra: nd.zeros([1]) })).toThrow(
      'Unexpected key(s) in state_dict: "extra"',
    );
    const wrong = { ...sd, 'fc1.weight': nd.zeros([2, 4]) };
    expect(() => b.loadStateDict(wrong, { strict: false })).toThrow(
      'size mismatch for fc1.weight: copying a param with shape (2,4) from checkpoint, the shape in current model is (4,2).',
    );
    // nothing was changed by the failed loads
    expect(b.call(x).item()).toBe(a.call(x).item());
  });

  it('to(dtype) converts parameters and buffers in place', () => {
    const m = new nn.BatchNorm1d(3);
    const w = m.weight;
    m.to('float64');
    expect(m.weight).toBe(w);
    expect(m.weight!.dtype).toBe('float64');
    expect(m.runningMean!.dtype).toBe('float64');
    expect(m.numBatchesTracked!.dtype).toBe('int64');
  });

  it('BatchNorm with momentum null keeps a cumulative average; eval uses running stats', () => {
    const bn = new nn.BatchNorm1d(1, { momentum: null, dtype: 'float64' });
    bn.call(new Tensor(nd.array([[1], [3]], { dtype: 'float64' }))); // mean 2, unbiased var 2
    bn.call(new Tensor(nd.array([[5], [5]], { dtype: 'float64' }))); // mean 5, var 0
    expect(bn.runningMean!.toArray()).toEqual([3.5]);
    expect(bn.runningVar!.toArray()).toEqual([1]);
    bn.eval();
    expect(bn.call(new Tensor(nd.array([[3.5]], { dtype: 'float64' }))).item()).toBe(0);
  });

  it('cloneModule makes an independent deep copy', () => {
    const a = new MLP();
    const b = nn.cloneModule(a);
    expect(b).toBeInstanceOf(MLP);
    expect(b.fc1.weight).not.toBe(a.fc1.weight);
    expect(nd.arrayEqual(b.fc1.weight.data, a.fc1.weight.data)).toBe(true);
    b.fc1.weight.data.fill(0);
    expect(Number(nd.absolute(a.fc1.weight.data).sum().item())).toBeGreaterThan(0);
    expect(b.namedParameters().map(([n]) => n)).toEqual(a.namedParameters().map(([n]) => n));
  });

  it("prints PyTorch's repr", () => {
    const s = new nn.Sequential(
      new nn.Conv2d(1, 8, 3, { padding: 1 }),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Flatten(),
      new nn.Linear(8 * 14 * 14, 10),
    );
    expect(s.toString()).toBe(
      [
        'Sequential(',
        '  (0): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))',
        '  (1): ReLU()',
        '  (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)',
        '  (3): Flatten(start_dim=1, end_dim=-1)',
        '  (4): Linear(in_features=1568, out_features=10)',
        ')',
      ].join('\n'),
    );
  });
});

describe('containers', () => {
  it('Sequential chains, indexes and accepts named modules', () => {
    const s = new nn.Sequential({ fc: new nn.Linear(2, 3), act: new nn.Tanh() });
    expect(s.namedParameters().map(([n]) => n)).toEqual(['fc.weight', 'fc.bias']);
    expect(s.call(tensor([[1, 2]])).shape).toEqual([1, 3]);
    expect(s.at(-1)).toBeInstanceOf(nn.Tanh);
    expect(s.length).toBe(2);
    s.append(new nn.Linear(3, 1));
    expect([...s].length).toBe(3);
    expect(Object.keys(s.stateDict())).toContain('2.weight');
  });

  it('ModuleList and ModuleDict register their modules', () => {
    class Net extends nn.Module {
      blocks = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2)]);
      heads = new nn.ModuleDict({ b: new nn.Linear(2, 1), a: new nn.Linear(2, 3) });
      forward(x: Tensor): Tensor {
        let h = x;
        for (const b of this.blocks) h = (b as nn.Linear).call(h).relu(); // (B, 2)
        return (this.heads.get('a') as nn.Linear).call(h); // (B, 3)
      }
    }
    const n = new Net();
    expect(Object.keys(n.stateDict())).toEqual([
      'blocks.0.weight',
      'blocks.0.bias',
      'blocks.1.weight',
      'blocks.1.bias',
      'heads.b.weight',
      'heads.b.bias',
      'heads.a.weight',
      'heads.a.bias',
    ]);
    expect(n.call(tensor([[1, 1]])).shape).toEqual([1, 3]);
    expect(() => n.heads.get('c')).toThrow("no module named 'c'");
    expect(() => n.blocks.at(5)).toThrow('out of range');
  });
});

describe('errors name the layer and the shapes', () => {
  it('Linear', () => {
    expect(() => new nn.Linear(784, 128).call(new Tensor(nd.zeros([32, 28, 28])))).toThrow(
      'Linear(in_features=784, out_features=128): expected input with last dimension 784, got shape (32,28,28)',
    );
  });
  it('Conv2d, BatchNorm2d, LSTM, MultiheadAttention, Embedding', () => {
    expect(() => new nn.Conv2d(3, 8, 3).call(new Tensor(nd.zeros([2, 1, 28, 28])))).toThrow(
      'Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1)): expected input (N, 3, H, W) or (3, H, W), got shape (2,1,28,28)',
    );
    expect(() => new nn.BatchNorm2d(4).call(new Tensor(nd.zeros([2, 3, 5, 5])))).toThrow(
      'BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True): expected input (N, 4, H, W), got shape (2,3,5,5)',
    );
    expect(() => new nn.BatchNorm1d(3).call(new Tensor(nd.zeros([1, 3])))).toThrow(
      'expected more than 1 value per channel when training',
    );
    expect(() => new nn.LSTM(10, 20).call(new Tensor(nd.zeros([5, 3, 8])))).toThrow(
      'LSTM(10, 20): expected input (T, B, 10) or (T, 10), got shape (5,3,8)',
    );
    expect(() =>
      new nn.LSTM(2, 3).call(new Tensor(nd.zeros([5, 4, 2])), [
        new Tensor(nd.zeros([1, 2, 3])),
        new Tensor(nd.zeros([1, 4, 3])),
      ]),
    ).toThrow('expected initial state of shape (1,4,3), got (1,2,3)');
    const mha = new nn.MultiheadAttention(8, 2);
    const q = new Tensor(nd.zeros([3, 2, 8]));
    expect(() => mha.call(q, q, q, { keyPaddingMask: nd.zeros([2, 4], { dtype: 'bool' }) })).toThrow(
      'keyPaddingMask should have shape (2,3), got (2,4)',
    );
    expect(() => new nn.Embedding(10, 4).call(nd.array([3, 12]))).toThrow(
      'Embedding(10, 4): index 12 is out of range for 10 embeddings',
    );
    expect(() => new nn.MaxPool2d(2).call(new Tensor(nd.zeros([1, 1, 1, 5])))).toThrow(
      'maxPool2d: input (1,1,1,5) is smaller than the window',
    );
  });
});

describe('initialisation (seeded, PyTorch distributions)', () => {
  const std = (a: nd.NDArray): number => Number(a.astype('float64').std().item());

  it('Linear and Conv default to kaiming_uniform(a=√5): U(−1/√fan_in, 1/√fan_in)', () => {
    const l = new nn.Linear(400, 300, { rng: nd.random.defaultRng(0) });
    const bound = 1 / Math.sqrt(400);
    expect(Number(l.weight.data.max().item())).toBeLessThanOrEqual(bound);
    expect(Number(l.weight.data.min().item())).toBeGreaterThanOrEqual(-bound);
    expect(std(l.weight.data)).toBeCloseTo(bound / Math.sqrt(3), 3);
    const c = new nn.Conv2d(16, 32, 3);
    expect(Number(nd.absolute(c.bias!.data).max().item())).toBeLessThanOrEqual(1 / Math.sqrt(16 * 9));
  });

  it('the same seed gives the same weights; nn.manualSeed drives the default', () => {
    nn.manualSeed(5);
    const a = new nn.Linear(3, 3);
    nn.manualSeed(5);
    const b = new nn.Linear(3, 3);
    expect(nd.arrayEqual(a.weight.data, b.weight.data)).toBe(true);
    const c = new nn.Linear(3, 3, { rng: nd.random.defaultRng(5) });
    expect(nd.arrayEqual(c.weight.data, a.weight.data)).toBe(true);
  });

  it('xavier, kaiming, normal, orthogonal, constant', () => {
    const rng = nd.random.defaultRng(3);
    const w = new Tensor(nd.zeros([200, 300], { dtype: 'float64' }));
    nn.init.xavierUniform(w, { rng, gain: 2 });
    expect(std(w.data)).toBeCloseTo(2 * Math.sqrt(2 / 500), 2);
    nn.init.xavierNormal(w, { rng });
    expect(std(w.data)).toBeCloseTo(Math.sqrt(2 / 500), 2);
    nn.init.kaimingNormal(w, { rng, mode: 'fan_out', nonlinearity: 'relu' });
    expect(std(w.data)).toBeCloseTo(Math.sqrt(2 / 200), 2);
    nn.init.kaimingUniform(w, { rng, nonlinearity: 'relu' });
    expect(std(w.data)).toBeCloseTo(Math.sqrt(2 / 300), 2);
    nn.init.truncNormal(w, 0, 1, -0.5, 0.5, { rng });
    expect(Number(nd.absolute(w.data).max().item())).toBeLessThanOrEqual(0.5);
    nn.init.constant(w, 0.25);
    expect(Number(w.data.mean().item())).toBe(0.25);
    expect(nn.init.calculateGain('leaky_relu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 12);
    expect(nn.init.calculateGain('tanh')).toBeCloseTo(5 / 3, 12);
    for (const shape of [
      [5, 3],
      [3, 5],
      [4, 2, 3],
    ]) {
      const q = new Tensor(nd.zeros(shape, { dtype: 'float64' }));
      nn.init.orthogonal(q, { rng, gain: 1.5 });
      const m = q.data.reshape(shape[0], -1);
      const gram = m.shape[0] >= m.shape[1] ? nd.matmul(m.T, m) : nd.matmul(m, m.T);
      const k = Math.min(m.shape[0], m.shape[1]);
      expect(nd.allclose(gram, nd.eye(k).mul(2.25), { atol: 1e-12 })).toBe(true);
    }
    expect(() => nn.init.xavierUniform(new Tensor(nd.zeros([3])))).toThrow('fewer than 2 dimensions');
  });
});

describe('Dropout', () => {
  it('is seeded, scales by 1/(1 − p), and is the identity in eval mode', () => {
    const x = new Tensor(nd.ones([1000]));
    const a = new nn.Dropout(0.3, { rng: nd.random.defaultRng(9) }).call(x);
    const b = new nn.Dropout(0.3, { rng: nd.random.defaultRng(9) }).call(x);
    expect(nd.arrayEqual(a.data, b.data)).toBe(true);
    const kept = Number(a.data.gt(0).sum().item());
    expect(kept).toBeGreaterThan(650);
    expect(kept).toBeLessThan(750);
    expect(Number(a.data.max().item())).toBeCloseTo(1 / 0.7, 6);
    const d = new nn.Dropout(0.5);
    d.eval();
    expect(d.call(x)).toBe(x);
    expect(() => new nn.Dropout(1.5)).toThrow('between 0 and 1');
  });
});
