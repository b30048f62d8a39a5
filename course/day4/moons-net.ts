/**
 * Day 4, lesson 1-12: a 2-h-2 network (tanh hidden layer, softmax output) trained on the moons by
 * full-batch gradient descent, forward and backward written out on nd; then the hidden-size panel.
 *
 *   z1 = X·W1 + b1   a1 = tanh(z1)   z2 = a1·W2 + b2   probs = softmax(z2)
 *   objective = Σ_i −log probs[i, y_i] + (λ/2)(‖W1‖² + ‖W2‖²)      (the original's gradient is of this sum)
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f, num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { drawDecision } from './boundary.js';
import { accuracy, moonsData } from './moons.js';

export interface NetParams {
  W1: nd.NDArray; // (2, h)
  b1: nd.NDArray; // (1, h)
  W2: nd.NDArray; // (h, 2)
  b2: nd.NDArray; // (1, 2)
}

export interface NetCache {
  a1: nd.NDArray; // (N, h)
  probs: nd.NDArray; // (N, 2)
}

/** The original's initialisation: `np.random.seed(seed)`, randn(2, h)/√2, randn(h, 2)/√h, zero biases. */
export function initNet(h: number, seed = 0): NetParams {
  const rng = new nd.random.RandomState(seed);
  return {
    W1: rng.randn(2, h).div(Math.sqrt(2)),
    b1: nd.zeros([1, h]),
    W2: rng.randn(h, 2).div(Math.sqrt(h)),
    b2: nd.zeros([1, 2]),
  };
}

export function netForward(p: NetParams, X: nd.NDArray): NetCache {
  const z1 = nd.matmul(X, p.W1).add(p.b1); // (N, h)
  const a1 = nd.tanh(z1); // (N, h)
  const z2 = nd.matmul(a1, p.W2).add(p.b2); // (N, 2)
  const e = nd.exp(z2); // (N, 2)  (the original does not subtract the max; z2 stays small here)
  const probs = e.div(e.sum({ axis: 1, keepdims: true })); // (N, 2)  softmax
  return { a1, probs };
}

/** One-hot rows of the labels: (N,) → (N, 2). */
export function oneHot(y: nd.NDArray, k = 2): nd.NDArray {
  return nd.eye(k).get(y); // (N, k)
}

/** Σ_i −log probs[i, y_i] + (λ/2)(‖W1‖² + ‖W2‖²), the sum whose gradient the original descends. */
export function netObjective(p: NetParams, X: nd.NDArray, y: nd.NDArray, reg: number): number {
  const { probs } = netForward(p, X);
  const correct = probs.mul(oneHot(y)).sum({ axis: 1 }); // (N,)  probs[i, y_i]
  const data = -num(nd.log(correct).sum());
  return data + (reg / 2) * (num(nd.square(p.W1).sum()) + num(nd.square(p.W2).sum()));
}

/** The loss the original prints (`calculate_loss`): the objective over N. */
export function netLoss(p: NetParams, X: nd.NDArray, y: nd.NDArray, reg: number): number {
  return netObjective(p, X, y, reg) / X.shape[0];
}

/** ∂objective/∂θ for every parameter (backprop, term by term). */
export function netBackward(p: NetParams, X: nd.NDArray, y: nd.NDArray, c: NetCache, reg: number): NetParams {
  const delta3 = c.probs.sub(oneHot(y)); // (N, 2)  ∂/∂z2 of Σ −log softmax = probs − onehot(y)
  const dW2 = nd.matmul(c.a1.T, delta3).add(p.W2.mul(reg)); // (h, 2)  a1ᵀ·δ3 + λW2
  const db2 = delta3.sum({ axis: 0, keepdims: true }); // (1, 2)  Σ_i δ3
  const da1 = nd.matmul(delta3, p.W2.T); // (N, h)  δ3·W2ᵀ
  const delta2 = da1.mul(nd.subtract(1, nd.square(c.a1))); // (N, h)  · tanh'(z1) = 1 − a1²
  const dW1 = nd.matmul(X.T, delta2).add(p.W1.mul(reg)); // (2, h)  Xᵀ·δ2 + λW1
  const db1 = delta2.sum({ axis: 0, keepdims: true }); // (1, h)  Σ_i δ2
  return { W1: dW1, b1: db1, W2: dW2, b2: db2 };
}

