/**
 * Day 1 of the course: every NumPy example, written with mlseries, prints what NumPy prints
 * (test/golden/day1.json, made by test/golden/gen_day1.py). NumPy's scalars are 0-d arrays
 * here, so the goldens hold NumPy's repr of the 0-d array (`array(2)`).
 */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { loadGolden } from '../helpers.js';

const golden = new Map(loadGolden<{ name: string; numpy: string }[]>('day1').map((c) => [c.name, c.numpy]));
const rng = () => nd.random.defaultRng(42);
const x = nd.arange(10);
const x3 = nd.arange(27).reshape(3, 3, 3);
const y = nd.arange(35).reshape(5, 7);
const z4 = nd.arange(120).reshape(2, 3, 4, 5);
const arr = nd.arange(1, 17).reshape(4, 4);
const s = nd.array([
  [1, 5, 2],
  [4, 3, 6],
]);
const shapeOf = (a: nd.NDArray) => nd.array([...a.shape]);

const examples: Record<string, () => nd.NDArray> = {
  'basics: a[0]=10; b=a[3:]; b[0]=40': () => {
    const a = nd.array([1, 2, 3, 4, 5, 6]);
    a.set(0, 10);
    const b = a.get('3:');
    b.set(0, 40);
    return a;
  },
  'basics: ndim, shape, size': () => {
    const m = nd.zeros([3, 4]);
    return nd.array([m.ndim, ...m.shape, m.size]);
  },
  'copy: reshape is a view, advanced indexing copies': () => {
    const a = nd.arange(6);
    return nd.array([nd.sharesMemory(a.reshape(2, 3), a), nd.sharesMemory(a.get([0, 1]), a)]);
  },
  'copy: ravel views, flatten copies': () => {
    const a = nd.arange(6).reshape(2, 3);
    a.ravel().set(0, 100);
    a.flatten().set(1, 200);
    return a;
  },
  'copy: in-place shape change of a transpose': () => nd.arange(6).reshape(2, 3).T.setShape([6]),
  'creation: nested lists with dtype': () =>
    nd.array(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float32' },
    ),
  'creation: arange(2, 9, 2)': () => nd.arange(2, 9, 2),
  'creation: arange(2, 3, 0.1)': () => nd.arange(2, 3, 0.1),
  'creation: linspace(0, 10, 5)': () => nd.linspace(0, 10, 5),
  'creation: linspace(0, 1, 10, endpoint=False)': () => nd.linspace(0, 1, 10, { endpoint: false }),
  'creation: eye(3, 5)': () => nd.eye(3, 5),
  'creation: diag([1, 2, 3])': () => nd.diag([1, 2, 3]),
  'creation: diag([1, 2], 1)': () => nd.diag([1, 2], 1),
  'creation: diag of a matrix': () => nd.diag(nd.arange(9).reshape(3, 3)),
  'creation: vander([1, 2, 3, 5])': () => nd.vander([1, 2, 3, 5]),
  'creation: zeros((2, 3))': () => nd.zeros([2, 3]),
  'creation: ones((2, 2), int32)': () => nd.ones([2, 2], { dtype: 'int32' }),
  'creation: full((2, 2), 7)': () => nd.full([2, 2], 7),
  'creation: zeros_like': () => nd.zerosLike(nd.arange(3)),
  'creation: indices((3, 3))': () => nd.indices([3, 3]) as nd.NDArray,
  'creation: block': () =>
    nd.block([
      [nd.ones([2, 2]), nd.eye(2)],
      [nd.zeros([2, 2]), nd.diag([-3, -4])],
    ]),
  'creation: uint8 wraps': () =>
    nd.add(nd.array([255, 1], { dtype: 'uint8' }), nd.array([1, 255], { dtype: 'uint8' })),
  'creation: int8 overflow': () =>
    nd.add(nd.array([127, -128], { dtype: 'int8' }), nd.array([1, -1], { dtype: 'int8' })),
  'disk: frombuffer with offset': () =>
    nd.frombuffer(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 1, 2, 3, 4]), {
      dtype: 'int32',
      byteOrder: '>',
      offset: 4,
    }),
  'indexing: x[2]': () => x.get(2),
  'indexing: x[-2]': () => x.get(-2),
  'indexing: x[2:5]': () => x.get('2:5'),
  'indexing: x[-3:3:-1]': () => x.get('-3:3:-1'),
  'indexing: x[::-2]': () => x.get('::-2'),
  'indexing: x3[..., 0]': () => x3.get(nd.ellipsis, 0),
  'indexing: x3[:, np.newaxis, :, 0].shape': () => shapeOf(x3.get(nd.slice(), nd.newaxis, nd.slice(), 0)),
  'indexing: y[[0, 2, 4], [0, 1, 2]]': () => y.get([0, 2, 4], [0, 1, 2]),
  'indexing: y[[0, 2, 4], 1]': () => y.get([0, 2, 4], 1),
  'indexing: y[[[0], [2], [4]], [0, 1, 2]] broadcast': () => y.get([[0], [2], [4]], [0, 1, 2]),
  'indexing: y[ix_([0, 2], [1, 3])]': () => y.get(...nd.ix_([0, 2], [1, 3])),
  'indexing: x[x < 0] += 20': () => {
    const z = nd.array([-2, 1, -3, 4]);
    const neg = z.lt(0);
    z.set([neg], z.get(neg).add(20));
    return z;
  },
  'indexing: y[1:5:2, ::3] mixed': () => y.get('1:5:2, ::3'),
  'indexing: adjacent advanced stay in place': () => shapeOf(z4.get(nd.slice(), [0, 1], [1, 2], nd.slice())),
  'indexing: separated advanced go first': () => shapeOf(z4.get(nd.slice(), [0, 1], nd.slice(), [1, 2])),
  'indexing: flat assign': () => {
    const a = nd.arange(6).reshape(2, 3);
    a.flat.set([[1, 4]], 99);
    return a;
  },
  'indexing: flat read': () => nd.arange(6).reshape(2, 3).T.flat.get(3),
  'indexing: a tuple of indices in a variable': () => {
    const idx = [1, nd.slice(0, 2)];
    return y.get(...idx);
  },
  'indexing: x[2:7] = 1': () => nd.arange(10).set(nd.slice(2, 7), 1),
  'indexing: repeated indices apply once': () => {
    const a = nd.arange(5);
    a.set([[1, 1, 3]], a.get([1, 1, 3]).add(1));
    return a;
  },
  'indexing: add.at accumulates': () => {
    const a = nd.arange(5);
    nd.addAt(a, [1, 1, 3], 1);
    return a;
  },
  'indexing: out of bounds': () => nd.arange(9).get(20),
  'readme: arr[1, 2:4]': () => arr.get('1, 2:4'),
  'readme: arr[:, 1]': () => arr.get(':, 1'),
  'readme: arr[2:, 2:]': () => arr.get('2:, 2:'),
  'readme: arr[1::2, ::2]': () => arr.get('1::2, ::2'),
  'broadcast: (8,1,6,1)+(7,1,5)': () => shapeOf(nd.add(nd.ones([8, 1, 6, 1]), nd.ones([7, 1, 5]))),
  'broadcast: (4,3)+(4,) fails': () => nd.add(nd.ones([4, 3]), nd.ones([4])),
  'broadcast: outer sum with newaxis': () =>
    nd
      .array([0, 10, 20, 30], { dtype: 'float64' })
      .get(nd.slice(), nd.newaxis)
      .add(nd.array([1, 2, 3], { dtype: 'float64' })),
  'broadcast: vector quantisation': () => {
    const obs = nd.array([111, 188], { dtype: 'float64' });
    const codes = nd.array(
      [
        [102, 203],
        [132, 193],
        [45, 155],
        [57, 173],
      ],
      { dtype: 'float64' },
    );
    return nd.sqrt(nd.square(codes.sub(obs)).sum({ axis: -1 })).argmin();
  },
  'stats: sum': () => s.sum(),
  'stats: sum axis 0': () => s.sum({ axis: 0 }),
  'stats: min axis 1': () => s.min({ axis: 1 }),
  'stats: max keepdims': () => s.max({ axis: 1, keepdims: true }),
  'stats: mean': () => s.mean(),
  'stats: std': () => s.std(),
  'stats: var axis 0': () => s.var({ axis: 0 }),
  'stats: median': () => nd.median(s),
  'stats: percentile 75': () => nd.percentile(s, 75),
  'stats: argmin': () => s.argmin(),
  'stats: argmax axis 1': () => s.argmax({ axis: 1 }),
  'stats: cumsum': () => s.cumsum(),
  'stats: cumsum axis 1': () => s.cumsum({ axis: 1 }),
  'stats: sort': () => nd.sort(nd.array([3, 1, 2, 5, 4])),
  'stats: argsort': () => nd.argsort(nd.array([3, 1, 2, 5, 4])),
  'stats: unique': () => nd.unique(nd.array([3, 1, 3, 2, 1])) as nd.NDArray,
  'reshape: reshape(3, -1)': () => nd.arange(12).reshape(3, -1),
  'reshape: ravel': () => nd.arange(6).reshape(2, 3).ravel(),
  'reshape: T': () => nd.arange(6).reshape(2, 3).T,
  'reshape: squeeze': () => shapeOf(nd.zeros([1, 3, 1]).squeeze()),
  'reshape: expand_dims': () => shapeOf(nd.expandDims(nd.arange(3), 0)),
  'reshape: concatenate': () => nd.concatenate([nd.arange(3), nd.arange(2)]),
  'reshape: stack': () => nd.stack([nd.arange(3), nd.arange(3)]),
  'reshape: vstack': () => nd.vstack([nd.arange(3), nd.arange(3, 6)]),
  'reshape: hstack': () => nd.hstack([nd.arange(2), nd.arange(3)]),
  'reshape: split': () => nd.split(nd.arange(6), 3)[1],
  'random: default_rng(42).random((2, 3))': () => rng().random([2, 3]),
  'random: integers(0, 10, 5)': () => rng().integers(0, 10, 5),
  'random: standard_normal(3)': () => rng().standardNormal(3),
  'random: normal(5, 1, 3)': () => rng().normal(5, 1, 3),
  'random: uniform(0, 10, 3)': () => rng().uniform(0, 10, 3),
  'random: choice(5, 3, replace=False)': () => rng().choice(5, 3, { replace: false }),
  'random: choice(5, 6)': () => rng().choice(5, 6),
  'random: permutation(6)': () => rng().permutation(6),
  'random: shuffle': () => {
    const a = nd.arange(6);
    rng().shuffle(a);
    return a;
  },
  'figures: sine on linspace(0, 2pi, 200)[:3]': () => nd.sin(nd.linspace(0, 2 * Math.PI, 200)).get(':3'),
};

/** What NumPy printed (the generator prints NumPy scalars as 0-d arrays, as mlseries returns them). */
function expected(text: string): string {
  return text.trim();
}

describe('Day 1 examples print what NumPy prints', () => {
  it('covers every golden example', () => {
    expect(Object.keys(examples).sort()).toEqual([...golden.keys()].sort());
  });
  for (const [name, run] of Object.entries(examples)) {
    it(name, () => {
      const want = expected(golden.get(name)!);
      const err = /^(\w+Error): (.*)$/s.exec(want);
      if (err) {
        expect(run).toThrow(err[2].trim());
        return;
      }
      expect(run().toString()).toBe(want);
    });
  }
});
