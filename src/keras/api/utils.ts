/**
 * `keras.utils`: seeds, where text goes, the progress bar, and `toCategorical`.
 *
 * ```ts
 * keras.utils.setRandomSeed(0);                       // shuffling, initialisers, dropout
 * keras.utils.setWriter({ write: (t) => log.push(t) }); // capture progress bars and summaries
 * ```
 */
import { NDArray } from '../../nd/ndarray.js';
import { asarray, type ArrayLike } from '../../nd/creation.js';
import { ValueError } from '../../nd/errors.js';
import { callable } from '../callable.js';
import { Progbar as ProgbarClass } from '../progbar.js';

export { setRandomSeed, setWriter, getWriter, clearSession, printMsg, type Writer } from '../backend.js';
export type { ProgbarOptions } from '../progbar.js';

export const Progbar = callable(ProgbarClass);
export type Progbar = ProgbarClass;

/**
 * One-hot encodes integer class labels (Keras's `to_categorical`): (N,) → (N, numClasses)
 * float32; numClasses defaults to max + 1.
 */
export function toCategorical(y: NDArray | ArrayLike, numClasses?: number): NDArray {
  const a = asarray(y as ArrayLike);
  let labels = a;
  if (labels.ndim > 1 && labels.shape[labels.ndim - 1] === 1)
    labels = labels.reshape(labels.shape.slice(0, -1));
  const v = labels.toTypedArray();
  let max = -1;
  for (let i = 0; i < v.length; i++) {
    const c = Number(v[i]);
    if (!Number.isInteger(c) || c < 0)
      throw new ValueError(`toCategorical: labels must be non-negative integers, got ${c}`);
    max = Math.max(max, c);
  }
  const C = numClasses ?? max + 1;
  if (max >= C) throw new ValueError(`toCategorical: label ${max} does not fit numClasses=${C}`);
  const out = new Float32Array(v.length * C);
  for (let i = 0; i < v.length; i++) out[i * C + Number(v[i])] = 1;
  return NDArray.fromData(out, [...labels.shape, C], 'float32');
}
