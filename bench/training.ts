/**
 * `npm run bench -- training [--quick] [--models=mlp,cnn] [--peers=…] [--synthetic] [--no-write]`:
 * training epochs, each peer in its own process, one after the other, and the
 * `## training epochs` section of bench/RESULTS.md.
 *
 * Workloads (batch 64, Adam lr 1e-3, softmax cross-entropy on logits, float32; an epoch is
 * 60,000 samples = 937 full batches):
 * - `mlp`: Linear(784, 128) → ReLU → Linear(128, 10);
 * - `cnn`: Conv(1→32, 3×3, same) → ReLU → MaxPool 2 → Conv(32→64, 3×3, same) → ReLU → MaxPool 2 →
 *   Flatten → Linear(3136, 128) → ReLU → Linear(128, 10).
 *
 * Peers: ours with the js backend, ours wasm on 1 and 2 threads (bench/training-worker.ts),
 * TensorFlow.js cpu and wasm (same worker), and PyTorch CPU on 1 and 2 threads
 * (bench/torch_train.py under /usr/bin/python3, when it can import torch). Every peer trains on
 * the same data in the same batch order: Fashion-MNIST's 60,000 training images (Debian's
 * /usr/share/datasets/fashion-mnist or the mlseries cache, through src/data's loader) or, when
 * absent or with `--synthetic`, seeded random data of the same shape; the data is written once
 * to a temporary directory the workers read.
 *
 * Timing (see the worker's comment): warm-up steps, then repetitions of a fixed number of steps
 * extrapolated to 937, or of full epochs where a peer's epoch takes ≤ 20 s (ours and PyTorch
 * only). `--quick` is a smoke test: few steps, 1–2 repetitions, no full epochs.
 * `--peers=ours-wasm-2t,torch-1t` and `--models=cnn` pick a subset; `--tf-api=layers` times
 * TF.js through tf.layers' trainOnBatch instead of ops + optimizer.minimize.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EPOCH_STEPS, median, type ModelName, type WorkerResult } from './training-common.js';

const require = createRequire(import.meta.url);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(benchDir);
const PYTHON = '/usr/bin/python3';

/** Targets of issue #3 and the TF.js epochs measured when it was written. */
const MLP_TARGET_S = 1.5;
const TFJS_BEFORE = { wasm: 9.9, cpu: 67.6 };

interface Peer {
  key: string;
  label: string;
  kind: 'node' | 'torch';
  args: string[];
  ours: boolean;
  threads: number;
}

const PEERS: Peer[] = [
  { key: 'ours-js', label: 'ours js', kind: 'node', args: ['--peer=ours-js'], ours: true, threads: 1 },
  {
    key: 'ours-wasm-1t',
    label: 'ours wasm 1t',
    kind: 'node',
    args: ['--peer=ours-wasm', '--threads=1'],
    ours: true,
    threads: 1,
  },
  {
    key: 'ours-wasm-2t',
    label: 'ours wasm 2t',
    kind: 'node',
    args: ['--peer=ours-wasm', '--threads=2'],
    ours: true,
    threads: 2,
  },
  { key: 'tfjs-cpu', label: 'TF.js cpu', kind: 'node', args: ['--peer=tfjs-cpu'], ours: false, threads: 1 },
  {
    key: 'tfjs-wasm',
    label: 'TF.js wasm',
    kind: 'node',
    args: ['--peer=tfjs-wasm'],
    ours: false,
    threads: 1,
  },
  { key: 'torch-1t', label: 'PyTorch 1t', kind: 'torch', args: ['--threads=1'], ours: false, threads: 1 },
  { key: 'torch-2t', label: 'PyTorch 2t', kind: 'torch', args: ['--threads=2'], ours: false, threads: 2 },
];

interface Plan {
  warmup: number;
  steps: number;
  reps: number;
  /** Time full epochs when the warm-up predicts one takes at most this many seconds (0: never). */
  fullMaxS: number;
  /** Stop repeating once the timed part would pass this many seconds. */
  budgetS: number;
}

