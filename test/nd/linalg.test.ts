// Linear algebra against NumPy: replays test/golden/linalg.json (made by gen_linalg.py), then
// property tests of the GEMM kernel and of identities between the operations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NDArray } from '../../src/nd/ndarray.js';
import { allocate, type DType } from '../../src/nd/dtype.js';
import { ValueError } from '../../src/nd/errors.js';
import * as products from '../../src/nd/linalg/products.js';
import * as linalg from '../../src/nd/linalg/index.js';
import { gemm } from '../../src/kernels/js/gemm_nd.js';

// ---------------------------------------------------------------- fixture decoding

interface EncodedArray {
  dtype: DType;
  shape: number[];
  data: (number | boolean | string)[];
}
type Arg = { nd: EncodedArray; view?: string } | { raw: unknown };
interface ErrorOut {
  error: string;
  message: string;
  js: string;
  prefix: boolean;
}
interface Case {
  name: string;
  fn: string;
  args: Arg[];
  kw: Record<string, unknown>;
  check: 'array' | 'dict' | 'qr' | 'svd' | 'eigh' | 'error';
  out: EncodedArray | { dict: Record<string, EncodedArray> } | ErrorOut;
  distinct?: boolean;
  rank?: number;
}

const golden = JSON.parse(readFileSync(new URL('../golden/linalg.json', import.meta.url), 'utf8')) as {
  numpy: string;
  cases: Case[];
};

function num(v: number | boolean | string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : -Infinity;
}

function decode(e: EncodedArray): NDArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = num(v)));
  return NDArray.fromData(data, e.shape, e.dtype);
}

function decodeKw(kw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kw)) {
    out[k] = v !== null && typeof v === 'object' && '$' in v ? num((v as { $: string }).$) : v;
  }
  return out;
}

function decodeArg(a: Arg): unknown {
  if ('raw' in a) return a.raw;
  const x = decode(a.nd);
  if (a.view === undefined) return x;
  return a.view === 'T' ? x.T : x.get(a.view);
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const FNS: Record<string, (...args: any[]) => any> = {
  matmul: products.matmul,
  dot: products.dot,
  inner: products.inner,
  outer: products.outer,
  vdot: products.vdot,
  kron: products.kron,
  tensordot: products.tensordot,
  einsum: products.einsum,
  trace: products.trace,
  'linalg.multiDot': (...ops: unknown[]) => linalg.multiDot(ops as NDArray[]),
  'linalg.matrixPower': linalg.matrixPower,
  'linalg.det': linalg.det,
  'linalg.slogdet': linalg.slogdet,
  'linalg.inv': linalg.inv,
  'linalg.solve': linalg.solve,
  'linalg.lstsq': linalg.lstsq,
  'linalg.cholesky': linalg.cholesky,
  'linalg.qr': linalg.qr,
  'linalg.eigh': linalg.eigh,
  'linalg.eigvalsh': linalg.eigvalsh,
  'linalg.svd': linalg.svd,
  'linalg.svdvals': linalg.svdvals,
  'linalg.pinv': linalg.pinv,
  'linalg.matrixRank': linalg.matrixRank,
  'linalg.norm': linalg.norm,
};

function run(c: Case): any {
  const args = c.args.map(decodeArg);
  const kw = decodeKw(c.kw);
  return Object.keys(kw).length > 0 ? FNS[c.fn](...args, kw) : FNS[c.fn](...args);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------- comparisons

const isFloat = (d: DType): boolean => d === 'float32' || d === 'float64';

function tolFor(dtype: DType, scale: number): number {
  return (dtype === 'float32' ? 1e-4 : 1e-10) * Math.max(1, scale);
}

function maxAbs(xs: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) m = Math.max(m, Math.abs(xs[i]));
  return m;
}

/** Same dtype, same shape, equal values (exact for integers, within tolerance for floats). */
function expectArray(actual: unknown, expected: NDArray, label: string): void {
  expect(actual, label).toBeInstanceOf(NDArray);
  const a = actual as NDArray;
  expect(a.dtype, `${label}: dtype`).toBe(expected.dtype);
  expect([...a.shape], `${label}: shape`).toEqual([...expected.shape]);
  const av = a.toTypedArray();
  const ev = expected.data;
  const tol = tolFor(expected.dtype, maxAbs(ev));
  for (let i = 0; i < ev.length; i++) {
    const x = av[i];
    const y = ev[i];
    const ok = isFloat(expected.dtype)
      ? (Number.isNaN(x) && Number.isNaN(y)) || x === y || Math.abs(x - y) <= tol
      : x === y;
    if (!ok) expect.fail(`${label}: element ${i} is ${x}, NumPy has ${y} (tolerance ${tol})`);
  }
}

/** A (…, m, n) array as a list of m×n matrices of plain numbers. */
function mats(x: NDArray): number[][][] {
  const m = x.shape[x.ndim - 2];
  const n = x.shape[x.ndim - 1];
  const v = x.toTypedArray();
  const out: number[][][] = [];
  for (let o = 0; o < v.length || (out.length === 0 && v.length === 0); o += m * n) {
    out.push(Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => v[o + i * n + j])));
    if (v.length === 0) break;
  }
  return out;
}

