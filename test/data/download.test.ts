/**
 * The downloader against a server started here on 127.0.0.1 (node:http): checksums, resume with
 * HTTP Range after a cut connection or a stall, a stale or corrupt `.part`, mirror fallback, and
 * clear errors for a wrong checksum or no server at all. Nothing goes to the internet.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError, downloadDataset, downloadFile, sha256File } from '../../src/data/download.js';
import { dataCommand } from '../../cli/data.js';

const SIZE = 300_000;
const PAYLOAD = Uint8Array.from({ length: SIZE }, (_, i) => (i * 2654435761) >>> 24);
const SHA = createHash('sha256').update(PAYLOAD).digest('hex');
const OTHER = Uint8Array.from(PAYLOAD, (v) => v ^ 1);

interface Seen {
  path: string;
  range?: string;
}
let server: Server;
let base = '';
let closedBase = '';
const seen: Seen[] = [];
const firstHit = new Set<string>();

/** Serves `body` with Range support (206 + Content-Range), like S3 and GitHub do. */
function serve(req: IncomingMessage, res: ServerResponse, body: Uint8Array, ranges = true): void {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (m && ranges) {
    const from = Number(m[1]);
    if (from >= body.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    res.writeHead(206, {
      'Content-Length': body.length - from,
      'Content-Range': `bytes ${from}-${body.length - 1}/${body.length}`,
    });
    res.end(body.subarray(from));
    return;
  }
  res.writeHead(200, { 'Content-Length': body.length, 'Accept-Ranges': ranges ? 'bytes' : 'none' });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    seen.push({ path, range: req.headers.range });
    const first = !firstHit.has(path);
    firstHit.add(path);
    if (path === '/good/f.bin') return serve(req, res, PAYLOAD);
    if (path === '/bad/f.bin') return serve(req, res, OTHER);
    if (path === '/norange/f.bin') return serve(req, res, PAYLOAD, false);
    if (path === '/cut/f.bin' && first) {
      // send 40 % of the file, then drop the connection
      res.writeHead(200, { 'Content-Length': SIZE });
      res.write(PAYLOAD.subarray(0, 120_000), () => setTimeout(() => res.socket?.destroy(), 30));
      return;
    }
    if (path === '/cut/f.bin') return serve(req, res, PAYLOAD);
    if (path === '/stall/f.bin' && first) {
      res.writeHead(200, { 'Content-Length': SIZE });
      res.write(PAYLOAD.subarray(0, 100_000)); // … and never more
      return;
    }
    if (path === '/stall/f.bin') return serve(req, res, PAYLOAD);
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // a port with nothing behind it: bind, note, close
  const tmp = createServer();
  await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
  closedBase = `http://127.0.0.1:${(tmp.address() as AddressInfo).port}`;
  await new Promise<void>((r) => tmp.close(() => r()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const dir = mkdtempSync(join(tmpdir(), 'mlseries-dl-'));
let n = 0;
let dest = '';
beforeEach(() => {
  seen.length = 0;
  dest = join(dir, `case${n++}`, 'f.bin');
});
const same = (path: string) => Buffer.compare(readFileSync(path), Buffer.from(PAYLOAD)) === 0;

describe('downloadFile', () => {
  it('downloads, checks the SHA-256, renames the .part; a complete file is not fetched again', async () => {
    const r = await downloadFile([`${base}/good/f.bin`], dest, { sha256: SHA });
    expect(r).toEqual({ path: dest, url: `${base}/good/f.bin`, bytes: SIZE });
    expect(same(dest)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(await sha256File(dest)).toBe(SHA);
    seen.length = 0;
    const again = await downloadFile([`${base}/good/f.bin`], dest, { sha256: SHA });
    expect(again).toEqual({ path: dest, url: null, bytes: 0 });
    expect(seen).toEqual([]);
  });

  it('a connection cut mid-file is resumed with an HTTP Range request', async () => {
    const log: string[] = [];
    const progress: number[] = [];
    const r = await downloadFile([`${base}/cut/f.bin`], dest, {
      sha256: SHA,
      size: SIZE,
      log: (l) => log.push(l),
      onProgress: (p) => progress.push(p.received),
    });
    expect(same(dest)).toBe(true);
    expect(seen.length).toBe(2);
    expect(seen[0].range).toBeUndefined();
    const from = Number(/^bytes=(\d+)-$/.exec(seen[1].range ?? '')?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(120_000);
    expect(r.bytes).toBe(SIZE); // from + (SIZE - from)
    expect(log.some((l) => /broke off/.test(l))).toBe(true);
    expect(log.some((l) => l.includes(`resuming ${base}/cut/f.bin from byte ${from}`))).toBe(true);
    expect(progress.at(-1)).toBe(SIZE);
  });

  it('a stalled transfer times out and is resumed', async () => {
    await downloadFile([`${base}/stall/f.bin`], dest, { sha256: SHA, idleTimeoutMs: 300 });
    expect(same(dest)).toBe(true);
    expect(seen[1].range).toMatch(/^bytes=\d+-$/);
  });

  it('a .part left by an earlier run is continued; a corrupt one is thrown away', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dest, '..'), { recursive: true });
    writeFileSync(`${dest}.part`, PAYLOAD.subarray(0, 1000));
    const r = await downloadFile([`${base}/good/f.bin`], dest, { sha256: SHA });
    expect(seen.map((s) => s.range)).toEqual(['bytes=1000-']);
    expect(r.bytes).toBe(SIZE - 1000);
    expect(same(dest)).toBe(true);

    const dest2 = `${dest}2`;
    writeFileSync(`${dest2}.part`, OTHER.subarray(0, 1000));
    seen.length = 0;
    await downloadFile([`${base}/good/f.bin`], dest2, { sha256: SHA });
    expect(seen.map((s) => s.range)).toEqual(['bytes=1000-', undefined]);
    expect(same(dest2)).toBe(true);
  });

  it('a server that ignores Range (200) restarts the file from byte 0', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dest, '..'), { recursive: true });
    writeFileSync(`${dest}.part`, PAYLOAD.subarray(0, 5000));
    await downloadFile([`${base}/norange/f.bin`], dest, { sha256: SHA });
    expect(same(dest)).toBe(true);
  });

  it('a wrong checksum is rejected: no file, no .part, the error shows both sums', async () => {
    const err = await downloadFile([`${base}/bad/f.bin`], dest, { sha256: SHA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).offline).toBe(false);
    const want = createHash('sha256').update(OTHER).digest('hex');
    expect((err as Error).message).toContain(`checksum mismatch: expected sha256 ${SHA}, got ${want}`);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('falls through failing mirrors (404, bad checksum) to one that works', async () => {
    const log: string[] = [];
    const r = await downloadFile([`${base}/missing/f.bin`, `${base}/bad/f.bin`, `${base}/good/f.bin`], dest, {
      sha256: SHA,
      log: (l) => log.push(l),
    });
    expect(r.url).toBe(`${base}/good/f.bin`);
    expect(same(dest)).toBe(true);
    expect(log.join('\n')).toMatch(/missing\/f\.bin: HTTP 404/);
    expect(log.join('\n')).toMatch(/bad\/f\.bin: checksum mismatch/);
  });

  it('no server: a DownloadError that says the machine seems offline', async () => {
    const err = await downloadFile([`${closedBase}/f.bin`], dest, { sha256: SHA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).offline).toBe(true);
    expect((err as Error).message).toMatch(/could not reach any mirror — this machine seems to be offline/);
    expect((err as Error).message).toContain('ECONNREFUSED');
    await expect(downloadFile([`${base}/good/f.bin`], dest, { sha256: 'abc' })).rejects.toThrow(
      /64 hex digits/,
    );
  });
});

describe('downloadDataset and `mlseries data`', () => {
  it('offline: says how to get MNIST and Fashion-MNIST without the network', async () => {
    await expect(downloadDataset('mnist', { dir: join(dir, 'm'), mirrors: [closedBase] })).rejects.toThrow(
      /offline[\s\S]*loadEmbeddedMnist\(\)[\s\S]*train-images-idx3-ubyte\.gz/,
    );
    await expect(
      downloadDataset('fashion-mnist', { dir: join(dir, 'f'), mirrors: [closedBase] }),
    ).rejects.toThrow(/apt-get install dataset-fashion-mnist/);
  });

  it('the CLI: usage errors exit 2, an offline download exits 1 with the reason', async () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
    };
    const a = io();
    expect(await dataCommand([], a.io)).toBe(2);
    expect(a.err.join('\n')).toMatch(/usage: mlseries data download/);
    const b = io();
    expect(await dataCommand(['download', 'cifar10'], b.io)).toBe(2);
    expect(b.err.join('\n')).toMatch(/expected 'mnist' or 'fashion-mnist', got 'cifar10'/);
    const c = io();
    expect(
      await dataCommand(['download', 'mnist', '--dir', join(dir, 'cli'), '--mirror', closedBase], c.io),
    ).toBe(1);
    expect(c.err.join('\n')).toMatch(/Downloading MNIST \(4 files, 11\.6 MB\)[\s\S]*seems to be offline/);
    const d = io();
    expect(await dataCommand(['list'], d.io)).toBe(0);
    expect(d.out.map((l) => l.split('\t')[0])).toEqual(['mnist', 'fashion-mnist']);
  });
});
