/**
 * Day 6, lessons 1-50 and 1-51: train the RNN with BPTT + clipping + SGD, then read its predictions.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { f } from '../helpers.js';
import type { LessonContext, RunConfig, Step } from '../lesson.js';
import { loadPhrases, type Example } from './data.js';
import { HIDDEN } from './forward.js';
import {
  clipGrads,
  crossEntropy,
  initRnn,
  rnnBackward,
  rnnForward,
  sgdStep,
  softmax,
  type RnnParams,
} from './rnn.js';

export const LEARN_RATE = 0.02;
/** Epochs of the full run (the tutorial's) and of --fast (the seed-0 run is at 1.0/1.0 from ≈ 350). */
export const EPOCHS = { full: 1000, fast: 400 };

/** Mean loss and accuracy over a set, forward only. */
export function evaluate(p: RnnParams, set: Example[]): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (const ex of set) {
    const { loss: l, probs } = crossEntropy(rnnForward(p, ex.xs).y, ex.target);
    loss += l;
    if (Number(probs.argmax().item()) === ex.target) correct++;
  }
  return { loss: loss / set.length, accuracy: correct / set.length };
}

export interface EpochLog {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  /** Measured every 10 epochs and at the reports (NaN otherwise). */
  testLoss: number;
  testAccuracy: number;
}

export interface TrainOptions {
  epochs: number;
  learnRate?: number;
  /** Shuffles the training phrases each epoch (the generator that made the weights). */
  rng: nd.random.Generator;
  /** Called after every epoch. */
  onEpoch?: (log: EpochLog) => void;
}

/**
 * The tutorial's training loop: every epoch visits the training phrases in a new random order;
 * for each: forward, loss, BPTT, clip to [−1, 1], SGD step.
 */
export function trainRnn(
  p: RnnParams,
  trainSet: Example[],
  testSet: Example[],
  opts: TrainOptions,
): EpochLog[] {
  const lr = opts.learnRate ?? LEARN_RATE;
  const logs: EpochLog[] = [];
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const order = opts.rng.permutation(trainSet.length).toTypedArray();
    let loss = 0;
    let correct = 0;
    for (const i of order) {
      const ex = trainSet[Number(i)];
      const { y, cache } = rnnForward(p, ex.xs); // y (2, 1)
      const { loss: l, probs, dy } = crossEntropy(y, ex.target); // ∂L/∂y = p − onehot
      loss += l;
      if (Number(probs.argmax().item()) === ex.target) correct++;
      const grads = rnnBackward(p, cache, dy); // BPTT
      clipGrads(grads, -1, 1); // against exploding gradients
      sgdStep(p, grads, lr); // θ ← θ − lr · ∂L/∂θ
    }
    const measureTest = epoch % 10 === 0 || epoch === opts.epochs;
    const test = measureTest ? evaluate(p, testSet) : { loss: NaN, accuracy: NaN };
    const log = {
      epoch,
      trainLoss: loss / trainSet.length,
      trainAccuracy: correct / trainSet.length,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
    };
    logs.push(log);
    opts.onEpoch?.(log);
  }
  return logs;
}

interface Trained {
  params: RnnParams;
  logs: EpochLog[];
  seconds: number;
}

/** The model lesson 1-50 trained, for lesson 1-51 of the same run (keyed by the run's context). */
const trainedModels = new WeakMap<LessonContext, Map<string, Trained>>();

function epochsOf(config: RunConfig): number {
  return config.epochs ?? (config.fast ? EPOCHS.fast : EPOCHS.full);
}

