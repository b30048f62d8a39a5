/**
 * Day 7's demo: step through the tiny Transformer's forward pass — the vocabulary, embeddings,
 * positional encoding, Q/K/V, scores and attention heat maps, the causal mask, cross-attention and
 * the output distribution — then train it (Adam, the hand-written backward pass, in a worker) and
 * step through again. The stage lives in the URL: `#/day/7?stage=7`.
 */
import * as plot from '../../../src/plot/index.js';
import type { Bilingual } from '../../../course/lesson.js';
import { button, h, select } from '../dom.js';
import { t, tr } from '../i18n.js';
import { numParam, writeParams } from '../url-state.js';
import type { MatrixView, Stage } from './day7.worker.js';
import type { Demo } from './index.js';
import { backendLine } from './backend.js';
import { WorkerClient } from './rpc.js';

interface Status {
  steps: number;
  loss: number;
  decoded: string;
}

interface Init {
  tokens: string[];
  specials: string[];
  corpus: string[];
  src: string[];
  tgtIn: string[];
  tgtOut: string[];
  srcIds: number[];
  target: string;
  maxSteps: number;
  targetLoss: number;
  stages: Stage[];
  status: Status;
}

const STAGE_TEXT: Record<string, { title: Bilingual; text: Bilingual }> = {
  vocab: {
    title: { zh: '词表与编号', en: 'Vocabulary and ids' },
    text: {
      zh: '三句台词小写、去标点、按空格切分，按首次出现编号：23 个词，加上 <start> 和 <end>。',
      en: 'The three lines lower-cased, stripped of punctuation, split on spaces and numbered in order of first appearance: 23 words, plus <start> and <end>.',
    },
  },
  embed: {
    title: { zh: '词嵌入 E[src]', en: 'Embeddings E[src]' },
    text: {
      zh: '每个编号取嵌入表的一行（d_model = 6）。',
      en: 'Each id picks one row of the embedding table (d_model = 6).',
    },
  },
  pe: {
    title: { zh: '位置编码', en: 'Positional encoding' },
    text: {
      zh: 'PE[pos, 2i] = sin(pos/10000^(2i/6))，PE[pos, 2i+1] = cos(…)；第 1 行就是 [0.8415, 0.5403, 0.0464, 0.9989, 0.0022, 1.0]。',
      en: 'PE[pos, 2i] = sin(pos/10000^(2i/6)), PE[pos, 2i+1] = cos(…); row 1 is [0.8415, 0.5403, 0.0464, 0.9989, 0.0022, 1.0].',
    },
  },
  x: {
    title: { zh: 'X = E + PE', en: 'X = E + PE' },
    text: {
      zh: '相加，而不是拼接：形状仍是 (6, 6)。',
      en: 'An addition, not a concatenation: the shape stays (6, 6).',
    },
  },
  qkv: {
    title: { zh: 'Q、K、V（编码器，第 1 个头）', en: 'Q, K, V (encoder, head 1)' },
    text: {
      zh: '每行一个词：Q = X·W_q，K = X·W_k，V = X·W_v，各 (6, 4)。',
      en: 'One word per row: Q = X·W_q, K = X·W_k, V = X·W_v, each (6, 4).',
    },
  },
  scores: {
    title: { zh: '分数与注意力权重', en: 'Scores and attention weights' },
    text: {
      zh: 'S = Q·Kᵀ / √d_k（除以 √d_k = 2，不是 √d_model），再逐行 softmax：每行加起来是 1。',
      en: 'S = Q·Kᵀ / √d_k (divided by √d_k = 2, not √d_model), then a softmax per row: each row sums to 1.',
    },
  },
  heads: {
    title: { zh: '多头与编码器输出', en: 'Heads and the encoder output' },
    text: {
      zh: '第 2 个头看的是别的关系；两个头的输出并排拼接 (6, 8)，乘 W_o，再经过残差、层归一化和前馈网络。',
      en: 'Head 2 attends differently; the heads are concatenated side by side (6, 8), multiplied by W_o, then residual, layer norm and the feed-forward network.',
    },
  },
  mask: {
    title: { zh: '因果掩码（解码器）', en: 'The causal mask (decoder)' },
    text: {
      zh: '对角线以上是 −∞：第 t 个位置看不到后面的词。softmax 后这些位置的权重正好是 0，权重矩阵成了下三角。',
      en: 'Above the diagonal is −∞: position t cannot see the words after it. After the softmax those weights are exactly 0: the weights are lower-triangular.',
    },
  },
  cross: {
    title: { zh: '交叉注意力', en: 'Cross-attention' },
    text: {
      zh: '查询来自解码器，键和值来自编码器输出：每个目标词在源句子里找它需要的信息。',
      en: 'Queries from the decoder, keys and values from the encoder output: each target word looks up what it needs in the source sentence.',
    },
  },
  output: {
    title: { zh: '输出：词表上的概率', en: 'Output: probabilities over the vocabulary' },
    text: {
      zh: '每个位置单独投影到 25 个词上再 softmax（不先展平）；每行取最大值就是预测的下一个词。',
      en: 'Each position is projected onto the 25 tokens on its own (no flattening first), then softmax; the arg-max of each row is the predicted next word.',
    },
  },
};

