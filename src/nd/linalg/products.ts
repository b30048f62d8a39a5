/**
 * Products of arrays: `dot`, `matmul`, `inner`, `outer`, `tensordot`, `vdot`, `kron`, `trace`,
 * `multiDot`, `matrixPower` (and `einsum`, re-exported from einsum.ts).
 *
 * Every contraction ends in one GEMM call on (possibly strided) 2-D views or a batch of them
 * (core.ts → kernels/js/gemm_nd.ts); the functions here only move axes so that the summed ones
 * meet in the middle. Result dtypes follow NumPy: the promoted type of the operands (int @ int
 * stays integer and wraps like NumPy's, bool @ bool is bool, float32 @ float32 is float32).
 */
import { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { isFloat, promoteTypes, type DType } from '../dtype.js';
import { ShapeError, ValueError, formatShape } from '../errors.js';
import { broadcastShapes, normalizeAxis, shapeSize } from '../shape.js';
import { moveaxis, reshape, transpose } from '../views.js';
import { multiply } from '../ufunc.js';
import {
  assertStackedSquare,
  batchedProduct,
  diagonalView,
  emptyArray,
  gufuncBroadcastError,
  product2d,
  sumAxes,
} from './core.js';
import { LinAlgError } from './errors.js';
import { inv } from './lu.js';

export { einsum } from './einsum.js';

const MATMUL_SIGNATURE = '(n?,k),(k,m?)->(n?,m?)';

/** A 1-D array of length k seen as a (1, k) row or a (k, 1) column, without copying. */
function asRow(v: NDArray): NDArray {
  return new NDArray(v.data, [1, v.shape[0]], [0, v.strides[0]], v.offset, v.dtype, v.base ?? v, false);
}
function asColumn(v: NDArray): NDArray {
  return new NDArray(v.data, [v.shape[0], 1], [v.strides[0], 0], v.offset, v.dtype, v.base ?? v, false);
}

/**
 * Matrix product with NumPy's `matmul` rules: (…, n, k) @ (…, k, m) → (…, n, m) with the batch
 * dimensions broadcast; a 1-D first operand is a row (its axis is removed from the result), a 1-D
 * second operand a column. 0-d operands are an error (use `multiply`).
 *
 * ```ts
 * nd.matmul(nd.ones([2, 3, 4]), nd.ones([4, 5])).shape; // [2, 3, 5]
 * ```
 */
export function matmul(x1: ArrayLike, x2: ArrayLike): NDArray {
  const a = asarray(x1);
  const b = asarray(x2);
  for (const [i, op] of [a, b].entries()) {
    if (op.ndim === 0) {
      throw new ShapeError(
        `matmul: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature ${MATMUL_SIGNATURE} requires 1)`,
      );
    }
  }
  const a2 = a.ndim === 1 ? asRow(a) : a; // (…, n, k)
  const b2 = b.ndim === 1 ? asColumn(b) : b; // (…, k, m)
  const n = a2.shape[a2.ndim - 2];
  const k = a2.shape[a2.ndim - 1];
  const kb = b2.shape[b2.ndim - 2];
  const m = b2.shape[b2.ndim - 1];
  if (k !== kb) {
    throw new ShapeError(
      `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${MATMUL_SIGNATURE} (size ${kb} is different from ${k})`,
    );
  }
  let batch: number[];
  try {
    batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  } catch {
    throw new ShapeError(gufuncBroadcastError(a.shape, 2, b.shape, 2, [n, m]));
  }
  const out = batchedProduct(a2, b2, batch, promoteTypes(a.dtype, b.dtype)); // (…, n, m)
  if (a.ndim > 1 && b.ndim > 1) return out;
  const shape = [...batch];
  if (a.ndim > 1) shape.push(n);
  if (b.ndim > 1) shape.push(m);
  return reshape(out, shape);
}

/**
 * NumPy's `dot`: scalars multiply; 1-D · 1-D is the inner product (a 0-d array); otherwise the
 * sum runs over the last axis of `a` and the second-to-last of `b` (the last if `b` is 1-D):
 * result shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:].
 */
export function dot(x1: ArrayLike, x2: ArrayLike): NDArray {
  const a = asarray(x1);
  const b = asarray(x2);
  if (a.ndim === 0 || b.ndim === 0) return multiply(a, b);
  const dimB = b.ndim === 1 ? 0 : b.ndim - 2;
  const k = a.shape[a.ndim - 1];
  if (k !== b.shape[dimB]) {
    throw new ShapeError(
      `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} not aligned: ${k} (dim ${a.ndim - 1}) != ${b.shape[dimB]} (dim ${dimB})`,
    );
  }
  const lead = a.shape.slice(0, -1);
  const a2 = reshape(a, [shapeSize(lead), k]); // (M, K)
  let b2: NDArray; // (K, N)
  let tail: number[];
  if (b.ndim === 1) {
    b2 = asColumn(b);
    tail = [];
  } else if (b.ndim === 2) {
    b2 = b;
    tail = [b.shape[1]];
  } else {
    tail = [...b.shape.slice(0, -2), b.shape[b.ndim - 1]];
    b2 = reshape(moveaxis(b, b.ndim - 2, 0), [k, shapeSize(tail)]);
  }
  const out = product2d(a2, b2, promoteTypes(a.dtype, b.dtype)); // (M, N)
  return reshape(out, [...lead, ...tail]);
}

/**
 * Inner product over the last axes: result shape a.shape[:-1] + b.shape[:-1]. Scalars multiply.
 */
export function inner(x1: ArrayLike, x2: ArrayLike): NDArray {
  const a = asarray(x1);
  const b = asarray(x2);
  if (a.ndim === 0 || b.ndim === 0) return multiply(a, b);
  const k = a.shape[a.ndim - 1];
  const kb = b.shape[b.ndim - 1];
  if (k !== kb) {
    // NumPy reports b with its last axis moved to the front
    const bMoved = [kb, ...b.shape.slice(0, -1)];
    throw new ShapeError(
      `shapes ${formatShape(a.shape)} and ${formatShape(bMoved)} not aligned: ${k} (dim ${a.ndim - 1}) != ${kb} (dim 0)`,
    );
  }
  return tensordot(a, b, [[a.ndim - 1], [b.ndim - 1]]);
}

/** Outer product of the flattened inputs: out[i, j] = a.flat[i] · b.flat[j], shape (M, N). */
export function outer(x1: ArrayLike, x2: ArrayLike): NDArray {
  const a = asarray(x1);
  const b = asarray(x2);
  const a2 = reshape(a, [a.size, 1]);
  const b2 = reshape(b, [1, b.size]);
  return product2d(a2, b2, promoteTypes(a.dtype, b.dtype));
}

/** Axes for `tensordot`: a count N (last N of a with first N of b) or a pair of axis lists. */
export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]];