/** Trains (or returns the model trained earlier in this run), printing the tutorial's reports. */
function trained(ctx: LessonContext): Trained {
  const epochs = epochsOf(ctx.config);
  const key = `${ctx.config.seed}/${epochs}`;
  const models = trainedModels.get(ctx) ?? new Map<string, Trained>();
  trainedModels.set(ctx, models);
  const done = models.get(key);
  if (done) return done;
  const { vocabulary, trainSet, testSet } = loadPhrases();
  const rng = nd.random.defaultRng(ctx.config.seed);
  const params = initRnn(rng, vocabulary.size, HIDDEN, 2); // the same weights as lesson 1-48
  const bar = ctx.progress(epochs, 'RNN');
  const t0 = performance.now();
  const logs = trainRnn(params, trainSet, testSet, {
    epochs,
    rng,
    onEpoch: (log) => {
      bar.tick(1, `loss ${f(log.trainLoss, 3)}`);
      if (log.epoch % 100 === 0 || log.epoch === epochs) {
        ctx.print(`--- Epoch ${log.epoch}`);
        ctx.print(`Train:\tLoss ${f(log.trainLoss, 3)} | Accuracy: ${f(log.trainAccuracy, 3)}`);
        ctx.print(`Test:\tLoss ${f(log.testLoss, 3)} | Accuracy: ${f(log.testAccuracy, 3)}`);
      }
    },
  });
  bar.done();
  const result = { params, logs, seconds: (performance.now() - t0) / 1000 };
  models.set(key, result);
  return result;
}

export const trainStep: Step = {
  id: '1-50',
  title: { zh: '训练：1000 个 epoch 的 SGD', en: 'Training: 1000 epochs of SGD' },
  text: {
    zh: `和教程一样：每个 epoch 把 58 条训练短语打乱顺序，逐条做前向、算损失、BPTT、把梯度裁剪到 [−1, 1]、
用学习率 0.02 做一步 SGD。共 1000 个 epoch，每 100 个报告一次训练集和测试集的平均损失与准确率。
打乱顺序用的是生成权重的那个带种子的生成器，所以每次运行打印的数字都一样——和同样写法的 NumPy 程序
（\`default_rng(0)\`）逐位一致。

前两三百个 epoch 几乎没有进展：权重是 randn/1000，梯度也很小，网络要先"找到方向"；之后损失迅速下降，
大约第 350 个 epoch 起训练集和测试集的准确率都是 1.0。快速模式只训练 400 个 epoch（也已经到 1.0）。
顺带一提：若照抄教程的 W_hh（而非 W_hhᵀ），同样的种子下训练集也能到 1.0，但测试集只有 0.8 ——
错误的梯度仍在下降，只是不再是最陡的方向。

本机实测：完整的 1000 个 epoch 用时 206 秒，训练/测试准确率 1.000 / 1.000（损失 0.001 / 0.001）；快速模式 400 个 epoch 约 40 秒。
（测量时这台 2 核机器负载很高：整天的完整运行墙钟 750 秒，其中本进程的 CPU 时间只有约 150 秒。）`,
    en: `As in the tutorial: each epoch shuffles the 58 training phrases and, one phrase at a time, runs the forward
pass, the loss, BPTT, clips the gradients to [−1, 1] and takes one SGD step with learning rate 0.02. 1000
epochs, reporting the mean loss and accuracy on the training and test sets every 100. The shuffling uses
the seeded generator that made the weights, so every run prints the same numbers — digit for digit the same
as a NumPy program written the same way (\`default_rng(0)\`).

The first two or three hundred epochs barely move: with randn/1000 weights the gradients are tiny and the
network first has to "find a direction"; then the loss drops fast, and from about epoch 350 train and test
accuracy are both 1.0. Fast mode trains 400 epochs (already at 1.0). By the way: with the tutorial's W_hh
instead of W_hhᵀ the same seed still reaches 1.0 on the training set but only 0.8 on the test set — the wrong
gradient still goes downhill, just not steepest.

Measured on this machine: the full 1000 epochs take 206 s, train/test accuracy 1.000 / 1.000 (loss 0.001 / 0.001);
fast mode's 400 epochs about 40 s. (The 2-core machine was heavily loaded: the whole day's full run took 750 s of
wall time, of which only about 150 s were this process's CPU time.)`,
  },
  async run(ctx: LessonContext) {
    const { logs, seconds } = trained(ctx);
    const last = logs[logs.length - 1];
    ctx.print(`trained ${logs.length} epochs in ${f(seconds, 1)} s`);
    ctx.record('train.epochs', logs.length);
    ctx.record('train.loss', last.trainLoss);
    ctx.record('train.accuracy', last.trainAccuracy);
    ctx.record('test.loss', last.testLoss);
    ctx.record('test.accuracy', last.testAccuracy);
    ctx.record('train.seconds', seconds);

    const epochs = logs.map((l) => l.epoch);
    const tested = logs.filter((l) => !Number.isNaN(l.testLoss));
    const { fig, axes } = plot.subplots(1, 2, { width: 980, height: 400 });
    const [lossAx, accAx] = axes[0];
    lossAx.plot(
      epochs,
      logs.map((l) => l.trainLoss),
      'C0',
      { label: 'train' },
    );
    lossAx.plot(
      tested.map((l) => l.epoch),
      tested.map((l) => l.testLoss),
      'C1',
      { label: 'test' },
    );
    lossAx.title('Cross-entropy loss').xlabel('epoch').ylabel('mean loss').grid().legend();
    accAx.plot(
      epochs,
      logs.map((l) => l.trainAccuracy),
      'C0',
      { label: 'train' },
    );
    accAx.plot(
      tested.map((l) => l.epoch),
      tested.map((l) => l.testAccuracy),
      'C1',
      { label: 'test' },
    );
    accAx
      .title('Accuracy')
      .xlabel('epoch')
      .ylabel('accuracy')
      .ylim(0.4, 1.02)
      .grid()
      .legend({ loc: 'lower right' });
    await ctx.figure('rnn_training', fig);
  },
};