/** How each peer is timed on each workload (sized for a 2-core machine). */
function planFor(model: ModelName, peer: Peer, quick: boolean): Plan {
  const full = peer.ours || peer.kind === 'torch' ? 20 : 0;
  if (model === 'mlp') {
    if (quick) return { warmup: 3, steps: 20, reps: 2, fullMaxS: 0, budgetS: 30 };
    if (peer.key === 'tfjs-cpu') return { warmup: 10, steps: 150, reps: 5, fullMaxS: 0, budgetS: 90 };
    return { warmup: 20, steps: 200, reps: 5, fullMaxS: full, budgetS: 150 };
  }
  // cnn: TF.js cpu needs ≈ 40 s per step (its Conv2DBackpropFilter), ours js a few seconds.
  if (peer.key === 'tfjs-cpu') {
    return quick
      ? { warmup: 0, steps: 1, reps: 1, fullMaxS: 0, budgetS: 0 }
      : { warmup: 1, steps: 1, reps: 3, fullMaxS: 0, budgetS: 150 };
  }
  if (peer.key === 'tfjs-wasm') return { warmup: 0, steps: 1, reps: 1, fullMaxS: 0, budgetS: 0 };
  if (peer.key === 'ours-js') {
    return quick
      ? { warmup: 0, steps: 1, reps: 1, fullMaxS: 0, budgetS: 0 }
      : { warmup: 1, steps: 3, reps: 3, fullMaxS: 0, budgetS: 60 };
  }
  if (quick) return { warmup: 1, steps: 3, reps: 2, fullMaxS: 0, budgetS: 30 };
  return { warmup: 5, steps: 40, reps: 5, fullMaxS: full, budgetS: 150 };
}

function option(args: readonly string[], name: string): string | undefined {
  const a = args.find((s) => s.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}

function versionOf(packageJson: string): string {
  try {
    return (require(packageJson) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// ---- data --------------------------------------------------------------------------------------

/** Writes x.f32, y.i32 and order.i32 into `dir`; returns a description of the data for the report. */
export async function writeData(dir: string, synthetic: boolean): Promise<string> {
  const nd = await import('../src/nd/index.js');
  let x: Float32Array | null = null;
  let y: Int32Array | null = null;
  let source: string;
  if (!synthetic) {
    try {
      const { loadFashionMnist } = await import('../src/data/mnist.node.js');
      const { train } = await loadFashionMnist();
      x = Float32Array.from(train.images.toTypedArray() as Float32Array);
      y = Int32Array.from(train.labels.toTypedArray() as Float64Array);
      source = `Fashion-MNIST training set (${y.length.toLocaleString('en')} images, pixels / 255, through src/data's loadFashionMnist)`;
    } catch (e) {
      source = `seeded random data (Fashion-MNIST not found: ${(e as Error).message.split('\n')[0]})`;
    }
  } else {
    source = 'seeded random data (--synthetic)';
  }
  if (!x || !y) {
    const n = 60_000;
    const rng = nd.random.defaultRng(1);
    x = rng.random([n, 784], { dtype: 'float32' }).toTypedArray() as Float32Array;
    y = Int32Array.from(rng.integers(0, 10, [n]).toTypedArray() as ArrayLike<number>);
    source = `${source}: 60,000 × 784 uniform [0, 1) float32 pixels, uniform labels 0–9`;
  }
  const order = Int32Array.from(
    nd.random.defaultRng(0).permutation(y.length).toTypedArray() as ArrayLike<number>,
  );
  const write = (name: string, a: ArrayBufferView) =>
    writeFileSync(path.join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  write('x.f32', x);
  write('y.i32', y);
  write('order.i32', order);
  return source;
}

// ---- running one peer --------------------------------------------------------------------------

/** Runs a worker process, echoing its output; resolves with its RESULT line or an error result. */
function runWorker(
  cmd: string,
  args: string[],
  peer: Peer,
  model: ModelName,
  timeoutS: number,
): Promise<WorkerResult> {
  // A BLAS with its own thread pool (OpenBLAS, if installed) gets the peer's thread count too.
  const threads = String(peer.threads);
  const env = {
    ...process.env,
    OMP_NUM_THREADS: threads,
    OPENBLAS_NUM_THREADS: threads,
    MKL_NUM_THREADS: threads,
  };
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      out += s;
      for (const line of s.split('\n')) if (line && !line.startsWith('RESULT ')) console.log(`  | ${line}`);
    });
    child.stderr.on('data', (s: string) => {
      err += s;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) {
        resolve(JSON.parse(line.slice(7)) as WorkerResult);
        return;
      }
      const tail = err.trim().split('\n').slice(-3).join(' ').slice(0, 300);
      resolve({
        peer: peer.key,
        model,
        threads: peer.threads,
        ok: false,
        error: timedOut ? `timed out after ${timeoutS} s` : `worker exited with code ${code}: ${tail}`,
      });
    });
  });
}