/**
 * Sums products over the given axes of `a` and `b` (NumPy's `tensordot`); the result has the
 * free axes of `a` followed by the free axes of `b`.
 *
 * ```ts
 * nd.tensordot(a, b, 1);               // a (…, k) · b (k, …)
 * nd.tensordot(a, b, [[1, 0], [0, 1]]); // sums a's axes 1, 0 with b's 0, 1
 * ```
 */
export function tensordot(x1: ArrayLike, x2: ArrayLike, axes: TensordotAxes = 2): NDArray {
  const a = asarray(x1);
  const b = asarray(x2);
  let axA: number[];
  let axB: number[];
  if (typeof axes === 'number') {
    if (!Number.isInteger(axes) || axes < 0) {
      throw new ValueError(`tensordot: axes must be a non-negative integer, got ${axes}`);
    }
    axA = Array.from({ length: axes }, (_, i) => a.ndim - axes + i);
    axB = Array.from({ length: axes }, (_, i) => i);
  } else {
    const [p, q] = axes;
    axA = typeof p === 'number' ? [p] : [...p];
    axB = typeof q === 'number' ? [q] : [...q];
  }
  if (axA.length !== axB.length) throw new ShapeError('shape-mismatch for sum');
  axA = axA.map((x) => normalizeAxis(x, a.ndim, 'tensordot'));
  axB = axB.map((x) => normalizeAxis(x, b.ndim, 'tensordot'));
  for (let i = 0; i < axA.length; i++) {
    if (a.shape[axA[i]] !== b.shape[axB[i]]) throw new ShapeError('shape-mismatch for sum');
  }
  const freeA = a.shape.map((_, i) => i).filter((i) => !axA.includes(i));
  const freeB = b.shape.map((_, i) => i).filter((i) => !axB.includes(i));
  const shapeA = freeA.map((i) => a.shape[i]);
  const shapeB = freeB.map((i) => b.shape[i]);
  const k = shapeSize(axA.map((i) => a.shape[i]));
  const a2 = reshape(transpose(a, [...freeA, ...axA]), [shapeSize(shapeA), k]); // (M, K)
  const b2 = reshape(transpose(b, [...axB, ...freeB]), [k, shapeSize(shapeB)]); // (K, N)
  const out = product2d(a2, b2, promoteTypes(a.dtype, b.dtype)); // (M, N)
  return reshape(out, [...shapeA, ...shapeB]);
}

