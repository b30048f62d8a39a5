/**
 * Day 1, lesson 1-4: changing shapes — reshape, ravel, transpose, squeeze, expand_dims — and
 * joining/splitting arrays.
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples } from './examples.js';

const shapeOf = (a: nd.NDArray) => nd.array([...a.shape]);

export const RESHAPE = [
  ex('reshape: reshape(3, -1)', 'np.arange(12).reshape(3, -1)', 'nd.arange(12).reshape(3, -1)', () =>
    nd.arange(12).reshape(3, -1),
  ),
  ex('reshape: ravel', 'np.arange(6).reshape(2, 3).ravel()', 'nd.arange(6).reshape(2, 3).ravel()', () =>
    nd.arange(6).reshape(2, 3).ravel(),
  ),
  ex('reshape: flatten', 'np.arange(6).reshape(2, 3).flatten()', 'nd.arange(6).reshape(2, 3).flatten()', () =>
    nd.arange(6).reshape(2, 3).flatten(),
  ),
  ex(
    'reshape: T',
    'np.arange(6).reshape(2, 3).T',
    'nd.arange(6).reshape(2, 3).T',
    () => nd.arange(6).reshape(2, 3).T,
  ),
  ex(
    'reshape: transpose axes',
    'np.array(np.zeros((2, 3, 4)).transpose(2, 0, 1).shape)',
    'nd.zeros([2, 3, 4]).transpose(2, 0, 1).shape',
    () => shapeOf(nd.zeros([2, 3, 4]).transpose(2, 0, 1)),
  ),
  ex(
    'reshape: squeeze',
    'np.array(np.zeros((1, 3, 1)).squeeze().shape)',
    'nd.zeros([1, 3, 1]).squeeze().shape',
    () => shapeOf(nd.zeros([1, 3, 1]).squeeze()),
  ),
  ex(
    'reshape: expand_dims',
    'np.array(np.expand_dims(np.arange(3), 0).shape)',
    'nd.expandDims(nd.arange(3), 0).shape',
    () => shapeOf(nd.expandDims(nd.arange(3), 0)),
  ),
  ex(
    'reshape: concatenate',
    'np.concatenate([np.arange(3), np.arange(2)])',
    'nd.concatenate([nd.arange(3), nd.arange(2)])',
    () => nd.concatenate([nd.arange(3), nd.arange(2)]),
  ),
  ex(
    'reshape: stack',
    'np.stack([np.arange(3), np.arange(3)])',
    'nd.stack([nd.arange(3), nd.arange(3)])',
    () => nd.stack([nd.arange(3), nd.arange(3)]),
  ),
  ex(
    'reshape: vstack',
    'np.vstack([np.arange(3), np.arange(3, 6)])',
    'nd.vstack([nd.arange(3), nd.arange(3, 6)])',
    () => nd.vstack([nd.arange(3), nd.arange(3, 6)]),
  ),
  ex(
    'reshape: hstack',
    'np.hstack([np.arange(2), np.arange(3)])',
    'nd.hstack([nd.arange(2), nd.arange(3)])',
    () => nd.hstack([nd.arange(2), nd.arange(3)]),
  ),
  ex(
    'reshape: split',
    'np.split(np.arange(6), 3)[1]',
    'nd.split(nd.arange(6), 3)[1]',
    () => nd.split(nd.arange(6), 3)[1],
  ),
];

export const reshapeStep: Step = {
  id: '1-4',
  title: { zh: '改变形状；拼接与拆分', en: 'Changing shape; joining and splitting' },
  text: {
    zh: `\`reshape\` 只改形状不改数据，其中一维可以写 −1 让它自动推算；\`ravel\`/\`flatten\` 拉成一维；\`.T\`/\`transpose\` 交换维的顺序；
\`squeeze\` 去掉长度为 1 的维，\`expandDims\` 加一维。拼接：\`concatenate\` 沿已有的维，\`stack\` 沿一个新维，
\`vstack\`/\`hstack\` 是竖着/横着拼的简写；\`split\` 等分成几块。神经网络里这些操作到处都是：把 28×28 的图片拉成 784 维向量，
给单个样本加一个 batch 维……`,
    en: `\`reshape\` changes the shape, not the data; one axis may be −1 to be inferred; \`ravel\`/\`flatten\` make it
1-d; \`.T\`/\`transpose\` reorder the axes; \`squeeze\` drops length-1 axes and \`expandDims\` adds one. Joining:
\`concatenate\` along an existing axis, \`stack\` along a new one, \`vstack\`/\`hstack\` as shorthands for vertical and
horizontal; \`split\` cuts into equal parts. Networks do this everywhere: a 28×28 image flattened to 784
numbers, a batch axis added to a single sample…`,
  },
  run(ctx) {
    showExamples(ctx, RESHAPE);
  },
};
