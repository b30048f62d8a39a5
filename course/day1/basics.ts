/**
 * Day 1, lesson 1-2: what an array is, and when two arrays share memory (views vs copies).
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples, tuple } from './examples.js';

export const BASICS = [
  ex(
    'basics: a[0]=10; b=a[3:]; b[0]=40',
    'a = np.array([1, 2, 3, 4, 5, 6]); a[0] = 10; b = a[3:]; b[0] = 40; a',
    "const a = nd.array([1, 2, 3, 4, 5, 6]); a.set(0, 10); const b = a.get('3:'); b.set(0, 40); a",
    () => {
      const a = nd.array([1, 2, 3, 4, 5, 6]);
      a.set(0, 10);
      const b = a.get('3:'); // a view: b shares a's memory
      b.set(0, 40); //           so this writes into a[3]
      return a;
    },
  ),
  ex(
    'basics: ndim shape size',
    'm = np.zeros((3, 4)); m.ndim, m.shape, m.size',
    'm.ndim, m.shape, m.size',
    () => {
      const m = nd.zeros([3, 4]);
      return `(${m.ndim}, ${tuple(m.shape)}, ${m.size})`;
    },
  ),
  ex(
    'basics: dtype',
    'np.array([1, 2, 3]).dtype, np.array([1.5, 2]).dtype',
    'nd.array([1, 2, 3]).dtype, …',
    () => {
      return `(dtype('${nd.array([1, 2, 3]).dtype}'), dtype('${nd.array([1.5, 2]).dtype}'))`;
    },
  ),
];

export const COPIES = [
  ex(
    'copy: slice base',
    'a = np.arange(6); b = a[3:]; b.base is a',
    "const b = a.get('3:'); b.base === a",
    () => {
      const a = nd.arange(6);
      return a.get('3:').base === a;
    },
  ),
  ex(
    'copy: fancy index base',
    'c = a[[3, 4, 5]]; c.base is None',
    'const c = a.get([3, 4, 5]); c.base === null',
    () => nd.arange(6).get([3, 4, 5]).base === null,
  ),
  ex(
    'copy: reshape is a view, advanced indexing copies',
    'np.shares_memory(a.reshape(2, 3), a), np.shares_memory(a[[0, 1]], a)',
    'nd.sharesMemory(a.reshape(2, 3), a), nd.sharesMemory(a.get([0, 1]), a)',
    () => {
      const a = nd.arange(6);
      return nd.array([nd.sharesMemory(a.reshape(2, 3), a), nd.sharesMemory(a.get([0, 1]), a)]);
    },
  ),
  ex(
    'copy: ravel views, flatten copies',
    'a = np.arange(6).reshape(2, 3); a.ravel()[0] = 100; a.flatten()[1] = 200; a',
    'a.ravel().set(0, 100); a.flatten().set(1, 200); a',
    () => {
      const a = nd.arange(6).reshape(2, 3);
      a.ravel().set(0, 100); //   a view: writes through
      a.flatten().set(1, 200); // a copy: a is unchanged
      return a;
    },
  ),
  ex(
    'copy: in-place shape change of a transpose',
    'a = np.arange(6).reshape(2, 3).T; a.shape = (6,)',
    'nd.arange(6).reshape(2, 3).T.setShape([6])',
    () => nd.arange(6).reshape(2, 3).T.setShape([6]),
  ),
];

export const basicsStep: Step = {
  id: '1-2',
  title: { zh: '数组是什么；视图与副本', en: 'What an array is; views and copies' },
  text: {
    zh: `NumPy 风格的数组是"一块连续内存 + 形状 + 步长"。\`ndim\` 是维数，\`shape\` 是每一维的长度，\`size\` 是元素总数。
切片（\`a[3:]\`）不复制数据，得到的是**视图**：改视图就是改原数组，所以 b[0] = 40 之后 a 变成 [10, 2, 3, 40, 5, 6]。
高级索引（用整数数组或布尔数组）总是**复制**。\`.base\` 指向真正拥有内存的数组；\`reshape\` 能不复制就不复制；
\`ravel\` 尽量返回视图，\`flatten\` 总是复制；对转置后的数组原地改形状会失败（它在内存里不连续）。
下面每个例子先给出 NumPy 写法，再给出我们的写法，最后是输出——输出和 NumPy 打印的完全一样。`,
    en: `A NumPy-style array is one block of memory plus a shape and strides. \`ndim\` is the number of axes,
\`shape\` the length of each, \`size\` the number of elements. A slice (\`a[3:]\`) copies nothing: it is a
**view**, and writing to it writes to the original — after b[0] = 40, a is [10, 2, 3, 40, 5, 6]. Advanced
indexing (integer or boolean arrays) always **copies**. \`.base\` points to the array that owns the memory;
\`reshape\` avoids copying when it can; \`ravel\` returns a view if possible, \`flatten\` always copies; changing the
shape of a transposed array in place fails (its memory is not contiguous). Each example shows the NumPy line,
our line, then the output — exactly what NumPy prints.`,
  },
  run(ctx) {
    showExamples(ctx, [...BASICS, ...COPIES]);
  },
};
