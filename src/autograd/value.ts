/**
 * Value: a scalar that remembers how it was computed — micrograd in TypeScript.
 *
 * Every operation creates a new Value whose `_backward` closure, written right under the
 * forward formula, pushes the output's gradient to the inputs with the local derivative.
 * `backward()` visits the graph in reverse topological order. Derived operations (a − b,
 * a / b) are built from primitives and need no backward of their own.
 *
 * NOTE: the course's own micrograd sends the product rule's gradient to the wrong operand, tests
 * ReLU with `< 9` and lets a `backward` attribute shadow the method; this one does not.
 */
import { ValueError } from '../nd/errors.js';

export type ValueLike = Value | number;

export class Value {
  data: number;
  /** ∂(output of the last backward()) / ∂(this value). */
  grad = 0;
  /** The inputs this value was computed from. */
  readonly children: readonly Value[];
  /** The operation that produced it ('+', '*', 'tanh', …; '' for a leaf). */
  readonly op: string;
  /** A name for graph drawings. */
  label: string;
  private _backward: () => void = () => {};

  constructor(data: number, children: readonly Value[] = [], op = '', label = '') {
    this.data = data;
    this.children = children;
    this.op = op;
    this.label = label;
  }

  static of(x: ValueLike): Value {
    return x instanceof Value ? x : new Value(x);
  }

  add(other: ValueLike): Value {
    const o = Value.of(other);
    const out = new Value(this.data + o.data, [this, o], '+');
    out._backward = () => {
      // d(a+b)/da = 1, d(a+b)/db = 1
      this.grad += out.grad;
      o.grad += out.grad;
    };
    return out;
  }

  mul(other: ValueLike): Value {
    const o = Value.of(other);
    const out = new Value(this.data * o.data, [this, o], '*');
    out._backward = () => {
      // d(ab)/da = b, d(ab)/db = a
      this.grad += o.data * out.grad;
      o.grad += this.data * out.grad;
    };
    return out;
  }

  /** this ** k for a constant exponent k. */
  pow(k: number): Value {
    const out = new Value(Math.pow(this.data, k), [this], `**${k}`);
    out._backward = () => {
      // d(x^k)/dx = k·x^(k−1)
      this.grad += k * Math.pow(this.data, k - 1) * out.grad;
    };
    return out;
  }

  exp(): Value {
    const e = Math.exp(this.data);
    const out = new Value(e, [this], 'exp');
    out._backward = () => {
      // d(e^x)/dx = e^x
      this.grad += e * out.grad;
    };
    return out;
  }

  log(): Value {
    if (this.data <= 0) throw new ValueError(`Value.log: input must be positive, got ${this.data}`);
    const out = new Value(Math.log(this.data), [this], 'log');
    out._backward = () => {
      // d(ln x)/dx = 1/x
      this.grad += out.grad / this.data;
    };
    return out;
  }

  tanh(): Value {
    const t = Math.tanh(this.data);
    const out = new Value(t, [this], 'tanh');
    out._backward = () => {
      // d(tanh x)/dx = 1 − tanh²x
      this.grad += (1 - t * t) * out.grad;
    };
    return out;
  }

  sigmoid(): Value {
    const s = 1 / (1 + Math.exp(-this.data));
    const out = new Value(s, [this], 'sigmoid');
    out._backward = () => {
      // dσ/dx = σ(1 − σ)
      this.grad += s * (1 - s) * out.grad;
    };
    return out;
  }

  relu(): Value {
    const out = new Value(this.data < 0 ? 0 : this.data, [this], 'ReLU');
    out._backward = () => {
      // d relu/dx = 1 where x > 0, else 0
      this.grad += (out.data > 0 ? 1 : 0) * out.grad;
    };
    return out;
  }

  // Derived operations: compositions of the primitives above, no backward of their own.
  neg(): Value {
    return this.mul(-1);
  }
  sub(other: ValueLike): Value {
    return this.add(Value.of(other).neg());
  }
  div(other: ValueLike): Value {
    return this.mul(Value.of(other).pow(-1));
  }
  /** other − this (Python's __rsub__). */
  rsub(other: ValueLike): Value {
    return Value.of(other).sub(this);
  }
  /** other / this (Python's __rtruediv__). */
  rdiv(other: ValueLike): Value {
    return Value.of(other).div(this);
  }

  /** All values this one depends on, inputs before outputs. */
  topo(): Value[] {
    const order: Value[] = [];
    const seen = new Set<Value>();
    // iterative DFS so deep graphs (long training chains) do not overflow the JS stack
    const stack: [Value, boolean][] = [[this, false]];
    while (stack.length > 0) {
      const [v, expanded] = stack.pop()!;
      if (expanded) {
        order.push(v);
        continue;
      }
      if (seen.has(v)) continue;
      seen.add(v);
      stack.push([v, true]);
      for (const c of v.children) if (!seen.has(c)) stack.push([c, false]);
    }
    return order;
  }

  /** Fills `grad` of every value in the graph with ∂this/∂value (this.grad is set to 1). */
  backward(): void {
    const order = this.topo();
    for (const v of order) v.grad = 0;
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i]._backward();
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

/** Shorthand: `v(2)` is `new Value(2)`. */
export function v(x: number, label = ''): Value {
  return new Value(x, [], '', label);
}
