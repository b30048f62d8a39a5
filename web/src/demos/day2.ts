/**
 * Day 2's demo: the line fit, live. Play / pause / step through gradient descent (or the course's
 * sign-only update), a learning-rate slider, the moving line with its "param" label and the loss
 * curve. Settings in the URL: `#/day/2?lr=0.1&mode=gd`.
 */
import * as plot from '../../../src/plot/index.js';
import { h, select, slider } from '../dom.js';
import { t } from '../i18n.js';
import { choiceParam, numParam, writeParams } from '../url-state.js';
import type { Day2Mode, Day2State } from './day2.worker.js';
import type { Demo } from './index.js';
import { Player } from './player.js';
import { backendLine } from './backend.js';
import { WorkerClient } from './rpc.js';

const STEPS = 400;

export async function mount(el: HTMLElement, params: URLSearchParams): Promise<Demo> {
  let lr = numParam(params, 'lr', 0.1, 0.001, 0.3);
  let mode = choiceParam<Day2Mode>(params, 'mode', ['gd', 'sign'], 'gd');
  const client = new WorkerClient(
    new Worker(new URL('./day2.worker.ts', import.meta.url), { type: 'module', name: 'day2' }),
  );

  // the figures, built once and updated in place
  const fitFig = plot.subplots(1, 1, { width: 520, height: 390 });
  const lossFig = plot.subplots(1, 1, { width: 420, height: 390 });
  const fitCanvas = h('canvas', { role: 'img', 'aria-label': t('数据与拟合直线', 'data and fitted line') });
  const lossCanvas = h('canvas', { role: 'img', 'aria-label': t('损失曲线', 'loss curve') });
  const stats = h('div', { class: 'stats', 'aria-live': 'polite' });

  let losses: number[] = [];
  let state: Day2State = { step: 0, m: 1, b: 4, losses: [] };
  let fitLine: plot.Line;
  let label: ReturnType<plot.Axes['text']>;
  let lossLine: plot.Line;
  let fitLive: plot.LiveFigure;
  let lossLive: plot.LiveFigure;

  const show = () => {
    fitLine.setData(Float64Array.of(0, 4), Float64Array.of(state.b, state.b + 4 * state.m));
    label.setText(`param: ${state.m.toFixed(2)}`);
    lossLine.setData(
      Float64Array.from(losses, (_, i) => i),
      Float64Array.from(losses),
    );
    fitLive.redraw();
    lossLive.redraw();
    stats.replaceChildren(
      h('span', {}, t('步数 ', 'step '), h('b', { 'data-testid': 'd2-step' }, String(state.step))),
      h('span', {}, t('斜率 m = ', 'slope m = '), h('b', { 'data-testid': 'd2-slope' }, state.m.toFixed(4))),
      h(
        'span',
        {},
        t('截距 b = ', 'intercept b = '),
        h('b', { 'data-testid': 'd2-intercept' }, state.b.toFixed(4)),
      ),
      h(
        'span',
        {},
        'MSE = ',
        h('b', { 'data-testid': 'd2-loss' }, (losses[losses.length - 1] ?? NaN).toFixed(5)),
      ),
    );
    el.dataset.slope = String(state.m);
    el.dataset.step = String(state.step);
  };

  const init = async () => {
    const r = await client.call<{ x: number[]; y: number[]; state: Day2State }>('init', { mode, lr });
    state = r.state;
    losses = [...r.state.losses];
    const { ax } = fitFig;
    ax.clear();
    ax.scatter(r.x, r.y, { s: 14, color: 'C0', label: 'data' });
    ax.plot([0, 4], [4, 8], 'k--', { lineWidth: 1, label: 'start: y = x + 4' });
    fitLine = ax.plot([0, 4], [4, 8], 'r', {
      lineWidth: 2,
      label: mode === 'gd' ? 'y = m·x + b' : 'y = param·x + 4',
    });
    label = ax.text(0.04, 0.95, 'param: 1.00', { coords: 'axes', va: 'top', fontSize: 16 });
    ax.title(mode === 'gd' ? 'Gradient descent on m and b' : 'Sign-only update of the slope');
    ax.xlabel('x').ylabel('y').grid().xlim(-0.2, 4.2).ylim(2, 18).legend({ loc: 'lower right' });
    const lax = lossFig.ax;
    lax.clear();
    lossLine = lax.plot([0], [losses[0]], 'C1');
    lax.yscale('log').title('MSE').xlabel('step').ylabel('loss').grid().xlim(0, STEPS);
    fitLive = fitFig.fig.mount(fitCanvas);
    lossLive = lossFig.fig.mount(lossCanvas);
    show();
  };

  const player = new Player({
    async advance(single) {
      if (state.step >= STEPS && !single) return false;
      const r = await client.call<Day2State>('step', { n: single ? 1 : 2 });
      state = r;
      losses.push(...r.losses);
      show();
      return state.step < STEPS;
    },
    reset: init,
  });

  const lrSlider = slider({
    label: t('学习率', 'Learning rate'),
    min: 0.005,
    max: 0.3,
    step: 0.005,
    value: lr,
    format: (v) => v.toFixed(3),
    testId: 'd2-lr',
    onInput: (v) => {
      lr = v;
      writeParams({ lr: v });
      void client.call('setLr', { lr: v });
    },
  });
  const modeSel = select<Day2Mode>({
    label: t('方法', 'Method'),
    options: [
      { value: 'gd', text: t('梯度下降（m 和 b）', 'Gradient descent (m and b)') },
      { value: 'sign', text: t('课程的符号更新（只动 m）', "The course's sign update (m only)") },
    ],
    value: mode,
    testId: 'd2-mode',
    onChange: (v) => {
      mode = v;
      writeParams({ mode: v });
      void player.reset();
    },
  });

  el.append(
    h(
      'p',
      { class: 'hint' },
      t(
        '训练在 Web Worker 里运行（用课程里的 mseAndGrad）。播放 400 步，或单步观察；学习率太大（> 0.25）时会发散。',
        "Training runs in a Web Worker (the lesson's own mseAndGrad). Play 400 steps or step one at a time; a learning rate above ≈ 0.25 diverges.",
      ),
    ),
    backendLine(client),
    h('div', { class: 'controls' }, modeSel.el, lrSlider.el),
    player.el,
    stats,
    h('div', { class: 'plots' }, fitCanvas, lossCanvas),
  );
  writeParams({ lr, mode });
  await init();
  return {
    dispose() {
      player.dispose();
      fitLive?.unmount();
      lossLive?.unmount();
      client.dispose();
    },
  };
}
