/**
 * Replays test/golden/core.json (made by test/golden/gen_core.py with NumPy): creation, dtype
 * promotion, broadcasting, indexing, ufuncs and views must give NumPy's results and errors.
 */
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { dec, expectArray, expectNumpyError, loadGolden, type ArraySpec } from '../helpers.js';

interface Case {
  kind: string;
  name: string;
  result?: ArraySpec;
  results?: ArraySpec[];
  error?: string;
  message?: string;
  [k: string]: unknown;
}
const cases = loadGolden<Case[]>('core');
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const fn = (name: string): ((...args: unknown[]) => nd.NDArray) => {
  const f = (nd as unknown as Record<string, unknown>)[camel(name)];
  if (typeof f !== 'function') throw new Error(`no nd.${camel(name)}`);
  return f as (...args: unknown[]) => nd.NDArray;
};

const named: Record<string, nd.NDArray> = {
  A: nd.arange(1, 17).reshape(4, 4),
  X: nd.arange(10),
  Y: nd.arange(35).reshape(5, 7),
  Z: nd.arange(120).reshape(2, 3, 4, 5),
  E: nd.arange(9),
};

/** Runs one golden case through mlseries. */
function replay(c: Case): nd.NDArray | nd.NDArray[] | string {
  const a = c.a as ArraySpec;
  switch (c.kind) {
    case 'array':
      return nd.array(c.values as nd.ArrayLike, c.dtype ? { dtype: c.dtype as nd.DType } : {});
    case 'arange':
      return nd.arange(...(c.args as [number, number?, number?]));
    case 'linspace':
      return nd.linspace(...(c.args as [number, number, number]), c.kwargs as nd.LinspaceOptions);
    case 'linspace_step': {
      const [arr, step] = nd.linspaceWithStep(...(c.args as [number, number, number]));
      expect(step).toBe(c.step);
      return arr;
    }
    case 'logspace':
      return nd.logspace(...(c.args as [number, number, number]), c.kwargs as { base?: number });
    case 'filled':
      return fn(c.fn as string)(c.shape, c.kwargs);
    case 'full':
      return nd.full(c.shape as number[], c.value as number);
    case 'promote':
      return nd.promoteTypes(c.a as nd.DType, c.b as nd.DType);
    case 'astype':
      return dec(a).astype(c.dtype as nd.DType);
    case 'broadcast':
      return nd.zeros(nd.broadcastShapes(...(c.shapes as number[][])));
    case 'add_shapes': {
      const [s1, s2] = c.shapes as number[][];
      return nd.add(nd.ones(s1), nd.ones(s2));
    }
    case 'outer_newaxis':
      return nd
        .array([0, 10, 20, 30], { dtype: 'float64' })
        .get(nd.slice(), nd.newaxis)
        .add(nd.array([1, 2, 3], { dtype: 'float64' }));
    case 'get':
      return named[c.array as string].get(c.index as string);
    case 'mask_get':
      return dec(a).get(dec(c.mask as ArraySpec));
    case 'mask_iadd': {
      const x = dec(a);
      const m = x.lt(0);
      x.set([m], x.get(m).add(c.add as number));
      return x;
    }
    case 'set':
      return nd.arange(10).set(c.index as string, c.value as nd.ArrayLike);
    case 'set2d':
      return nd
        .arange(16)
        .reshape(4, 4)
        .set(c.index as string, c.value as nd.ArrayLike);
    case 'repeated_iadd': {
      const x = nd.zeros(5);
      const i = [c.index as number[]];
      x.set(i, x.get(...i).add(1));
      return x;
    }
    case 'add_at': {
      const x = nd.zeros(5);
      nd.addAt(x, c.index as number[], 1);
      return x;
    }
    case 'ix':
      return named.Y.get(...nd.ix_(c.a as number[], c.b as number[]));
    case 'nonzero':
      return nd.nonzero(dec(a));
    case 'where3': {
      const r = nd.arange(c.n as number);
      return nd.where(r.gt(2), r, r.neg());
    }
    case 'take':
      return nd.take(named.Y, c.indices as number[], c.axis === null ? {} : { axis: c.axis as number });
    case 'put': {
      const x = nd.arange(10);
      nd.put(x, c.indices as number[], c.values as number[]);
      return x;
    }
    case 'flat': {
      const base = nd.arange(12);
      base.reshape(3, 4).T.flat.set([1, 5], -1);
      return base;
    }
    case 'flat_get':
      return nd
        .arange(12)
        .reshape(3, 4)
        .T.flat.get(nd.slice(2, 9, 3));
    case 'ufunc2':
      return fn(c.ufunc as string)(dec(a), dec(c.b as ArraySpec));
    case 'ufunc2_scalar':
      return fn(c.ufunc as string)(dec(a), c.scalar);
    case 'ufunc1':
      return fn(c.ufunc as string)(dec(a));
    case 'round':
      return nd.round(dec(a), c.decimals as number);
    case 'clip':
      return nd.clip(dec(a), c.lo as number, c.hi as number);
    case 'out': {
      const o = nd.zeros(3);
      nd.add(nd.array([1, 2, 3]), 1, { out: o });
      return o;
    }
    case 'out_bad': {
      const o = nd.zeros(3, { dtype: 'int64' });
      nd.add(nd.array([1, 2, 3]), 0.5, { out: o });
      return o;
    }
    case 'vq': {
      const obs = dec(a === undefined ? (c.obs as ArraySpec) : a);
      const codes = dec(c.codes as ArraySpec);
      const dist = nd.sqrt(nd.square(codes.sub(obs)).sum({ axis: -1 }));
      return dist.argmin();
    }
    case 'reshape':
      return nd.arange(c.n as number).reshape(c.shape as number[]);
    case 'squeeze':
      return nd.zeros(c.shape as number[]).squeeze();
    case 'expand_dims':
      return nd.expandDims(nd.zeros(c.shape as number[]), c.axis as number[]);
    case 'moveaxis':
      return nd.moveaxis(nd.zeros(c.shape as number[]), c.src as number, c.dst as number);
    case 'transpose':
      return nd
        .arange(24)
        .reshape(2, 3, 4)
        .transpose(c.perm as number[]);
    case 'swapaxes':
      return nd.arange(24).reshape(2, 3, 4).swapaxes(0, 2);
    case 'broadcast_to':
      return nd.broadcastTo(nd.arange(3), c.shape as number[]);
    default:
      throw new Error(`unknown case kind ${c.kind}`);
  }
}

