/**
 * Day 2 — a best-fit line: the course's numbers at their printed precision, the files, and the
 * hand-written MSE gradient against autograd and finite differences.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { tensor } from '../../src/autograd/index.js';
import { linePoints } from '../../course/day2/data.js';
import { mseAndGrad } from '../../course/day2/gradient-descent.js';
import { signOnlyUpdates } from '../../course/day2/sign-update.js';
import { perpendicularLoss } from '../../course/day2/scan.js';
import { day2Line } from '../../src/data/generated.js';
import { courseGolden, expectPrinted, gifSummary, pngSize, runFast } from './helpers.js';

const golden = courseGolden.day2;
let run: Awaited<ReturnType<typeof runFast>>;

beforeAll(async () => {
  run = await runFast(2);
}, 120_000);

describe('Day 2 in fast mode', () => {
  it('the 100 points of default_rng(0): the first is (0, 4.13696)', () => {
    expect(run.records['data.n']).toBe(100);
    expect(run.records['data.x0']).toBe(0);
    expectPrinted(run.records['data.y0'], 5, '4.13696');
    expect(run.records['data.y0']).toBe(golden['data.y0']);
    expect(run.text).toContain('first point: (0, 4.13696)');
    // the same points as src/data's day2Line
    const { x, y } = linePoints(0);
    const ref = day2Line();
    expect(nd.arrayEqual(x, ref.x) && nd.arrayEqual(y, ref.y)).toBe(true);
  });

  it('the perpendicular-distance scan: m ≈ 3.0352, sum ≈ 0.878', () => {
    expectPrinted(run.records['scan.m'], 4, '3.0352');
    expectPrinted(run.records['scan.sum'], 3, '0.878');
    expect(run.records['scan.m']).toBe(golden['scan.m']);
    expect(run.records['scan.sum']).toBeCloseTo(golden['scan.sum'], 12);
  });

  it('closed-form least squares ≈ (3.0457, 3.9569)', () => {
    expectPrinted(run.records['lstsq.m'], 4, '3.0457');
    expectPrinted(run.records['lstsq.b'], 4, '3.9569');
    expect(run.records['lstsq.m']).toBeCloseTo(golden['lstsq.m'], 12);
    expect(run.records['lstsq.b']).toBeCloseTo(golden['lstsq.b'], 12);
  });

  it('the sign-only update: 400 updates, first reaches 3.00 at update 278, ends at 3.08', () => {
    expect(run.records['sign.updates']).toBe(400);
    expect(run.records['sign.reach3']).toBe(278);
    expect(run.records['sign.reach3']).toBe(golden['sign.reach3']);
    expectPrinted(run.records['sign.final'], 2, '3.08');
    expect(run.records['sign.final']).toBe(golden['sign.final']);
  });

  it('gradient descent on slope and intercept converges to least squares', () => {
    expect(run.records['gd.gap'] as number).toBeLessThan(1e-6);
    expectPrinted(run.records['gd.m'], 4, '3.0457');
    expectPrinted(run.records['gd.b'], 4, '3.9569');
  });

  it('writes the figures and the animation (fewer frames in fast mode)', () => {
    for (const name of ['data', 'scan', 'gradient_descent']) {
      const { width, height } = pngSize(join(run.dir, `${name}.png`));
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(300);
    }
    const gif = gifSummary(join(run.dir, 'fit.gif'));
    expect(gif.frames).toBe(20);
    expect(gif.width).toBe(640);
    expect(gif.delay).toBe(800);
  });

  it('the full animation has 400 frames at 40 ms', () => {
    const stride = 1;
    const history = signOnlyUpdates(
      linePoints(0).x.toTypedArray() as Float64Array,
      linePoints(0).y.toTypedArray() as Float64Array,
    );
    const frames = history.filter((_, i) => i % stride === stride - 1 || i === history.length - 1);
    expect(frames.length).toBe(400);
  });

  it('ends with the summary', () => {
    expect(run.text).toContain('小结');
    expect(run.text.trimEnd().split('\n').at(-1)).toMatch(/用时 [\d.]+ s/);
  });
});

describe('Day 2 gradients', () => {
  const { x, y } = linePoints(0);
  it('∂MSE/∂m and ∂MSE/∂b by hand = autograd', () => {
    for (const [m0, b0] of [
      [1, 4],
      [2.5, 3.1],
      [-0.7, 9],
    ]) {
      const g = mseAndGrad(m0, b0, x, y);
      const m = tensor([m0], { dtype: 'float64', requiresGrad: true });
      const b = tensor([b0], { dtype: 'float64', requiresGrad: true });
      const xt = tensor(x, { dtype: 'float64' });
      const yt = tensor(y, { dtype: 'float64' });
      const loss = xt.mul(m).add(b).sub(yt).square().mean();
      loss.backward();
      expect(g.loss).toBeCloseTo(loss.item(), 12);
      expect(g.dm).toBeCloseTo(Number(m.grad!.data.item(0)), 10);
      expect(g.db).toBeCloseTo(Number(b.grad!.data.item(0)), 10);
    }
  });

  it('∂MSE/∂m and ∂MSE/∂b by hand = finite differences', () => {
    const eps = 1e-6;
    const [m0, b0] = [1.3, 4.4];
    const g = mseAndGrad(m0, b0, x, y);
    const L = (m: number, b: number) => mseAndGrad(m, b, x, y).loss;
    expect(g.dm).toBeCloseTo((L(m0 + eps, b0) - L(m0 - eps, b0)) / (2 * eps), 6);
    expect(g.db).toBeCloseTo((L(m0, b0 + eps) - L(m0, b0 - eps)) / (2 * eps), 6);
  });

  it('the vectorised scan equals the loop of the course', () => {
    const ms = nd.linspace(2, 4, 7);
    const got = perpendicularLoss(ms, x, y).toArray() as number[];
    const xs = x.toArray() as number[];
    const ys = y.toArray() as number[];
    (ms.toArray() as number[]).forEach((m, k) => {
      const want = xs.reduce((s, xi, i) => s + (m * xi - ys[i] + 4) ** 2 / (m * m + 1), 0);
      expect(got[k]).toBeCloseTo(want, 10);
    });
  });
});

describe('the mlseries command', () => {
  it('mlseries lesson 2 --fast --only 1 --lang en --out DIR', async () => {
    const { main } = await import('../../cli/index.js');
    const dir = (await import('node:fs')).mkdtempSync(
      join((await import('node:os')).tmpdir(), 'mlseries-cli-'),
    );
    const chunks: string[] = [];
    await main(['node', 'mlseries', 'lesson', '2', '--fast', '--only', '1', '--lang', 'en', '--out', dir], {
      stream: { write: (s: string) => chunks.push(s), isTTY: false },
    });
    const text = chunks.join('');
    expect(text).toContain('Day 2 · A best-fit line (fast mode)');
    expect(text).toContain('first point: (0, 4.13696)');
    expect(text).not.toContain('1-7');
    pngSize(join(dir, 'data.png'));
  });
});
