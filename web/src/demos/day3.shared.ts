/** What Day 3's page and its worker share (the page never imports the worker module for a value). */

export type Day3Optimizer = 'adam' | 'sgd' | 'momentum';
export const OPTIMIZERS: readonly Day3Optimizer[] = ['adam', 'sgd', 'momentum'];
/** The momentum of the 'momentum' optimiser (Keras's SGD(momentum = 0.9)). */
export const SGD_MOMENTUM = 0.9;
/** A learning rate per optimiser that reaches ≥ 0.95 within about two epochs at batch 2. */
export const DEFAULT_LR: Readonly<Record<Day3Optimizer, number>> = { adam: 0.01, sgd: 0.1, momentum: 0.01 };
export const LEARNING_RATES: readonly number[] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
export const BATCH_SIZES: readonly number[] = [1, 2, 5, 10, 20, 50, 200];

export interface Day3Settings {
  opt: Day3Optimizer;
  lr: number;
  batchSize: number;
}

export interface Day3Snapshot {
  /** Epoch of the next batch (0-based) and batches done in it. */
  epoch: number;
  batch: number;
  /** Batches per epoch. */
  steps: number;
  /** Updates so far. */
  updates: number;
  w0: number;
  w1: number;
  b: number;
  /** Binary cross-entropy and accuracy on all 200 points at the current weights. */
  loss: number;
  accuracy: number;
}
