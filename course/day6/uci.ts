/**
 * Day 6, lessons 1-52 and 1-53 — beyond the toy: real review sentences (UCI Sentiment Labelled
 * Sentences) with an LSTM and a GRU from `nn`, trained by autograd and Adam.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import * as nn from '../../src/nn/index.js';
import * as optim from '../../src/optim/index.js';
import { noGrad, type Tensor } from '../../src/autograd/index.js';
import {
  loadUciSentiment,
  padSequences,
  Vocabulary,
  PAD,
  UNK,
  type LabelledSentence,
} from '../../src/data/index.js';
import { f } from '../helpers.js';
import type { LessonContext, RunConfig, Step } from '../lesson.js';

/** Sizes of the data and the models, full and --fast. */
export const UCI = {
  /** Share of the (shuffled) 3,000 sentences kept for testing. */
  testShare: 0.2,
  /** --fast: a subset of the split. */
  fastTrain: 400,
  fastTest: 200,
  /** Sentences are cut/padded to this many words (the median is 10). */
  maxLen: { full: 24, fast: 16 },
  /** Words seen fewer times in the training sentences become `<unk>`. */
  minFreq: 2,
  embedDim: 32,
  hidden: 32,
  batchSize: 32,
  learnRate: 0.005,
  epochs: { full: 8, fast: 3 },
};

export interface UciData {
  vocabulary: Vocabulary;
  train: LabelledSentence[];
  test: LabelledSentence[];
  /** Padded ids (n, maxLen) int32 and labels (n,) int64. */
  xTrain: nd.NDArray;
  yTrain: nd.NDArray;
  xTest: nd.NDArray;
  yTest: nd.NDArray;
}

export function maxLenOf(config: RunConfig): number {
  return config.fast ? UCI.maxLen.fast : UCI.maxLen.full;
}

/** Shuffles the 3,000 sentences with the run's seed, splits 80/20 (a subset in fast mode), encodes and pads. */
export async function prepareUci(config: RunConfig): Promise<UciData> {
  const all = await loadUciSentiment();
  const rng = nd.random.defaultRng(config.seed);
  const order = Array.from(rng.permutation(all.length).toTypedArray(), Number);
  const nTest = Math.round(all.length * UCI.testShare);
  let test = order.slice(0, nTest).map((i) => all[i]);
  let train = order.slice(nTest).map((i) => all[i]);
  if (config.fast) {
    train = train.slice(0, UCI.fastTrain);
    test = test.slice(0, UCI.fastTest);
  }
  const vocabulary = Vocabulary.build(
    train.map((s) => s.text),
    { minFreq: UCI.minFreq, specials: [PAD, UNK] },
  );
  const encode = (set: LabelledSentence[]) =>
    padSequences(
      set.map((s) => vocabulary.encode(s.text)),
      { maxlen: maxLenOf(config) }, // pre-padding: the last step of the RNN sees the last word
    );
  const labels = (set: LabelledSentence[]) =>
    nd.array(
      set.map((s) => s.label),
      { dtype: 'int64' },
    );
  return {
    vocabulary,
    train,
    test,
    xTrain: encode(train),
    yTrain: labels(train),
    xTest: encode(test),
    yTest: labels(test),
  };
}

/** Embedding → LSTM or GRU → the last step's hidden state → Linear to 2 classes. */
export class SentimentRNN extends nn.Module<[nd.NDArray], Tensor> {
  embedding: nn.Embedding;
  rnn: nn.LSTM | nn.GRU;
  fc: nn.Linear;

  constructor(kind: 'LSTM' | 'GRU', vocabSize: number, rng: nd.random.Generator) {
    super();
    this.embedding = new nn.Embedding(vocabSize, UCI.embedDim, { paddingIdx: 0, rng });
    const Cell = kind === 'LSTM' ? nn.LSTM : nn.GRU;
    this.rnn = new Cell(UCI.embedDim, UCI.hidden, { batchFirst: true, rng });
    this.fc = new nn.Linear(UCI.hidden, 2, { rng });
  }

  forward(ids: nd.NDArray): Tensor {
    const x = this.embedding.call(ids); // (B, T, E)
    const [out] = this.rnn.call(x); // (B, T, H)
    const last = out.index(nd.slice(), -1); // (B, H)
    return this.fc.call(last); // (B, 2)
  }
}

/** Accuracy of a model on (x, y), in batches, without building a graph. */
export function accuracy(model: SentimentRNN, x: nd.NDArray, y: nd.NDArray): number {
  return noGrad(() => {
    let correct = 0;
    const n = x.shape[0];
    for (let i = 0; i < n; i += 200) {
      const logits = model.call(x.get(nd.slice(i, Math.min(n, i + 200)))); // (b, 2)
      const pred = logits.data.argmax({ axis: -1 });
      correct += Number(
        pred
          .eq(y.get(nd.slice(i, Math.min(n, i + 200))))
          .sum()
          .item(),
      );
    }
    return correct / n;
  });
}