/** Dot product of the flattened inputs (NumPy's `vdot` for real arrays), as a 0-d array. */
export function vdot(x1: ArrayLike, x2: ArrayLike): NDArray {
  const a = asarray(x1);
  const b = asarray(x2);
  if (a.size !== b.size) {
    throw new ShapeError(`cannot reshape array of size ${b.size} into shape (${a.size},)`);
  }
  const out = product2d(reshape(a, [1, a.size]), reshape(b, [b.size, 1]), promoteTypes(a.dtype, b.dtype));
  return reshape(out, []);
}

/**
 * Kronecker product: blocks a[i] · b laid out on a grid; the shorter shape is padded with
 * leading 1s and the result shape is the elementwise product of the shapes.
 */
export function kron(x1: ArrayLike, x2: ArrayLike): NDArray {
  const a = asarray(x1);
  const b = asarray(x2);
  const nd = Math.max(a.ndim, b.ndim);
  const pa = [...Array<number>(nd - a.ndim).fill(1), ...a.shape];
  const pb = [...Array<number>(nd - b.ndim).fill(1), ...b.shape];
  const sa = [...Array<number>(nd - a.ndim).fill(0), ...a.strides];
  const sb = [...Array<number>(nd - b.ndim).fill(0), ...b.strides];
  // a viewed as (a0, 1, a1, 1, …) times b viewed as (1, b0, 1, b1, …) → (a0, b0, a1, b1, …)
  const av = new NDArray(
    a.data,
    pa.flatMap((d) => [d, 1]),
    sa.flatMap((s) => [s, 0]),
    a.offset,
    a.dtype,
    a.base ?? a,
    false,
  );
  const bv = new NDArray(
    b.data,
    pb.flatMap((d) => [1, d]),
    sb.flatMap((s) => [0, s]),
    b.offset,
    b.dtype,
    b.base ?? b,
    false,
  );
  return reshape(
    multiply(av, bv),
    pa.map((d, i) => d * pb[i]),
  );
}

/** Options of `trace`. */
export interface TraceOptions {
  /** Diagonal offset: > 0 above the main diagonal, < 0 below. Default 0. */
  offset?: number;
  axis1?: number;
  axis2?: number;
  /** Accumulator/result dtype; default: the input's for floats, int64 for integers and bool. */
  dtype?: DType;
}

/**
 * Sum along a diagonal (NumPy's `trace`): over axes `axis1`/`axis2` (default 0, 1), the other
 * axes remain. Integer and bool inputs sum to int64 (NumPy gives uint64 for unsigned inputs;
 * mlseries has no uint64 and uses int64).
 */
