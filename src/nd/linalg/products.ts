// PLACEHOLDER (being written by the linear-algebra engineer): signatures only.
import type { NDArray } from '../ndarray.js';
import type { ArrayLike } from '../creation.js';

const pending = (): never => {
  throw new Error('pending');
};
export const dot = (_a: ArrayLike, _b: ArrayLike): NDArray => pending();
export const matmul = (_a: ArrayLike, _b: ArrayLike): NDArray => pending();
