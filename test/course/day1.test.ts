/**
 * Day 1 — NumPy-style arrays: every example of the lesson prints what NumPy prints
 * (test/golden/day1.json and test/golden/course.json), the numbers COURSE.md lists, the figures.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHAPE_TABLE, shapeRow } from '../../course/day1/broadcasting.js';
import { loadGolden } from '../helpers.js';
import { courseGolden, pngSize, runFast } from './helpers.js';

/** NumPy's text for each example name: test/golden/day1.json, then course.json's Day 1 extras. */
const numpyText = new Map<string, string>([
  ...loadGolden<{ name: string; numpy: string }[]>('day1').map((c) => [c.name, c.numpy] as [string, string]),
  ...Object.entries(courseGolden.day1),
]);

/** An error prints as `Class: message`; NumPy's class names differ from ours, the messages do not. */
const message = (text: string) => /^\w+: (.*)$/s.exec(text.trim())?.[1].trim();
const isError = (text: string) => /^[A-Z]\w*Error: /.test(text.trim());

let run: Awaited<ReturnType<typeof runFast>>;
let examples: [string, string][];

beforeAll(async () => {
  run = await runFast(1);
  examples = Object.entries(run.records)
    .filter(([k]) => k.startsWith('ex:'))
    .map(([k, v]) => [k.slice(3), String(v)]);
}, 120_000);

describe('Day 1: every example prints what NumPy prints', () => {
  it('has NumPy’s output for every example, and runs every example of day1.json', () => {
    expect(examples.length).toBeGreaterThanOrEqual(100);
    const missing = examples.filter(([name]) => !numpyText.has(name)).map(([name]) => name);
    expect(missing).toEqual([]);
    const names = new Set(examples.map(([n]) => n));
    const notRun = loadGolden<{ name: string }[]>('day1')
      .map((c) => c.name)
      .filter(
        (n) =>
          !names.has(n) &&
          !['basics: ndim, shape, size', 'figures: sine on linspace(0, 2pi, 200)[:3]'].includes(n),
      );
    expect(notRun).toEqual([]);
  });

  it('each example', () => {
    for (const [name, got] of examples) {
      const want = numpyText.get(name)!;
      if (isError(want)) {
        expect(isError(got), name).toBe(true);
        expect(message(got), name).toBe(message(want));
      } else {
        expect(got, name).toBe(want.trim());
      }
    }
  });

  it('the numbers COURSE.md lists', () => {
    const r = (name: string) => run.records[`ex:${name}`];
    expect(r('basics: a[0]=10; b=a[3:]; b[0]=40')).toBe('array([10,  2,  3, 40,  5,  6])');
    expect(r('basics: ndim shape size')).toBe('(2, (3, 4), 12)');
    expect(r('creation: arange(2, 9, 2)')).toBe('array([2, 4, 6, 8])');
    expect(r('creation: arange(2, 3, 0.1).size')).toBe('10');
    expect(r('creation: linspace(0, 10, 5)')).toBe('array([ 0. ,  2.5,  5. ,  7.5, 10. ])');
    expect(r('indexing: x[-3:3:-1]')).toBe('array([7, 6, 5, 4])');
    expect(r('indexing: y[[0, 2, 4], [0, 1, 2]]')).toBe('array([ 0, 15, 30])');
    expect(r('indexing: out of bounds')).toBe('IndexError: index 20 is out of bounds for axis 0 with size 9');
    expect(r('readme: arr[1, 2:4]')).toBe('array([7, 8])');
    expect(r('readme: arr[:, 1]')).toBe('array([ 2,  6, 10, 14])');
    expect(r('broadcast: (8,1,6,1)+(7,1,5)')).toBe('array([8, 7, 6, 5])');
    expect(message(String(r('broadcast: (4,3)+(4,) fails')))).toBe(
      'operands could not be broadcast together with shapes (4,3) (4,)',
    );
    expect(r('broadcast: vector quantisation')).toBe('array(0)');
    expect(r('random: default_rng(42).random((2, 3))')).toBe(
      'array([[0.77395605, 0.43887844, 0.85859792],\n       [0.69736803, 0.09417735, 0.97562235]])',
    );
  });

  it('the broadcasting shape table', () => {
    for (const [a, b] of SHAPE_TABLE) {
      const want =
        courseGolden.day1_broadcast_table[
          `(${a.join(', ')}${a.length === 1 ? ',' : ''})+(${b.join(', ')}${b.length === 1 ? ',' : ''})`
        ];
      expect(want, `${a} + ${b}`).toBeDefined();
      const got = shapeRow(a, b).split('-> ')[1];
      expect(got).toBe(want === 'error' ? 'error' : `(${want.join(', ')}${want.length === 1 ? ',' : ''})`);
    }
    expect(run.text).toContain('(8, 1, 6, 1)  + (7, 1, 5)   -> (8, 7, 6, 5)');
  });

  it('the figures: sine, the 100×100 heat map with a colour bar, three 400-point scatters', () => {
    expect(run.records['sine.n']).toBe(200);
    expect(run.records['heatmap.max']).toBeCloseTo(courseGolden.day1_figures['heatmap.max'], 14);
    expect(run.records['scatter.positive']).toBe(courseGolden.day1_figures['scatter.positive']);
    expect(run.text).toContain('np.sin(x)[:3] = array([0.        , 0.03156855, 0.06310563])');
    for (const name of ['sine', 'heatmap', 'scatter']) {
      const { width, height } = pngSize(join(run.dir, `${name}.png`));
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(300);
    }
    expect(run.files.length).toBe(3);
  });

  it('prints the NumPy line, our line and the result for each example, and ends with the summary', () => {
    expect(run.text).toContain(">>> x[-3:3:-1]\n    nd: x.get('-3:3:-1')\narray([7, 6, 5, 4])");
    expect(run.text).toContain('小结');
  });
});