export function netPredict(p: NetParams, X: nd.NDArray): nd.NDArray {
  return netForward(p, X).probs.argmax({ axis: 1 }); // (N,)
}

export interface NetTrainOptions {
  passes: number;
  lr?: number;
  reg?: number;
  seed?: number;
  /** Called every `every` passes (and after the last) with the printed loss. */
  report?: (pass: number, loss: number) => void;
  every?: number;
  tick?: () => void;
}

/** The original's `build_model`: full-batch gradient descent, epsilon 0.01, reg_lambda 0.01. */
export function trainNet(X: nd.NDArray, y: nd.NDArray, h: number, opts: NetTrainOptions): NetParams {
  const lr = opts.lr ?? 0.01;
  const reg = opts.reg ?? 0.01;
  const every = opts.every ?? 1000;
  let p = initNet(h, opts.seed ?? 0);
  for (let i = 0; i < opts.passes; i++) {
    const g = netBackward(p, X, y, netForward(p, X), reg);
    p = {
      W1: p.W1.sub(g.W1.mul(lr)),
      b1: p.b1.sub(g.b1.mul(lr)),
      W2: p.W2.sub(g.W2.mul(lr)),
      b2: p.b2.sub(g.b2.mul(lr)),
    };
    if (opts.report && i % every === 0) opts.report(i, netLoss(p, X, y, reg));
    opts.tick?.();
  }
  return p;
}

export const HIDDEN_SIZES = [1, 2, 3, 4, 5, 20, 50];

const passesFor = (ctx: LessonContext, fast: number) => ctx.config.epochs ?? (ctx.config.fast ? fast : 20000);

export const moonsNetStep: Step = {
  id: '1-12',
  title: {
    zh: '一个隐藏层的网络：2-3-2，tanh + softmax',
    en: 'A network with one hidden layer: 2-3-2, tanh + softmax',
  },
  text: {
    zh: `输入 2 维 → 隐藏层 h 个 tanh 神经元 → 输出 2 个类别的 softmax 概率，损失为交叉熵，加 L2 正则 λ = 0.01。
前向：z1 = X·W1 + b1，a1 = tanh(z1)，z2 = a1·W2 + b2，probs = softmax(z2)。
反向（每一项都在代码里注释）：δ3 = probs − onehot(y)；∂W2 = a1ᵀ·δ3 + λW2；∂b2 = Σδ3；
δ2 = δ3·W2ᵀ ⊙ (1 − a1²)；∂W1 = Xᵀ·δ2 + λW1；∂b1 = Σδ2。
和原课程一样，梯度是对**求和**后的损失（没有除以 N），学习率 0.01，全批量训练 20,000 次，每 1000 次打印一次损失（打印的损失除以了 N）。
h = 3 时准确率约 0.985，决策边界弯成了月牙的形状——这是直线做不到的。`,
    en: `Two inputs → a hidden layer of h tanh neurons → softmax probabilities of the 2 classes, cross-entropy
loss, L2 regularisation λ = 0.01. Forward: z1 = X·W1 + b1, a1 = tanh(z1), z2 = a1·W2 + b2, probs = softmax(z2).
Backward (each term commented in the code): δ3 = probs − onehot(y); ∂W2 = a1ᵀ·δ3 + λW2; ∂b2 = Σδ3;
δ2 = δ3·W2ᵀ ⊙ (1 − a1²); ∂W1 = Xᵀ·δ2 + λW1; ∂b1 = Σδ2. As in the original, the gradient is of the **summed**
loss (not divided by N), learning rate 0.01, 20,000 full-batch passes, the loss printed every 1000 (the printed
loss is divided by N). With h = 3 the accuracy is about 0.985 and the boundary bends around the moons — which
no straight line can do.`,
  },
  async run(ctx: LessonContext) {
    const { X, y } = moonsData();
    const passes = passesFor(ctx, 2000);
    const every = ctx.config.fast ? 200 : 1000;
    const bar = ctx.progress(passes, 'h = 3');
    const p = trainNet(X, y, 3, {
      passes,
      seed: ctx.config.seed,
      every,
      report: (i, loss) => ctx.print(`Loss after iteration ${i}: ${f(loss, 6)}`),
      tick: () => bar.tick(),
    });
    bar.done();
    const loss = netLoss(p, X, y, 0.01);
    const acc = accuracy(netPredict(p, X), y);
    ctx.print(`h = 3, ${passes} passes: loss ${f(loss, 6)}, accuracy ${f(acc, 3)}`);
    ctx.record('moons.h3.passes', passes);
    ctx.record('moons.h3.loss', loss);
    ctx.record('moons.h3.acc', acc);

    const { fig, ax } = plot.subplots(1, 1, { width: 600, height: 440 });
    drawDecision(ax, (G) => netPredict(p, G), X, y, { title: `Hidden layer size 3: accuracy ${f(acc, 3)}` });
    await ctx.figure('moons_h3', fig);
  },
};

