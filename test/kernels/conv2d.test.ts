// conv2d spec, run on every backend: random NCHW geometries (stride, padding incl. 'same',
// dilation, groups, empty batches), forward and both gradients against the definition, and the
// gradients against finite differences of the js forward in float64.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  conv2dGeometry,
  getThreads,
  jsBackend,
  ready,
  setThreads,
  type Backend,
  type Conv2dGeometry,
  type FloatArray,
} from '../../src/kernels/index.js';
import { DTYPES, Rng, backends, expectClose } from './helpers.js';

/** Visits every (output, input, weight) index triple of the definition, skipping padding. */
function forEachTerm(g: Conv2dGeometry, visit: (yi: number, xi: number, wi: number) => void): void {
  const cG = g.cIn / g.groups;
  const coG = g.cOut / g.groups;
  for (let b = 0; b < g.n; b++)
    for (let co = 0; co < g.cOut; co++)
      for (let oh = 0; oh < g.outH; oh++)
        for (let ow = 0; ow < g.outW; ow++)
          for (let c = 0; c < cG; c++)
            for (let i = 0; i < g.kh; i++)
              for (let j = 0; j < g.kw; j++) {
                const ih = oh * g.strideH - g.padTop + i * g.dilationH;
                const iw = ow * g.strideW - g.padLeft + j * g.dilationW;
                if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) continue;
                const ci = Math.floor(co / coG) * cG + c;
                visit(
                  ((b * g.cOut + co) * g.outH + oh) * g.outW + ow,
                  ((b * g.cIn + ci) * g.h + ih) * g.w + iw,
                  ((co * cG + c) * g.kh + i) * g.kw + j,
                );
              }
}

function sizes(g: Conv2dGeometry): { x: number; w: number; y: number } {
  return {
    x: g.n * g.cIn * g.h * g.w,
    w: (g.cOut * g.cIn * g.kh * g.kw) / g.groups,
    y: g.n * g.cOut * g.outH * g.outW,
  };
}

function randomGeometry(rng: Rng): Conv2dGeometry {
  const groups = rng.pick([1, 1, 1, 2, 3]);
  const n = rng.pick([0, 1, 1, 2, 3]);
  const cIn = groups * rng.int(1, 3);
  const cOut = groups * rng.int(rng.next() < 0.1 ? 0 : 1, 3);
  const kh = rng.int(1, 4);
  const kw = rng.int(1, 4);
  const h = rng.int(1, 9);
  const w = rng.int(1, 9);
  const padding = rng.next() < 0.25 ? 'same' : ([rng.int(0, 2), rng.int(0, 2)] as [number, number]);
  return conv2dGeometry([n, cIn, h, w], [cOut, cIn / groups, kh, kw], {
    stride: [rng.int(1, 3), rng.int(1, 3)],
    dilation: padding === 'same' ? [1, 1] : [rng.int(1, 2), rng.int(1, 2)],
    padding,
    groups,
  });
}

/** Bigger geometries: several GEMM tasks per image, K past one KC block (32·9 = 288). */
const bigGeometries: Conv2dGeometry[] = [
  conv2dGeometry([2, 32, 14, 14], [20, 32, 3, 3], { padding: 1 }),
  conv2dGeometry([3, 6, 17, 15], [12, 3, 3, 3], { padding: 'same', groups: 2, stride: 2 }),
];