// ---- the report --------------------------------------------------------------------------------

interface Cell {
  peer: Peer;
  result: WorkerResult | null;
  skipped?: string;
}

const epochS = (r: WorkerResult): number => (median(r.repWallMs!) / r.steps!) * (EPOCH_STEPS / 1000);
const epochCpuS = (r: WorkerResult): number => (median(r.repCpuMs!) / r.steps!) * (EPOCH_STEPS / 1000);
const ok = (c: Cell | undefined): WorkerResult | null => (c?.result?.ok ? c.result : null);

function fmtS(s: number): string {
  return s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2);
}

function timedHow(r: WorkerResult): string {
  if (r.mode === 'epoch') return `${r.reps} × full epoch`;
  return `${r.reps} × ${r.steps} step${r.steps === 1 ? '' : 's'}, extrapolated`;
}

function row(label: string, c: Cell): string {
  const r = c.result;
  if (!r) return `| ${label} | skipped: ${c.skipped ?? '—'} | | | | | |`;
  if (!r.ok)
    return `| ${label} | **fails**: ${r.error!.replace(/\|/g, '\\|').replace(/\s+/g, ' ')} | | | | | |`;
  const stepMs = median(r.repWallMs!) / r.steps!;
  return (
    `| ${label} | ${timedHow(r)} | ${stepMs.toFixed(stepMs >= 100 ? 0 : 1)} | **${fmtS(epochS(r))}** | ` +
    `${fmtS(epochCpuS(r))} | ${r.loadStart!.toFixed(1)}–${r.loadEnd!.toFixed(1)} | ` +
    `${r.lossFirst!.toFixed(3)} → ${r.lossLast!.toFixed(3)} |`
  );
}

