/**
 * Day 6's demo: the RNN trains in a worker (the lesson's code, 400 epochs, chunk by chunk, with its
 * loss and accuracy live); type a phrase and read it word by word: the hidden state h_t after each
 * word and the p(positive) the network would answer there. Unknown words are shown struck out and
 * skipped. The phrase lives in the URL: `#/day/6?text=i+am+not+sad`.
 */
import * as plot from '../../../src/plot/index.js';
import { button, h } from '../dom.js';
import { t } from '../i18n.js';
import { writeParams } from '../url-state.js';
import type { Day6Analysis } from './day6.worker.js';
import type { Demo } from './index.js';
import { backendLine } from './backend.js';
import { WorkerClient } from './rpc.js';
import type { EpochLog } from '../../../course/day6/train.js';

const CHUNK = 5;

export async function mount(el: HTMLElement, params: URLSearchParams): Promise<Demo> {
  const client = new WorkerClient(
    new Worker(new URL('./day6.worker.ts', import.meta.url), { type: 'module', name: 'day6' }),
  );
  let disposed = false;
  let paused = false;
  let text = params.get('text') ?? 'i am not sad';
  let analysis: Day6Analysis | null = null;
  let shown = Infinity; // how many words are revealed (the step-by-step view)

  const info = await client.call<{ vocabulary: string[]; epochs: number; hidden: number }>('init');
  const target = info.epochs;

  const trainFig = plot.subplots(1, 1, { width: 420, height: 300 });
  const lossLine = trainFig.ax.plot([0], [0.69], 'C0', { label: 'train loss' });
  const accLine = trainFig.ax.plot([0], [0.5], 'C2', { label: 'train accuracy' });
  trainFig.ax
    .title('Training (SGD, lr 0.02, clip ±1)')
    .xlabel('epoch')
    .grid()
    .xlim(0, target)
    .ylim(0, 1.05)
    .legend({ loc: 'right' });
  const trainCanvas = h('canvas', { role: 'img', 'aria-label': t('训练曲线', 'training curves') });
  const trainLive = trainFig.fig.mount(trainCanvas);
  const logs: EpochLog[] = [];

  const progress = h('progress', { max: target, value: 0, 'aria-label': t('训练进度', 'training progress') });
  const progressText = h('span', { 'data-testid': 'd6-epoch' }, '0');
  const pauseBtn = button(t('暂停训练', 'Pause training'), () => {
    paused = !paused;
    pauseBtn.textContent = paused ? t('继续训练', 'Resume training') : t('暂停训练', 'Pause training');
    if (!paused) void trainLoop();
  });

  const inputId = 'd6-text';
  const input = h('input', {
    id: inputId,
    type: 'text',
    class: 'text-input',
    'data-testid': 'd6-input',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  input.value = text;
  const tokensEl = h('div', { class: 'tokens', 'aria-live': 'polite' });
  const verdict = h('p', { class: 'verdict', 'data-testid': 'd6-verdict', 'aria-live': 'polite' });
  const stateCanvas = h('canvas', {
    role: 'img',
    'aria-label': t('每个词之后的隐藏状态', 'hidden state after each word'),
  });
  const stepInfo = h('span', { class: 'hint' });

  const render = () => {
    if (!analysis) return;
    const a = analysis;
    tokensEl.replaceChildren(
      ...a.tokens.map((tk) =>
        h(
          'span',
          {
            class: `token${tk.known ? '' : ' unknown'}`,
            title: tk.known ? '' : t('不在词表中，已跳过', 'not in the vocabulary: skipped'),
          },
          tk.word,
        ),
      ),
    );
    const T = a.hs.length;
    const upto = Math.min(shown, T);
    if (!T) {
      verdict.textContent =
        t('没有认识的词——词表只有 18 个词：', 'No known words — the vocabulary has 18 words: ') +
        info.vocabulary.join(', ');
      verdict.className = 'verdict';
      el.dataset.positive = '';
      stateCanvas.getContext('2d')?.clearRect(0, 0, stateCanvas.width, stateCanvas.height);
      return;
    }
    const p = a.probs[upto - 1];
    const unknown = a.tokens.filter((tk) => !tk.known).map((tk) => tk.word);
    verdict.textContent =
      `${p > 0.5 ? t('正面 ✓', 'positive ✓') : t('负面 ✗', 'negative ✗')}  p(positive) = ${p.toFixed(3)}` +
      (upto < T ? t(`（读到第 ${upto} 个词）`, ` (after word ${upto})`) : '') +
      (unknown.length
        ? t(`  · 跳过未知词：${unknown.join(', ')}`, `  · skipped unknown: ${unknown.join(', ')}`)
        : '');
    verdict.className = `verdict ${p > 0.5 ? 'pos' : 'neg'}`;
    el.dataset.positive = upto === T ? String(p > 0.5) : '';
    el.dataset.p = String(p);
    const words = a.tokens.filter((tk) => tk.known).map((tk) => tk.word);
    const rows = a.hs.map((row, i) => (i < upto ? row : row.map(() => NaN)));
    const { fig, axes } = plot.subplots(2, 1, { width: 720, height: 330 + 30 * T });
    const hax = axes[0][0];
    const pax = axes[1][0];
    hax.heatmap(rows, {
      cmap: 'RdBu',
      vmin: -1,
      vmax: 1,
      annotate: false,
      yLabels: words.map((w, i) => `h${i + 1} ${w}`),
      xLabels: rows[0].map((_, j) => (j % 16 === 0 ? String(j) : '')),
    });
    hax.aspect('auto').title(`hidden state h_t after each word (${info.hidden} units, −1 red … 1 blue)`);
    pax.bar(
      words.map((w, i) => `${i + 1}`),
      a.probs.map((v, i) => (i < upto ? v : 0)),
      { color: a.probs.map((v) => (v > 0.5 ? '#2e7d32' : '#c62828')) },
    );
    pax.axhline(0.5, { color: '#888', lineStyle: '--' });
    pax.title('p(positive) after word t').ylim(0, 1).xlabel('word').grid();
    fig.mount(stateCanvas);
    stepInfo.textContent = t(`显示前 ${upto}/${T} 个词`, `showing ${upto}/${T} words`);
  };

  const analyze = async () => {
    analysis = await client.call<Day6Analysis>('analyze', { text });
    render();
  };

  const trainLoop = async () => {
    while (!disposed && !paused && logs.length < target) {
      const r = await client.call<{ epoch: number; logs: EpochLog[] }>('train', {
        epochs: Math.min(CHUNK, target - logs.length),
      });
      if (disposed) return;
      logs.push(...r.logs);
      const ep = Float64Array.from(logs, (l) => l.epoch);
      lossLine.setData(
        ep,
        Float64Array.from(logs, (l) => Math.min(1.05, l.trainLoss)),
      );
      accLine.setData(
        ep,
        Float64Array.from(logs, (l) => l.trainAccuracy),
      );
      trainLive.redraw();
      progress.value = r.epoch;
      progressText.textContent = String(r.epoch);
      el.dataset.epoch = String(r.epoch);
      const last = logs[logs.length - 1];
      if (!Number.isNaN(last.testAccuracy)) el.dataset.testAccuracy = String(last.testAccuracy);
      await analyze();
    }
    if (logs.length >= target) {
      pauseBtn.disabled = true;
      el.dataset.trained = 'true';
    }
  };

  input.addEventListener('input', () => {
    text = input.value;
    shown = Infinity;
    writeParams({ text });
    void analyze();
  });
  const prev = button(
    '◀',
    () => {
      shown = Math.max(1, Math.min(shown, analysis?.hs.length ?? 1) - 1);
      render();
    },
    { 'aria-label': t('少读一个词', 'one word back') },
  );
  const next = button(
    '▶',
    () => {
      shown = Math.min(analysis?.hs.length ?? 1, (Number.isFinite(shown) ? shown : 0) + 1);
      render();
    },
    { 'aria-label': t('多读一个词', 'one word more') },
  );
  const all = button(t('整句', 'Whole phrase'), () => {
    shown = Infinity;
    render();
  });

  el.append(
    h(
      'p',
      { class: 'hint' },
      t(
        `课程的 RNN 正在 Web Worker 里训练（${target} 个 epoch，每条短语一次前向 + BPTT）。训练时就可以输入短语，看预测如何变化。`,
        `The lesson's RNN is training in a Web Worker (${target} epochs, a forward pass + BPTT per phrase). Type a phrase while it trains and watch the prediction change.`,
      ),
    ),
    backendLine(client),
    h(
      'div',
      { class: 'controls' },
      h('label', {}, t('训练', 'Training'), ' ', progress),
      progressText,
      `/ ${target} epochs`,
      pauseBtn,
    ),
    trainCanvas,
    h('label', { for: inputId }, t('输入一个短语（英文）', 'Type a phrase')),
    input,
    tokensEl,
    verdict,
    h(
      'div',
      { class: 'controls' },
      h('span', {}, t('逐词查看：', 'Word by word:')),
      prev,
      next,
      all,
      stepInfo,
    ),
    stateCanvas,
  );
  writeParams({ text });
  await analyze();
  void trainLoop();
  return {
    dispose() {
      disposed = true;
      trainLive.unmount();
      client.dispose();
    },
  };
}
