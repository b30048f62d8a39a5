/**
 * Day 3's demo: the lesson's Dense(1, sigmoid) classifier learning on its 200 points, batch by
 * batch, in a worker — the boundary y = −(w0·x + b)/w1 drawn with its weights and bias after every
 * chunk of batches (the lesson's own frame drawing, boundary.ts), the loss on all points, and the
 * optimiser to choose: Adam (the lesson's), SGD, SGD with momentum. Below it the lesson's ball on
 * a bumpy loss curve (momentum.ts): plain SGD against SGD with momentum μ.
 * Settings in the URL: `#/day/3?opt=momentum&lr=0.01&bs=2&mu=0.85`.
 */
import * as plot from '../../../src/plot/index.js';
import { drawBoundaryFrame, type BoundaryFrame } from '../../../course/day3/boundary.js';
import { points } from '../../../course/day3/data.js';
import { bumpy, descend, LR as BALL_LR, MOMENTUM, START, STEPS } from '../../../course/day3/momentum.js';
import { h, select, slider } from '../dom.js';
import { t } from '../i18n.js';
import { choiceParam, numParam, writeParams } from '../url-state.js';
import { backendLine } from './backend.js';
import {
  BATCH_SIZES,
  DEFAULT_LR,
  LEARNING_RATES,
  OPTIMIZERS,
  SGD_MOMENTUM,
  type Day3Optimizer,
  type Day3Snapshot,
} from './day3.shared.js';
import type { Demo } from './index.js';
import { Player } from './player.js';
import { WorkerClient } from './rpc.js';

/** Training stops after this many epochs (Play); Step goes on. */
const MAX_EPOCHS = 10;
/** About this many frames per epoch. */
const FRAMES_PER_EPOCH = 20;

const OPT_TEXT: Record<Day3Optimizer, () => string> = {
  adam: () => t('Adam（课程用的）', "Adam (the lesson's)"),
  sgd: () => t('SGD（普通梯度下降）', 'SGD (plain gradient descent)'),
  momentum: () => t(`SGD + 动量 ${SGD_MOMENTUM}`, `SGD + momentum ${SGD_MOMENTUM}`),
};

