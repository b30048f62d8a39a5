/**
 * The compute floor: kernels behind one {@link Backend} interface (`js` reference, `wasm` SIMD +
 * threads) and the registry that chooses between them. See README.md in this folder.
 */
export {
  backendInfo,
  getBackend,
  getThreads,
  jsBackend,
  ready,
  setBackend,
  setThreads,
  type Backend,
  type BackendInfo,
  type BackendName,
} from './backend.js';
export type { BinaryFn, FastBinary, FastUnary, UnaryFn } from './js/elementwise.js';
export type { ReduceKind, ReduceResult } from './js/reduce.js';
export { blasLayout, stridedGemmArgs } from './strided.js';
export {
  conv2dGeometry,
  convOutSize,
  pool2dGeometry,
  type Conv2dArgs,
  type Conv2dBackwardInputArgs,
  type Conv2dBackwardWeightArgs,
  type Conv2dGeometry,
  type Conv2dShapeOptions,
  type FloatArray,
  type GemmArgs,
  type Pool2dArgs,
  type Pool2dBackwardArgs,
  type Pool2dGeometry,
  type Pool2dShapeOptions,
  type SoftmaxArgs,
  type AdamArgs,
} from './types.js';
