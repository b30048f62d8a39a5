/**
 * End-to-end: `node scripts/start.mjs` (builds web/dist when needed, serves it with COOP/COEP) and
 * Debian's headless Chromium through playwright-core (never a downloaded browser). Every day page
 * that exists is driven: its demo runs briefly and must show learning, its first lesson step runs,
 * no console errors appear, and each page is screenshotted at desktop and 360 px width into
 * out/screenshots/.
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

async function hasDemo(): Promise<boolean> {
  return (await page.getByTestId('demo').count()) > 0;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
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
    if (await hasDemo()) {
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
    }
    await runFirstStep('day 1');
    await screenshots('day1');
    expectNoProblems('day 1');
  });

  it('Day 2: gradient descent brings the slope within 0.1 of 3.0', async () => {
    await open('#/day/2?lr=0.1&mode=gd');
    if (await hasDemo()) {
      expect(await num('d2-slope')).toBe(1);
      await page.getByTestId('play').click();
      await expect.poll(() => num('d2-step'), { timeout: 120_000 }).toBeGreaterThanOrEqual(400);
      expect(Math.abs((await num('d2-slope')) - 3)).toBeLessThan(0.1);
      expect(page.url()).toContain('lr=0.1');
    }
    await runFirstStep('day 2');
    await screenshots('day2');
    expectNoProblems('day 2');
  });

  it('Day 3: the decision boundary reaches accuracy ≥ 0.95 (when its module exists)', async () => {
    await open('#/day/3');
    if (await hasDemo()) {
      const acc = page.getByTestId('d3-acc');
      if ((await acc.count()) > 0) {
        await page.getByTestId('play').click();
        await expect
          .poll(async () => Number(await acc.textContent()), { timeout: 180_000 })
          .toBeGreaterThanOrEqual(0.95);
      }
    }
    await runFirstStep('day 3');
    await screenshots('day3');
    expectNoProblems('day 3');
  });

  it('Day 4: the moons network loss falls; hovering a weight shows its gradient', async () => {
    await open('#/day/4?h=3&lr=0.01');
    if (await hasDemo()) {
      const first = await num('d4-loss');
      await page.getByTestId('play').click();
      await expect.poll(() => num('d4-pass'), { timeout: 120_000 }).toBeGreaterThanOrEqual(800);
      await page.getByTestId('play').click(); // pause
      expect(await num('d4-loss')).toBeLessThan(first);
      await page.locator('[data-testid="edge-W1-0-0"]').hover();
      await expect.poll(() => page.getByTestId('d4-tip').textContent()).toContain('∂L/∂W1[0, 0]');
    }
    await runFirstStep('day 4');
    await screenshots('day4');
    expectNoProblems('day 4');
  });

  it('Day 5: the CNN trains in a worker to accuracy > 0.9 (when its module exists)', async () => {
    await open('#/day/5');
    if (await hasDemo()) {
      const acc = page.getByTestId('d5-acc');
      if ((await acc.count()) > 0) {
        await page.getByTestId('d5-train').click();
        await expect
          .poll(async () => Number(await acc.textContent()), { timeout: 280_000 })
          .toBeGreaterThan(0.9);
      }
    }
    await runFirstStep('day 5');
    await screenshots('day5');
    expectNoProblems('day 5');
  });

  it('Day 6: after training, "i am not sad" is positive; unknown words are skipped', async () => {
    await open('#/day/6');
    if (await hasDemo()) {
      const demo = page.getByTestId('demo');
      await expect
        .poll(() => demo.locator('.demo-body').getAttribute('data-trained'), { timeout: 280_000 })
        .toBe('true');
      await page.getByTestId('d6-input').fill('i am not sad');
      await expect.poll(() => demo.locator('.demo-body').getAttribute('data-positive')).toBe('true');
      expect(await page.getByTestId('d6-verdict').textContent()).toMatch(/positive/);
      await page.getByTestId('d6-input').fill('i am not zorblax sad');
      await expect
        .poll(() => page.getByTestId('d6-verdict').textContent())
        .toMatch(/skipped unknown: zorblax/);
      await page.getByTestId('d6-input').fill('i am not sad');
    }
    await runFirstStep('day 6');
    await screenshots('day6');
    expectNoProblems('day 6');
  });

  it('Day 7: shows the 23-word vocabulary and the causal mask', async () => {
    await open('#/day/7');
    if (await hasDemo()) {
      expect(await num('d7-vocab-count')).toBe(23);
      await page.getByTestId('d7-stage').selectOption({ index: 7 });
      const mask = page.getByTestId('d7-matrix-mask');
      await expect.poll(() => mask.getAttribute('data-causal')).toBe('true');
      expect(page.url()).toContain('stage=7');
    }
    await runFirstStep('day 7');
    await screenshots('day7');
    expectNoProblems('day 7');
  });
});