/** "2.31×": how many times faster `a` is than `b` (> 1: a is faster). */
function speedup(a: number | undefined, b: number | undefined): string {
  return a && b ? `${(b / a).toFixed(2)}×` : '—';
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
  } catch {
    return `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}

/** Runs the suite; returns the body of the `## training epochs` section of bench/RESULTS.md. */
export async function runTrainingBench(
  args: readonly string[] = [],
): Promise<{ markdown: string; section: string }> {
  const quick = args.includes('--quick');
  const models = (option(args, 'models') ?? 'mlp,cnn').split(',') as ModelName[];
  for (const m of models)
    if (m !== 'mlp' && m !== 'cnn') throw new Error(`unknown model '${m}'; known: mlp, cnn`);
  const wanted = option(args, 'peers')?.split(',');
  for (const k of wanted ?? []) {
    if (!PEERS.some((p) => p.key === k))
      throw new Error(`unknown peer '${k}'; known: ${PEERS.map((p) => p.key).join(', ')}`);
  }
  const peers = PEERS.filter((p) => !wanted || wanted.includes(p.key));
  const tfApi = option(args, 'tf-api') ?? 'ops';
  const uptimeStart = uptime();
  const loadAtStart = os.loadavg()[0]!;
  const date = new Date().toISOString().slice(0, 10);

  // PyTorch through Debian's python3-torch, when present.
  const probe = spawnSync(
    PYTHON,
    ['-c', 'import sys, torch, numpy; print(torch.__version__, numpy.__version__, sys.version.split()[0])'],
    { encoding: 'utf8' },
  );
  const [torchVersion, numpyVersion, pythonVersion] =
    probe.status === 0 ? probe.stdout.trim().split(' ') : [undefined, undefined, undefined];
  const torchMissing =
    probe.status === 0
      ? undefined
      : `${PYTHON} cannot import torch and numpy (${(probe.error?.message ?? probe.stderr ?? '').trim().split('\n').pop()})`;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlseries-bench-training-'));
  // The data files are ≈ 190 MB: remove them on Ctrl-C too (the workers get the signal themselves).
  const onSigint = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  const cells = new Map<ModelName, Cell[]>();
  let source: string;
  try {
    source = await writeData(dir, args.includes('--synthetic'));
    console.log(`data: ${source}`);
    for (const model of models) {
      const list: Cell[] = [];
      cells.set(model, list);
      for (const peer of peers) {
        if (peer.kind === 'torch' && torchMissing) {
          list.push({ peer, result: null, skipped: torchMissing });
          console.log(`${peer.label.padEnd(13)} ${model}: skipped (${torchMissing})`);
          continue;
        }
        const plan = planFor(model, peer, quick);
        const planArgs = [
          `--model=${model}`,
          `--data=${dir}`,
          `--warmup=${plan.warmup}`,
          `--steps=${plan.steps}`,
          `--reps=${plan.reps}`,
          `--full-max-s=${plan.fullMaxS}`,
          `--budget-s=${plan.budgetS}`,
        ];
        console.log(`${peer.label} ${model}:`);
        const result =
          peer.kind === 'torch'
            ? await runWorker(
                PYTHON,
                [path.join(benchDir, 'torch_train.py'), ...peer.args, ...planArgs],
                peer,
                model,
                1200,
              )
            : await runWorker(
                process.execPath,
                [
                  '--import',
                  'tsx',
                  path.join(benchDir, 'training-worker.ts'),
                  ...peer.args,
                  ...planArgs,
                  `--tf-api=${tfApi}`,
                ],
                peer,
                model,
                1200,
              );
        list.push({ peer, result });
        console.log(
          `${peer.label.padEnd(13)} ${model}: ` +
            (result.ok
              ? `${fmtS(epochS(result))} s / epoch (${timedHow(result)})`
              : `fails: ${result.error}`),
        );
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
    rmSync(dir, { recursive: true, force: true });
  }

  // ---- markdown
  const cpus = os.cpus();
  const cell = (m: ModelName, key: string) => cells.get(m)?.find((c) => c.peer.key === key);
  const epoch = (m: ModelName, key: string): number | undefined => {
    const r = ok(cell(m, key));
    return r ? epochS(r) : undefined;
  };
  const busy = loadAtStart > 2; // above one waiting process per core of this 2-core machine
  const lines: string[] = [];
  if (quick || busy) {
    lines.push(
      `**Provisional${busy ? ', busy machine' : ''}${quick ? ', quick mode (smoke test: few steps and repetitions)' : ''}** — not final numbers; rerun \`npm run bench -- training\` on a quiet machine.`,
    );
    lines.push('');
  }
  lines.push(
    `Machine: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${date}.`,
  );
  lines.push(`\`uptime\` at the start: ${uptimeStart}; at the end: ${uptime()}.`);
  lines.push(
    `Versions: Node ${process.version}, mlseries ${versionOf('../package.json')}, TensorFlow.js ${versionOf('@tensorflow/tfjs-core/package.json')}` +
      (torchVersion
        ? `, PyTorch ${torchVersion} (Debian python3-torch; Python ${pythonVersion}, NumPy ${numpyVersion})`
        : `, PyTorch: not available`) +
      '.',
  );
  lines.push(`Data: ${source}; every peer trains on the same batches in the same (seeded) order.`);
  lines.push('');
  lines.push(
    `Batch 64, Adam lr 1e-3 (ε 1e-8 everywhere), softmax cross-entropy on logits, float32; an epoch = 60,000 samples = ${EPOCH_STEPS} steps. ` +
      'A step gathers its batch, runs forward, loss, backward and the update, and reads the loss back as a number. ' +
      `Each peer runs in its own process, one after the other. Run: \`npm run bench -- training${quick ? ' --quick' : ''}\`.`,
  );
  for (const model of models) {
    const list = cells.get(model)!;
    lines.push('');
    lines.push(
      model === 'mlp'
        ? '### MLP 784-128-10 (Linear → ReLU → Linear)'
        : '### CNN (Conv 1→32 3×3 same → ReLU → MaxPool 2 → Conv 32→64 → ReLU → MaxPool 2 → Linear 3136→128 → ReLU → Linear 128→10)',
    );
    lines.push('');
    lines.push(
      '| peer | timed | ms / step (median) | epoch s (wall) | epoch s (CPU) | load (1 min) | loss: first step → last rep |',
    );
    lines.push('|---|---|---:|---:|---:|---|---|');
    for (const c of list) lines.push(row(c.peer.label, c));
    const ours = list.filter((c) => c.peer.ours && ok(c));
    const others = list.filter((c) => !c.peer.ours && ok(c));
    if (ours.length && others.length) {
      lines.push('');
      lines.push(
        'Speed-up of ours over each peer (peer epoch ÷ our epoch; > 1: ours is faster), wall time and, in brackets, CPU time:',
      );
      lines.push('');
      lines.push(`| ours | ${others.map((c) => c.peer.label).join(' | ')} |`);
      lines.push(`|---|${others.map(() => '---:').join('|')}|`);
      for (const o of ours) {
        const a = o.result!;
        const cellsText = others.map((c) => {
          const b = c.result!;
          return `${speedup(epochS(a), epochS(b))} (${speedup(epochCpuS(a), epochCpuS(b))})`;
        });
        lines.push(`| ${o.peer.label} | ${cellsText.join(' | ')} |`);
      }
    }
  }

  // Targets of issue #3.
  const best = (m: ModelName): { label: string; s: number } | null => {
    const c = ['ours-wasm-1t', 'ours-wasm-2t']
      .map((k) => ({ label: cell(m, k)?.peer.label ?? k, s: epoch(m, k) }))
      .filter((x): x is { label: string; s: number } => x.s !== undefined)
      .sort((x, y) => x.s - y.s);
    return c[0] ?? null;
  };
  const yesNo = (b: boolean) => (b ? 'met' : '**not met**');
  const targets: string[] = [];
  if (models.includes('mlp')) {
    const b = best('mlp');
    targets.push(
      `| MLP epoch ≤ ${MLP_TARGET_S} s (TF.js measured before: wasm ${TFJS_BEFORE.wasm} s, cpu ${TFJS_BEFORE.cpu} s) | ` +
        (b ? `${b.label}: ${fmtS(b.s)} s | ${yesNo(b.s <= MLP_TARGET_S)} |` : '— | — |'),
    );
  }
  if (models.includes('cnn')) {
    const b = best('cnn');
    const tfs = ['tfjs-cpu', 'tfjs-wasm']
      .map((k) => ({ label: cell('cnn', k)?.peer.label ?? k, s: epoch('cnn', k) }))
      .filter((x): x is { label: string; s: number } => x.s !== undefined)
      .sort((x, y) => x.s - y.s);
    const wasmFail = cell('cnn', 'tfjs-wasm')?.result;
    const why =
      wasmFail && !wasmFail.ok
        ? `; TF.js wasm fails: ${wasmFail.error!.replace(/\s+/g, ' ').slice(0, 120)}`
        : '';
    const tf = tfs[0];
    targets.push(
      `| CNN epoch ≥ 1.5× faster than TF.js's fastest backend that trains it${why} | ` +
        (b && tf
          ? `${b.label} ${fmtS(b.s)} s vs ${tf.label} ${fmtS(tf.s)} s: ${speedup(b.s, tf.s)} | ${yesNo(tf.s / b.s >= 1.5)} |`
          : '— | — |'),
    );
    for (const t of [1, 2]) {
      const o = epoch('cnn', `ours-wasm-${t}t`);
      const p = epoch('cnn', `torch-${t}t`);
      targets.push(
        `| CNN epoch within 2× of PyTorch CPU (${t} thread${t > 1 ? 's' : ''} each) | ` +
          (o && p
            ? `ours ${fmtS(o)} s vs PyTorch ${fmtS(p)} s: ours takes ${(o / p).toFixed(2)}× | ${yesNo(o <= 2 * p)} |`
            : '— | — |'),
      );
    }
  }
  lines.push('');
  lines.push('### Targets (issue #3)');
  lines.push('');
  lines.push('| target | measured | |');
  lines.push('|---|---|---|');
  lines.push(...targets);
  lines.push('');
  lines.push('Notes:');
  lines.push('');
  lines.push(
    `- "full epoch": each repetition is the whole ${EPOCH_STEPS}-step epoch; "N steps, extrapolated": each repetition times N consecutive steps after the warm-up and the epoch is the median × ${EPOCH_STEPS} / N. Medians over the repetitions shown; CPU time is user + system of the whole process (all threads), the fairer single-thread comparison on a busy machine.`,
  );
  lines.push(
    `- TF.js (cpu: pure JS; wasm: its SIMD build) runs one thread in Node; its step is ${
      tfApi === 'layers'
        ? "a tf.layers model's trainOnBatch"
        : 'plain ops on tf.variables with optimizer.minimize'
    } (\`--tf-api=${tfApi === 'layers' ? 'ops' : 'layers'}\` times the other).`,
  );
  lines.push(
    '- PyTorch: CPU build from Debian (OpenMP, oneDNN, no MKL), `torch.set_num_threads(n)` (and OMP/OPENBLAS_NUM_THREADS = n); ours: `setThreads(n)`, `setBackend(…)` (the js backend is single-threaded).',
  );
  const torchNote = [...cells.values()].flat().find((c) => c.peer.kind === 'torch' && c.result?.note)
    ?.result?.note;
  const blas = torchNote?.match(/BLAS: (.*)$/)?.[1];
  if (blas) {
    const reference = /\/blas\/libblas\.so/.test(blas) && !/openblas|mkl|blis/i.test(blas);
    lines.push(
      `- PyTorch's BLAS (its Linear layers; convolutions run through oneDNN or im2col + BLAS): ${blas}.` +
        (reference
          ? ' **That is the netlib reference BLAS** (Debian libblas3, the default without OpenBLAS), tens of times slower than OpenBLAS on these products, so this PyTorch is a weak peer; `apt-get install libopenblas0-pthread` (or `LD_LIBRARY_PATH=<dir of an OpenBLAS libblas.so.3>`) gives the usual one.'
          : ''),
    );
  }
  lines.push(
    '- The 2-thread peers share the 2 cores with everything else on the machine; a 1-minute load above 1 before a run slows them most (OpenMP threads spin while waiting).',
  );
  const markdown = lines.join('\n');
  console.log(`\n${markdown}`);
  return { markdown, section: 'training epochs' };
}
