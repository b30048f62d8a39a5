/**
 * Reduction loops behind nd's sum/prod/min/max/all/any/countNonzero, argmin/argmax and
 * cumsum/cumprod.
 *
 * Every loop works on a typed array with element strides and an offset, and accumulates into a
 * Float64Array (one slot per result element); the caller converts to the result dtype.
 *
 * NOTE: to give NumPy's floating-point sums to the last bit (not just close ones), `reduceStrided`
 * visits the elements the way NumPy's nditer does for a reduction: axes sorted by |stride|
 * (strides never negated: reversed views are summed backwards), neighbours merged, and then
 * NumPy's buffering decision (`npyiter_find_buffering_setup`) picks how many elements each inner
 * call gets. A call over reduced elements is one pairwise sum (`pairwiseSum`, NumPy's algorithm);
 * a call over kept elements adds one value to each result, like NumPy's `out[j] += a[i, j]`.
 * float32 sums round every partial sum to float32 (`Math.fround`), as NumPy's float32 loop does.
 * The golden tests check this on transposed, reversed, stepped and buffered (> 8192) layouts.
 */
import type { NumArray } from './copy.js';

/** Reductions with a kernel here ('count' counts non-zero elements; NaN counts). */
export type ReduceKind = 'sum' | 'prod' | 'min' | 'max' | 'all' | 'any' | 'count';

/** NumPy's unroll width and block size of its pairwise summation (PW_BLOCKSIZE). */
const PW_UNROLL = 8;
const PW_BLOCKSIZE = 128;

/**
 * Σ src[off + i·stride] for i < n, in float64, by NumPy's pairwise algorithm: blocks of ≤ 128
 * are summed into 8 running partial sums, longer runs are split in two (at a multiple of 8).
 * The error grows like O(log n · ε) instead of O(n · ε) for a plain loop.
 */