/** p(positive) after each word: the output read at every step, y_t = W_hy h_t + b_y. */
export function readingProbabilities(p: RnnParams, ex: Example): number[] {
  const { cache } = rnnForward(p, ex.xs);
  return cache.hs.slice(1).map((h) => Number(softmax(nd.matmul(p.Why, h).add(p.by)).item(1, 0)));
}

export const predictStep: Step = {
  id: '1-51',
  title: { zh: '预测测试短语，看它怎么"读"', en: 'Predicting the test phrases, and watching it read' },
  text: {
    zh: `训练好的网络给每条测试短语一个 p(正面)。全部 20 条都判断正确。
图中每一行是一条测试短语，每一格是读到第 t 个词时若立刻输出（y_t = W_hy · h_t + b_y）得到的 p(正面)。
中间的格子是训练时从未要求它输出的位置，数值本身没有含义；要看的是情感词那一格：同样读到 "good"，
前面有 "not" 时概率很低（"this is not at all good" → 接近 0），没有时很高（"this is good and happy" → 接近 1）——
"not" 被记在了隐藏状态里，隔着 "at all" 也没忘。`,
    en: `The trained network gives each test phrase a p(positive); all 20 are right.
In the figure each row is a test phrase and each cell the p(positive) the network would output right after
reading word t (y_t = W_hy · h_t + b_y). The cells in between are positions it was never asked to answer at,
so their values mean little; look at the sentiment words instead: reading "good" gives a low probability after
a "not" ("this is not at all good" → near 0) and a high one without ("this is good and happy" → near 1) — the "not"
is kept in the hidden state, even across "at all".`,
  },
  async run(ctx: LessonContext) {
    const { params } = trained(ctx);
    const { testSet } = loadPhrases();
    let correct = 0;
    const rows: number[][] = [];
    const width = Math.max(...testSet.map((ex) => ex.xs.length));
    for (const ex of testSet) {
      const probs = readingProbabilities(params, ex);
      const pPos = probs[probs.length - 1];
      const ok = (pPos > 0.5 ? 1 : 0) === ex.target;
      if (ok) correct++;
      ctx.print(
        `${ok ? '✓' : '✗'} p(positive) = ${f(pPos, 3)}  ${ex.target ? '(positive)' : '(negative)'}  ${ex.text}`,
      );
      rows.push([...probs, ...Array<number>(width - probs.length).fill(NaN)]);
    }
    ctx.print(`test accuracy: ${correct}/${testSet.length}`);
    ctx.record('predict.correct', correct);

    const { fig, ax } = plot.subplots(1, 1, { width: 720, height: 760 });
    ax.heatmap(rows, {
      xLabels: Array.from({ length: width }, (_, t) => String(t + 1)),
      yLabels: testSet.map((ex) => ex.text),
      cmap: 'RdBu',
      vmin: 0,
      vmax: 1,
    });
    ax.title('p(positive) after each word (test phrases)').xlabel('words read');
    await ctx.figure('rnn_reading', fig);
  },
};
