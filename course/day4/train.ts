/**
 * Day 4, lesson 1-11: train the 2-2-1 network on four people, then predict two new ones.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { forward, initParams, train } from './network.js';

/** Weight − 135 lb and height − 66 in, label 1 = female (the article's data). */
export const PEOPLE = {
  data: [
    [-2, -1], // Alice
    [25, 6], // Bob
    [17, 4], // Charlie
    [-15, -6], // Diana
  ] as [number, number][],
  yTrues: [1, 0, 0, 1],
  names: ['Alice', 'Bob', 'Charlie', 'Diana'],
  emily: [-7, -3] as [number, number], // 128 lb, 63 in
  frank: [20, 2] as [number, number], // 155 lb, 68 in
};

export const trainStep: Step = {
  id: '1-11',
  title: { zh: '训练：随机梯度下降', en: 'Training: stochastic gradient descent' },
  text: {
    zh: `数据是四个人（体重 − 135 磅，身高 − 66 英寸）：Alice (−2, −1) 女、Bob (25, 6) 男、Charlie (17, 4) 男、
Diana (−15, −6) 女，标签 1 表示女性。九个参数用 \`default_rng(0).normal()\` 初始化。
每个 epoch 依次取每个样本：前向传播，反向传播算出九个偏导（\`backward\`，每一项都写了注释），
再让每个参数沿负梯度走一步：w ← w − 0.1·∂L/∂w。共 1000 个 epoch，每 10 个打印一次 "Epoch N loss"。
训练后预测两个新人：Emily (−7, −3) ≈ 0.95（女），Frank (20, 2) ≈ 0.04（男）。
（原文的权重没有设随机种子，所以原文的 0.951 / 0.039 每次运行都略有不同；我们的是固定的。）`,
    en: `The data are four people (weight − 135 lb, height − 66 in): Alice (−2, −1) female, Bob (25, 6) male,
Charlie (17, 4) male, Diana (−15, −6) female; label 1 means female. The nine parameters start from
\`default_rng(0).normal()\`. Each epoch visits every sample: forward pass, backward pass for the nine partial
derivatives (\`backward\`, one comment per term), then one step of every parameter against its gradient:
w ← w − 0.1·∂L/∂w. 1000 epochs, "Epoch N loss" every 10. Then predict two new people: Emily (−7, −3)
≈ 0.95 (female) and Frank (20, 2) ≈ 0.04 (male). (The article seeds nothing, so its 0.951 / 0.039 change
from run to run; ours are fixed.)`,
  },
  async run(ctx: LessonContext) {
    const rng = nd.random.defaultRng(ctx.config.seed);
    const p = initParams({ normal: () => rng.normal() as number });
    const epochs = ctx.config.epochs ?? 1000;
    const epochsSeen: number[] = [];
    const losses: number[] = [];
    train(p, PEOPLE.data, PEOPLE.yTrues, {
      epochs,
      learnRate: 0.1,
      report: (epoch, loss) => {
        ctx.print(`Epoch ${epoch} loss: ${f(loss, 3)}`);
        epochsSeen.push(epoch);
        losses.push(loss);
      },
    });
    const emily = forward(p, PEOPLE.emily).o1;
    const frank = forward(p, PEOPLE.frank).o1;
    ctx.print(`Emily: ${f(emily, 3)}`);
    ctx.print(`Frank: ${f(frank, 3)}`);
    ctx.record('train.loss0', losses[0]);
    ctx.record('train.lossFinal', losses[losses.length - 1]);
    ctx.record('train.emily', emily);
    ctx.record('train.frank', frank);

    const { fig, ax } = plot.subplots(1, 1, { width: 640, height: 400 });
    ax.plot(epochsSeen, losses, 'C0');
    ax.title('2-2-1 network: MSE over the four people').xlabel('epoch').ylabel('MSE loss').grid();
    await ctx.figure('train_loss', fig);
  },
};
