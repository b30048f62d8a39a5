/** Entry point: routing by the URL hash, the language toggle, and the day navigation. */
import './style.css';
import { CHAPTERS, DAY_INFO } from './catalog.js';
import { h } from './dom.js';
import { getLang, setLang, t, tr } from './i18n.js';
import { renderDay, renderChapter } from './pages/day.js';
import { renderHome } from './pages/home.js';
import { currentRoute } from './url-state.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('daynav')!;
const langBtn = document.getElementById('lang') as HTMLButtonElement;
const foot = document.getElementById('foot')!;
let dispose: () => void = () => {};
let renderToken = 0;

function renderChrome(): void {
  const route = currentRoute();
  nav.replaceChildren(
    ...DAY_INFO.map((d) =>
      h(
        'a',
        {
          href: `#/day/${d.day}`,
          title: tr(d.title),
          'aria-current': route.page === 'day' && route.n === d.day ? 'page' : undefined,
        },
        String(d.day),
      ),
    ),
  );
  nav.setAttribute('aria-label', t('课程日', 'Days'));
  langBtn.textContent = getLang() === 'zh' ? 'English' : '简体中文';
  langBtn.setAttribute('aria-label', getLang() === 'zh' ? 'Switch to English' : '切换到简体中文');
  foot.textContent = t(
    'mlseries · 全部在本机运行，无需联网 · MIT 许可',
    'mlseries · everything runs on this machine, offline · MIT licence',
  );
}

async function render(): Promise<void> {
  const token = ++renderToken;
  dispose();
  dispose = () => {};
  renderChrome();
  const route = currentRoute();
  document.title = `mlseries · ${t('深度学习 7 天速成', 'Deep learning in 7 days')}`;
  if (route.page === 'day') {
    main.replaceChildren(h('p', { class: 'loading' }, t('加载中…', 'Loading…')));
    const d = await renderDay(main, route.n, route.params);
    if (token !== renderToken) d();
    else dispose = d;
    const info = DAY_INFO.find((x) => x.day === route.n);
    if (info) document.title = `${t(`第 ${route.n} 天`, `Day ${route.n}`)} · ${tr(info.title)} · mlseries`;
  } else if (route.page === 'guide') {
    const c = CHAPTERS.find((x) => x.n === route.n);
    renderChapter(
      main,
      c ? `${String(c.n).padStart(2, '0')} · ${tr(c.title)}` : t('没有这一章', 'No such chapter'),
    );
  } else {
    renderHome(main);
  }
  main.dataset.ready = String(token);
}

langBtn.addEventListener('click', () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  void render();
});
window.addEventListener('hashchange', () => {
  void render().then(() => main.focus({ preventScroll: false }));
  window.scrollTo(0, 0);
});
setLang(getLang());
void render();
