/**
 * The js backend: the readable reference loops, the definition of correct for every kernel.
 * It runs on one thread everywhere and needs no setup.
 */
import type { Backend } from '../backend.js';
import { conv2d, conv2dBackwardInput, conv2dBackwardWeight } from './conv2d.js';
import { stridedCopy } from './copy.js';
import { binary, unary } from './elementwise.js';
import { gemm } from './gemm.js';
import { adam } from './optim.js';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward } from './pool2d.js';
import { reduceStrided } from './reduce.js';
import { logSoftmax, softmax } from './softmax.js';

/** The reference backend. */
export const jsBackend: Backend = {
  name: 'js',
  gemm,
  conv2d,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  maxPool2d,
  maxPool2dBackward,
  avgPool2d,
  avgPool2dBackward,
  softmax,
  logSoftmax,
  binary,
  unary,
  reduce: reduceStrided,
  copy: stridedCopy,
  adam,
};
