/**
 * End-to-end: `node scripts/start.mjs` (builds web/dist when needed, serves it with COOP/COEP) and
 * Debian's headless Chromium through playwright-core (never a downloaded browser). Every day page
 * is driven: its demo runs briefly on the wasm backend and must show learning, its controls must
 * be labelled, its first lesson step runs, no console errors appear, and each page is
 * screenshotted at desktop and 360 px width into out/screenshots/ (git-ignored).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join('out', 'screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

let server: ChildProcess;
let base = '';
let context: BrowserContext;
let page: Page;
let userDir = '';
const problems: string[] = [];

/** Starts scripts/start.mjs on a free port and resolves with its URL. */
function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    server = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(m[0]);
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    server.on('exit', (code) => reject(new Error(`start.mjs exited with ${code}:\n${out}`)));
  });
}

async function open(hash: string): Promise<void> {
  await page.goto(`${base}${hash}`);
  await page.waitForSelector('main[data-ready]');
  await page.waitForFunction(() => !document.querySelector('main .loading'));
}

async function screenshots(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: the page scrolls sideways at 360 px`).toBeLessThanOrEqual(1);
  await page.screenshot({ path: join(SHOTS, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

const num = async (testId: string) => Number(await page.getByTestId(testId).first().textContent());

/** A note in the test's output (timings, accuracies) for whoever reads the log. */
const note = (text: string) => console.log(`[e2e] ${text}`);

/** The demo is there, says its worker computes on wasm (threaded when it can), and every control has a label. */
async function checkDemo(where: string): Promise<void> {
  expect(await page.getByTestId('demo').count(), `${where}: the demo`).toBe(1);
  const demo = page.getByTestId('demo');
  const unlabelled = await demo.locator('input, select, textarea, button').evaluateAll((els) =>
    els
      .filter((e) => {
        const c = e as HTMLInputElement;
        const name =
          c.labels?.length ||
          c.getAttribute('aria-label') ||
          (c.tagName === 'BUTTON' && c.textContent?.trim());
        return !name;
      })
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  expect(unlabelled, `${where}: controls without a label`).toEqual([]);
  if (where === 'day 1') return; // the playground shows values, not a training backend
  const backend = page.getByTestId('backend');
  await expect.poll(() => backend.getAttribute('data-name'), { timeout: 60_000 }).toBe('wasm');
  const cores = Number(await backend.getAttribute('data-cores'));
  if ((await backend.getAttribute('data-isolated')) === 'true' && cores > 1) {
    expect(Number(await backend.getAttribute('data-threads')), `${where}: wasm threads`).toBeGreaterThan(1);
  }
}

/** Draws a stroke through `points` (fractions of the element's box) with the mouse. */
async function stroke(testId: string, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 10 });
  await page.mouse.up();
}

function expectNoProblems(where: string): void {
  const seen = problems.splice(0);
  expect(seen, `console errors on ${where}`).toEqual([]);
}

/** Runs the first lesson step of the page (when it has steps) and waits for it to finish. */
async function runFirstStep(where: string): Promise<void> {
  const run = page.getByTestId('run-step-1');
  if ((await run.count()) === 0) return;
  await run.click();
  const status = page.locator('#step-1 .run-status');
  await expect.poll(() => status.getAttribute('class'), { timeout: 120_000 }).toMatch(/ok|error/);
  expect(await status.textContent(), `${where}: step 1`).not.toMatch(/Error/);
  const output = await page.locator('#step-1 .output').innerText();
  expect(output.length).toBeGreaterThan(20);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The end-to-end test needs Debian's Chromium at ${CHROMIUM} and did not find it. ` +
        'Install it with `sudo apt-get install -y chromium` (.ci/run does this on CI), ' +
        'or point CHROMIUM_PATH at another Chromium build. This test never downloads a browser.',
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  base = await startServer();
  userDir = mkdtempSync(join(tmpdir(), 'mlseries-e2e-'));
  context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: DESKTOP,
    locale: 'en-US',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
});

