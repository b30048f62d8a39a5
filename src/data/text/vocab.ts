/**
 * Vocabulary: tokens ↔ ids, built from texts (torchtext's `Vocab`, Keras's `Tokenizer.word_index`).
 *
 * ```ts
 * const vocab = Vocabulary.build(['i am good', 'i am not bad'], { minFreq: 1 });
 * vocab.tokens;                  // ['<pad>', '<unk>', '<start>', '<end>', 'i', 'am', 'good', 'not', 'bad']
 * vocab.encode('i am great');    // [4, 5, 1]        (unknown words → <unk>)
 * vocab.decode([4, 5, 6]);       // 'i am good'
 * ```
 */
import * as nd from '../../nd/index.js';
import { IndexError, ValueError } from '../../nd/errors.js';
import { charTokenize, wordTokenize } from './tokenize.js';

/** The special tokens, in the order `Vocabulary.build` puts them by default (ids 0–3). */
export const SPECIAL_TOKENS = ['<pad>', '<unk>', '<start>', '<end>'] as const;
export const PAD = '<pad>';
export const UNK = '<unk>';
export const START = '<start>';
export const END = '<end>';

/** A tokeniser by name (`wordTokenize` / `charTokenize` with their defaults) or a function. */
export type TokenizerLike = 'word' | 'char' | ((text: string) => string[]);

export interface VocabularyOptions {
  /** Tokens seen fewer times are left out (default 1). */
  minFreq?: number;
  /** At most this many tokens in all, specials included (default: no limit). */
  maxSize?: number;
  /** Special tokens (default `<pad>`, `<unk>`, `<start>`, `<end>`); pass [] for none. */
  specials?: readonly string[];
  /** Specials before the words (default, ids 0…) or after them. */
  specialsAt?: 'start' | 'end';
  /**
   * Order of the words: `'frequency'` (default; most frequent first, ties by first appearance,
   * as Keras's Tokenizer), `'first'` (order of first appearance) or `'alphabetical'`.
   */
  order?: 'frequency' | 'first' | 'alphabetical';
  /** How `build` and `encode` split a string (default 'word'). */
  tokenizer?: TokenizerLike;
}

export interface EncodeOptions {
  /** Put `<start>` first. */
  addStart?: boolean;
  /** Put `<end>` last. */
  addEnd?: boolean;
}

export interface DecodeOptions {
  /** Leave the special tokens out (default false). */
  skipSpecials?: boolean;
  /** Joins the tokens (default ' ' for the word tokeniser, '' for characters). */
  separator?: string;
}

function tokenizerFn(t: TokenizerLike): (text: string) => string[] {
  if (t === 'word') return (s) => wordTokenize(s);
  if (t === 'char') return (s) => charTokenize(s);
  return t;
}

/** A fixed list of tokens; id = position in the list. */
export class Vocabulary {
  /** Token of each id. */
  readonly tokens: readonly string[];
  /** The special tokens present in this vocabulary. */
  readonly specials: readonly string[];
  readonly tokenizer: TokenizerLike;
  private readonly ids: Map<string, number>;
  private readonly split: (text: string) => string[];

  /** A vocabulary of exactly these tokens (ids 0, 1, …); `specials` marks which are special. */
  constructor(
    tokens: readonly string[],
    opts: { specials?: readonly string[]; tokenizer?: TokenizerLike } = {},
  ) {
    this.ids = new Map();
    tokens.forEach((t, i) => {
      if (this.ids.has(t))
        throw new ValueError(`Vocabulary: token '${t}' appears twice (ids ${this.ids.get(t)} and ${i})`);
      this.ids.set(t, i);
    });
    this.tokens = Object.freeze([...tokens]);
    this.specials = Object.freeze(
      (opts.specials ?? SPECIAL_TOKENS.filter((s) => this.ids.has(s))).filter((s) => this.ids.has(s)),
    );
    this.tokenizer = opts.tokenizer ?? 'word';
    this.split = tokenizerFn(this.tokenizer);
  }

