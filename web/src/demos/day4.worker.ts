/**
 * Day 4's trainer: the lesson's 2-h-2 tanh/softmax network on the moons, full-batch gradient
 * descent with its hand-written backward pass; after each chunk it sends the loss, the accuracy,
 * the class-1 probability over a grid (the boundary), the weights and their gradients. `serve` has
 * waited for the wasm backend before it answers.
 */
import * as nd from '../../../src/nd/index.js';
import { grid } from '../../../course/day4/boundary.js';
import { accuracy, moonsData } from '../../../course/day4/moons.js';
import {
  initNet,
  netBackward,
  netForward,
  netLoss,
  netPredict,
  type NetParams,
} from '../../../course/day4/moons-net.js';
import { GRID_RES } from './day4.shared.js';
import { serve } from './rpc.js';

const REG = 0.01;

type Matrix = number[][];
export interface Day4Snapshot {
  pass: number;
  loss: number;
  accuracy: number;
  /** P(class 1) on the GRID_RES² grid of boundary.ts (rows follow y). */
  probs: Float64Array;
  params: Record<keyof NetParams, Matrix>;
  grads: Record<keyof NetParams, Matrix>;
}

const { X, y } = moonsData();
const { G } = grid(GRID_RES);
let p: NetParams = initNet(3, 0);
let lr = 0.01;
let pass = 0;

const toLists = (q: NetParams) =>
  ({ W1: q.W1.toArray(), b1: q.b1.toArray(), W2: q.W2.toArray(), b2: q.b2.toArray() }) as Record<
    keyof NetParams,
    Matrix
  >;

function snapshot(): Day4Snapshot {
  const g = netBackward(p, X, y, netForward(p, X), REG); // ∂objective/∂θ at the current weights
  const probs = netForward(p, G).probs.get(nd.slice(), 1).toTypedArray() as Float64Array; // (res²,)
  return {
    pass,
    loss: netLoss(p, X, y, REG),
    accuracy: accuracy(netPredict(p, X), y),
    probs: Float64Array.from(probs),
    params: toLists(p),
    grads: toLists(g),
  };
}

serve({
  init(args: { h: number; lr: number }) {
    p = initNet(args.h, 0);
    lr = args.lr;
    pass = 0;
    return { X: X.toArray(), y: y.toArray(), snapshot: snapshot() };
  },
  setLr(args: { lr: number }) {
    lr = args.lr;
  },
  step(args: { n: number }): Day4Snapshot {
    for (let i = 0; i < args.n; i++) {
      // the lesson's update (trainNet): full batch, θ ← θ − lr · ∂objective/∂θ
      const g = netBackward(p, X, y, netForward(p, X), REG);
      p = {
        W1: p.W1.sub(g.W1.mul(lr)),
        b1: p.b1.sub(g.b1.mul(lr)),
        W2: p.W2.sub(g.W2.mul(lr)),
        b2: p.b2.sub(g.b2.mul(lr)),
      };
      pass++;
    }
    return snapshot();
  },
});
