/**
 * Day 6, lessons 1-46 and 1-47: the phrases, the vocabulary and the one-hot inputs.
 */
import * as nd from '../../src/nd/index.js';
import { rnnSentiment, type RnnSentimentData } from '../../src/data/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { phraseInputs } from './rnn.js';

/** A phrase ready for the RNN: its one-hot columns and its class (1 positive, 0 negative). */
export interface Example {
  text: string;
  xs: nd.NDArray[];
  target: number;
}

/** The Day 6 set with every phrase turned into one-hot columns over the 18 training words. */
export function loadPhrases(): RnnSentimentData & { trainSet: Example[]; testSet: Example[] } {
  const d = rnnSentiment();
  const toExample = (p: { text: string; positive: boolean }): Example => ({
    text: p.text,
    xs: phraseInputs(d.vocabulary.oneHot(p.text)), // T × (V, 1)
    target: p.positive ? 1 : 0,
  });
  return { ...d, trainSet: d.train.map(toExample), testSet: d.test.map(toExample) };
}

export const dataStep: Step = {
  id: '1-46',
  title: { zh: '数据：58 条训练短语，20 条测试短语', en: 'The data: 58 training phrases, 20 test phrases' },
  text: {
    zh: `任务是判断一句很短的英文是正面还是负面："i am good" ✓、"this is not bad" ✓、"i am not at all happy" ✗。
难点在于词序：同样的 "good"，前面有没有 "not" 意思完全相反，所以模型必须按顺序读完整句话。
训练集 58 条，测试集 20 条，测试集里的每个词都在训练集里出现过。`,
    en: `The task: tell whether a very short English phrase is positive or negative: "i am good" ✓,
"this is not bad" ✓, "i am not at all happy" ✗. Word order is the hard part — the same "good" means the
opposite after "not" — so the model has to read the phrase in order, to the end. 58 training phrases,
20 test phrases; every test word occurs in training.`,
  },
  run(ctx: LessonContext) {
    const d = rnnSentiment();
    const pos = (ps: { positive: boolean }[]) => ps.filter((p) => p.positive).length;
    ctx.print(
      `train: ${d.train.length} phrases (${pos(d.train)} positive), test: ${d.test.length} phrases (${pos(d.test)} positive)`,
    );
    for (const p of d.train.slice(12, 22)) ctx.print(`  ${p.positive ? '✓' : '✗'}  ${p.text}`);
    ctx.print('  …');
    ctx.record('data.train', d.train.length);
    ctx.record('data.test', d.test.length);
  },
};

export const vocabStep: Step = {
  id: '1-47',
  title: { zh: '词表与 one-hot 输入', en: 'The vocabulary and one-hot inputs' },
  text: {
    zh: `把训练集里出现过的词收集起来，得到 18 个词的词表，每个词一个编号（按第一次出现的顺序，所以每次运行都一样；
教程用 Python 的 \`set\`，顺序随运行而变）。
每个词变成一个 (18, 1) 的 one-hot 列向量：只有自己编号那一行是 1。一句话就是这样一串列向量 x_1 … x_T，
RNN 每一步读一个。`,
    en: `Collect the words of the training phrases: a vocabulary of 18 words, each with an id (in order of first
appearance, so every run is the same; the tutorial uses a Python \`set\`, whose order changes between runs).
Each word becomes an (18, 1) one-hot column — a 1 in the row of its id. A phrase is the sequence of columns
x_1 … x_T, and the RNN reads one per step.`,
  },
  run(ctx: LessonContext) {
    const { vocabulary } = rnnSentiment();
    ctx.print(`vocabulary (${vocabulary.size} words):`);
    ctx.print(vocabulary.tokens.map((w, i) => `${i}:${w}`).join('  '));
    const text = 'i am good';
    const rows = vocabulary.oneHot(text); // (T, V)
    ctx.print(`word ids of "${text}":`, vocabulary.encode(text).join(', '));
    const xs = phraseInputs(rows);
    ctx.print(`inputs: ${xs.length} one-hot columns of shape (${xs[0].shape.join(', ')}); as rows:`);
    ctx.print(rows.astype('int32'));
    ctx.record('vocab.size', vocabulary.size);
    ctx.record('vocab.inputShape', `(${xs[0].shape.join(',')})`);
  },
};
