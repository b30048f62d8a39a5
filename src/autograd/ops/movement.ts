/** Movement ops: reshape, permute, expand, squeeze, indexing, concat, gather … and their backwards. */
import * as nd from '../../nd/index.js';
import type { IndexItem } from '../../nd/indexing.js';
import { normalizeAxis } from '../../nd/shape.js';
import { ShapeError, ValueError, formatShape } from '../../nd/errors.js';
import { Tensor } from '../tensor.js';
import { record } from './util.js';

export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  // the gradient is reshaped back
  return record('reshape', a.data.reshape([...shape]), [a], (g) => [reshape(g, a.shape)]);
}

export function permute(a: Tensor, dims: readonly number[]): Tensor {
  const perm = dims.map((d) => normalizeAxis(d, a.ndim, 'permute'));
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  // the gradient is permuted back with the inverse permutation
  return record('permute', a.data.transpose(perm), [a], (g) => [permute(g, inverse)]);
}

export function transpose(a: Tensor, dim0: number, dim1: number): Tensor {
  const perm = [...Array(a.ndim).keys()];
  const i = normalizeAxis(dim0, a.ndim, 'transpose');
  const j = normalizeAxis(dim1, a.ndim, 'transpose');
  perm[i] = j;
  perm[j] = i;
  return permute(a, perm);
}

/** Broadcasts to `shape` (−1 keeps a dimension); the gradient is summed back. */
export function expand(a: Tensor, shape: readonly number[]): Tensor {
  const lead = shape.length - a.ndim;
  const target = shape.map((d, i) => (d === -1 ? a.shape[i - lead] : d));
  if (target.length === a.ndim && target.every((d, i) => d === a.shape[i])) return a;
  const axes: number[] = [];
  for (let i = 0; i < target.length; i++)
    if (i < lead || (a.shape[i - lead] === 1 && target[i] !== 1)) axes.push(i);
  return record('expand', a.data.broadcastTo(target), [a], (g) => [
    g.sum({ axis: axes, keepdims: true }).reshape([...a.shape]),
  ]);
}

export function squeeze(a: Tensor, dim?: number): Tensor {
  if (dim === undefined)
    return reshape(
      a,
      a.shape.filter((d) => d !== 1),
    );
  const d = normalizeAxis(dim, a.ndim, 'squeeze');
  if (a.shape[d] !== 1) return a; // PyTorch leaves other sizes alone
  return reshape(
    a,
    a.shape.filter((_, i) => i !== d),
  );
}

export function unsqueeze(a: Tensor, dim: number): Tensor {
  const d = normalizeAxis(dim, a.ndim + 1, 'unsqueeze');
  const shape = [...a.shape];
  shape.splice(d, 0, 1);
  return reshape(a, shape);
}

export function flatten(a: Tensor, startDim = 0, endDim = -1): Tensor {
  if (a.ndim === 0) return reshape(a, [1]);
  const s = normalizeAxis(startDim, a.ndim, 'flatten');
  const e = normalizeAxis(endDim, a.ndim, 'flatten');
  const mid = a.shape.slice(s, e + 1).reduce((p, q) => p * q, 1);
  return reshape(a, [...a.shape.slice(0, s), mid, ...a.shape.slice(e + 1)]);
}

/** Tensors used as index items become NDArrays. */
function plainItems(items: readonly (IndexItem | Tensor)[]): IndexItem[] {
  return items.map((it) => (it instanceof Tensor ? it.data : it));
}

/** `a[items]`: basic and integer-array indexing. Backward scatters the gradient (repeats add up). */
export function index(a: Tensor, items: readonly (IndexItem | Tensor)[]): Tensor {
  const its = plainItems(items);
  return record('index', a.data.get(...its), [a], (g) => [indexScatter(g, a.shape, its)]);
}

/** The adjoint of `index`: zeros of `shape` with `g` added at `items`. */
export function indexScatter(g: Tensor, shape: readonly number[], items: IndexItem[]): Tensor {
  const out = nd.zeros(shape, { dtype: g.dtype });
  nd.addAt(out, items, g.data);
  return record('indexScatter', out, [g], (gg) => [index(gg, items)]);
}

