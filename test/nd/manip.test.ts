/**
 * Shape manipulation and structured creation (src/nd/manip.ts, src/nd/matrices.ts):
 * replays test/golden/manip.json (made by test/golden/gen_manip.py with NumPy), then checks the
 * view/copy rules and round trips with property tests (fast-check).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nd from '../../src/nd/index.js';
import * as manip from '../../src/nd/manip.js';
import * as mat from '../../src/nd/matrices.js';
import { dec, expectArray, expectNumpyError, loadGolden, type ArraySpec } from '../helpers.js';

interface Case {
  name: string;
  fn: string;
  args: unknown[];
  result?: ArraySpec;
  results?: ArraySpec[];
  repr?: string | string[];
  view?: boolean | boolean[];
  error?: string;
  message?: string;
  match?: 'exact' | 'contains' | 'type';
}

const cases = loadGolden<Case[]>('manip');

/** Golden argument → JS value: {"nd": spec, "t": transform} becomes an NDArray. */
function decodeArg(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(decodeArg);
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if ('nd' in o) {
      const a = dec(o.nd as ArraySpec);
      if (o.t === 'T') return a.T;
      if (o.t === 'rev') return a.get(nd.slice(null, null, -1));
      if (o.t === 'step') return a.get('..., ::2');
      return a;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decodeArg(v)]));
  }
  return x;
}

const FROMFUNCTIONS: Record<string, (...idx: nd.NDArray[]) => nd.NDArray> = {
  'i*10+j': (i, j) => nd.add(nd.multiply(i, 10), j),
  'i==j': (i, j) => nd.equal(i, j),
  'i+j': (i, j) => nd.add(i, j),
  'i*i': (i) => nd.multiply(i, i),
};

const API = { ...manip, ...mat } as unknown as Record<string, (...args: unknown[]) => unknown>;

/** Runs one case; returns the result(s) and the decoded arguments. */
function replay(c: Case): [nd.NDArray | nd.NDArray[], unknown[]] {
  const args = decodeArg(c.args) as unknown[];
  switch (c.fn) {
    case 'fromfunction':
      return [
        mat.fromfunction(
          FROMFUNCTIONS[args[0] as string],
          args[1] as number[],
          args[2] as { dtype?: nd.DType },
        ),
        args,
      ];
    case 'frombuffer':
      return [mat.frombuffer(Uint8Array.from(args[0] as number[]), args[1] as mat.FromBufferOptions), args];
    case 'copyto': {
      const dst = (args[0] as nd.NDArray).copy();
      manip.copyto(dst, args[1] as nd.NDArray, args[2] as manip.CopytoOptions);
      return [dst, args];
    }
    default: {
      const f = API[c.fn];
      if (typeof f !== 'function') throw new Error(`no function ${c.fn}`);
      return [f(...args) as nd.NDArray | nd.NDArray[], args];
    }
  }
}

const sharesData = (r: nd.NDArray, a: unknown): boolean =>
  a instanceof nd.NDArray && r.data === a.data && r.size > 0;

describe('golden: NumPy results for manip and matrices', () => {
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });
  for (const c of cases) {
    it(`${c.fn}: ${c.name}`, () => {
      if (c.error !== undefined) {
        const golden = { error: c.error, message: c.message ?? '' };
        expectNumpyError(() => replay(c), golden, c.match === 'exact');
        if (c.match === 'contains') {
          let msg = '';
          try {
            replay(c);
          } catch (e) {
            msg = (e as Error).message;
          }
          expect(msg).toContain(golden.message);
        }
        return;
      }
      const [out, args] = replay(c);
      if (c.results) {
        const list = out as nd.NDArray[];
        expect(Array.isArray(list)).toBe(true);
        expect(list.length).toBe(c.results.length);
        c.results.forEach((spec, i) => expectArray(list[i], spec));
        if (Array.isArray(c.view)) c.view.forEach((v, i) => expect(sharesData(list[i], args[0])).toBe(v));
        if (Array.isArray(c.repr)) c.repr.forEach((r, i) => expect(list[i].toString()).toBe(r));
      } else {
        const r = out as nd.NDArray;
        expectArray(r, c.result!);
        if (typeof c.view === 'boolean') expect(sharesData(r, args[0])).toBe(c.view);
        if (typeof c.repr === 'string') expect(r.toString()).toBe(c.repr);
      }
    });
  }
});

