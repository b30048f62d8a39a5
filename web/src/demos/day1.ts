/**
 * Day 1's demo: the array playground. Type nd expressions (see expr.ts for the language), see the
 * value as NumPy prints it, its shape, dtype and whether it is a view. Evaluated in a worker with a
 * time limit; the expression lives in the URL (`#/day/1?x=…`).
 */
import { button, h } from '../dom.js';
import { t } from '../i18n.js';
import { writeParams } from '../url-state.js';
import type { Described } from './expr.js';
import type { Demo } from './index.js';

const EXAMPLES = [
  'a = nd.arange(12).reshape(3, 4)',
  'a[1::2, ::2]',
  "a.get('1, 2:4')",
  'b = a[:, 1]; b.base',
  'a.T.flags',
  'a.ravel()',
  'a.flatten()',
  'nd.arange(3).reshape(3, 1) + nd.arange(4)',
  'a.sum({ axis: 0 })',
  'nd.linspace(0, 10, 5)',
  'y = nd.arange(35).reshape(5, 7); y[[0, 2, 4], [0, 1, 2]]',
  'nd.random.defaultRng(42).random([2, 3])',
  'nd.ones([4, 3]) + nd.ones(4)',
];

const LIMIT_MS = 4000;

interface Reply {
  id: number;
  ok: boolean;
  result?: Described;
  error?: string;
  vars?: string[];
}

export function mount(el: HTMLElement, params: URLSearchParams): Demo {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: Reply) => void>();
  const start = () => {
    const w = new Worker(new URL('./playground.worker.ts', import.meta.url), {
      type: 'module',
      name: 'playground',
    });
    w.onmessage = (e: MessageEvent<Reply>) => {
      pending.get(e.data.id)?.(e.data);
      pending.delete(e.data.id);
    };
    return w;
  };
  const evaluate = (src: string) =>
    new Promise<Reply>((resolve) => {
      worker ??= start();
      const id = nextId++;
      const timer = setTimeout(() => {
        // a runaway expression: stop that worker (its variables go with it)
        worker?.terminate();
        worker = null;
        pending.delete(id);
        resolve({
          id,
          ok: false,
          error: t(
            `超过 ${LIMIT_MS / 1000} 秒，已停止（变量已清空）`,
            `Stopped after ${LIMIT_MS / 1000} s (variables cleared)`,
          ),
        });
      }, LIMIT_MS);
      pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      worker.postMessage({ id, src });
    });

  const inputId = 'pg-input';
  const input = h('textarea', {
    id: inputId,
    rows: 2,
    spellcheck: 'false',
    autocapitalize: 'off',
    'data-testid': 'pg-input',
  });
  input.value = params.get('x') ?? 'a = nd.arange(12).reshape(3, 4)';
  const valueOut = h('pre', { class: 'console', 'data-testid': 'pg-value', 'aria-live': 'polite' });
  const meta = h('div', { class: 'result-meta', 'data-testid': 'pg-meta' });
  const varsOut = h('p', { class: 'hint' });

  const run = async () => {
    const src = input.value;
    writeParams({ x: src });
    runBtn.disabled = true;
    const r = await evaluate(src);
    runBtn.disabled = false;
    if (!r.ok) {
      valueOut.textContent = r.error ?? 'error';
      valueOut.classList.add('error');
      meta.replaceChildren();
      return;
    }
    valueOut.classList.remove('error');
    const d = r.result!;
    valueOut.textContent = d.text || t('（无值）', '(no value)');
    meta.replaceChildren(
      ...(d.kind === 'ndarray'
        ? [
            h('span', {}, 'shape ', h('b', { 'data-testid': 'pg-shape' }, d.shape ?? '')),
            h('span', {}, 'dtype ', h('b', { 'data-testid': 'pg-dtype' }, d.dtype ?? '')),
            h(
              'span',
              {},
              h(
                'b',
                { 'data-testid': 'pg-view' },
                d.view
                  ? t('视图（与另一个数组共享内存）', 'view (shares memory with another array)')
                  : t('拥有自己的数据', 'owns its data'),
              ),
            ),
          ]
        : [h('span', {}, t('类型 ', 'type '), h('b', {}, d.kind))]),
    );
    varsOut.textContent = r.vars?.length ? `${t('变量', 'variables')}: ${r.vars.join(', ')}` : '';
  };
  const runBtn = button(t('计算 (Ctrl+Enter)', 'Evaluate (Ctrl+Enter)'), () => void run(), {
    class: 'primary',
    'data-testid': 'pg-run',
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || !e.shiftKey)) {
      e.preventDefault();
      void run();
    }
  });

  el.append(
    h(
      'div',
      { class: 'playground' },
      h(
        'p',
        { class: 'hint' },
        t(
          '输入 nd 表达式（回车计算，Shift+回车换行）：支持变量 a = …、方法调用、a[1::2, ::2] 这样的 NumPy 索引和 + − * / @ 运算。这不是 JavaScript 的 eval：只有 nd 和数组的成员可用。',
          'Type nd expressions (Enter evaluates, Shift+Enter adds a line): variables a = …, method calls, NumPy indexing like a[1::2, ::2], and + − * / @. This is not JavaScript eval: only nd and array members are reachable.',
        ),
      ),
      h('label', { for: inputId }, t('表达式', 'Expression')),
      input,
      h('div', { class: 'controls' }, runBtn),
      valueOut,
      meta,
      varsOut,
      h('p', { class: 'hint' }, t('试试这些：', 'Try these:')),
      h(
        'div',
        { class: 'examples' },
        ...EXAMPLES.map((x) =>
          button(x, () => {
            input.value = x;
            void run();
          }),
        ),
      ),
    ),
  );
  void run();
  return {
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
