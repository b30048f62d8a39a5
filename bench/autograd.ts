/**
 * `npm run bench -- autograd`: one training step (forward, backward, SGD update) of the
 * 784-128-10 MLP at batch 64 through mlseries autograd, beside TensorFlow.js's `variableGrads`
 * on the same step with its cpu and wasm backends, in the same process. Medians of 25 runs after 30 warm-ups.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as nd from '../src/nd/index.js';
import { F, noGrad, tensor, type Tensor } from '../src/autograd/index.js';

const require = createRequire(import.meta.url);
type Tf = typeof import('@tensorflow/tfjs-core');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn: () => void, runs = 25, warm = 30): number {
  for (let i = 0; i < warm; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export async function runAutogradBench(): Promise<{ markdown: string }> {
  const rng = nd.random.defaultRng(0);
  const B = 64;
  const x = rng.random([B, 784], { dtype: 'float32' });
  const labels = rng.integers(0, 10, [B]);
  const w1 = rng.standardNormal([784, 128], { dtype: 'float32' }).mul(0.05);
  const w2 = rng.standardNormal([128, 10], { dtype: 'float32' }).mul(0.05);

  // mlseries: autograd over nd
  const params: Tensor[] = [
    w1,
    nd.zeros([128], { dtype: 'float32' }),
    w2,
    nd.zeros([10], { dtype: 'float32' }),
  ].map((a) => tensor(a.copy(), { requiresGrad: true }));
  const X = tensor(x);
  const ours = time(() => {
    const [W1, b1, W2, b2] = params;
    const logits = X.matmul(W1).add(b1).relu().matmul(W2).add(b2); // (64, 10)
    const loss = F.crossEntropy(logits, labels);
    loss.backward();
    noGrad(() => {
      for (const p of params) {
        p.data.sub_(p.grad!.data.mul(0.01));
        p.zeroGrad();
      }
    });
  });

  // TensorFlow.js: NOTE the CommonJS core registers gradients only once tfjs-layers is loaded.
  const tf = require('@tensorflow/tfjs-core') as Tf;
  require('@tensorflow/tfjs-layers');
  require('@tensorflow/tfjs-backend-cpu');
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
  wasm.setWasmPaths(
    path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/',
  );
  const tfStep = async (backend: 'cpu' | 'wasm'): Promise<number> => {
    await tf.setBackend(backend);
    await tf.ready();
    const vars = [
      tf.variable(tf.tensor2d(w1.toTypedArray() as Float32Array, [784, 128])),
      tf.variable(tf.zeros([128])),
      tf.variable(tf.tensor2d(w2.toTypedArray() as Float32Array, [128, 10])),
      tf.variable(tf.zeros([10])),
    ];
    const tx = tf.tensor2d(x.toTypedArray() as Float32Array, [B, 784]);
    const ty = tf.oneHot(tf.tensor1d(Array.from(labels.toTypedArray()), 'int32'), 10);
    const ms = time(() => {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const h = tf.relu(tf.add(tf.matMul(tx, vars[0]), vars[1]));
          const logits = tf.add(tf.matMul(h, vars[2]), vars[3]);
          return tf.losses.softmaxCrossEntropy(ty, logits) as ReturnType<Tf['scalar']>;
        });
        vars.forEach((v, i) => v.assign(tf.sub(v, tf.mul(grads[Object.keys(grads)[i]], 0.01))));
        vars[0].dataSync();
      });
    });
    tf.dispose([...vars, tx, ty]);
    return ms;
  };
  const tfCpu = await tfStep('cpu');
  const tfWasm = await tfStep('wasm');
  const cpu = os.cpus();
  const lines = [
    `Machine: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} logical cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB;`,
    `Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average at start ${os.loadavg()[0].toFixed(2)}.`,
    'One SGD step of the 784-128-10 MLP (ReLU, softmax cross-entropy), batch 64, float32. Median of 25 runs after 30 warm-ups (steady state: the JIT has compiled every path).',
    '',
    '| implementation | ms / step | its time ÷ mlseries time |',
    '|---|---:|---:|',
    `| mlseries autograd | ${ours.toFixed(2)} | 1.00 |`,
    `| TF.js cpu variableGrads | ${tfCpu.toFixed(2)} | ${(tfCpu / ours).toFixed(2)} |`,
    `| TF.js wasm variableGrads | ${tfWasm.toFixed(2)} | ${(tfWasm / ours).toFixed(2)} |`,
    '',
    'A ratio above 1 means mlseries is faster.',
  ];
  console.log(lines.join('\n'));
  return { markdown: lines.join('\n') };
}