function mm(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, x, p) => s + x * b[p][j], 0)));
}
const tr = (a: number[][]): number[][] => (a.length === 0 ? [] : a[0].map((_, j) => a.map((r) => r[j])));
const cols = (a: number[][], k: number): number[][] => a.map((r) => r.slice(0, k));
const eye = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

function expectMatClose(a: number[][], b: number[][], tol: number, label: string): void {
  expect(a.length, `${label}: rows`).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < a[i].length; j++) {
      if (!(Math.abs(a[i][j] - b[i][j]) <= tol)) {
        expect.fail(`${label}: [${i}][${j}] is ${a[i][j]}, expected ${b[i][j]} (tolerance ${tol})`);
      }
    }
  }
}

/** Vectors equal up to one common sign. */
function expectUpToSign(a: number[], b: number[], tol: number, label: string): void {
  const plus = a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
  const minus = a.reduce((m, x, i) => Math.max(m, Math.abs(x + b[i])), 0);
  if (!(Math.min(plus, minus) <= tol)) {
    expect.fail(`${label}: [${a.join(', ')}] is not ±[${b.join(', ')}]`);
  }
}

const input = (c: Case): NDArray => decodeArg(c.args[0]) as NDArray;

function checkQr(c: Case, out: unknown): void {
  const exp = c.out as EncodedArray | { dict: Record<string, EncodedArray> };
  if (!('dict' in exp)) {
    // mode 'r': R only, rows equal NumPy's up to sign
    const R = out as NDArray;
    const e = decode(exp);
    expect(R.dtype).toBe(e.dtype);
    expect([...R.shape]).toEqual([...e.shape]);
    const tol = tolFor(e.dtype, maxAbs(e.data));
    mats(R)[0].forEach((row, i) => expectUpToSign(row, mats(e)[0][i], tol, `R row ${i}`));
    return;
  }
  const { Q, R } = out as { Q: NDArray; R: NDArray };
  const eQ = decode(exp.dict.Q);
  const eR = decode(exp.dict.R);
  for (const [x, e, name] of [
    [Q, eQ, 'Q'],
    [R, eR, 'R'],
  ] as const) {
    expect(x.dtype, name).toBe(e.dtype);
    expect([...x.shape], name).toEqual([...e.shape]);
  }
  const A = mats(input(c));
  const tol = tolFor(eR.dtype, maxAbs(eR.data));
  mats(Q).forEach((q, b) => {
    const r = mats(R)[b];
    const k = Math.min(q[0]?.length ?? 0, r.length);
    expectMatClose(mm(cols(q, k), r.slice(0, k)), A[b], tol, `${c.name}: Q@R = A`);
    expectMatClose(mm(tr(q), q), eye(q[0].length), tol, `${c.name}: QᵀQ = I`);
    r.forEach((row, i) => row.forEach((v, j) => j < i && expect(v, 'R is upper triangular').toBe(0)));
    const eq = mats(eQ)[b];
    const er = mats(eR)[b];
    // columns past min(M, N) of a complete Q are any orthonormal completion: not compared
    for (let i = 0; i < Math.min(A[b].length, A[b][0].length); i++) {
      const sign = Math.sign(r[i][i]) === Math.sign(er[i][i]) ? 1 : -1;
      expectUpToSign(r[i], er[i], tol, `${c.name}: R row ${i}`);
      expectMatClose(
        [q.map((row) => sign * row[i])],
        [eq.map((row) => row[i])],
        tol,
        `${c.name}: Q column ${i}`,
      );
    }
  });
}

