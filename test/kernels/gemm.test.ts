// GEMM spec, run on every backend: random shapes (0, 1, odd, larger than one cache block),
// all transposes, batches with broadcast and gaps, padded leading dimensions, alpha/beta/bias.
import { beforeAll, describe, expect, it } from 'vitest';
import { setThreads, type Backend, type FloatArray, type GemmArgs } from '../../src/kernels/index.js';
import { stridedGemmArgs } from '../../src/kernels/strided.js';
import { DTYPES, Rng, backends, expectClose, type FloatDtype } from './helpers.js';

/** The textbook definition, in float64: what every backend must reproduce. */
function oracle(p: GemmArgs): Float64Array {
  const out = Float64Array.from(p.c);
  for (let t = 0; t < p.batch; t++) {
    for (let i = 0; i < p.m; i++) {
      for (let j = 0; j < p.n; j++) {
        let sum = 0;
        for (let q = 0; q < p.k; q++) {
          const a = p.transA
            ? p.a[p.aOffset + t * p.aBatchStride + q * p.lda + i]!
            : p.a[p.aOffset + t * p.aBatchStride + i * p.lda + q]!;
          const b = p.transB
            ? p.b[p.bOffset + t * p.bBatchStride + j * p.ldb + q]!
            : p.b[p.bOffset + t * p.bBatchStride + q * p.ldb + j]!;
          sum += a * b;
        }
        const at = p.cOffset + t * p.cBatchStride + i * p.ldc + j;
        const bias = p.bias ? p.bias[(p.biasOffset ?? 0) + j * (p.biasStride ?? 1)]! : 0;
        out[at] = p.alpha * sum + (p.beta === 0 ? 0 : p.beta * p.c[at]!) + bias;
      }
    }
  }
  return out;
}

interface Case {
  m: number;
  n: number;
  k: number;
  batch: number;
  transA: boolean;
  transB: boolean;
  strided: boolean;
  broadcastB: boolean;
  alpha: number;
  beta: number;
  bias: boolean;
}

/** Builds the arrays of a case; strided cases pad rows, offset starts and leave gaps between batches. */
function build(rng: Rng, dtype: FloatDtype, c: Case): GemmArgs {
  const pad = (x: number): number => (c.strided ? x + rng.int(1, 3) : x);
  const [ar, ac] = c.transA ? [c.k, c.m] : [c.m, c.k];
  const [br, bc] = c.transB ? [c.n, c.k] : [c.k, c.n];
  const lda = pad(ac);
  const ldb = pad(bc);
  const ldc = pad(c.n);
  const aBatchStride = pad(ar * lda);
  const bBatchStride = c.broadcastB ? 0 : pad(br * ldb);
  const cBatchStride = pad(c.m * ldc);
  const aOffset = c.strided ? rng.int(0, 5) : 0;
  const bOffset = c.strided ? rng.int(0, 5) : 0;
  const cOffset = c.strided ? rng.int(0, 5) : 0;
  const size = (off: number, bs: number, rows: number, ld: number): number =>
    off + c.batch * Math.max(bs, rows * ld) + ld;
  const biasStride = c.strided ? 2 : 1;
  return {
    transA: c.transA,
    transB: c.transB,
    m: c.m,
    n: c.n,
    k: c.k,
    batch: c.batch,
    alpha: c.alpha,
    beta: c.beta,
    a: rng.array(dtype, size(aOffset, aBatchStride, ar, lda)),
    aOffset,
    lda,
    aBatchStride,
    b: rng.array(dtype, size(bOffset, bBatchStride, br, ldb)),
    bOffset,
    ldb,
    bBatchStride,
    c: rng.array(dtype, size(cOffset, cBatchStride, c.m, ldc)),
    cOffset,
    ldc,
    cBatchStride,
    bias: c.bias ? rng.array(dtype, c.n * biasStride + 1) : null,
    biasOffset: c.bias ? 1 : 0,
    biasStride,
  };
}

function randomCases(rng: Rng, count: number): Case[] {
  const dims = [0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 17, 31, 33, 64, 65, 100];
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    cases.push({
      m: rng.pick(dims),
      n: rng.pick(dims),
      k: rng.pick(dims),
      batch: rng.pick([1, 1, 2, 3]),
      transA: rng.next() < 0.5,
      transB: rng.next() < 0.5,
      strided: rng.next() < 0.5,
      broadcastB: rng.next() < 0.3,
      alpha: rng.pick([1, 1, -0.5, 2]),
      beta: rng.pick([0, 0, 1, 0.25]),
      bias: rng.next() < 0.4,
    });
  }
  return cases;
}