export const hiddenPanelStep: Step = {
  id: '1-12',
  title: { zh: '隐藏层大小：从欠拟合到过拟合', en: 'Hidden-layer size: from under- to over-fitting' },
  text: {
    zh: `同样的训练，隐藏层大小 h 取 1, 2, 3, 4, 5, 20, 50。h = 1、2 时网络太简单，边界几乎是直线（准确率约 0.86–0.90）；
h = 3–5 已经能很好地贴合月牙；h = 20、50 时训练准确率接近 1.0，但边界开始绕着个别噪声点弯曲——这就是**过拟合**：
在训练集上更好，换一批新数据反而可能更差。L2 正则 λ 会抑制这种弯曲。`,
    en: `The same training with hidden sizes h = 1, 2, 3, 4, 5, 20, 50. With h = 1 or 2 the network is too simple
and the boundary is almost straight (accuracy about 0.86–0.90); h = 3–5 already follows the moons well; with
h = 20 and 50 the training accuracy approaches 1.0 but the boundary starts to curl around single noisy
points — **over-fitting**: better on the training set, possibly worse on new data. The L2 term λ damps it.`,
  },
  async run(ctx: LessonContext) {
    const { X, y } = moonsData();
    const passes = passesFor(ctx, 500);
    const bar = ctx.progress(passes * HIDDEN_SIZES.length, 'hidden sizes');
    const results: { h: number; p: NetParams; acc: number }[] = [];
    for (const h of HIDDEN_SIZES) {
      const p = trainNet(X, y, h, { passes, seed: ctx.config.seed, tick: () => bar.tick(1, `h = ${h}`) });
      const acc = accuracy(netPredict(p, X), y);
      results.push({ h, p, acc });
      ctx.print(`hidden layer size ${String(h).padStart(2)}: accuracy ${f(acc, 3)}`);
      ctx.record(`moons.panel.h${h}`, acc);
    }
    bar.done();

    const { fig, axes } = plot.subplots(2, 4, { width: 1400, height: 640 });
    results.forEach((r, i) => {
      drawDecision(axes[Math.floor(i / 4)]![i % 4]!, (G) => netPredict(r.p, G), X, y, {
        res: 120,
        pointSize: 14,
        title: `h = ${r.h}: ${f(r.acc, 3)}`,
      });
    });
    const last = axes[1]![3]!;
    last.bar(
      results.map((r) => String(r.h)),
      results.map((r) => r.acc),
      { color: 'C0' },
    );
    last.title(`accuracy (${passes} passes)`).xlabel('hidden size').ylim(0.8, 1.0).grid();
    await ctx.figure('moons_hidden_sizes', fig);
  },
};