describe('conv2d', () => {
  let all: Backend[] = [];
  beforeAll(async () => {
    all = await backends();
  });

  for (const dtype of DTYPES) {
    for (const name of ['js', 'wasm'] as const) {
      it(`${name} ${dtype}: forward, backward input and backward weight match the definition`, () => {
        const backend = all.find((b) => b.name === name)!;
        const rng = new Rng(dtype === 'float32' ? 10 : 11);
        const geometries = [...Array.from({ length: 80 }, () => randomGeometry(rng)), ...bigGeometries];
        for (const g of geometries) {
          const sz = sizes(g);
          const x = rng.array(dtype, sz.x);
          const w = rng.array(dtype, sz.w);
          const bias = rng.array(dtype, g.cOut);
          const dy = rng.array(dtype, sz.y);
          const terms = (g.cIn / g.groups) * g.kh * g.kw;
          const wantY = new Float64Array(sz.y);
          for (let i = 0; i < sz.y; i++) wantY[i] = bias[Math.floor(i / (g.outH * g.outW)) % g.cOut]!;
          const wantDx = new Float64Array(sz.x);
          const wantDw = new Float64Array(sz.w);
          const wantDb = new Float64Array(g.cOut);
          forEachTerm(g, (yi, xi, wi) => {
            wantY[yi] += x[xi]! * w[wi]!;
            wantDx[xi] += dy[yi]! * w[wi]!;
            wantDw[wi] += dy[yi]! * x[xi]!;
          });
          for (let i = 0; i < sz.y; i++) wantDb[Math.floor(i / (g.outH * g.outW)) % g.cOut] += dy[i]!;

          const what = JSON.stringify(g);
          const y = rng.array(dtype, sz.y);
          backend.conv2d({ geom: g, x, xOffset: 0, w, wOffset: 0, bias, biasOffset: 0, y, yOffset: 0 });
          expectClose(y, wantY, dtype, terms + 1, `y ${what}`);
          const dx = rng.array(dtype, sz.x);
          backend.conv2dBackwardInput({ geom: g, dy, dyOffset: 0, w, wOffset: 0, dx, dxOffset: 0 });
          expectClose(dx, wantDx, dtype, g.cOut * g.kh * g.kw, `dx ${what}`);
          const dw = rng.array(dtype, sz.w);
          const db = rng.array(dtype, g.cOut);
          backend.conv2dBackwardWeight({
            geom: g,
            x,
            xOffset: 0,
            dy,
            dyOffset: 0,
            dw,
            dwOffset: 0,
            db,
            dbOffset: 0,
          });
          expectClose(dw, wantDw, dtype, g.n * g.outH * g.outW, `dw ${what}`);
          expectClose(db, wantDb, dtype, g.n * g.outH * g.outW, `db ${what}`);
        }
      });
    }
  }

  it('honours offsets and leaves the rest of the arrays alone', () => {
    const g = conv2dGeometry([2, 4, 6, 5], [6, 2, 3, 2], { groups: 2, padding: 1, stride: [2, 1] });
    const sz = sizes(g);
    for (const backend of all) {
      const rng = new Rng(12);
      const x = rng.array('float64', sz.x + 3);
      const w = rng.array('float64', sz.w + 2);
      const y = new Float64Array(sz.y + 4).fill(7);
      backend.conv2d({ geom: g, x, xOffset: 3, w, wOffset: 2, y, yOffset: 4 });
      const ref = new Float64Array(sz.y);
      jsBackend.conv2d({
        geom: g,
        x: x.subarray(3),
        xOffset: 0,
        w: w.subarray(2),
        wOffset: 0,
        y: ref,
        yOffset: 0,
      });
      expect(Array.from(y.subarray(0, 4))).toEqual([7, 7, 7, 7]);
      expectClose(y.subarray(4), ref, 'float64', 12, backend.name);
    }
  });

  it('gradients equal finite differences of the js forward (float64)', () => {
    const rng = new Rng(13);
    const geometries = [
      conv2dGeometry([2, 4, 7, 6], [6, 2, 3, 3], {
        groups: 2,
        padding: [1, 2],
        stride: [2, 1],
        dilation: [1, 2],
      }),
      conv2dGeometry([1, 3, 5, 5], [2, 3, 2, 2], { padding: 'same' }),
    ];
    for (const g of geometries) {
      const sz = sizes(g);
      const x = rng.array('float64', sz.x) as Float64Array;
      const w = rng.array('float64', sz.w) as Float64Array;
      const bias = rng.array('float64', g.cOut) as Float64Array;
      const r = rng.array('float64', sz.y); // L = Σ r · y, so dL/dy = r
      const loss = (): number => {
        const y = new Float64Array(sz.y);
        jsBackend.conv2d({ geom: g, x, xOffset: 0, w, wOffset: 0, bias, biasOffset: 0, y, yOffset: 0 });
        return y.reduce((s, v, i) => s + v * r[i]!, 0);
      };
      const numeric = (a: Float64Array, i: number): number => {
        const h = 1e-6;
        const keep = a[i]!;
        a[i] = keep + h;
        const up = loss();
        a[i] = keep - h;
        const down = loss();
        a[i] = keep;
        return (up - down) / (2 * h);
      };
      for (const backend of all) {
        const dx = new Float64Array(sz.x);
        const dw = new Float64Array(sz.w);
        const db = new Float64Array(g.cOut);
        backend.conv2dBackwardInput({ geom: g, dy: r, dyOffset: 0, w, wOffset: 0, dx, dxOffset: 0 });
        backend.conv2dBackwardWeight({
          geom: g,
          x,
          xOffset: 0,
          dy: r,
          dyOffset: 0,
          dw,
          dwOffset: 0,
          db,
          dbOffset: 0,
        });
        for (let t = 0; t < 12; t++) {
          const i = rng.int(0, sz.x - 1);
          expect(dx[i]!, `${backend.name} dx[${i}]`).toBeCloseTo(numeric(x, i), 6);
          const j = rng.int(0, sz.w - 1);
          expect(dw[j]!, `${backend.name} dw[${j}]`).toBeCloseTo(numeric(w, j), 6);
        }
        for (let c = 0; c < g.cOut; c++)
          expect(db[c]!, `${backend.name} db[${c}]`).toBeCloseTo(numeric(bias, c), 6);
      }
    }
  });

  it('checks its arguments', () => {
    const g = conv2dGeometry([1, 2, 4, 4], [2, 2, 3, 3]);
    for (const backend of all) {
      const x = new Float32Array(32);
      const w = new Float32Array(36);
      expect(() =>
        backend.conv2d({ geom: g, x, xOffset: 0, w, wOffset: 0, y: new Float32Array(3), yOffset: 0 }),
      ).toThrow(RangeError);
      expect(() =>
        backend.conv2d({
          geom: g,
          x,
          xOffset: 0,
          w: new Float64Array(36) as FloatArray,
          wOffset: 0,
          y: new Float32Array(8),
          yOffset: 0,
        }),
      ).toThrow(/dtype/);
    }
    expect(() => conv2dGeometry([1, 3, 4, 4], [2, 2, 3, 3], { groups: 2 })).toThrow(/groups/);
  });
});

