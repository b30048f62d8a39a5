/**
 * Day 6's trainer: the lesson's RNN (rnn.ts, train.ts) trained in chunks of epochs, so phrases can
 * be analysed between chunks; `analyze` reads a phrase word by word and returns every hidden state
 * and p(positive) after each word. Words outside the 18-word vocabulary are skipped and reported.
 */
import * as nd from '../../../src/nd/index.js';
import { loadPhrases } from '../../../course/day6/data.js';
import { HIDDEN } from '../../../course/day6/forward.js';
import { initRnn, phraseInputs, rnnForward, type RnnParams } from '../../../course/day6/rnn.js';
import { EPOCHS, readingProbabilities, trainRnn, type EpochLog } from '../../../course/day6/train.js';
import { serve } from './rpc.js';

export interface Day6Analysis {
  tokens: { word: string; known: boolean }[];
  /** Hidden state after each known word, (T, H). */
  hs: number[][];
  /** p(positive) after each known word. */
  probs: number[];
}

const { vocabulary, trainSet, testSet } = loadPhrases();
let rng = nd.random.defaultRng(0);
let params: RnnParams = initRnn(rng, vocabulary.size, HIDDEN, 2);
let epoch = 0;

serve({
  init() {
    rng = nd.random.defaultRng(0);
    params = initRnn(rng, vocabulary.size, HIDDEN, 2); // the same weights as the lesson
    epoch = 0;
    return { vocabulary: [...vocabulary.tokens], epochs: EPOCHS.fast, hidden: HIDDEN };
  },
  train(args: { epochs: number }): { epoch: number; logs: EpochLog[] } {
    const logs = trainRnn(params, trainSet, testSet, { epochs: args.epochs, rng });
    // trainRnn numbers its epochs from 1 on every call; number them from the start instead
    const numbered = logs.map((l, i) => ({ ...l, epoch: epoch + i + 1 }));
    epoch += logs.length;
    return { epoch, logs: numbered };
  },
  analyze(args: { text: string }): Day6Analysis {
    const words = vocabulary.tokenize(args.text);
    const tokens = words.map((word) => ({ word, known: vocabulary.has(word) }));
    const ids = words.filter((w) => vocabulary.has(w)).map((w) => vocabulary.id(w));
    if (!ids.length) return { tokens, hs: [], probs: [] };
    const xs = phraseInputs(vocabulary.oneHot(ids)); // T × (V, 1)
    const { cache } = rnnForward(params, xs);
    const hs = cache.hs.slice(1).map((h) => Array.from(h.toTypedArray() as Float64Array)); // h_1 … h_T
    const probs = readingProbabilities(params, { text: args.text, xs, target: 0 });
    return { tokens, hs, probs };
  },
});
