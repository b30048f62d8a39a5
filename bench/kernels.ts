/**
 * `npm run bench -- kernels [--quick]`: the compute kernels side by side in one process —
 * ours js, ours wasm on 1 and 2 threads, TensorFlow.js 4.22 cpu and wasm (its SIMD build, one
 * thread in Node), and onnxruntime-node (native, inference only, 1 and 2 threads).
 *
 * Workloads: float32 matmul n × n × n for n = 128 … 2048; the MNIST conv step (batch 64: 1→32
 * channels 3×3 'same' on 28×28, and 32→64 3×3 'same' on 14×14) forward, and forward + backward
 * (both weight gradients with the bias gradients, and the input gradient of the second layer —
 * the first layer's input is the image). Each cell is the median of ≥ 5 timed runs after warm-up,
 * except runs slower than 3 s, which are timed once (noted in the table). Workloads run one at a
 * time across all engines, so a row is measured under one machine load. `--quick` skips the
 * slowest cells (TensorFlow.js cpu on matmul 2048 and on the conv backward pass); `--sizes=128,256`
 * picks the matmul sizes; `--no-write` leaves RESULTS.md alone.
 */
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  conv2dGeometry,
  getBackend,
  jsBackend,
  ready,
  setBackend,
  setThreads,
  type Backend,
  type Conv2dGeometry,
} from '../src/kernels/index.js';
import { convModel, matmulModel } from './onnx-models.js';

const require = createRequire(import.meta.url);

type Tf = typeof import('@tensorflow/tfjs-core');
type Ort = typeof import('onnxruntime-node');

/** One timed cell: median wall and CPU milliseconds (CPU summed over threads) and the run count. */
interface Timing {
  ms: number;
  cpuMs: number;
  runs: number;
}

/** CPU milliseconds (user + system, all threads of this process) since `since`. */
function cpuSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

const SLOW_MS = 3000;

/**
 * Median wall time of `fn` (sync or async): 2 warm-ups, then ≥ 5 runs and ≥ `minMs` of runs.
 * A call slower than SLOW_MS is timed once after one warm-up; one slower than 10 s is its own
 * (only) timing.
 */
async function measure(fn: () => unknown, minMs = 1500): Promise<Timing> {
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  await fn();
  const first = performance.now() - t0;
  if (first > 10_000) return { ms: first, cpuMs: cpuSince(c0), runs: 1 };
  t0 = performance.now();
  c0 = process.cpuUsage();
  await fn();
  const second = performance.now() - t0;
  if (second > SLOW_MS) return { ms: second, cpuMs: cpuSince(c0), runs: 1 };
  const times: number[] = [];
  const cpu: number[] = [];
  let total = 0;
  while (times.length < 5 || (total < minMs && times.length < 50)) {
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const dt = performance.now() - t;
    cpu.push(cpuSince(c));
    times.push(dt);
    total += dt;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { ms: times[times.length >> 1]!, cpuMs: cpu[cpu.length >> 1]!, runs: times.length };
}

function random(n: number, seed: number): Float32Array {
  // xorshift: deterministic inputs, no Math.random.
  const a = new Float32Array(n);
  let s = seed | 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = ((s >>> 0) / 4294967296 - 0.5) * 2;
  }
  return a;
}

/** An engine prepares a closure per workload, or returns null when it cannot run it. */
interface Engine {
  name: string;
  matmul(n: number): (() => unknown) | null;
  convForward(): (() => unknown) | null;
  convStep(): (() => unknown) | null;
  note?: string;
}

// ---- the MNIST conv workload ---------------------------------------------------------------

const L1 = conv2dGeometry([64, 1, 28, 28], [32, 1, 3, 3], { padding: 'same' });
const L2 = conv2dGeometry([64, 32, 14, 14], [64, 32, 3, 3], { padding: 'same' });

function convFlops(g: Conv2dGeometry): number {
  return (2 * g.n * g.cOut * g.outH * g.outW * g.cIn * g.kh * g.kw) / g.groups;
}
const CONV_FORWARD_FLOPS = convFlops(L1) + convFlops(L2);
const CONV_STEP_FLOPS = 2 * CONV_FORWARD_FLOPS + convFlops(L2);

interface LayerData {
  g: Conv2dGeometry;
  x: Float32Array;
  w: Float32Array;
  b: Float32Array;
  y: Float32Array;
  dy: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
  db: Float32Array;
}

