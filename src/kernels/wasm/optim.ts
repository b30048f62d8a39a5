/**
 * Adam on the wasm backend (see as/optim.ts): the four arrays are copied into the unshared heap
 * when there is one, updated with SIMD, and p, m, v copied back.
 */
import { checkAdam } from '../js/optim.js';
import type { AdamArgs } from '../types.js';
import type { WasmRuntime } from './runtime.js';

/** One Adam update in place; see {@link AdamArgs}. */
export function wasmAdam(runtime: WasmRuntime, a: AdamArgs): void {
  checkAdam(a);
  if (a.n === 0) return;
  const f64 = a.p instanceof Float64Array;
  const rt = runtime.heapFor(1);
  rt.reset();
  const p = rt.copyIn(a.p, a.pOffset, a.n);
  const g = rt.copyIn(a.g, a.gOffset, a.n);
  const m = rt.copyIn(a.m, a.mOffset, a.n);
  const v = rt.copyIn(a.v, a.vOffset, a.n);
  const args = rt.record([
    0,
    a.n,
    p,
    g,
    m,
    v,
    1 - a.beta1,
    a.beta2,
    1 - a.beta2,
    a.stepSize,
    a.invBc2,
    a.eps,
  ]);
  rt.run(f64 ? 'adamF64' : 'adamF32', args, 1);
  rt.copyOut(p, a.p, a.pOffset, a.n);
  rt.copyOut(m, a.m, a.mOffset, a.n);
  rt.copyOut(v, a.v, a.vOffset, a.n);
}
