/**
 * Day 4: the 2-2-1 sigmoid network with its nine parameters named as in the lesson (w1…w6, b1…b3),
 * its forward pass and its backward pass written out term by term, and per-sample SGD.
 *
 *   h1 = σ(w1·x1 + w2·x2 + b1)
 *   h2 = σ(w3·x1 + w4·x2 + b2)
 *   o1 = σ(w5·h1 + w6·h2 + b3)      L = (y − o1)²
 *
 * The numbers are scalars, so plain JS numbers (float64, exactly NumPy's float64 scalars) do the
 * arithmetic; the batch helpers use nd.
 */
import * as nd from '../../src/nd/index.js';

export const PARAM_NAMES = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'b1', 'b2', 'b3'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type Params = Record<ParamName, number>;

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
/** σ'(x) = σ(x)·(1 − σ(x)) */
const dSigma = (x: number) => {
  const s = sigma(x);
  return s * (1 - s);
};

/** The intermediate values of one forward pass (kept for the backward pass). */
export interface Cache {
  x: readonly [number, number];
  sumH1: number;
  h1: number;
  sumH2: number;
  h2: number;
  sumO1: number;
  o1: number;
}

export function forward(p: Params, x: readonly [number, number]): Cache {
  const sumH1 = p.w1 * x[0] + p.w2 * x[1] + p.b1;
  const h1 = sigma(sumH1);
  const sumH2 = p.w3 * x[0] + p.w4 * x[1] + p.b2;
  const h2 = sigma(sumH2);
  const sumO1 = p.w5 * h1 + p.w6 * h2 + p.b3;
  const o1 = sigma(sumO1);
  return { x, sumH1, h1, sumH2, h2, sumO1, o1 };
}

/** ∂L/∂θ for L = (y − o1)² at one sample, by the chain rule. */
export function backward(p: Params, c: Cache, yTrue: number): Params {
  const [x1, x2] = c.x;
  const dL_dypred = -2 * (yTrue - c.o1); //   ∂L/∂o1 = −2(y − o1)
  // output neuron o1 = σ(w5·h1 + w6·h2 + b3)
  const dO1 = dSigma(c.sumO1); //              ∂o1/∂sumO1 = σ'(sumO1)
  const dypred_dw5 = c.h1 * dO1; //            ∂o1/∂w5 = h1·σ'(sumO1)
  const dypred_dw6 = c.h2 * dO1; //            ∂o1/∂w6 = h2·σ'(sumO1)
  const dypred_db3 = dO1; //                   ∂o1/∂b3 = σ'(sumO1)
  const dypred_dh1 = p.w5 * dO1; //            ∂o1/∂h1 = w5·σ'(sumO1)
  const dypred_dh2 = p.w6 * dO1; //            ∂o1/∂h2 = w6·σ'(sumO1)
  // hidden neuron h1 = σ(w1·x1 + w2·x2 + b1)
  const dH1 = dSigma(c.sumH1);
  const dh1_dw1 = x1 * dH1; //                 ∂h1/∂w1 = x1·σ'(sumH1)
  const dh1_dw2 = x2 * dH1; //                 ∂h1/∂w2 = x2·σ'(sumH1)
  const dh1_db1 = dH1; //                      ∂h1/∂b1 = σ'(sumH1)
  // hidden neuron h2 = σ(w3·x1 + w4·x2 + b2)
  const dH2 = dSigma(c.sumH2);
  const dh2_dw3 = x1 * dH2; //                 ∂h2/∂w3 = x1·σ'(sumH2)
  const dh2_dw4 = x2 * dH2; //                 ∂h2/∂w4 = x2·σ'(sumH2)
  const dh2_db2 = dH2; //                      ∂h2/∂b2 = σ'(sumH2)
  return {
    w1: dL_dypred * dypred_dh1 * dh1_dw1, //   ∂L/∂w1 = ∂L/∂o1 · ∂o1/∂h1 · ∂h1/∂w1
    w2: dL_dypred * dypred_dh1 * dh1_dw2,
    b1: dL_dypred * dypred_dh1 * dh1_db1,
    w3: dL_dypred * dypred_dh2 * dh2_dw3,
    w4: dL_dypred * dypred_dh2 * dh2_dw4,
    b2: dL_dypred * dypred_dh2 * dh2_db2,
    w5: dL_dypred * dypred_dw5, //             ∂L/∂w5 = ∂L/∂o1 · ∂o1/∂w5
    w6: dL_dypred * dypred_dw6,
    b3: dL_dypred * dypred_db3,
  };
}

/** Mean squared error of two arrays of the same shape: mean((yTrue − yPred)²). */
export function mseLoss(yTrue: nd.NDArray, yPred: nd.NDArray): number {
  return Number(nd.square(yTrue.sub(yPred)).mean().item());
}

/** The network's outputs for every row of `data` (n, 2) → (n,). */
export function predict(p: Params, data: readonly (readonly [number, number])[]): nd.NDArray {
  return nd.array(data.map((x) => forward(p, x).o1));
}

/** Nine numbers from `rng.normal()` in the order w1…w6, b1…b3 (the article's `np.random.normal()`). */
export function initParams(rng: { normal(): number }): Params {
  const p = {} as Params;
  for (const name of PARAM_NAMES) p[name] = rng.normal();
  return p;
}

/**
 * Per-sample SGD, as the article: for each epoch, for each sample, one step on every parameter.
 * Calls `report(epoch, loss)` every 10 epochs with the MSE over the whole data set.
 */
export function train(
  p: Params,
  data: readonly (readonly [number, number])[],
  yTrues: readonly number[],
  opts: { epochs?: number; learnRate?: number; report?: (epoch: number, loss: number) => void } = {},
): Params {
  const epochs = opts.epochs ?? 1000;
  const lr = opts.learnRate ?? 0.1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < data.length; i++) {
      const grads = backward(p, forward(p, data[i]), yTrues[i]);
      for (const name of PARAM_NAMES) p[name] -= lr * grads[name];
    }
    if (epoch % 10 === 0) opts.report?.(epoch, mseLoss(nd.array(yTrues), predict(p, data)));
  }
  return p;
}
