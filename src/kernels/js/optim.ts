/**
 * Reference optimiser update: Adam in one pass over contiguous arrays (see {@link AdamArgs}).
 * Arithmetic in float64, each stored value rounded once by its typed array.
 */
import { checkDtypes, checkRange } from '../check.js';
import type { AdamArgs } from '../types.js';

/** One Adam update in place; see {@link AdamArgs}. */
export function adam(a: AdamArgs): void {
  checkAdam(a);
  const { n, beta1, beta2, eps, stepSize, invBc2 } = a;
  const p = a.p.subarray(a.pOffset, a.pOffset + n);
  const g = a.g.subarray(a.gOffset, a.gOffset + n);
  const m = a.m.subarray(a.mOffset, a.mOffset + n);
  const v = a.v.subarray(a.vOffset, a.vOffset + n);
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = m[i] + c1 * (gi - m[i]);
    const vi = beta2 * v[i] + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] -= (stepSize * mi) / (Math.sqrt(vi) * invBc2 + eps);
  }
}

/** The dtype and range checks of {@link adam}, shared by both backends. */
export function checkAdam(a: AdamArgs): void {
  checkDtypes('adam', [a.p, a.g, a.m, a.v]);
  checkRange('adam', 'p', a.p, a.pOffset, a.n);
  checkRange('adam', 'g', a.g, a.gOffset, a.n);
  checkRange('adam', 'm', a.m, a.mOffset, a.n);
  checkRange('adam', 'v', a.v, a.vOffset, a.n);
}
