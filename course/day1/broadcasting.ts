/**
 * Day 1, lesson 1-3: element-wise arithmetic and broadcasting — the shape rule, its error, outer
 * operations with newaxis, and the vector-quantisation example.
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples, tuple } from './examples.js';

/** The shape table of NumPy's broadcasting guide: operand shapes → result shape (or an error). */
export const SHAPE_TABLE: [number[], number[]][] = [
  [[256, 256, 3], [3]],
  [
    [8, 1, 6, 1],
    [7, 1, 5],
  ],
  [[5, 4], [1]],
  [[5, 4], [4]],
  [
    [15, 3, 5],
    [15, 1, 5],
  ],
  [
    [15, 3, 5],
    [3, 5],
  ],
  [
    [15, 3, 5],
    [3, 1],
  ],
  [[3], [4]],
  [
    [2, 1],
    [8, 4, 3],
  ],
];

/** One line of the table: `(8, 1, 6, 1) + (7, 1, 5) -> (8, 7, 6, 5)`. */
export function shapeRow(a: number[], b: number[]): string {
  let result: string;
  try {
    result = tuple(nd.broadcastShapes(a, b));
  } catch {
    result = 'error';
  }
  return `${tuple(a).padEnd(13)} + ${tuple(b).padEnd(11)} -> ${result}`;
}

export const BROADCASTING = [
  ex(
    'broadcast: elementwise',
    'a = np.array([1., 2., 3.]); b = np.array([2., 2., 2.]); a * b, a * 2.0',
    "a = nd.array([1, 2, 3], { dtype: 'float64' }); a.mul(b), a.mul(2)",
    () => {
      const a = nd.array([1, 2, 3], { dtype: 'float64' }); // JS has one number type: say float64 to get NumPy's 1.0
      return `(${a.mul(nd.array([2, 2, 2], { dtype: 'float64' }))}, ${a.mul(2.0)})`;
    },
  ),
  ex(
    'broadcast: (8,1,6,1)+(7,1,5)',
    'np.array((np.ones((8, 1, 6, 1)) + np.ones((7, 1, 5))).shape)',
    'nd.add(nd.ones([8, 1, 6, 1]), nd.ones([7, 1, 5])).shape',
    () => nd.array([...nd.add(nd.ones([8, 1, 6, 1]), nd.ones([7, 1, 5])).shape]),
  ),
  ex(
    'broadcast: (4,3)+(4,) fails',
    'np.ones((4, 3)) + np.ones((4,))',
    'nd.add(nd.ones([4, 3]), nd.ones([4]))',
    () => nd.add(nd.ones([4, 3]), nd.ones([4])),
  ),
  ex(
    'broadcast: outer sum with newaxis',
    'a = np.array([0.0, 10.0, 20.0, 30.0]); b = np.array([1.0, 2.0, 3.0]); a[:, np.newaxis] + b',
    'a.get(nd.slice(), nd.newaxis).add(b)',
    () =>
      nd
        .array([0, 10, 20, 30], { dtype: 'float64' })
        .get(nd.slice(), nd.newaxis)
        .add(nd.array([1, 2, 3], { dtype: 'float64' })),
  ),
  ex(
    'broadcast: vector quantisation',
    'observation = np.array([111.0, 188.0]); codes = np.array([[102., 203.], [132., 193.], [45., 155.], [57., 173.]]); np.argmin(np.sqrt(((codes - observation) ** 2).sum(axis=-1)))',
    'nd.sqrt(nd.square(codes.sub(observation)).sum({ axis: -1 })).argmin()',
    () => {
      const observation = nd.array([111, 188], { dtype: 'float64' }); // (2,)  an athlete's weight, height
      const codes = nd.array(
        [
          [102, 203],
          [132, 193],
          [45, 155],
          [57, 173],
        ],
        { dtype: 'float64' },
      ); // (4, 2)  basketball, football, gymnastics, marathon
      const dist = nd.sqrt(nd.square(codes.sub(observation)).sum({ axis: -1 })); // (4,)  observation broadcast over rows
      return dist.argmin();
    },
  ),
];

export const broadcastingStep: Step = {
  id: '1-3',
  title: { zh: '运算与广播', en: 'Arithmetic and broadcasting' },
  text: {
    zh: `同形状的数组逐元素运算。形状不同时按**广播**规则：从最后一维往前逐维比较，两个长度相等、或其中一个为 1，才兼容；
长度为 1 的维被"拉伸"（并不真的复制数据），缺少的维视为 1。于是 (8, 1, 6, 1) + (7, 1, 5) → (8, 7, 6, 5)，
而 (4, 3) + (4,) 不行（最后一维 3 ≠ 4），报错信息和 NumPy 相同。加一个 \`newaxis\` 就能做"外积式"的运算。
矢量量化的例子：一个运动员的 (体重, 身高) 减去四种运动员的典型值——(2,) 被广播到 (4, 2)——离篮球运动员最近，答案是 0。`,
    en: `Arrays of the same shape combine element by element. Different shapes follow **broadcasting**: compare the
shapes from the last axis backwards; two lengths are compatible when equal or when one is 1; length-1 axes are
stretched (without copying) and missing axes count as 1. So (8, 1, 6, 1) + (7, 1, 5) → (8, 7, 6, 5), while
(4, 3) + (4,) fails (3 ≠ 4) with NumPy's message. One \`newaxis\` turns a sum into an outer sum. Vector
quantisation: an athlete's (weight, height) minus four typical athletes — the (2,) broadcast over (4, 2) — is
closest to the basketball player: index 0.`,
  },
  run(ctx) {
    ctx.print('broadcasting shape table:');
    for (const [a, b] of SHAPE_TABLE) ctx.print('  ' + shapeRow(a, b));
    showExamples(ctx, BROADCASTING);
  },
};