function checkSvd(c: Case, out: unknown): void {
  const { U, S, Vh } = out as { U: NDArray; S: NDArray; Vh: NDArray };
  const exp = (c.out as { dict: Record<string, EncodedArray> }).dict;
  const eU = decode(exp.U);
  const eS = decode(exp.S);
  const eVh = decode(exp.Vh);
  expectArray(S, eS, `${c.name}: S`);
  for (const [x, e, name] of [
    [U, eU, 'U'],
    [Vh, eVh, 'Vh'],
  ] as const) {
    expect(x.dtype, name).toBe(e.dtype);
    expect([...x.shape], name).toEqual([...e.shape]);
  }
  const A = mats(input(c));
  const k = S.shape[S.ndim - 1];
  const tol = tolFor(eS.dtype, maxAbs(eS.data));
  const sv = S.toTypedArray();
  mats(U).forEach((u, b) => {
    const vh = mats(Vh)[b];
    const s = Array.from(sv.slice(b * k, b * k + k));
    const us = cols(u, k).map((row) => row.map((x, i) => x * s[i]));
    expectMatClose(mm(us, vh.slice(0, k)), A[b], tol, `${c.name}: U·diag(S)·Vh = A`);
    expectMatClose(mm(tr(u), u), eye(u[0].length), tol, `${c.name}: UᵀU = I`);
    expectMatClose(mm(vh, tr(vh)), eye(vh.length), tol, `${c.name}: Vh·Vhᵀ = I`);
    const eu = mats(eU)[b];
    const evh = mats(eVh)[b];
    for (let i = 0; i < (c.rank ?? k); i++) {
      expectUpToSign(
        [...u.map((r) => r[i]), ...vh[i]],
        [...eu.map((r) => r[i]), ...evh[i]],
        tol,
        `${c.name}: singular pair ${i}`,
      );
    }
  });
}

function checkEigh(c: Case, out: unknown): void {
  const { eigenvalues: w, eigenvectors: V } = out as linalg.EighResult;
  const exp = (c.out as { dict: Record<string, EncodedArray> }).dict;
  const ew = decode(exp.eigenvalues);
  const eV = decode(exp.eigenvectors);
  expectArray(w, ew, `${c.name}: eigenvalues`);
  expect(V.dtype).toBe(eV.dtype);
  expect([...V.shape]).toEqual([...eV.shape]);
  const n = V.shape[V.ndim - 1];
  const tol = tolFor(ew.dtype, maxAbs(ew.data));
  const wv = w.toTypedArray();
  const ewv = ew.data;
  mats(V).forEach((v, b) => {
    const ev = mats(eV)[b];
    // the matrix that was read (one triangle mirrored) = NumPy's V·diag(w)·Vᵀ
    const scaled = (m: number[][], ws: ArrayLike<number>): number[][] =>
      m.map((row) => row.map((x, i) => x * ws[b * n + i]));
    const A = mm(scaled(ev, ewv), tr(ev));
    expectMatClose(mm(scaled(v, wv), tr(v)), A, tol, `${c.name}: V·diag(w)·Vᵀ = A`);
    expectMatClose(mm(tr(v), v), eye(n), tol, `${c.name}: VᵀV = I`);
    if (c.distinct) {
      for (let i = 0; i < n; i++) {
        expectUpToSign(
          v.map((r) => r[i]),
          ev.map((r) => r[i]),
          tol,
          `${c.name}: eigenvector ${i}`,
        );
      }
    }
  });
}

