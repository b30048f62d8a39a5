// Resuming real training from a checkpoint: an nn model trained by Adam, saved half-way with its
// optimiser state, restored into a fresh (differently initialised) model and optimiser, continues
// the loss curve of an uninterrupted run bit for bit.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nd from '../../src/nd/index.js';
import { F, tensor } from '../../src/autograd/index.js';
import { Linear, Sequential, Tanh, manualSeed } from '../../src/nn/index.js';
import { Adam, type OptimizerStateDict } from '../../src/optim/index.js';
import { loadCheckpoint, saveCheckpoint } from '../../src/io/node.js';

const dir = mkdtempSync(join(tmpdir(), 'mlseries-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkpoint resume with nn + optim', () => {
  it('continues the same Adam loss curve after save → load', () => {
    const data = nd.random.defaultRng(5);
    const x = tensor(data.standardNormal([32, 3], { dtype: 'float32' })); // (32, 3)
    const y = tensor(data.standardNormal([32, 1], { dtype: 'float32' })); // (32, 1)
    const make = (seed: number) => {
      manualSeed(seed);
      const model = new Sequential(new Linear(3, 8), new Tanh(), new Linear(8, 1));
      return { model, opt: new Adam(model.parameters(), { lr: 0.05 }) };
    };
    const train = (run: ReturnType<typeof make>, steps: number): number[] =>
      Array.from({ length: steps }, () => {
        run.opt.zeroGrad();
        const loss = F.mseLoss(run.model.call(x), y);
        loss.backward();
        run.opt.step();
        return loss.item();
      });

    const straight = train(make(0), 12);

    const first = make(0);
    const head = train(first, 6);
    const path = join(dir, 'adam.safetensors');
    saveCheckpoint(path, {
      model: first.model.stateDict(),
      optimizer: first.opt.stateDict(),
      epoch: 0,
      step: 6,
    });

    const second = make(123); // other initial weights: everything must come from the file
    const ck = loadCheckpoint(path);
    second.model.loadStateDict(ck.model);
    second.opt.loadStateDict(ck.optimizer as OptimizerStateDict);
    const tail = train(second, 6);
    expect([...head, ...tail]).toEqual(straight);
  });
});