export function pairwiseSum(src: NumArray, off: number, n: number, stride: number): number {
  if (n < PW_UNROLL) {
    let res = -0;
    for (let i = 0; i < n; i++) res += src[off + i * stride];
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = src[off];
    let r1 = src[off + stride];
    let r2 = src[off + 2 * stride];
    let r3 = src[off + 3 * stride];
    let r4 = src[off + 4 * stride];
    let r5 = src[off + 5 * stride];
    let r6 = src[off + 6 * stride];
    let r7 = src[off + 7 * stride];
    const end = n - (n % PW_UNROLL);
    let i = PW_UNROLL;
    for (; i < end; i += PW_UNROLL) {
      const p = off + i * stride;
      r0 += src[p];
      r1 += src[p + stride];
      r2 += src[p + 2 * stride];
      r3 += src[p + 3 * stride];
      r4 += src[p + 4 * stride];
      r5 += src[p + 5 * stride];
      r6 += src[p + 6 * stride];
      r7 += src[p + 7 * stride];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += src[off + i * stride];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % PW_UNROLL;
  return pairwiseSum(src, off, n2, stride) + pairwiseSum(src, off + n2 * stride, n - n2, stride);
}

/** `pairwiseSum` in float32 arithmetic: every value and partial sum is rounded to float32. */
export function pairwiseSum32(src: NumArray, off: number, n: number, stride: number): number {
  const f = Math.fround;
  if (n < PW_UNROLL) {
    let res = -0;
    for (let i = 0; i < n; i++) res = f(res + f(src[off + i * stride]));
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = f(src[off]);
    let r1 = f(src[off + stride]);
    let r2 = f(src[off + 2 * stride]);
    let r3 = f(src[off + 3 * stride]);
    let r4 = f(src[off + 4 * stride]);
    let r5 = f(src[off + 5 * stride]);
    let r6 = f(src[off + 6 * stride]);
    let r7 = f(src[off + 7 * stride]);
    const end = n - (n % PW_UNROLL);
    let i = PW_UNROLL;
    for (; i < end; i += PW_UNROLL) {
      const p = off + i * stride;
      r0 = f(r0 + f(src[p]));
      r1 = f(r1 + f(src[p + stride]));
      r2 = f(r2 + f(src[p + 2 * stride]));
      r3 = f(r3 + f(src[p + 3 * stride]));
      r4 = f(r4 + f(src[p + 4 * stride]));
      r5 = f(r5 + f(src[p + 5 * stride]));
      r6 = f(r6 + f(src[p + 6 * stride]));
      r7 = f(r7 + f(src[p + 7 * stride]));
    }
    let res = f(f(f(r0 + r1) + f(r2 + r3)) + f(f(r4 + r5) + f(r6 + r7)));
    for (; i < n; i++) res = f(res + f(src[off + i * stride]));
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % PW_UNROLL;
  return f(pairwiseSum32(src, off, n2, stride) + pairwiseSum32(src, off + n2 * stride, n - n2, stride));
}

/** NumPy's buffer size (`np.getbufsize()`): the longest run a buffered reduction sums at once. */
const NPY_BUFSIZE = 8192;

/**
 * NumPy's iteration order for a reduction: the axes of length > 1, innermost first, sorted by
 * |stride| ascending with a stable insertion sort (NumPy's `npyiter_find_best_axis_ordering`;
 * a 0 stride compares as "ambiguous" and keeps C order). Strides are never negated: NumPy's
 * reductions iterate reversed views backwards.
 */
function iterationAxes(shape: readonly number[], sStr: readonly number[]): number[] {
  const perm: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) if (shape[d] !== 1) perm.push(d);
  for (let i0 = 1; i0 < perm.length; i0++) {
    const j0 = perm[i0];
    let ipos = i0;
    for (let i1 = i0 - 1; i1 >= 0; i1--) {
      const s0 = sStr[j0];
      const s1 = sStr[perm[i1]];
      if (s0 === 0 || s1 === 0) continue; // ambiguous: look further out
      if (Math.abs(s1) <= Math.abs(s0)) break;
      ipos = i1;
    }
    if (ipos !== i0) perm.splice(ipos, 0, ...perm.splice(i0, 1));
  }
  return perm;
}

/** The result of a reduction: values laid out in NumPy's iteration order. */
export interface ReduceResult {
  /** One float64 accumulator per result element. */
  acc: Float64Array;
  /** Stride of `acc` along each input axis (0 on the reduced axes and on length-1 axes). */
  accStrides: number[];
}

/**
 * How a reduction walks its input: the accumulator layout and the iteration dimensions,
 * innermost first, after merging neighbours (see {@link reduceLayout}).
 */
export interface ReduceLayout {
  /** Stride of the accumulator along each input axis (0 on reduced and length-1 axes). */
  accStrides: number[];
  /** Number of result elements. */
  outSize: number;
  /** Iteration dimensions, innermost first: lengths, input strides, accumulator strides. */
  N: number[];
  SI: number[];
  SO: number[];
  /** Some axis has length 0: nothing to visit. */
  empty: boolean;
}

/**
 * NumPy's iteration order for reducing an array of `shape` / `sStr` over the axes with
 * `reduced[k]` true, and the accumulator NumPy allocates for it: kept axes contiguous in
 * iteration order (so a reduction of a transposed array has transposed strides). Neighbouring
 * dimensions that both the input and the accumulator walk with one stride are merged.
 */
export function reduceLayout(
  shape: readonly number[],
  sStr: readonly number[],
  reduced: readonly boolean[],
): ReduceLayout {
  const perm = iterationAxes(shape, sStr);
  const accStrides = new Array<number>(shape.length).fill(0);
  let outSize = 1;
  for (const d of perm) {
    if (!reduced[d]) {
      accStrides[d] = outSize;
      outSize *= shape[d];
    }
  }
  const N: number[] = [];
  const SI: number[] = [];
  const SO: number[] = [];
  const empty = shape.some((n) => n === 0);
  if (!empty) {
    for (const d of perm) {
      const k = N.length - 1;
      if (k >= 0 && SI[k] * N[k] === sStr[d] && SO[k] * N[k] === accStrides[d]) N[k] *= shape[d];
      else {
        N.push(shape[d]);
        SI.push(sStr[d]);
        SO.push(accStrides[d]);
      }
    }
    if (N.length === 0) {
      N.push(1);
      SI.push(0);
      SO.push(0);
    }
  }
  return { accStrides, outSize, N, SI, SO, empty };
}

/**
 * Reduces src[sOff + Σ i_k·sStr_k] over the axes with `reduced[k]` true, starting every result
 * element from `init` (0 for sum, 1 for prod, ±∞ or NumPy's `initial` for min/max, 1 for all,
 * 0 for any and count). `float32` rounds every partial sum or product to float32; `cast` says
 * the input dtype differs from the accumulator's, which makes NumPy buffer the input (in blocks
 * of ≤ 8192 elements) and so changes where its pairwise sums start and stop.
 *
 * The accumulator is allocated like NumPy allocates the result: kept axes contiguous in
 * iteration order (so a reduction of a transposed array has transposed strides).
 */
export function reduceStrided(
  kind: ReduceKind,
  float32: boolean,
  cast: boolean,
  shape: readonly number[],
  src: NumArray,
  sOff: number,
  sStr: readonly number[],
  reduced: readonly boolean[],
  init: number,
): ReduceResult {
  const { accStrides, outSize, N, SI, SO, empty } = reduceLayout(shape, sStr, reduced);
  const acc = new Float64Array(outSize);
  if (init !== 0) acc.fill(init);
  if (empty) return { acc, accStrides };
  if (kind === 'sum') runSum(float32, cast, N, SI, SO, src, sOff, acc);
  else runNested(kind, float32, N.length, N, SI, SO, src, sOff, acc, 0);
  return { acc, accStrides };
}

/**
 * Plain nested loops in iteration order (dims innermost first). Used for every reduction whose
 * result does not depend on how NumPy chunks the inner loop (all but sum).
 */
function runNested(
  kind: ReduceKind,
  float32: boolean,
  nd: number,
  N: readonly number[],
  SI: readonly number[],
  SO: readonly number[],
  src: NumArray,
  sOff: number,
  acc: Float64Array,
  oOff: number,
): void {
  const idx = new Array<number>(nd).fill(0);
  let s = sOff;
  let o = oOff;
  while (true) {
    innerReduce(kind, float32, N[0], src, s, SI[0], acc, o, SO[0]);
    let k = 1;
    for (; k < nd; k++) {
      idx[k]++;
      s += SI[k];
      o += SO[k];
      if (idx[k] < N[k]) break;
      s -= SI[k] * N[k];
      o -= SO[k] * N[k];
      idx[k] = 0;
    }
    if (k >= nd) return;
  }
}

/** Where a float sum's inner-loop calls start and stop (see {@link sumBlocks}). */
export interface SumBlocks {
  /** Dimensions (innermost first) inside one block; the others are looped over outside. */
  callDims: number;
  /** Elements of one block. */
  block: number;
  /** Longest run one inner call sums (a block is cut into calls of at most this many). */
  chunk: number;
  /** The innermost dimension is reduced: every call is one pairwise sum added to one result. */
  reducing: boolean;
}

/**
 * NumPy's inner-loop boundaries for a float sum over iteration dims `N` / `SI` / `SO` (from
 * {@link reduceLayout}). Port of `npyiter_find_buffering_setup` (nditer_constr.c) for the two
 * operands of a reduction: it picks a "core" of the innermost dims and an outer dim. In reduce
 * mode every core is one inner-loop call (a pairwise sum when the core is reduced); otherwise runs
 * of core × outer elements, cut into buffers of at most 8192 when the input must be buffered, are
 * one call each.
 */
export function sumBlocks(
  cast: boolean,
  N: readonly number[],
  SI: readonly number[],
  SO: readonly number[],
): SumBlocks {
  const nd = N.length;
  let cost = cast ? 2 : 1;
  let ssOut = 1; // dims the accumulator walks with one stride
  let ssIn = 1; // dims the input walks with one stride
  let outerReduceDim = 0;
  let size = N[0];
  let bestDim = 0;
  let bestCost = cost;
  let bestSize = size;
  let bestCore = 1;
  for (let idim = 1; idim < nd; idim++) {
    if (outerReduceDim) break;
    if (size >= NPY_BUFSIZE && cost > 1) break;
    // the accumulator (NumPy's allocated, reduce-flagged output)
    if (ssOut === idim && SO[idim - 1] * N[idim - 1] === SO[idim]) ssOut++;
    else {
      if (ssOut === idim) cost++;
      if (SO[idim] === 0 || SO[idim - 1] === 0) outerReduceDim = idim;
    }
    // the input
    if (ssIn === idim) {
      if (SI[idim - 1] * N[idim - 1] === SI[idim]) ssIn++;
      else if (!cast) cost++;
    }
    const core = size;
    size *= N[idim];
    const bufsize = size > NPY_BUFSIZE && cost > 1 ? NPY_BUFSIZE : size;
    if (cost * bestSize <= bestCost * bufsize) {
      bestCost = cost;
      bestCore = core;
      bestSize = size;
      bestDim = idim;
    }
  }
  const usingReduce = outerReduceDim !== 0 && bestDim === outerReduceDim;
  const mustBuffer = cast || (!usingReduce && (ssOut <= bestDim || ssIn <= bestDim));
  if (mustBuffer && bestSize > NPY_BUFSIZE) bestSize = bestCore * Math.floor(NPY_BUFSIZE / bestCore);
  // one "call" is either a core (reduce mode) or a run of ≤ bestSize elements
  return {
    callDims: usingReduce ? bestDim : bestDim + 1,
    block: usingReduce ? bestCore : bestCore * N[bestDim],
    chunk: usingReduce ? bestCore : bestSize,
    reducing: SO[0] === 0,
  };
}

/** A float sum with NumPy's inner-loop boundaries ({@link sumBlocks}). */
function runSum(
  float32: boolean,
  cast: boolean,
  N: readonly number[],
  SI: readonly number[],
  SO: readonly number[],
  src: NumArray,
  sOff: number,
  acc: Float64Array,
): void {
  const nd = N.length;
  const { callDims, block, chunk, reducing } = sumBlocks(cast, N, SI, SO);
  const scratch = reducing && callDims > 1 ? new Float64Array(Math.min(chunk, block)) : null;
  const f = Math.fround;
  const idx = new Array<number>(nd).fill(0);
  let s = sOff;
  let o = 0;
  while (true) {
    // one block starts at input offset s and accumulator offset o
    if (!reducing) {
      // elementwise accumulation: chunking does not change the arithmetic
      runNested('sum', float32, callDims, N, SI, SO, src, s, acc, o);
    } else if (callDims === 1) {
      for (let c = 0; c < block; c += chunk) {
        const n = Math.min(chunk, block - c);
        const p = float32
          ? pairwiseSum32(src, s + c * SI[0], n, SI[0])
          : pairwiseSum(src, s + c * SI[0], n, SI[0]);
        acc[o] = float32 ? f(acc[o] + p) : acc[o] + p;
      }
    } else {
      // gather the block in iteration order, one buffer at a time (NumPy copies it too)
      const bi = new Array<number>(callDims).fill(0);
      let t = s;
      let filled = 0;
      for (let e = 0; e < block; e++) {
        scratch![filled++] = src[t];
        if (filled === scratch!.length || e === block - 1) {
          const p = float32 ? pairwiseSum32(scratch!, 0, filled, 1) : pairwiseSum(scratch!, 0, filled, 1);
          acc[o] = float32 ? f(acc[o] + p) : acc[o] + p;
          filled = 0;
        }
        for (let k = 0; k < callDims; k++) {
          bi[k]++;
          t += SI[k];
          if (bi[k] < N[k]) break;
          t -= SI[k] * N[k];
          bi[k] = 0;
        }
      }
    }
    // advance the dims outside the block
    let k = callDims;
    for (; k < nd; k++) {
      idx[k]++;
      s += SI[k];
      o += SO[k];
      if (idx[k] < N[k]) break;
      s -= SI[k] * N[k];
      o -= SO[k] * N[k];
      idx[k] = 0;
    }
    if (k >= nd) return;
  }
}

/** One inner loop of a reduction: a reducing run (as = 0) or an elementwise accumulation. */
function innerReduce(
  kind: ReduceKind,
  float32: boolean,
  n: number,
  x: NumArray,
  xi: number,
  xs: number,
  acc: Float64Array,
  ai: number,
  as: number,
): void {
  const f = Math.fround;
  if (as === 0) {
    // acc[ai] = acc[ai] ∘ x[xi] ∘ x[xi + xs] ∘ …
    let r = acc[ai];
    switch (kind) {
      case 'sum':
        r = float32 ? f(r + pairwiseSum32(x, xi, n, xs)) : r + pairwiseSum(x, xi, n, xs);
        break;
      case 'prod':
        if (float32) for (let i = 0; i < n; i++) r = f(r * f(x[xi + i * xs]));
        else for (let i = 0; i < n; i++) r *= x[xi + i * xs];
        break;
      case 'min':
        for (let i = 0; i < n; i++) {
          const v = x[xi + i * xs];
          if (v < r || v !== v) r = v;
        }
        break;
      case 'max':
        for (let i = 0; i < n; i++) {
          const v = x[xi + i * xs];
          if (v > r || v !== v) r = v;
        }
        break;
      case 'all':
        for (let i = 0; i < n && r !== 0; i++) if (x[xi + i * xs] === 0) r = 0;
        break;
      case 'any':
        for (let i = 0; i < n && r === 0; i++) if (x[xi + i * xs] !== 0) r = 1;
        break;
      case 'count':
        for (let i = 0; i < n; i++) if (x[xi + i * xs] !== 0) r++;
        break;
    }
    acc[ai] = r;
    return;
  }
  // acc[ai + i·as] = acc[ai + i·as] ∘ x[xi + i·xs]
  switch (kind) {
    case 'sum':
      if (float32) for (let i = 0; i < n; i++) acc[ai + i * as] = f(acc[ai + i * as] + f(x[xi + i * xs]));
      else for (let i = 0; i < n; i++) acc[ai + i * as] += x[xi + i * xs];
      return;
    case 'prod':
      if (float32) for (let i = 0; i < n; i++) acc[ai + i * as] = f(acc[ai + i * as] * f(x[xi + i * xs]));
      else for (let i = 0; i < n; i++) acc[ai + i * as] *= x[xi + i * xs];
      return;
    case 'min':
      for (let i = 0; i < n; i++) {
        const v = x[xi + i * xs];
        if (v < acc[ai + i * as] || v !== v) acc[ai + i * as] = v;
      }
      return;
    case 'max':
      for (let i = 0; i < n; i++) {
        const v = x[xi + i * xs];
        if (v > acc[ai + i * as] || v !== v) acc[ai + i * as] = v;
      }
      return;
    case 'all':
      for (let i = 0; i < n; i++) if (x[xi + i * xs] === 0) acc[ai + i * as] = 0;
      return;
    case 'any':
      for (let i = 0; i < n; i++) if (x[xi + i * xs] !== 0) acc[ai + i * as] = 1;
      return;
    case 'count':
      for (let i = 0; i < n; i++) if (x[xi + i * xs] !== 0) acc[ai + i * as]++;
      return;
  }
}

/**
 * Index of the smallest (`argmin`) or largest (`argmax`) of x[off + i·stride], i < n ≥ 1.
 * Ties give the first index; a NaN wins at once (NumPy returns the first NaN).
 */
export function argReduceLane(
  kind: 'argmin' | 'argmax',
  x: NumArray,
  off: number,
  n: number,
  stride: number,
): number {
  let best = x[off];
  if (best !== best) return 0;
  let at = 0;
  if (kind === 'argmax') {
    for (let i = 1; i < n; i++) {
      const v = x[off + i * stride];
      if (v > best) {
        best = v;
        at = i;
      } else if (v !== v) return i;
    }
  } else {
    for (let i = 1; i < n; i++) {
      const v = x[off + i * stride];
      if (v < best) {
        best = v;
        at = i;
      } else if (v !== v) return i;
    }
  }
  return at;
}

/**
 * Running sum or product along one lane: dst[dOff + i·dStride] = x_0 ∘ … ∘ x_i (a plain
 * left-to-right loop, as NumPy's `add.accumulate`). `float32` rounds after every step.
 * Values are written as float64; the caller's typed array applies its own conversion.
 */
export function accumulateLane(
  kind: 'sum' | 'prod',
  float32: boolean,
  x: NumArray,
  xOff: number,
  n: number,
  xStride: number,
  dst: NumArray,
  dOff: number,
  dStride: number,
): void {
  const f = Math.fround;
  let r = kind === 'sum' ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const v = x[xOff + i * xStride];
    if (kind === 'sum') r = float32 ? f(r + f(v)) : r + v;
    else r = float32 ? f(r * f(v)) : r * v;
    dst[dOff + i * dStride] = r;
  }
}
