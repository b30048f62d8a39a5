/**
 * Day 5: the CNN of the course, by hand on nd — Conv3x3 (8 filters) → MaxPool2 → Softmax(1352 → 10),
 * each layer's forward beside its backward, the backward terms commented one per line.
 *
 * The original (Victor Zhou's "CNNs from scratch", which the course translates) loops over every
 * pixel in Python. Here every layer is a handful of array operations on one image at a time:
 * the convolution is a matrix product of the image's 3×3 patches (a sliding-window view, NumPy's
 * `sliding_window_view`) with the filters, and max-pooling reshapes the 26×26 map into 2×2 windows.
 * The training is still the original's: one image per step, plain SGD.
 *
 * Layout (as in the original): an image is (28, 28), feature maps are (H, W, filters).
 */
import * as nd from '../../src/nd/index.js';

// ----------------------------------------------------------------------------------- helpers

/**
 * NumPy's `sliding_window_view(a, (k, k))` for a 2-D array: a read-only view (H−k+1, W−k+1, k, k)
 * whose [i, j] is the k×k window at row i, column j. No copy: the window axes reuse the strides.
 */
export function slidingWindows(a: nd.NDArray, k: number): nd.NDArray {
  const [h, w] = a.shape;
  const [sh, sw] = a.strides;
  return new nd.NDArray(a.data, [h - k + 1, w - k + 1, k, k], [sh, sw, sh, sw], a.offset, a.dtype, a, false);
}

/**
 * Convolution (cross-correlation, as CNNs use it) of a 2-D image with a k×k kernel:
 * out[i, j] = Σ_ab image[i + a, j + b] · kernel[a, b]. 'valid': no padding, (H−k+1, W−k+1);
 * 'same': zero padding of k//2 on every side, output as large as the input.
 */
export function convolve2d(
  image: nd.NDArray,
  kernel: nd.NDArray,
  padding: 'valid' | 'same' = 'valid',
): nd.NDArray {
  const k = kernel.shape[0];
  const x = padding === 'same' ? nd.pad(image, Math.floor(k / 2)) : image;
  const windows = slidingWindows(x, k); // (H', W', k, k)
  return nd.tensordot(windows, kernel, 2); // (H', W'): each window times the kernel, summed
}

/** The vertical Sobel filter (responds to vertical edges: dark on the left, bright on the right). */
export const SOBEL_VERTICAL = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];

// ------------------------------------------------------------------------------ the parameters

export interface CnnParams {
  /** (8, 3, 3): the conv filters, randn / 9 (no bias, as in the original). */
  filters: nd.NDArray;
  /** (1352, 10): the softmax layer's weights, randn / 1352. */
  weights: nd.NDArray;
  /** (10,): the softmax layer's biases, zeros. */
  biases: nd.NDArray;
}

/**
 * The original's initialisation, drawn from `rng` (or `defaultRng(seed)`): filters first, then the
 * softmax weights.
 */
export function initCnn(rng: number | nd.random.Generator, numFilters = 8, classes = 10): CnnParams {
  if (typeof rng === 'number') rng = nd.random.defaultRng(rng);
  const filters = rng.standardNormal([numFilters, 3, 3]).div(9); // (8, 3, 3)
  const inputLen = 13 * 13 * numFilters;
  const weights = rng.standardNormal([inputLen, classes]).div(inputLen); // (1352, 10)
  const biases = nd.zeros([classes]); // (10,)
  return { filters, weights, biases };
}

// ------------------------------------------------------------------------------------ Conv3x3

export interface ConvCache {
  /** (676, 9): the image's 3×3 patches, one per output pixel, flattened. */
  patches: nd.NDArray;
  h: number;
  w: number;
}

/** Conv3x3 forward: image (28, 28), filters (F, 3, 3) → (26, 26, F). */
export function convForward(image: nd.NDArray, filters: nd.NDArray): { out: nd.NDArray; cache: ConvCache } {
  const F = filters.shape[0];
  const windows = slidingWindows(image, 3); // (26, 26, 3, 3) view
  const [h, w] = windows.shape;
  const patches = windows.reshape(h * w, 9); // (676, 9) copy: one row per output pixel
  const out = nd.matmul(patches, filters.reshape(F, 9).T); // (676, F) = patches · filtersᵀ
  return { out: out.reshape(h, w, F), cache: { patches, h, w } }; // (26, 26, F)
}

/**
 * Conv3x3 backward: dL/dout (26, 26, F) → dL/dfilters (F, 3, 3). (The first layer: nobody needs
 * dL/dimage, so, like the original, we do not compute it.)
 */
export function convBackward(dout: nd.NDArray, cache: ConvCache): nd.NDArray {
  const F = dout.shape[2];
  const g = dout.reshape(cache.h * cache.w, F); // (676, F)
  // out[i, j, f] = Σ_ab image[i + a, j + b] · filters[f, a, b], so
  // dL/dfilters[f, a, b] = Σ_ij dL/dout[i, j, f] · image[i + a, j + b]  (one patch per (i, j))
  const dfilters = nd.matmul(g.T, cache.patches); // (F, 9) = doutᵀ · patches
  return dfilters.reshape(F, 3, 3);
}

