/**
 * Tokenisers: text → list of tokens. Words follow Keras's `text_to_word_sequence`: lower-case,
 * every character of `filters` (ASCII punctuation except the apostrophe, plus tab and newline)
 * becomes a space, split on spaces, drop empty pieces — so "won't" stays one word and
 * "thrones, you" gives ["thrones", "you"].
 */

/** Keras's default `filters`: the characters removed from words (not the apostrophe). */
export const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

export interface WordTokenizeOptions {
  /** Lower-case first (default true). */
  lower?: boolean;
  /** Characters that separate words and are dropped (default `KERAS_FILTERS`). */
  filters?: string;
  /**
   * `'remove'` (default): filter characters are dropped. `'separate'`: the printable ones become
   * tokens of their own (`"hi, you."` → `["hi", ",", "you", "."]`).
   */
  punctuation?: 'remove' | 'separate';
}

/**
 * Splits text into words (Keras's `text_to_word_sequence`).
 *
 * ```ts
 * wordTokenize("The true enemy won't wait out the storm."); // ['the', 'true', 'enemy', "won't", 'wait', 'out', 'the', 'storm']
 * ```
 */
export function wordTokenize(text: string, opts: WordTokenizeOptions = {}): string[] {
  const filters = new Set(opts.filters ?? KERAS_FILTERS);
  const s = (opts.lower ?? true) ? text.toLowerCase() : text;
  const separate = opts.punctuation === 'separate';
  const out: string[] = [];
  let word = '';
  for (const ch of s) {
    const isSpace = /\s/.test(ch);
    if (isSpace || filters.has(ch)) {
      if (word) out.push(word);
      word = '';
      if (separate && !isSpace) out.push(ch);
    } else {
      word += ch;
    }
  }
  if (word) out.push(word);
  return out;
}

export interface CharTokenizeOptions {
  /** Lower-case first (default false). */
  lower?: boolean;
}

/** Splits text into characters (Unicode code points, so "日本" gives two tokens, emoji one). */
export function charTokenize(text: string, opts: CharTokenizeOptions = {}): string[] {
  return Array.from(opts.lower ? text.toLowerCase() : text);
}
