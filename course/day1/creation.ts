/**
 * Day 1, lesson 1-2: making arrays — from lists, ranges, standard matrices, blocks; integer overflow.
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples } from './examples.js';

export const CREATION = [
  ex(
    'creation: nested lists with dtype',
    'np.array([[1, 2], [3, 4]], dtype=np.float32)',
    "nd.array([[1, 2], [3, 4]], { dtype: 'float32' })",
    () =>
      nd.array(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: 'float32' },
      ),
  ),
  ex('creation: arange(2, 9, 2)', 'np.arange(2, 9, 2)', 'nd.arange(2, 9, 2)', () => nd.arange(2, 9, 2)),
  ex('creation: arange(2, 3, 0.1)', 'np.arange(2, 3, 0.1)', 'nd.arange(2, 3, 0.1)', () =>
    nd.arange(2, 3, 0.1),
  ),
  ex(
    'creation: arange(2, 3, 0.1).size',
    'np.arange(2, 3, 0.1).size',
    'nd.arange(2, 3, 0.1).size',
    () => nd.arange(2, 3, 0.1).size,
  ),
  ex('creation: linspace(0, 10, 5)', 'np.linspace(0, 10, 5)', 'nd.linspace(0, 10, 5)', () =>
    nd.linspace(0, 10, 5),
  ),
  ex(
    'creation: linspace(0, 1, 10, endpoint=False)',
    'np.linspace(0, 1, 10, endpoint=False)',
    'nd.linspace(0, 1, 10, { endpoint: false })',
    () => nd.linspace(0, 1, 10, { endpoint: false }),
  ),
  ex('creation: eye(3, 5)', 'np.eye(3, 5)', 'nd.eye(3, 5)', () => nd.eye(3, 5)),
  ex('creation: diag([1, 2, 3])', 'np.diag([1, 2, 3])', 'nd.diag([1, 2, 3])', () => nd.diag([1, 2, 3])),
  ex('creation: diag([1, 2], 1)', 'np.diag([1, 2], 1)', 'nd.diag([1, 2], 1)', () => nd.diag([1, 2], 1)),
  ex(
    'creation: diag of a matrix',
    'np.diag(np.arange(9).reshape(3, 3))',
    'nd.diag(nd.arange(9).reshape(3, 3))',
    () => nd.diag(nd.arange(9).reshape(3, 3)),
  ),
  ex('creation: vander([1, 2, 3, 5])', 'np.vander([1, 2, 3, 5])', 'nd.vander([1, 2, 3, 5])', () =>
    nd.vander([1, 2, 3, 5]),
  ),
  ex('creation: zeros((2, 3))', 'np.zeros((2, 3))', 'nd.zeros([2, 3])', () => nd.zeros([2, 3])),
  ex(
    'creation: ones((2, 2), int32)',
    'np.ones((2, 2), dtype=np.int32)',
    "nd.ones([2, 2], { dtype: 'int32' })",
    () => nd.ones([2, 2], { dtype: 'int32' }),
  ),
  ex('creation: full((2, 2), 7)', 'np.full((2, 2), 7)', 'nd.full([2, 2], 7)', () => nd.full([2, 2], 7)),
  ex(
    'creation: empty((2, 2)).shape',
    'np.empty((2, 2)).shape  # contents are whatever was in memory',
    'nd.empty([2, 2]).shape',
    () => `(${nd.empty([2, 2]).shape.join(', ')})`,
  ),
  ex('creation: zeros_like', 'np.zeros_like(np.arange(3))', 'nd.zerosLike(nd.arange(3))', () =>
    nd.zerosLike(nd.arange(3)),
  ),
  ex('creation: ones_like', 'np.ones_like(np.eye(2))', 'nd.onesLike(nd.eye(2))', () =>
    nd.onesLike(nd.eye(2)),
  ),
  ex('creation: full_like', 'np.full_like(np.arange(3), 9)', 'nd.fullLike(nd.arange(3), 9)', () =>
    nd.fullLike(nd.arange(3), 9),
  ),
  ex('creation: indices((3, 3))', 'np.indices((3, 3))', 'nd.indices([3, 3])', () => nd.indices([3, 3])),
  ex(
    'creation: block',
    'np.block([[np.ones((2, 2)), np.eye(2)], [np.zeros((2, 2)), np.diag([-3, -4])]])',
    'nd.block([[nd.ones([2, 2]), nd.eye(2)], [nd.zeros([2, 2]), nd.diag([-3, -4])]])',
    () =>
      nd.block([
        [nd.ones([2, 2]), nd.eye(2)],
        [nd.zeros([2, 2]), nd.diag([-3, -4])],
      ]),
  ),
  ex(
    'creation: uint8 wraps',
    'np.array([255, 1], dtype=np.uint8) + np.array([1, 255], dtype=np.uint8)',
    "nd.add(nd.array([255, 1], { dtype: 'uint8' }), nd.array([1, 255], { dtype: 'uint8' }))",
    () => nd.add(nd.array([255, 1], { dtype: 'uint8' }), nd.array([1, 255], { dtype: 'uint8' })),
  ),
  ex(
    'creation: int8 overflow',
    'np.array([127, -128], dtype=np.int8) + np.array([1, -1], dtype=np.int8)',
    "nd.add(nd.array([127, -128], { dtype: 'int8' }), nd.array([1, -1], { dtype: 'int8' }))",
    () => nd.add(nd.array([127, -128], { dtype: 'int8' }), nd.array([1, -1], { dtype: 'int8' })),
  ),
];

export const creationStep: Step = {
  id: '1-2',
  title: { zh: '创建数组', en: 'Creating arrays' },
  text: {
    zh: `从嵌套列表创建时可以指定 dtype；\`arange(start, stop, step)\` 不含终点（浮点步长时元素个数可能受舍入影响，
\`arange(2, 3, 0.1)\` 有 10 个值），需要固定个数时用 \`linspace\`（默认包含终点，\`endpoint: false\` 不含）。
常用矩阵：\`eye\`（可以不是方阵）、\`diag\`（向量→对角矩阵，矩阵→对角线，第二个参数是偏移）、\`vander\`；
\`zeros/ones/full/empty\` 和对应的 \`*Like\`；\`indices\` 给出网格下标；\`block\` 用小块拼出大矩阵。
整数运算不检查溢出：uint8 的 255 + 1 回绕成 0，int8 的 127 + 1 变成 −128——和 NumPy 一样。`,
    en: `From nested lists, optionally with a dtype; \`arange(start, stop, step)\` excludes the stop (with a float
step the count depends on rounding — \`arange(2, 3, 0.1)\` has 10 values), so use \`linspace\` for a fixed count
(endpoint included by default, \`endpoint: false\` to leave it out). Standard matrices: \`eye\` (not necessarily
square), \`diag\` (vector → diagonal matrix, matrix → its diagonal, with an offset), \`vander\`;
\`zeros/ones/full/empty\` and their \`*Like\` forms; \`indices\` for grid indices; \`block\` to assemble a matrix from
blocks. Integer arithmetic does not check overflow: uint8 255 + 1 wraps to 0 and int8 127 + 1 becomes −128,
as in NumPy.`,
  },
  run(ctx) {
    showExamples(ctx, CREATION);
  },
};
