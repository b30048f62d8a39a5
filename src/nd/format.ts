// PLACEHOLDER (being written by the formatting engineer): signatures only.
import type { NDArray } from './ndarray.js';

export function arrayRepr(a: NDArray): string {
  return `array(${JSON.stringify(a.toArray())})`;
}
export function arrayStr(a: NDArray): string {
  return JSON.stringify(a.toArray());
}
