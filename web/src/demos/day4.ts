/**
 * Day 4's demo: the 2-h-2 network on the moons, trained live in a worker. Hidden size and learning
 * rate controls, the decision boundary and the loss curve as it learns, and the network drawn with
 * every weight: hover (or focus) one to read its value and its gradient ∂L/∂w.
 * Settings in the URL: `#/day/4?h=3&lr=0.01`.
 */
import * as nd from '../../../src/nd/index.js';
import * as plot from '../../../src/plot/index.js';
import { drawDecision } from '../../../course/day4/boundary.js';
import { HIDDEN_SIZES } from '../../../course/day4/moons-net.js';
import { h, select, slider } from '../dom.js';
import { t } from '../i18n.js';
import { choiceParam, numParam, writeParams } from '../url-state.js';
import { GRID_RES } from './day4.shared.js';
import type { Day4Snapshot } from './day4.worker.js';
import type { Demo } from './index.js';
import { Player } from './player.js';
import { backendLine } from './backend.js';
import { WorkerClient } from './rpc.js';

const MAX_PASSES = 20000;
const CHUNK = 40;
const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export async function mount(el: HTMLElement, params: URLSearchParams): Promise<Demo> {
  let hidden = choiceParam(params, 'h', HIDDEN_SIZES, 3);
  let lr = numParam(params, 'lr', 0.01, 0.001, 0.05);
  const client = new WorkerClient(
    new Worker(new URL('./day4.worker.ts', import.meta.url), { type: 'module', name: 'day4' }),
  );

  const boundaryCanvas = h('canvas', { role: 'img', 'aria-label': t('决策边界', 'decision boundary') });
  const lossCanvas = h('canvas', { role: 'img', 'aria-label': t('损失曲线', 'loss curve') });
  const stats = h('div', { class: 'stats', 'aria-live': 'off' });
  const netBox = h('div', { class: 'net-wrap' });
  const tip = h(
    'div',
    { class: 'tip', 'aria-live': 'polite', 'data-testid': 'd4-tip' },
    t(
      '把鼠标移到（或用 Tab 聚焦）一条连线上，查看权重和它的梯度。',
      'Hover (or Tab to) a connection to see its weight and gradient.',
    ),
  );

  let X: number[][] = [];
  let y: number[] = [];
  let snap: Day4Snapshot | null = null;
  let losses: number[] = [];
  let passes: number[] = [];
  let hovered: { name: 'W1' | 'W2' | 'b1' | 'b2'; i: number; j: number } | null = null;
  let Xnd: nd.NDArray;
  let ynd: nd.NDArray;

  const lossFig = plot.subplots(1, 1, { width: 420, height: 360 });
  const lossLine = lossFig.ax.plot([0], [1], 'C1');
  lossFig.ax.yscale('log').title('loss (printed as in the lesson: ÷ N)').xlabel('pass').ylabel('loss').grid();
  const lossLive = lossFig.fig.mount(lossCanvas);

  const showTip = () => {
    if (!hovered || !snap) return;
    const { name, i, j } = hovered;
    const w = snap.params[name][i][j];
    const g = snap.grads[name][i][j];
    tip.textContent = `${name}[${i}, ${j}] = ${w.toFixed(4)}    ∂L/∂${name}[${i}, ${j}] = ${g.toExponential(3)}    (${t('下一步改变', 'next step changes it by')} ${(-lr * g).toExponential(2)})`;
  };

  const drawNet = () => {
    if (!snap) return;
    const H = snap.params.W1[0].length;
    const rowH = H > 12 ? 9 : 26;
    const height = Math.max(140, H * rowH + 30);
    const width = 360;
    const ys = (n: number, k: number) => 15 + ((k + 0.5) * (height - 30)) / n;
    const xIn = 40;
    const xHid = 180;
    const xOut = 320;
    const maxW = Math.max(
      1e-9,
      ...snap.params.W1.flat().map(Math.abs),
      ...snap.params.W2.flat().map(Math.abs),
    );
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'net', role: 'group' });
    root.style.width = `min(100%, ${width}px)`;
    root.setAttribute('aria-label', t('网络的权重', 'the network’s weights'));
    const edge = (
      name: 'W1' | 'W2',
      i: number,
      j: number,
      x1: number,
      y1: number,
      x2: number,
      y2: number,
    ) => {
      const w = snap!.params[name][i][j];
      const line = svg('line', {
        x1,
        y1,
        x2,
        y2,
        stroke: w >= 0 ? '#1f4fd1' : '#d1342f',
        'stroke-width': (0.4 + (3.2 * Math.abs(w)) / maxW).toFixed(2),
        'stroke-opacity': 0.75,
        tabindex: 0,
      });
      line.setAttribute('aria-label', `${name}[${i}, ${j}]`);
      line.dataset.testid = `edge-${name}-${i}-${j}`;
      const enter = () => {
        hovered = { name, i, j };
        showTip();
      };
      line.addEventListener('pointerenter', enter);
      line.addEventListener('focus', enter);
      root.append(line);
    };
    for (let i = 0; i < 2; i++) for (let j = 0; j < H; j++) edge('W1', i, j, xIn, ys(2, i), xHid, ys(H, j));
    for (let j = 0; j < H; j++) for (let k = 0; k < 2; k++) edge('W2', j, k, xHid, ys(H, j), xOut, ys(2, k));
    const node = (x: number, yy: number, r: number, label: string) => {
      root.append(svg('circle', { cx: x, cy: yy, r, fill: '#fff', stroke: '#333', 'stroke-width': 1 }));
      if (label) {
        const text = svg('text', { x, y: yy + 4, 'text-anchor': 'middle', 'font-size': 11 });
        text.textContent = label;
        root.append(text);
      }
    };
    for (let i = 0; i < 2; i++) node(xIn, ys(2, i), 12, `x${i + 1}`);
    for (let j = 0; j < H; j++) node(xHid, ys(H, j), H > 12 ? 3.5 : 9, H > 12 ? '' : 'tanh'.slice(0, 1));
    for (let k = 0; k < 2; k++) node(xOut, ys(2, k), 12, `p${k}`);
    netBox.replaceChildren(root);
  };

  const show = () => {
    if (!snap) return;
    const probs = snap.probs;
    const { fig, ax } = plot.subplots(1, 1, { width: 520, height: 400 });
    drawDecision(ax, () => nd.NDArray.fromData(probs, [probs.length], 'float64'), Xnd, ynd, {
      res: GRID_RES,
      title: `h = ${hidden}, pass ${snap.pass}: accuracy ${snap.accuracy.toFixed(3)}`,
    });
    fig.mount(boundaryCanvas);
    lossLine.setData(Float64Array.from(passes), Float64Array.from(losses));
    lossFig.ax.xlim(0, Math.max(400, snap.pass));
    lossLive.redraw();
    stats.replaceChildren(
      h('span', {}, t('迭代 ', 'pass '), h('b', { 'data-testid': 'd4-pass' }, String(snap.pass))),
      h('span', {}, t('损失 ', 'loss '), h('b', { 'data-testid': 'd4-loss' }, snap.loss.toFixed(5))),
      h('span', {}, t('准确率 ', 'accuracy '), h('b', { 'data-testid': 'd4-acc' }, snap.accuracy.toFixed(3))),
    );
    el.dataset.loss = String(snap.loss);
    el.dataset.firstLoss = String(losses[0]);
    el.dataset.pass = String(snap.pass);
    drawNet();
    showTip();
  };

  const init = async () => {
    const r = await client.call<{ X: number[][]; y: number[]; snapshot: Day4Snapshot }>('init', {
      h: hidden,
      lr,
    });
    X = r.X;
    y = r.y;
    Xnd = nd.array(X);
    ynd = nd.array(y);
    snap = r.snapshot;
    losses = [snap.loss];
    passes = [0];
    hovered = null;
    show();
  };

  const player = new Player({
    async advance(single) {
      if (!snap || (snap.pass >= MAX_PASSES && !single)) return false;
      snap = await client.call<Day4Snapshot>('step', { n: single ? 1 : CHUNK });
      losses.push(snap.loss);
      passes.push(snap.pass);
      show();
      return snap.pass < MAX_PASSES;
    },
    reset: init,
  });

  const hSel = select<number>({
    label: t('隐藏层大小 h', 'Hidden size h'),
    options: HIDDEN_SIZES.map((v) => ({ value: v, text: String(v) })),
    value: hidden,
    testId: 'd4-h',
    onChange: (v) => {
      hidden = v;
      writeParams({ h: v });
      void player.reset();
    },
  });
  const lrSlider = slider({
    label: t('学习率', 'Learning rate'),
    min: 0.001,
    max: 0.05,
    step: 0.001,
    value: lr,
    format: (v) => v.toFixed(3),
    testId: 'd4-lr',
    onInput: (v) => {
      lr = v;
      writeParams({ lr: v });
      void client.call('setLr', { lr: v });
      showTip();
    },
  });

  el.append(
    h(
      'p',
      { class: 'hint' },
      t(
        '课程的手写网络（moons-net.ts）在 Web Worker 里做全批量梯度下降（L2 λ = 0.01）。改变隐藏层大小会重新开始；h = 1 只能画直线，h = 50 会过拟合。',
        "The lesson's hand-written network (moons-net.ts) runs full-batch gradient descent in a Web Worker (L2 λ = 0.01). Changing h restarts; h = 1 can only draw a line, h = 50 over-fits.",
      ),
    ),
    backendLine(client),
    h('div', { class: 'controls' }, hSel.el, lrSlider.el),
    player.el,
    stats,
    h('div', { class: 'plots' }, boundaryCanvas, lossCanvas, h('div', {}, netBox, tip)),
  );
  writeParams({ h: hidden, lr });
  await init();
  return {
    dispose() {
      player.dispose();
      lossLive.unmount();
      client.dispose();
    },
  };
}