describe('views and copies', () => {
  it('split pieces, flip, atleast and diagonal write through; repeat, tile, roll, pad do not', () => {
    const a = nd.arange(12).reshape(3, 4);
    manip.split(a, 2, 1)[1].set([0, 0], 100); // a[0, 2]
    expect(a.item(0, 2)).toBe(100);
    manip.flip(a, 0).set([0, 0], 200); // a[2, 0]
    expect(a.item(2, 0)).toBe(200);
    manip.fliplr(a).set([1, 0], 300); // a[1, 3]
    expect(a.item(1, 3)).toBe(300);
    manip.atleast3d(a).set([0, 0, 0], 400);
    expect(a.item(0, 0)).toBe(400);
    const before = a.toArray();
    for (const copy of [
      manip.repeat(a, 1, 0),
      manip.tile(a, 1),
      manip.roll(a, 0),
      manip.pad(a, 0),
      manip.concatenate([a]),
      mat.diag(a),
    ]) {
      copy.fill(-1);
      expect(a.toArray()).toEqual(before);
    }
  });

  it('new arrays own their memory', () => {
    const a = nd.arange(6).reshape(2, 3);
    for (const r of [
      manip.tile(a, 2),
      manip.roll(a, 1),
      manip.repeat(a, 2),
      manip.pad(a, 1),
      mat.block([[a, a]]),
    ]) {
      expect(r.base).toBeNull();
      expect(r.flags.cContiguous).toBe(true);
    }
  });

  it('diagonal is a read-only view like NumPy', () => {
    const a = nd.arange(9).reshape(3, 3);
    const d = mat.diagonal(a, 1);
    expect(d.data).toBe(a.data);
    expect(d.writeable).toBe(false);
    expect(() => d.set(0, 5)).toThrow(/read-only/);
  });

  it('ascontiguousarray returns the input when it already is contiguous', () => {
    const a = nd.arange(6).reshape(2, 3);
    expect(manip.ascontiguousarray(a)).toBe(a);
    const t = manip.ascontiguousarray(a.T);
    expect(t.flags.cContiguous).toBe(true);
    expect(t.data).not.toBe(a.data);
  });

  it('copyto writes through a view into its base and rejects read-only targets', () => {
    const a = nd.zeros([3, 3]);
    manip.copyto(a.get(1), [1, 2, 3]);
    expect(a.toArray()).toEqual([
      [0, 0, 0],
      [1, 2, 3],
      [0, 0, 0],
    ]);
    expect(() => manip.copyto(nd.broadcastTo(nd.zeros(3), [2, 3]), 1)).toThrow(/read-only/);
    expect(() => manip.copyto(a, [1, 2])).toThrow(
      /could not broadcast input array from shape \(2,\) into shape \(3,3\)/,
    );
  });
});

