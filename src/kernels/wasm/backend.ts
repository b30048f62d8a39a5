/**
 * The wasm backend: SIMD kernels compiled from as/*.ts, spread over worker threads. Each call
 * copies its inputs into the wasm heap, runs, and copies the result out (see runtime.ts). The
 * elementwise, reduction and copy members run small or unsupported calls on the js loops.
 */
import type { Backend } from '../backend.js';
import { wasmConv2d, wasmConv2dBackwardInput, wasmConv2dBackwardWeight } from './conv2d.js';
import { wasmBinary, wasmCopy, wasmUnary } from './elementwise.js';
import { wasmGemm } from './gemm.js';
import { wasmAdam } from './optim.js';
import { wasmPool2d, wasmPool2dBackward } from './pool2d.js';
import { wasmReduce } from './reduce.js';
import type { WasmRuntime } from './runtime.js';
import { wasmSoftmax } from './softmax.js';

/** Wraps a loaded runtime as a {@link Backend}. */
export function createWasmBackend(rt: WasmRuntime): Backend {
  return {
    name: 'wasm',
    gemm: (p) => wasmGemm(rt, p),
    conv2d: (p) => wasmConv2d(rt, p),
    conv2dBackwardInput: (p) => wasmConv2dBackwardInput(rt, p),
    conv2dBackwardWeight: (p) => wasmConv2dBackwardWeight(rt, p),
    maxPool2d: (p) => wasmPool2d(rt, p, 'max'),
    maxPool2dBackward: (p) => wasmPool2dBackward(rt, p, 'max'),
    avgPool2d: (p) => wasmPool2d(rt, p, 'avg'),
    avgPool2dBackward: (p) => wasmPool2dBackward(rt, p, 'avg'),
    softmax: (p) => wasmSoftmax(rt, p, false),
    logSoftmax: (p) => wasmSoftmax(rt, p, true),
    binary: (op, shape, a, aOff, aStr, b, bOff, bStr, out, oOff, oStr) =>
      wasmBinary(rt, op, shape, a, aOff, aStr, b, bOff, bStr, out, oOff, oStr),
    unary: (f, shape, a, aOff, aStr, out, oOff, oStr) =>
      wasmUnary(rt, f, shape, a, aOff, aStr, out, oOff, oStr),
    reduce: (kind, float32, cast, shape, src, sOff, sStr, reduced, init) =>
      wasmReduce(rt, kind, float32, cast, shape, src, sOff, sStr, reduced, init),
    copy: (shape, src, sOff, sStr, dst, dOff, dStr) => wasmCopy(rt, shape, src, sOff, sStr, dst, dOff, dStr),
    adam: (p) => wasmAdam(rt, p),
  };
}
