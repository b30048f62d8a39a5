/**
 * Softmax and log-softmax along the last axis, the js reference:
 *
 *   softmax:     y[r, j] = exp(x[r, j] − m_r) / Σ_k exp(x[r, k] − m_r),   m_r = max_k x[r, k]
 *   log-softmax: y[r, j] = x[r, j] − m_r − log Σ_k exp(x[r, k] − m_r)
 *
 * Subtracting the row maximum keeps exp from overflowing; sums run in float64. y may alias x.
 */
import { checkDtypes, checkRange, span } from '../check.js';
import type { SoftmaxArgs } from '../types.js';

function check(op: string, p: SoftmaxArgs): void {
  checkDtypes(op, [p.x, p.y]);
  checkRange(op, 'x', p.x, p.xOffset, span([p.rows, p.cols], [p.xRowStride, 1]));
  checkRange(op, 'y', p.y, p.yOffset, span([p.rows, p.cols], [p.yRowStride, 1]));
}

/** Softmax of each row; see {@link SoftmaxArgs}. */
export function softmax(p: SoftmaxArgs): void {
  check('softmax', p);
  const { x, y, cols } = p;
  for (let r = 0; r < p.rows; r++) {
    const xi = p.xOffset + r * p.xRowStride;
    const yi = p.yOffset + r * p.yRowStride;
    let m = -Infinity;
    for (let j = 0; j < cols; j++) m = Math.max(m, x[xi + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(x[xi + j]! - m);
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) y[yi + j] = Math.exp(x[xi + j]! - m) * inv;
  }
}

/** Log-softmax of each row; see {@link SoftmaxArgs}. */
export function logSoftmax(p: SoftmaxArgs): void {
  check('logSoftmax', p);
  const { x, y, cols } = p;
  for (let r = 0; r < p.rows; r++) {
    const xi = p.xOffset + r * p.xRowStride;
    const yi = p.yOffset + r * p.yRowStride;
    let m = -Infinity;
    for (let j = 0; j < cols; j++) m = Math.max(m, x[xi + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(x[xi + j]! - m);
    const shift = m + Math.log(sum);
    for (let j = 0; j < cols; j++) y[yi + j] = x[xi + j]! - shift;
  }
}
