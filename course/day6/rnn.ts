/**
 * Day 6's many-to-one vanilla RNN, written out on `nd` (column vectors, as in the tutorial):
 *
 *   h_0 = 0
 *   h_t = tanh(W_xh x_t + W_hh h_{t−1} + b_h)      t = 1 … T
 *   y   = W_hy h_T + b_y                            (only the last hidden state is read)
 *   p   = softmax(y),  L = −log p[target]
 *
 * Forward and backward sit side by side; each backward term has its own commented line.
 */
import * as nd from '../../src/nd/index.js';

type NDArray = nd.NDArray;

/** The five parameters (shapes for V inputs, H hidden units, O outputs). */
export interface RnnParams {
  Wxh: NDArray; // (H, V)
  Whh: NDArray; // (H, H)
  Why: NDArray; // (O, H)
  bh: NDArray; // (H, 1)
  by: NDArray; // (O, 1)
}

/** Their gradients, same names and shapes. */
export type RnnGrads = RnnParams;

export const PARAM_NAMES = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

/** What the forward pass keeps for the backward pass. */
export interface RnnCache {
  /** The inputs x_1 … x_T, each (V, 1). */
  xs: NDArray[];
  /** h_0 … h_T, each (H, 1); hs[0] is the zero state. */
  hs: NDArray[];
}

/**
 * The tutorial's initialisation: W = randn / 1000 in the order W_hh, W_xh, W_hy (from our seeded
 * generator instead of NumPy's global one), biases zero.
 */
export function initRnn(
  rng: nd.random.Generator,
  inputSize: number,
  hiddenSize: number,
  outputSize: number,
): RnnParams {
  const Whh = rng.standardNormal([hiddenSize, hiddenSize]).div(1000); // (H, H)
  const Wxh = rng.standardNormal([hiddenSize, inputSize]).div(1000); // (H, V)
  const Why = rng.standardNormal([outputSize, hiddenSize]).div(1000); // (O, H)
  const bh = nd.zeros([hiddenSize, 1]); // (H, 1)
  const by = nd.zeros([outputSize, 1]); // (O, 1)
  return { Wxh, Whh, Why, bh, by };
}

/** Forward through the whole phrase; returns the logits y (O, 1) and the cache. */
export function rnnForward(p: RnnParams, xs: NDArray[]): { y: NDArray; cache: RnnCache } {
  let h = nd.zeros([p.Whh.shape[0], 1]); // h_0 (H, 1)
  const hs = [h];
  for (const x of xs) {
    // a_t = W_xh x_t + W_hh h_{t−1} + b_h;  h_t = tanh(a_t)
    h = nd.tanh(nd.matmul(p.Wxh, x).add(nd.matmul(p.Whh, h)).add(p.bh)); // (H, 1)
    hs.push(h);
  }
  const y = nd.matmul(p.Why, h).add(p.by); // (O, 1)
  return { y, cache: { xs, hs } };
}

/** Softmax of a column of logits (shifted by the max for stability). */
export function softmax(y: NDArray): NDArray {
  const e = nd.exp(y.sub(y.max())); // (O, 1)
  return e.div(e.sum()); // (O, 1)
}

/**
 * Cross-entropy of softmax(y) against the target class, and its gradient with respect to the
 * logits: ∂L/∂y = p − onehot(target).
 */
export function crossEntropy(y: NDArray, target: number): { loss: number; probs: NDArray; dy: NDArray } {
  const probs = softmax(y); // (O, 1)
  const loss = -Math.log(Number(probs.item(target, 0)));
  const dy = probs.copy(); // ∂L/∂y_k = p_k …
  dy.set([target, 0], Number(probs.item(target, 0)) - 1); // … − 1 for the target class
  return { loss, probs, dy };
}

export interface BackwardOptions {
  /**
   * Reproduce the public tutorial's bug: carry the gradient back through time with W_hh instead
   * of W_hhᵀ. Only for showing that the gradient check catches it.
   */
  tutorialBug?: boolean;
}

/**
 * Backpropagation through time. `dy` = ∂L/∂y (O, 1); returns ∂L/∂θ for every parameter (not clipped).
 */
