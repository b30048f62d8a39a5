/**
 * Module and Parameter: PyTorch's `nn.Module` over mlseries tensors.
 *
 * A module's Parameters, buffers and submodules are found by walking its own fields, so a model
 * is written like a PyTorch one:
 *
 * ```ts
 * class MLP extends nn.Module {
 *   fc1 = new nn.Linear(2, 16);
 *   fc2 = new nn.Linear(16, 1);
 *   forward(x: Tensor): Tensor {
 *     return this.fc2.call(this.fc1.call(x).relu()); // (B, 1)
 *   }
 * }
 * ```
 *
 * Names in `namedParameters()` and `stateDict()` are the field names in snake_case (`runningMean`
 * → `running_mean`, `selfAttn` → `self_attn`), so state dicts use PyTorch's keys and load into
 * the same architecture on either side.
 */
import { NDArray } from '../nd/ndarray.js';
import { copyto } from '../nd/manip.js';
import { ShapeError, ValueError, formatShape } from '../nd/errors.js';
import type { DType } from '../nd/dtype.js';
import { Tensor } from '../autograd/tensor.js';

/** A tensor that is a module's learnable state: it requires grad unless told otherwise. */
export class Parameter extends Tensor {
  constructor(data: NDArray, requiresGrad = true) {
    super(data, { requiresGrad });
  }
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}

/** Parameters and buffers by name, as `stateDict()` returns them (values share memory). */
export type StateDict = Record<string, NDArray>;

/** Any module, whatever its forward's signature. */
export type AnyModule = Module<never[], unknown>;

/** Called after every `call` with the module, its arguments and its output. */
export type ForwardHook = (module: AnyModule, inputs: unknown[], output: unknown) => void;

/** camelCase → snake_case (`runningMean` → `running_mean`); other names are kept. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Base class of every layer and model. Subclasses assign Parameters and submodules to fields
 * (registered automatically), register buffers with `registerBuffer`, and implement `forward`;
 * callers use `call`, which also runs forward hooks.
 */
export abstract class Module<I extends unknown[] = [Tensor], O = Tensor> {
  /** Training mode (dropout active, batch statistics); switched by `train()` / `eval()`. */
  training = true;

  constructor() {
    // internal records stay non-enumerable so the field walk never sees them
    Object.defineProperty(this, '_buffers', { value: new Set<string>(), enumerable: false });
    Object.defineProperty(this, '_hooks', { value: [] as ForwardHook[], enumerable: false });
  }

  /** The computation; call it through {@link Module.call}. */
  abstract forward(...args: I): O;

  /** Runs `forward` and then the forward hooks (PyTorch's `module(x)`). */
  call(...args: I): O {
    const out = this.forward(...args);
    const hooks = this.hooks();
    for (const h of hooks) h(this as unknown as AnyModule, args, out);
    return out;
  }

  /** Adds a hook that sees every output (for visualising intermediates); returns a remover. */
  registerForwardHook(hook: ForwardHook): { remove: () => void } {
    this.hooks().push(hook);
    return {
      remove: () => {
        const list = this.hooks();
        const i = list.indexOf(hook);
        if (i >= 0) list.splice(i, 1);
      },
    };
  }

  private hooks(): ForwardHook[] {
    return (this as unknown as { _hooks: ForwardHook[] })._hooks;
  }
  private bufferNames(): Set<string> {
    return (this as unknown as { _buffers: Set<string> })._buffers;
  }

  /**
   * Stores `value` in field `name` as a buffer: state that is saved in `stateDict()` and moved by
   * `to()` but is not a Parameter (BatchNorm's running statistics).
   */
  registerBuffer(name: string, value: NDArray | null): void {
    this.bufferNames().add(name);
    (this as unknown as Record<string, unknown>)[name] = value;
  }

  /**
   * The module's own entries in registration order: [field, value] pairs. Containers override it
   * to list their children under '0', '1', … or their keys.
   */
  protected entries(): [string, unknown][] {
    return Object.keys(this).map((k) => [k, (this as unknown as Record<string, unknown>)[k]]);
  }

