// A checkpoint writer made to be killed (test/io/kill.test.ts). It saves a large checkpoint at PATH
// over and over, each one internally consistent — every element of model `w` equals the step, and
// so do `tag`, `step`, `epoch` and the note in `extra` — and prints `saved N` after each save.
//
//   node --import tsx test/io/kill_child.ts PATH MEGABYTES FIRST_STEP
import { NDArray } from '../../src/nd/ndarray.js';
import { saveCheckpoint } from '../../src/io/node.js';

const [path, megabytes, first] = process.argv.slice(2);
const n = Math.floor((Number(megabytes) * 2 ** 20) / 4);
const w = new Float32Array(n).fill(-1); // touch every page before the clock starts
const tag = new Float64Array(1);
const model = { w: NDArray.fromData(w, [n], 'float32'), tag: NDArray.fromData(tag, [1], 'int64') };
process.stdout.write('ready\n');
for (let step = Number(first); ; step++) {
  w.fill(step);
  tag[0] = step;
  saveCheckpoint(path, { model, epoch: step, step, extra: { note: `step ${step}` } });
  process.stdout.write(`saved ${step}\n`);
}
