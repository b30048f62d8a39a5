/**
 * A day's page: title and summary from the lesson module, the live demo, then every step with its
 * text (Markdown), its source file (highlighted) and a Run button whose output (console, figures,
 * animations, progress, records) comes from the lesson worker.
 */
import { availableDays, loadDay } from '../../../course/index.js';
import { DEFAULT_CONFIG, type Day, type RunConfig } from '../../../course/lesson.js';
import { DAY_INFO } from '../catalog.js';
import { DEMOS, type Demo } from '../demos/index.js';
import { button, h } from '../dom.js';
import { highlightTs } from '../highlight.js';
import { getLang, t, tr } from '../i18n.js';
import { LessonRunner } from '../lesson-runner.js';
import { renderMarkdown } from '../markdown.js';
import { stepSources } from '../sources.js';
import { writeParams } from '../url-state.js';

export async function renderDay(main: HTMLElement, n: number, params: URLSearchParams): Promise<() => void> {
  const info = DAY_INFO.find((d) => d.day === n);
  if (!info) {
    main.replaceChildren(
      h('h1', {}, t('没有这一天', 'No such day')),
      h('p', {}, h('a', { href: '#/' }, t('回到首页', 'Home'))),
    );
    return () => {};
  }
  const hasLesson = availableDays().includes(n);
  const loadDemo = DEMOS[n];
  const disposers: (() => void)[] = [];

  let day: Day | null = null;
  if (hasLesson) day = await loadDay(n);

  const header = h(
    'header',
    { class: 'day-head' },
    h('p', { class: 'day-num' }, t(`第 ${n} 天`, `Day ${n}`)),
    h('h1', { 'data-testid': 'day-title' }, day ? tr(day.title) : tr(info.title)),
  );
  if (day) header.append(h('div', { class: 'md summary', html: renderMarkdown(tr(day.summary)) }));
  else header.append(h('p', { class: 'summary' }, tr(info.blurb)));
  main.replaceChildren(header);

  // The live demo
  if (loadDemo) {
    const box = h('div', { class: 'demo-body' });
    main.append(
      h(
        'section',
        { class: 'demo', 'aria-labelledby': 'demo-title', 'data-testid': 'demo' },
        h('h2', { id: 'demo-title' }, `▶ ${tr(info.demo)}`),
        box,
      ),
    );
    try {
      const mod = await loadDemo();
      const demo: Demo = await mod.mount(box, params);
      disposers.push(() => demo.dispose());
    } catch (e) {
      box.append(h('p', { class: 'error' }, String(e)));
    }
  }

  if (!day) {
    main.append(
      h(
        'p',
        { class: 'coming-note' },
        t(
          `第 ${n} 天的课程模块正在编写中；它一加入 course/index.ts，这里就会显示每一步的讲解、代码和运行按钮。`,
          `Day ${n}'s lesson module is being written; as soon as course/index.ts registers it, its steps — text, code and Run buttons — appear here.`,
        ),
      ),
    );
    return () => disposers.forEach((d) => d());
  }

  // The steps
  const runner = new LessonRunner(n);
  disposers.push(() => runner.dispose());
  let fast = params.get('fast') !== '0';
  const fastId = 'fast-mode';
  const fastBox = h('input', { type: 'checkbox', id: fastId, checked: fast });
  fastBox.addEventListener('change', () => {
    fast = fastBox.checked;
    writeParams({ fast: fast ? undefined : '0' });
  });
  const config = (): RunConfig => ({ ...DEFAULT_CONFIG, fast, lang: getLang() });

  const sources = await stepSources(n, day.steps);
  const runButtons: (() => Promise<boolean>)[] = [];
  const stepEls = day.steps.map((step, i) => {
    const out = h('div', { class: 'output', 'aria-live': 'polite' });
    const run = async () => {
      runBtn.disabled = true;
      const ok = await runner.run(i, out, config());
      runBtn.disabled = false;
      return ok;
    };
    runButtons.push(run);
    const runBtn = button(t('运行', 'Run'), () => void run(), {
      class: 'run',
      'data-testid': `run-step-${i + 1}`,
    });
    const src = sources.get(step);
    let code: HTMLElement | null = null;
    if (src) {
      const pre = h('pre', { class: 'code', tabindex: 0 }, h('code', { html: highlightTs(src.source) }));
      code = h(
        'details',
        { class: 'source' },
        h('summary', {}, `${t('代码', 'Code')}: ${src.path} · ${src.exportName}`),
        pre,
      );
      code.addEventListener('toggle', () => {
        // scroll the file to the step's own definition the first time it opens
        if ((code as HTMLDetailsElement).open && !pre.dataset.scrolled) {
          pre.dataset.scrolled = '1';
          pre.scrollTop = src.line * parseFloat(getComputedStyle(pre).lineHeight || '18');
        }
      });
    }
    return h(
      'article',
      { class: 'step', id: `step-${i + 1}`, 'data-testid': 'step' },
      h('h3', {}, h('span', { class: 'step-id' }, step.id), ' ', tr(step.title)),
      h('div', { class: 'md', html: renderMarkdown(tr(step.text)) }),
      code,
      h('div', { class: 'step-actions' }, runBtn),
      out,
    );
  });
  const runAll = button(
    t('全部运行', 'Run all'),
    async () => {
      runAll.disabled = true;
      for (const r of runButtons) await r();
      runAll.disabled = false;
    },
    { class: 'run' },
  );
  main.append(
    h(
      'section',
      { class: 'steps', 'aria-labelledby': 'steps-title' },
      h(
        'h2',
        { id: 'steps-title' },
        t(`课程步骤（${day.steps.length} 步）`, `The lesson (${day.steps.length} steps)`),
      ),
      h(
        'div',
        { class: 'toolbar' },
        h(
          'div',
          { class: 'control check' },
          fastBox,
          h('label', { for: fastId }, t('快速模式（更少的迭代）', 'Fast mode (fewer iterations)')),
        ),
        runAll,
      ),
      ...stepEls,
    ),
  );
  return () => disposers.forEach((d) => d());
}

/** A guide chapter: listed as coming until its module exists. */
export function renderChapter(main: HTMLElement, title: string): void {
  main.replaceChildren(
    h('h1', {}, title),
    h('p', { class: 'coming-note' }, t('这一章即将推出。', 'This chapter is coming.')),
    h('p', {}, h('a', { href: '#/' }, t('回到首页', 'Back to the map'))),
  );
}
