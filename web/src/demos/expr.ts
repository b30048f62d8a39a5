/**
 * The array playground's expression language: a small parser and evaluator over `nd`, so the page
 * never `eval`s what a learner types. It knows numbers, strings, true/false/null, array and object
 * literals, variables (`a = …`), member access, calls, `+ - * / % **` (element-wise on arrays via
 * nd) and NumPy-style indexing `a[1::2, ::2]`. Member access is allowed only on the nd namespace,
 * arrays and what nd returns, never on names like `constructor` or `__proto__`, and there are no
 * function literals — so no JavaScript can be reached from the text.
 */
import * as nd from '../../../src/nd/index.js';

type Tok = { kind: 'num' | 'str' | 'id' | 'op' | 'idx'; text: string; value?: number | string; pos: number };

export class ExprError extends Error {
  override name = 'SyntaxError';
}

const BLOCKED = new Set([
  'constructor',
  '__proto__',
  'prototype',
  'caller',
  'callee',
  'arguments',
  'call',
  'apply',
  'bind',
]);

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c) && c !== '\n') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      toks.push({ kind: 'op', text: ';', pos: i++ });
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      toks.push({ kind: 'num', text: num[0], value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      if (j >= src.length) throw new ExprError(`unterminated string at ${i + 1}`);
      toks.push({ kind: 'str', text: src.slice(i, j + 1), value: s, pos: i });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (id) {
      toks.push({ kind: 'id', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = /^(\*\*|[-+*/%().,[\]{}:=@])/.exec(src.slice(i));
    if (op) {
      toks.push({ kind: 'op', text: op[0], pos: i });
      i += op[0].length;
      continue;
    }
    throw new ExprError(`unexpected '${c}' at ${i + 1}`);
  }
  return toks;
}

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'var'; name: string }
  | { t: 'arr'; items: Node[] }
  | { t: 'obj'; props: [string, Node][] }
  | { t: 'member'; obj: Node; name: string }
  | { t: 'call'; fn: Node; args: Node[] }
  | { t: 'index'; obj: Node; text: string; exprs: Node[] | null }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'neg'; a: Node }
  | { t: 'assign'; name: string; value: Node };

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly src: string,
  ) {}

  private peek(text?: string): Tok | undefined {
    const tok = this.toks[this.i];
    return text === undefined || tok?.text === text ? tok : undefined;
  }
  private next(): Tok {
    const tok = this.toks[this.i++];
    if (!tok) throw new ExprError('unexpected end of input');
    return tok;
  }
  private expect(text: string): void {
    const tok = this.next();
    if (tok.text !== text) throw new ExprError(`expected '${text}' at ${tok.pos + 1}, got '${tok.text}'`);
  }

  program(): Node[] {
    const out: Node[] = [];
    while (this.i < this.toks.length) {
      if (this.peek(';')) {
        this.i++;
        continue;
      }
      out.push(this.statement());
      if (this.i < this.toks.length) this.expect(';');
    }
    return out;
  }

  private statement(): Node {
    let tok = this.peek();
    if (tok?.kind === 'id' && (tok.text === 'let' || tok.text === 'const')) {
      this.i++;
      tok = this.peek();
    }
    if (tok?.kind === 'id' && this.toks[this.i + 1]?.text === '=') {
      if (tok.text === 'nd' || BLOCKED.has(tok.text)) throw new ExprError(`cannot assign to '${tok.text}'`);
      this.i += 2;
      return { t: 'assign', name: tok.text, value: this.expr() };
    }
    return this.expr();
  }

  expr(): Node {
    let a = this.term();
    while (this.peek('+') || this.peek('-')) {
      const op = this.next().text;
      a = { t: 'bin', op, a, b: this.term() };
    }
    return a;
  }
  private term(): Node {
    let a = this.unary();
    while (this.peek('*') || this.peek('/') || this.peek('%') || this.peek('@')) {
      const op = this.next().text;
      a = { t: 'bin', op, a, b: this.unary() };
    }
    return a;
  }
  private unary(): Node {
    if (this.peek('-')) {
      this.i++;
      return { t: 'neg', a: this.unary() };
    }
    if (this.peek('+')) {
      this.i++;
      return this.unary();
    }
    return this.power();
  }
  private power(): Node {
    const a = this.postfix();
    if (this.peek('**')) {
      this.i++;
      return { t: 'bin', op: '**', a, b: this.unary() };
    }
    return a;
  }
  private postfix(): Node {
    let node = this.primary();
    while (true) {
      if (this.peek('.')) {
        this.i++;
        const name = this.next();
        if (name.kind !== 'id') throw new ExprError(`expected a name after '.' at ${name.pos + 1}`);
        node = { t: 'member', obj: node, name: name.text };
      } else if (this.peek('(')) {
        this.i++;
        const args: Node[] = [];
        while (!this.peek(')')) {
          args.push(this.expr());
          if (!this.peek(')')) this.expect(',');
        }
        this.i++;
        node = { t: 'call', fn: node, args };
      } else if (this.peek('[')) {
        node = this.index(node);
      } else return node;
    }
  }
  /** `a[...]`: NumPy's text form when it has slices/commas/…/None, else an index expression. */
  private index(obj: Node): Node {
    const open = this.next();
    let depth = 1;
    const start = this.i;
    while (depth > 0) {
      const tok = this.next();
      if (tok.text === '[') depth++;
      else if (tok.text === ']') depth--;
    }
    const close = this.toks[this.i - 1];
    const text = this.src.slice(open.pos + 1, close.pos).trim();
    const inner = this.toks.slice(start, this.i - 1);
    const textual = /[:,]|\.\.\.|\bNone\b|\bnewaxis\b/.test(text) && !inner.some((k) => k.text === '[');
    let exprs: Node[] | null = null;
    if (!textual) {
      const sub = new Parser(inner, this.src);
      exprs = [sub.expr()];
      while (sub.peek(',')) {
        sub.i++;
        exprs.push(sub.expr());
      }
      if (sub.i !== inner.length) throw new ExprError(`cannot read the index '${text}'`);
    }
    return { t: 'index', obj, text, exprs };
  }
  private primary(): Node {
    const tok = this.next();
    if (tok.kind === 'num' || tok.kind === 'str') return { t: 'lit', v: tok.value };
    if (tok.kind === 'id') {
      if (tok.text === 'true' || tok.text === 'True') return { t: 'lit', v: true };
      if (tok.text === 'false' || tok.text === 'False') return { t: 'lit', v: false };
      if (tok.text === 'null' || tok.text === 'None') return { t: 'lit', v: null };
      return { t: 'var', name: tok.text };
    }
    if (tok.text === '(') {
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (tok.text === '[') {
      const items: Node[] = [];
      while (!this.peek(']')) {
        items.push(this.expr());
        if (!this.peek(']')) this.expect(',');
      }
      this.i++;
      return { t: 'arr', items };
    }
    if (tok.text === '{') {
      const props: [string, Node][] = [];
      while (!this.peek('}')) {
        const key = this.next();
        if (key.kind !== 'id' && key.kind !== 'str') throw new ExprError(`expected a key at ${key.pos + 1}`);
        this.expect(':');
        props.push([String(key.kind === 'id' ? key.text : key.value), this.expr()]);
        if (!this.peek('}')) this.expect(',');
      }
      this.i++;
      return { t: 'obj', props };
    }
    throw new ExprError(`unexpected '${tok.text}' at ${tok.pos + 1}`);
  }
}