/** Large enough to split into several pack and compute tasks, K past one KC block. */
const bigCases: Case[] = [
  {
    m: 130,
    n: 300,
    k: 270,
    batch: 1,
    transA: false,
    transB: false,
    strided: false,
    broadcastB: false,
    alpha: 1,
    beta: 0,
    bias: false,
  },
  {
    m: 97,
    n: 129,
    k: 513,
    batch: 1,
    transA: true,
    transB: true,
    strided: true,
    broadcastB: false,
    alpha: 0.5,
    beta: 1,
    bias: true,
  },
  {
    m: 70,
    n: 260,
    k: 100,
    batch: 3,
    transA: false,
    transB: true,
    strided: true,
    broadcastB: true,
    alpha: 1,
    beta: 0,
    bias: true,
  },
];

describe('gemm', () => {
  let all: Backend[] = [];
  beforeAll(async () => {
    all = await backends();
  });

  for (const dtype of DTYPES) {
    for (const name of ['js', 'wasm'] as const) {
      it(`${name} ${dtype}: random shapes, transposes, strides and epilogues match the definition`, () => {
        const backend = all.find((b) => b.name === name)!;
        const rng = new Rng(dtype === 'float32' ? 1 : 2);
        for (const c of [...randomCases(rng, 120), ...bigCases]) {
          const p = build(rng, dtype, c);
          const want = oracle(p);
          backend.gemm(p);
          expectClose(p.c, want, dtype, c.k + 2, `${JSON.stringify(c)}`);
        }
      });
    }
  }

  it('wasm gives the same results on 1 and 2 threads', () => {
    const wasm = all.find((b) => b.name === 'wasm')!;
    const rng = new Rng(3);
    const p = build(rng, 'float32', bigCases[0]!);
    const c0 = p.c.slice();
    setThreads(1);
    wasm.gemm(p);
    const one = p.c.slice();
    p.c.set(c0);
    setThreads(2);
    wasm.gemm(p);
    expect(Array.from(p.c)).toEqual(Array.from(one));
  });

  it('maps row/column-strided views (nd style) onto the BLAS form', () => {
    const rng = new Rng(5);
    for (const backend of all) {
      for (let t = 0; t < 40; t++) {
        const [m, n, k] = [rng.int(1, 9), rng.int(1, 9), rng.int(0, 9)];
        // Each operand row-major or column-major, with padding: (rows, cols) → (offset, rs, cs).
        const layout = (rows: number, cols: number): [number, number, number, number] => {
          const pad = rng.int(0, 2);
          return rng.next() < 0.5
            ? [rng.int(0, 3), cols + pad, 1, rows * (cols + pad)]
            : [rng.int(0, 3), 1, rows + pad, cols * (rows + pad)];
        };
        const [ao, ars, acs, asz] = layout(m, k);
        const [bo, brs, bcs, bsz] = layout(k, n);
        const [co, crs, ccs, csz] = layout(m, n);
        const a = rng.array('float64', ao + asz + 1);
        const b = rng.array('float64', bo + bsz + 1);
        const c = rng.array('float64', co + csz + 1);
        const want = Float64Array.from(c);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let q = 0; q < k; q++) sum += a[ao + i * ars + q * acs]! * b[bo + q * brs + j * bcs]!;
            want[co + i * crs + j * ccs] = sum;
          }
        }
        const args = stridedGemmArgs(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
        expect(args).not.toBeNull();
        backend.gemm(args!);
        expectClose(c, want, 'float64', k + 1, `${backend.name} ${[m, n, k, ars, acs, brs, bcs, crs, ccs]}`);
      }
      expect(
        stridedGemmArgs(
          2,
          2,
          2,
          new Float32Array(8),
          0,
          2,
          2,
          new Float32Array(4),
          0,
          2,
          1,
          new Float32Array(4),
          0,
          2,
          1,
        ),
      ).toBeNull();
    }
  });

  it('rejects mixed dtypes and out-of-range spans', () => {
    for (const backend of all) {
      const p = build(new Rng(4), 'float32', { ...bigCases[0]!, m: 3, n: 3, k: 3 });
      expect(() => backend.gemm({ ...p, b: new Float64Array(p.b.length) as FloatArray })).toThrow(/dtype/);
      expect(() => backend.gemm({ ...p, m: 1000 })).toThrow(RangeError);
    }
  });
});