describe('frombuffer', () => {
  it('shares memory with the buffer for native aligned types, like NumPy', () => {
    const bytes = new Uint8Array(new Float32Array([1, 2, 3]).buffer);
    const f = mat.frombuffer(bytes, { dtype: 'float32' });
    expect(f.data.buffer).toBe(bytes.buffer);
    f.set(0, 9);
    expect(new Float32Array(bytes.buffer)[0]).toBe(9);
    const u = mat.frombuffer(bytes.buffer, { dtype: 'uint8', offset: 4, count: 4 });
    expect(u.data.buffer).toBe(bytes.buffer);
  });

  it('reads a Uint8Array that starts inside a larger buffer (Node Buffer slices)', () => {
    const big = new Uint8Array(20);
    new DataView(big.buffer).setInt32(5, 2051, false);
    new DataView(big.buffer).setInt32(9, 60000, false);
    const sub = big.subarray(5, 13);
    expect(mat.frombuffer(sub, { dtype: '>i4' }).toArray()).toEqual([2051, 60000]);
  });

  it('reads a gzip-free MNIST IDX image file: header big-endian, pixels uint8', () => {
    const n = 2;
    const file = new Uint8Array(16 + n * 28 * 28);
    const dv = new DataView(file.buffer);
    [2051, n, 28, 28].forEach((v, i) => dv.setInt32(4 * i, v, false));
    for (let i = 16; i < file.length; i++) file[i] = i % 256;
    const [magic, count, rows, cols] = mat.frombuffer(file, { dtype: '>i4', count: 4 }).toArray() as number[];
    expect([magic, count, rows, cols]).toEqual([2051, 2, 28, 28]);
    const images = mat.frombuffer(file, { dtype: 'uint8', offset: 16 }).reshape(count, rows, cols);
    expect(images.shape).toEqual([2, 28, 28]);
    expect(images.item(1, 0, 0)).toBe((16 + 784) % 256);
  });

  it('int64: exact within ±(2^53 − 1), an error beyond', () => {
    const dv = new DataView(new ArrayBuffer(16));
    dv.setBigInt64(0, 2n ** 53n - 1n, true);
    dv.setBigInt64(8, -(2n ** 53n - 1n), true);
    expect(mat.frombuffer(dv, { dtype: 'int64' }).toArray()).toEqual([2 ** 53 - 1, -(2 ** 53 - 1)]);
    dv.setBigInt64(8, 2n ** 53n, false);
    expect(() => mat.frombuffer(dv, { dtype: '>i8' })).toThrow(/int64 value 9007199254740992 at element 1/);
    dv.setBigInt64(0, -(2n ** 63n), true);
    expect(() => mat.frombuffer(dv, { dtype: '<i8', count: 1 })).toThrow(/-9223372036854775808 at element 0/);
  });

  it('accepts a SharedArrayBuffer', () => {
    const sab = new SharedArrayBuffer(8);
    new Int32Array(sab).set([7, -8]);
    expect(mat.frombuffer(sab, { dtype: 'int32' }).toArray()).toEqual([7, -8]);
  });

  it('rejects a byteOrder that contradicts the dtype prefix', () => {
    expect(() => mat.frombuffer(new Uint8Array(4), { dtype: '>i4', byteOrder: '<' })).toThrow(nd.ValueError);
  });
});

// ------------------------------------------------------------------ property tests

/** A shape of 1–4 dimensions with sizes 1–4, and the C-order arange array of it. */
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });
const arangeOf = (shape: number[]): nd.NDArray => nd.arange(shape.reduce((p, q) => p * q, 1)).reshape(shape);

const permutationArb = (n: number): fc.Arbitrary<number[]> =>
  fc.shuffledSubarray(
    Array.from({ length: n }, (_, i) => i),
    { minLength: n, maxLength: n },
  );

const shapeAndPerm = shapeArb.chain((s) => fc.tuple(fc.constant(s), permutationArb(s.length)));

describe('properties: reshape and transpose round trips', () => {
  it('a.reshape(s).reshape(a.shape) equals a (contiguous and transposed inputs)', () => {
    fc.assert(
      fc.property(shapeAndPerm, fc.boolean(), ([shape, perm], transposed) => {
        const a = transposed ? arangeOf(shape).transpose(perm) : arangeOf(shape);
        // another shape of the same size: the dims of `a` permuted, with a 1 inserted
        const target = [...perm.map((p) => a.shape[p]), 1];
        const back = a.reshape(target).reshape(a.shape);
        expect(back.shape).toEqual(a.shape);
        expect(back.toArray()).toEqual(a.toArray());
        expect(a.reshape(-1).toArray()).toEqual(a.flatten().toArray());
      }),
      { numRuns: 150 },
    );
  });

  it('a.T.T equals a and transpose(p) then transpose(p⁻¹) equals a', () => {
    fc.assert(
      fc.property(shapeAndPerm, ([shape, perm]) => {
        const a = arangeOf(shape);
        expect(a.T.T.shape).toEqual(a.shape);
        expect(a.T.T.toArray()).toEqual(a.toArray());
        const inv = new Array<number>(perm.length);
        perm.forEach((p, i) => (inv[p] = i));
        const t = a.transpose(perm);
        expect(t.shape).toEqual(perm.map((p) => shape[p]));
        const back = t.transpose(inv);
        expect(back.toArray()).toEqual(a.toArray());
        expect(back.data).toBe(a.data); // always views
      }),
      { numRuns: 150 },
    );
  });
});