// ------------------------------------------------------------------------------------ MaxPool2

export interface PoolCache {
  /** (13, 13, F, 4): the four values of every 2×2 window. */
  windows: nd.NDArray;
  /** (13, 13, F): which of the four was the maximum (the first one on a tie). */
  argmax: nd.NDArray;
}

/** The 2×2 windows of x (26, 26, F) → (13, 13, F, 4), ordered (0,0), (0,1), (1,0), (1,1). */
function poolWindows(x: nd.NDArray): nd.NDArray {
  const [h, w, F] = x.shape;
  return x
    .reshape(h / 2, 2, w / 2, 2, F) // (13, 2, 13, 2, F): row = 2i + a, column = 2j + b
    .transpose(0, 2, 4, 1, 3) // (13, 13, F, 2, 2)
    .reshape(h / 2, w / 2, F, 4); // (13, 13, F, 4) copy
}

/** The inverse of poolWindows: (13, 13, F, 4) → (26, 26, F). */
function unpoolWindows(win: nd.NDArray): nd.NDArray {
  const [h, w, F] = win.shape;
  return win
    .reshape(h, w, F, 2, 2) // (13, 13, F, 2, 2)
    .transpose(0, 3, 1, 4, 2) // (13, 2, 13, 2, F)
    .reshape(2 * h, 2 * w, F); // (26, 26, F)
}

/** MaxPool2 forward: (26, 26, F) → (13, 13, F), the maximum of each 2×2 window. */
export function poolForward(x: nd.NDArray): { out: nd.NDArray; cache: PoolCache } {
  const windows = poolWindows(x); // (13, 13, F, 4)
  const argmax = windows.argmax({ axis: 3 }); // (13, 13, F)
  return { out: windows.max({ axis: 3 }), cache: { windows, argmax } };
}

/**
 * MaxPool2 backward: dL/dout (13, 13, F) → dL/dx (26, 26, F). Each window's output is one of its
 * four inputs, so the gradient flows to that ONE input (its arg-max) and the other three get 0.
 */
export function poolBackward(dout: nd.NDArray, cache: PoolCache): nd.NDArray {
  const [h, w, F] = dout.shape;
  const slot = nd.arange(4).reshape(1, 1, 1, 4); // (1, 1, 1, 4)
  const route = nd.equal(slot, cache.argmax.reshape(h, w, F, 1)); // (13, 13, F, 4): true at the arg-max
  // dL/dx[window slot] = dL/dout · [slot is the arg-max]  (d max / d x_k = 1 for the winner, 0 else)
  const dwin = nd.multiply(route, dout.reshape(h, w, F, 1)); // (13, 13, F, 4)
  return unpoolWindows(dwin); // (26, 26, F)
}

/**
 * The original's max-pool backward, kept to show its bug (#7): it copies the gradient to EVERY
 * input equal to the window's maximum. On a tie (the flat background of a digit gives four equal
 * conv outputs) the gradient is counted up to four times.
 */
export function poolBackwardOriginal(dout: nd.NDArray, cache: PoolCache): nd.NDArray {
  const [h, w, F] = dout.shape;
  const max = cache.windows.max({ axis: 3, keepdims: true }); // (13, 13, F, 1)
  const tied = nd.equal(cache.windows, max); // (13, 13, F, 4): every maximum, not one
  return unpoolWindows(nd.multiply(tied, dout.reshape(h, w, F, 1)));
}

// ------------------------------------------------------------------------------------- Softmax

export interface SoftmaxCache {
  /** (1352,): the flattened input. */
  flat: nd.NDArray;
  /** (10,): the softmax's output probabilities. */
  probs: nd.NDArray;
  /** The input's shape, to reshape dL/dinput. */
  shape: number[];
}

/** Softmax layer forward: x (13, 13, F) → probabilities (10,) = softmax(flat(x) · W + b). */
export function softmaxForward(
  x: nd.NDArray,
  weights: nd.NDArray,
  biases: nd.NDArray,
): { probs: nd.NDArray; cache: SoftmaxCache } {
  const flat = x.reshape(-1); // (1352,)
  const totals = nd.add(nd.matmul(flat, weights), biases); // (10,) the logits t
  const e = nd.exp(nd.subtract(totals, totals.max())); // (10,) shifted by the max: no overflow
  const probs = nd.divide(e, e.sum()); // (10,)
  return { probs, cache: { flat, probs, shape: [...x.shape] } };
}

/**
 * Softmax layer backward for the loss L = −ln p_label: → dL/dW (1352, 10), dL/db (10,) and
 * dL/dx (13, 13, F). Written term by term as the original derives it.
 */
