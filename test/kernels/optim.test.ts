/** The Adam kernel on both backends against the update written out in float64. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend, FloatArray } from '../../src/kernels/index.js';
import { DTYPES, Rng, backends, expectClose } from './helpers.js';

describe('adam', () => {
  let all: Backend[] = [];
  beforeAll(async () => {
    all = await backends();
  });

  for (const dtype of DTYPES) {
    it(`${dtype}: five steps match the float64 definition on both backends (odd sizes, offsets)`, () => {
      const rng = new Rng(dtype === 'float32' ? 41 : 42);
      for (const n of [0, 1, 3, 4, 5, 7, 1001]) {
        const off = rng.int(0, 3);
        const make = () => rng.array(dtype, n + off + 2);
        const p0 = make();
        const m0 = make().map(Math.abs);
        const v0 = make().map((x) => x * x);
        const grads = [make(), make(), make(), make(), make()];
        for (const backend of all) {
          const [p, m, v] = [p0.slice(), m0.slice(), v0.slice()] as FloatArray[];
          const want = [Float64Array.from(p0), Float64Array.from(m0), Float64Array.from(v0)];
          const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 1e-2];
          for (let t = 1; t <= 5; t++) {
            const g = grads[t - 1];
            const stepSize = lr / (1 - b1 ** t);
            const invBc2 = 1 / Math.sqrt(1 - b2 ** t);
            backend.adam({
              n,
              p,
              pOffset: off,
              g,
              gOffset: off,
              m,
              mOffset: off,
              v,
              vOffset: off,
              beta1: b1,
              beta2: b2,
              eps,
              stepSize,
              invBc2,
            });
            for (let i = off; i < off + n; i++) {
              want[1][i] = want[1][i] + (1 - b1) * (g[i] - want[1][i]);
              want[2][i] = b2 * want[2][i] + (1 - b2) * g[i] * g[i];
              want[0][i] -= (stepSize * want[1][i]) / (Math.sqrt(want[2][i]) * invBc2 + eps);
            }
          }
          const what = `${backend.name} n=${n}`;
          expectClose(p, want[0], dtype, 40, `${what} p`);
          expectClose(m, want[1], dtype, 10, `${what} m`);
          expectClose(v, want[2], dtype, 10, `${what} v`);
          // elements outside [off, off + n) are untouched
          for (const i of [...Array(off).keys(), off + n, off + n + 1]) expect(p[i], what).toBe(p0[i]);
        }
      }
    });
  }

  it('names the op and the array in range errors', () => {
    for (const backend of all) {
      const a = new Float32Array(4);
      expect(() =>
        backend.adam({
          n: 5,
          p: a,
          pOffset: 0,
          g: a,
          gOffset: 0,
          m: a,
          mOffset: 0,
          v: a,
          vOffset: 0,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          stepSize: 1,
          invBc2: 1,
        }),
      ).toThrow(/adam/);
    }
  });
});
