// Softmax spec, run on every backend: random row counts and widths (0, 1, odd), strided rows,
// in-place use, extreme values, float32 and float64.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/kernels/index.js';
import { DTYPES, Rng, backends, expectClose } from './helpers.js';

function oracle(
  x: ArrayLike<number>,
  off: number,
  stride: number,
  rows: number,
  cols: number,
  log: boolean,
): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, (_, j) => x[off + r * stride + j]!);
    const m = Math.max(...row);
    const z = row.reduce((s, v) => s + Math.exp(v - m), 0);
    row.forEach((v, j) => (out[r * cols + j] = log ? v - m - Math.log(z) : Math.exp(v - m) / z));
  }
  return out;
}

describe('softmax', () => {
  let all: Backend[] = [];
  beforeAll(async () => {
    all = await backends();
  });

  for (const dtype of DTYPES) {
    for (const name of ['js', 'wasm'] as const) {
      it(`${name} ${dtype}: softmax and log-softmax match the definition`, () => {
        const backend = all.find((b) => b.name === name)!;
        const rng = new Rng(dtype === 'float32' ? 30 : 31);
        const shapes: [number, number][] = [
          ...Array.from(
            { length: 40 },
            () => [rng.pick([0, 1, 2, 5, 17]), rng.pick([0, 1, 2, 3, 10, 33])] as [number, number],
          ),
          [300, 257],
          [64, 10],
        ];
        for (const [rows, cols] of shapes) {
          for (const log of [false, true]) {
            const strided = rng.next() < 0.5;
            const xStride = strided ? cols + 3 : cols;
            const yStride = strided ? cols + 1 : cols;
            const x = rng.array(dtype, rows * xStride + 2);
            for (let i = 0; i < x.length; i++) x[i] = x[i]! * 30; // large logits: needs the max shift
            const y = rng.array(dtype, rows * yStride + 1);
            const keep = y.slice();
            const want = oracle(x, 2, xStride, rows, cols, log);
            const args = {
              rows,
              cols,
              x,
              xOffset: 2,
              xRowStride: xStride,
              y,
              yOffset: 1,
              yRowStride: yStride,
            };
            if (log) backend.logSoftmax(args);
            else backend.softmax(args);
            const got = new Float64Array(rows * cols);
            for (let r = 0; r < rows; r++)
              for (let j = 0; j < cols; j++) got[r * cols + j] = y[1 + r * yStride + j]!;
            expectClose(got, want, dtype, 4 * cols, `${rows}x${cols} log=${log}`);
            expect(y[0]).toBe(keep[0]);
          }
        }
      });
    }
  }

  it('works in place', () => {
    for (const backend of all) {
      const x = new Float64Array([1, 2, 3, -1000, 0, 1000]);
      backend.softmax({ rows: 2, cols: 3, x, xOffset: 0, xRowStride: 3, y: x, yOffset: 0, yRowStride: 3 });
      expectClose(x.subarray(0, 3), oracle([1, 2, 3], 0, 3, 1, 3, false), 'float64', 3, backend.name);
      expect(Array.from(x.subarray(3))).toEqual([0, 0, 1]);
    }
  });
});