export function rnnBackward(
  p: RnnParams,
  cache: RnnCache,
  dy: NDArray,
  opts: BackwardOptions = {},
): RnnGrads {
  const { xs, hs } = cache;
  const T = xs.length;
  // y = W_hy h_T + b_y
  const dWhy = nd.matmul(dy, hs[T].T); // ∂L/∂W_hy = ∂L/∂y · h_Tᵀ                        (O, H)
  const dby = dy.copy(); // ∂L/∂b_y = ∂L/∂y                                                (O, 1)
  let dh = nd.matmul(p.Why.T, dy); // ∂L/∂h_T = W_hyᵀ · ∂L/∂y                              (H, 1)

  // The same W_hh, W_xh, b_h are used at every step, so their gradients are sums over t. The
  // sum over t of the outer products da_t · h_{t−1}ᵀ is one matrix product: collect the columns.
  const das: NDArray[] = [];
  for (let t = T; t >= 1; t--) {
    // h_t = tanh(a_t), a_t = W_xh x_t + W_hh h_{t−1} + b_h
    const da = dh.mul(nd.square(hs[t]).neg().add(1)); // ∂L/∂a_t = ∂L/∂h_t ⊙ (1 − h_t²)  (H, 1)
    das.unshift(da);
    dh = nd.matmul(opts.tutorialBug ? p.Whh : p.Whh.T, da); // ∂L/∂h_{t−1} = W_hhᵀ · ∂L/∂a_t   (H, 1)
    // NOTE: a_t = W_hh h_{t−1} means ∂a_t[i]/∂h_{t−1}[j] = W_hh[i, j]; the chain rule sums over i,
    // Σ_i W_hh[i, j] ∂L/∂a_t[i] = (W_hhᵀ ∂L/∂a_t)[j]. The tutorial multiplies by W_hh itself.
  }
  const dA = nd.concatenate(das, { axis: 1 }); // [∂L/∂a_1 … ∂L/∂a_T]                       (H, T)
  const Hprev = nd.concatenate(hs.slice(0, T), { axis: 1 }); // [h_0 … h_{T−1}]            (H, T)
  const X = nd.concatenate(xs, { axis: 1 }); // [x_1 … x_T]                                  (V, T)
  const dWhh = nd.matmul(dA, Hprev.T); // ∂L/∂W_hh = Σ_t ∂L/∂a_t · h_{t−1}ᵀ                   (H, H)
  const dWxh = nd.matmul(dA, X.T); // ∂L/∂W_xh = Σ_t ∂L/∂a_t · x_tᵀ                            (H, V)
  const dbh = dA.sum({ axis: 1, keepdims: true }); // ∂L/∂b_h = Σ_t ∂L/∂a_t                   (H, 1)
  return { Wxh: dWxh, Whh: dWhh, Why: dWhy, bh: dbh, by: dby };
}

/** Clips every gradient to [lo, hi] in place (the tutorial's `np.clip(d, -1, 1, out=d)`). */
export function clipGrads(g: RnnGrads, lo = -1, hi = 1): void {
  for (const k of PARAM_NAMES) nd.clip(g[k], lo, hi, { out: g[k] });
}

/** Plain SGD in place: θ ← θ − lr · ∂L/∂θ (scales `g` in place too, to allocate nothing). */
export function sgdStep(p: RnnParams, g: RnnGrads, lr: number): void {
  for (const k of PARAM_NAMES) {
    nd.multiply(g[k], lr, { out: g[k] }); // lr · ∂L/∂θ
    nd.subtract(p[k], g[k], { out: p[k] }); // θ ← θ − lr · ∂L/∂θ
  }
}

/** The phrase as one-hot columns x_1 … x_T, each (V, 1). */
export function phraseInputs(oneHotRows: NDArray): NDArray[] {
  const [T, V] = oneHotRows.shape;
  const xs: NDArray[] = [];
  for (let t = 0; t < T; t++) xs.push(oneHotRows.get(t).reshape(V, 1)); // (V, 1)
  return xs;
}
