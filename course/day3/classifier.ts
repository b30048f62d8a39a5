/**
 * Day 3, lesson 1-8: the Keras-style classifier — one Dense unit with a sigmoid on the 200 points,
 * binary cross-entropy, Adam 0.01; `summary()` (3 parameters) and `fit(epochs 5, batch 1)`.
 */
import * as keras from '../../src/keras/index.js';
import * as plot from '../../src/plot/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { LIMITS, points, scatterClasses } from './data.js';
import { freshSession, withKerasOutput } from './keras-output.js';

/** The course's model: Input(2) → Dense(1, sigmoid), kernel Constant(0), bias Constant(1), compiled. */
export function buildClassifier(): keras.Sequential {
  const model = keras.Sequential([
    keras.Input([2]),
    keras.layers.Dense(1, {
      activation: 'sigmoid',
      kernelInitializer: keras.initializers.Constant(0),
      biasInitializer: keras.initializers.Constant(1),
    }),
  ]);
  model.compile({
    optimizer: keras.optimizers.Adam({ learningRate: 0.01 }),
    loss: 'binary_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** The Dense layer's weights as numbers: w = kernel[:, 0], b = bias[0]. */
export function weightsOf(model: keras.Sequential): { w0: number; w1: number; b: number } {
  const [kernel, bias] = model.getWeights(); // (2, 1), (1,)
  return { w0: Number(kernel.item(0, 0)), w1: Number(kernel.item(1, 0)), b: Number(bias.item(0)) };
}

/**
 * The decision boundary w0·x + w1·y + b = 0 solved for y: y = −(w0·x + b) / w1. (The original wrote
 * −(w0/w1)·x + b/w1: the bias term has the wrong sign.)
 */
export function boundaryY(x: number, w: { w0: number; w1: number; b: number }): number {
  return -(w.w0 * x + w.b) / w.w1;
}

/** The original's line, kept only to show the difference: −(w0/w1)·x + b/w1. */
export function originalBoundaryY(x: number, w: { w0: number; w1: number; b: number }): number {
  return -(w.w0 / w.w1) * x + w.b / w.w1;
}

export const classifierStep: Step = {
  id: '1-8',
  title: { zh: 'Keras 风格的二分类器', en: 'A Keras-style binary classifier' },
  text: {
    zh: `一个神经元就够了：\`Dense(1, sigmoid)\` 计算 σ(w0·x + w1·y + b)，输出"是 1 的概率"。

\`\`\`ts
const model = keras.Sequential([
  keras.Input([2]),
  keras.layers.Dense(1, { activation: 'sigmoid',
    kernelInitializer: keras.initializers.Constant(0), biasInitializer: keras.initializers.Constant(1) }),
]);
model.compile({ optimizer: keras.optimizers.Adam({ learningRate: 0.01 }),
  loss: 'binary_crossentropy', metrics: ['accuracy'] });
model.summary();                                   // 3 个参数：w0、w1、b
await model.fit(X, y, { epochs: 5, batchSize: 1 }); // 每个 epoch 打乱一次，每个点更新一次
\`\`\`

权重从 0、偏置从 1 开始（和原课程一样，便于复现）。\`fit\` 每个 epoch 用 \`keras.utils.setRandomSeed(0)\` 的
生成器打乱样本顺序，5 个 epoch、批大小 1 共 1000 次更新后：准确率 ≈ 0.99，权重 ≈ (2.47, 2.45)，偏置 ≈ 0.07——
和原课程的数字相同（我们用 NumPy 逐步重算过 Keras 的 Adam 来核对）。两个权重几乎相等、偏置接近 0，
正是分界线 x + y = 0 的样子。`,
    en: `One neuron is enough: \`Dense(1, sigmoid)\` computes σ(w0·x + w1·y + b), "the probability of class 1".

\`\`\`ts
const model = keras.Sequential([
  keras.Input([2]),
  keras.layers.Dense(1, { activation: 'sigmoid',
    kernelInitializer: keras.initializers.Constant(0), biasInitializer: keras.initializers.Constant(1) }),
]);
model.compile({ optimizer: keras.optimizers.Adam({ learningRate: 0.01 }),
  loss: 'binary_crossentropy', metrics: ['accuracy'] });
model.summary();                                   // 3 parameters: w0, w1, b
await model.fit(X, y, { epochs: 5, batchSize: 1 }); // shuffled every epoch, one update per point
\`\`\`

The weights start at 0 and the bias at 1 (as in the original, so the run can be reproduced). \`fit\` shuffles the
samples every epoch with the generator of \`keras.utils.setRandomSeed(0)\`; after 5 epochs of batch 1 (1,000
updates): accuracy ≈ 0.99, weights ≈ (2.47, 2.45), bias ≈ 0.07 — the original's numbers (checked against a NumPy
re-simulation of Keras's Adam, step by step). Two nearly equal weights and a bias near 0: the line x + y = 0.`,
  },
  async run(ctx: LessonContext) {
    const { X, y } = points(ctx.config.seed);
    freshSession(ctx.config.seed);
    const model = buildClassifier();
    model.summary({
      printFn: (text) =>
        text
          .replace(/\n$/, '')
          .split('\n')
          .forEach((l) => ctx.print(l)),
    });
    ctx.record('params', model.countParams());

    const epochs = ctx.config.epochs ?? 5;
    const history = await withKerasOutput(ctx, () => model.fit(X, y, { epochs, batchSize: 1, verbose: 1 }));
    const w = weightsOf(model);
    const [loss, accuracy] = model.evaluate(X, y, { verbose: 0 });
    ctx.print(`weights: (${f(w.w0, 2)}, ${f(w.w1, 2)}), bias: ${f(w.b, 2)}`);
    ctx.print(`evaluate: loss ${f(loss, 4)}, accuracy ${f(accuracy, 3)}`);
    ctx.record('accuracy', accuracy);
    ctx.record('w0', w.w0);
    ctx.record('w1', w.w1);
    ctx.record('b', w.b);
    ctx.record('fit:loss', loss);
    ctx.record('fit:history.accuracy', history.history.accuracy.map((a) => f(a, 4)).join(','));

    // the learned line, and the original's formula beside it
    const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 560 });
    scatterClasses(ax, X, y);
    const xs = [LIMITS[0], LIMITS[1]];
    ax.plot(
      xs,
      xs.map((x) => boundaryY(x, w)),
      { color: 'k', lineWidth: 2, label: 'y = −(w0·x + b)/w1' },
    );
    ax.plot(
      xs,
      xs.map((x) => originalBoundaryY(x, w)),
      {
        color: '#888',
        lineStyle: '--',
        lineWidth: 1.2,
        label:
          ctx.config.lang === 'zh' ? '原课程：−(w0/w1)x + b/w1（错）' : 'original: −(w0/w1)x + b/w1 (wrong)',
      },
    );
    ax.text(0.03, 0.04, `w = (${f(w.w0, 2)}, ${f(w.w1, 2)})  b = ${f(w.b, 2)}  acc = ${f(accuracy, 3)}`, {
      coords: 'axes',
      fontSize: 13,
      background: 'rgba(255,255,255,0.8)',
    });
    ax.title(ctx.config.lang === 'zh' ? '训练 5 个 epoch 后的分界线' : 'The boundary after 5 epochs').legend({
      loc: 'upper left',
    });
    await ctx.figure('classifier', fig);
  },
};
