import { describe, expect, it } from 'vitest';
import { Value, v } from '../../src/autograd/value.js';
import { toDot, toSvg } from '../../src/autograd/graph.js';

describe('Value (micrograd)', () => {
  it("reproduces micrograd's README example: 24.7041, 138.8338, 645.5773", () => {
    const a = v(-4);
    const b = v(2);
    let c = a.add(b);
    let d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(c.add(1).add(a.neg()));
    d = d.add(d.mul(2).add(b.add(a).relu()));
    d = d.add(d.mul(3).add(b.sub(a).relu()));
    const e = c.sub(d);
    const f = e.pow(2);
    let g = f.div(2);
    g = g.add(f.rdiv(10));
    g.backward();
    expect(g.data.toFixed(4)).toBe('24.7041');
    expect(a.grad.toFixed(4)).toBe('138.8338');
    expect(b.grad.toFixed(4)).toBe('645.5773');
  });

  it('every primitive matches a central finite difference', () => {
    const ops: [string, (x: Value) => Value][] = [
      ['add', (x) => x.add(1.5).mul(x)],
      ['mul', (x) => x.mul(x).mul(-0.7)],
      ['pow', (x) => x.pow(3)],
      ['neg', (x) => x.neg().mul(x)],
      ['div', (x) => v(2).div(x)],
      ['exp', (x) => x.exp()],
      ['log', (x) => x.mul(x).add(1).log()],
      ['tanh', (x) => x.tanh()],
      ['sigmoid', (x) => x.sigmoid()],
      ['relu', (x) => x.relu().mul(x)],
    ];
    for (const [name, f] of ops) {
      for (const x0 of [-1.3, 0.4, 2.1]) {
        const x = v(x0);
        const y = f(x);
        y.backward();
        const h = 1e-6;
        const fd = (f(v(x0 + h)).data - f(v(x0 - h)).data) / (2 * h);
        expect(Math.abs(x.grad - fd), `${name} at ${x0}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('accumulates gradients through a value used twice (the product rule on the right operand)', () => {
    const a = v(3);
    const b = v(-2);
    const y = a.mul(b).add(a); // dy/da = b + 1 = −1, dy/db = a = 3
    y.backward();
    expect(a.grad).toBe(-1);
    expect(b.grad).toBe(3);
  });

  it('draws the graph as DOT and SVG with data and grad on every node', () => {
    const x = v(2, 'x');
    const w = v(-3, 'w');
    const y = x.mul(w).tanh();
    y.label = 'y';
    y.backward();
    const dot = toDot(y);
    expect(dot).toContain('digraph');
    expect(dot).toContain('data -3');
    expect(dot.match(/->/g)!.length).toBe(5);
    const svg = toSvg(y);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect/g)!.length).toBe(4);
    expect(svg).toContain(`grad ${x.grad.toFixed(4)}`);
  });
});
