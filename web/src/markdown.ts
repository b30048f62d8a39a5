/**
 * A tiny, safe Markdown subset for the lesson texts: paragraphs, `- ` and `1. ` lists, `#` headings,
 * fenced code, and inline `code`, **bold**, *italic* and [links](https://…). Everything is
 * HTML-escaped first, so no markup from the text reaches the page; links keep only http(s), `#` and
 * relative targets. Lines of a paragraph join with a space, or with nothing between two CJK
 * characters (the Chinese texts wrap mid-sentence).
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Joins wrapped lines: no space between CJK characters, one space otherwise. */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!out) out = line;
    else if (CJK.test(out[out.length - 1]) || CJK.test(line[0] ?? '')) out += line;
    else out += ' ' + line;
  }
  return out;
}

function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^(https?:\/\/|#|\.{0,2}\/)/i.test(h) || /^[\w./-]+$/.test(h)) return h;
  return null;
}

/** Inline markup of one (already joined) paragraph. */
export function inline(text: string): string {
  // Split out code spans first so their content is not formatted.
  const parts = text.split(/(`[^`]+`)/g);
  return parts
    .map((part) => {
      if (part.length > 1 && part.startsWith('`') && part.endsWith('`')) {
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      }
      let s = escapeHtml(part);
      s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
      s = s.replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>');
      s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, label: string, href: string) => {
        // href is already escaped; unescape the ampersand entity for the check only
        const ok = safeHref(href.replace(/&#38;/g, '&'));
        if (!ok) return m;
        const external = /^https?:/i.test(ok);
        return `<a href="${href}"${external ? ' rel="noopener noreferrer" target="_blank"' : ''}>${label}</a>`;
      });
      return s;
    })
    .join('');
}

/** Markdown subset → HTML (safe to assign to innerHTML). */
export function renderMarkdown(src: string): string {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[][] } | null = null;

  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(joinLines(para))}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list) {
      const tag = list.ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${list.items.map((it) => `<li>${inline(joinLines(it))}</li>`).join('')}</${tag}>`);
    }
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*```(\w*)\s*$/.exec(line);
    if (fence) {
      flushPara();
      flushList();
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```\s*$/.test(lines[i])) body.push(lines[i++]);
      out.push(`<pre class="md-code"><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    if (!line.trim()) {
      flushPara();
      flushList();
      continue;
    }
    // an indented block after a blank line (or at the start): code, e.g. the formulas of Day 7
    if (!para.length && !list && /^ {4}\S/.test(line)) {
      const body: string[] = [];
      while (
        i < lines.length &&
        (/^ {4}/.test(lines[i]) || (!lines[i].trim() && /^ {4}\S/.test(lines[i + 1] ?? '')))
      ) {
        body.push(lines[i++].slice(4));
      }
      i--;
      out.push(`<pre class="md-code"><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      flushPara();
      flushList();
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      continue;
    }
    const item = /^\s*([-*•]|\d+[.)])\s+(.*)$/.exec(line);
    // a list starts only after a blank line (a wrapped line may begin with "3. ")
    if (item && (list || !para.length)) {
      flushPara();
      const ordered = /\d/.test(item[1]);
      if (!list || list.ordered !== ordered) {
        flushList();
        list = { ordered, items: [] };
      }
      list.items.push([item[2]]);
      continue;
    }
    if (list && /^\s{2,}\S/.test(line)) {
      list.items[list.items.length - 1].push(line);
      continue;
    }
    flushList();
    para.push(line);
  }
  flushPara();
  flushList();
  return out.join('\n');
}
