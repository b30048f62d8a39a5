/**
 * Generated point sets: scikit-learn's geometry, bit-level agreement with a NumPy re-run of the
 * same formulas on default_rng (test/data/golden/gen_generated.py), and the course's numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { defaultRng } from '../../src/nd/random/index.js';
import {
  day2Line,
  day3Points,
  makeBlobs,
  makeCircles,
  makeMoons,
  spirals,
  yinYang,
  yinYangLabel,
} from '../../src/data/generated.js';
import { expectArray, type ArraySpec } from '../helpers.js';

const golden = JSON.parse(
  readFileSync(new URL('./golden/generated.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, ArraySpec> & Record<string, unknown>>;

const counts = (y: nd.NDArray): number[] => {
  const c: number[] = [];
  for (const v of y.toTypedArray()) c[v] = (c[v] ?? 0) + 1;
  return c;
};

describe('the course sets', () => {
  it('Day 2 line: 100 points, the first is (0, 4.13696), y = 3x + 4 + noise', () => {
    const { x, y, noise } = day2Line();
    expect(x.shape).toEqual([100]);
    expect(x.item(0)).toBe(0);
    expect(y.item(0)).toBeCloseTo(4.13696, 5);
    expect(noise.item(0)).toBeCloseTo(0.13696, 5);
    expect(x.item(99)).toBe(4);
    expectArray(x, golden.day2.x);
    expectArray(y, golden.day2.y, { rtol: 0, atol: 0 });
    // the noise is uniform in [-0.5, 0.5)
    expect(noise.min().item()).toBeGreaterThanOrEqual(-0.5);
    expect(noise.max().item()).toBeLessThan(0.5);
  });

  it('Day 3 points: standard_normal((200, 2)), 98 ones and 102 zeros', () => {
    const { X, y } = day3Points();
    expect(X.shape).toEqual([200, 2]);
    expect(y.dtype).toBe('int64');
    expect(counts(y)).toEqual([102, 98]);
    expectArray(X, golden.day3.X, { rtol: 0, atol: 0 });
    expectArray(y, golden.day3.y);
  });
});

describe('scikit-learn sets against NumPy on default_rng', () => {
  it('makeMoons', () => {
    const g = golden.moons;
    const { X, y } = makeMoons(9, { noise: 0.2, rng: defaultRng(3) });
    expectArray(X, g.X);
    expectArray(y, g.y);
  });

  it('makeCircles (odd n: the inner circle gets the extra point)', () => {
    const g = golden.circles;
    const { X, y } = makeCircles(11, { noise: 0.05, factor: 0.5, rng: 1 });
    expectArray(X, g.X);
    expectArray(y, g.y);
    expect(counts(y)).toEqual([5, 6]);
  });

  it('makeBlobs with random centers and with given centers and stds', () => {
    const g = golden.blobs;
    const { X, y, centers } = makeBlobs(10, { centers: 3, rng: 0 });
    expectArray(centers, g.C);
    expectArray(X, g.X);
    expectArray(y, g.y);
    expect(counts(y)).toEqual([4, 3, 3]); // n % k extra points go to the first blobs
    const h = golden.blobs_given;
    const b = makeBlobs(7, {
      centers: [
        [0, 0],
        [5, 5],
      ],
      clusterStd: [0.5, 2],
      rng: 5,
    });
    expectArray(b.X, h.X);
    expectArray(b.y, h.y);
  });

  it('spirals', () => {
    const g = golden.spirals;
    const { X, y } = spirals(5, { arms: 3, turns: 0.75, noise: 0.2, rng: 2 });
    expectArray(X, g.X);
    expectArray(y, g.y);
  });

  it('yinYang', () => {
    const g = golden.yinyang;
    const { X, y } = yinYang(12, { rng: 4 });
    expectArray(X, g.X, { rtol: 0, atol: 0 });
    expectArray(y, g.y);
  });
});

describe('geometry', () => {
  it('makeCircles without noise: radius 1 outside, factor inside; no shuffle keeps outer first', () => {
    const { X, y } = makeCircles(100, { factor: 0.3, shuffle: false, rng: 0 });
    const r = nd.sqrt(X.square().sum({ axis: 1 }));
    for (let i = 0; i < 100; i++) expect(r.item(i)).toBeCloseTo(y.item(i) === 0 ? 1 : 0.3, 12);
    expect(y.get(nd.slice(0, 50)).sum().item()).toBe(0);
    expect(() => makeCircles(10, { factor: 1, rng: 0 })).toThrow(/factor must be in \[0, 1\)/);
  });

  it('makeBlobs: centers inside the box, points around their center with the requested std', () => {
    const { X, y, centers } = makeBlobs(3000, { centers: 3, clusterStd: 0.5, centerBox: [-5, 5], rng: 1 });
    expect(centers.min().item()).toBeGreaterThanOrEqual(-5);
    expect(centers.max().item()).toBeLessThan(5);
    for (let k = 0; k < 3; k++) {
      const pts = X.get(y.eq(k));
      const dev = pts.sub(centers.get(k));
      expect(Math.abs(dev.mean().item() as number)).toBeLessThan(0.05);
      expect(dev.std().item()).toBeCloseTo(0.5, 1);
    }
    expect(() => makeBlobs([10, 10], { centers: 3, rng: 0 })).toThrow(/not consistent/);
  });

  it('spirals: N arms, radius linspace(0, 1), one label per arm', () => {
    const { X, y } = spirals(50, { arms: 5, noise: 0, rng: 0 });
    expect(X.shape).toEqual([250, 2]);
    expect(counts(y)).toEqual([50, 50, 50, 50, 50]);
    const r = nd.sqrt(X.square().sum({ axis: 1 }));
    expect(r.item(49)).toBeCloseTo(1, 12);
    expect(r.item(25)).toBeCloseTo(25 / 49, 12);
  });

  it('yinYang: balanced classes, in the disk of radius 2, each point on its class region', () => {
    const { X, y } = yinYang(300, { rng: 0 });
    expect(counts(y)).toEqual([100, 100, 100]);
    for (let i = 0; i < 300; i++) {
      const px = X.item(i, 0) as number;
      const py = X.item(i, 1) as number;
      expect(Math.hypot(px, py)).toBeLessThanOrEqual(2);
      expect(yinYangLabel(px, py)).toBe(y.item(i));
    }
    // the two dots: centres at (±1, 0) in output coordinates, radius 0.4
    expect(yinYangLabel(1, 0)).toBe(2);
    expect(yinYangLabel(-1, 0)).toBe(2);
    expect(yinYangLabel(0, 1.9)).toBe(0); // top half far from the right dot: yin
    expect(yinYangLabel(0, -1.9)).toBe(1);
    expect(yinYangLabel(2, 2)).toBe(-1);
  });

  it('same seed, same set; a Generator argument advances its stream', () => {
    const a = makeCircles(20, { noise: 0.1, rng: 7 });
    const b = makeCircles(20, { noise: 0.1, rng: defaultRng(7) });
    expect(Array.from(a.X.toTypedArray())).toEqual(Array.from(b.X.toTypedArray()));
    const rng = defaultRng(7);
    const c = makeCircles(20, { noise: 0.1, rng });
    const d = makeCircles(20, { noise: 0.1, rng });
    expect(Array.from(c.X.toTypedArray())).not.toEqual(Array.from(d.X.toTypedArray()));
  });
});
