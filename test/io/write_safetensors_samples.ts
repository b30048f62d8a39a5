// Writes safetensors files with mlseries' writers into a folder, with a manifest of what each
// holds, so that Python can check them against the reference layout (and the real library when
// installed):
//
//   npx tsx test/io/write_safetensors_samples.ts /tmp/st-check
//   python3 test/golden/gen_safetensors.py --check /tmp/st-check
//
// Run both when the fixtures are regenerated; the vitest suite itself never needs Python (it checks
// that our writer reproduces the committed reference-layout fixtures byte for byte).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as nd from '../../src/nd/index.js';
import type { NDArray } from '../../src/nd/index.js';
import { encodeSafetensors, encodeCheckpoint } from '../../src/io/index.js';
import { saveSafetensors, saveModelFiles } from '../../src/io/node.js';
import { decodeSafetensors } from '../../src/io/safetensors.js';

/** The manifest form of an array: dtype, shape and C-order values (non-finite floats as text). */
function describe(name: string, a: NDArray): Record<string, unknown> {
  const values = Array.from(a.copy().data, (v) => {
    if (a.dtype === 'bool') return v !== 0;
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    if (Object.is(v, -0)) return '-0';
    return v;
  });
  return { name, dtype: a.dtype, shape: [...a.shape], values };
}

/** Writes the samples and their manifest into `dir`; returns the number of files. */
export function writeSafetensorsSamples(dir: string): number {
  mkdirSync(dir, { recursive: true });
  const manifest: Record<string, unknown>[] = [];
  const add = (
    file: string,
    bytes: Uint8Array | null,
    tensors: Record<string, NDArray>,
    metadata: Record<string, string> | null,
  ) => {
    if (bytes !== null) writeFileSync(join(dir, file), bytes);
    manifest.push({ file, metadata, tensors: Object.entries(tensors).map(([k, a]) => describe(k, a)) });
  };

  const mixed: Record<string, NDArray> = {
    weight: nd.array(
      [
        [0.1, -2.5, 3.4028234663852886e38],
        [1e-45, NaN, -Infinity],
      ],
      { dtype: 'float32' },
    ),
    bias: nd.array([0.1, -0, Infinity, 5e-324, -1.7976931348623157e308]),
    step: nd.array([0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 40 + 3], {
      dtype: 'int64',
    }),
    counts: nd.arange(-6, 6, 1, { dtype: 'int32' }).reshape(3, 4),
    ids: nd.array([0, 4294967295, 123], { dtype: 'uint32' }),
    small: nd.array([-128, 127, 0, -1], { dtype: 'int8' }),
    pixels: nd.arange(0, 24, 1, { dtype: 'uint8' }).reshape(2, 3, 4),
    mask: nd.array([
      [true, false],
      [false, true],
    ]),
    scalar: nd.array(2.5),
    empty: nd.zeros([0, 3], { dtype: 'float32' }),
    transposed: nd.arange(6).reshape(2, 3).T,
    étè: nd.array([1], { dtype: 'uint8' }),
    '\u{1F600}': nd.array([2], { dtype: 'uint8' }),
    '\uff21': nd.array([3], { dtype: 'uint8' }),
    'quote"back\\slash\nnewline': nd.array([7], { dtype: 'int8' }),
  };
  add('mixed.safetensors', encodeSafetensors(mixed), mixed, null);
  const meta1 = { format: 'pt' };
  add(
    'one_key_metadata.safetensors',
    encodeSafetensors({ x: nd.linspace(-1, 1, 7, { dtype: 'float32' }) }, meta1),
    {
      x: nd.linspace(-1, 1, 7, { dtype: 'float32' }),
    },
    meta1,
  );
  const meta3 = { zeta: 'last', alpha: 'h\u00e9llo "q"\n\t\u0001 \u2603 \u{1F600}', format: 'pt' };
  add(
    'three_key_metadata.safetensors',
    encodeSafetensors({ w: nd.ones([2, 2]) }, meta3),
    { w: nd.ones([2, 2]) },
    meta3,
  );
  add('empty.safetensors', encodeSafetensors({}), {}, null);
  const gen = nd.random.defaultRng(7);
  const big = {
    'layer.0.weight': gen.standardNormal([64, 128], { dtype: 'float32' }),
    'layer.0.bias': nd.zeros([128]),
  };
  saveSafetensors(join(dir, 'saved_by_node.safetensors'), big, { framework: 'mlseries' });
  add('saved_by_node.safetensors', null, big, { framework: 'mlseries' });

  // A checkpoint and a model file are safetensors files too: check them the same way.
  const ckptBytes = encodeCheckpoint({
    model: {
      'fc.weight': nd.ones([2, 3], { dtype: 'float32' }),
      'fc.bias': nd.zeros([3], { dtype: 'float32' }),
    },
    optimizer: { state: { 0: { step: 3, exp_avg: nd.full([2, 3], 0.5, { dtype: 'float32' }) } }, lr: 0.001 },
    epoch: 2,
    step: 30,
    rng: { state: '1', inc: '2' },
  });
  writeFileSync(join(dir, 'checkpoint.safetensors'), ckptBytes);
  const ck = decodeSafetensors(ckptBytes);
  add('checkpoint.safetensors', null, Object.fromEntries(ck.tensors), ck.metadata);
  const paths = saveModelFiles(join(dir, 'model'), {
    architecture: { class: 'Sequential', layers: [{ class: 'Dense', units: 3 }] },
    weights: { 'dense.kernel': nd.ones([2, 3], { dtype: 'float32' }) },
  });
  const mf = decodeSafetensors(new Uint8Array(readFileSync(paths.weightsPath)));
  add('model.safetensors', null, Object.fromEntries(mf.tensors), mf.metadata);

  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest.length;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx test/io/write_safetensors_samples.ts DIR');
    process.exit(2);
  }
  console.log(`wrote ${writeSafetensorsSamples(dir)} files to ${dir}`);
}