export interface UciEpochLog {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/** Adam on mini-batches, the order reshuffled each epoch with the given generator. */
export function trainSentiment(
  model: SentimentRNN,
  d: UciData,
  opts: {
    epochs: number;
    rng: nd.random.Generator;
    onBatch?: () => void;
    onEpoch?: (log: UciEpochLog) => void;
  },
): UciEpochLog[] {
  const opt = new optim.Adam(model.parameters(), { lr: UCI.learnRate });
  const n = d.xTrain.shape[0];
  const logs: UciEpochLog[] = [];
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    model.train();
    const order = opts.rng.permutation(n);
    let total = 0;
    let batches = 0;
    for (let i = 0; i < n; i += UCI.batchSize) {
      const idx = order.get(nd.slice(i, Math.min(n, i + UCI.batchSize)));
      const logits = model.call(d.xTrain.take(idx, { axis: 0 })); // (B, 2)
      const loss = nn.F.crossEntropy(logits, d.yTrain.take(idx));
      opt.zeroGrad();
      loss.backward();
      opt.step();
      total += loss.item();
      batches++;
      opts.onBatch?.();
    }
    model.eval();
    const log = {
      epoch,
      loss: total / batches,
      trainAccuracy: accuracy(model, d.xTrain, d.yTrain),
      testAccuracy: accuracy(model, d.xTest, d.yTest),
    };
    logs.push(log);
    opts.onEpoch?.(log);
  }
  return logs;
}

export const uciDataStep: Step = {
  id: '1-52',
  title: { zh: '走出玩具数据：UCI 真实评论句子', en: 'Beyond the toy: real review sentences (UCI)' },
  text: {
    zh: `18 个词的短语只是玩具。UCI 的"带情感标签的句子"数据集有 3000 条真实评论（Amazon、IMDb、Yelp 各 1000 条，
正负各半），例如 "So there is no way for me to plug it in here in the US unless I go by a converter." ✗。
用带种子的生成器打乱后按 80/20 切成训练集和测试集（快速模式只取其中 400/200 条）。
词表只用训练集建立，出现少于 2 次的词记作 \`<unk>\`；每句转成编号后在前面补 \`<pad>\`（编号 0）到 24 个词（快速模式 16 个）——
补在前面，RNN 的最后一步才正好读到句子的最后一个词。`,
    en: `Phrases over 18 words are a toy. The UCI "Sentiment Labelled Sentences" are 3,000 real reviews (1,000 each
from Amazon, IMDb and Yelp, half positive), e.g. "So there is no way for me to plug it in here in the US unless
I go by a converter." ✗. Shuffled with the seeded generator, they are split 80/20 into training and test sets
(fast mode keeps 400/200 of them). The vocabulary comes from the training sentences only; words seen fewer than
twice become \`<unk>\`. Each sentence becomes ids, padded in front with \`<pad>\` (id 0) to 24 words (fast mode: 16) — in front, so
that the RNN's last step reads the sentence's last word.`,
  },
  async run(ctx: LessonContext) {
    const d = await prepareUci(ctx.config);
    const pos = (s: LabelledSentence[]) => s.filter((x) => x.label === 1).length;
    ctx.print(
      `train: ${d.train.length} sentences (${pos(d.train)} positive), test: ${d.test.length} (${pos(d.test)} positive)`,
    );
    ctx.print(
      `vocabulary: ${d.vocabulary.size} tokens (words seen ≥ ${UCI.minFreq} times in training, plus ${PAD}, ${UNK})`,
    );
    const lengths = d.train.map((s) => d.vocabulary.tokenize(s.text).length).sort((a, b) => a - b);
    ctx.print(
      `words per sentence: median ${lengths[lengths.length >> 1]}, max ${lengths[lengths.length - 1]}; cut/padded to ${maxLenOf(ctx.config)}`,
    );
    for (const s of d.train.slice(0, 3)) {
      ctx.print(`  ${s.label ? '✓' : '✗'} [${s.source}] ${s.text}`);
      ctx.print(`     → ${d.vocabulary.decode(d.vocabulary.encode(s.text))}`);
    }
    ctx.print('padded ids of the first sentence:', d.xTrain.get(0));
    ctx.record('uci.train', d.train.length);
    ctx.record('uci.test', d.test.length);
    ctx.record('uci.vocab', d.vocabulary.size);
  },
};

