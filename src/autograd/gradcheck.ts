/**
 * gradcheck: compares the gradients autograd computes with central finite differences, in
 * float64. Usable by learners on their own functions:
 *
 * ```ts
 * gradcheck((x, w) => x.matmul(w).tanh(), [x, w]); // true, or throws with the worst element
 * ```
 */
import { NDArray } from '../nd/ndarray.js';
import { ValueError, DTypeError } from '../nd/errors.js';
import { arange } from '../nd/creation.js';
import { sin } from '../nd/ufunc.js';
import { noGrad } from './engine.js';
import { Tensor } from './tensor.js';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Throw a descriptive error on mismatch (default true); otherwise return false. */
  raiseException?: boolean;
}

/** Checks ∂(Σ w·f(inputs))/∂input for every input that requires grad, w a fixed weighting. */
export function gradcheck(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  opts: GradcheckOptions = {},
): boolean {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  for (const x of inputs) {
    if (x.requiresGrad && x.dtype !== 'float64') {
      throw new DTypeError(
        `gradcheck: inputs that require grad must be float64 for finite differences, got ${x.dtype}`,
      );
    }
  }
  // a fixed, uneven weighting of the outputs so every output element matters differently
  const weights = (y: Tensor): Tensor =>
    new Tensor(
      sin(arange(y.size, undefined, 1, { dtype: 'float64' }).mul(0.7))
        .add(1.3)
        .reshape([...y.shape])
        .astype(y.dtype),
    );
  const y0 = f(...inputs);
  const w = weights(y0);
  const scalar = (y: Tensor): number =>
    Number(y.data.astype('float64').mul(w.data.astype('float64')).sum().item());
  for (const x of inputs) x.grad = null;
  if (!y0.requiresGrad)
    throw new ValueError('gradcheck: the output does not depend on any input that requires grad');
  y0.mul(w).sum().backward();
  for (let k = 0; k < inputs.length; k++) {
    const x = inputs[k];
    if (!x.requiresGrad) continue;
    const analytic = x.grad ? x.grad.data.astype('float64').toTypedArray() : new Float64Array(x.size);
    const flat = x.data.flat;
    for (let i = 0; i < x.size; i++) {
      const orig = Number(flat.get(i).item());
      flat.set(i, orig + eps);
      const up = noGrad(() => scalar(f(...inputs)));
      flat.set(i, orig - eps);
      const down = noGrad(() => scalar(f(...inputs)));
      flat.set(i, orig);
      const numeric = (up - down) / (2 * eps);
      const a = analytic[i];
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        if (opts.raiseException === false) return false;
        throw new ValueError(
          `gradcheck: Jacobian mismatch for input ${k} at flat index ${i}: analytical ${a}, numerical ${numeric} (|diff| ${Math.abs(a - numeric).toExponential(3)})`,
        );
      }
    }
  }
  return true;
}

export type { NDArray };
