/**
 * `mlseries data …`: fetch and inspect the image data sets.
 *
 *   mlseries data download mnist|fashion-mnist [--dir DIR]
 *   mlseries data list
 *
 * `dataCommand(args)` takes the arguments after `data` and resolves to the exit code; messages go
 * to stderr, results (paths) to stdout.
 */
import { dirname } from 'node:path';
import { DATASETS, isImageDatasetName } from '../src/data/sources.js';
import { findImageFiles, searchDirs } from '../src/data/mnist.node.js';

const USAGE = `usage: mlseries data download <mnist|fashion-mnist> [--dir DIR] [--mirror URL]…
       mlseries data list

download  fetch the four IDX files from the known mirrors (SHA-256 checked, resumable) into
          DIR, default $MLSERIES_DATA/<name> or ~/.cache/mlseries/<name>;
          --mirror (repeatable) uses these base URLs instead of the known mirrors
list      show each data set and where its files were found`;

export interface DataCommandIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Progress line rewritten in place (a TTY); when absent, progress prints once per file. */
  status?: (line: string) => void;
}

const defaultIO = (): DataCommandIO => ({
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  status: process.stderr.isTTY ? (l) => process.stderr.write(`\r\x1b[K${l}`) : undefined,
});

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** Parses `--dir DIR`, `--mirror URL` (also `--x=value`); returns the positional arguments and the options. */
function parseArgs(args: readonly string[]): {
  positional: string[];
  dir?: string;
  mirrors: string[];
  help: boolean;
} {
  const positional: string[] = [];
  const mirrors: string[] = [];
  let dir: string | undefined;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') help = true;
    else if (a === '--dir') {
      dir = args[++i];
      if (dir === undefined) throw new Error('--dir needs a directory');
    } else if (a.startsWith('--dir=')) dir = a.slice('--dir='.length);
    else if (a === '--mirror') {
      const m = args[++i];
      if (m === undefined) throw new Error('--mirror needs a URL');
      mirrors.push(m);
    } else if (a.startsWith('--mirror=')) mirrors.push(a.slice('--mirror='.length));
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else positional.push(a);
  }
  return { positional, dir, mirrors, help };
}

/** Runs `mlseries data <args…>`; resolves to the process exit code. */
export async function dataCommand(args: readonly string[], io: DataCommandIO = defaultIO()): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    io.err(`mlseries data: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [sub, name, ...rest] = parsed.positional;
  if (parsed.help || sub === undefined) {
    (parsed.help ? io.out : io.err)(USAGE);
    return parsed.help ? 0 : 2;
  }
  if (sub === 'list') {
    for (const ds of Object.values(DATASETS)) {
      try {
        const files = await findImageFiles(ds.name);
        io.out(`${ds.name}\t${dirname(files.trainImages)}`);
      } catch {
        io.out(`${ds.name}\tnot found (looked in ${(await searchDirs(ds.name)).join(', ')})`);
      }
    }
    return 0;
  }
  if (sub !== 'download') {
    io.err(`mlseries data: unknown command '${sub}'\n${USAGE}`);
    return 2;
  }
  if (name === undefined || !isImageDatasetName(name) || rest.length > 0) {
    io.err(
      `mlseries data download: expected 'mnist' or 'fashion-mnist', got ${name === undefined ? 'nothing' : `'${[name, ...rest].join(' ')}'`}\n${USAGE}`,
    );
    return 2;
  }
  const { downloadDataset, DownloadError } = await import('../src/data/download.js');
  const ds = DATASETS[name];
  const total = ds.files.reduce((s, f) => s + f.size, 0);
  io.err(`Downloading ${ds.title} (${ds.files.length} files, ${mb(total)}) …`);
  let lastFile = '';
  try {
    const { dir, files } = await downloadDataset(name, {
      dir: parsed.dir,
      mirrors: parsed.mirrors.length > 0 ? parsed.mirrors : undefined,
      log: (l) => {
        if (io.status) io.status('');
        io.err(l);
      },
      onProgress: (p) => {
        if (io.status) {
          const pct = p.total ? ` ${((100 * p.received) / p.total).toFixed(0)}%` : '';
          io.status(`${p.file}: ${mb(p.received)}${p.total ? ` / ${mb(p.total)}` : ''}${pct}`);
        } else if (p.file !== lastFile) {
          io.err(`${p.file} from ${p.url}`);
        }
        lastFile = p.file;
      },
    });
    if (io.status) io.status('');
    const fetched = files.filter((f) => f.url !== null).length;
    io.err(
      `${ds.title}: ${fetched} file(s) downloaded, ${files.length - fetched} already present; checksums OK.`,
    );
    io.out(dir);
    return 0;
  } catch (e) {
    if (io.status) io.status('');
    io.err(e instanceof DownloadError ? e.message : `mlseries data download: ${(e as Error).message}`);
    return 1;
  }
}
