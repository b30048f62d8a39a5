// AssemblyScript: softmax and log-softmax along the last axis, a block of rows per task.
//
//   softmax:     y[r, j] = exp(x[r, j] − m_r) / Σ_k exp(x[r, k] − m_r),   m_r = max_k x[r, k]
//   log-softmax: y[r, j] = x[r, j] − m_r − log Σ_k exp(x[r, k] − m_r)
// Exponentials and sums run in float64 for both dtypes, as in the js reference.
import { argI, argP, nextTask } from './common';

// Argument record slots (src/kernels/wasm/softmax.ts writes them).
const ROWS = 1;
const COLS = 2;
const X_PTR = 3;
const Y_PTR = 4;
const LOG = 5;
const ROWS_PER_TASK = 6;

function softmax<T>(args: usize): void {
  const S = sizeof<T>();
  const rows = argI(args, ROWS);
  const cols = argI(args, COLS);
  const log = argI(args, LOG) != 0;
  const per = argI(args, ROWS_PER_TASK);
  const tasks = (rows + per - 1) / per;
  for (let t = nextTask(args); t < tasks; t = nextTask(args)) {
    for (let r = t * per; r < min(rows, (t + 1) * per); r++) {
      const x = argP(args, X_PTR) + <usize>r * <usize>cols * S;
      const y = argP(args, Y_PTR) + <usize>r * <usize>cols * S;
      let m = -Infinity;
      for (let j = 0; j < cols; j++) m = max(m, <f64>load<T>(x + <usize>j * S));
      let sum = 0.0;
      for (let j = 0; j < cols; j++) sum += Math.exp(<f64>load<T>(x + <usize>j * S) - m);
      if (log) {
        const shift = m + Math.log(sum);
        for (let j = 0; j < cols; j++)
          store<T>(y + <usize>j * S, <T>(<f64>load<T>(x + <usize>j * S) - shift));
      } else {
        const inv = 1.0 / sum;
        for (let j = 0; j < cols; j++) {
          store<T>(y + <usize>j * S, <T>(Math.exp(<f64>load<T>(x + <usize>j * S) - m) * inv));
        }
      }
    }
  }
}

/** Softmax or log-softmax of float32 rows. */
export function softmaxF32(args: usize, _tid: i32, _nt: i32): void {
  softmax<f32>(args);
}
/** Softmax or log-softmax of float64 rows. */
export function softmaxF64(args: usize, _tid: i32, _nt: i32): void {
  softmax<f64>(args);
}
