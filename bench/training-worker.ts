/**
 * One peer of `npm run bench -- training`, in its own process: `node --import tsx
 * bench/training-worker.ts --peer=<id> --model=<mlp|cnn> --data=<dir> [plan options]`.
 * bench/training.ts starts it; it prints progress lines and, last, one `RESULT {json}` line
 * (a `WorkerResult` of ./training-common.ts). bench/torch_train.py is its PyTorch twin (same
 * options, same output).
 *
 * Peers: `ours-js`, `ours-wasm` (with `--threads=N`), `tfjs-cpu`, `tfjs-wasm`. The data directory
 * (written by bench/training.ts) holds `x.f32` (n × 784 float32, pixels in [0, 1]), `y.i32`
 * (n int32 labels 0–9) and `order.i32` (one permutation of 0 … n − 1: the batch order, the same
 * for every peer). A step takes the next 64 indices of that order, gathers the batch, runs forward,
 * loss, backward, the Adam update, and reads the loss back as a number (as a training loop that
 * logs its loss does; for TF.js this also forces the step to finish).
 *
 * Timing: `--warmup` steps first (untimed; with 0 the first timed step includes one-time set-up),
 * then `--reps` repetitions of `--steps` consecutive steps. When `--full-max-s` > 0 and the warm-up predicts a full epoch (937 steps) takes at most
 * that many seconds, each repetition is a full epoch instead. Repetitions stop early once
 * `--budget-s` seconds of timed work would be exceeded (at least one always runs).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BATCH, EPOCH_STEPS, median, type ModelName, type WorkerResult } from './training-common.js';

const require = createRequire(import.meta.url);

interface Plan {
  warmup: number;
  steps: number;
  reps: number;
  fullMaxS: number;
  budgetS: number;
}

interface Data {
  n: number;
  x: Float32Array;
  y: Int32Array;
  order: Int32Array;
}

/** Reads a whole binary file as a typed array (a view when the bytes are aligned, else a copy). */
function readTyped<T>(
  file: string,
  make: (b: ArrayBuffer, byteOffset: number, length: number) => T,
  size = 4,
): T {
  const b = readFileSync(file);
  if (b.byteOffset % size === 0) return make(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength / size);
  return make(
    b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
    0,
    b.byteLength / size,
  );
}

function loadData(dir: string): Data {
  const x = readTyped(path.join(dir, 'x.f32'), (b, o, n) => new Float32Array(b, o, n));
  const y = readTyped(path.join(dir, 'y.i32'), (b, o, n) => new Int32Array(b, o, n));
  const order = readTyped(path.join(dir, 'order.i32'), (b, o, n) => new Int32Array(b, o, n));
  const n = y.length;
  if (x.length !== n * 784 || order.length !== n) throw new Error(`bad data files in ${dir}`);
  if (n < EPOCH_STEPS * BATCH) throw new Error(`need ${EPOCH_STEPS * BATCH} samples, got ${n}`);
  return { n, x, y, order };
}

/** A prepared training step: runs batch `b` (0 … EPOCH_STEPS − 1) and returns its loss. */
type Step = (b: number) => number | Promise<number>;

interface Prepared {
  step: Step;
  threads: number;
  versions: Record<string, string>;
  note?: string;
}