export async function mount(el: HTMLElement, params: URLSearchParams): Promise<Demo> {
  let opt = choiceParam<Day3Optimizer>(params, 'opt', OPTIMIZERS, 'adam');
  let lr = choiceParam(params, 'lr', LEARNING_RATES, DEFAULT_LR[opt]);
  let batchSize = choiceParam(params, 'bs', BATCH_SIZES, 2);
  let mu = numParam(params, 'mu', MOMENTUM, 0, 0.95);
  const client = new WorkerClient(
    new Worker(new URL('./day3.worker.ts', import.meta.url), { type: 'module', name: 'day3' }),
  );
  let disposed = false;

  const data = points(0); // the lesson's points (the worker trains on the same ones)
  const boundaryCanvas = h('canvas', {
    role: 'img',
    'aria-label': t('数据与决策边界', 'the points and the decision boundary'),
  });
  const lossCanvas = h('canvas', { role: 'img', 'aria-label': t('损失曲线', 'loss curve') });
  const stats = h('div', { class: 'stats', 'aria-live': 'off' });
  const lossFig = plot.subplots(1, 1, { width: 420, height: 400 });
  let lossLine = lossFig.ax.plot([0], [0], 'C1');
  const lossLive = lossFig.fig.mount(lossCanvas);
  let snap: Day3Snapshot | null = null;
  let updates: number[] = [];
  let losses: number[] = [];

  const show = () => {
    if (!snap) return;
    const s = snap;
    const last = s.updates - 1; // the batch just done
    const frame: BoundaryFrame = {
      epoch: s.updates ? Math.floor(last / s.steps) : 0,
      batch: s.updates ? last % s.steps : -1,
      w0: s.w0,
      w1: s.w1,
      b: s.b,
      accuracy: s.accuracy,
    };
    const { fig, ax } = plot.subplots(1, 1, { width: 480, height: 480 });
    drawBoundaryFrame(ax, data, frame, { epochs: MAX_EPOCHS, steps: s.steps });
    fig.mount(boundaryCanvas);
    lossLine.setData(Float64Array.from(updates), Float64Array.from(losses));
    lossFig.ax.xlim(0, Math.max(s.steps * 4, s.updates));
    lossLive.redraw();
    stats.replaceChildren(
      h(
        'span',
        {},
        t('轮数 ', 'epochs '),
        h('b', { 'data-testid': 'd3-epochs' }, (s.updates / s.steps).toFixed(2)),
      ),
      h('span', {}, t('更新 ', 'updates '), h('b', { 'data-testid': 'd3-updates' }, String(s.updates))),
      h('span', {}, 'w0 = ', h('b', { 'data-testid': 'd3-w0' }, s.w0.toFixed(3))),
      h('span', {}, 'w1 = ', h('b', { 'data-testid': 'd3-w1' }, s.w1.toFixed(3))),
      h('span', {}, 'b = ', h('b', { 'data-testid': 'd3-b' }, s.b.toFixed(3))),
      h('span', {}, t('损失 ', 'loss '), h('b', { 'data-testid': 'd3-loss' }, s.loss.toFixed(4))),
      h('span', {}, t('准确率 ', 'accuracy '), h('b', { 'data-testid': 'd3-acc' }, s.accuracy.toFixed(3))),
    );
    el.dataset.updates = String(s.updates);
    el.dataset.accuracy = String(s.accuracy);
  };

  const init = async () => {
    const r = await client.call<{ snapshot: Day3Snapshot }>('init', { opt, lr, batchSize });
    if (disposed) return;
    snap = r.snapshot;
    updates = [0];
    losses = [snap.loss];
    const lax = lossFig.ax;
    lax.clear();
    lossLine = lax.plot([0], [snap.loss], 'C1');
    lax
      .title(`loss on the 200 points · ${opt} · lr ${lr} · batch ${batchSize}`, { fontSize: 12 })
      .xlabel('update')
      .ylabel('binary cross-entropy')
      .ylim(0, Math.max(1.4, snap.loss * 1.1))
      .grid();
    show();
  };

  const player = new Player({
    async advance(single) {
      if (!snap || (snap.epoch >= MAX_EPOCHS && !single)) return false;
      const n = single ? 1 : Math.max(1, Math.round(snap.steps / FRAMES_PER_EPOCH));
      snap = await client.call<Day3Snapshot>('step', { n });
      if (disposed) return false;
      updates.push(snap.updates);
      losses.push(snap.loss);
      show();
      return snap.epoch < MAX_EPOCHS;
    },
    reset: init,
  });

  const lrSel = select<number>({
    label: t('学习率', 'Learning rate'),
    options: LEARNING_RATES.map((v) => ({ value: v, text: String(v) })),
    value: lr,
    testId: 'd3-lr',
    onChange: (v) => {
      lr = v;
      writeParams({ lr });
      void player.reset();
    },
  });
  const optSel = select<Day3Optimizer>({
    label: t('优化器', 'Optimiser'),
    options: OPTIMIZERS.map((o) => ({ value: o, text: OPT_TEXT[o]() })),
    value: opt,
    testId: 'd3-opt',
    onChange: (v) => {
      opt = v;
      lr = DEFAULT_LR[v]; // each optimiser starts from a rate that suits it
      lrSel.input.value = String(lr);
      writeParams({ opt, lr });
      void player.reset();
    },
  });
  const bsSel = select<number>({
    label: t('批大小', 'Batch size'),
    options: BATCH_SIZES.map((v) => ({ value: v, text: String(v) })),
    value: batchSize,
    testId: 'd3-bs',
    onChange: (v) => {
      batchSize = v;
      writeParams({ bs: v });
      void player.reset();
    },
  });

  // ---- the ball: plain SGD and SGD with momentum μ on the lesson's bumpy curve (main thread: 2 × 100 scalar steps)
  const ballCanvas = h('canvas', {
    role: 'img',
    'aria-label': t('损失曲线上滚动的小球', 'balls rolling on a loss curve'),
  });
  const ballStats = h('div', { class: 'stats', 'aria-live': 'off' });
  const curveX = Array.from({ length: 300 }, (_, i) => -3.3 + (5.6 * i) / 299);
  const ballFig = plot.subplots(1, 1, { width: 640, height: 400 });
  const bax = ballFig.ax;
  bax.plot(curveX, curveX.map(bumpy), { color: '#444', lineWidth: 1.5, label: 'loss f(x)' });
  const trail = bax.plot([START], [bumpy(START)], { color: '#d62728', lineWidth: 1, alpha: 0.5 });
  const sgdBall = bax.plot([START], [bumpy(START)], {
    marker: 'o',
    markerSize: 12,
    color: '#888',
    lineStyle: 'none',
    label: t('普通 SGD', 'plain SGD'),
  });
  const momBall = bax.plot([START], [bumpy(START)], {
    marker: 'o',
    markerSize: 14,
    color: '#d62728',
    lineStyle: 'none',
    label: t('SGD + 动量 μ', 'SGD + momentum μ'),
  });
  const ballText = bax.text(0.03, 0.95, '', { coords: 'axes', va: 'top', fontSize: 13 });
  bax.xlim(-3.3, 2.3).ylim(-1, 11).xlabel('x').ylabel('f(x)').grid().legend({ loc: 'upper right' });
  bax.title(`x ← x + v,  v ← μ·v − ${BALL_LR}·f'(x),  from x = ${START}`, { fontSize: 13 });
  const ballLive = ballFig.fig.mount(ballCanvas);
  let sgdPath = descend(START, BALL_LR, 0, STEPS);
  let momPath = descend(START, BALL_LR, mu, STEPS);
  let tBall = 0;
  const showBall = () => {
    const xm = momPath[tBall];
    const xs = sgdPath[tBall];
    const seen = momPath.slice(0, tBall + 1);
    trail.setData(Float64Array.from(seen), Float64Array.from(seen, bumpy));
    sgdBall.setData(Float64Array.of(xs), Float64Array.of(bumpy(xs)));
    momBall.setData(Float64Array.of(xm), Float64Array.of(bumpy(xm)));
    ballText.setText(
      `step ${tBall}/${STEPS}   μ = ${mu.toFixed(2)}   x = ${xm.toFixed(3)}   f(x) = ${bumpy(xm).toFixed(3)}`,
    );
    ballLive.redraw();
    ballStats.replaceChildren(
      h('span', {}, t('步 ', 'step '), h('b', { 'data-testid': 'd3-ball-step' }, String(tBall))),
      h(
        'span',
        {},
        t('动量小球 x = ', 'momentum ball x = '),
        h('b', { 'data-testid': 'd3-ball-x' }, xm.toFixed(3)),
      ),
      h(
        'span',
        {},
        t('普通 SGD x = ', 'plain SGD x = '),
        h('b', { 'data-testid': 'd3-sgd-x' }, xs.toFixed(3)),
      ),
    );
  };
  const ballPlayer = new Player({
    testIdPrefix: 'ball-',
    label: t('小球动画', 'the ball animation'),
    async advance(single) {
      if (tBall >= STEPS) return false;
      tBall++;
      showBall();
      if (!single) await new Promise((r) => setTimeout(r, 40)); // ≈ 4 s for the 100 steps
      return tBall < STEPS;
    },
    async reset() {
      tBall = 0;
      showBall();
    },
  });
  const muSlider = slider({
    label: t('动量 μ', 'Momentum μ'),
    min: 0,
    max: 0.95,
    step: 0.05,
    value: mu,
    format: (v) => v.toFixed(2),
    testId: 'd3-mu',
    onInput: (v) => {
      mu = v;
      writeParams({ mu: v });
      momPath = descend(START, BALL_LR, mu, STEPS);
      sgdPath = descend(START, BALL_LR, 0, STEPS);
      showBall();
    },
  });

  el.append(
    h(
      'p',
      { class: 'hint' },
      t(
        '课程的分类器（classifier.ts：一个 Dense(1, sigmoid)，权重从 0、偏置从 1 开始）在 Web Worker 里一批一批地训练；每一帧是几批之后的分界线 y = −(w0·x + b)/w1。Adam、批大小 2 与课程第 1-9 步的动画完全相同。换优化器、学习率或批大小会重新开始。',
        "The lesson's classifier (classifier.ts: one Dense(1, sigmoid), weights from 0, bias from 1) trains batch by batch in a Web Worker; each frame is the boundary y = −(w0·x + b)/w1 after a few batches. Adam at batch 2 is exactly the animation of lesson 1-9. Changing the optimiser, rate or batch size starts again.",
      ),
    ),
    backendLine(client),
    h('div', { class: 'controls' }, optSel.el, lrSel.el, bsSel.el),
    player.el,
    stats,
    h('div', { class: 'plots' }, boundaryCanvas, lossCanvas),
    h(
      'h3',
      { class: 'demo-sub' },
      t('动量：滚过局部最小值的小球', 'Momentum: a ball that rolls past a local minimum'),
    ),
    h(
      'p',
      { class: 'hint' },
      t(
        `课程第 3.2 步的曲线：普通 SGD（灰）停在第一个谷；带动量的小球（红）记住了下坡的速度。拖动 μ 看它何时能冲过去（课程用 μ = ${MOMENTUM}）。`,
        `The curve of lesson step 3.2: plain SGD (grey) stops in the first dip; the ball with momentum (red) keeps its downhill speed. Move μ to see when it makes it over the hill (the lesson uses μ = ${MOMENTUM}).`,
      ),
    ),
    h('div', { class: 'controls' }, muSlider.el),
    ballPlayer.el,
    ballStats,
    ballCanvas,
  );
  writeParams({ opt, lr, bs: batchSize, mu });
  showBall();
  await init();
  return {
    dispose() {
      disposed = true;
      player.dispose();
      ballPlayer.dispose();
      lossLive.unmount();
      ballLive.unmount();
      client.dispose();
    },
  };
}
