// PLACEHOLDER (being written by the reductions engineer): signatures only.
import type { NDArray } from './ndarray.js';

export interface SortOptions {
  axis?: number | null;
  kind?: 'quicksort' | 'stable' | 'mergesort' | 'heapsort';
}
const pending = (): never => {
  throw new Error('pending');
};
export const sortInPlace = (_a: NDArray, _o?: SortOptions): void => pending();
export const argsort = (_a: NDArray, _o?: SortOptions): NDArray => pending();
