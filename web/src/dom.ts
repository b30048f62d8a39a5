/** A tiny element builder: `h('button', { type: 'button', onclick }, 'Run')`. */

type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'html') el.innerHTML = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

let uid = 0;
/** A unique element id for label/for pairs. */
export function newId(prefix = 'c'): string {
  return `${prefix}${++uid}`;
}

/** A labelled range slider; `onInput` gets the number. */
export function slider(opts: {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format?: (v: number) => string;
  onInput: (v: number) => void;
  testId?: string;
}): { el: HTMLElement; input: HTMLInputElement; set(v: number): void } {
  const id = newId('s');
  const fmt = opts.format ?? ((v: number) => String(v));
  const out = h('output', { for: id }, fmt(opts.value));
  const input = h('input', {
    id,
    type: 'range',
    min: opts.min,
    max: opts.max,
    step: opts.step,
    value: opts.value,
    'data-testid': opts.testId,
  });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    out.textContent = fmt(v);
    opts.onInput(v);
  });
  const el = h('div', { class: 'control' }, h('label', { for: id }, opts.label), input, out);
  return {
    el,
    input,
    set(v: number) {
      input.value = String(v);
      out.textContent = fmt(v);
    },
  };
}

/** A labelled select. */
export function select<T extends string | number>(opts: {
  label: string;
  options: readonly { value: T; text: string }[];
  value: T;
  onChange: (v: T) => void;
  testId?: string;
}): { el: HTMLElement; input: HTMLSelectElement } {
  const id = newId('sel');
  const input = h(
    'select',
    { id, 'data-testid': opts.testId },
    ...opts.options.map((o) =>
      h('option', { value: String(o.value), selected: o.value === opts.value }, o.text),
    ),
  );
  input.addEventListener('change', () => {
    const o = opts.options.find((x) => String(x.value) === input.value);
    if (o) opts.onChange(o.value);
  });
  return { el: h('div', { class: 'control' }, h('label', { for: id }, opts.label), input), input };
}

export function button(text: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs, onclick: () => onClick() }, text);
}