export const uciModelsStep: Step = {
  id: '1-53',
  title: { zh: 'LSTM 与 GRU（nn 模块 + 自动求导）', en: 'LSTM and GRU (nn modules + autograd)' },
  text: {
    zh: `普通 RNN 的梯度每往回走一步都要乘一次 W_hhᵀ 和 tanh 的导数，句子一长就消失或爆炸——所以玩具课里要裁剪梯度。
LSTM 加了一条"细胞状态" c_t，用遗忘门、输入门、输出门控制写入和读出：c_t = f ⊙ c_{t−1} + i ⊙ g，
梯度沿 c 回传时只乘门的值，能走得更远。GRU 是更简单的变体（更新门、重置门，没有单独的 c）。
这里不再手写反向传播：模型由 \`nn.Embedding\`（32 维）→ \`nn.LSTM\` 或 \`nn.GRU\`（32 个隐藏单元）→ 最后一步的 h →
\`nn.Linear\`(32→2) 组成，自动求导算梯度，Adam（学习率 0.005）、每批 32 句。完整运行 8 个 epoch，快速模式 3 个。
真实句子比玩具难得多：词表大、很多词只出现一两次，测试准确率在 0.7–0.8 左右，训练集则很快接近 1（过拟合）。
本机实测（高负载下）：完整运行（2400/600 句、8 个 epoch、两个模型）用时 539 秒，LSTM / GRU 测试准确率 0.788 / 0.780，
训练准确率 0.998 / 1.000；快速模式约 16 秒。`,
    en: `A plain RNN's gradient is multiplied by W_hhᵀ and tanh's derivative at every step back, so over long sentences it
vanishes or explodes — hence the clipping in the toy lesson. An LSTM adds a "cell state" c_t whose writing and
reading are controlled by forget, input and output gates, c_t = f ⊙ c_{t−1} + i ⊙ g; going back along c the
gradient is only multiplied by gate values and travels further. A GRU is a simpler variant (update and reset
gates, no separate c). No hand-written backward here: the model is \`nn.Embedding\` (32) → \`nn.LSTM\` or \`nn.GRU\`
(32 hidden units) → the last step's h → \`nn.Linear\`(32→2), gradients by autograd, Adam (lr 0.005), batches of
32. The full run trains 8 epochs, fast mode 3. Real sentences are much harder than the toy: a large vocabulary,
many words seen once or twice; test accuracy lands around 0.7–0.8 while the training set quickly nears 1
(over-fitting). Measured on this machine (under heavy load): the full run (2,400/600 sentences, 8 epochs, both
models) takes 539 s; LSTM / GRU test accuracy 0.788 / 0.780, train accuracy 0.998 / 1.000; fast mode about 16 s.`,
  },
  async run(ctx: LessonContext) {
    const d = await prepareUci(ctx.config);
    const epochs = ctx.config.epochs ?? (ctx.config.fast ? UCI.epochs.fast : UCI.epochs.full);
    const batches = Math.ceil(d.xTrain.shape[0] / UCI.batchSize);
    const results: Record<string, UciEpochLog[]> = {};
    const t0 = performance.now();
    for (const [k, kind] of (['LSTM', 'GRU'] as const).entries()) {
      const rng = nd.random.defaultRng(ctx.config.seed + 100 + k);
      const model = new SentimentRNN(kind, d.vocabulary.size, rng);
      const nParams = model.parameters().reduce((s, p) => s + p.size, 0);
      ctx.print(`${kind}: ${nParams} parameters`);
      const bar = ctx.progress(epochs * batches, kind);
      results[kind] = trainSentiment(model, d, {
        epochs,
        rng,
        onBatch: () => bar.tick(),
        onEpoch: (log) =>
          ctx.print(
            `  Epoch ${log.epoch}/${epochs}  loss ${f(log.loss, 4)}  train accuracy ${f(log.trainAccuracy, 3)}  test accuracy ${f(log.testAccuracy, 3)}`,
          ),
      });
      bar.done();
      const last = results[kind][results[kind].length - 1];
      ctx.record(`uci.${kind}.firstLoss`, results[kind][0].loss);
      ctx.record(`uci.${kind}.loss`, last.loss);
      ctx.record(`uci.${kind}.trainAccuracy`, last.trainAccuracy);
      ctx.record(`uci.${kind}.testAccuracy`, last.testAccuracy);
    }
    const seconds = (performance.now() - t0) / 1000;
    ctx.print(`trained both in ${f(seconds, 1)} s`);
    ctx.record('uci.seconds', seconds);

    const { fig, axes } = plot.subplots(1, 2, { width: 980, height: 400 });
    const [lossAx, accAx] = axes[0];
    for (const [i, kind] of ['LSTM', 'GRU'].entries()) {
      const logs = results[kind];
      const ep = logs.map((l) => l.epoch);
      lossAx.plot(
        ep,
        logs.map((l) => l.loss),
        `C${i}-o`,
        { label: kind },
      );
      accAx.plot(
        ep,
        logs.map((l) => l.trainAccuracy),
        `C${i}--`,
        { label: `${kind} train` },
      );
      accAx.plot(
        ep,
        logs.map((l) => l.testAccuracy),
        `C${i}-o`,
        { label: `${kind} test` },
      );
    }
    lossAx.title('Training loss (UCI sentences)').xlabel('epoch').ylabel('cross-entropy').grid().legend();
    accAx.title('Accuracy').xlabel('epoch').ylabel('accuracy').grid().legend({ loc: 'lower right' });
    await ctx.figure('uci_lstm_gru', fig);
  },
};
