/**
 * Drawing a Value graph for the lessons: Graphviz DOT text, and a self-contained SVG laid out
 * left to right by depth (no Graphviz needed), with data and grad on every node.
 */
import type { Value } from './value.js';

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(4));

/** Graphviz DOT for the graph ending at `root` (render with `dot -Tsvg`). */
export function toDot(root: Value): string {
  const order = root.topo();
  const id = new Map<Value, string>(order.map((v, i) => [v, `n${i}`]));
  const lines = ['digraph G {', '  rankdir=LR;', '  node [shape=record, fontname="monospace"];'];
  for (const v of order) {
    const name = id.get(v)!;
    const label = `${v.label ? v.label + ' | ' : ''}data ${fmt(v.data)} | grad ${fmt(v.grad)}`;
    lines.push(`  ${name} [label="{ ${label} }"];`);
    if (v.op) {
      lines.push(`  ${name}_op [label="${v.op}", shape=circle];`);
      lines.push(`  ${name}_op -> ${name};`);
      for (const c of v.children) lines.push(`  ${id.get(c)} -> ${name}_op;`);
    }
  }
  lines.push('}');
  return lines.join('\n');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An SVG drawing of the graph: one column per depth, boxes with label, data and grad. */
export function toSvg(root: Value): string {
  const order = root.topo();
  const depth = new Map<Value, number>();
  for (const v of order)
    depth.set(v, v.children.length === 0 ? 0 : Math.max(...v.children.map((c) => depth.get(c)! + 1)));
  const columns: Value[][] = [];
  for (const v of order) (columns[depth.get(v)!] ??= []).push(v);
  const W = 170;
  const H = 54;
  const gapX = 60;
  const gapY = 18;
  const pos = new Map<Value, [number, number]>();
  columns.forEach((col, cx) =>
    col.forEach((v, cy) => pos.set(v, [20 + cx * (W + gapX), 20 + cy * (H + gapY)])),
  );
  const width = 40 + columns.length * (W + gapX) - gapX;
  const height = 40 + Math.max(...columns.map((c) => c.length)) * (H + gapY) - gapY;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="monospace" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
  ];
  for (const v of order) {
    const [x, y] = pos.get(v)!;
    for (const c of v.children) {
      const [cx, cy] = pos.get(c)!;
      parts.push(
        `<line x1="${cx + W}" y1="${cy + H / 2}" x2="${x}" y2="${y + H / 2}" stroke="#888" marker-end="url(#arrow)"/>`,
      );
    }
  }
  for (const v of order) {
    const [x, y] = pos.get(v)!;
    const title = `${v.label || ''}${v.op ? (v.label ? ' = ' : '') + v.op : v.label ? '' : 'input'}`;
    parts.push(`<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="6" fill="#f4f8ff" stroke="#3b6bb5"/>`);
    parts.push(`<text x="${x + 8}" y="${y + 16}" font-weight="bold">${esc(title)}</text>`);
    parts.push(`<text x="${x + 8}" y="${y + 32}">data ${esc(fmt(v.data))}</text>`);
    parts.push(`<text x="${x + 8}" y="${y + 47}" fill="#b5413b">grad ${esc(fmt(v.grad))}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