describe('conv2d weight gradient is reproducible with threads', () => {
  it('gives bit-identical dW and db for 1 and 2 threads and on every repeat (fixed image ranges)', async () => {
    const wasm = (await backends())[1];
    const g = conv2dGeometry([13, 8, 16, 16], [8, 8, 3, 3], { padding: 'same' }); // 3.8 Mflop: threaded
    const rng = new Rng(31);
    const x = rng.array('float32', g.n * g.cIn * g.h * g.w);
    const dy = rng.array('float32', g.n * g.cOut * g.outH * g.outW);
    const run = (threads: number) => {
      setThreads(threads);
      const dw = new Float32Array(g.cOut * g.cIn * g.kh * g.kw);
      const db = new Float32Array(g.cOut);
      wasm.conv2dBackwardWeight({
        geom: g,
        x,
        xOffset: 0,
        dy,
        dyOffset: 0,
        dw,
        dwOffset: 0,
        db,
        dbOffset: 0,
      });
      return [...dw, ...db];
    };
    const before = getThreads();
    try {
      await ready();
      const one = run(1);
      for (let repeat = 0; repeat < 5; repeat++) expect(run(2)).toEqual(one);
      expect(run(1)).toEqual(one);
    } finally {
      setThreads(before);
    }
  });
});
