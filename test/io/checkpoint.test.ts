import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nd from '../../src/nd/index.js';
import { FormatError, NDArray, ValueError } from '../../src/nd/index.js';
import {
  decodeCheckpoint,
  decodeModelFiles,
  decodeSafetensors,
  encodeCheckpoint,
  encodeModelFiles,
  encodeSafetensors,
  parseSafetensorsHeader,
} from '../../src/io/index.js';
import {
  loadCheckpoint,
  loadModelFiles,
  loadSafetensors,
  modelFilePaths,
  removeStaleTempFiles,
  saveCheckpoint,
  saveModelFiles,
  saveSafetensors,
  writeFileAtomic,
} from '../../src/io/node.js';
import { expectSameArray, formatErrorOf } from './helpers.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlseries-io-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const f32 = (values: number[], shape?: number[]) =>
  nd.array(values, { dtype: 'float32' }).reshape(...(shape ?? [values.length]));

describe('checkpoint: what goes in comes out', () => {
  const model = new Map<string, NDArray>([
    ['fc2.weight', nd.arange(6, undefined, undefined, { dtype: 'float32' }).reshape(2, 3).T], // non-contiguous
    ['fc1.bias', f32([0.5, -0.25])],
    ['bn.num_batches_tracked', nd.array(7, { dtype: 'int64' })],
    ['mask', nd.array([true, false])],
  ]);
  // PyTorch's optimizer.state_dict() shape, with arrays inside
  const optimizer = {
    state: {
      0: {
        step: 10,
        exp_avg: f32([1, 2, 3, 4, 5, 6], [3, 2]),
        exp_avg_sq: { data: f32([0, 1, 0, 1, 0, 1], [3, 2]) },
      },
      1: { step: 10, exp_avg: f32([0.1, 0.2]), exp_avg_sq: f32([0.01, 0.02]) },
    },
    paramGroups: [
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, params: [0, 1] },
    ],
  };
  const extra = {
    best: Infinity,
    worst: -Infinity,
    missing: NaN,
    signed: -0,
    big: 2n ** 70n,
    history: [0.9, 0.5, 0.25],
    byName: new Map<unknown, unknown>([
      ['a', 1],
      [2, f32([2])],
    ]),
    $tricky: { $nd: 'not an array' },
    __proto__x: 1,
    nested: { deep: [{ arr: nd.array([1, 2], { dtype: 'int32' }) }] },
  };

  it('round-trips model, optimiser, epoch, step, RNG state and extras exactly', () => {
    const rng = nd.random.defaultRng(42);
    rng.random(5);
    const bytes = encodeCheckpoint({ model, optimizer, epoch: 3, step: 1200, rng: rng.getState(), extra });
    const back = decodeCheckpoint(bytes);
    expect(Object.keys(back.model)).toEqual([...model.keys()]);
    for (const [k, a] of model) expectSameArray(back.model[k], a);
    expect(back.epoch).toBe(3);
    expect(back.step).toBe(1200);
    const o = back.optimizer as typeof optimizer;
    expect(o.paramGroups).toEqual(optimizer.paramGroups);
    expect(Object.keys(o.state)).toEqual(['0', '1']);
    expectSameArray(o.state[0].exp_avg, optimizer.state[0].exp_avg);
    expectSameArray(o.state[0].exp_avg_sq as unknown as NDArray, optimizer.state[0].exp_avg_sq.data);
    expect(o.state[1].step).toBe(10);
    const x = back.extra as typeof extra;
    expect([x.best, x.worst, x.missing, Object.is(x.signed, -0), x.big]).toEqual([
      Infinity,
      -Infinity,
      NaN,
      true,
      2n ** 70n,
    ]);
    expect(x.history).toEqual(extra.history);
    expect(x.byName).toBeInstanceOf(Map);
    expect(x.byName.get('a')).toBe(1);
    expectSameArray(x.byName.get(2) as NDArray, f32([2]));
    expect(x.$tricky).toEqual({ $nd: 'not an array' });
    expectSameArray(x.nested.deep[0].arr, extra.nested.deep[0].arr);
    // the RNG continues exactly where it stopped
    const resumed = nd.random.defaultRng(0);
    resumed.setState(back.rng as ReturnType<typeof rng.getState>);
    expect(Array.from(resumed.random(4).data)).toEqual(Array.from(rng.random(4).data));
  });

  it('is a plain safetensors file: model.*, optim.*, extra.* tensors and JSON metadata', () => {
    const bytes = encodeCheckpoint({ model, optimizer, epoch: 1, step: 2 });
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect([...tensors.keys()].sort()).toEqual([
      'model.bn.num_batches_tracked',
      'model.fc1.bias',
      'model.fc2.weight',
      'model.mask',
      'optim.state.0.exp_avg',
      'optim.state.0.exp_avg_sq',
      'optim.state.1.exp_avg',
      'optim.state.1.exp_avg_sq',
    ]);
    expect(metadata!['mlseries.format']).toBe('checkpoint');
    expect(metadata!['mlseries.version']).toBe('1');
    expect([metadata!.epoch, metadata!.step]).toEqual(['1', '2']);
    expect(JSON.parse(metadata!.optimizer).state['0'].exp_avg).toEqual({ $nd: 'optim.state.0.exp_avg' });
    expect(metadata!['data.crc32']).toMatch(/^[0-9a-f]{8}$/);
    expect('rng' in metadata!).toBe(false);
    expect(encodeCheckpoint({ model, optimizer, epoch: 1, step: 2 })).toEqual(bytes); // deterministic
  });

  it('refuses bad input with a ValueError naming the part and path', () => {
    const base = { model, epoch: 0, step: 0 };
    expect(() => encodeCheckpoint({ ...base, epoch: -1 })).toThrow(/epoch must be a non-negative integer/);
    expect(() => encodeCheckpoint({ ...base, step: 1.5 })).toThrow(ValueError);
    expect(() => encodeCheckpoint({ ...base, extra: { f: () => 1 } })).toThrow(
      /cannot store a function at f/,
    );
    expect(() => encodeCheckpoint({ ...base, extra: { t: new Float32Array(2) } })).toThrow(
      /class Float32Array at t/,
    );
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => encodeCheckpoint({ ...base, optimizer: cyc })).toThrow(/cycle/);
    expect(() => encodeCheckpoint({ ...base, extra: [undefined] })).toThrow(/undefined at 0/);
    expect(() =>
      encodeCheckpoint({ ...base, model: { w: 3 } as unknown as Record<string, NDArray> }),
    ).toThrow(/expected an NDArray/);
  });

  it('refuses files that are not checkpoints, are newer, or are damaged', () => {
    let e = formatErrorOf(() => decodeCheckpoint(encodeSafetensors({ w: f32([1]) })));
    expect(e.message).toMatch(/not an mlseries checkpoint/);
    const bytes = encodeCheckpoint({ model, epoch: 1, step: 1 });
    const newer = bytes.slice();
    const text = new TextDecoder().decode(newer.subarray(8, parseSafetensorsHeader(newer).dataStart));
    newer.set(new TextEncoder().encode(text.replace('"mlseries.version":"1"', '"mlseries.version":"9"')), 8);
    expect(formatErrorOf(() => decodeCheckpoint(newer)).message).toMatch(
      /layout version 9 by a newer mlseries/,
    );
    const damaged = bytes.slice();
    damaged[damaged.length - 1] ^= 0x10;
    e = formatErrorOf(() => decodeCheckpoint(damaged));
    expect(e.message).toMatch(/CRC-32 .* the file is damaged/);
    expect(e.offset).toBe(parseSafetensorsHeader(bytes).dataStart);
  });

  it('resuming continues the same training curve, bit for bit', () => {
    // y = 2x − 1 by SGD with momentum, written with nd: the state is w, b, the velocities and the
    // RNG that draws the minibatches.
    type State = {
      w: NDArray;
      b: NDArray;
      vw: NDArray;
      vb: NDArray;
      rng: ReturnType<typeof nd.random.defaultRng>;
    };
    const xs = nd.linspace(-1, 1, 64);
    const ys = xs.mul(2).sub(1);
    const step = (s: State): number => {
      const idx = s.rng.integers(0, 64, 8);
      const x = xs.get(idx);
      const err = x.mul(s.w).add(s.b).sub(ys.get(idx)); // (8,)
      s.vw = s.vw.mul(0.9).add(err.mul(x).mean());
      s.vb = s.vb.mul(0.9).add(err.mean());
      s.w = s.w.sub(s.vw.mul(0.1));
      s.b = s.b.sub(s.vb.mul(0.1));
      return err.square().mean().item() as number;
    };
    const fresh = (): State => ({
      w: nd.array(0),
      b: nd.array(0),
      vw: nd.array(0),
      vb: nd.array(0),
      rng: nd.random.defaultRng(1),
    });
    const straight = fresh();
    const curve = Array.from({ length: 20 }, () => step(straight));

    const first = fresh();
    const part1 = Array.from({ length: 10 }, () => step(first));
    const path = join(dir, 'resume.safetensors');
    saveCheckpoint(path, {
      model: { w: first.w, b: first.b },
      optimizer: { vw: first.vw, vb: first.vb },
      epoch: 0,
      step: 10,
      rng: first.rng.getState(),
    });
    const ck = loadCheckpoint(path);
    const opt = ck.optimizer as { vw: NDArray; vb: NDArray };
    const second: State = {
      w: ck.model.w,
      b: ck.model.b,
      vw: opt.vw,
      vb: opt.vb,
      rng: nd.random.defaultRng(0),
    };
    second.rng.setState(ck.rng as ReturnType<State['rng']['getState']>);
    const part2 = Array.from({ length: 10 }, () => step(second));
    expect([...part1, ...part2]).toEqual(curve);
  });
});