// NumPy's messages we reproduce word for word; other errors must match the class.
const EXACT = new Set(['get', 'mask_get', 'add_shapes', 'reshape', 'set', 'ufunc2']);

describe('nd core against NumPy goldens', () => {
  it('has the golden file', () => {
    expect(cases.length).toBeGreaterThan(400);
  });
  for (const c of cases) {
    it(`${c.kind}: ${c.name}`, () => {
      if (c.error) {
        expectNumpyError(
          () => replay(c),
          c as { error: string; message: string },
          EXACT.has(c.kind) && c.error !== 'TypeError',
        );
        return;
      }
      const r = replay(c);
      if (typeof r === 'string') expect(r).toBe(c.result);
      else if (Array.isArray(r)) r.forEach((x, i) => expectArray(x, c.results![i]));
      else expectArray(r, c.result!);
    });
  }
});

describe('a[indexArray] over axis 0 (the batch gather) equals the general advanced-indexing path', () => {
  const rng = nd.random.defaultRng(3);
  const a = rng.standardNormal([7, 3, 4]).astype('float32');
  const cases: [string, nd.NDArray][] = [
    ['C-contiguous rows', a],
    ['reversed rows (negative stride)', a.get(nd.slice(null, null, -1))],
    ['rows of a column slice (not contiguous: general path)', a.get(':, :, 1:3')],
    ['1-D', a.reshape(-1)],
  ];
  const idx = nd.array([6, -1, 0, 2, 2], { dtype: 'int32' });
  for (const [name, x] of cases) {
    it(name, () => {
      const fast = x.get(idx);
      const general = x.ndim > 1 ? x.get(idx, ':') : nd.take(x, idx);
      expect(fast.shape).toEqual([5, ...x.shape.slice(1)]);
      expect(fast.dtype).toBe('float32');
      expect(fast.toArray()).toEqual(general.toArray());
      expect(nd.sharesMemory(fast, x)).toBe(false);
    });
  }
  it('2-D index arrays and out-of-range indices', () => {
    expect(a.get(nd.array([[1, 2]])).shape).toEqual([1, 2, 3, 4]);
    expect(() => a.get(nd.array([7]))).toThrow('index 7 is out of bounds for axis 0 with size 7');
    expect(() => a.get(nd.array([1.5]))).toThrow(
      'arrays used as indices must be of integer (or boolean) type',
    );
  });
});
