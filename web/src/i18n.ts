/**
 * The page's language (简体中文 or English): chosen by the toggle, remembered in localStorage,
 * defaulting to the browser's language. UI strings live here; lesson text comes from the modules.
 */
import type { Bilingual, Lang } from '../../course/lesson.js';

const KEY = 'mlseries.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage may be blocked (private mode): fall through to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let lang: Lang = initialLang();

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

/** The text in the current language. */
export function tr(text: Bilingual): string {
  return text[lang];
}

/** A UI string in both languages, picked now. */
export function t(zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}
