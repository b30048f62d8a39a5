/**
 * Day 3 — binary classification: the course's numbers at their printed precision (the points, the
 * Keras summary, fit → 0.99 / (2.47, 2.45) / 0.07, the 4-epoch animation run → 0.985, the momentum
 * ball), the learning targets, and the figures. References: test/golden/keras_day3.json (NumPy
 * re-simulation of Keras's Adam) and test/golden/day3_day5.json (gen_day3_day5.py).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundaryY, originalBoundaryY } from '../../course/day3/classifier.js';
import { bumpy, bumpyGrad, criticalPoint, descend } from '../../course/day3/momentum.js';
import { loadGolden } from '../helpers.js';
import { expectPrinted, gifSummary, pngSize, runFast } from './helpers.js';

interface KerasRun {
  epochs: number;
  batchSize: number;
  kernel: number[][];
  bias: number[];
  history: { accuracy: number[]; loss: number[] };
  evaluate: [number, number];
}
const keras = loadGolden<{ ones: number; first: number[]; runs: KerasRun[] }>('keras_day3');
const golden = loadGolden<{
  momentum: { x: number; f: number; furthest: number; sgd_x: number; sgd_f: number };
}>('day3_day5');

let run: Awaited<ReturnType<typeof runFast>>;

beforeAll(async () => {
  run = await runFast(3);
}, 120_000);

describe('Day 3 in fast mode: the numbers of the course', () => {
  it('the 200 points of default_rng(0): 98 ones, 102 zeros, the first point as NumPy draws it', () => {
    expect(run.records['data.ones']).toBe(98);
    expect(run.records['data.zeros']).toBe(102);
    expect(run.records['data.ones']).toBe(keras.ones);
    expect(run.records['data.x0']).toBe(keras.first[0]);
    expect(run.records['data.y0']).toBe(keras.first[1]);
  });

  it('summary() shows 3 parameters', () => {
    expect(run.records.params).toBe(3);
    expect(run.text).toMatch(/dense \(Dense\)\s+│ \(None, 1\)\s+│\s+3 │/);
    expect(run.text).toContain('Total params: 3');
  });

  it('fit(epochs 5, batch 1) → accuracy 0.99 (≥ 0.98), weights (2.47, 2.45), bias 0.07', () => {
    expect(run.records.accuracy as number).toBeGreaterThanOrEqual(0.98);
    expectPrinted(run.records.accuracy, 2, '0.99');
    expectPrinted(run.records.w0, 2, '2.47');
    expectPrinted(run.records.w1, 2, '2.45');
    expectPrinted(run.records.b, 2, '0.07');
    expect(run.text).toContain('weights: (2.47, 2.45), bias: 0.07');
    // against the NumPy re-simulation of Keras (float32 weights)
    const ref = keras.runs.find((r) => r.epochs === 5 && r.batchSize === 1)!;
    expect(run.records.w0).toBeCloseTo(ref.kernel[0][0], 4);
    expect(run.records.w1).toBeCloseTo(ref.kernel[1][0], 4);
    expect(run.records.b).toBeCloseTo(ref.bias[0], 4);
    expect(run.records['fit:history.accuracy']).toBe(ref.history.accuracy.map((a) => a.toFixed(4)).join(','));
    expect(run.text).toMatch(/^Epoch 5\/5$/m);
  });

  it('the animation run (4 epochs, batch 2): one frame per batch, accuracy 0.985', () => {
    expect(run.records['anim.frames']).toBe(400);
    expectPrinted(run.records['anim.accuracy'], 3, '0.985');
    const ref = keras.runs.find((r) => r.epochs === 4 && r.batchSize === 2)!;
    expect(run.records['anim.accuracy']).toBe(ref.evaluate[1]);
  });

  it('the boundary is −(w0·x + b)/w1 (the original’s −(w0/w1)x + b/w1 misses it when b ≠ 0)', () => {
    const w = { w0: 2.47, w1: 2.45, b: 0.07 };
    for (const x of [-2, 0, 1.5]) {
      expect(w.w0 * x + w.w1 * boundaryY(x, w) + w.b).toBeCloseTo(0, 12);
      expect(Math.abs(w.w0 * x + w.w1 * originalBoundaryY(x, w) + w.b)).toBeCloseTo(2 * w.b, 12);
    }
  });

  it('the momentum ball: passes the local minimum ≈ −1.585, settles at ≈ 0.667 (f ≈ −0.617); plain SGD stops at ≈ −1.585', () => {
    const x = run.records['momentum.x'] as number;
    expect(Math.abs(x - 0.667)).toBeLessThan(0.002); // the course's "≈ 0.667" (0.6678 after 100 steps)
    expectPrinted(run.records['momentum.f'], 3, '-0.617');
    expectPrinted(run.records['sgd.x'], 3, '-1.585');
    // "the local minimum at ≈ −1.59": −1.5846 exactly (Newton on f')
    expect(Math.abs((run.records['momentum:local'] as number) + 1.59)).toBeLessThan(0.01);
    expect(run.records['momentum.furthest'] as number).toBeGreaterThan(
      run.records['momentum:local'] as number,
    );
    expect(run.records['momentum.x']).toBeCloseTo(golden.momentum.x, 12);
    expect(run.records['momentum.f']).toBeCloseTo(golden.momentum.f, 12);
    expect(run.records['momentum.furthest']).toBeCloseTo(golden.momentum.furthest, 12);
    expect(run.records['sgd.x']).toBeCloseTo(golden.momentum.sgd_x, 12);
  });

  it('the MNIST Dense(64) classifier learns in one epoch (fast mode: 2,000 training images)', () => {
    expect(run.records['mnist:params']).toBe(50_890);
    expect(run.records['mnist.accuracy'] as number).toBeGreaterThan(0.7);
    expect(run.text).toMatch(/test loss: \d\.\d{4}, test accuracy: 0\.\d{4}/);
  });
});

describe('Day 3: the momentum helpers', () => {
  it("f' is the derivative of f (central differences), and the two minima are where f' = 0", () => {
    for (const x of [-3, -1.2, 0.3, 2]) {
      const h = 1e-6;
      expect(bumpyGrad(x)).toBeCloseTo((bumpy(x + h) - bumpy(x - h)) / (2 * h), 6);
    }
    expect(bumpyGrad(criticalPoint(-1.6))).toBeCloseTo(0, 12);
    expect(criticalPoint(-1.6)).toBeCloseTo(-1.5846, 4);
    expect(criticalPoint(0.7)).toBeCloseTo(0.6677, 4);
  });

  it('descent is deterministic and μ = 0 is plain gradient descent', () => {
    expect(descend(-3, 0.01, 0.85, 100)).toEqual(descend(-3, 0.01, 0.85, 100));
    const plain = descend(-3, 0.01, 0, 3);
    expect(plain[1]).toBeCloseTo(-3 - 0.01 * bumpyGrad(-3), 14);
  });
});

describe('Day 3: figures and animations', () => {
  it('writes valid PNGs and GIFs (fewer frames in fast mode)', () => {
    for (const name of ['principle', 'points', 'classifier', 'momentum']) {
      const { width, height } = pngSize(join(run.dir, `${name}.png`));
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(300);
    }
    const boundary = gifSummary(join(run.dir, 'boundary.gif'));
    expect(boundary.frames).toBe(40);
    expect(boundary.frames).toBe(run.records['anim:gifFrames']);
    expect(boundary.width).toBe(560);
    const ball = gifSummary(join(run.dir, 'momentum.gif'));
    expect(ball.frames).toBe(21);
    expect(run.files.length).toBe(6);
  });
});
