/** What Day 5's page and its worker share (the page never imports the worker module for a value). */

/** Images per Adam step. */
export const BATCH_SIZE = 16;
export const EPOCH_CHOICES: readonly number[] = [1, 2, 3];
export const LR_CHOICES: readonly number[] = [0.001, 0.003, 0.01];
/** One pass over the 8,000 images at this rate reaches ≈ 0.93 on the 2,000 test images. */
export const DEFAULT_LR = 0.003;
/** Test images behind the live accuracy curve (all 2,000 are used at the end). */
export const LIVE_TEST = 500;

export interface Day5Filters {
  /** The 8 kernels of Conv2D(8, 3), each 3 × 3 row-major. */
  weights: number[][];
  bias: number[];
}

export interface Day5Init {
  nTrain: number;
  nTest: number;
  params: number;
  filters: Day5Filters;
}

export interface Day5Progress {
  /** Training images seen (over all epochs) and batches done. */
  seen: number;
  batches: number;
  /** Mean loss and accuracy over the batches of this chunk. */
  loss: number;
  accuracy: number;
  done: boolean;
  /** Seconds spent training so far (the worker's clock, chunks only). */
  seconds: number;
}

export interface Day5Maps {
  /** p(digit) for 0 … 9. */
  probs: number[];
  /** The 8 feature maps after the convolution, each 26 × 26, and after max-pooling, each 13 × 13. */
  conv: number[][];
  pooled: number[][];
}