describe('writeFileAtomic', () => {
  const tempsIn = (d: string) => readdirSync(d).filter((n) => n.includes('.tmp-'));

  it('creates and replaces files, leaving no temporary file behind', () => {
    const path = join(dir, 'atomic.bin');
    writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    writeFileAtomic(path, [new Uint8Array([4, 5]), new Uint8Array(0), new Uint8Array([6])]);
    expect(Array.from(readFileSync(path))).toEqual([4, 5, 6]);
    writeFileAtomic(path, 'héllo', { fsync: false });
    expect(readFileSync(path, 'utf8')).toBe('héllo');
    expect(tempsIn(dir)).toEqual([]);
  });

  it('keeps the permissions of the file it replaces', () => {
    const path = join(dir, 'mode.txt');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    writeFileAtomic(path, 'new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('cleans up after a failed write and leaves the target alone', () => {
    const sub = join(dir, 'fail');
    mkdirSync(join(sub, 'target'), { recursive: true });
    expect(() => writeFileAtomic(join(sub, 'target'), 'x')).toThrow(); // cannot rename over a directory
    expect(tempsIn(sub)).toEqual([]);
    expect(() => writeFileAtomic(join(dir, 'no', 'such', 'dir.bin'), 'x')).toThrow(/ENOENT/);
  });

  it('removes temporary files of dead writers, never those of live ones', () => {
    const sub = join(dir, 'stale');
    mkdirSync(sub);
    const path = join(sub, 'ckpt.safetensors');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // has exited: its pid is free
    const live = process.ppid;
    writeFileSync(join(sub, `.ckpt.safetensors.tmp-${dead}-1`), 'partial');
    writeFileSync(join(sub, `.ckpt.safetensors.tmp-${live}-1`), 'in progress');
    writeFileSync(join(sub, `.ckpt.safetensors.tmp-${process.pid}-999`), 'ours');
    writeFileSync(join(sub, `.other.tmp-${dead}-1`), 'another target');
    saveSafetensors(path, { w: f32([1]) });
    expect(tempsIn(sub).sort()).toEqual(
      [
        `.ckpt.safetensors.tmp-${live}-1`,
        `.ckpt.safetensors.tmp-${process.pid}-999`,
        `.other.tmp-${dead}-1`,
      ].sort(),
    );
    expect(removeStaleTempFiles(join(sub, 'other'))).toBe(1);
    expectSameArray(loadSafetensors(path).tensors.get('w')!, f32([1]));
  });
});

describe('model files: <name>.json + <name>.safetensors', () => {
  const architecture = {
    className: 'Sequential',
    config: { layers: [{ className: 'Dense', config: { units: 3, activation: 'relu' } }] },
  };
  const weights = { 'dense.kernel': f32([1, 2, 3, 4, 5, 6], [2, 3]), 'dense.bias': f32([0, 0, 1]) };

  it('save → load gives the same architecture and weights, in order', () => {
    const paths = saveModelFiles(join(dir, 'models', 'mnist'), {
      architecture,
      weights,
      metadata: { framework: 'mlseries' },
    });
    expect(paths).toEqual({
      jsonPath: join(dir, 'models', 'mnist.json'),
      weightsPath: join(dir, 'models', 'mnist.safetensors'),
    });
    const json = JSON.parse(readFileSync(paths.jsonPath, 'utf8'));
    expect(json.format).toBe('mlseries.model');
    expect(json.weights.file).toBe('mnist.safetensors');
    expect(json.weights.bytes).toBe(statSync(paths.weightsPath).size);
    for (const p of [join(dir, 'models', 'mnist'), paths.jsonPath, paths.weightsPath]) {
      const m = loadModelFiles(p);
      expect(m.architecture).toEqual(architecture);
      expect(m.architectureSource).toBe('json');
      expect(Object.keys(m.weights)).toEqual(Object.keys(weights));
      for (const [k, a] of Object.entries(weights)) expectSameArray(m.weights[k], a);
      expect(m.metadata).toEqual({ framework: 'mlseries' });
    }
  });

  it('a directory path holds model.json + model.safetensors', () => {
    const paths = saveModelFiles(join(dir, 'as-dir') + '/', { architecture, weights });
    expect(existsSync(join(dir, 'as-dir', 'model.json'))).toBe(true);
    expect(modelFilePaths(join(dir, 'as-dir'))).toEqual(paths);
    expect(loadModelFiles(join(dir, 'as-dir')).architecture).toEqual(architecture);
  });

  it('a save interrupted between the two files still loads one consistent model', () => {
    const base = join(dir, 'interrupted');
    saveModelFiles(base, { architecture, weights });
    // the new weights landed, the process died before the new JSON did
    const newer = {
      architecture: { ...architecture, name: 'v2' },
      weights: { 'dense.kernel': f32([9], [1, 1]) },
    };
    writeFileAtomic(`${base}.safetensors`, encodeModelFiles(newer, 'interrupted.safetensors').weights);
    const m = loadModelFiles(base);
    expect(m.architectureSource).toBe('weights');
    expect(m.architecture).toEqual(newer.architecture);
    expect(Object.keys(m.weights)).toEqual(['dense.kernel']);
    // no JSON at all: the weights file is self-contained
    rmSync(`${base}.json`);
    expect(loadModelFiles(base).architecture).toEqual(newer.architecture);
  });

  it('a hand-edited JSON takes effect while it belongs to the weights', () => {
    const { jsonPath } = saveModelFiles(join(dir, 'edited'), { architecture, weights });
    const doc = JSON.parse(readFileSync(jsonPath, 'utf8'));
    doc.architecture.config.layers[0].config.activation = 'tanh';
    writeFileSync(jsonPath, JSON.stringify(doc));
    const m = loadModelFiles(jsonPath);
    expect(m.architectureSource).toBe('json');
    expect((m.architecture as typeof architecture).config.layers[0].config.activation).toBe('tanh');
  });

  it('refuses arrays in the architecture, reserved metadata and foreign files', () => {
    expect(() => encodeModelFiles({ architecture: { w: f32([1]) }, weights }, 'x.safetensors')).toThrow(
      /architecture must be JSON/,
    );
    expect(() =>
      encodeModelFiles({ architecture, weights, metadata: { keys: 'x' } }, 'x.safetensors'),
    ).toThrow(/reserved/);
    expect(formatErrorOf(() => decodeModelFiles(null, encodeSafetensors(weights))).message).toMatch(
      /not an mlseries model file/,
    );
    const { weights: w } = encodeModelFiles({ architecture, weights }, 'x.safetensors');
    expect(formatErrorOf(() => decodeModelFiles('{"format":"other"}', w)).message).toMatch(
      /JSON file is not an mlseries model file/,
    );
    expect(formatErrorOf(() => decodeModelFiles('{oops', w)).message).toMatch(/not valid JSON/);
    expect(() => decodeModelFiles(null, w.subarray(0, 20))).toThrow(FormatError);
  });
});
