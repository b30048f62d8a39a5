// PLACEHOLDER (being written by the reductions engineer): signatures only.
import type { NDArray } from './ndarray.js';
import type { DType } from './dtype.js';

export interface ReduceOptions {
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
  dtype?: DType;
  out?: NDArray;
}
export interface VarOptions extends ReduceOptions {
  ddof?: number;
}
export interface ArgReduceOptions {
  axis?: number | null;
  keepdims?: boolean;
}
export interface CumOptions {
  axis?: number | null;
  dtype?: DType;
}
const pending = (): never => {
  throw new Error('pending');
};
export const sum = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const prod = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const mean = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const std = (_a: NDArray, _o?: VarOptions): NDArray => pending();
export const variance = (_a: NDArray, _o?: VarOptions): NDArray => pending();
export const min = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const max = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const ptp = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const argmin = (_a: NDArray, _o?: ArgReduceOptions): NDArray => pending();
export const argmax = (_a: NDArray, _o?: ArgReduceOptions): NDArray => pending();
export const all = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const any = (_a: NDArray, _o?: ReduceOptions): NDArray => pending();
export const cumsum = (_a: NDArray, _o?: CumOptions): NDArray => pending();
export const cumprod = (_a: NDArray, _o?: CumOptions): NDArray => pending();
