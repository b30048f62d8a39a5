/** The home page: the 7-day map and the guide's chapters (those not built yet marked as coming). */
import { availableDays } from '../../../course/index.js';
import { CHAPTERS, DAY_INFO } from '../catalog.js';
import { DEMOS } from '../demos/index.js';
import { h } from '../dom.js';
import { t, tr } from '../i18n.js';

export function renderHome(main: HTMLElement): void {
  const live = new Set(availableDays());
  const dayCards = DAY_INFO.map((d) => {
    const ready = live.has(d.day) || d.day in DEMOS;
    return h(
      'li',
      { class: `day-card${ready ? '' : ' coming'}` },
      h(
        'a',
        { href: `#/day/${d.day}`, 'data-testid': `day-link-${d.day}` },
        h('span', { class: 'day-num' }, t(`第 ${d.day} 天`, `Day ${d.day}`)),
        h('strong', {}, tr(d.title)),
        h('span', { class: 'blurb' }, tr(d.blurb)),
        h('span', { class: 'badge' }, ready ? `▶ ${tr(d.demo)}` : t('即将推出', 'Coming soon')),
      ),
    );
  });
  const chapters = CHAPTERS.map((c) =>
    h(
      'li',
      { class: 'chapter coming' },
      h('span', { class: 'ch-num' }, String(c.n).padStart(2, '0')),
      h('span', { class: 'ch-title' }, tr(c.title)),
      h(
        'span',
        { class: 'ch-note' },
        c.days.length
          ? t(`即将推出 · 部分内容见第 ${c.days.join('、')} 天`, `coming · parts in day ${c.days.join(', ')}`)
          : t('即将推出', 'coming'),
      ),
    ),
  );
  main.replaceChildren(
    h(
      'section',
      { class: 'hero' },
      h('h1', {}, t('深度学习 7 天速成', 'Deep learning in 7 days')),
      h(
        'p',
        {},
        t(
          '《机器学习系列》的深度学习课程，用 TypeScript 从零写成：每一课都在这个页面里用同一个库实时运行——数组、梯度、网络，全部在你的浏览器里训练，无需联网。',
          'The deep-learning course of 《机器学习系列》, rebuilt from scratch in TypeScript: every lesson runs live on this page on the same library — arrays, gradients, networks, all trained in your browser, offline.',
        ),
      ),
    ),
    h('h2', { id: 'days' }, t('7 天路线图', 'The 7-day map')),
    h('ol', { class: 'day-map', 'aria-labelledby': 'days' }, ...dayCards),
    h('h2', { id: 'guide' }, t('综合指南（第 01–12 章）', 'The comprehensive guide (chapters 01–12)')),
    h('ol', { class: 'chapters', 'aria-labelledby': 'guide' }, ...chapters),
  );
}