function layerData(g: Conv2dGeometry, seed: number): LayerData {
  const nx = g.n * g.cIn * g.h * g.w;
  const ny = g.n * g.cOut * g.outH * g.outW;
  const nw = g.cOut * g.cIn * g.kh * g.kw;
  return {
    g,
    x: random(nx, seed),
    w: random(nw, seed + 1),
    b: random(g.cOut, seed + 2),
    y: new Float32Array(ny),
    dy: random(ny, seed + 3),
    dx: new Float32Array(nx),
    dw: new Float32Array(nw),
    db: new Float32Array(g.cOut),
  };
}

const layers = [layerData(L1, 1), layerData(L2, 11)];

// ---- ours ----------------------------------------------------------------------------------

function oursEngine(name: string, backend: () => Backend, threads: number): Engine {
  const use = (): Backend => {
    setThreads(threads);
    return backend();
  };
  const forward = (be: Backend): void => {
    for (const l of layers) {
      be.conv2d({
        geom: l.g,
        x: l.x,
        xOffset: 0,
        w: l.w,
        wOffset: 0,
        bias: l.b,
        biasOffset: 0,
        y: l.y,
        yOffset: 0,
      });
    }
  };
  return {
    name,
    matmul(n) {
      const a = random(n * n, 1);
      const b = random(n * n, 2);
      const c = new Float32Array(n * n);
      return () =>
        use().gemm({
          transA: false,
          transB: false,
          m: n,
          n,
          k: n,
          batch: 1,
          alpha: 1,
          beta: 0,
          a,
          aOffset: 0,
          lda: n,
          aBatchStride: 0,
          b,
          bOffset: 0,
          ldb: n,
          bBatchStride: 0,
          c,
          cOffset: 0,
          ldc: n,
          cBatchStride: 0,
        });
    },
    convForward: () => () => forward(use()),
    convStep: () => () => {
      const be = use();
      forward(be);
      for (const l of layers) {
        be.conv2dBackwardWeight({
          geom: l.g,
          x: l.x,
          xOffset: 0,
          dy: l.dy,
          dyOffset: 0,
          dw: l.dw,
          dwOffset: 0,
          db: l.db,
          dbOffset: 0,
        });
      }
      const l = layers[1]!;
      be.conv2dBackwardInput({ geom: l.g, dy: l.dy, dyOffset: 0, w: l.w, wOffset: 0, dx: l.dx, dxOffset: 0 });
    },
  };
}

// ---- TensorFlow.js ---------------------------------------------------------------------------

async function loadTf(): Promise<Tf> {
  // Static specifiers so a bundler can inline TensorFlow.js; gradients are not needed (the
  // backward pass calls the kernels directly), so tfjs-layers stays out.
  const core = await import('@tensorflow/tfjs-core');
  const tf = ((core as { default?: Tf }).default ?? core) as Tf;
  await import('@tensorflow/tfjs-backend-cpu');
  const wasmNs = await import('@tensorflow/tfjs-backend-wasm');
  const wasm = ((wasmNs as { default?: unknown }).default ?? wasmNs) as {
    setWasmPaths(prefix: string): void;
  };
  const dir =
    process.env.TFJS_WASM_DIR ??
    path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  wasm.setWasmPaths(dir + '/');
  return tf;
}

