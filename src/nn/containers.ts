/** Containers: Sequential (a chain), ModuleList (an indexable list) and ModuleDict (by name). */
import { IndexError, ValueError } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { Module, type AnyModule } from './module.js';

/** A module that maps one tensor to one tensor (what Sequential chains). */
export type TensorModule = Module<[Tensor], Tensor>;

/**
 * Runs its modules in order, each on the previous one's output. Children are named '0', '1', …
 * or by the keys of the object passed in.
 */
export class Sequential extends Module {
  private readonly items: [string, TensorModule][] = [];

  constructor(...modules: TensorModule[] | [Record<string, TensorModule>]) {
    super();
    if (modules.length === 1 && !(modules[0] instanceof Module)) {
      for (const [k, m] of Object.entries(modules[0] as Record<string, TensorModule>))
        this.items.push([k, m]);
    } else {
      (modules as TensorModule[]).forEach((m, i) => this.items.push([String(i), m]));
    }
  }

  protected override entries(): [string, unknown][] {
    return this.items;
  }
  protected override childName(field: string): string {
    return field;
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const [, m] of this.items) y = m.call(y);
    return y;
  }

  /** Adds a module at the end (named by its position). */
  append(m: TensorModule): this {
    this.items.push([String(this.items.length), m]);
    return this;
  }

  /** The i-th module (negative counts from the end). */
  at(i: number): TensorModule {
    const j = i < 0 ? i + this.items.length : i;
    if (j < 0 || j >= this.items.length)
      throw new IndexError(`Sequential: index ${i} is out of range for ${this.items.length} modules`);
    return this.items[j][1];
  }

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<TensorModule> {
    return this.items.map(([, m]) => m)[Symbol.iterator]();
  }
}

/** Holds submodules in a list so they are registered (a plain array field is not). */
export class ModuleList<M extends AnyModule = AnyModule> extends Module<never[], never> {
  private readonly items: M[] = [];

  constructor(modules: readonly M[] = []) {
    super();
    this.items.push(...modules);
  }

  protected override entries(): [string, unknown][] {
    return this.items.map((m, i) => [String(i), m]);
  }
  protected override childName(field: string): string {
    return field;
  }

  forward(): never {
    throw new ValueError('ModuleList has no forward: iterate over it and call its modules');
  }

  append(m: M): this {
    this.items.push(m);
    return this;
  }

  at(i: number): M {
    const j = i < 0 ? i + this.items.length : i;
    if (j < 0 || j >= this.items.length)
      throw new IndexError(`ModuleList: index ${i} is out of range for ${this.items.length} modules`);
    return this.items[j];
  }

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.items[Symbol.iterator]();
  }
}

/** Holds submodules by name, in insertion order. */
export class ModuleDict<M extends AnyModule = AnyModule> extends Module<never[], never> {
  private readonly items = new Map<string, M>();

  constructor(modules: Record<string, M> = {}) {
    super();
    for (const [k, m] of Object.entries(modules)) this.items.set(k, m);
  }

  protected override entries(): [string, unknown][] {
    return [...this.items.entries()];
  }
  protected override childName(field: string): string {
    return field;
  }

  forward(): never {
    throw new ValueError('ModuleDict has no forward: look up its modules and call them');
  }

  get(key: string): M {
    const m = this.items.get(key);
    if (!m)
      throw new ValueError(
        `ModuleDict: no module named '${key}' (keys: ${[...this.items.keys()].join(', ')})`,
      );
    return m;
  }
  set(key: string, m: M): this {
    this.items.set(key, m);
    return this;
  }
  has(key: string): boolean {
    return this.items.has(key);
  }
  keys(): string[] {
    return [...this.items.keys()];
  }
  values(): M[] {
    return [...this.items.values()];
  }
  get size(): number {
    return this.items.size;
  }
}
