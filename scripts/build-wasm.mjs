// Builds the wasm kernels from source (src/kernels/wasm/as/*.ts, AssemblyScript) into build/wasm/:
//   kernels.wasm     SIMD + threads: imports a shared memory, used with worker threads
//   kernels-st.wasm  SIMD only: imports an unshared memory, for pages without cross-origin isolation
// Runs on `npm install` / `npm ci` (the `prepare` script), before `npm run build`, and by hand with
// `npm run build:wasm`. Skips the work when both outputs are newer than every source file, unless
// called with --force.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = path.join(root, 'src/kernels/wasm/as');
const outDir = path.join(root, 'build/wasm');
const entry = path.join(srcDir, 'index.ts');

/** Pages of 64 KiB; the JS side grows the memory on demand, up to the maximum. */
const INITIAL_PAGES = 32;
const MAXIMUM_PAGES = 65536; // 4 GiB, the wasm32 limit; the loader may ask for less

const common = [
  entry,
  '-O3',
  '--noAssert',
  '--runtime',
  'stub',
  '--importMemory',
  '--initialMemory',
  String(INITIAL_PAGES),
  '--maximumMemory',
  String(MAXIMUM_PAGES),
];

const variants = [
  { out: 'kernels.wasm', flags: ['--enable', 'simd,threads', '--sharedMemory'] },
  { out: 'kernels-st.wasm', flags: ['--enable', 'simd,threads'] },
];

async function newestSource() {
  let newest = 0;
  for (const name of await readdir(srcDir)) {
    if (name.endsWith('.ts')) newest = Math.max(newest, (await stat(path.join(srcDir, name))).mtimeMs);
  }
  newest = Math.max(newest, (await stat(fileURLToPath(import.meta.url))).mtimeMs);
  return newest;
}

async function isFresh(file, newest) {
  try {
    return (await stat(file)).mtimeMs > newest;
  } catch {
    return false;
  }
}

async function main() {
  const force = process.argv.includes('--force');
  await mkdir(outDir, { recursive: true });
  const newest = await newestSource();
  for (const variant of variants) {
    const out = path.join(outDir, variant.out);
    if (!force && (await isFresh(out, newest))) {
      console.log(`build-wasm: ${path.relative(root, out)} is up to date`);
      continue;
    }
    const t0 = performance.now();
    const { error, stderr } = await asc.main([...common, ...variant.flags, '--outFile', out]);
    const diagnostics = stderr.toString().trim();
    if (diagnostics) console.error(diagnostics);
    if (error) throw new Error(`build-wasm: asc failed for ${variant.out}: ${error.message}`);
    const { size } = await stat(out);
    const ms = (performance.now() - t0).toFixed(0);
    console.log(`build-wasm: wrote ${path.relative(root, out)} (${size} bytes, ${ms} ms)`);
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