/** Objects whose members may be read: nd's namespaces, arrays, generators and what they return. */
function readable(obj: unknown, name: string): boolean {
  if (BLOCKED.has(name) || name.startsWith('_')) return false;
  if (obj === nd || obj === nd.random || obj === nd.linalg) return name in (obj as object);
  if (obj instanceof nd.NDArray) return name in obj;
  if (Array.isArray(obj)) return name === 'length' || /^\d+$/.test(name);
  if (obj instanceof nd.random.Generator) return name in obj;
  if (obj && typeof obj === 'object' && Object.getPrototypeOf(obj) === Object.prototype)
    return Object.hasOwn(obj, name);
  return false;
}

const ARITH: Record<string, (a: nd.NDArray | number, b: nd.NDArray | number) => nd.NDArray> = {
  '+': (a, b) => nd.add(a, b),
  '-': (a, b) => nd.subtract(a, b),
  '*': (a, b) => nd.multiply(a, b),
  '/': (a, b) => nd.divide(a, b),
  '%': (a, b) => nd.mod(a, b),
  '**': (a, b) => nd.power(a, b),
  '@': (a, b) => nd.matmul(a as nd.NDArray, b as nd.NDArray),
};

/** A playground session: its variables persist between evaluations. */
export class Session {
  readonly vars = new Map<string, unknown>();