/** A shape and one random basic slice per axis. */
const sliceCase = shapeArb.chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc.tuple(
      ...shape.map((n) =>
        fc.record({
          start: fc.integer({ min: -n, max: n }),
          stop: fc.integer({ min: -n, max: n }),
          step: fc.constantFrom(1, 2, -1, -2),
        }),
      ),
    ),
  ),
);

describe('properties: writes through views show in the base, never through copies', () => {
  it('basic slices are views: writes show in the base, writes to copy() do not', () => {
    fc.assert(
      fc.property(sliceCase, ([shape, sl]) => {
        const a = arangeOf(shape);
        const idx = sl.map((s) => nd.slice(s.start, s.stop, s.step));
        const v = a.get(...idx);
        const original = a.toArray();
        v.copy().fill(-1);
        expect(a.toArray()).toEqual(original);
        v.fill(-1);
        const hit = a.get(...idx);
        expect(hit.toArray()).toEqual(nd.full(v.shape, -1).toArray());
        // exactly the selected elements changed
        expect(nd.equal(a, -1).sum().item()).toBe(v.size);
      }),
      { numRuns: 150 },
    );
  });

  it('advanced indexing copies: writes never reach the base', () => {
    fc.assert(
      fc.property(shapeArb, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (shape, picks) => {
        const a = arangeOf(shape);
        const rows = picks.map((p) => p % shape[0]);
        const original = a.toArray();
        const c = a.get(rows);
        c.fill(-1);
        expect(a.toArray()).toEqual(original);
      }),
      { numRuns: 100 },
    );
  });

  it('reshape of a contiguous array is a view; flip is a view; their copies are not', () => {
    fc.assert(
      fc.property(shapeAndPerm, fc.nat(), ([shape, perm], k) => {
        const a = arangeOf(shape);
        const r = a.reshape([...perm.map((p) => shape[p])]);
        expect(r.data).toBe(a.data);
        const flat = k % a.size;
        r.flat.set(flat, -5);
        expect(a.flat.get(flat).item()).toBe(-5);
        // flip along a random subset of axes: element i of the flip is a's mirrored element
        const axes = perm.slice(0, 1 + (k % shape.length));
        const f = manip.flip(a, axes);
        const pos = shape.map((n, d) => (k >> d) % n);
        const mirrored = pos.map((p, d) => (axes.includes(d) ? shape[d] - 1 - p : p));
        f.set(pos, 1234);
        expect(a.item(...mirrored)).toBe(1234);
        const before = a.toArray();
        manip.flip(a, axes).copy().fill(0);
        expect(a.toArray()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});

describe('properties: split then concatenate is the identity', () => {
  it('arraySplit into k sections or at sorted indices, any axis', () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: -5, max: 6 }), { maxLength: 4 }),
        fc.boolean(),
        (shape, axisSeed, k, cuts, useCuts) => {
          const a = arangeOf(shape).astype('float32');
          const axis = axisSeed % shape.length;
          const n = shape[axis];
          const indices = [...cuts]
            .map((c) => Math.max(0, Math.min(n, c < 0 ? c + n : c)))
            .sort((p, q) => p - q);
          const parts = useCuts ? manip.arraySplit(a, indices, axis) : manip.arraySplit(a, k, axis);
          expect(parts.length).toBe(useCuts ? indices.length + 1 : k);
          const back = manip.concatenate(parts, axis);
          expect(back.dtype).toBe('float32');
          expect(back.shape).toEqual(a.shape);
          expect(back.toArray()).toEqual(a.toArray());
          if (!useCuts && n % k === 0) {
            expect(manip.concatenate(manip.split(a, k, { axis }), { axis }).toArray()).toEqual(a.toArray());
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stack then split along the new axis gives back the inputs', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 4 }), fc.nat(), (shape, count, axisSeed) => {
        const xs = Array.from({ length: count }, (_, i) => nd.add(arangeOf(shape), i * 100));
        const axis = axisSeed % (shape.length + 1);
        const s = manip.stack(xs, axis);
        const back = manip.split(s, count, axis).map((p) => p.squeeze(axis));
        back.forEach((b, i) => expect(b.toArray()).toEqual(xs[i].toArray()));
      }),
      { numRuns: 100 },
    );
  });
});