export function softmaxBackward(
  label: number,
  cache: SoftmaxCache,
  weights: nd.NDArray,
): { dweights: nd.NDArray; dbiases: nd.NDArray; dx: nd.NDArray } {
  const p = cache.probs; // (10,)
  const pc = Number(p.item(label));
  // dL/dp_c = −1 / p_c: the loss sees only the label's probability (every other dL/dp_k is 0)
  const dLdpc = -1 / pc;
  // dp_c/dt_k = p_c · (δ_ck − p_k): the softmax's Jacobian, row c
  const onehot = nd.zeros([p.size]).set(label, 1); // (10,) δ_ck
  const dpcdt = nd.multiply(pc, nd.subtract(onehot, p)); // (10,)
  // dL/dt = dL/dp_c · dp_c/dt = p − onehot (the famous simplification)
  const dt = nd.multiply(dLdpc, dpcdt); // (10,)
  // t = flat · W + b, so dL/dW = flatᵀ ⊗ dL/dt (the outer product)
  const dweights = nd.outer(cache.flat, dt); // (1352, 10)
  // dL/db = dL/dt · 1
  const dbiases = dt; // (10,)
  // dL/dflat = W · dL/dt, reshaped back to the pooled maps
  const dx = nd.matmul(weights, dt).reshape(cache.shape); // (13, 13, F)
  return { dweights, dbiases, dx };
}

// ----------------------------------------------------------------------------------- the net

export interface StepResult {
  loss: number;
  correct: boolean;
  probs: nd.NDArray;
}

/** Pixels in [0, 1] → the original's input: image − 0.5 (it used image / 255 − 0.5 on bytes), float64. */
export function prepare(image: nd.NDArray): nd.NDArray {
  return nd.subtract(image.astype('float64'), 0.5);
}

/** The whole forward pass on one prepared image: loss −ln p_label, whether the arg-max is right. */
export function forward(
  image: nd.NDArray,
  label: number,
  params: CnnParams,
): StepResult & { conv: ConvCache; pool: PoolCache; soft: SoftmaxCache } {
  const c = convForward(image, params.filters); // (26, 26, 8)
  const m = poolForward(c.out); // (13, 13, 8)
  const s = softmaxForward(m.out, params.weights, params.biases); // (10,)
  const loss = -Math.log(Number(s.probs.item(label)));
  const correct = Number(s.probs.argmax().item()) === label;
  return { loss, correct, probs: s.probs, conv: c.cache, pool: m.cache, soft: s.cache };
}

export interface CnnGrads {
  filters: nd.NDArray;
  weights: nd.NDArray;
  biases: nd.NDArray;
}

/** The whole backward pass: every parameter's gradient of −ln p_label. */
export function backward(
  label: number,
  fw: ReturnType<typeof forward>,
  params: CnnParams,
  opts: { originalPool?: boolean } = {},
): CnnGrads {
  const s = softmaxBackward(label, fw.soft, params.weights); // dL/dW, dL/db, dL/dpooled (13, 13, 8)
  const dconv = (opts.originalPool ? poolBackwardOriginal : poolBackward)(s.dx, fw.pool); // (26, 26, 8)
  const dfilters = convBackward(dconv, fw.conv); // (8, 3, 3)
  return { filters: dfilters, weights: s.dweights, biases: s.dbiases };
}

/** One SGD step on one image (forward, backward, update); returns the forward's loss and hit. */
export function trainStep(image: nd.NDArray, label: number, params: CnnParams, lr: number): StepResult {
  const fw = forward(image, label, params);
  const g = backward(label, fw, params);
  params.weights = nd.subtract(params.weights, nd.multiply(lr, g.weights));
  params.biases = nd.subtract(params.biases, nd.multiply(lr, g.biases));
  params.filters = nd.subtract(params.filters, nd.multiply(lr, g.filters));
  return { loss: fw.loss, correct: fw.correct, probs: fw.probs };
}

// ---------------------------------------------------------------------------- checking by hand

/** The loss −ln p_label of one prepared image. */
export function lossOf(image: nd.NDArray, label: number, params: CnnParams): number {
  return forward(image, label, params).loss;
}

/**
 * Central differences (L(θ + h) − L(θ − h)) / 2h for the entries `indices` (flat) of one parameter.
 * Returns the numeric gradient of each entry.
 */
export function numericGradient(
  image: nd.NDArray,
  label: number,
  params: CnnParams,
  name: keyof CnnParams,
  indices: readonly number[],
  h = 1e-5,
): number[] {
  const original = params[name];
  return indices.map((k) => {
    const bump = (delta: number): number => {
      const p = original.copy();
      const flat = p.reshape(-1); // a view of the copy
      flat.set(k, Number(flat.item(k)) + delta);
      return lossOf(image, label, { ...params, [name]: p });
    };
    return (bump(h) - bump(-h)) / (2 * h);
  });
}

/** Windows of the pooled layer whose maximum is shared by two or more of its four inputs. */
export function countTies(cache: PoolCache): number {
  const max = cache.windows.max({ axis: 3, keepdims: true }); // (13, 13, F, 1)
  const hits = nd.equal(cache.windows, max).astype('int32').sum({ axis: 3 }); // (13, 13, F)
  return Number(nd.greater(hits, 1).astype('int32').sum().item());
}
