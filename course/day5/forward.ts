/**
 * Day 5, lesson 1-15: max-pooling (26×26×8 → 13×13×8), the softmax layer (1352 → 10), and the
 * untrained network's forward pass on 1,000 test digits: loss ≈ 2.302 = ln 10, accuracy ≈ 10 %.
 */
import * as nd from '../../src/nd/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { firstN, loadDigits } from '../day3/mnist.js';
import { forward, initCnn, poolForward, prepare, type CnnParams } from './cnn.js';
import { SMALL_IMAGE } from './convolution.js';

/** The original's report line. */
export function stepReport(step: number, loss: number, correct: number, count = 100): string {
  return `[Step ${step}] Past ${count} steps: Average Loss ${f(loss / count, 3)} | Accuracy: ${Math.round((100 * correct) / count)}%`;
}

/**
 * Forward passes over a split (no training): mean loss, accuracy, and how many images went to each
 * predicted class; a report every 100 images.
 */
export function evaluateByHand(
  set: { images: nd.NDArray; labels: nd.NDArray },
  params: CnnParams,
  report?: (line: string) => void,
): { loss: number; accuracy: number; predicted: number[] } {
  const n = set.images.shape[0];
  const labels = set.labels.toTypedArray();
  const predicted: number[] = new Array<number>(params.biases.size).fill(0);
  let loss = 0;
  let correct = 0;
  let windowLoss = 0;
  let windowCorrect = 0;
  for (let i = 0; i < n; i++) {
    const r = forward(prepare(set.images.get(i)), Number(labels[i]), params);
    loss += r.loss;
    correct += Number(r.correct);
    predicted[Number(r.probs.argmax().item())]++;
    windowLoss += r.loss;
    windowCorrect += Number(r.correct);
    if (report && i % 100 === 99) {
      report(stepReport(i + 1, windowLoss, windowCorrect));
      windowLoss = 0;
      windowCorrect = 0;
    }
  }
  return { loss: loss / n, accuracy: correct / n, predicted };
}

export const forwardStep: Step = {
  id: '1-15',
  title: {
    zh: '池化、Softmax 层与未训练的网络',
    en: 'Pooling, the softmax layer, and the untrained network',
  },
  text: {
    zh: `**最大池化（2×2）**：把特征图切成不重叠的 2×2 小块，每块只留最大值。26×26×8 → 13×13×8，没有参数。
它让网络对小的平移不那么敏感，也把后面的计算量减到四分之一。

**Softmax 层**：把 13×13×8 = 1352 个数展平，乘以 1352×10 的权重、加 10 个偏置，得到 10 个分数，
再用 softmax 变成 10 个概率。权重初始为 randn/1352，偏置为 0。

三层连起来：28×28 → Conv3x3(8) → 26×26×8 → MaxPool2 → 13×13×8 → Softmax → 10。
损失用交叉熵 L = −ln p_label。还没训练时每个数字的概率都差不多是 1/10，所以损失 ≈ ln 10 = 2.302，
准确率 ≈ 10%，也就是瞎猜的水平。种子 0 下 1,000 张测试图里猜对 14.7%：初始化和原教程一样（卷积核 randn/9，
softmax 权重 randn/1352，偏置为 0），但没训练的网络是一个固定的函数，会把大多数图片归到少数几类（种子 0 把 476 张归为 6），
猜对的张数不是 1,000 次独立的瞎猜，所以一个种子可以离 10% 较远：种子 0–19 在 6.1% 到 20.1% 之间，平均 12.0%。
下面照原教程的格式每 100 张报告一次，最后列出被猜成每一类的张数。输入和原教程一样先变成 像素/255 − 0.5。`,
    en: `**Max-pooling (2×2)**: cut each feature map into non-overlapping 2×2 blocks and keep only the largest value of
each. 26×26×8 → 13×13×8, no parameters. It makes the network less sensitive to small shifts and cuts the work after
it to a quarter.

**The softmax layer**: flatten the 13×13×8 = 1352 numbers, multiply by a 1352×10 weight matrix, add 10 biases — 10
scores — and turn them into 10 probabilities with a softmax. The weights start as randn/1352, the biases at 0.

Together: 28×28 → Conv3x3(8) → 26×26×8 → MaxPool2 → 13×13×8 → Softmax → 10. The loss is the cross-entropy
L = −ln p_label. Untrained, every digit gets a probability of about 1/10, so the loss is ≈ ln 10 = 2.302 and the
accuracy ≈ 10 %, the level of guessing. With seed 0 it is 14.7 % of the 1,000 test images: the initialisation is the
original's (filters randn/9, softmax weights randn/1352, biases 0), but an untrained net is one fixed function that
sends most images to a few classes (seed 0 sends 476 of them to 6), so its hits are not 1,000 independent guesses and
one seed can land well away from 10 %: over seeds 0–19 it ranges from 6.1 % to 20.1 %, 12.0 % on average. The report
below every 100 images has the original's format; at the end, how many images went to each class. As in the original,
the input is pixel/255 − 0.5.`,
  },
  async run(ctx: LessonContext) {
    // max-pooling on the 4×4 example (one channel)
    const small = nd.array(SMALL_IMAGE).reshape(4, 4, 1);
    const pooled = poolForward(small).out.reshape(2, 2);
    ctx.print('max-pool 2×2 of the 4×4 image =');
    ctx.print(pooled);

    const params = initCnn(ctx.config.seed);
    const { train, test } = await loadDigits(ctx.config);
    const fw = forward(prepare(train.images.get(0)), Number(train.labels.item(0)), params);
    ctx.print(
      `28×28 → conv ${fw.conv.h}×${fw.conv.w}×${params.filters.shape[0]} → pool ${fw.pool.argmax.shape.join('×')} → softmax ${fw.soft.flat.size} → ${fw.probs.size}`,
    );
    ctx.print(
      `softmax layer: weights ${params.weights.shape.join('×')} + biases ${params.biases.size} = ${params.weights.size + params.biases.size} parameters`,
    );
    ctx.print('untrained probabilities of image 0:', fw.probs.round(3));
    ctx.record('pool.outShape', fw.pool.argmax.shape.join('×'));
    ctx.record('softmax.inputs', fw.soft.flat.size);
    ctx.record('softmax.params', params.weights.size + params.biases.size);

    const n = ctx.config.fast ? 500 : 1000;
    const r = evaluateByHand(firstN(test, n), params, (line) => ctx.print(line));
    ctx.print(
      `untrained on ${n} test images: loss ${f(r.loss, 3)} (ln 10 = ${f(Math.log(10), 4)}), accuracy ${f(100 * r.accuracy, 1)}%`,
    );
    ctx.print(`predicted classes 0…9: ${r.predicted.join(' ')}`);
    ctx.record('untrained:predicted', r.predicted.join(' '));
    ctx.record('untrained.loss', r.loss);
    ctx.record('untrained.accuracy', r.accuracy);
  },
};
