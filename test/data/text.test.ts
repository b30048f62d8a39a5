/**
 * Text: tokenisers (Keras's word splitting), Vocabulary, padSequences (Keras's pad_sequences
 * results), and the ready sets (Day 6 phrases, Day 7 corpus, UCI sentences).
 */
import { describe, expect, it } from 'vitest';
import { IndexError, ValueError } from '../../src/nd/errors.js';
import { KERAS_FILTERS, charTokenize, wordTokenize } from '../../src/data/text/tokenize.js';
import { SPECIAL_TOKENS, Vocabulary } from '../../src/data/text/vocab.js';
import { padSequences } from '../../src/data/text/pad.js';
import { loadUciSentiment, rnnSentiment, transformerToy } from '../../src/data/text/datasets.js';

describe('tokenisers', () => {
  it('words as Keras text_to_word_sequence: lower-case, punctuation out, apostrophes kept', () => {
    expect(wordTokenize("The true enemy won't wait out the storm, He brings the storm.")).toEqual([
      'the',
      'true',
      'enemy',
      "won't",
      'wait',
      'out',
      'the',
      'storm',
      'he',
      'brings',
      'the',
      'storm',
    ]);
    expect(wordTokenize('  Hello,\tworld!\nOK?  ')).toEqual(['hello', 'world', 'ok']);
    expect(wordTokenize('Hi, you.', { punctuation: 'separate', lower: false })).toEqual([
      'Hi',
      ',',
      'you',
      '.',
    ]);
    expect(wordTokenize('a-b', { filters: '' })).toEqual(['a-b']);
    expect(KERAS_FILTERS).not.toContain("'");
  });

  it('characters are code points', () => {
    expect(charTokenize('Ab 日本😀')).toEqual(['A', 'b', ' ', '日', '本', '😀']);
    expect(charTokenize('Ab', { lower: true })).toEqual(['a', 'b']);
  });
});

describe('Vocabulary', () => {
  const texts = ['i am good', 'i am not bad', 'you are good'];

  it('specials first (<pad> 0, <unk> 1, <start> 2, <end> 3), then by frequency, ties by first appearance', () => {
    const v = Vocabulary.build(texts);
    expect(v.tokens).toEqual([...SPECIAL_TOKENS, 'i', 'am', 'good', 'not', 'bad', 'you', 'are']);
    expect([v.padId, v.unkId, v.startId, v.endId]).toEqual([0, 1, 2, 3]);
    expect(v.size).toBe(11);
  });

  it('encode / decode; unknown words become <unk>; start and end markers', () => {
    const v = Vocabulary.build(texts);
    expect(v.encode('I am GREAT')).toEqual([4, 5, 1]);
    expect(v.encode('you are good', { addStart: true, addEnd: true })).toEqual([2, 9, 10, 6, 3]);
    expect(v.decode([2, 4, 5, 6, 3])).toBe('<start> i am good <end>');
    expect(v.decode([2, 4, 5, 6, 3, 0, 0], { skipSpecials: true })).toBe('i am good');
    expect(() => v.decode([11])).toThrow(IndexError);
  });

  it('minFreq, maxSize, order, no specials', () => {
    expect(Vocabulary.build(texts, { minFreq: 2 }).tokens.slice(4)).toEqual(['i', 'am', 'good']);
    expect(Vocabulary.build(texts, { maxSize: 6 }).tokens.slice(4)).toEqual(['i', 'am']);
    expect(Vocabulary.build(texts, { specials: [], order: 'alphabetical' }).tokens).toEqual([
      'am',
      'are',
      'bad',
      'good',
      'i',
      'not',
      'you',
    ]);
    const plain = Vocabulary.build(texts, { specials: [], order: 'first' });
    expect(plain.tokens).toEqual(['i', 'am', 'good', 'not', 'bad', 'you', 'are']);
    expect(() => plain.encode('i am great')).toThrow(ValueError);
    expect(() => plain.encode('i am great')).toThrow(/'great' is not in the vocabulary \(7 tokens\)/);
  });

  it('a character vocabulary joins without spaces; JSON round trip; one-hot rows', () => {
    const v = Vocabulary.build(['hello', 'world'], { tokenizer: 'char', specials: ['<pad>'] });
    expect(v.tokens).toEqual(['<pad>', 'l', 'o', 'h', 'e', 'w', 'r', 'd']);
    expect(v.decode(v.encode('hello'))).toBe('hello');
    const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)) as ReturnType<Vocabulary['toJSON']>);
    expect(back.tokens).toEqual(v.tokens);
    expect(back.encode('word')).toEqual(v.encode('word'));
    const oh = v.oneHot('hel');
    expect(oh.shape).toEqual([3, 8]);
    expect(oh.toArray()).toEqual([
      [0, 0, 0, 1, 0, 0, 0, 0],
      [0, 0, 0, 0, 1, 0, 0, 0],
      [0, 1, 0, 0, 0, 0, 0, 0],
    ]);
  });
});

