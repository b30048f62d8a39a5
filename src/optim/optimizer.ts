/**
 * The Optimizer base: parameter groups (each with its own lr and options), per-parameter state,
 * `zeroGrad`, `step` and `stateDict`/`loadStateDict` in PyTorch's shape.
 *
 * Updates happen in place on `p.data`. When the parameter, its gradient and its state are
 * C-contiguous arrays of one float dtype (the usual case) an update is a single loop over the
 * elements (`flat`); otherwise it is a sequence of nd's in-place ufuncs with `out:` buffers. The
 * state tensors and one or two scratch arrays per parameter are allocated on the first step and
 * reused on every later one.
 */
import { NDArray, flatFloatData } from '../nd/ndarray.js';
import { zeros } from '../nd/creation.js';
import { ValueError, formatShape } from '../nd/errors.js';
import type { Tensor } from '../autograd/tensor.js';
import { enableGrad } from '../autograd/engine.js';

/** Hyper-parameters every group has. */
export interface GroupOptions {
  lr: number;
}

/** A parameter group: its tensors and its options (schedulers add `initialLr`). */
export type ParamGroup<O extends GroupOptions> = O & { params: Tensor[]; initialLr?: number };

/** What the constructor accepts: tensors, or groups with per-group overrides. */
export type Params<O extends GroupOptions> = Iterable<Tensor> | (Partial<O> & { params: Iterable<Tensor> })[];

/** One parameter's saved state: buffers (NDArray) and counters (numbers), PyTorch's key names. */
export type ParamState = Record<string, NDArray | number>;

