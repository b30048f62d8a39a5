/**
 * Downloads with checksums, resume and mirrors (Node only: it writes files). Import it lazily —
 * `await import('mlseries/data/download')` or through `downloadDataset` in ./index.ts — so
 * browser bundles never load it.
 *
 * `downloadFile(urls, dest, { sha256 })`:
 * 1. a `dest` that already has the checksum is kept (nothing is fetched);
 * 2. bytes go to `dest + '.part'`; a `.part` left by a broken transfer is continued with an HTTP
 *    `Range: bytes=<size>-` request (a server that ignores it and answers 200 starts over);
 * 3. a transfer that breaks off after receiving data is resumed from the same mirror (`retries`
 *    times); a mirror that fails otherwise — HTTP error, no connection, wrong checksum — gives way
 *    to the next one;
 * 4. the finished `.part` must have the SHA-256, else it is deleted; then it is fsynced and
 *    renamed to `dest` (atomic on one file system), so `dest` is either absent or complete.
 * When every mirror fails, a DownloadError lists what happened at each; when none could even be
 * reached, it says the machine seems to be offline and how to get the data without a network.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ValueError } from '../nd/errors.js';
import { DownloadError, type DownloadAttempt } from './errors.js';
import type { ImageDatasetName } from './mnist.js';
import { dataRoot } from './mnist.node.js';
import { DATASETS, isImageDatasetName } from './sources.js';

export { DownloadError, type DownloadAttempt } from './errors.js';

export interface DownloadProgress {
  url: string;
  /** Bytes in the `.part` file so far (including resumed ones). */
  received: number;
  /** The full size, when the server or the caller knows it. */
  total?: number;
}

export interface DownloadFileOptions {
  /** The expected SHA-256, 64 hex digits. */
  sha256: string;
  /** The expected size in bytes (optional; lets a complete `.part` be recognised). */
  size?: number;
  /** Resumes from the same mirror after a transfer breaks off with progress (default 3). */
  retries?: number;
  /** Abort a connection that brings no data for this long, in ms (default 30,000). */
  idleTimeoutMs?: number;
  onProgress?: (p: DownloadProgress) => void;
  /** One line per event worth telling a user (resume, retry, mirror failed). */
  log?: (line: string) => void;
}

export interface DownloadResult {
  path: string;
  /** The mirror that delivered the file, or null when `dest` was already complete. */
  url: string | null;
  /** Bytes received over the network in this call. */
  bytes: number;
}

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** The error code deep inside a fetch failure (`fetch failed` → cause ECONNREFUSED …). */
function errorCode(e: unknown): string | undefined {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, depth = 0; x && depth < 5; depth++) {
    if (typeof x.code === 'string') return x.code;
    x = x.cause as typeof x;
  }
  return undefined;
}

function describe(e: unknown): string {
  const code = errorCode(e);
  const msg = e instanceof Error ? e.message : String(e);
  const cause = (e as { cause?: unknown }).cause;
  const inner = cause instanceof Error && cause.message !== msg ? ` (${cause.message})` : '';
  return code && !msg.includes(code) ? `${msg}${inner} [${code}]` : `${msg}${inner}`;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNRESET',
]);

class HttpStatusError extends Error {}
class ChecksumError extends Error {}
class IdleTimeout extends Error {}

/**
 * One request to `url` appending to (or restarting) `part`. Returns the bytes received; throws on
 * HTTP errors and broken transfers (with `received` attached so the caller can tell progress).
 */
