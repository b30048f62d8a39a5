/**
 * Day 1, lesson 1-4: statistics along axes, sorting and unique values.
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples } from './examples.js';

const s = () =>
  nd.array([
    [1, 5, 2],
    [4, 3, 6],
  ]);

export const STATISTICS = [
  ex('stats: sum', 's = np.array([[1, 5, 2], [4, 3, 6]]); s.sum()', 's.sum()', () => s().sum()),
  ex('stats: sum axis 0', 's.sum(axis=0)', 's.sum({ axis: 0 })', () => s().sum({ axis: 0 })),
  ex('stats: min axis 1', 's.min(axis=1)', 's.min({ axis: 1 })', () => s().min({ axis: 1 })),
  ex('stats: max keepdims', 's.max(axis=1, keepdims=True)', 's.max({ axis: 1, keepdims: true })', () =>
    s().max({ axis: 1, keepdims: true }),
  ),
  ex('stats: mean', 's.mean()', 's.mean()', () => s().mean()),
  ex('stats: std', 's.std()', 's.std()', () => s().std()),
  ex('stats: var axis 0', 's.var(axis=0)', 's.var({ axis: 0 })', () => s().var({ axis: 0 })),
  ex('stats: median', 'np.median(s)', 'nd.median(s)', () => nd.median(s())),
  ex('stats: percentile 75', 'np.percentile(s, 75)', 'nd.percentile(s, 75)', () => nd.percentile(s(), 75)),
  ex('stats: argmin', 's.argmin()', 's.argmin()', () => s().argmin()),
  ex('stats: argmax axis 1', 's.argmax(axis=1)', 's.argmax({ axis: 1 })', () => s().argmax({ axis: 1 })),
  ex('stats: cumsum', 's.cumsum()', 's.cumsum()', () => s().cumsum()),
  ex('stats: cumsum axis 1', 's.cumsum(axis=1)', 's.cumsum({ axis: 1 })', () => s().cumsum({ axis: 1 })),
  ex('stats: sort', 'np.sort(np.array([3, 1, 2, 5, 4]))', 'nd.sort(nd.array([3, 1, 2, 5, 4]))', () =>
    nd.sort(nd.array([3, 1, 2, 5, 4])),
  ),
  ex('stats: argsort', 'np.argsort(np.array([3, 1, 2, 5, 4]))', 'nd.argsort(nd.array([3, 1, 2, 5, 4]))', () =>
    nd.argsort(nd.array([3, 1, 2, 5, 4])),
  ),
  ex('stats: unique', 'np.unique(np.array([3, 1, 3, 2, 1]))', 'nd.unique(nd.array([3, 1, 3, 2, 1]))', () =>
    nd.unique(nd.array([3, 1, 3, 2, 1])),
  ),
];

export const statisticsStep: Step = {
  id: '1-4',
  title: { zh: '统计：沿轴求和、均值、方差……', en: 'Statistics: sums, means, variances along axes' },
  text: {
    zh: `归约函数（sum、min、max、mean、std、var、median、percentile、argmin、argmax）默认作用于所有元素；
给出 \`axis\` 就只沿那一维归约，那一维消失——\`axis: 0\` 是"每一列"，\`axis: 1\` 是"每一行"；\`keepdims: true\` 保留长度为 1 的维，
方便和原数组继续广播。\`cumsum\` 是累加；\`sort\`、\`argsort\`（排序后的下标）、\`unique\`（去重并排序）。
注意 std 和 var 默认除以 n（总体方差），不是 n − 1。`,
    en: `Reductions (sum, min, max, mean, std, var, median, percentile, argmin, argmax) use every element by default;
with \`axis\` they reduce along that axis only and it disappears — \`axis: 0\` means "per column", \`axis: 1\` "per
row"; \`keepdims: true\` keeps it with length 1 so the result still broadcasts against the original. \`cumsum\` is
the running sum; \`sort\`, \`argsort\` (the indices that sort) and \`unique\` (sorted distinct values). Note that std
and var divide by n (population variance), not n − 1.`,
  },
  run(ctx) {
    showExamples(ctx, STATISTICS);
  },
};