/** An optimizer's state as plain data: state by parameter position, groups by options. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: (Record<string, unknown> & { params: number[] })[];
}

export abstract class Optimizer<O extends GroupOptions = GroupOptions> {
  readonly defaults: O;
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state (created on the first step). */
  readonly state = new Map<Tensor, ParamState>();
  /** Reused scratch arrays per parameter (not saved). */
  private readonly scratch = new Map<Tensor, NDArray[]>();

  constructor(params: Params<O>, defaults: O) {
    this.defaults = defaults;
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0)
      throw new ValueError(`${this.constructor.name}: optimizer got an empty parameter list`);
    const isGroups =
      typeof list[0] === 'object' &&
      list[0] !== null &&
      'params' in (list[0] as object) &&
      !('data' in (list[0] as object));
    if (isGroups)
      for (const g of list as (Partial<O> & { params: Iterable<Tensor> })[]) this.addParamGroup(g);
    else
      this.addParamGroup({ params: list as Tensor[] } as unknown as Partial<O> & {
        params: Iterable<Tensor>;
      });
  }

  /** Adds a group; options it does not set come from the defaults. */
  addParamGroup(group: Partial<O> & { params: Iterable<Tensor> }): void {
    const params = [...group.params];
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    for (const p of params) {
      if (seen.has(p))
        throw new ValueError(
          `${this.constructor.name}: some parameters appear in more than one parameter group`,
        );
      if (!p.requiresGrad)
        throw new ValueError(`${this.constructor.name}: can't optimize a tensor that does not require grad`);
    }
    this.paramGroups.push({ ...this.defaults, ...group, params } as ParamGroup<O>);
  }

  /** Clears gradients: to null (default, PyTorch's set_to_none) or to zeros. */
  zeroGrad(setToNone = true): void {
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (setToNone || p.grad === null) p.grad = null;
        else p.grad.data = zeros([...p.shape], { dtype: p.grad.dtype });
      }
    }
  }

  /**
   * One update of every parameter that has a gradient. With a `closure` (which recomputes and
   * returns the loss, calling backward) the loss is returned.
   */
  step(closure?: () => Tensor | number): number | undefined {
    let loss: number | undefined;
    if (closure) {
      const l = enableGrad(closure);
      loss = typeof l === 'number' ? l : l.item();
    }
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p.grad === null) continue;
        let st = this.state.get(p);
        if (!st) {
          st = {};
          this.state.set(p, st);
        }
        this.update(p, p.grad.data, st, group);
      }
    }
    return loss;
  }

  /** The update rule: changes `p.data` in place from its gradient and state. */
  protected abstract update(p: Tensor, grad: NDArray, state: ParamState, group: ParamGroup<O>): void;

  /** A state buffer of p's shape and dtype, zero-filled on first use. */
  protected buffer(state: ParamState, key: string, p: Tensor, init?: NDArray): NDArray {
    let b = state[key];
    if (!(b instanceof NDArray)) {
      b = init ? init.astype(p.dtype) : zeros([...p.shape], { dtype: p.dtype });
      state[key] = b;
    }
    return b;
  }

  /**
   * The elements of each array as one flat float typed array, when all of them are C-contiguous
   * and of p's float dtype — the layout of the fused single-loop updates; null otherwise (the
   * update then runs as a sequence of nd ufuncs, which handles any layout).
   */
  protected flat(p: Tensor, ...arrays: NDArray[]): (Float32Array | Float64Array)[] | null {
    const out: (Float32Array | Float64Array)[] = [];
    for (const a of [p.data, ...arrays]) {
      const d = a.dtype === p.dtype && a.size === p.size ? flatFloatData(a) : null;
      if (!d) return null;
      out.push(d);
    }
    return out;
  }

  /** The k-th scratch array of p (contents undefined; reused across steps). */
  protected tmp(p: Tensor, k: number): NDArray {
    let list = this.scratch.get(p);
    if (!list) {
      list = [];
      this.scratch.set(p, list);
    }
    let a = list[k];
    if (!a || a.dtype !== p.dtype) {
      a = zeros([...p.shape], { dtype: p.dtype });
      list[k] = a;
    }
    return a;
  }

  /**
   * The state as plain data: parameters are numbered in group order as in PyTorch; buffers are
   * copies, so the dict is a snapshot.
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let n = 0;
    const paramGroups = this.paramGroups.map((g) => {
      const ids = g.params.map((p) => {
        if (!index.has(p)) index.set(p, n++);
        return index.get(p)!;
      });
      const { params: _params, ...opts } = g;
      return { ...opts, params: ids };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, st] of this.state) {
      const id = index.get(p);
      if (id === undefined) continue;
      state[id] = Object.fromEntries(
        Object.entries(st).map(([k, v]) => [k, v instanceof NDArray ? v.copy() : v]),
      );
    }
    return { state, paramGroups };
  }

  /** Restores a state from {@link stateDict}; groups must have the same sizes and shapes. */
  loadStateDict(sd: OptimizerStateDict): void {
    if (sd.paramGroups.length !== this.paramGroups.length) {
      throw new ValueError(
        `${this.constructor.name}.loadStateDict: loaded state dict has ${sd.paramGroups.length} parameter groups, the optimizer has ${this.paramGroups.length}`,
      );
    }
    const byId = new Map<number, Tensor>();
    sd.paramGroups.forEach((g, i) => {
      const mine = this.paramGroups[i].params;
      if (g.params.length !== mine.length) {
        throw new ValueError(
          `${this.constructor.name}.loadStateDict: loaded state dict contains a parameter group of ${g.params.length} parameters, the optimizer's group ${i} has ${mine.length}`,
        );
      }
      g.params.forEach((id, k) => byId.set(id, mine[k]));
    });
    for (const [id, st] of Object.entries(sd.state)) {
      const p = byId.get(Number(id));
      if (!p)
        throw new ValueError(`${this.constructor.name}.loadStateDict: state for unknown parameter ${id}`);
      for (const [k, v] of Object.entries(st)) {
        if (v instanceof NDArray && (v.ndim !== p.ndim || v.shape.some((d, i) => d !== p.shape[i]))) {
          throw new ValueError(
            `${this.constructor.name}.loadStateDict: state '${k}' of parameter ${id} has shape ${formatShape(v.shape)}, the parameter has ${formatShape(p.shape)}`,
          );
        }
      }
    }
    this.state.clear();
    for (const [id, st] of Object.entries(sd.state)) {
      const p = byId.get(Number(id))!;
      this.state.set(
        p,
        Object.fromEntries(
          Object.entries(st).map(([k, v]) => [k, v instanceof NDArray ? v.astype(p.dtype) : v]),
        ),
      );
    }
    sd.paramGroups.forEach((g, i) => {
      const { params: _params, ...opts } = g;
      Object.assign(this.paramGroups[i], opts);
    });
  }
}

/** Shared check for hyper-parameters. */
export function checkRange(
  who: string,
  name: string,
  v: number,
  lo: number,
  hi = Infinity,
  loOpen = false,
): void {
  if (!(loOpen ? v > lo : v >= lo) || !(v <= hi) || Number.isNaN(v)) {
    throw new ValueError(`${who}: invalid ${name} value: ${v}`);
  }
}