// ---------------------------------------------------------------- the golden cases

describe(`linalg goldens (NumPy ${golden.numpy})`, () => {
  it('has at least 80 cases', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(80);
  });
  for (const c of golden.cases) {
    it(c.name, () => {
      if (c.check === 'error') {
        const e = c.out as ErrorOut;
        let thrown: unknown = null;
        try {
          run(c);
        } catch (err) {
          thrown = err;
        }
        expect(thrown, 'an error is thrown').toBeInstanceOf(Error);
        const err = thrown as Error;
        expect(err.name).toBe(e.js);
        if (e.prefix) expect(err.message.startsWith(e.message.slice(0, 40))).toBe(true);
        else expect(err.message).toBe(e.message);
        return;
      }
      const out = run(c);
      if (c.check === 'array') expectArray(out, decode(c.out as EncodedArray), c.name);
      else if (c.check === 'dict') {
        const exp = (c.out as { dict: Record<string, EncodedArray> }).dict;
        expect(Object.keys(out).sort()).toEqual(Object.keys(exp).sort());
        for (const [k, v] of Object.entries(exp)) expectArray(out[k], decode(v), `${c.name}: ${k}`);
      } else if (c.check === 'qr') checkQr(c, out);
      else if (c.check === 'svd') checkSvd(c, out);
      else checkEigh(c, out);
    });
  }
});

// ---------------------------------------------------------------- API details

