/**
 * Day 7, lessons 1-54 and 1-55: the three sentences, the vocabulary and the word ids.
 */
import type { LessonContext, Step } from '../lesson.js';
import { setup } from './setup.js';

export const dataStep: Step = {
  id: '1-54',
  title: { zh: '数据集：三句台词', en: 'The data set: three lines of dialogue' },
  text: {
    zh: `为了能用手算（和打印）看清 Transformer 的每一步，数据只有《权力的游戏》里的三句话。
任务是一个最小的"翻译"：编码器读入 "when you play game of thrones"，解码器要输出 "you win or you die"。
解码器的输入是目标句右移一位、前面加 \`<start>\`："<start> you win or you die"；它要预测的是
"you win or you die <end>"——每个位置预测下一个词。`,
    en: `So that every step of a Transformer can be followed by hand (and printed), the data are just three lines from
Game of Thrones. The task is a minimal "translation": the encoder reads "when you play game of thrones" and
the decoder must produce "you win or you die". The decoder's input is the target shifted right behind a
\`<start>\`: "<start> you win or you die"; what it must predict is "you win or you die <end>" — the next word at
every position.`,
  },
  run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    s.data.corpus.forEach((line, i) => ctx.print(`${i + 1}. ${line}`));
    ctx.print(`encoder input:  ${s.srcTokens.join(' ')}`);
    ctx.print(`decoder input:  ${s.tgtInTokens.join(' ')}`);
    ctx.print(`decoder target: ${s.tgtOutTokens.join(' ')}`);
    ctx.record('data.sentences', s.data.corpus.length);
  },
};

export const vocabStep: Step = {
  id: '1-55',
  title: { zh: '词表与词的编号', en: 'The vocabulary and word ids' },
  text: {
    zh: `把三句话转成小写、去掉标点、按空格切分（和 Keras 的 Tokenizer 一样，"won't" 保持为一个词），
按第一次出现的顺序编号：得到 23 个不同的词，再加上解码器要用的 \`<start>\` 和 \`<end>\`，一共 25 个。
之后模型里的每个词都只是一个编号。`,
    en: `Lower-case the three lines, strip the punctuation and split on spaces (like Keras's Tokenizer: "won't" stays one
word), and number the words in order of first appearance: 23 distinct words, plus the decoder's \`<start>\` and
\`<end>\` — 25 tokens. From here on every word in the model is just its id.`,
  },
  run(ctx: LessonContext) {
    const s = setup(ctx.config.seed);
    const v = s.data.vocabulary;
    const words = v.tokens.filter((t) => !v.specials.includes(t));
    ctx.print(`${words.length} words + ${v.specials.join(', ')} = ${v.size} tokens`);
    for (let i = 0; i < v.size; i += 7) {
      ctx.print(
        v.tokens
          .slice(i, i + 7)
          .map((t, j) => `${String(i + j).padStart(2)}: ${t.padEnd(8)}`)
          .join(' ')
          .trimEnd(),
      );
    }
    ctx.print(`encoder input ids:  [${s.src.join(', ')}]   (${s.srcTokens.join(' ')})`);
    ctx.print(`decoder input ids:  [${s.tgtIn.join(', ')}]   (${s.tgtInTokens.join(' ')})`);
    ctx.print(`decoder target ids: [${s.tgtOut.join(', ')}]   (${s.tgtOutTokens.join(' ')})`);
    ctx.record('vocab.words', words.length);
    ctx.record('vocab.size', v.size);
  },
};
