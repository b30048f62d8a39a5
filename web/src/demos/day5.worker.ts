/**
 * Day 5's trainer: the lesson's Keras CNN (framework.ts's `buildKerasCnn`: Conv2D(8, 3) →
 * MaxPooling2D(2) → Flatten → Dense(10, softmax), Adam) on the embedded MNIST digits (8,000 train /
 * 2,000 test, loaded by the lesson's `loadDigits`: four gzipped IDX files fetched from the bundle),
 * inputs standardised by the lesson's `normalise`. It trains in chunks of batches (`trainOnBatch`)
 * so the page can draw progress, the learned filters and the feature maps of a digit between
 * chunks. `serve` has waited for the wasm backend (threads on a cross-origin-isolated page).
 */
import * as nd from '../../../src/nd/index.js';
import * as keras from '../../../src/keras/index.js';
import { noGrad, type Tensor } from '../../../src/autograd/index.js';
import { loadDigits } from '../../../course/day3/mnist.js';
import { freshSession } from '../../../course/day3/keras-output.js';
import { buildKerasCnn, normalise } from '../../../course/day5/framework.js';
import {
  BATCH_SIZE,
  DEFAULT_LR,
  type Day5Filters,
  type Day5Init,
  type Day5Maps,
  type Day5Progress,
} from './day5.shared.js';
import { serve } from './rpc.js';

const SEED = 0;

interface Data {
  x: nd.NDArray; // (8000, 28, 28, 1) float32, standardised
  y: nd.NDArray; // (8000, 10) one-hot
  xt: nd.NDArray; // (2000, 28, 28, 1)
  yt: nd.NDArray; // (2000, 10)
  testImages: nd.NDArray; // (2000, 28, 28) in [0, 1], for the pad's "a test digit"
  testLabels: nd.NDArray; // (2000,)
}

let data: Data | null = null;
let model: keras.Sequential;
let epochs = 1;
let batches = 0;
let seconds = 0;

/** (N, 28, 28) in [0, 1] → (N, 28, 28, 1) standardised (NCHW with one channel is NHWC's layout). */
const toInput = (images: nd.NDArray) => normalise(images).reshape(images.shape[0], 28, 28, 1);

async function load(): Promise<Data> {
  if (data) return data;
  const { train, test } = await loadDigits({ data: 'embedded' });
  data = {
    x: toInput(train.images),
    y: keras.utils.toCategorical(train.labels, 10),
    xt: toInput(test.images),
    yt: keras.utils.toCategorical(test.labels, 10),
    testImages: test.images,
    testLabels: test.labels,
  };
  return data;
}

function filters(): Day5Filters {
  const [kernel, bias] = model.getWeights(); // (3, 3, 1, 8), (8,)
  const k = kernel.toTypedArray();
  const nf = kernel.shape[3];
  const weights = Array.from({ length: nf }, (_, f) =>
    Array.from({ length: 9 }, (_, ij) => Number(k[ij * nf + f])),
  );
  return { weights, bias: Array.from(bias.toTypedArray(), Number) };
}

/** (1, H, W, C) → C maps of H·W values. */
function channels(t: Tensor): number[][] {
  const [, H, W, C] = t.shape;
  const v = t.data.toTypedArray();
  return Array.from({ length: C }, (_, c) => Array.from({ length: H * W }, (_, p) => Number(v[p * C + c])));
}

serve({
  async init(args: { lr?: number; epochs?: number }): Promise<Day5Init> {
    const d = await load();
    freshSession(SEED);
    model = buildKerasCnn(); // compiled with Adam's default rate (0.001) …
    const lr = args.lr ?? DEFAULT_LR;
    if (lr !== 0.001) {
      // … recompiled when another rate is chosen
      model.compile({
        optimizer: keras.optimizers.Adam({ learningRate: lr }),
        loss: 'categorical_crossentropy',
        metrics: ['accuracy'],
      });
    }
    epochs = args.epochs ?? 1;
    batches = 0;
    seconds = 0;
    return { nTrain: d.x.shape[0], nTest: d.xt.shape[0], params: model.countParams(), filters: filters() };
  },
  /** Up to `batches` Adam steps; batches go through the (already shuffled) set in order, epoch after epoch. */
  train(args: { batches: number }): Day5Progress {
    const d = data!;
    const n = d.x.shape[0];
    const perEpoch = Math.ceil(n / BATCH_SIZE);
    const total = perEpoch * epochs;
    let loss = 0;
    let acc = 0;
    let done = 0;
    const t0 = performance.now();
    while (done < args.batches && batches < total) {
      const s = (batches % perEpoch) * BATCH_SIZE;
      const e = Math.min(n, s + BATCH_SIZE);
      const [l, a] = model.trainOnBatch(d.x.get(nd.slice(s, e)), d.y.get(nd.slice(s, e))) as number[];
      loss += l;
      acc += a;
      done++;
      batches++;
    }
    seconds += (performance.now() - t0) / 1000;
    const seen = Math.floor(batches / perEpoch) * n + Math.min(n, (batches % perEpoch) * BATCH_SIZE);
    return {
      seen,
      batches,
      loss: done ? loss / done : NaN,
      accuracy: done ? acc / done : NaN,
      done: batches >= total,
      seconds,
    };
  },
  /** Accuracy on the first `n` test images. */
  evaluate(args: { n: number }): number {
    const d = data!;
    const n = Math.min(args.n, d.xt.shape[0]);
    const [, accuracy] = model.evaluate(d.xt.get(nd.slice(0, n)), d.yt.get(nd.slice(0, n)), {
      batchSize: 500,
      verbose: 0,
    });
    return accuracy;
  },
  filters,
  /** A 28 × 28 digit in [0, 1] (row-major) → probabilities and the feature maps. */
  classify(args: { pixels: number[] }): Day5Maps {
    const x = toInput(nd.array(Float32Array.from(args.pixels)).reshape(1, 28, 28));
    return noGrad(() => {
      const [conv, pool] = model.layers; // conv2d, max_pooling2d, flatten, dense
      const c = conv.apply(x) as Tensor; // (1, 26, 26, 8)
      const p = pool.apply(c) as Tensor; // (1, 13, 13, 8)
      const probs = model.predict(x, { verbose: 0 }); // (1, 10)
      return { probs: Array.from(probs.toTypedArray(), Number), conv: channels(c), pooled: channels(p) };
    });
  },
  /** Test image `i` (pixels in [0, 1], row-major) and its label. */
  sample(args: { i: number }): { pixels: number[]; label: number } {
    const d = data!;
    const i = ((args.i % d.testImages.shape[0]) + d.testImages.shape[0]) % d.testImages.shape[0];
    return {
      pixels: Array.from(d.testImages.get(i).toTypedArray(), Number),
      label: Number(d.testLabels.item(i)),
    };
  },
});
