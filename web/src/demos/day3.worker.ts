/**
 * Day 3's trainer: the lesson's classifier (classifier.ts: Input(2) → Dense(1, sigmoid), weights
 * from 0, bias from 1, binary cross-entropy) on the lesson's 200 points (data.ts), one batch per
 * step with `trainOnBatch`. The batches are drawn as `fit` draws them — a `permutation(200)` of
 * `defaultRng(0)` per epoch — so Adam 0.01 at batch 2 replays lesson 1-9's frames exactly. The
 * optimiser is Adam (the lesson's), plain SGD, or SGD with momentum. `serve` has waited for the
 * wasm backend before any of this runs.
 */
import * as nd from '../../../src/nd/index.js';
import * as keras from '../../../src/keras/index.js';
import { buildClassifier, weightsOf } from '../../../course/day3/classifier.js';
import { points } from '../../../course/day3/data.js';
import { freshSession } from '../../../course/day3/keras-output.js';
import { DEFAULT_LR, SGD_MOMENTUM, type Day3Settings, type Day3Snapshot } from './day3.shared.js';
import { serve } from './rpc.js';

const SEED = 0;

const { X, y } = points(SEED);
const N = X.shape[0];
let model: keras.Sequential;
let settings: Day3Settings = { opt: 'adam', lr: DEFAULT_LR.adam, batchSize: 2 };
let rng = nd.random.defaultRng(SEED);
let order: nd.NDArray = rng.permutation(N);
let epoch = 0;
let batch = 0;
let updates = 0;

const stepsPerEpoch = () => Math.ceil(N / settings.batchSize);

function optimizer(s: Day3Settings) {
  if (s.opt === 'adam') return keras.optimizers.Adam({ learningRate: s.lr });
  return keras.optimizers.SGD({ learningRate: s.lr, momentum: s.opt === 'momentum' ? SGD_MOMENTUM : 0 });
}

function snapshot(): Day3Snapshot {
  const [loss, accuracy] = model.evaluate(X, y, { batchSize: N, verbose: 0 });
  return { epoch, batch, steps: stepsPerEpoch(), updates, ...weightsOf(model), loss, accuracy };
}

serve({
  init(args: Day3Settings) {
    settings = { ...args };
    freshSession(SEED);
    model = buildClassifier(); // the lesson's model and initial weights, compiled with Adam 0.01 …
    if (settings.opt !== 'adam' || settings.lr !== DEFAULT_LR.adam) {
      // … recompiled when another optimiser (or rate) is chosen: same loss, same metric
      model.compile({ optimizer: optimizer(settings), loss: 'binary_crossentropy', metrics: ['accuracy'] });
    }
    rng = nd.random.defaultRng(SEED); // fit's shuffle stream after keras.utils.setRandomSeed(0)
    order = rng.permutation(N);
    epoch = 0;
    batch = 0;
    updates = 0;
    return { X: X.toArray() as number[][], y: y.toArray() as number[], snapshot: snapshot() };
  },
  step(args: { n: number }): Day3Snapshot {
    for (let i = 0; i < args.n; i++) {
      const s = batch * settings.batchSize;
      const idx = order.get(nd.slice(s, Math.min(N, s + settings.batchSize)));
      model.trainOnBatch(X.take(idx, { axis: 0 }), y.take(idx, { axis: 0 }));
      updates++;
      if (++batch === stepsPerEpoch()) {
        batch = 0;
        epoch++;
        order = rng.permutation(N); // a new order every epoch, like fit
      }
    }
    return snapshot();
  },
});
