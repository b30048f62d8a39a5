/**
 * `einsum`: Einstein summation over subscript strings, NumPy's rules.
 *
 * How it runs (no per-element label loops):
 * 1. parse the subscripts; `...` stands for the broadcast dimensions, labelled −1, −2, … from the
 *    right so they line up across operands;
 * 2. a label repeated inside one operand ('ii') becomes a diagonal view (strides added);
 * 3. size-1 dimensions broadcast against the other operands' (stride 0);
 * 4. labels seen by a single operand and not in the output are summed away at once;
 * 5. operands are contracted left to right; each contraction moves its labels into
 *    (batch, left, summed) and (batch, summed, right) and is one batched GEMM;
 * 6. the last result is transposed to the output order.
 */
import { NDArray } from '../ndarray.js';
import { asarray, type ArrayLike } from '../creation.js';
import { resultType, type DType } from '../dtype.js';
import { ShapeError, ValueError, formatShape } from '../errors.js';
import { shapeSize } from '../shape.js';
import { reshape, transpose } from '../views.js';
import { batchedProduct, sumAxes } from './core.js';

/** A label: a letter's char code, or −1, −2, … for the dimensions of `...` counted from the right. */
type Label = number;

interface Term {
  /** Letters and the ellipsis position, in order; ELLIPSIS marks where `...` stood. */
  items: Label[];
  hasEllipsis: boolean;
}

const ELLIPSIS = 0;

function labelName(l: Label): string {
  return String.fromCharCode(l);
}

function parseTerm(text: string): Term {
  const items: Label[] = [];
  let hasEllipsis = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '.') {
      if (hasEllipsis || text.slice(i, i + 3) !== '...') {
        throw new ValueError(
          "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...')",
        );
      }
      hasEllipsis = true;
      items.push(ELLIPSIS);
      i += 2;
    } else if (/^[a-zA-Z]$/.test(ch)) {
      items.push(ch.charCodeAt(0));
    } else if (ch !== ' ') {
      throw new ValueError(
        `invalid subscript '${ch}' in einstein sum subscripts string, subscripts must be letters`,
      );
    }
  }
  return { items, hasEllipsis };
}

/** One operand on its way through the contraction: a view and one label per axis. */
interface Operand {
  arr: NDArray;
  labels: Label[];
}

/**
 * Einstein summation: `nd.einsum('ij,jk->ik', a, b)` is `a @ b`, `'ii'` the trace, `'ii->i'` the
 * diagonal, `'ij->ji'` a transpose, `'i,j->ij'` the outer product, `'bij,bjk->bik'` a batched
 * matmul, `'...ij,...jk'` one with broadcast batch dimensions. Without `->` the output holds the
 * labels that appear exactly once, in alphabetical (char-code) order, after the `...` dimensions.
 * The result dtype is the promoted dtype of the operands; the result is always a new array
 * (NumPy returns a view for some single-operand cases).
 */
