/**
 * Day 1, lesson 1-3: indexing — single elements, slices, `...` and newaxis, integer and boolean
 * arrays, mixing them, structured fields, `flat`, assignment, errors; and the README's asserts.
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples } from './examples.js';

const x = () => nd.arange(10);
const x3 = () => nd.arange(27).reshape(3, 3, 3);
const y = () => nd.arange(35).reshape(5, 7);
const z4 = () => nd.arange(120).reshape(2, 3, 4, 5);
const shapeOf = (a: nd.NDArray) => nd.array([...a.shape]);

export const INDEXING = [
  ex('indexing: x[2]', 'x = np.arange(10); x[2]', 'const x = nd.arange(10); x.get(2)', () => x().get(2)),
  ex('indexing: x[-2]', 'x[-2]', 'x.get(-2)', () => x().get(-2)),
  ex('indexing: x[2:5]', 'x[2:5]', "x.get('2:5')", () => x().get('2:5')),
  ex('indexing: x[-3:3:-1]', 'x[-3:3:-1]', "x.get('-3:3:-1')", () => x().get('-3:3:-1')),
  ex('indexing: x[::-2]', 'x[::-2]', "x.get('::-2')", () => x().get('::-2')),
  ex(
    'indexing: x3[..., 0]',
    'x3 = np.arange(27).reshape(3, 3, 3); x3[..., 0]',
    'x3.get(nd.ellipsis, 0)',
    () => x3().get(nd.ellipsis, 0),
  ),
  ex(
    'indexing: x3[:, np.newaxis, :, 0].shape',
    'np.array(x3[:, np.newaxis, :, 0].shape)',
    'x3.get(nd.slice(), nd.newaxis, nd.slice(), 0).shape',
    () => shapeOf(x3().get(nd.slice(), nd.newaxis, nd.slice(), 0)),
  ),
  ex(
    'indexing: y[[0, 2, 4], [0, 1, 2]]',
    'y = np.arange(35).reshape(5, 7); y[[0, 2, 4], [0, 1, 2]]',
    'y.get([0, 2, 4], [0, 1, 2])',
    () => y().get([0, 2, 4], [0, 1, 2]),
  ),
  ex('indexing: y[[0, 2, 4], 1]', 'y[[0, 2, 4], 1]', 'y.get([0, 2, 4], 1)', () => y().get([0, 2, 4], 1)),
  ex(
    'indexing: y[[[0], [2], [4]], [0, 1, 2]] broadcast',
    'y[[[0], [2], [4]], [0, 1, 2]]  # index arrays broadcast to (3, 3)',
    'y.get([[0], [2], [4]], [0, 1, 2])',
    () => y().get([[0], [2], [4]], [0, 1, 2]),
  ),
  ex(
    'indexing: y[ix_([0, 2], [1, 3])]',
    'y[np.ix_([0, 2], [1, 3])]',
    'y.get(...nd.ix_([0, 2], [1, 3]))',
    () => y().get(...nd.ix_([0, 2], [1, 3])),
  ),
  ex(
    'indexing: x[x < 0] += 20',
    'x = np.array([-2, 1, -3, 4]); x[x < 0] += 20; x',
    'const neg = x.lt(0); x.set([neg], x.get(neg).add(20))',
    () => {
      const z = nd.array([-2, 1, -3, 4]);
      const neg = z.lt(0); // a boolean mask
      z.set([neg], z.get(neg).add(20));
      return z;
    },
  ),
  ex('indexing: y[1:5:2, ::3] mixed', 'y[1:5:2, ::3]', "y.get('1:5:2, ::3')", () => y().get('1:5:2, ::3')),
  ex(
    'indexing: adjacent advanced stay in place',
    'z = np.arange(120).reshape(2, 3, 4, 5); z[:, [0, 1], [1, 2], :].shape',
    'z.get(nd.slice(), [0, 1], [1, 2], nd.slice()).shape',
    () => shapeOf(z4().get(nd.slice(), [0, 1], [1, 2], nd.slice())),
  ),
  ex(
    'indexing: separated advanced go first',
    'z[:, [0, 1], :, [1, 2]].shape',
    'z.get(nd.slice(), [0, 1], nd.slice(), [1, 2]).shape',
    () => shapeOf(z4().get(nd.slice(), [0, 1], nd.slice(), [1, 2])),
  ),
  ex(
    'indexing: structured field',
    "s = np.array([(1, 2.0), (3, 4.0)], dtype=[('a', 'i4'), ('b', 'f8')]); s['a']",
    "nd.structuredArray([[1, 2.0], [3, 4.0]], [['a', 'i4'], ['b', 'f8']]).field('a')",
    () =>
      nd
        .structuredArray(
          [
            [1, 2.0],
            [3, 4.0],
          ],
          [
            ['a', 'i4'],
            ['b', 'f8'],
          ],
        )
        .field('a'),
  ),
  ex(
    'indexing: flat assign',
    'a = np.arange(6).reshape(2, 3); a.flat[[1, 4]] = 99; a',
    'a.flat.set([[1, 4]], 99)',
    () => {
      const a = nd.arange(6).reshape(2, 3);
      a.flat.set([[1, 4]], 99);
      return a;
    },
  ),
  ex(
    'indexing: flat read',
    'np.arange(6).reshape(2, 3).T.flat[3]',
    'nd.arange(6).reshape(2, 3).T.flat.get(3)',
    () => nd.arange(6).reshape(2, 3).T.flat.get(3),
  ),
  ex(
    'indexing: a tuple of indices in a variable',
    'idx = (1, slice(0, 2)); y[idx]',
    'const idx = [1, nd.slice(0, 2)]; y.get(...idx)',
    () => {
      const idx = [1, nd.slice(0, 2)];
      return y().get(...idx);
    },
  ),
  ex('indexing: x[2:7] = 1', 'x = np.arange(10); x[2:7] = 1; x', 'x.set(nd.slice(2, 7), 1)', () =>
    nd.arange(10).set(nd.slice(2, 7), 1),
  ),
  ex(
    'indexing: repeated indices apply once',
    'a = np.arange(5); a[[1, 1, 3]] += 1; a',
    'a.set([[1, 1, 3]], a.get([1, 1, 3]).add(1))',
    () => {
      const a = nd.arange(5);
      a.set([[1, 1, 3]], a.get([1, 1, 3]).add(1));
      return a;
    },
  ),
  ex(
    'indexing: add.at accumulates',
    'a = np.arange(5); np.add.at(a, [1, 1, 3], 1); a',
    'nd.addAt(a, [1, 1, 3], 1)',
    () => {
      const a = nd.arange(5);
      nd.addAt(a, [1, 1, 3], 1);
      return a;
    },
  ),
  ex('indexing: out of bounds', 'np.arange(9)[20]', 'nd.arange(9).get(20)', () => nd.arange(9).get(20)),
];

const arr = () => nd.arange(1, 17).reshape(4, 4);

export const README = [
  ex('readme: arr[1, 2:4]', 'arr = np.arange(1, 17).reshape(4, 4); arr[1, 2:4]', "arr.get('1, 2:4')", () =>
    arr().get('1, 2:4'),
  ),
  ex('readme: arr[:, 1]', 'arr[:, 1]', "arr.get(':, 1')", () => arr().get(':, 1')),
  ex('readme: arr[2:, 2:]', 'arr[2:, 2:]', "arr.get('2:, 2:')", () => arr().get('2:, 2:')),
  ex('readme: arr[1::2, ::2]', 'arr[1::2, ::2]', "arr.get('1::2, ::2')", () => arr().get('1::2, ::2')),
];

export const indexingStep: Step = {
  id: '1-3',
  title: { zh: '索引与切片', en: 'Indexing and slicing' },
  text: {
    zh: `单个元素和负下标；切片 start:stop:step（步长可以为负：\`x[-3:3:-1]\` → [7, 6, 5, 4]）；\`...\` 代表"其余所有维"，
\`newaxis\` 插入长度为 1 的维。用整数数组索引时，各个索引数组先广播成同一形状，再逐个取元素
（\`y[[0, 2, 4], [0, 1, 2]]\` → [0, 15, 30]）；\`ix_\` 造出取子矩阵用的交叉索引；布尔数组（掩码）选出满足条件的元素，
\`x[x < 0] += 20\` 只改负数。基本索引和高级索引混用时有 NumPy 的形状规则：相邻的高级索引留在原位置，被切片隔开的挪到最前面。
结构化数组按字段名取列；\`flat\` 把数组当一维来读写；索引可以先存在变量里；重复下标赋值只生效一次，要累加用 \`addAt\`；
越界时的报错和 NumPy 一字不差。

在 TypeScript 里 \`a[...]\` 写成 \`a.get(...)\`，赋值写成 \`a.set(index, value)\`；NumPy 的文本写法 \`a.get('1::2, ::2')\` 也可以直接用。
最后四行是课程 README 里的断言。`,
    en: `Single elements and negative indices; slices start:stop:step (negative steps too: \`x[-3:3:-1]\` →
[7, 6, 5, 4]); \`...\` stands for all remaining axes and \`newaxis\` inserts an axis of length 1. With integer
arrays the index arrays are broadcast together, then elements are picked one by one (\`y[[0, 2, 4], [0, 1, 2]]\`
→ [0, 15, 30]); \`ix_\` builds the crossed indices of a sub-matrix; a boolean mask selects the elements that
satisfy a condition — \`x[x < 0] += 20\` changes only the negatives. Mixing basic and advanced indices follows
NumPy's shape rule: adjacent advanced indices stay in place, ones separated by a slice go first. Structured
arrays are indexed by field name; \`flat\` reads and writes as if 1-d; an index can be held in a variable;
assigning through repeated indices applies once — use \`addAt\` to accumulate; an out-of-bounds index fails with
NumPy's very message.

In TypeScript \`a[...]\` is written \`a.get(...)\` and assignment \`a.set(index, value)\`; NumPy's text form
\`a.get('1::2, ::2')\` works too. The last four lines are the asserts of the course's README.`,
  },
  run(ctx) {
    showExamples(ctx, [...INDEXING, ...README]);
  },
};
