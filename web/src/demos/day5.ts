/**
 * Day 5's demo: the lesson's CNN (Conv2D(8, 3) → MaxPooling2D(2) → Dense(10, softmax), Adam) trains
 * on the embedded MNIST digits in a Web Worker on the wasm backend — live accuracy, the 8 learned
 * 3 × 3 filters, and the feature maps of a digit after the convolution and after pooling. Draw
 * your own digit on the pad (it is scaled into a 20 × 20 box and centred by its mass, like MNIST)
 * or take one from the test set, and read the network's probabilities.
 * Settings in the URL: `#/day/5?epochs=1&lr=0.003`.
 */
import * as plot from '../../../src/plot/index.js';
import { button, h, select } from '../dom.js';
import { t } from '../i18n.js';
import { choiceParam, writeParams } from '../url-state.js';
import { backendLine } from './backend.js';
import {
  BATCH_SIZE,
  DEFAULT_LR,
  EPOCH_CHOICES,
  LIVE_TEST,
  LR_CHOICES,
  type Day5Filters,
  type Day5Init,
  type Day5Maps,
  type Day5Progress,
} from './day5.shared.js';
import { DigitPad } from './digit-pad.js';
import type { Demo } from './index.js';
import { WorkerClient } from './rpc.js';

/** Batches per request: the page redraws between them. */
const CHUNK = 25;
/** The live test accuracy is measured every this many chunks. */
const TEST_EVERY = 4;