export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('concat: expected a non-empty list of tensors');
  const ax = normalizeAxis(axis, tensors[0].ndim, 'concat');
  const out = nd.concatenate(
    tensors.map((t) => t.data),
    { axis: ax },
  );
  // each input gets its slice of the gradient
  return record('concat', out, [...tensors], (g) => {
    let start = 0;
    return tensors.map((t) => {
      const items: IndexItem[] = Array.from({ length: ax }, () => nd.slice());
      items.push(nd.slice(start, start + t.shape[ax]));
      start += t.shape[ax];
      return index(g, items);
    });
  });
}

export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('stack: expected a non-empty list of tensors');
  const first = tensors[0].shape;
  for (const t of tensors) {
    if (t.ndim !== first.length || t.shape.some((d, i) => d !== first[i])) {
      throw new ShapeError(
        `stack: expects each tensor to be equal size, but got ${formatShape(first)} and ${formatShape(t.shape)}`,
      );
    }
  }
  const ax = normalizeAxis(axis, first.length + 1, 'stack');
  return concat(
    tensors.map((t) => unsqueeze(t, ax)),
    ax,
  );
}

/** Splits into pieces of `sizes` (a list) or of equal size `n` along `axis` (PyTorch's split). */
export function split(a: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const ax = normalizeAxis(axis, a.ndim, 'split');
  const len = a.shape[ax];
  const list =
    typeof sizes === 'number'
      ? Array.from({ length: Math.ceil(len / sizes) }, (_, i) => Math.min(sizes, len - i * sizes))
      : sizes;
  if (list.reduce((p, q) => p + q, 0) !== len) {
    throw new ShapeError(
      `split: sizes ${JSON.stringify(list)} do not add up to ${len}, the size of dimension ${ax}`,
    );
  }
  let start = 0;
  return list.map((n) => {
    const items: IndexItem[] = Array.from({ length: ax }, () => nd.slice());
    items.push(nd.slice(start, start + n));
    start += n;
    return index(a, items);
  });
}

/** Pads with a constant: `pads` lists [before, after] per dimension (NumPy's pad_width). */
export function pad(a: Tensor, pads: readonly (readonly [number, number])[], value = 0): Tensor {
  if (pads.length !== a.ndim)
    throw new ShapeError(`pad: expected ${a.ndim} [before, after] pairs, got ${pads.length}`);
  const shape = a.shape.map((d, i) => d + pads[i][0] + pads[i][1]);
  const out = nd.full(shape, value, { dtype: a.dtype });
  const items = pads.map(([b], i) => nd.slice(b, b + a.shape[i]));
  out.set(items, a.data);
  // the gradient of the padded region is dropped
  return record('pad', out, [a], (g) => [index(g, items)]);
}

/** Index arrays for gather/scatter along `dim`: every position, with `index` replacing `dim`. */
function gatherItems(index: nd.NDArray, dim: number): nd.NDArray[] {
  return index.shape.map((n, d) => {
    if (d === dim) return index;
    const shape = index.shape.map((_, k) => (k === d ? n : 1));
    return nd.arange(n).reshape(shape);
  });
}

/** PyTorch's gather: out[i][j] = a[i][index[i][j]] for dim = 1 (and likewise for any dim). */
export function gather(a: Tensor, dim: number, index: Tensor | nd.NDArray): Tensor {
  const idx = index instanceof Tensor ? index.data : index;
  const d = normalizeAxis(dim, a.ndim, 'gather');
  if (idx.ndim !== a.ndim) {
    throw new ShapeError(
      `gather: index ${formatShape(idx.shape)} must have as many dimensions as the input ${formatShape(a.shape)}`,
    );
  }
  const items = gatherItems(idx, d);
  return record('gather', a.data.get(...items), [a], (g) => [
    scatterAdd(new Tensor(nd.zeros(a.shape, { dtype: a.dtype })), d, idx, g),
  ]);
}

/** PyTorch's scatter_add (out of place): a copy of `a` with src[i][j] added at [i][index[i][j]]. */
export function scatterAdd(a: Tensor, dim: number, index: Tensor | nd.NDArray, src: Tensor): Tensor {
  const idx = index instanceof Tensor ? index.data : index;
  const d = normalizeAxis(dim, a.ndim, 'scatterAdd');
  const items = gatherItems(idx, d);
  const out = a.data.copy();
  nd.addAt(out, items, src.data.get(...idx.shape.map((n) => nd.slice(0, n))));
  return record('scatterAdd', out, [a, src], (g) => [g, gather(g, d, idx)]);
}
