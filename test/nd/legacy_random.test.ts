/** nd.random.RandomState reproduces NumPy's legacy MT19937 streams (test/golden/gen_legacy_random.py). */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { loadGolden } from '../helpers.js';

interface Case {
  seed: number;
  call: 'random_sample' | 'randn' | 'normal' | 'permutation';
  args: unknown[];
  out: number[];
}

describe('RandomState (NumPy legacy MT19937)', () => {
  for (const c of loadGolden<Case[]>('legacy_random')) {
    it(`RandomState(${c.seed}).${c.call}(${JSON.stringify(c.args)})`, () => {
      const rs = new nd.random.RandomState(c.seed);
      let got: number[];
      if (c.call === 'random_sample')
        got = Array.from({ length: c.args[0] as number }, () => rs.randomSample());
      else if (c.call === 'randn') got = Array.from(rs.randn(...(c.args as number[])).toTypedArray());
      else if (c.call === 'normal') {
        const [loc, scale, shape] = c.args as [number, number, number[]];
        got = Array.from(rs.normal(loc, scale, shape).toTypedArray());
      } else got = Array.from(rs.permutation(c.args[0] as number).toTypedArray());
      // uniforms and permutations are bit-equal; normals go through log() and sqrt(), where V8 and
      // the C library NumPy uses can differ in the last bit
      expect(got.length).toBe(c.out.length);
      got.forEach((g, i) =>
        expect(Math.abs(g - c.out[i])).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(c.out[i])),
      );
      if (c.call === 'random_sample' || c.call === 'permutation') expect(got).toEqual(c.out);
    });
  }
});