function drawMatrix(mv: MatrixView): HTMLElement {
  const R = mv.data.length;
  const C = mv.data[0]?.length ?? 0;
  const wide = C > 10;
  const cell = wide ? 26 : 52;
  const width = Math.min(wide ? 900 : 520, 110 + C * cell);
  const height = 90 + R * (wide ? 30 : 40);
  const { fig, ax } = plot.subplots(1, 1, { width, height });
  // the mask drawn as 1 (−∞, dark) and 0 (allowed, light): non-finite cells would be left blank
  const data = mv.kind === 'mask' ? mv.data.map((r) => r.map((v) => (v === -Infinity ? 1 : 0))) : mv.data;
  ax.heatmap(data, {
    xLabels: mv.cols,
    yLabels: mv.rows,
    cmap: mv.kind === 'attention' || mv.kind === 'probs' ? 'viridis' : mv.kind === 'mask' ? 'Greys' : 'RdBu',
    vmin: mv.kind === 'attention' || mv.kind === 'probs' || mv.kind === 'mask' ? 0 : undefined,
    vmax: mv.kind === 'attention' || mv.kind === 'probs' ? 1 : mv.kind === 'mask' ? 1.4 : undefined,
    annotate: !wide,
    format: mv.kind === 'mask' ? (v: number) => (v ? '−∞' : '0') : 2,
    lineColor: 'white',
  });
  ax.title(mv.name);
  const canvas = h('canvas', { role: 'img', 'aria-label': mv.name });
  fig.mount(canvas);
  const box = h('figure', { class: 'plot', 'data-testid': `d7-matrix-${mv.kind}` }, canvas);
  if (mv.kind === 'mask') {
    const above = mv.data.every((r, i) => r.every((v, j) => (j > i ? v === -Infinity : v === 0)));
    box.dataset.causal = String(above);
  }
  return box;
}

