/**
 * The two other styles of guide ch.05 besides `loss.backward()`:
 * JAX's `grad(f, argnums)` / `valueAndGrad`, and TensorFlow's `GradientTape`.
 * All three run the same engine (engine.ts).
 */
import { NDArray } from '../nd/ndarray.js';
import { ValueError, formatShape } from '../nd/errors.js';
import { ones, zeros } from '../nd/creation.js';
import { backpropagate, enableGrad } from './engine.js';
import { Tensor, tensor } from './tensor.js';

type Arg = Tensor | NDArray | number | number[] | number[][];

/** Arguments we differentiate with respect to become tensors that require grad. */
function asDifferentiable(x: Arg): Tensor {
  if (x instanceof Tensor) return x.requiresGrad ? x : new Tensor(x.data, { requiresGrad: true });
  if (x instanceof NDArray)
    return new Tensor(x.dtype === 'float32' ? x : x.astype('float64'), { requiresGrad: true });
  return tensor(x as number[], { dtype: 'float64', requiresGrad: true });
}

function scalarOutput(out: unknown, who: string): Tensor {
  if (!(out instanceof Tensor) || out.size !== 1) {
    const shape = out instanceof Tensor ? formatShape(out.shape) : typeof out;
    throw new ValueError(`${who}: the function must return a scalar Tensor (one element), got ${shape}`);
  }
  return out;
}

/**
 * JAX's `value_and_grad`: returns a function giving [f(...args), ∂f/∂args[argnums]]. With a list
 * of argnums, the gradient is a list. Gradients are differentiable, so `grad(grad(f))` works.
 */
export function valueAndGrad<A extends Arg[]>(
  f: (...args: Tensor[]) => Tensor,
  argnums: number | number[] = 0,
): (...args: A) => [Tensor, Tensor | Tensor[]] {
  return (...args: A) => {
    const nums = typeof argnums === 'number' ? [argnums] : argnums;
    for (const n of nums) {
      if (n < 0 || n >= args.length) {
        throw new ValueError(
          `grad: argnums ${n} is out of range for a function called with ${args.length} arguments`,
        );
      }
    }
    const inputs = args.map((x, i) =>
      nums.includes(i)
        ? asDifferentiable(x)
        : x instanceof Tensor
          ? x
          : tensor(x as number[], { dtype: 'float64' }),
    );
    const out = scalarOutput(
      enableGrad(() => f(...inputs)),
      'grad',
    );
    const targets = nums.map((i) => inputs[i]);
    const seed = new Tensor(ones(out.shape, { dtype: out.dtype }));
    const grads = out.requiresGrad
      ? backpropagate(out, seed, { targets, createGraph: true })
      : targets.map(() => null);
    const filled = grads.map((g, k) => g ?? new Tensor(zeros(targets[k].shape, { dtype: targets[k].dtype })));
    return [out, typeof argnums === 'number' ? filled[0] : filled];
  };
}

/** JAX's `grad`: a function returning ∂f/∂args[argnums] (a list for a list of argnums). */
export function grad<A extends Arg[]>(
  f: (...args: Tensor[]) => Tensor,
  argnums: number | number[] = 0,
): (...args: A) => Tensor & Tensor[] {
  const vg = valueAndGrad<A>(f, argnums);
  return ((...args: A) => vg(...args)[1]) as (...args: A) => Tensor & Tensor[];
}

/**
 * TensorFlow's GradientTape: record a computation, then ask for gradients of a target with
 * respect to sources. Tensors that require grad are watched automatically; `watch(t)` adds
 * constants. A tape gives gradients once unless created with `{ persistent: true }`.
 */
export class GradientTape {
  private used = false;
  constructor(readonly opts: { persistent?: boolean } = {}) {}

  /** Starts tracking `t` (a constant becomes differentiable from here on). */
  watch(t: Tensor): void {
    t.requiresGrad_(true);
  }

  /** Runs `fn` while recording (like the body of `with tf.GradientTape() as tape:`). */
  record<T>(fn: (tape: GradientTape) => T): T {
    return enableGrad(() => fn(this));
  }

  /** ∂target/∂source for each source (zeros where the target does not depend on it). */
  gradient(target: Tensor, sources: Tensor[]): Tensor[];
  gradient(target: Tensor, sources: Tensor): Tensor;
  gradient(target: Tensor, sources: Tensor | Tensor[]): Tensor | Tensor[] {
    if (this.used && !this.opts.persistent) {
      throw new ValueError(
        'GradientTape.gradient can only be called once on a non-persistent tape; create it with { persistent: true }',
      );
    }
    this.used = true;
    const list = Array.isArray(sources) ? sources : [sources];
    const seed = new Tensor(ones(target.shape, { dtype: target.dtype }));
    const grads = target.requiresGrad ? backpropagate(target, seed, { targets: list }) : list.map(() => null);
    const out = grads.map((g, k) =>
      g ? g.detach() : new Tensor(zeros(list[k].shape, { dtype: list[k].dtype })),
    );
    return Array.isArray(sources) ? out : out[0];
  }
}
