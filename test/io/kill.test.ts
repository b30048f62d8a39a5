// Kills processes with SIGKILL while they write 50 MB checkpoints over a previous one, at seeded
// random moments, and checks that every time the file still loads as one complete checkpoint —
// the previous one or the new one, never a mix — and that leftover temporary files do no harm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as nd from '../../src/nd/index.js';
import { loadCheckpoint, saveCheckpoint } from '../../src/io/node.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./kill_child.ts', import.meta.url));
const MEGABYTES = 50;
// Kill one writer after another over the same file until both outcomes have been seen at least once
// — a kill inside a write (a temporary file is left behind) and a kill after completed saves — with
// at least MIN_KILLS and at most MAX_KILLS kills.
const MIN_KILLS = 4;
const MAX_KILLS = 8;

const root = mkdtempSync(join(tmpdir(), 'mlseries-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// How to start a writer: the child script bundled into one .mjs by esbuild (which tsx brings
// along) starts in a fraction of the time `node --import tsx` needs to load ~60 modules — the same
// code either way. Without esbuild it falls back to tsx.
let command: string[] = ['--import', 'tsx', CHILD];
beforeAll(async () => {
  try {
    const esbuild = await import('esbuild');
    const out = join(root, 'kill_child.mjs');
    esbuild.buildSync({
      entryPoints: [CHILD],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: out,
      logLevel: 'silent',
    });
    command = [out];
  } catch {
    // keep tsx
  }
});

interface Kill {
  delay: number;
  previous: number;
  lastReported: number;
  loaded: number;
  tempFiles: number;
  partialTemp: boolean;
}

/** Starts a writer, kills it `delayMs` after it is ready, resolves with the last step it reported. */
function runAndKill(path: string, firstStep: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, path, String(MEGABYTES), String(firstStep)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timer === undefined && out.includes('ready\n'))
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited on its own (${signal}): ${err}`));
      const steps = [...out.matchAll(/saved (\d+)\n/g)].map((m) => Number(m[1]));
      resolve(steps.length > 0 ? Math.max(...steps) : firstStep - 1);
    });
  });
}

describe('checkpoints survive SIGKILL mid-write', () => {
  it(`${MEGABYTES} MB saves over the previous checkpoint, killed at seeded random moments`, async () => {
    const rng = nd.random.defaultRng(2024);
    const dir = join(root, 'run');
    mkdirSync(dir);
    const path = join(dir, 'ckpt.safetensors');
    const fullSize = MEGABYTES * 2 ** 20;
    // the previous checkpoint: step 0, small
    saveCheckpoint(path, {
      model: { w: nd.zeros([16], { dtype: 'float32' }), tag: nd.array([0], { dtype: 'int64' }) },
      epoch: 0,
      step: 0,
      extra: { note: 'step 0' },
    });
    let current = 0;
    const kills: Kill[] = [];
    const done = () => kills.some((k) => k.tempFiles > 0) && kills.some((k) => k.loaded > k.previous);
    while (kills.length < MIN_KILLS || (!done() && kills.length < MAX_KILLS)) {
      const delay = Number(rng.integers(200, 2200));
      const reported = await runAndKill(path, current + 1, delay);
      const ck = loadCheckpoint(path); // must not throw: never a partial file
      const step = ck.step;
      // the last save it reported, or the next one if it was killed between rename and print
      expect([reported, reported + 1]).toContain(step);
      expect(step).toBeGreaterThanOrEqual(current);
      expect(ck.epoch).toBe(step);
      expect((ck.extra as { note: string }).note).toBe(`step ${step}`);
      expect(ck.model.tag.item()).toBe(step);
      const w = ck.model.w.data;
      expect(w.length).toBe(step === 0 ? 16 : fullSize / 4);
      let same = true;
      for (let k = 0; k < w.length; k++) if (w[k] !== step) same = false;
      expect(same).toBe(true);
      const temps = readdirSync(dir).filter((n) => n.includes('.tmp-'));
      kills.push({
        delay,
        previous: current,
        lastReported: reported,
        loaded: step,
        tempFiles: temps.length,
        partialTemp: temps.some((t) => statSync(join(dir, t)).size < fullSize),
      });
      current = step;
    }
    console.log(`kill test: ${JSON.stringify(kills)}`);
    // At least one kill landed inside a write (it left a temporary file behind) …
    expect(kills.some((k) => k.tempFiles > 0)).toBe(true);
    // … and at least one writer replaced the previous checkpoint before it died.
    expect(kills.some((k) => k.loaded > k.previous)).toBe(true);
    // Leftovers never pile up: each writer removes those of the dead ones before it.
    expect(Math.max(...kills.map((k) => k.tempFiles))).toBeLessThanOrEqual(1);
    // The next save removes the last dead writer's leftover.
    saveCheckpoint(path, { model: { w: nd.zeros([1], { dtype: 'float32' }) }, epoch: 0, step: 0 });
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 60_000);
});