  /** Direct Parameters by (snake_case) name. */
  private ownParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [k, v] of this.entries()) if (v instanceof Parameter) out.push([snakeCase(k), v]);
    return out;
  }

  /** Direct buffers by (snake_case) name, skipping unset (null) ones. */
  namedBuffers(prefix = '', recurse = true): [string, NDArray][] {
    const out: [string, NDArray][] = [];
    for (const name of this.bufferNames()) {
      const v = (this as unknown as Record<string, unknown>)[name];
      if (v instanceof NDArray) out.push([prefix + snakeCase(name), v]);
    }
    if (recurse)
      for (const [n, m] of this.namedChildren()) out.push(...m.namedBuffers(`${prefix}${n}.`, true));
    return out;
  }

  buffers(recurse = true): NDArray[] {
    return this.namedBuffers('', recurse).map(([, b]) => b);
  }

  /** Direct submodules by name. */
  namedChildren(): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    for (const [k, v] of this.entries())
      if (v instanceof Module) out.push([this.childName(k), v as AnyModule]);
    return out;
  }

  /** How a field name appears in paths; containers keep their keys as given. */
  protected childName(field: string): string {
    return snakeCase(field);
  }

  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, depth first, each once. */
  namedModules(prefix = '', seen = new Set<AnyModule>()): [string, AnyModule][] {
    const self = this as unknown as AnyModule;
    if (seen.has(self)) return [];
    seen.add(self);
    const out: [string, AnyModule][] = [[prefix, self]];
    for (const [n, m] of this.namedChildren())
      out.push(...m.namedModules(prefix ? `${prefix}.${n}` : n, seen));
    return out;
  }

  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every Parameter with its dotted path (`encoder.layers.0.linear1.weight`), shared ones once. */
  namedParameters(prefix = '', recurse = true): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    const seen = new Set<Parameter>();
    const walk = (m: AnyModule, pre: string): void => {
      for (const [n, p] of m.ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        out.push([pre + n, p]);
      }
      if (recurse) for (const [n, c] of m.namedChildren()) walk(c, `${pre}${n}.`);
    };
    walk(this as unknown as AnyModule, prefix);
    return out;
  }

  parameters(recurse = true): Parameter[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }

  /** Sets training mode here and in every submodule. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: dropout off, running statistics in normalisation layers. */
  eval(): this {
    return this.train(false);
  }

  /** Calls `fn` on every submodule (children first) and then on this module. */
  apply(fn: (m: AnyModule) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this as unknown as AnyModule);
    return this;
  }

  /** Clears the gradient of every parameter (PyTorch's `zero_grad(set_to_none=True)`). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Converts every parameter and floating buffer to `dtype` in place (keeps Parameter identity). */
  to(dtype: DType): this {
    for (const p of this.parameters()) {
      if (p.dtype !== dtype) {
        p.data = p.data.astype(dtype);
        p.grad = null;
      }
    }
    for (const m of this.modules()) {
      for (const name of m.bufferNames()) {
        const v = (m as unknown as Record<string, unknown>)[name];
        if (v instanceof NDArray && (v.dtype === 'float32' || v.dtype === 'float64') && v.dtype !== dtype) {
          (m as unknown as Record<string, unknown>)[name] = v.astype(dtype);
        }
      }
    }
    return this;
  }

  /**
   * Parameters and buffers by dotted name, PyTorch's order (own entries before submodules'). The
   * arrays share memory with the module; copy them to keep a snapshot.
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    const walk = (m: AnyModule, pre: string): void => {
      for (const [n, p] of m.ownParameters()) out[pre + n] = p.data;
      for (const [n, b] of m.namedBuffers('', false)) out[pre + n] = b;
      for (const [n, c] of m.namedChildren()) walk(c, `${pre}${n}.`);
    };
    walk(this as unknown as AnyModule, '');
    return out;
  }

  /**
   * Copies values into the parameters and buffers. Shapes must match; with `strict` (default)
   * the keys must match exactly. Nothing is changed when an error is thrown.
   */
  loadStateDict(
    state: StateDict,
    opts: { strict?: boolean } = {},
  ): { missingKeys: string[]; unexpectedKeys: string[] } {
    const strict = opts.strict ?? true;
    const targets = new Map<string, { get: () => NDArray; set: (v: NDArray) => void }>();
    const walk = (m: AnyModule, pre: string): void => {
      for (const [n, p] of m.ownParameters())
        targets.set(pre + n, { get: () => p.data, set: (v) => copyto(p.data, v) });
      for (const name of m.bufferNames()) {
        const rec = m as unknown as Record<string, unknown>;
        if (!(rec[name] instanceof NDArray)) continue;
        targets.set(pre + snakeCase(name), {
          get: () => rec[name] as NDArray,
          set: (v) => copyto(rec[name] as NDArray, v, { casting: 'unsafe' }),
        });
      }
      for (const [n, c] of m.namedChildren()) walk(c, `${pre}${n}.`);
    };
    walk(this as unknown as AnyModule, '');
    const missingKeys = [...targets.keys()].filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !targets.has(k));
    const problems: string[] = [];
    if (strict && missingKeys.length > 0)
      problems.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}.`);
    if (strict && unexpectedKeys.length > 0)
      problems.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}.`);
    for (const [k, t] of targets) {
      const v = state[k];
      if (v === undefined) continue;
      if (!(v instanceof NDArray)) {
        problems.push(`value for ${k} is not an NDArray`);
        continue;
      }
      const want = t.get().shape;
      if (v.ndim !== want.length || v.shape.some((d, i) => d !== want[i])) {
        problems.push(
          `size mismatch for ${k}: copying a param with shape ${formatShape(v.shape)} from checkpoint, the shape in current model is ${formatShape(want)}.`,
        );
      }
    }
    if (problems.length > 0) {
      throw new ValueError(
        `Error(s) in loading state_dict for ${this.constructor.name}:\n\t${problems.join('\n\t')}`,
      );
    }
    for (const [k, t] of targets) if (state[k] !== undefined) t.set(state[k]);
    return { missingKeys, unexpectedKeys };
  }

  /** The part inside the parentheses of this module's repr (`in_features=2, out_features=16`). */
  extraRepr(): string {
    return '';
  }

  /** `Linear(in_features=2, out_features=16)`: how errors name the layer. */
  describe(): string {
    return `${this.constructor.name}(${this.extraRepr()})`;
  }

  /** PyTorch's repr: the module tree, one child per line. */
  toString(): string {
    const kids = this.namedChildren();
    if (kids.length === 0) return this.describe();
    const extra = this.extraRepr();
    const lines = kids.map(([n, m]) => `  (${n}): ${m.toString().replace(/\n/g, '\n  ')}`);
    return `${this.constructor.name}(${extra ? `\n  ${extra}` : ''}\n${lines.join('\n')}\n)`;
  }

  /** Throws a ShapeError that names this layer: `Linear(in_features=784, …): <message>`. */
  shapeError(message: string): ShapeError {
    return new ShapeError(`${this.describe()}: ${message}`);
  }
}