  /**
   * Counts the tokens of `texts` (strings, split by the tokeniser, or lists of tokens) and keeps
   * those seen at least `minFreq` times, after the special tokens.
   */
  static build(texts: Iterable<string | readonly string[]>, opts: VocabularyOptions = {}): Vocabulary {
    const tokenizer = opts.tokenizer ?? 'word';
    const split = tokenizerFn(tokenizer);
    const specials = [...(opts.specials ?? SPECIAL_TOKENS)];
    const counts = new Map<string, number>(); // insertion order = first appearance
    for (const t of texts) {
      for (const tok of typeof t === 'string' ? split(t) : t) counts.set(tok, (counts.get(tok) ?? 0) + 1);
    }
    const minFreq = opts.minFreq ?? 1;
    let words = [...counts.entries()].filter(([w, c]) => c >= minFreq && !specials.includes(w));
    const order = opts.order ?? 'frequency';
    if (order === 'frequency')
      words = words.sort((a, b) => b[1] - a[1]); // stable: ties keep first appearance
    else if (order === 'alphabetical') words = words.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    else if (order !== 'first') throw new ValueError(`Vocabulary.build: unknown order '${String(order)}'`);
    let names = words.map(([w]) => w);
    if (opts.maxSize !== undefined) names = names.slice(0, Math.max(0, opts.maxSize - specials.length));
    const tokens =
      (opts.specialsAt ?? 'start') === 'start' ? [...specials, ...names] : [...names, ...specials];
    return new Vocabulary(tokens, { specials, tokenizer });
  }

  /** Number of tokens. */
  get size(): number {
    return this.tokens.length;
  }
  get length(): number {
    return this.tokens.length;
  }

  /** Id of `<pad>` (−1 when absent); likewise `unkId`, `startId`, `endId`. */
  get padId(): number {
    return this.ids.get(PAD) ?? -1;
  }
  get unkId(): number {
    return this.ids.get(UNK) ?? -1;
  }
  get startId(): number {
    return this.ids.get(START) ?? -1;
  }
  get endId(): number {
    return this.ids.get(END) ?? -1;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** Id of a token; an unknown token gets `<unk>`'s id, or a ValueError without `<unk>`. */
  id(token: string): number {
    const i = this.ids.get(token);
    if (i !== undefined) return i;
    const unk = this.ids.get(UNK);
    if (unk !== undefined) return unk;
    throw new ValueError(
      `Vocabulary: '${token}' is not in the vocabulary (${this.size} tokens) and there is no '${UNK}' token to stand for it`,
    );
  }

  /** Token of an id. */
  token(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) {
      throw new IndexError(`Vocabulary: id ${id} is out of range for a vocabulary of ${this.size} tokens`);
    }
    return this.tokens[id];
  }

  /** Splits text with this vocabulary's tokeniser. */
  tokenize(text: string): string[] {
    return this.split(text);
  }

  /** Ids of a text (split by the tokeniser) or of a list of tokens. */
  encode(text: string | readonly string[], opts: EncodeOptions = {}): number[] {
    const toks = typeof text === 'string' ? this.split(text) : text;
    const ids = toks.map((t) => this.id(t));
    if (opts.addStart) ids.unshift(this.id(START));
    if (opts.addEnd) ids.push(this.id(END));
    return ids;
  }

  /** The text of a list of ids (tokens joined by a space, or by nothing for characters). */
  decode(ids: Iterable<number> | nd.NDArray, opts: DecodeOptions = {}): string {
    const list = ids instanceof nd.NDArray ? Array.from(ids.ravel().toTypedArray()) : [...ids];
    let toks = list.map((i) => this.token(i));
    if (opts.skipSpecials) toks = toks.filter((t) => !this.specials.includes(t));
    return toks.join(opts.separator ?? (this.tokenizer === 'char' ? '' : ' '));
  }

  /**
   * One-hot rows for a text or a list of ids: (T, size), float64 by default — Day 6 feeds row t
   * (as a (size, 1) column) to the RNN at step t.
   */
  oneHot(input: string | readonly number[], opts: { dtype?: nd.DType } = {}): nd.NDArray {
    const ids = typeof input === 'string' ? this.encode(input) : input;
    const out = nd.zeros([ids.length, this.size], { dtype: opts.dtype ?? 'float64' });
    ids.forEach((id, t) => {
      this.token(id);
      out.data[t * this.size + id] = 1;
    });
    return out;
  }

  /** A JSON-safe description (`new Vocabulary(j.tokens, j)` restores it; a custom tokeniser is not saved). */
  toJSON(): { tokens: string[]; specials: string[]; tokenizer: 'word' | 'char' | 'custom' } {
    return {
      tokens: [...this.tokens],
      specials: [...this.specials],
      tokenizer: typeof this.tokenizer === 'function' ? 'custom' : this.tokenizer,
    };
  }

  /** Restores `toJSON()`'s output (a 'custom' tokeniser must be passed again). */
  static fromJSON(
    json: { tokens: string[]; specials?: string[]; tokenizer?: string },
    tokenizer?: (text: string) => string[],
  ): Vocabulary {
    const t: TokenizerLike =
      json.tokenizer === 'char' ? 'char' : json.tokenizer === 'custom' && tokenizer ? tokenizer : 'word';
    return new Vocabulary(json.tokens, { specials: json.specials, tokenizer: t });
  }
}
