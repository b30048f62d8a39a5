/**
 * Day 1, lesson 1-5: random numbers from a seeded generator (NumPy's default_rng, PCG64).
 */
import * as nd from '../../src/nd/index.js';
import type { Step } from '../lesson.js';
import { ex, showExamples } from './examples.js';

/** Each example starts from a fresh `default_rng(42)`, so each output can be checked on its own. */
const rng = () => nd.random.defaultRng(42);

export const RANDOM = [
  ex(
    'random: default_rng(42).random((2, 3))',
    'rng = np.random.default_rng(42); rng.random((2, 3))',
    'const rng = nd.random.defaultRng(42); rng.random([2, 3])',
    () => rng().random([2, 3]),
  ),
  ex(
    'random: integers(0, 10, 5)',
    'rng.integers(0, 10, 5)  # high is exclusive',
    'rng.integers(0, 10, 5)',
    () => rng().integers(0, 10, 5),
  ),
  ex('random: standard_normal(3)', 'rng.standard_normal(3)', 'rng.standardNormal(3)', () =>
    rng().standardNormal(3),
  ),
  ex('random: normal(5, 1, 3)', 'rng.normal(5, 1, 3)', 'rng.normal(5, 1, 3)', () => rng().normal(5, 1, 3)),
  ex('random: uniform(0, 10, 3)', 'rng.uniform(0, 10, 3)', 'rng.uniform(0, 10, 3)', () =>
    rng().uniform(0, 10, 3),
  ),
  ex(
    'random: choice(5, 3, replace=False)',
    'rng.choice(5, 3, replace=False)',
    'rng.choice(5, 3, { replace: false })',
    () => rng().choice(5, 3, { replace: false }),
  ),
  ex('random: choice(5, 6)', 'rng.choice(5, 6)', 'rng.choice(5, 6)', () => rng().choice(5, 6)),
  ex('random: permutation(6)', 'rng.permutation(6)', 'rng.permutation(6)', () => rng().permutation(6)),
  ex('random: shuffle', 'a = np.arange(6); rng.shuffle(a); a', 'rng.shuffle(a); a', () => {
    const a = nd.arange(6);
    rng().shuffle(a);
    return a;
  }),
];

export const randomStep: Step = {
  id: '1-5',
  title: { zh: '随机数：带种子的生成器', en: 'Random numbers: a seeded generator' },
  text: {
    zh: `随机数都来自一个生成器对象 \`rng = nd.random.defaultRng(seed)\`，和 NumPy 的 \`np.random.default_rng(seed)\` 一样是 PCG64，
而且**逐位相同**：同一个种子给出和 NumPy 完全相同的数列，所以课程里每张由随机数据画出的图都能和原版一致。
\`random\` 是 [0, 1) 均匀分布，\`integers(low, high)\` 不含 high，\`standardNormal\`/\`normal(loc, scale)\` 是正态分布，
\`uniform(low, high)\`，\`choice\`（有放回/无放回），\`permutation\` 返回打乱的副本，\`shuffle\` 原地打乱。
（每个例子都重新用种子 42 创建生成器，这样每行结果都能单独核对。）`,
    en: `Every random number comes from a generator object \`rng = nd.random.defaultRng(seed)\`: PCG64, as NumPy's
\`np.random.default_rng(seed)\`, and **bit for bit the same** — one seed gives exactly NumPy's stream, so every
course figure built from random data matches the original. \`random\` is uniform on [0, 1), \`integers(low,
high)\` excludes high, \`standardNormal\`/\`normal(loc, scale)\` are Gaussian, \`uniform(low, high)\`, \`choice\`
(with or without replacement), \`permutation\` returns a shuffled copy, \`shuffle\` shuffles in place. (Each
example starts a fresh generator with seed 42, so every line can be checked on its own.)`,
  },
  run(ctx) {
    showExamples(ctx, RANDOM);
  },
};
