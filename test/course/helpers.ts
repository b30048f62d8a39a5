/** Helpers of the course tests: run a day in fast mode into a temp folder; check PNG/GIF files. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as nd from '../../src/nd/index.js';
import { gifInfo } from '../../src/plot/index.js';
import type { RunConfig } from '../../course/lesson.js';
import { runLesson, type RunResult } from '../../course/runner.js';
import { loadGolden } from '../helpers.js';

/** Runs day `n` through the terminal runner (fast mode unless overridden), output kept in memory. */
export async function runFast(
  n: number,
  config: Partial<RunConfig> = {},
): Promise<RunResult & { text: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `mlseries-day${n}-`));
  const chunks: string[] = [];
  const result = await runLesson(n, {
    config: { fast: true, ...config },
    out: dir,
    stream: { write: (s: string) => chunks.push(s), isTTY: false },
  });
  return { ...result, text: chunks.join(''), dir };
}

/** Width and height of a PNG file, after checking its signature and IHDR chunk. */
export function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(b.subarray(b.length - 8, b.length - 4).toString('latin1')).toBe('IEND');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Frames, size and delay of a GIF file (parsed block by block). */
export function gifSummary(path: string): { frames: number; width: number; height: number; delay: number } {
  const b = readFileSync(path);
  expect(b.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  const info = gifInfo(new Uint8Array(b));
  return {
    frames: info.frames.length,
    width: info.width,
    height: info.height,
    delay: info.frames[0]?.delay ?? 0,
  };
}

/** test/golden/course.json (made by test/golden/gen_course.py). */
export const courseGolden = loadGolden<{
  day1: Record<string, string>;
  day1_broadcast_table: Record<string, number[] | 'error'>;
  day1_figures: Record<string, number>;
  day2: Record<string, number>;
  day4: Record<string, unknown>;
}>('course');

/** `value` printed with `digits` decimals equals `printed` (the course's number at its precision). */
export function expectPrinted(value: unknown, digits: number, printed: string): void {
  expect(typeof value).toBe('number');
  expect((value as number).toFixed(digits)).toBe(printed);
}

/** Max |a − b| over two arrays (or numbers). */
export function maxDiff(a: nd.NDArray | number, b: nd.NDArray | number): number {
  return Number(nd.abs(nd.subtract(a, b)).max().item());
}
