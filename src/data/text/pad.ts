/**
 * Keras's `pad_sequences`: lists of token ids → one (n, maxlen) array.
 */
import * as nd from '../../nd/index.js';
import { ValueError } from '../../nd/errors.js';

export interface PadOptions {
  /** Length of every row (default: the longest sequence). */
  maxlen?: number;
  /** Where the padding goes: `'pre'` (default, as Keras) or `'post'`. */
  padding?: 'pre' | 'post';
  /** Which end of a too-long sequence is cut: `'pre'` (default, keeps the end) or `'post'`. */
  truncating?: 'pre' | 'post';
  /** The padding value (default 0, the id of `<pad>`). */
  value?: number;
  /** dtype of the result (default 'int32', as Keras). */
  dtype?: nd.DType;
}

/**
 * Pads (and truncates) sequences to one length, like `keras.utils.pad_sequences`.
 *
 * ```ts
 * padSequences([[1, 2], [3, 4, 5, 6]], { maxlen: 3 });
 * // [[0, 1, 2],
 * //  [4, 5, 6]]      (pre-padding, pre-truncation)
 * ```
 */
export function padSequences(sequences: readonly (readonly number[])[], opts: PadOptions = {}): nd.NDArray {
  const padding = opts.padding ?? 'pre';
  const truncating = opts.truncating ?? 'pre';
  if (padding !== 'pre' && padding !== 'post') {
    throw new ValueError(
      `padSequences: padding type '${String(padding)}' not understood; expected 'pre' or 'post'`,
    );
  }
  if (truncating !== 'pre' && truncating !== 'post') {
    throw new ValueError(
      `padSequences: truncating type '${String(truncating)}' not understood; expected 'pre' or 'post'`,
    );
  }
  const maxlen = opts.maxlen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0);
  if (!Number.isInteger(maxlen) || maxlen < 0) {
    throw new ValueError(`padSequences: maxlen must be a non-negative integer, got ${maxlen}`);
  }
  const out = nd.full([sequences.length, maxlen], opts.value ?? 0, { dtype: opts.dtype ?? 'int32' });
  const data = out.data;
  sequences.forEach((seq, i) => {
    const kept =
      seq.length <= maxlen
        ? seq
        : truncating === 'pre'
          ? seq.slice(seq.length - maxlen)
          : seq.slice(0, maxlen);
    const at = i * maxlen + (padding === 'pre' ? maxlen - kept.length : 0);
    for (let j = 0; j < kept.length; j++) data[at + j] = kept[j];
  });
  return out;
}
