/**
 * Atomic file replacement for Node.js: after a crash, a power cut or a SIGKILL at any instant, the
 * target holds either its old contents or the complete new ones, never a mix.
 *
 * The recipe (what databases and editors do on POSIX):
 *   1. write the bytes to a new temporary file in the same directory (a rename is atomic only
 *      within one file system),
 *   2. fsync it, so its data is on disk before its name is,
 *   3. rename it over the target (atomic replacement of the directory entry),
 *   4. fsync the directory, so the rename itself survives a power cut.
 * Windows cannot open a directory to fsync it; there step 4 is skipped.
 *
 * A writer killed between 1 and 3 leaves its temporary file behind. Readers never look at it (it
 * has another name), and the next write to the same target deletes leftovers whose writing
 * process no longer exists.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /**
   * fsync the file and its directory (default true). Without it the replacement is still atomic
   * for other processes and for a crash of this one, but not for a power cut.
   */
  fsync?: boolean;
  /** Permission bits of a new file (default: those of the file it replaces, else 0o666 & ~umask). */
  mode?: number;
}

let sequence = 0;
const PID_SEQ = /^(\d+)-(\d+)$/;

/** The prefix of every temporary file written for `target` (a hidden file beside it). */
function tempPrefix(target: string): string {
  // A bounded prefix keeps the temporary name within the file system's 255-byte limit.
  return `.${Array.from(basename(target)).slice(0, 48).join('')}`;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Deletes temporary files left by killed writers of `target`: those named like ours whose process
 * is gone. Returns how many it removed. (Files of this process are never touched: a worker
 * thread may be writing one.)
 */
export function removeStaleTempFiles(target: string): number {
  const path = resolve(target);
  const dir = dirname(path);
  const prefix = `${tempPrefix(path)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = PID_SEQ.exec(name.slice(prefix.length));
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processExists(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch {
      // another writer removed it first
    }
  }
  return removed;
}

function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return; // Windows: directories cannot be opened
  }
  try {
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'ENOTSUP' && code !== 'EBADF')
      throw e;
  } finally {
    closeSync(fd);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Replaces the file at `path` with `data` atomically (see the file comment): readers and later
 * loads see the old file or the complete new one, even if this process is killed mid-write.
 * The directory must exist. Strings are written as UTF-8; a list of byte arrays is written one
 * after the other (so a large file need not be joined in memory first).
 *
 * ```ts
 * writeFileAtomic('model.json', JSON.stringify(config));
 * ```
 */
export function writeFileAtomic(
  path: string,
  data: Uint8Array | string | readonly Uint8Array[],
  opts: AtomicWriteOptions = {},
): void {
  const target = resolve(path);
  const dir = dirname(target);
  const sync = opts.fsync ?? true;
  const chunks =
    typeof data === 'string' ? [new TextEncoder().encode(data)] : data instanceof Uint8Array ? [data] : data;
  let mode = opts.mode;
  if (mode === undefined) {
    try {
      mode = statSync(target).mode & 0o7777;
    } catch {
      mode = 0o666;
    }
  }
  removeStaleTempFiles(target);

  let tmp = '';
  let fd = -1;
  while (fd < 0) {
    tmp = join(dir, `${tempPrefix(target)}.tmp-${process.pid}-${++sequence}`);
    try {
      fd = openSync(tmp, 'wx', mode); // O_EXCL: never reuse someone else's file
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  try {
    for (const bytes of chunks) {
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    }
    if (sync) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkQuietly(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, target);
  } catch (e) {
    unlinkQuietly(tmp);
    throw e;
  }
  if (sync) fsyncDirectory(dir);
}
