// Pooling spec, run on every backend: max and average (with and without counting padding),
// forward and backward, random geometries, ties and NaN, and finite differences in float64.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  jsBackend,
  pool2dGeometry,
  type Backend,
  type FloatArray,
  type Pool2dGeometry,
} from '../../src/kernels/index.js';
import { DTYPES, Rng, backends, expectClose } from './helpers.js';

/** The in-bounds input indices of output element `yi`'s window, in row-major window order. */
function windowOf(g: Pool2dGeometry, yi: number): number[] {
  const ow = yi % g.outW;
  const oh = Math.floor(yi / g.outW) % g.outH;
  const plane = Math.floor(yi / (g.outW * g.outH));
  const out: number[] = [];
  for (let i = 0; i < g.kh; i++) {
    for (let j = 0; j < g.kw; j++) {
      const ih = oh * g.strideH - g.padTop + i;
      const iw = ow * g.strideW - g.padLeft + j;
      if (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) out.push((plane * g.h + ih) * g.w + iw);
    }
  }
  return out;
}

function randomGeometry(rng: Rng): Pool2dGeometry {
  const kh = rng.int(1, 3);
  const kw = rng.int(1, 3);
  const shape: [number, number, number, number] = [
    rng.pick([0, 1, 2]),
    rng.int(1, 3),
    rng.int(1, 8),
    rng.int(1, 8),
  ];
  const padding =
    rng.next() < 0.3
      ? 'same'
      : ([rng.int(0, Math.floor(kh / 2)), rng.int(0, Math.floor(kw / 2))] as [number, number]);
  return pool2dGeometry(shape, [kh, kw], { stride: [rng.int(1, 3), rng.int(1, 3)], padding });
}