/**
 * A deep copy of a module (PyTorch's `copy.deepcopy`): new Parameters and buffers with copied
 * values, the same structure and settings; generators are shared.
 */
export function cloneModule<M extends AnyModule>(m: M): M {
  const copies = new Map<unknown, unknown>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (copies.has(v)) return copies.get(v);
    if (v instanceof Parameter) {
      const p = new Parameter(v.data.copy(), v.requiresGrad);
      copies.set(v, p);
      return p;
    }
    if (v instanceof NDArray) return v.copy();
    if (Array.isArray(v)) return v.map(copy);
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, copy(x)]));
    if (v instanceof Module) {
      const out = Object.create(Object.getPrototypeOf(v)) as Record<string | symbol, unknown>;
      copies.set(v, out);
      for (const key of Reflect.ownKeys(v)) {
        const desc = Object.getOwnPropertyDescriptor(v, key)!;
        const value: unknown =
          key === '_buffers' ? new Set(desc.value as Set<string>) : key === '_hooks' ? [] : copy(desc.value);
        Object.defineProperty(out, key, { ...desc, value });
      }
      return out;
    }
    return v; // generators, functions, plain settings objects are shared
  };
  return copy(m) as M;
}

/** Formats a shape for messages: `(32,28,28)`. */
export { formatShape };
