/**
 * `npm run bench -- nd`: nd's elementwise ops, reductions and a transpose copy, side by side with
 * TensorFlow.js's cpu backend in the same process. Medians of 15 runs after 5 warm-ups.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import os from 'node:os';
import * as nd from '../src/nd/index.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time in ms of `fn` over `runs` runs after `warm` warm-up calls. */
function time(fn: () => unknown, runs = 15, warm = 5): number {
  for (let i = 0; i < warm; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export interface NdBenchRow {
  workload: string;
  ours: number;
  tfjsCpu: number;
}

export async function runNdBench(): Promise<{ rows: NdBenchRow[]; markdown: string }> {
  await tf.setBackend('cpu');
  await tf.ready();
  const rng = nd.random.defaultRng(0);
  const n = 1_000_000;
  const a = rng.random([n], { dtype: 'float32' });
  const b = rng.random([n], { dtype: 'float32' });
  const m = rng.random([1000, 1000], { dtype: 'float32' });
  const ta = tf.tensor1d(a.toTypedArray() as Float32Array);
  const tb = tf.tensor1d(b.toTypedArray() as Float32Array);
  const tm = tf.tensor2d(m.toTypedArray() as Float32Array, [1000, 1000]);
  // TensorFlow.js runs lazily on some backends; dataSync() forces the result on both sides.
  const tfRun = (f: () => tf.Tensor) => () => {
    const r = f();
    r.dataSync();
    r.dispose();
  };
  const rows: NdBenchRow[] = [
    {
      workload: 'add 1e6 float32',
      ours: time(() => nd.add(a, b)),
      tfjsCpu: time(tfRun(() => tf.add(ta, tb))),
    },
    {
      workload: 'mul 1e6 float32',
      ours: time(() => nd.multiply(a, b)),
      tfjsCpu: time(tfRun(() => tf.mul(ta, tb))),
    },
    { workload: 'exp 1e6 float32', ours: time(() => nd.exp(a)), tfjsCpu: time(tfRun(() => tf.exp(ta))) },
    {
      workload: 'sum axis 0 of 1000×1000',
      ours: time(() => m.sum({ axis: 0 })),
      tfjsCpu: time(tfRun(() => tf.sum(tm, 0))),
    },
    {
      workload: 'sum axis 1 of 1000×1000',
      ours: time(() => m.sum({ axis: 1 })),
      tfjsCpu: time(tfRun(() => tf.sum(tm, 1))),
    },
    { workload: 'sum all of 1000×1000', ours: time(() => m.sum()), tfjsCpu: time(tfRun(() => tf.sum(tm))) },
    {
      workload: 'transpose copy 1000×1000',
      ours: time(() => m.T.copy()),
      tfjsCpu: time(tfRun(() => tf.transpose(tm))),
    },
  ];
  tf.dispose([ta, tb, tm]);
  const cpu = os.cpus();
  const lines = [
    `Machine: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} logical cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB;`,
    `Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average at start ${os.loadavg()[0].toFixed(2)}.`,
    'Median of 15 runs after 5 warm-ups; TF.js results are read back with dataSync().',
    '',
    '| workload | mlseries nd (ms) | TF.js cpu (ms) | speed-up |',
    '|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.workload} | ${r.ours.toFixed(2)} | ${r.tfjsCpu.toFixed(2)} | ${(r.tfjsCpu / r.ours).toFixed(2)}× |`,
    ),
  ];
  console.log(lines.join('\n'));
  return { rows, markdown: lines.join('\n') };
}