function versionOf(packageJson: string): string {
  try {
    return (require(packageJson) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// ---- ours ------------------------------------------------------------------------------------

async function prepareOurs(
  backend: 'js' | 'wasm',
  threads: number,
  model: ModelName,
  data: Data,
): Promise<Prepared> {
  const kernels = await import('../src/kernels/index.js');
  const { NDArray } = await import('../src/nd/ndarray.js');
  const nd = await import('../src/nd/index.js');
  const { tensor } = await import('../src/autograd/index.js');
  const nn = await import('../src/nn/index.js');
  const optim = await import('../src/optim/index.js');

  kernels.setThreads(threads);
  kernels.setBackend(backend);
  const be = await kernels.ready();
  const info = kernels.backendInfo();
  if (be.name !== backend)
    throw new Error(`backend ${backend} did not load (${info.wasmError ?? 'unknown'})`);
  if (backend === 'wasm' && info.activeThreads !== threads) {
    throw new Error(`wasm backend runs ${info.activeThreads} threads, asked for ${threads}`);
  }

  nn.manualSeed(0);
  const net =
    model === 'mlp'
      ? new nn.Sequential(new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10))
      : new nn.Sequential(
          new nn.Conv2d(1, 32, 3, { padding: 1 }),
          new nn.ReLU(),
          new nn.MaxPool2d(2),
          new nn.Conv2d(32, 64, 3, { padding: 1 }),
          new nn.ReLU(),
          new nn.MaxPool2d(2),
          new nn.Flatten(),
          new nn.Linear(64 * 7 * 7, 128),
          new nn.ReLU(),
          new nn.Linear(128, 10),
        );
  const opt = new optim.Adam(net.parameters(), { lr: 1e-3 });
  const lossFn = new nn.CrossEntropyLoss();
  // The data as nd arrays, batches gathered with fancy indexing as scripts/train/fashion-mnist.ts does.
  const X = NDArray.fromData(data.x, [data.n, 784], 'float32');
  const Y = NDArray.fromData(Float64Array.from(data.y), [data.n], 'int64');
  const order = NDArray.fromData(Float64Array.from(data.order), [data.n], 'int64');
  const shape = model === 'mlp' ? [BATCH, 784] : [BATCH, 1, 28, 28];
  net.train();
  return {
    threads: backend === 'js' ? 1 : threads,
    versions: { mlseries: versionOf('../package.json') },
    note: backend === 'js' ? 'kernels in JS' : `wasm SIMD, ${threads} thread${threads > 1 ? 's' : ''}`,
    step: (b) => {
      const idx = order.get(nd.slice(b * BATCH, (b + 1) * BATCH));
      const x = tensor(X.get(idx).reshape(shape));
      const y = Y.get(idx);
      const loss = lossFn.call(net.call(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
      return Number(loss.item());
    },
  };
}

// ---- TensorFlow.js -----------------------------------------------------------------------------

type Tf = typeof import('@tensorflow/tfjs-core');
type TfLayers = typeof import('@tensorflow/tfjs-layers');

async function prepareTf(
  backend: 'cpu' | 'wasm',
  model: ModelName,
  data: Data,
  api: 'ops' | 'layers',
): Promise<Prepared> {
  // NOTE: the CommonJS core registers its gradients only once tfjs-layers is loaded.
  const tf = require('@tensorflow/tfjs-core') as Tf;
  const layers = require('@tensorflow/tfjs-layers') as TfLayers;
  require('@tensorflow/tfjs-backend-cpu');
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
  wasm.setWasmPaths(
    process.env.TFJS_WASM_DIR ??
      path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/',
  );
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} did not initialise`);
  await tf.ready();

  // Adam with PyTorch's (and ours) epsilon; TF.js's default is 1e-7.
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const isMlp = model === 'mlp';
  const xBuf = new Float32Array(BATCH * 784);
  const yBuf = new Int32Array(BATCH);
  const gather = (b: number): void => {
    for (let i = 0; i < BATCH; i++) {
      const s = data.order[b * BATCH + i]!;
      xBuf.set(data.x.subarray(s * 784, (s + 1) * 784), i * 784);
      yBuf[i] = data.y[s]!;
    }
  };
  const xShape: [number, number] | [number, number, number, number] = isMlp
    ? [BATCH, 784]
    : [BATCH, 28, 28, 1];
  const versions = { 'tfjs-core': tf.version_core, 'tfjs-layers': layers.version_layers };
  const note = `${backend === 'wasm' ? 'SIMD build' : 'pure JS'}, one thread in Node; ${
    api === 'ops' ? 'ops + optimizer.minimize' : 'tf.layers model.trainOnBatch'
  }`;

  if (api === 'layers') {
    const L = layers.layers;
    const net = layers.sequential({
      layers: isMlp
        ? [L.dense({ inputShape: [784], units: 128, activation: 'relu' }), L.dense({ units: 10 })]
        : [
            L.conv2d({
              inputShape: [28, 28, 1],
              filters: 32,
              kernelSize: 3,
              padding: 'same',
              activation: 'relu',
            }),
            L.maxPooling2d({ poolSize: 2 }),
            L.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
            L.maxPooling2d({ poolSize: 2 }),
            L.flatten(),
            L.dense({ units: 128, activation: 'relu' }),
            L.dense({ units: 10 }),
          ],
    });
    // Softmax cross-entropy on logits, like the other peers.
    net.compile({
      optimizer,
      loss: (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
    });
    return {
      threads: 1,
      versions,
      note,
      step: async (b) => {
        gather(b);
        const xs = tf.tensor(xBuf, xShape);
        const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(yBuf, 'int32'), 10));
        const loss = await net.trainOnBatch(xs, ys);
        tf.dispose([xs, ys]);
        return Array.isArray(loss) ? loss[0]! : loss;
      },
    };
  }

  // Plain ops and variables: the leanest TF.js training step.
  const uniform = (shape: number[], fanIn: number) => {
    const bound = 1 / Math.sqrt(fanIn);
    return tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', 1));
  };
  const vars = isMlp
    ? [uniform([784, 128], 784), uniform([128], 784), uniform([128, 10], 128), uniform([10], 128)]
    : [
        uniform([3, 3, 1, 32], 9),
        uniform([32], 9),
        uniform([3, 3, 32, 64], 288),
        uniform([64], 288),
        uniform([3136, 128], 3136),
        uniform([128], 3136),
        uniform([128, 10], 128),
        uniform([10], 128),
      ];
  type T = ReturnType<Tf['add']>;
  type T2 = ReturnType<Tf['tensor2d']>;
  type T4 = ReturnType<Tf['tensor4d']>;
  // The fused ops (matMul / conv2d + bias + activation in one kernel) are what tf.layers uses.
  const forward = (x: T): T => {
    const dense = (h: T, w: number, activation?: 'relu'): T =>
      tf.fused.matMul({
        a: h as T2,
        b: vars[w] as T2,
        bias: vars[w + 1]!,
        ...(activation ? { activation } : {}),
      });
    if (isMlp) return dense(dense(x, 0, 'relu'), 2);
    const conv = (h: T, w: number): T4 =>
      tf.maxPool(
        tf.fused.conv2d({
          x: h as T4,
          filter: vars[w] as T4,
          strides: 1,
          pad: 'same',
          bias: vars[w + 1]!,
          activation: 'relu',
        }),
        2,
        2,
        'valid',
      );
    const f = tf.reshape(conv(conv(x, 0), 2), [BATCH, 3136]);
    return dense(dense(f, 4, 'relu'), 6);
  };
  let before = -1;
  return {
    threads: 1,
    versions,
    note,
    step: (b) => {
      gather(b);
      let value = NaN;
      tf.tidy(() => {
        const xs = tf.tensor(xBuf, xShape);
        const ys = tf.oneHot(tf.tensor1d(yBuf, 'int32'), 10);
        const cost = optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(ys, forward(xs)) as never,
          true,
          vars,
        );
        value = cost!.dataSync()[0]!;
      });
      const live = tf.memory().numTensors;
      if (before >= 0 && live !== before) throw new Error(`TF.js leaks tensors: ${before} → ${live}`);
      before = live;
      return value;
    },
  };
}

// ---- the timing loop ---------------------------------------------------------------------------

function option(args: readonly string[], name: string): string | undefined {
  const a = args.find((s) => s.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

async function run(args: readonly string[]): Promise<WorkerResult> {
  const peer = option(args, 'peer') ?? '';
  const model = (option(args, 'model') ?? 'mlp') as ModelName;
  const threads = Number(option(args, 'threads') ?? 1);
  const plan: Plan = {
    warmup: Number(option(args, 'warmup') ?? 10),
    steps: Number(option(args, 'steps') ?? 100),
    reps: Number(option(args, 'reps') ?? 5),
    fullMaxS: Number(option(args, 'full-max-s') ?? 0),
    budgetS: Number(option(args, 'budget-s') ?? 120),
  };
  const api = (option(args, 'tf-api') ?? 'ops') as 'ops' | 'layers';
  const data = loadData(option(args, 'data') ?? '');
  const base: WorkerResult = { peer, model, threads, ok: false };

  let prepared: Prepared;
  if (peer === 'ours-js') prepared = await prepareOurs('js', 1, model, data);
  else if (peer === 'ours-wasm') prepared = await prepareOurs('wasm', threads, model, data);
  else if (peer === 'tfjs-cpu') prepared = await prepareTf('cpu', model, data, api);
  else if (peer === 'tfjs-wasm') prepared = await prepareTf('wasm', model, data, api);
  else throw new Error(`unknown peer '${peer}'`);
  const { step } = prepared;
  const result: WorkerResult = {
    ...base,
    threads: prepared.threads,
    versions: { node: process.version, ...prepared.versions },
    ...(prepared.note ? { note: prepared.note } : {}),
  };

  let b = 0;
  let lossFirst = NaN;
  let first = true;
  const one = async (): Promise<number> => {
    const loss = await step(b);
    b = (b + 1) % EPOCH_STEPS;
    if (first) lossFirst = loss;
    first = false;
    return loss;
  };
  try {
    // Warm-up: the first step is not timed (it includes one-time set-up), the others estimate
    // the time of an epoch.
    const warmTimes: number[] = [];
    for (let i = 0; i < plan.warmup; i++) {
      const t = performance.now();
      await one();
      if (i > 0) warmTimes.push(performance.now() - t);
    }
    const estStepMs = warmTimes.length ? median(warmTimes) : Infinity;
    const full = plan.fullMaxS > 0 && (estStepMs * EPOCH_STEPS) / 1000 <= plan.fullMaxS;
    const steps = full ? EPOCH_STEPS : plan.steps;
    if (full) b = 0;
    console.log(
      `${peer}${peer === 'ours-wasm' ? ` ${threads}t` : ''} ${model}: warm-up ${plan.warmup} steps` +
        (warmTimes.length ? ` (${estStepMs.toFixed(1)} ms/step)` : '') +
        `; timing ${plan.reps} × ${full ? 'full epoch' : `${steps} steps`}`,
    );

    const repWallMs: number[] = [];
    const repCpuMs: number[] = [];
    let lossLast = NaN;
    const loadStart = os.loadavg()[0]!;
    let spent = 0;
    for (let r = 0; r < plan.reps; r++) {
      if (r > 0 && spent + median(repWallMs) > plan.budgetS * 1000) break;
      let sum = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) sum += await one();
      const wall = performance.now() - t0;
      repCpuMs.push(cpuMs(c0));
      repWallMs.push(wall);
      spent += wall;
      lossLast = sum / steps;
      console.log(
        `  rep ${r + 1}: ${(wall / 1000).toFixed(2)} s wall (${(wall / steps).toFixed(2)} ms/step, ` +
          `CPU ${(repCpuMs[r]! / steps).toFixed(2)} ms/step), mean loss ${lossLast.toFixed(4)}`,
      );
    }
    return {
      ...result,
      ok: true,
      mode: full ? 'epoch' : 'steps',
      warmup: plan.warmup,
      steps,
      reps: repWallMs.length,
      repWallMs,
      repCpuMs,
      lossFirst,
      lossLast,
      loadStart,
      loadEnd: os.loadavg()[0]!,
    };
  } catch (e) {
    // A peer that cannot train the model (TF.js wasm has no Conv2DBackpropFilter) fails here.
    return { ...result, error: e instanceof Error ? e.message : String(e) };
  }
}

run(process.argv.slice(2))
  .then((r) => {
    console.log(`RESULT ${JSON.stringify(r)}`);
    process.exit(0);
  })
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