describe('padSequences (Keras results)', () => {
  const seqs = [[1], [2, 3], [4, 5, 6, 7]];
  it('defaults: pre-padding to the longest, int32', () => {
    const p = padSequences(seqs);
    expect(p.dtype).toBe('int32');
    expect(p.toArray()).toEqual([
      [0, 0, 0, 1],
      [0, 0, 2, 3],
      [4, 5, 6, 7],
    ]);
  });
  it('maxlen with pre/post padding and truncation, a custom value', () => {
    expect(padSequences(seqs, { maxlen: 3 }).toArray()).toEqual([
      [0, 0, 1],
      [0, 2, 3],
      [5, 6, 7],
    ]);
    expect(
      padSequences(seqs, { maxlen: 3, padding: 'post', truncating: 'post', value: -1 }).toArray(),
    ).toEqual([
      [1, -1, -1],
      [2, 3, -1],
      [4, 5, 6],
    ]);
    expect(padSequences([[], [1]]).toArray()).toEqual([[0], [1]]);
    expect(() => padSequences(seqs, { padding: 'middle' as 'pre' })).toThrow(
      /padding type 'middle' not understood/,
    );
  });
});

describe('ready sets', () => {
  it('Day 6: 58 training and 20 test phrases, 18 words, every test word known', () => {
    const d = rnnSentiment();
    expect(d.train.length).toBe(58);
    expect(d.test.length).toBe(20);
    expect(d.vocabulary.size).toBe(18);
    expect(d.vocabulary.tokens.slice(0, 6)).toEqual(['good', 'bad', 'happy', 'sad', 'not', 'very']);
    for (const p of d.test) expect(() => d.vocabulary.encode(p.text)).not.toThrow();
    expect(d.test.find((p) => p.text === 'i am good')?.positive).toBe(true);
    expect(d.test.find((p) => p.text === 'this is not bad')?.positive).toBe(true);
    expect(d.train.filter((p) => p.positive).length).toBe(26);
    expect(d.test.filter((p) => p.positive).length).toBe(10);
    expect(d.vocabulary.oneHot('i am good').shape).toEqual([3, 18]);
  });

  it('Day 7: the corpus has 23 words; with <start> and <end>, 25 tokens', () => {
    const t = transformerToy();
    expect(t.corpus.length).toBe(3);
    expect([t.dModel, t.dK]).toEqual([6, 4]);
    expect(t.vocabulary.size).toBe(25);
    expect(t.vocabulary.tokens.slice(23)).toEqual(['<start>', '<end>']);
    expect(t.vocabulary.has("won't")).toBe(true);
    const target = t.vocabulary.encode(t.decoderTarget, { addStart: true, addEnd: true });
    expect(t.vocabulary.decode(target)).toBe('<start> you win or you die <end>');
    expect(t.vocabulary.encode(t.encoderInput).length).toBe(6);
  });

  it('UCI sentiment labelled sentences: 3,000 from the `sentiment` package, 500/500 per site', async () => {
    const s = await loadUciSentiment();
    expect(s.length).toBe(3000);
    for (const site of ['amazon', 'imdb', 'yelp'] as const) {
      const rows = s.filter((r) => r.source === site);
      expect(rows.length).toBe(1000);
      expect(rows.filter((r) => r.label === 1).length).toBe(500);
    }
    expect(s[0]).toEqual({
      text: 'So there is no way for me to plug it in here in the US unless I go by a converter.',
      label: 0,
      source: 'amazon',
    });
    expect(s.every((r) => r.text.length > 0 && r.text === r.text.trim())).toBe(true);
  });
});