export function trace(x: ArrayLike, opts: TraceOptions = {}): NDArray {
  const a = asarray(x);
  if (a.ndim < 2) throw new ValueError('diag requires an array of at least two dimensions');
  const ax1 = normalizeAxis(opts.axis1 ?? 0, a.ndim, 'trace');
  const ax2 = normalizeAxis(opts.axis2 ?? 1, a.ndim, 'trace');
  if (ax1 === ax2) throw new ValueError('axis1 and axis2 cannot be the same');
  const diag = diagonalView(a, opts.offset ?? 0, ax1, ax2); // (…rest, len)
  const dtype = opts.dtype ?? (isFloat(a.dtype) ? a.dtype : 'int64');
  return sumAxes(diag, [diag.ndim - 1], dtype);
}

/**
 * Product of two or more arrays in the cheapest order (NumPy's `linalg.multi_dot`): the first
 * may be 1-D (a row), the last 1-D (a column), the others must be 2-D.
 */
export function multiDot(arrays: readonly ArrayLike[]): NDArray {
  const n = arrays.length;
  if (n < 2) throw new ValueError('Expecting at least two arrays.');
  const ops = arrays.map((x) => asarray(x));
  if (n === 2) return dot(ops[0], ops[1]);
  const firstVec = ops[0].ndim === 1;
  const lastVec = ops[n - 1].ndim === 1;
  if (firstVec) ops[0] = reshape(ops[0], [1, ops[0].size]);
  if (lastVec) ops[n - 1] = reshape(ops[n - 1], [ops[n - 1].size, 1]);
  for (const op of ops) {
    if (op.ndim !== 2) {
      throw new LinAlgError(`${op.ndim}-dimensional array given. Array must be two-dimensional`);
    }
  }
  // classic matrix-chain dynamic programme over the dimensions p0 … pn
  const p = [...ops.map((o) => o.shape[0]), ops[n - 1].shape[1]];
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let len = 1; len < n; len++) {
    for (let i = 0; i + len < n; i++) {
      const j = i + len;
      cost[i][j] = Infinity;
      for (let s = i; s < j; s++) {
        const c = cost[i][s] + cost[s + 1][j] + p[i] * p[s + 1] * p[j + 1];
        if (c < cost[i][j]) {
          cost[i][j] = c;
          split[i][j] = s;
        }
      }
    }
  }
  const chain = (i: number, j: number): NDArray =>
    i === j ? ops[i] : dot(chain(i, split[i][j]), chain(split[i][j] + 1, j));
  let out = chain(0, n - 1);
  if (firstVec && lastVec) out = reshape(out, []);
  else if (firstVec) out = reshape(out, [out.shape[1]]);
  else if (lastVec) out = reshape(out, [out.shape[0]]);
  return out;
}

/**
 * A square matrix (or a stack) raised to an integer power `n` by repeated squaring; n = 0 gives
 * the identity in a's dtype, n < 0 the power of the inverse (float).
 */
export function matrixPower(x: ArrayLike, n: number): NDArray {
  let a = asarray(x);
  if (!Number.isInteger(n)) throw new ValueError('exponent must be an integer');
  assertStackedSquare(a);
  if (n === 0) {
    const out = emptyArray(a.shape, a.dtype);
    const m = a.shape[a.ndim - 1];
    for (let t = 0; t < out.size; t += m * m) for (let i = 0; i < m; i++) out.data[t + i * m + i] = 1;
    return out;
  }
  if (n < 0) {
    a = inv(a);
    n = -n;
  }
  if (n === 1) return a.copy();
  if (n === 2) return matmul(a, a);
  if (n === 3) return matmul(matmul(a, a), a);
  // binary decomposition, in NumPy's order of products
  let z: NDArray | null = null;
  let result: NDArray | null = null;
  while (n > 0) {
    z = z === null ? a : matmul(z, z);
    const bit = n % 2;
    n = Math.floor(n / 2);
    if (bit) result = result === null ? z : matmul(result, z);
  }
  return result!;
}