export function einsum(subscripts: string, ...operands: ArrayLike[]): NDArray {
  if (operands.length === 0) {
    throw new ValueError('must specify the einstein sum subscripts string and at least one operand');
  }
  const ops = operands.map((o) => asarray(o));
  const arrow = subscripts.indexOf('->');
  const inText = arrow < 0 ? subscripts : subscripts.slice(0, arrow);
  const outText = arrow < 0 ? null : subscripts.slice(arrow + 2);
  const terms = inText.split(',').map(parseTerm);
  // NOTE: NumPy's two messages below are swapped relative to what happened; we keep its text.
  if (terms.length < ops.length) {
    throw new ValueError(
      'fewer operands provided to einstein sum function than specified in the subscripts string',
    );
  }
  if (terms.length > ops.length) {
    throw new ValueError(
      'more operands provided to einstein sum function than specified in the subscripts string',
    );
  }

  // ---- label every axis of every operand
  let ellDims = 0;
  const labelled: Operand[] = ops.map((arr, t) => {
    const term = terms[t];
    const letters = term.items.filter((l) => l !== ELLIPSIS).length;
    if (letters > arr.ndim) {
      throw new ValueError(`einstein sum subscripts string contains too many subscripts for operand ${t}`);
    }
    if (!term.hasEllipsis && letters < arr.ndim) {
      throw new ValueError(
        "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
      );
    }
    const e = arr.ndim - letters;
    ellDims = Math.max(ellDims, e);
    const labels: Label[] = [];
    for (const l of term.items) {
      if (l === ELLIPSIS) for (let j = 0; j < e; j++) labels.push(-(e - j));
      else labels.push(l);
    }
    return { arr, labels };
  });

  // ---- the output labels
  const counts = new Map<Label, number>();
  for (const op of labelled) for (const l of op.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const ellLabels = Array.from({ length: ellDims }, (_, j) => -(ellDims - j));
  let outLabels: Label[];
  if (outText === null) {
    const once = [...counts.keys()].filter((l) => l > 0 && counts.get(l) === 1).sort((x, y) => x - y);
    outLabels = [...ellLabels, ...once];
  } else {
    if (outText.includes('->')) {
      throw new ValueError(
        "invalid subscript '-' in einstein sum subscripts string, subscripts must be letters",
      );
    }
    const term = parseTerm(outText);
    outLabels = [];
    for (const l of term.items) {
      if (l === ELLIPSIS) outLabels.push(...ellLabels);
      else {
        if (outLabels.includes(l)) {
          throw new ValueError(
            `einstein sum subscripts string includes output subscript '${labelName(l)}' multiple times`,
          );
        }
        if (!counts.has(l)) {
          throw new ValueError(
            `einstein sum subscripts string included output subscript '${labelName(l)}' which never appeared in an input`,
          );
        }
        outLabels.push(l);
      }
    }
    if (!term.hasEllipsis && ellDims > 0) {
      throw new ValueError(
        "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
      );
    }
  }

  // ---- repeated labels inside an operand → diagonal views
  const work = labelled.map((op, t) => collapseRepeated(op, t));

  // ---- sizes: every label has one size; size-1 axes broadcast
  const size = new Map<Label, number>();
  for (const op of work) {
    op.labels.forEach((l, i) => {
      const d = op.arr.shape[i];
      const s = size.get(l);
      if (s === undefined || s === 1) size.set(l, d);
      else if (d !== 1 && d !== s) {
        throw new ShapeError(
          `operands could not be broadcast together: einsum label ${l > 0 ? `'${labelName(l)}'` : "of '...'"} has size ${s} in one operand and ${d} in another (shapes ${ops.map((o) => formatShape(o.shape)).join(' ')})`,
        );
      }
    });
  }
  for (const op of work) {
    const shape = op.labels.map((l) => size.get(l)!);
    if (shape.some((d, i) => d !== op.arr.shape[i])) {
      const strides = op.arr.strides.map((s, i) => (op.arr.shape[i] === 1 ? 0 : s));
      op.arr = new NDArray(
        op.arr.data,
        shape,
        strides,
        op.arr.offset,
        op.arr.dtype,
        op.arr.base ?? op.arr,
        false,
      );
    }
  }

  // ---- contract left to right
  const dtype = resultType(...ops.map((o) => o.dtype));
  const needed = (from: number): Set<Label> => {
    const s = new Set<Label>(outLabels);
    for (let t = from; t < work.length; t++) for (const l of work[t].labels) s.add(l);
    return s;
  };
  let acc = sumUnneeded(work[0], needed(1), dtype);
  for (let t = 1; t < work.length; t++) {
    const keep = needed(t + 1);
    const right = sumUnneeded(work[t], new Set([...keep, ...acc.labels]), dtype);
    acc = sumUnneeded(acc, new Set([...keep, ...right.labels]), dtype);
    acc = contract(acc, right, keep, dtype);
  }
  acc = sumUnneeded(acc, new Set(outLabels), dtype);
  const perm = outLabels.map((l) => acc.labels.indexOf(l));
  const result = transpose(acc.arr, perm);
  // a result that still views an input (a transpose, a diagonal) is copied, as a new array
  const viewsInput = ops.some((o) => o.data === result.data);
  return viewsInput || !result.flags.cContiguous ? result.astype(dtype) : result;
}

/** Replaces each label repeated within one operand by a single diagonal axis. */
function collapseRepeated(op: Operand, t: number): Operand {
  let { arr, labels } = op;
  for (;;) {
    const dup = labels.findIndex((l, i) => labels.indexOf(l) !== i);
    if (dup < 0) return { arr, labels };
    const first = labels.indexOf(labels[dup]);
    if (arr.shape[first] !== arr.shape[dup]) {
      throw new ValueError(
        `dimensions in operand ${t} for collapsing index '${labelName(labels[dup])}' don't match (${arr.shape[first]} != ${arr.shape[dup]})`,
      );
    }
    const shape = [...arr.shape];
    const strides = [...arr.strides];
    strides[first] += strides[dup];
    shape.splice(dup, 1);
    strides.splice(dup, 1);
    arr = new NDArray(arr.data, shape, strides, arr.offset, arr.dtype, arr.base ?? arr, false);
    labels = labels.filter((_, i) => i !== dup);
  }
}

/** Sums away the axes whose labels are not in `keep`. */
function sumUnneeded(op: Operand, keep: Set<Label>, dtype: DType): Operand {
  const drop = op.labels.flatMap((l, i) => (keep.has(l) ? [] : [i]));
  if (drop.length === 0) return op;
  return {
    arr: sumAxes(op.arr, drop, dtype),
    labels: op.labels.filter((l) => keep.has(l)),
  };
}

/**
 * Contracts two operands with distinct labels each: shared labels in `keep` are batch axes,
 * shared labels not in `keep` are summed, the rest stay (left's, then right's).
 */
function contract(x: Operand, y: Operand, keep: Set<Label>, dtype: DType): Operand {
  const inY = new Set(y.labels);
  const batch = x.labels.filter((l) => inY.has(l) && keep.has(l));
  const summed = x.labels.filter((l) => inY.has(l) && !keep.has(l));
  const left = x.labels.filter((l) => !inY.has(l));
  const inX = new Set(x.labels);
  const right = y.labels.filter((l) => !inX.has(l));
  const dims = (op: Operand, ls: Label[]): number[] => ls.map((l) => op.arr.shape[op.labels.indexOf(l)]);
  const axes = (op: Operand, ls: Label[]): number[] => ls.map((l) => op.labels.indexOf(l));
  const batchShape = dims(x, batch);
  const leftShape = dims(x, left);
  const rightShape = dims(y, right);
  const nb = shapeSize(batchShape);
  const m = shapeSize(leftShape);
  const k = shapeSize(dims(x, summed));
  const n = shapeSize(rightShape);
  const xs = reshape(transpose(x.arr, [...axes(x, batch), ...axes(x, left), ...axes(x, summed)]), [nb, m, k]);
  const ys = reshape(transpose(y.arr, [...axes(y, batch), ...axes(y, summed), ...axes(y, right)]), [
    nb,
    k,
    n,
  ]);
  const out = batchedProduct(xs, ys, [nb], dtype); // (nb, m, n)
  return {
    arr: reshape(out, [...batchShape, ...leftShape, ...rightShape]),
    labels: [...batch, ...left, ...right],
  };
}
