/**
 * A small TypeScript syntax highlighter: one left-to-right scan into comment, string, number,
 * keyword, type and function tokens, each wrapped in a `<span class="tok-…">`; everything escaped.
 */
import { escapeHtml } from './markdown.js';

const KEYWORDS = new Set(
  (
    'abstract as async await break case catch class const continue declare default delete do else enum ' +
    'export extends false finally for from function get if implements import in instanceof interface ' +
    'keyof let new null of private protected public readonly return set static super switch this throw ' +
    'true try type typeof undefined var void while yield'
  ).split(' '),
);

const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\[\s\S]|[^`\\])*`)|(\b(?:0[xX][\da-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?n?)\b)|([A-Za-z_$][\w$]*)/g;

/** TypeScript source → highlighted HTML. */
export function highlightTs(src: string): string {
  let out = '';
  let last = 0;
  for (const m of src.matchAll(TOKEN)) {
    const i = m.index ?? 0;
    out += escapeHtml(src.slice(last, i));
    last = i + m[0].length;
    const text = escapeHtml(m[0]);
    if (m[1]) out += `<span class="tok-comment">${text}</span>`;
    else if (m[2]) out += `<span class="tok-string">${text}</span>`;
    else if (m[3]) out += `<span class="tok-number">${text}</span>`;
    else if (KEYWORDS.has(m[0])) out += `<span class="tok-keyword">${text}</span>`;
    else if (/^[A-Z]/.test(m[0])) out += `<span class="tok-type">${text}</span>`;
    else if (src[last] === '(') out += `<span class="tok-fn">${text}</span>`;
    else out += text;
  }
  return out + escapeHtml(src.slice(last));
}