afterAll(async () => {
  await context?.close();
  server?.kill();
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

describe('the web course', () => {
  it('serves the home page cross-origin isolated, with the 7-day map and the 12 chapters', async () => {
    const res = await fetch(base);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    await open('#/');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect.poll(() => page.locator('.day-card').count()).toBe(7);
    expect(await page.locator('.chapter').count()).toBe(12);
    // every external request would fail offline: all URLs are on the server
    const external = await page.evaluate(
      () =>
        performance.getEntriesByType('resource').filter((e) => !e.name.startsWith(location.origin)).length,
    );
    expect(external).toBe(0);
    await screenshots('home');
    // the language toggle is remembered
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('深度学习');
    await page.reload();
    await page.waitForSelector('main[data-ready]');
    expect(await page.locator('h1').textContent()).toContain('深度学习');
    await screenshots('home-zh');
    await page.locator('#lang').click();
    expectNoProblems('home');
  });

  it('Day 1: the array playground evaluates nd expressions and tells views from copies', async () => {
    await open('#/day/1');
    await checkDemo('day 1');
    await page.getByTestId('pg-input').fill('a = nd.arange(12).reshape(3, 4); a[1::2, ::2]');
    await page.getByTestId('pg-run').click();
    await expect.poll(() => page.getByTestId('pg-shape').textContent()).toBe('(1, 2)');
    expect(await page.getByTestId('pg-value').textContent()).toContain('array([[4, 6]])');
    expect(await page.getByTestId('pg-dtype').textContent()).toMatch(/int/);
    expect(await page.getByTestId('pg-view').textContent()).toMatch(/view/);
    await page.getByTestId('pg-input').fill('a.copy()');
    await page.getByTestId('pg-run').click();
    await expect.poll(() => page.getByTestId('pg-view').textContent()).toMatch(/owns/);
    // not JavaScript: no way out of the sandbox
    await page.getByTestId('pg-input').fill('nd.constructor');
    await page.getByTestId('pg-run').click();
    await expect.poll(() => page.getByTestId('pg-value').textContent()).toMatch(/not available/);
    await runFirstStep('day 1');
    await screenshots('day1');
    expectNoProblems('day 1');
  });

  it('Day 2: gradient descent brings the slope within 0.1 of 3.0', async () => {
    await open('#/day/2?lr=0.1&mode=gd');
    await checkDemo('day 2');
    expect(await num('d2-slope')).toBe(1);
    await page.getByTestId('play').click();
    await expect.poll(() => num('d2-step'), { timeout: 120_000 }).toBeGreaterThanOrEqual(400);
    expect(Math.abs((await num('d2-slope')) - 3)).toBeLessThan(0.1);
    expect(page.url()).toContain('lr=0.1');
    await runFirstStep('day 2');
    await screenshots('day2');
    expectNoProblems('day 2');
  });

  it('Day 3: the boundary learns batch by batch to accuracy ≥ 0.95; the momentum ball passes the dip', async () => {
    await open('#/day/3');
    await checkDemo('day 3');
    const acc = page.getByTestId('d3-acc');
    expect(await num('d3-updates')).toBe(0);
    expect(await num('d3-b')).toBe(1); // the lesson's initial bias
    let t0 = Date.now();
    await page.getByTestId('play').click();
    await expect
      .poll(async () => Number(await acc.textContent()), { timeout: 180_000 })
      .toBeGreaterThanOrEqual(0.95);
    await page.getByTestId('play').click(); // pause
    note(
      `day 3 (Adam, batch 2): accuracy ${await acc.textContent()} after ${await num('d3-updates')} updates, ${(Date.now() - t0) / 1000} s`,
    );
    expect(Math.abs(await num('d3-w0'))).toBeGreaterThan(0.5); // the weights moved, the line is drawn from them
    // another optimiser restarts training; it is in the URL
    await page.getByTestId('d3-opt').selectOption('momentum');
    await expect.poll(() => num('d3-updates')).toBe(0);
    expect(page.url()).toContain('opt=momentum');
    t0 = Date.now();
    await page.getByTestId('play').click();
    await expect
      .poll(async () => Number(await acc.textContent()), { timeout: 180_000 })
      .toBeGreaterThanOrEqual(0.95);
    await page.getByTestId('play').click();
    note(
      `day 3 (SGD + momentum): accuracy ${await acc.textContent()} after ${await num('d3-updates')} updates, ${(Date.now() - t0) / 1000} s`,
    );
    // the ball: plain SGD stops in the first dip, momentum 0.85 settles in the deeper one
    await page.getByTestId('ball-play').click();
    await expect.poll(() => num('d3-ball-step'), { timeout: 60_000 }).toBe(100);
    expect(await num('d3-ball-x')).toBeCloseTo(0.668, 2);
    expect(await num('d3-sgd-x')).toBeCloseTo(-1.585, 2);
    await runFirstStep('day 3');
    await screenshots('day3');
    expectNoProblems('day 3');
  });

  it('Day 4: the moons network loss falls; hovering a weight shows its gradient', async () => {
    await open('#/day/4?h=3&lr=0.01');
    await checkDemo('day 4');
    const first = await num('d4-loss');
    await page.getByTestId('play').click();
    await expect.poll(() => num('d4-pass'), { timeout: 120_000 }).toBeGreaterThanOrEqual(800);
    await page.getByTestId('play').click(); // pause
    expect(await num('d4-loss')).toBeLessThan(first);
    await page.locator('[data-testid="edge-W1-0-0"]').hover();
    await expect.poll(() => page.getByTestId('d4-tip').textContent()).toContain('∂L/∂W1[0, 0]');
    await runFirstStep('day 4');
    await screenshots('day4');
    expectNoProblems('day 4');
  });

  it('Day 5: the CNN trains in a worker to test accuracy > 0.9; the pad classifies a drawn digit', async () => {
    await open('#/day/5');
    await checkDemo('day 5');
    const acc = page.getByTestId('d5-acc');
    const t0 = Date.now();
    await page.getByTestId('d5-train').click();
    await expect.poll(async () => Number(await acc.textContent()), { timeout: 280_000 }).toBeGreaterThan(0.9);
    note(
      `day 5: test accuracy ${await acc.textContent()} on 2,000 images; training ${await page.getByTestId('d5-seconds').textContent()} in the worker, ${(Date.now() - t0) / 1000} s from the click`,
    );
    const demo = page.getByTestId('demo').locator('.demo-body');
    await expect.poll(() => demo.getAttribute('data-trained')).toBe('true');
    // the keyboard clears the pad
    await page.getByTestId('d5-clear').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('d5-pred').textContent()).toBe('—');
    // a vertical stroke is a 1
    await stroke('d5-pad', [
      [0.5, 0.15],
      [0.52, 0.85],
    ]);
    await expect.poll(() => page.getByTestId('d5-pred').textContent()).toBe('1');
    await page.getByTestId('d5-clear').click();
    await stroke('d5-pad', [
      [0.3, 0.2],
      [0.7, 0.2],
      [0.45, 0.85],
    ]);
    await expect.poll(() => page.getByTestId('d5-pred').textContent()).toBe('7');
    await runFirstStep('day 5');
    await screenshots('day5');
    expectNoProblems('day 5');
  });

  it('Day 6: after training, "i am not sad" is positive; unknown words are skipped', async () => {
    await open('#/day/6');
    await checkDemo('day 6');
    const demo = page.getByTestId('demo');
    await expect
      .poll(() => demo.locator('.demo-body').getAttribute('data-trained'), { timeout: 280_000 })
      .toBe('true');
    await page.getByTestId('d6-input').fill('i am not sad');
    await expect.poll(() => demo.locator('.demo-body').getAttribute('data-positive')).toBe('true');
    expect(await page.getByTestId('d6-verdict').textContent()).toMatch(/positive/);
    await page.getByTestId('d6-input').fill('i am not zorblax sad');
    await expect.poll(() => page.getByTestId('d6-verdict').textContent()).toMatch(/skipped unknown: zorblax/);
    await page.getByTestId('d6-input').fill('i am not sad');
    await runFirstStep('day 6');
    await screenshots('day6');
    expectNoProblems('day 6');
  });

  it('Day 7: shows the 23-word vocabulary and the causal mask', async () => {
    await open('#/day/7');
    await checkDemo('day 7');
    expect(await num('d7-vocab-count')).toBe(23);
    await page.getByTestId('d7-stage').selectOption({ index: 7 });
    const mask = page.getByTestId('d7-matrix-mask');
    await expect.poll(() => mask.getAttribute('data-causal')).toBe('true');
    expect(page.url()).toContain('stage=7');
    await runFirstStep('day 7');
    await screenshots('day7');
    expectNoProblems('day 7');
  });
});