/** `version` of an installed package, or 'unknown'. */
function versionOf(pkg: string): string {
  try {
    return (require(pkg) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function tfEngine(tf: Tf, backend: 'cpu' | 'wasm', quick: boolean): Engine {
  const nhwc = (l: LayerData) => {
    const g = l.g;
    return {
      x: tf.tensor4d(l.x, [g.n, g.h, g.w, g.cIn]),
      w: tf.tensor4d(l.w, [g.kh, g.kw, g.cIn, g.cOut]),
      b: tf.tensor1d(l.b),
      dy: tf.tensor4d(l.dy, [g.n, g.outH, g.outW, g.cOut]),
    };
  };
  const engine: Engine = {
    name: `TF.js ${backend}`,
    matmul(n) {
      if (quick && backend === 'cpu' && n > 1024) return null;
      const a = tf.tensor2d(random(n * n, 1), [n, n]);
      const b = tf.tensor2d(random(n * n, 2), [n, n]);
      // NOTE: return nothing from tidy: it walks the returned value looking for tensors, and a
      // megabyte typed array makes that walk slower than the matmul.
      return () =>
        tf.tidy(() => {
          tf.matMul(a, b).dataSync();
        });
    },
    convForward() {
      const ts = layers.map(nhwc);
      return () =>
        tf.tidy(() => {
          for (const t of ts) tf.add(tf.conv2d(t.x, t.w, 1, 'same'), t.b).dataSync();
        });
    },
    convStep() {
      if (backend === 'wasm') return null;
      if (quick) return null;
      const ts = layers.map(nhwc);
      return () =>
        tf.tidy(() => {
          for (const t of ts) tf.add(tf.conv2d(t.x, t.w, 1, 'same'), t.b).dataSync();
          for (const t of ts) {
            const filterShape = t.w.shape;
            const dw = tf
              .engine()
              .runKernel(
                'Conv2DBackpropFilter',
                { x: t.x, dy: t.dy },
                { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape },
              );
            (dw as unknown as { dataSync(): unknown }).dataSync();
            tf.sum(t.dy, [0, 1, 2]).dataSync();
          }
          const t = ts[1]!;
          (tf.conv2dTranspose(t.dy, t.w, t.x.shape, 1, 'same') as { dataSync(): unknown }).dataSync();
        });
    },
  };
  if (backend === 'wasm')
    engine.note = 'TF.js wasm has no Conv2DBackpropFilter kernel, so it cannot train a conv layer';
  return engine;
}

// ---- onnxruntime-node ------------------------------------------------------------------------

async function ortEngine(ort: Ort, threads: number): Promise<Engine> {
  const options = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' as const };
  const matmulSessions = new Map<number, Awaited<ReturnType<typeof ort.InferenceSession.create>>>();
  for (const n of [128, 256, 512, 1024, 2048]) {
    matmulSessions.set(n, await ort.InferenceSession.create(matmulModel(n, n, n), options));
  }
  const convSessions = await Promise.all(
    layers.map((l) =>
      ort.InferenceSession.create(
        convModel([l.g.n, l.g.cIn, l.g.h, l.g.w], [l.g.cOut, l.g.cIn, l.g.kh, l.g.kw], 1),
        options,
      ),
    ),
  );
  return {
    name: `ORT ${threads}t`,
    matmul(n) {
      const session = matmulSessions.get(n);
      if (!session) return null;
      const feeds = {
        A: new ort.Tensor('float32', random(n * n, 1), [n, n]),
        B: new ort.Tensor('float32', random(n * n, 2), [n, n]),
      };
      return () => session.run(feeds);
    },
    convForward() {
      const feeds = layers.map((l) => ({
        X: new ort.Tensor('float32', l.x, [l.g.n, l.g.cIn, l.g.h, l.g.w]),
        W: new ort.Tensor('float32', l.w, [l.g.cOut, l.g.cIn, l.g.kh, l.g.kw]),
        Bias: new ort.Tensor('float32', l.b, [l.g.cOut]),
      }));
      return async () => {
        for (let i = 0; i < layers.length; i++) await convSessions[i]!.run(feeds[i]!);
      };
    },
    convStep: () => null,
    note: 'onnxruntime-node runs inference only',
  };
}

// ---- the run -----------------------------------------------------------------------------------

interface Row {
  workload: string;
  flops: number;
  cells: (Timing | null)[];
}

function fmtCell(t: Timing | null, flops: number): string {
  if (!t) return '—';
  const gf = flops / t.ms / 1e6;
  const ms = t.ms >= 100 ? t.ms.toFixed(0) : t.ms >= 10 ? t.ms.toFixed(1) : t.ms.toFixed(2);
  return `${ms} ms · ${gf.toFixed(1)}${t.runs < 5 ? ` (${t.runs} run)` : ''}`;
}

function ratio(a: Timing | null | undefined, b: Timing | null | undefined): string {
  return a && b ? `${(b.ms / a.ms).toFixed(2)}×` : '—';
}

/** Runs the suite; returns the markdown body of the `## kernels` section of bench/RESULTS.md. */
export async function runKernelsBench(args: readonly string[] = []): Promise<{ markdown: string }> {
  const quick = args.includes('--quick');
  const loadAtStart = os.loadavg()[0]!;
  setBackend('wasm');
  setThreads(2);
  const wasm = await ready();
  if (wasm.name !== 'wasm') throw new Error('the wasm backend did not load; run npm run build:wasm');
  const tf = await loadTf();
  const ort = require('onnxruntime-node') as Ort;

  const engines: Engine[] = [
    oursEngine('ours js', () => jsBackend, 1),
    oursEngine('ours wasm 1t', () => getBackend(), 1),
    oursEngine('ours wasm 2t', () => getBackend(), 2),
    tfEngine(tf, 'cpu', quick),
    tfEngine(tf, 'wasm', quick),
    await ortEngine(ort, 1),
    await ortEngine(ort, 2),
  ];
  const sizesArg = args.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : [128, 256, 512, 1024, 2048];
  const rows: Row[] = [
    ...sizes.map((n) => ({ workload: `matmul ${n}`, flops: 2 * n ** 3, cells: [] as (Timing | null)[] })),
    { workload: 'conv fwd (MNIST, b64)', flops: CONV_FORWARD_FLOPS, cells: [] },
    { workload: 'conv fwd+bwd (MNIST, b64)', flops: CONV_STEP_FLOPS, cells: [] },
  ];

  // Workload by workload, every engine in turn, so all engines of a row see the same machine load.
  const jobs: ((e: Engine) => (() => unknown) | null)[] = [
    ...sizes.map((n) => (e: Engine) => e.matmul(n)),
    (e: Engine) => e.convForward(),
    (e: Engine) => e.convStep(),
  ];
  for (let i = 0; i < jobs.length; i++) {
    for (const engine of engines) {
      if (engine.name.startsWith('TF.js')) {
        await tf.setBackend(engine.name === 'TF.js cpu' ? 'cpu' : 'wasm');
        await tf.ready();
      }
      const fn = jobs[i]!(engine);
      const t = fn ? await measure(fn) : null;
      rows[i]!.cells.push(t);
      console.log(`${engine.name.padEnd(13)} ${rows[i]!.workload.padEnd(26)} ${fmtCell(t, rows[i]!.flops)}`);
    }
  }

  const col = (name: string): number => engines.findIndex((e) => e.name === name);
  const [js, w1, w2, tcpu, twasm, ort2] = [
    'ours js',
    'ours wasm 1t',
    'ours wasm 2t',
    'TF.js cpu',
    'TF.js wasm',
    'ORT 2t',
  ].map(col);
  const cpus = os.cpus();
  const lines: string[] = [];
  lines.push(
    `Machine: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB;`,
  );
  lines.push(
    `Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; 1-minute load average ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (other jobs share these 2 cores; a load above 2 slows every column).`,
  );
  lines.push(
    `Versions: TensorFlow.js ${tf.version_core}, onnxruntime-node ${versionOf('onnxruntime-node/package.json')}, mlseries ${versionOf('../package.json')}.`,
  );
  lines.push('');
  lines.push(
    `Median wall time · GFLOP/s (float32). Run: \`npm run bench -- kernels${quick ? ' --quick' : ''}\`.`,
  );
  lines.push('');
  lines.push(`| workload | GFLOP | ${engines.map((e) => e.name).join(' | ')} |`);
  lines.push(`|---|---|${engines.map(() => '---').join('|')}|`);
  for (const r of rows) {
    lines.push(
      `| ${r.workload} | ${(r.flops / 1e9).toFixed(3)} | ${r.cells.map((c) => fmtCell(c, r.flops)).join(' | ')} |`,
    );
  }
  lines.push('');
  lines.push('Ratios (how many times faster; > 1 means the first is faster):');
  lines.push('');
  lines.push(
    '| workload | wasm 1t / TF.js wasm | wasm 2t / TF.js wasm | wasm 2t / wasm 1t | js / TF.js cpu | wasm 2t / ORT 2t |',
  );
  lines.push('|---|---|---|---|---|---|');
  for (const r of rows) {
    const c = r.cells;
    lines.push(
      `| ${r.workload} | ${ratio(c[w1], c[twasm])} | ${ratio(c[w2], c[twasm])} | ${ratio(c[w2], c[w1])} | ${ratio(c[js], c[tcpu])} | ${ratio(c[w2], c[ort2])} |`,
    );
  }
  lines.push('');
  lines.push(
    'CPU time of one call in ms (user + system, summed over threads; unlike wall time it does not count waiting for a core, so it is the fairer single-thread comparison on a busy machine):',
  );
  lines.push('');
  lines.push(
    `| workload | ${engines.map((e) => e.name).join(' | ')} | wasm 1t / TF.js wasm (CPU) | js / TF.js cpu (CPU) |`,
  );
  lines.push(`|---|${engines.map(() => '---').join('|')}|---|---|`);
  const cpuRatio = (a: Timing | null | undefined, b: Timing | null | undefined): string =>
    a && b ? `${(b.cpuMs / a.cpuMs).toFixed(2)}×` : '—';
  for (const r of rows) {
    const c = r.cells;
    const cells = c.map((t) => (t ? t.cpuMs.toFixed(t.cpuMs >= 100 ? 0 : 2) : '—'));
    lines.push(
      `| ${r.workload} | ${cells.join(' | ')} | ${cpuRatio(c[w1], c[twasm])} | ${cpuRatio(c[js], c[tcpu])} |`,
    );
  }
  const notes = engines.filter((e) => e.note).map((e) => `- ${e.name}: ${e.note}.`);
  lines.push('');
  lines.push(...new Set(notes));
  lines.push('- A cell marked (1 run) took longer than 3 s and was timed once; — means not run.');
  return { markdown: lines.join('\n') };
}