describe('linalg API', () => {
  it('LinAlgError is a ValueError', () => {
    const err = new linalg.LinAlgError('Singular matrix');
    expect(err).toBeInstanceOf(ValueError);
    expect(err.name).toBe('LinAlgError');
  });

  it('NDArray.dot and NDArray.matmul forward to the products', () => {
    const a = NDArray.fromData(Float64Array.of(1, 2, 3, 4), [2, 2], 'float64');
    expect(a.dot(a).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(a.matmul([1, 1]).toArray()).toEqual([3, 7]);
  });

  it('qr mode r and svd computeUv: false return one array', () => {
    const a = NDArray.fromData(Float64Array.of(3, 1, 1, 3), [2, 2], 'float64');
    expect(linalg.qr(a, { mode: 'r' })).toBeInstanceOf(NDArray);
    const s = linalg.svd(a, { computeUv: false });
    expect(s).toBeInstanceOf(NDArray);
    expect(Array.from(s.toTypedArray()).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([4, 2]);
  });

  it('results never share memory with the inputs', () => {
    const a = NDArray.fromData(Float64Array.of(1, 2, 3, 4), [2, 2], 'float64');
    for (const r of [products.einsum('ij->ji', a), products.einsum('ii->i', a), linalg.matrixPower(a, 1)]) {
      expect(r.data).not.toBe(a.data);
    }
  });
});

// ---------------------------------------------------------------- properties

/** Integer-valued float64 data, so every product is exact whatever the summation order. */
function intMatrix(rows: number, cols: number, seed: number): NDArray {
  const d = new Float64Array(rows * cols);
  let s = seed >>> 0;
  for (let i = 0; i < d.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    d[i] = ((s >>> 24) % 9) - 4;
  }
  return NDArray.fromData(d, [rows, cols], 'float64');
}

function naiveMatmul(a: NDArray, b: NDArray): number[][] {
  const A = mats(a)[0];
  const B = mats(b)[0];
  return A.map((row) => B[0].map((_, j) => row.reduce((s, x, p) => s + x * B[p][j], 0)));
}

describe('linalg properties', () => {
  it('gemm equals the triple loop for any sizes and strides (packing edges, k blocks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 37 }),
        fc.integer({ min: 1, max: 37 }),
        fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(300)),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (m, n, k, ta, tb, seed) => {
          const a = ta ? intMatrix(k, m, seed).T : intMatrix(m, k, seed);
          const b = tb ? intMatrix(n, k, seed + 1).T : intMatrix(k, n, seed + 1);
          const c = new Float64Array(m * n).fill(NaN);
          const [aRs, aCs] = a.strides;
          const [bRs, bCs] = b.strides;
          gemm(m, n, k, a.data, a.offset, aRs, aCs, b.data, b.offset, bRs, bCs, c, 0, n, 1);
          const want =
            k === 0 ? Array.from({ length: m }, () => new Array<number>(n).fill(0)) : naiveMatmul(a, b);
          expect(mats(NDArray.fromData(c, [m, n], 'float64'))[0]).toEqual(want);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gemm crosses the MC, NC and KC block boundaries exactly', () => {
    for (const [m, n, k] of [
      [130, 20, 270],
      [5, 1030, 6],
      [97, 9, 513],
    ]) {
      const a = intMatrix(m, k, m + n);
      const b = intMatrix(n, k, k).T;
      const c = new Float32Array(m * n);
      gemm(m, n, k, a.data, 0, k, 1, b.data, b.offset, b.strides[0], b.strides[1], c, 0, n, 1);
      expect(mats(NDArray.fromData(c, [m, n], 'float32'))[0]).toEqual(naiveMatmul(a, b));
    }
  });

  it('einsum ij,jk->ik and tensordot agree with matmul; ij->ji is the transpose', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer(),
        (m, k, n, seed) => {
          const a = intMatrix(m, k, seed);
          const b = intMatrix(k, n, seed + 7);
          const want = products.matmul(a, b).toArray();
          expect(products.einsum('ij,jk->ik', a, b).toArray()).toEqual(want);
          expect(products.tensordot(a, b, 1).toArray()).toEqual(want);
          expect(products.dot(a, b).toArray()).toEqual(want);
          expect(products.einsum('ij->ji', a).toArray()).toEqual(a.T.toArray());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('inv(a) @ a = I and solve(a, b) satisfies a @ x = b for diagonally dominant a', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer(), (n, seed) => {
        const a = intMatrix(n, n, seed);
        for (let i = 0; i < n; i++) a.data[i * n + i] += 5 * n;
        const I = mats(products.matmul(linalg.inv(a), a))[0];
        expectMatClose(I, eye(n), 1e-12, 'inv(a) @ a');
        const b = intMatrix(n, 2, seed + 3);
        const x = linalg.solve(a, b);
        expectMatClose(mats(products.matmul(a, x))[0], mats(b)[0], 1e-11, 'a @ solve(a, b)');
      }),
      { numRuns: 40 },
    );
  });

  it('svd, qr and eigh reconstruct random matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer(),
        (m, n, seed) => {
          const a = intMatrix(m, n, seed);
          const A = mats(a)[0];
          const { U, S, Vh } = linalg.svd(a, { fullMatrices: false });
          const s = Array.from(S.toTypedArray());
          const us = mats(U)[0].map((row) => row.map((x, i) => x * s[i]));
          expectMatClose(mm(us, mats(Vh)[0]), A, 1e-12, 'svd');
          const { Q, R } = linalg.qr(a);
          expectMatClose(mm(mats(Q)[0], mats(R)[0]), A, 1e-12, 'qr');
          const sym = products.matmul(a, a.T);
          const { eigenvalues, eigenvectors } = linalg.eigh(sym);
          const V = mats(eigenvectors)[0];
          const w = Array.from(eigenvalues.toTypedArray());
          const scale = Math.max(1, ...w.map(Math.abs));
          expectMatClose(
            mm(
              V.map((row) => row.map((x, i) => x * w[i])),
              tr(V),
            ),
            mats(sym)[0],
            1e-11 * scale,
            'eigh',
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
