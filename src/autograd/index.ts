/**
 * `autograd`: automatic differentiation, in two rungs.
 * - `Value` (micrograd): scalars, every node of the graph visible, `toDot`/`toSvg` drawings.
 * - `Tensor`: reverse mode over NDArrays with PyTorch's names; `grad`/`valueAndGrad` (JAX) and
 *   `GradientTape` (TensorFlow) on the same engine; `gradcheck` for finite-difference checks.
 */
export { Value, v, type ValueLike } from './value.js';
export { toDot, toSvg } from './graph.js';
export { Neuron, Layer, MLP, ScalarModule, type UniformSource } from './micrograd.js';
export { Tensor, tensor, toTensor, type TensorOptions, type TensorLike } from './tensor.js';
export { noGrad, enableGrad, isGradEnabled, backpropagate, type BackwardOptions } from './engine.js';
export { grad, valueAndGrad, GradientTape } from './grad.js';
export { gradcheck, type GradcheckOptions } from './gradcheck.js';
export { where, maximum, minimum } from './ops/elementwise.js';
export { concat, stack, split, pad, gather, scatterAdd } from './ops/movement.js';
export { matmul } from './ops/linalg.js';
export * as F from './functional.js';
export * as functional from './functional.js';
