// The registry (choice of backend and threads) and the wasm heap staying flat across calls.
import { afterAll, describe, expect, it } from 'vitest';
import {
  backendInfo,
  conv2dGeometry,
  getBackend,
  getThreads,
  ready,
  setBackend,
  setThreads,
  type BackendName,
} from '../../src/kernels/index.js';
import { Rng } from './helpers.js';

describe('backend registry', () => {
  afterAll(() => setBackend('wasm'));

  it('defaults to wasm on Node and switches on request', async () => {
    expect(getBackend().name).toBe('wasm');
    await ready();
    expect(backendInfo().name).toBe('wasm');
    setBackend('js');
    expect(getBackend().name).toBe('js');
    expect(backendInfo()).toMatchObject({ name: 'js', activeThreads: 1 });
    setBackend('wasm');
    expect(getBackend().name).toBe('wasm');
  });

  it('validates its arguments', () => {
    expect(() => setBackend('webgpu' as BackendName)).toThrow(/'js' or 'wasm'/);
    expect(() => setThreads(0)).toThrow(RangeError);
    expect(() => setThreads(1.5)).toThrow(RangeError);
  });

  it('starts worker threads on request and reports them', async () => {
    setThreads(2);
    await ready();
    expect(getThreads()).toBe(2);
    expect(backendInfo().activeThreads).toBe(2);
    setThreads(1);
    expect(backendInfo().activeThreads).toBe(1);
    setThreads(2);
  });

  it('keeps a flat wasm heap over 10,000 calls (GEMM, conv, elementwise, reductions, copies)', async () => {
    await ready();
    const wasm = getBackend();
    const rng = new Rng(40);
    const a = rng.array('float32', 64 * 64);
    const b = rng.array('float32', 64 * 64);
    const c = new Float32Array(64 * 64);
    const g = conv2dGeometry([4, 3, 12, 12], [8, 3, 3, 3], { padding: 1 });
    const x = rng.array('float32', 4 * 3 * 144);
    const w = rng.array('float32', 8 * 27);
    const y = new Float32Array(4 * 8 * 144);
    const step = (i: number): void => {
      const n = 1 + (i % 64);
      wasm.gemm({
        transA: i % 2 === 0,
        transB: i % 3 === 0,
        m: 64,
        n,
        k: 64,
        batch: 1,
        alpha: 1,
        beta: 0,
        a,
        aOffset: 0,
        lda: 64,
        aBatchStride: 0,
        b,
        bOffset: 0,
        ldb: 64,
        bBatchStride: 0,
        c,
        cOffset: 0,
        ldc: n,
        cBatchStride: 0,
      });
      if (i % 10 === 0) wasm.conv2d({ geom: g, x, xOffset: 0, w, wOffset: 0, y, yOffset: 0 });
      // 64 × 64 = 4096 elements: above the default thresholds, so these run in wasm
      if (i % 4 === 1) wasm.binary('add', [64, 64], a, 0, [64, 1], b, 0, [0, 1], c, 0, [64, 1]);
      if (i % 4 === 2) wasm.unary('exp', [64, 64], a, 0, [1, 64], c, 0, [64, 1]);
      if (i % 4 === 3) wasm.copy([64, 64], b, 0, [1, 64], c, 0, [64, 1]);
      if (i % 4 === 0) wasm.reduce('sum', true, false, [64, 64], a, 0, [64, 1], [i % 8 === 0, true], 0);
    };
    for (let i = 0; i < 64; i++) step(i);
    const heap = backendInfo().heapBytes;
    for (let i = 0; i < 10_000; i++) step(i);
    expect(backendInfo().heapBytes).toBe(heap);
  });
});
