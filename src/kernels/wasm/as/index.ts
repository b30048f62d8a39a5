// AssemblyScript entry of the kernels module: everything exported here becomes a wasm export.
// Each kernel is a task loop `(args, tid, nt)` run by every thread on the same argument record;
// src/kernels/wasm/runtime.ts lists the names in the order worker threads index them.
export { heapBase } from './common';
export { gemmPackF32, gemmComputeF32, gemmPackF64, gemmComputeF64 } from './gemm';
export {
  conv2dForwardF32,
  conv2dForwardF64,
  conv2dBackwardInputF32,
  conv2dBackwardInputF64,
  conv2dBackwardWeightF32,
  conv2dBackwardWeightF64,
  reduceSlicesF32,
  reduceSlicesF64,
} from './conv2d';
export { pool2dF32, pool2dF64, pool2dBackwardF32, pool2dBackwardF64 } from './pool2d';
export { softmaxF32, softmaxF64 } from './softmax';
export { binaryF32, binaryF64, unaryF32, unaryF64 } from './elementwise';
export { reduceF32, reduceF64 } from './reduce';
export { adamF32, adamF64 } from './optim';