describe('pool2d', () => {
  let all: Backend[] = [];
  beforeAll(async () => {
    all = await backends();
  });

  for (const dtype of DTYPES) {
    for (const name of ['js', 'wasm'] as const) {
      it(`${name} ${dtype}: max and average pooling match the definition`, () => {
        const backend = all.find((b) => b.name === name)!;
        const rng = new Rng(dtype === 'float32' ? 20 : 21);
        const geometries = [
          ...Array.from({ length: 60 }, () => randomGeometry(rng)),
          pool2dGeometry([8, 16, 28, 28], 2),
          pool2dGeometry([4, 8, 13, 11], 3, { stride: 2, padding: 'same' }),
        ];
        for (const g of geometries) {
          const nx = g.n * g.c * g.h * g.w;
          const ny = g.n * g.c * g.outH * g.outW;
          const x = rng.array(dtype, nx);
          // Quantised values make ties common, so the first-arg-max rule is exercised.
          for (let i = 0; i < nx; i++) x[i] = Math.round(x[i]! * 3) / 3;
          const dy = rng.array(dtype, ny);
          const what = JSON.stringify(g);

          const y = rng.array(dtype, ny);
          const dx = rng.array(dtype, nx);
          const wantY = new Float64Array(ny);
          const wantDx = new Float64Array(nx);
          for (let yi = 0; yi < ny; yi++) {
            const win = windowOf(g, yi);
            let at = -1;
            for (const xi of win) if (at < 0 || x[xi]! > x[at]!) at = xi;
            wantY[yi] = at < 0 ? -Infinity : x[at]!;
            if (at >= 0) wantDx[at] += dy[yi]!;
          }
          backend.maxPool2d({ geom: g, x, xOffset: 0, y, yOffset: 0 });
          expectClose(y, wantY, dtype, 1, `max y ${what}`);
          backend.maxPool2dBackward({ geom: g, x, xOffset: 0, dy, dyOffset: 0, dx, dxOffset: 0 });
          expectClose(dx, wantDx, dtype, g.kh * g.kw, `max dx ${what}`);

          for (const countIncludePad of [false, true]) {
            wantY.fill(0);
            wantDx.fill(0);
            for (let yi = 0; yi < ny; yi++) {
              const win = windowOf(g, yi);
              const count = countIncludePad ? g.kh * g.kw : win.length;
              if (count === 0) continue;
              for (const xi of win) {
                wantY[yi] += x[xi]! / count;
                wantDx[xi] += dy[yi]! / count;
              }
            }
            backend.avgPool2d({ geom: g, x, xOffset: 0, y, yOffset: 0, countIncludePad });
            expectClose(y, wantY, dtype, g.kh * g.kw, `avg y ${what}`);
            backend.avgPool2dBackward({ geom: g, dy, dyOffset: 0, dx, dxOffset: 0, countIncludePad });
            expectClose(dx, wantDx, dtype, g.kh * g.kw, `avg dx ${what}`);
          }
        }
      });
    }
  }

  it('max pooling routes each gradient to ONE arg-max (the first) and propagates NaN', () => {
    const g = pool2dGeometry([1, 1, 2, 4], 2);
    for (const backend of all) {
      const x = new Float32Array([1, 5, NaN, 2, 5, 0, 3, NaN]);
      const y = new Float32Array(2);
      backend.maxPool2d({ geom: g, x, xOffset: 0, y, yOffset: 0 });
      expect(y[0]).toBe(5);
      expect(y[1]).toBeNaN();
      const dx = new Float32Array(8);
      backend.maxPool2dBackward({
        geom: g,
        x,
        xOffset: 0,
        dy: new Float32Array([1, 2]),
        dyOffset: 0,
        dx,
        dxOffset: 0,
      });
      expect(Array.from(dx), backend.name).toEqual([0, 1, 2, 0, 0, 0, 0, 0]);
    }
  });

  it('2 × 2 windows at stride 2 (the fast path) agree exactly with js on ties, NaNs and odd sizes', () => {
    for (const shape of [
      [2, 3, 5, 7],
      [1, 2, 8, 8],
      [3, 1, 2, 3],
    ] as [number, number, number, number][]) {
      const g = pool2dGeometry(shape, 2);
      const nx = shape.reduce((a, b) => a * b, 1);
      const ny = g.n * g.c * g.outH * g.outW;
      let seed = 7;
      const x = new Float64Array(nx).map(() => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % 11 === 0 ? NaN : seed % 3; // many ties, some NaNs
      });
      const dy = new Float64Array(ny).map((_, i) => i + 1);
      const want = { y: new Float64Array(ny), dx: new Float64Array(nx) };
      for (const backend of [...all].sort((a, b) => Number(b.name === 'js') - Number(a.name === 'js'))) {
        const y = new Float64Array(ny);
        const dx = new Float64Array(nx).fill(99);
        backend.maxPool2d({ geom: g, x, xOffset: 0, y, yOffset: 0 });
        backend.maxPool2dBackward({ geom: g, x, xOffset: 0, dy, dyOffset: 0, dx, dxOffset: 0 });
        if (backend.name === 'js') {
          want.y = y;
          want.dx = dx;
        }
        expect(Array.from(y), `${backend.name} y ${shape}`).toEqual(Array.from(want.y));
        expect(Array.from(dx), `${backend.name} dx ${shape}`).toEqual(Array.from(want.dx));
      }
    }
  });

  it('gradients equal finite differences of the js forward (float64)', () => {
    const rng = new Rng(22);
    const g = pool2dGeometry([2, 2, 7, 6], 3, { stride: 2, padding: 1 });
    const nx = g.n * g.c * g.h * g.w;
    const ny = g.n * g.c * g.outH * g.outW;
    const x = rng.array('float64', nx) as Float64Array; // distinct values: max is differentiable
    const r = rng.array('float64', ny);
    for (const kind of ['max', 'avg'] as const) {
      const forward = kind === 'max' ? jsBackend.maxPool2d : jsBackend.avgPool2d;
      const loss = (): number => {
        const y = new Float64Array(ny);
        forward({ geom: g, x, xOffset: 0, y, yOffset: 0 });
        return y.reduce((s, v, i) => s + v * r[i]!, 0);
      };
      for (const backend of all) {
        const dx = new Float64Array(nx);
        const args = { geom: g, x, xOffset: 0, dy: r, dyOffset: 0, dx, dxOffset: 0 };
        if (kind === 'max') backend.maxPool2dBackward(args);
        else backend.avgPool2dBackward(args);
        for (let t = 0; t < 20; t++) {
          const i = rng.int(0, nx - 1);
          const keep = x[i]!;
          x[i] = keep + 1e-6;
          const up = loss();
          x[i] = keep - 1e-6;
          const down = loss();
          x[i] = keep;
          expect(dx[i]!, `${kind} ${backend.name} dx[${i}]`).toBeCloseTo((up - down) / 2e-6, 6);
        }
      }
    }
  });

  it('max pooling backward needs x', () => {
    const g = pool2dGeometry([1, 1, 2, 2], 2);
    for (const backend of all) {
      const dx = new Float32Array(4);
      expect(() =>
        backend.maxPool2dBackward({
          geom: g,
          dy: new Float32Array(1),
          dyOffset: 0,
          dx: dx as FloatArray,
          dxOffset: 0,
        }),
      ).toThrow(/needs the forward input/);
    }
  });
});