async function transfer(
  url: string,
  part: string,
  opts: DownloadFileOptions,
): Promise<{ received: number; resumedFrom: number }> {
  let have = await sizeOf(part);
  if (opts.size !== undefined && have > opts.size) {
    await rm(part, { force: true });
    have = 0;
  }
  const controller = new AbortController();
  const idleMs = opts.idleTimeoutMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new IdleTimeout(`no data for ${idleMs} ms`)), idleMs);
  };
  let received = 0;
  try {
    arm();
    const res = await fetch(url, {
      headers: have > 0 ? { Range: `bytes=${have}-` } : {},
      signal: controller.signal,
      redirect: 'follow',
    });
    if (res.status === 416 && have > 0) {
      // "Range not satisfiable": the .part may already be whole; the checksum decides
      await res.body?.cancel();
      return { received: 0, resumedFrom: have };
    }
    if (res.status !== 200 && res.status !== 206) {
      await res.body?.cancel();
      throw new HttpStatusError(`HTTP ${res.status} ${res.statusText}`.trim());
    }
    let resumedFrom = 0;
    if (res.status === 206) {
      const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
      if (!m || Number(m[1]) !== have) {
        await res.body?.cancel();
        await rm(part, { force: true });
        throw new HttpStatusError(
          `bad Content-Range '${res.headers.get('content-range')}' for a request from byte ${have}`,
        );
      }
      resumedFrom = have;
      if (have > 0) opts.log?.(`resuming ${url} from byte ${have}`);
    }
    const length = Number(res.headers.get('content-length') ?? NaN);
    const total = opts.size ?? (Number.isFinite(length) ? resumedFrom + length : undefined);
    const fh = await open(part, resumedFrom > 0 ? 'a' : 'w');
    try {
      if (res.body) {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          arm();
          await fh.write(chunk);
          received += chunk.length;
          opts.onProgress?.({ url, received: resumedFrom + received, total });
        }
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    return { received, resumedFrom };
  } catch (e) {
    const reason = controller.signal.aborted ? controller.signal.reason : e;
    throw Object.assign(reason instanceof Error ? reason : new Error(String(reason)), { received });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Downloads the first of `urls` that delivers a file with the given SHA-256 into `dest` (see the
 * top of this file for resume, retries and atomicity).
 *
 * ```ts
 * await downloadFile(
 *   ['https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz'],
 *   '/tmp/mnist/t10k-labels-idx1-ubyte.gz',
 *   { sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6' },
 * );
 * ```
 */
export async function downloadFile(
  urls: readonly string[],
  dest: string,
  opts: DownloadFileOptions,
): Promise<DownloadResult> {
  const want = opts.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(want))
    throw new ValueError(`downloadFile: sha256 must be 64 hex digits, got '${opts.sha256}'`);
  if (urls.length === 0) throw new ValueError('downloadFile: expected at least one URL');
  if ((await sizeOf(dest)) > 0 && (await sha256File(dest)) === want)
    return { path: dest, url: null, bytes: 0 };
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const retries = opts.retries ?? 3;
  const attempts: DownloadAttempt[] = [];
  let bytes = 0;
  for (const url of urls) {
    let failures = 0;
    let restarted = false;
    for (;;) {
      try {
        const { received, resumedFrom } = await transfer(url, part, opts);
        bytes += received;
        const got = await sha256File(part);
        if (got !== want) {
          await rm(part, { force: true });
          if (resumedFrom > 0 && !restarted) {
            // the old .part may have been the bad half: try this mirror once more from byte 0
            restarted = true;
            opts.log?.(`checksum mismatch after resuming ${url}; downloading it again from the start`);
            continue;
          }
          throw new ChecksumError(`checksum mismatch: expected sha256 ${want}, got ${got}`);
        }
        await rename(part, dest);
        return { path: dest, url, bytes };
      } catch (e) {
        const received = (e as { received?: number }).received ?? 0;
        bytes += received;
        const code = errorCode(e);
        const broken = !(e instanceof HttpStatusError) && !(e instanceof ChecksumError);
        if (broken && received > 0 && failures < retries) {
          failures++;
          opts.log?.(`transfer from ${url} broke off (${describe(e)}); resuming (${failures}/${retries})`);
          continue;
        }
        const unreachable =
          received === 0 && (e instanceof IdleTimeout || (code !== undefined && UNREACHABLE.has(code)));
        attempts.push({ url, reason: describe(e), unreachable });
        opts.log?.(`${url}: ${describe(e)}`);
        break;
      }
    }
  }
  const offline = attempts.every((a) => a.unreachable);
  const list = attempts.map((a) => `  ${a.url}: ${a.reason}`).join('\n');
  throw new DownloadError(
    offline
      ? `download ${dest}: could not reach any mirror — this machine seems to be offline:\n${list}`
      : `download ${dest}: every mirror failed:\n${list}`,
    attempts,
    offline,
  );
}

export interface DownloadDatasetOptions {
  /** Target directory (default `$MLSERIES_DATA/<name>` or `~/.cache/mlseries/<name>`). */
  dir?: string;
  /** Base URLs (ending in `/`) to use instead of the known mirrors. */
  mirrors?: readonly string[];
  retries?: number;
  idleTimeoutMs?: number;
  onProgress?: (p: DownloadProgress & { file: string }) => void;
  log?: (line: string) => void;
}

/**
 * Downloads the four IDX files of MNIST or Fashion-MNIST (sizes and SHA-256 in sources.ts) into
 * the cache directory the loaders search, skipping files already there and complete.
 *
 * ```ts
 * const { dir } = await downloadDataset('fashion-mnist');
 * const { train, test } = await loadFashionMnist();
 * ```
 */
export async function downloadDataset(
  name: ImageDatasetName,
  opts: DownloadDatasetOptions = {},
): Promise<{ dir: string; files: DownloadResult[] }> {
  if (!isImageDatasetName(name)) {
    throw new ValueError(
      `downloadDataset: unknown data set '${String(name)}'; expected 'mnist' or 'fashion-mnist'`,
    );
  }
  const ds = DATASETS[name];
  const dir = opts.dir ?? join(await dataRoot(), name);
  const mirrors = opts.mirrors ?? ds.mirrors;
  const files: DownloadResult[] = [];
  for (const f of ds.files) {
    try {
      files.push(
        await downloadFile(
          mirrors.map((m) => (m.endsWith('/') ? m : `${m}/`) + f.name),
          join(dir, f.name),
          {
            sha256: f.sha256,
            size: f.size,
            retries: opts.retries,
            idleTimeoutMs: opts.idleTimeoutMs,
            log: opts.log,
            onProgress: opts.onProgress && ((p) => opts.onProgress!({ ...p, file: f.name })),
          },
        ),
      );
    } catch (e) {
      if (e instanceof DownloadError && e.offline) {
        const alt =
          name === 'fashion-mnist'
            ? 'On Debian/Ubuntu `sudo apt-get install dataset-fashion-mnist` installs it offline-friendly from the distribution mirror; or copy'
            : 'Offline, `loadEmbeddedMnist()` gives 10,000 real digits with no download; or copy';
        throw new DownloadError(
          `${e.message}\n${alt} the four files (${ds.files.map((x) => x.name).join(', ')}) into ${dir} by hand.`,
          e.attempts,
          true,
        );
      }
      throw e;
    }
  }
  return { dir, files };
}
