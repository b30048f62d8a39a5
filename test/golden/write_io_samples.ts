// Writes files with mlseries' writers into a folder, with a manifest of what each holds, so that
// NumPy can check it loads them equal:
//
//   npx tsx test/golden/write_io_samples.ts /tmp/io-check
//   python3 test/golden/gen_io.py --check /tmp/io-check
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { array, arange } from '../../src/nd/creation.js';
import type { NDArray } from '../../src/nd/ndarray.js';
import { formatTxt, writeIdx, writeNpy, writeNpz } from '../../src/nd/io/index.js';
import { save, savez, savezCompressed, savetxt } from '../../src/nd/io/node.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx test/golden/write_io_samples.ts DIR');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });

/** The manifest form of an array: dtype, shape and C-order values (non-finite floats as text). */
function describe(a: NDArray): { dtype: string; shape: number[]; values: (number | boolean | string)[] } {
  const values = Array.from(a.copy().data, (v) => {
    if (a.dtype === 'bool') return v !== 0;
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    if (Object.is(v, -0)) return a.dtype === 'float32' || a.dtype === 'float64' ? '-0' : 0;
    return v;
  });
  return { dtype: a.dtype, shape: [...a.shape], values };
}

const manifest: Record<string, unknown>[] = [];

const npys: Record<string, NDArray> = {
  f8: array([
    [0.1, -2.5, NaN],
    [Infinity, -Infinity, -0],
  ]),
  f4: array([0.1, 1e-45, 3.4028234663852886e38], { dtype: 'float32' }),
  i8: array([0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 40], { dtype: 'int64' }),
  i4: arange(-6, 6, 1, { dtype: 'int32' }).reshape(3, 4),
  u4: array([0, 4294967295, 123], { dtype: 'uint32' }),
  i1: array([-128, 127, 0], { dtype: 'int8' }),
  u1: arange(0, 24, 1, { dtype: 'uint8' }).reshape(2, 3, 4),
  b1: array([true, false, true, true]).reshape(2, 2),
  scalar: array(2.5),
  scalar_i8: array(-3),
  empty: array([], { dtype: 'float32' }).reshape(0, 3),
  transposed: arange(6).reshape(2, 3).T,
  wide: arange(0, 1234, 1, { dtype: 'int32' }),
  ones6d: array([1, 1, 1, 1], { dtype: 'float32' }).reshape(1, 2, 1, 1, 2, 1),
};
for (const [name, a] of Object.entries(npys)) {
  writeFileSync(join(dir, `${name}.npy`), writeNpy(a));
  manifest.push({ file: `${name}.npy`, kind: 'npy', expect: describe(a) });
}
save(join(dir, 'saved_by_node'), arange(5));
manifest.push({ file: 'saved_by_node.npy', kind: 'npy', expect: describe(arange(5)) });

const x = arange(0, 12, 1, { dtype: 'float32' }).reshape(3, 4);
const y = array([true, false]);
const z = array([[1, -2]], { dtype: 'int64' });
const arrays = { x, y, z };
const described = Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, describe(a)]));
writeFileSync(join(dir, 'stored.npz'), writeNpz(arrays));
manifest.push({ file: 'stored.npz', kind: 'npz', arrays: described, method: 0 });
writeFileSync(join(dir, 'deflated.npz'), writeNpz(arrays, { compress: true }));
manifest.push({ file: 'deflated.npz', kind: 'npz', arrays: described, method: 8 });
savez(join(dir, 'positional.npz'), [x, y]);
manifest.push({
  file: 'positional.npz',
  kind: 'npz',
  arrays: { arr_0: describe(x), arr_1: describe(y) },
  method: 0,
});
savezCompressed(join(dir, 'compressed_by_node'), { x });
manifest.push({ file: 'compressed_by_node.npz', kind: 'npz', arrays: { x: describe(x) }, method: 8 });
writeFileSync(join(dir, 'empty.npz'), writeNpz({}));
manifest.push({ file: 'empty.npz', kind: 'npz', arrays: {}, method: 0 });

const idxs: Record<string, NDArray> = {
  'images-idx3-ubyte': arange(0, 60, 1, { dtype: 'uint8' }).reshape(3, 4, 5),
  'labels-idx1-ubyte': array([7, 2, 1], { dtype: 'uint8' }),
  'int8.idx': array([-5, 5], { dtype: 'int8' }),
  'int32.idx': array([[-70000, 70000]], { dtype: 'int32' }),
  'float32.idx': array([0.1, -1e30], { dtype: 'float32' }),
  'float64.idx': array([Math.PI, -0.5]),
};
for (const [name, a] of Object.entries(idxs)) {
  writeFileSync(join(dir, name), writeIdx(a));
  manifest.push({ file: name, kind: 'idx', expect: describe(a) });
  writeFileSync(join(dir, `${name}.gz`), writeIdx(a, { gzip: true }));
  manifest.push({ file: `${name}.gz`, kind: 'idx', expect: describe(a) });
}

const table = array([
  [0.1, -2.5e-8, 3],
  [1e300, 2.5, -0.125],
]);
savetxt(join(dir, 'default.txt'), table);
manifest.push({ file: 'default.txt', kind: 'txt', expect: describe(table), numpyText: {} });
const ints = arange(6).reshape(2, 3);
const opts = { fmt: '%d', delimiter: ',', header: 'a,b,c\nsecond', footer: 'end' };
writeFileSync(join(dir, 'ints.csv'), formatTxt(ints, opts));
manifest.push({
  file: 'ints.csv',
  kind: 'txt',
  expect: describe(ints),
  loadOpts: { delimiter: ',' },
  numpyText: opts,
});
const mixed = { fmt: ['%.3f', '%10.2e', '%g'], delimiter: '\t' };
savetxt(join(dir, 'mixed.tsv'), table, mixed);
manifest.push({
  file: 'mixed.tsv',
  kind: 'txt',
  expect: describe(
    array(
      [
        [0.1, -2.5e-8, 3],
        [1e300, 2.5, -0.125],
      ].map((r) =>
        r.map((v, j) => (j === 0 ? Number(v.toFixed(3)) : j === 1 ? Number(v.toExponential(2)) : v)),
      ),
    ),
  ),
  loadOpts: { delimiter: '\t' },
  source: describe(table),
  numpyText: mixed,
});

writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
console.log(`wrote ${manifest.length} files to ${dir}`);