export async function mount(el: HTMLElement, params: URLSearchParams): Promise<Demo> {
  const client = new WorkerClient(
    new Worker(new URL('./day7.worker.ts', import.meta.url), { type: 'module', name: 'day7' }),
  );
  let disposed = false;
  const init = await client.call<Init>('init');
  let stages = init.stages;
  let status = init.status;
  let index = numParam(params, 'stage', 0, 0, stages.length - 1);
  let training = false;

  const title = h('h3', { 'aria-live': 'polite' });
  const text = h('p', {});
  const body = h('div', { class: 'plots' });
  const statusEl = h('div', { class: 'stats', 'aria-live': 'polite' });
  const counter = h('span', { class: 'hint' });

  const vocabView = () => {
    const words = init.tokens.filter((tk) => !init.specials.includes(tk));
    return h(
      'div',
      {},
      h('ol', { class: 'hint', start: 1 }, ...init.corpus.map((line) => h('li', {}, line))),
      h(
        'p',
        {},
        h('b', { 'data-testid': 'd7-vocab-count' }, String(words.length)),
        t(
          ` 个词 + ${init.specials.join(', ')} = ${init.tokens.length} 个记号`,
          ` words + ${init.specials.join(', ')} = ${init.tokens.length} tokens`,
        ),
      ),
      h(
        'div',
        { class: 'tokens', 'data-testid': 'd7-vocab' },
        ...init.tokens.map((tk, i) =>
          h('span', { class: `token${init.specials.includes(tk) ? ' special' : ''}` }, `${i}: ${tk}`),
        ),
      ),
      h(
        'p',
        { class: 'hint' },
        `${t('编码器输入', 'encoder input')}: ${init.src.join(' ')}  →  [${init.srcIds.join(', ')}]`,
      ),
      h(
        'p',
        { class: 'hint' },
        `${t('解码器输入', 'decoder input')}: ${init.tgtIn.join(' ')}   ·   ${t('目标', 'target')}: ${init.tgtOut.join(' ')}`,
      ),
    );
  };

  const stageSel = select<number>({
    label: t('步骤', 'Stage'),
    options: stages.map((st, i) => ({ value: i, text: `${i + 1}. ${tr(STAGE_TEXT[st.key].title)}` })),
    value: index,
    testId: 'd7-stage',
    onChange: (v) => go(v),
  });

  const render = () => {
    const st = stages[index];
    title.textContent = `${index + 1}/${stages.length} · ${tr(STAGE_TEXT[st.key].title)}`;
    text.textContent = tr(STAGE_TEXT[st.key].text);
    body.replaceChildren(...(st.key === 'vocab' ? [vocabView()] : st.matrices.map(drawMatrix)));
    stageSel.input.value = String(index);
    counter.textContent = `${index + 1} / ${stages.length}`;
    el.dataset.stage = st.key;
  };
  const go = (i: number) => {
    index = Math.max(0, Math.min(stages.length - 1, i));
    writeParams({ stage: index });
    render();
  };
  const showStatus = () => {
    const ok = status.decoded === init.target;
    statusEl.replaceChildren(
      h(
        'span',
        {},
        t('训练步数 ', 'Adam steps '),
        h('b', { 'data-testid': 'd7-steps' }, String(status.steps)),
      ),
      h('span', {}, t('损失 ', 'loss '), h('b', { 'data-testid': 'd7-loss' }, status.loss.toFixed(4))),
      h(
        'span',
        {},
        t('贪心解码：', 'greedy decoding: '),
        h('b', { 'data-testid': 'd7-decoded' }, status.decoded || '—'),
        ok ? ' ✓' : '',
      ),
    );
    el.dataset.decoded = status.decoded;
  };

  const trainBtn = button(t('训练到预测正确', 'Train until it predicts the target'), () => void train(), {
    class: 'primary',
    'data-testid': 'd7-train',
  });
  const train = async () => {
    if (training) return;
    training = true;
    trainBtn.disabled = true;
    while (
      !disposed &&
      status.steps < init.maxSteps &&
      !(status.decoded === init.target && status.loss < init.targetLoss)
    ) {
      status = await client.call<Status>('train', { steps: 10 });
      showStatus();
    }
    if (disposed) return;
    stages = await client.call<Stage[]>('stages');
    render();
    training = false;
    trainBtn.disabled = false;
    el.dataset.trained = 'true';
  };

  el.append(
    h(
      'p',
      { class: 'hint' },
      t(
        '课程的 Transformer（transformer.ts）：一层编码器、一层解码器、两个头，d_model = 6。先看未训练的矩阵，再训练（Adam + 手写反向传播，在 Web Worker 里）并重新查看。',
        "The lesson's Transformer (transformer.ts): one encoder layer, one decoder layer, two heads, d_model = 6. Step through the untrained matrices, then train it (Adam + the hand-written backward pass, in a Web Worker) and step through again.",
      ),
    ),
    backendLine(client),
    h(
      'div',
      { class: 'controls' },
      button(t('◀ 上一步', '◀ Previous'), () => go(index - 1), { 'data-testid': 'd7-prev' }),
      button(t('下一步 ▶', 'Next ▶'), () => go(index + 1), { 'data-testid': 'd7-next' }),
      stageSel.el,
      counter,
    ),
    title,
    text,
    body,
    h('div', { class: 'controls' }, trainBtn),
    statusEl,
  );
  render();
  showStatus();
  return {
    dispose() {
      disposed = true;
      client.dispose();
    },
  };
}