  /** Evaluates every statement; returns the value of the last one. */
  evaluate(src: string): unknown {
    const nodes = new Parser(tokenize(src), src).program();
    let last: unknown = undefined;
    for (const n of nodes) last = this.eval(n);
    return last;
  }

  private eval(n: Node): unknown {
    switch (n.t) {
      case 'lit':
        return n.v;
      case 'var':
        if (n.name === 'nd') return nd;
        if (this.vars.has(n.name)) return this.vars.get(n.name);
        throw new ReferenceError(`name '${n.name}' is not defined`);
      case 'arr':
        return n.items.map((x) => this.eval(x));
      case 'obj':
        return Object.fromEntries(n.props.map(([k, v]) => [k, this.eval(v)]));
      case 'assign': {
        const v = this.eval(n.value);
        this.vars.set(n.name, v);
        return v;
      }
      case 'member': {
        const obj = this.eval(n.obj);
        if (!readable(obj, n.name)) throw new TypeError(`'${n.name}' is not available here`);
        const v = (obj as Record<string, unknown>)[n.name];
        return typeof v === 'function' ? { fn: v as (...a: unknown[]) => unknown, self: obj } : v;
      }
      case 'call': {
        const f = this.eval(n.fn) as { fn?: (...a: unknown[]) => unknown; self?: unknown };
        if (!f || typeof f.fn !== 'function')
          throw new TypeError('only functions of nd and of arrays can be called');
        return f.fn.apply(
          f.self,
          n.args.map((a) => this.unwrap(this.eval(a))),
        );
      }
      case 'index': {
        const obj = this.unwrap(this.eval(n.obj));
        if (Array.isArray(obj) && n.exprs) return obj[Number(this.eval(n.exprs[0]))];
        if (!(obj instanceof nd.NDArray)) throw new TypeError('only arrays can be indexed');
        if (!n.exprs) return obj.get(n.text);
        const idx = n.exprs.map((e) => {
          const v = this.unwrap(this.eval(e));
          return Array.isArray(v) ? nd.array(v as number[]) : v;
        });
        return obj.get(...(idx as Parameters<nd.NDArray['get']>));
      }
      case 'neg': {
        const a = this.unwrap(this.eval(n.a));
        return typeof a === 'number' ? -a : nd.negative(a as nd.NDArray);
      }
      case 'bin': {
        const a = this.unwrap(this.eval(n.a));
        const b = this.unwrap(this.eval(n.b));
        if (typeof a === 'string' && typeof b === 'string' && n.op === '+') return a + b;
        if (typeof a === 'number' && typeof b === 'number' && n.op !== '@') {
          return n.op === '+'
            ? a + b
            : n.op === '-'
              ? a - b
              : n.op === '*'
                ? a * b
                : n.op === '/'
                  ? a / b
                  : n.op === '%'
                    ? a % b
                    : a ** b;
        }
        const toArr = (x: unknown) =>
          Array.isArray(x) ? nd.array(x as number[]) : (x as nd.NDArray | number);
        return ARITH[n.op](toArr(a), toArr(b));
      }
    }
  }

  /** A bare method reference used as a value is not allowed out of the sandbox. */
  private unwrap(v: unknown): unknown {
    if (v && typeof v === 'object' && 'fn' in v && 'self' in v)
      throw new TypeError('a function cannot be passed as a value; call it');
    return v;
  }
}

export interface Described {
  text: string;
  kind: string;
  shape?: string;
  dtype?: string;
  view?: boolean;
}

/** The value, and for arrays its shape, dtype and whether it is a view. */
export function describe(v: unknown): Described {
  if (v instanceof nd.NDArray) {
    const shape = v.shape.length === 1 ? `(${v.shape[0]},)` : `(${v.shape.join(', ')})`;
    return { text: v.toString(), kind: 'ndarray', shape, dtype: v.dtype, view: v.base !== null };
  }
  if (v && typeof v === 'object' && 'fn' in v)
    return { text: '<function> (call it with (…))', kind: 'function' };
  if (typeof v === 'boolean') return { text: v ? 'True' : 'False', kind: 'bool' };
  if (Array.isArray(v)) return { text: `(${v.join(', ')}${v.length === 1 ? ',' : ''})`, kind: 'tuple' };
  if (v === undefined) return { text: '', kind: 'none' };
  return { text: String(v), kind: typeof v };
}
