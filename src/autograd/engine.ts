/**
 * The reverse-mode engine: grad mode, the graph node record, and backpropagation.
 *
 * Each Tensor produced by a differentiable op keeps a `Node`: its inputs and a `backward`
 * function mapping the output gradient to one gradient per input. Backward functions are
 * written with Tensor ops, so with `createGraph: true` the gradients are themselves
 * differentiable (grad of grad).
 */
import { ValueError } from '../nd/errors.js';
import { recycle } from '../nd/dtype.js';
import type { Tensor } from './tensor.js';

let gradEnabled = true;

/** Whether ops record graphs (PyTorch's `torch.is_grad_enabled()`). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` with graph recording switched off (PyTorch's `with torch.no_grad():`). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Runs `fn` with graph recording switched on, even inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** How an op's output remembers its inputs. */
export interface Node {
  op: string;
  inputs: Tensor[];
  /** Output gradient → one gradient per input (null where the input needs none). */
  backward: ((g: Tensor) => (Tensor | null)[]) | null;
}

export interface BackwardOptions {
  /** Keep the graph so backward can run again (default false: the graph is freed). */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher derivatives (default false). */
  createGraph?: boolean;
}

/** Every tensor `root` depends on through nodes that require grad, inputs first. */
function topo(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [t, expanded] = stack.pop()!;
    if (expanded) {
      order.push(t);
      continue;
    }
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push([t, true]);
    if (t.node) for (const x of t.node.inputs) if (x.requiresGrad && !seen.has(x)) stack.push([x, false]);
  }
  return order;
}

/**
 * Backpropagates `seed` (∂L/∂root) through the graph of `root`. With `targets`, returns the
 * gradients of those tensors and leaves `.grad` alone (torch.autograd.grad); otherwise
 * accumulates into the `.grad` of every leaf that requires grad (Tensor.backward).
 */
export function backpropagate(
  root: Tensor,
  seed: Tensor,
  opts: BackwardOptions & { targets?: Tensor[] } = {},
): (Tensor | null)[] {
  const order = topo(root);
  const grads = new Map<Tensor, Tensor>();
  grads.set(root, seed);
  // How many gradients handed out during this backward live in each buffer: a leaf may keep the
  // array it receives, instead of copying it, only when nothing else can see that memory.
  const handed = new Map<ArrayBufferLike, number>();
  const hand = (g: Tensor): Tensor => {
    const b = g.data.data.buffer;
    handed.set(b, (handed.get(b) ?? 0) + 1);
    return g;
  };
  hand(seed);
  const forward = new Set(order.map((t) => t.data.data.buffer));
  /** g's array owns memory that no other gradient, forward value or caller can reach. */
  const exclusive = (g: Tensor): boolean => {
    const a = g.data;
    const b = a.data.buffer;
    return (
      g !== seed &&
      a.base === null &&
      a.writeable &&
      a.data.byteLength === b.byteLength &&
      handed.get(b) === 1 &&
      !forward.has(b)
    );
  };
  // An intermediate's gradient that its op's backward has consumed, that nothing else can see and
  // that the graph will not be asked for again, goes back to nd's allocation pool.
  const recycling = !opts.createGraph && !opts.retainGraph && !opts.targets;
  const run = (): void => {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      const g = grads.get(t);
      if (g === undefined) continue;
      const node = t.node;
      if (node === null) continue;
      if (node.backward === null) {
        throw new ValueError(
          `backward: trying to backward through the graph a second time (${node.op}); its saved values were freed after the first backward. Pass { retainGraph: true } to the first call if you need to backward twice.`,
        );
      }
      const gin = node.backward(g);
      for (let k = 0; k < node.inputs.length; k++) {
        const x = node.inputs[k];
        const gx = gin[k];
        if (!x.requiresGrad || gx === null || gx === undefined) continue;
        const prev = grads.get(x);
        grads.set(x, hand(prev === undefined ? gx : prev.add(gx)));
      }
      if (!opts.retainGraph && !opts.targets) node.backward = null;
      if (recycling && !t.retainsGrad && exclusive(g)) {
        const b = g.data.data.buffer;
        if (gin.every((gx) => !gx || gx.data.data.buffer !== b)) {
          grads.delete(t);
          handed.delete(b); // the memory may come back as a new array in this same pass
          recycle(g.data.data);
        }
      }
    }
  };
  if (opts.createGraph) enableGrad(run);
  else noGrad(run);
  if (opts.targets) return opts.targets.map((t) => grads.get(t) ?? null);
  for (const t of order) {
    if (t.node !== null || !t.requiresGrad) {
      if (t.retainsGrad && grads.has(t)) t.grad = accumulate(t.grad, grads.get(t)!, opts.createGraph);
      continue;
    }
    const g = grads.get(t);
    if (g !== undefined) t.grad = accumulate(t.grad, g, opts.createGraph, exclusive(g));
  }
  return [];
}

/**
 * `.grad` after one more backward. NOTE: the gradient an op hands back may be a view shared with
 * other tensors (a + b gives both inputs the same array; sum's backward gives a read-only
 * broadcast view), so a leaf's first `.grad` is copied into memory of its own: optimisers and
 * clipping may then update it in place. The copy is skipped when backpropagate knows the array is
 * exclusive: a fresh array (not a view) handed to this leaf alone, not the seed, not forward data.
 */
function accumulate(prev: Tensor | null, g: Tensor, createGraph = false, exclusive = false): Tensor {
  if (createGraph) return prev === null ? g : prev.add(g);
  if (prev === null) {
    const own = g.detach();
    own.data = exclusive ? g.data : g.data.copy();
    return own;
  }
  return noGrad(() => prev.add(g)).detach();
}