/** Paints `values` (w × h, row-major) into a canvas of that size, scaled up by CSS. */
function paint(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  w: number,
  hgt: number,
  cmap: plot.Colormap,
  lo: number,
  hi: number,
): void {
  canvas.width = w;
  canvas.height = hgt;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(w, hgt);
  const span = hi - lo || 1;
  for (let i = 0; i < w * hgt; i++) {
    const [r, g, b] = cmap.rgb((values[i] - lo) / span);
    img.data[4 * i] = r;
    img.data[4 * i + 1] = g;
    img.data[4 * i + 2] = b;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

function tile(label: string, size: number, extra: Record<string, string> = {}): HTMLCanvasElement {
  const c = h('canvas', { class: 'pixels', role: 'img', 'aria-label': label, ...extra });
  c.style.width = `${size}px`;
  return c;
}

export async function mount(el: HTMLElement, params: URLSearchParams): Promise<Demo> {
  let epochs = choiceParam(params, 'epochs', EPOCH_CHOICES, 1);
  let lr = choiceParam(params, 'lr', LR_CHOICES, DEFAULT_LR);
  const client = new WorkerClient(
    new Worker(new URL('./day5.worker.ts', import.meta.url), { type: 'module', name: 'day5' }),
  );
  let disposed = false;
  let training = false;
  let trained = false;
  let digit: { pixels: number[]; label: number | null } | null = null;
  let sampleIndex = 0;

  const gray = plot.colormap('gray');
  const rdbu = plot.colormap('RdBu_r');
  const viridis = plot.colormap('viridis');

  // ---- training controls and numbers
  const progress = h('progress', { max: 1, value: 0, 'aria-label': t('训练进度', 'training progress') });
  const status = h('span', { class: 'hint', 'aria-live': 'polite' }, t('加载数据…', 'Loading the data…'));
  const stats = h('div', { class: 'stats' });
  const accCanvas = h('canvas', { role: 'img', 'aria-label': t('准确率曲线', 'accuracy curves') });
  const accFig = plot.subplots(1, 1, { width: 460, height: 300 });
  let trainLine = accFig.ax.plot([0], [0], 'C0');
  let testLine = accFig.ax.plot([0], [0], 'C2');
  const accLive = accFig.fig.mount(accCanvas);
  const seenX: number[] = [];
  const trainAcc: number[] = [];
  const testX: number[] = [];
  const testAcc: number[] = [];
  let last: Day5Progress = { seen: 0, batches: 0, loss: NaN, accuracy: NaN, done: false, seconds: 0 };
  let live = NaN;
  let final = NaN;
  let nTrain = 8000;
  let nTest = 2000;

  const showStats = () => {
    stats.replaceChildren(
      h('span', {}, t('已看图像 ', 'images seen '), h('b', { 'data-testid': 'd5-seen' }, String(last.seen))),
      h(
        'span',
        {},
        t('训练准确率（最近 400 张）', 'train accuracy (last 400) '),
        h(
          'b',
          { 'data-testid': 'd5-train-acc' },
          Number.isNaN(last.accuracy) ? '—' : last.accuracy.toFixed(3),
        ),
      ),
      h(
        'span',
        {},
        t(`测试准确率（${LIVE_TEST} 张）`, `test accuracy (${LIVE_TEST}) `),
        h('b', { 'data-testid': 'd5-live-acc' }, Number.isNaN(live) ? '—' : live.toFixed(3)),
      ),
      h(
        'span',
        {},
        t(`最终测试准确率（${nTest} 张）`, `final test accuracy (${nTest}) `),
        h('b', { 'data-testid': 'd5-acc' }, Number.isNaN(final) ? '—' : final.toFixed(4)),
      ),
      h(
        'span',
        {},
        t('训练用时 ', 'training time '),
        h('b', { 'data-testid': 'd5-seconds' }, `${last.seconds.toFixed(1)} s`),
      ),
    );
    el.dataset.seconds = String(last.seconds);
  };

  const resetCurves = () => {
    seenX.length = trainAcc.length = testX.length = testAcc.length = 0;
    const ax = accFig.ax;
    ax.clear();
    trainLine = ax.plot([0], [0], 'C0', { label: 'train (running, per 400 images)' });
    testLine = ax.plot([0], [0], 'C2', { label: `test (${LIVE_TEST} images)`, marker: 'o', markerSize: 4 });
    ax.title(`accuracy — ${epochs} epoch${epochs > 1 ? 's' : ''}, Adam lr ${lr}, batch ${BATCH_SIZE}`, {
      fontSize: 12,
    })
      .xlabel('training images seen')
      .ylim(0, 1)
      .xlim(0, nTrain * epochs)
      .grid()
      .legend({ loc: 'lower right' });
    accLive.redraw();
  };

  // ---- filters, the pad, the prediction and the feature maps
  const filterTiles = Array.from({ length: 8 }, (_, f) => tile(t(`卷积核 ${f + 1}`, `filter ${f + 1}`), 54));
  const filterBox = h(
    'div',
    { class: 'tiles', 'data-testid': 'd5-filters' },
    ...filterTiles.map((c, f) => h('figure', { class: 'tile' }, c, h('figcaption', {}, `#${f + 1}`))),
  );
  const showFilters = (fl: Day5Filters) => {
    const m = Math.max(1e-6, ...fl.weights.flat().map(Math.abs));
    fl.weights.forEach((w, f) => paint(filterTiles[f], w, 3, 3, rdbu, -m, m));
  };

  const pad = new DigitPad();
  const preview = tile(t('送入网络的 28×28 图像', 'the 28 × 28 image the network sees'), 84, {
    'data-testid': 'd5-preview',
  });
  const predEl = h('b', { class: 'prediction', 'data-testid': 'd5-pred' }, '—');
  const truthEl = h('span', { class: 'hint' });
  const bars = Array.from({ length: 10 }, () => h('span', { class: 'bar-fill' }));
  const barVals = Array.from({ length: 10 }, () => h('span', { class: 'bar-val' }, '0.00'));
  const barBox = h(
    'div',
    { class: 'prob-bars', role: 'list', 'aria-label': t('每个数字的概率', 'probability of each digit') },
    ...bars.map((b, d) =>
      h(
        'div',
        { class: 'bar-row', role: 'listitem' },
        h('span', { class: 'bar-label' }, String(d)),
        h('span', { class: 'bar' }, b),
        barVals[d],
      ),
    ),
  );
  const convTiles = Array.from({ length: 8 }, (_, f) => tile(`conv ${f + 1}`, 78));
  const poolTiles = Array.from({ length: 8 }, (_, f) => tile(`pool ${f + 1}`, 78));
  const mapsBox = h(
    'div',
    { class: 'maps', 'data-testid': 'd5-maps' },
    h('p', { class: 'hint' }, t('卷积之后（8 × 26×26）', 'After the convolution (8 × 26 × 26)')),
    h('div', { class: 'tiles' }, ...convTiles),
    h('p', { class: 'hint' }, t('最大池化之后（8 × 13×13）', 'After max-pooling (8 × 13 × 13)')),
    h('div', { class: 'tiles' }, ...poolTiles),
  );

  const classify = async () => {
    if (!digit) {
      predEl.textContent = '—';
      truthEl.textContent = '';
      bars.forEach((b, d) => {
        b.style.width = '0%';
        barVals[d].textContent = '0.00';
      });
      el.dataset.prediction = '';
      return;
    }
    const px = digit.pixels;
    paint(preview, px, 28, 28, gray, 0, 1);
    const r = await client.call<Day5Maps>('classify', { pixels: px });
    if (disposed) return;
    const best = r.probs.indexOf(Math.max(...r.probs));
    predEl.textContent = String(best);
    truthEl.textContent =
      (digit.label === null ? '' : t(`（标签 ${digit.label}）`, ` (label ${digit.label})`)) +
      (trained ? '' : t(' · 网络还没训练', ' · the network is not trained yet'));
    r.probs.forEach((p, d) => {
      bars[d].style.width = `${(100 * p).toFixed(1)}%`;
      bars[d].classList.toggle('best', d === best);
      barVals[d].textContent = p.toFixed(2);
    });
    const lim = (maps: number[][]) => {
      const all = maps.flat();
      return [Math.min(...all), Math.max(...all)] as const;
    };
    const [c0, c1] = lim(r.conv);
    r.conv.forEach((m, f) => paint(convTiles[f], m, 26, 26, viridis, c0, c1));
    const [p0, p1] = lim(r.pooled);
    r.pooled.forEach((m, f) => paint(poolTiles[f], m, 13, 13, viridis, p0, p1));
    el.dataset.prediction = String(best);
  };

  pad.onChange = (d) => {
    digit = d ? { pixels: Array.from(d), label: null } : null;
    if (!d) preview.getContext('2d')?.clearRect(0, 0, preview.width, preview.height);
    void classify();
  };
  const sampleBtn = button(
    t('取一张测试图', 'A test digit'),
    async () => {
      const s = await client.call<{ pixels: number[]; label: number }>('sample', { i: sampleIndex++ });
      pad.show(s.pixels);
      digit = { pixels: s.pixels, label: s.label };
      void classify();
    },
    { 'data-testid': 'd5-sample' },
  );
  pad.el.querySelector('.controls')!.append(sampleBtn);

  // ---- training
  const trainBtn = button(t('训练', 'Train'), () => void train(), {
    class: 'primary',
    'data-testid': 'd5-train',
  });
  const init = async () => {
    const r = await client.call<Day5Init>('init', { lr, epochs });
    nTrain = r.nTrain;
    nTest = r.nTest;
    trained = false;
    last = { seen: 0, batches: 0, loss: NaN, accuracy: NaN, done: false, seconds: 0 };
    live = NaN;
    final = NaN;
    progress.max = nTrain * epochs;
    progress.value = 0;
    showFilters(r.filters);
    resetCurves();
    showStats();
    trainBtn.textContent = t('训练', 'Train');
    if (digit) await classify(); // the new, untrained network's answer
    status.textContent = t(
      `${r.nTrain} 张训练图、${r.nTest} 张测试图；${r.params} 个参数。`,
      `${r.nTrain} training and ${r.nTest} test images; ${r.params} parameters.`,
    );
  };
  const train = async () => {
    if (training) return;
    training = true;
    trainBtn.disabled = true;
    el.dataset.trained = 'false';
    if (last.batches > 0) await init(); // train again from the start
    status.textContent = t('训练中…', 'Training…');
    let chunks = 0;
    while (!disposed) {
      last = await client.call<Day5Progress>('train', { batches: CHUNK });
      if (disposed) return;
      chunks++;
      seenX.push(last.seen);
      trainAcc.push(last.accuracy);
      if (chunks % TEST_EVERY === 0 || last.done) {
        live = await client.call<number>('evaluate', { n: LIVE_TEST });
        testX.push(last.seen);
        testAcc.push(live);
        testLine.setData(Float64Array.from(testX), Float64Array.from(testAcc));
        showFilters(await client.call<Day5Filters>('filters'));
        if (digit) await classify();
      }
      trainLine.setData(Float64Array.from(seenX), Float64Array.from(trainAcc));
      accLive.redraw();
      progress.value = last.seen;
      showStats();
      if (last.done) break;
    }
    if (disposed) return;
    final = await client.call<number>('evaluate', { n: nTest });
    trained = true;
    showStats();
    await classify();
    status.textContent = t(
      `训练完成：${last.seen} 张图像，用时 ${last.seconds.toFixed(1)} 秒。在手写板上写一个数字试试。`,
      `Trained on ${last.seen} images in ${last.seconds.toFixed(1)} s. Write a digit on the pad.`,
    );
    trainBtn.textContent = t('重新训练', 'Train again');
    trainBtn.disabled = false;
    training = false;
    el.dataset.trained = 'true';
    el.dataset.accuracy = String(final);
  };

  const epochSel = select<number>({
    label: t('轮数（epoch）', 'Epochs'),
    options: EPOCH_CHOICES.map((v) => ({ value: v, text: String(v) })),
    value: epochs,
    testId: 'd5-epochs',
    onChange: (v) => {
      epochs = v;
      writeParams({ epochs: v });
      if (!training) void init();
    },
  });
  const lrSel = select<number>({
    label: t('Adam 学习率', 'Adam learning rate'),
    options: LR_CHOICES.map((v) => ({ value: v, text: String(v) })),
    value: lr,
    testId: 'd5-lr',
    onChange: (v) => {
      lr = v;
      writeParams({ lr: v });
      if (!training) void init();
    },
  });

  el.append(
    h(
      'p',
      { class: 'hint' },
      t(
        `课程第 7.2 步的 CNN（framework.ts）：Conv2D(8, 3) → MaxPooling2D(2) → Dense(10, softmax)，在 Web Worker 里用 Adam 训练，每批 ${BATCH_SIZE} 张，数据是随课程附带的 8,000 张训练图和 2,000 张测试图。训练完后在手写板上写一个数字。`,
        `The CNN of lesson step 7.2 (framework.ts): Conv2D(8, 3) → MaxPooling2D(2) → Dense(10, softmax), trained with Adam in a Web Worker on batches of ${BATCH_SIZE}, on the 8,000 training and 2,000 test digits that ship with the course. When it is trained, write a digit on the pad.`,
      ),
    ),
    backendLine(client),
    h('div', { class: 'controls' }, epochSel.el, lrSel.el, trainBtn, progress, status),
    stats,
    h(
      'div',
      { class: 'plots' },
      accCanvas,
      h(
        'div',
        {},
        h('h3', { class: 'demo-sub' }, t('学到的 8 个 3×3 卷积核', 'The 8 learned 3 × 3 filters')),
        filterBox,
      ),
    ),
    h('h3', { class: 'demo-sub' }, t('写一个数字', 'Write a digit')),
    h(
      'div',
      { class: 'plots' },
      pad.el,
      h(
        'div',
        { class: 'pred-box' },
        h('p', {}, t('网络看到的：', 'What the network sees:')),
        preview,
        h('p', { 'aria-live': 'polite' }, t('预测：', 'Prediction: '), predEl, truthEl),
        barBox,
      ),
    ),
    h('h3', { class: 'demo-sub' }, t('特征图', 'Feature maps')),
    mapsBox,
  );
  writeParams({ epochs, lr });
  showStats();
  await init();
  // start with the first test digit on the pad
  const s = await client.call<{ pixels: number[]; label: number }>('sample', { i: sampleIndex++ });
  if (!disposed) {
    pad.show(s.pixels);
    digit = { pixels: s.pixels, label: s.label };
    await classify();
  }
  return {
    dispose() {
      disposed = true;
      accLive.unmount();
      client.dispose();
    },
  };
}
