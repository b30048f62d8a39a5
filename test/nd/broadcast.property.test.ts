/** Property tests for NumPy's broadcasting rule and for views vs copies. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nd from '../../src/nd/index.js';

const dim = fc.integer({ min: 0, max: 4 });
const shapeArb = fc.array(dim, { minLength: 0, maxLength: 4 });

/** The rule, written independently: right-align; equal or 1 on either side. */
function reference(a: number[], b: number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

describe('broadcasting rule', () => {
  it('broadcastShapes agrees with the rule, and errors name both shapes', () => {
    fc.assert(
      fc.property(shapeArb, shapeArb, (a, b) => {
        const want = reference(a, b);
        if (want === null) {
          expect(() => nd.broadcastShapes(a, b)).toThrow(
            /operands could not be broadcast together with shapes/,
          );
        } else expect(nd.broadcastShapes(a, b)).toEqual(want);
      }),
    );
  });

  it('a + b reads each operand at the broadcast position', () => {
    const small = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 });
    fc.assert(
      fc.property(small, small, (sa, sb) => {
        const want = reference(sa, sb);
        fc.pre(want !== null);
        const a = nd.arange(sa.reduce((p, q) => p * q, 1)).reshape(sa);
        const b = nd
          .arange(sb.reduce((p, q) => p * q, 1))
          .reshape(sb)
          .mul(100);
        const c = nd.add(a, b);
        expect([...c.shape]).toEqual(want);
        // check every element against an explicit index computation
        const n = want!.length;
        const idx = new Array<number>(n).fill(0);
        for (let k = 0; k < c.size; k++) {
          let r = k;
          for (let d = n - 1; d >= 0; d--) {
            idx[d] = r % want![d];
            r = Math.floor(r / want![d]);
          }
          const pick = (s: number[]): number[] => s.map((len, i) => (len === 1 ? 0 : idx[n - s.length + i]));
          const expected = Number(a.item(...pick(sa))) + Number(b.item(...pick(sb)));
          expect(c.item(...idx)).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('views and copies', () => {
  it('writes through a basic-slice view show in its base; writes to a copy never do', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        (r, c, step) => {
          const base = nd.arange(r * c).reshape(r, c);
          const view = base.get(nd.slice(null, null, step), nd.slice(1));
          expect(nd.sharesMemory(view, base)).toBe(true);
          view.set([], -1);
          const rows = Math.ceil(r / step);
          for (let i = 0; i < rows; i++) for (let j = 1; j < c; j++) expect(base.item(i * step, j)).toBe(-1);
          const copy = base.get([0, 1]).copy();
          expect(nd.sharesMemory(copy, base)).toBe(false);
          copy.fill(7);
          expect(base.item(0, 0)).toBe(0);
          // advanced indexing copies
          const adv = base.get([0]);
          adv.fill(9);
          expect(base.item(0, 0)).toBe(0);
        },
      ),
    );
  });
});
