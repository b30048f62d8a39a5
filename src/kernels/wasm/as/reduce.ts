// AssemblyScript: sum, max and min reductions that follow the js reference's plan exactly.
//
// The JS side (src/kernels/wasm/reduce.ts) computes NumPy's iteration order and summation blocks
// with the js reference's own functions (reduceLayout, sumBlocks in src/kernels/js/reduce.ts) and
// writes them here: dims innermost first with input strides SI and accumulator strides SO.
//   mode 1 (sums whose innermost dim is reduced): each block of the first `callDims` dims is cut
//     into runs of at most `chunk` elements; each run is one pairwise sum (NumPy's algorithm: 8
//     partial sums over blocks of ≤ 128, longer runs split in two at a multiple of 8) added to
//     its result. The 8 partial sums are exactly two float32 or four float64 SIMD lanes, so the
//     vector code adds the same numbers in the same order: sums equal the js ones bit for bit.
//   mode 0 (everything else): nested loops; the innermost run either folds into one result
//     (max/min) or updates a row of results elementwise (SIMD when both step by 1).
// Max/min keep the js rule `if (v > r || v !== v) r = v` (the first of equal values, the last
// NaN); a SIMD run whose result is ±0 or NaN is redone in order so the sign of a zero matches too.
// Threads split one kept dimension (`taskDim`), so each result element is still accumulated by
// one thread in iteration order.
import { argI, argP, nextTask } from './common';

const SUM = 0;
const MAX = 1;

// Argument record slots.
const KIND = 1; // 0 sum, 1 max, 2 min
const ND = 2;
const MODE = 3;
const CALL_DIMS = 4;
const BLOCK = 5;
const CHUNK = 6;
const SRC = 7;
const ACC = 8;
const TASK_DIM = 9; // −1: one task
const PER_TASK = 10;
const DIMS_PTR = 11; // int32 triples per dim: length, input stride, accumulator stride (elements)
const SCRATCH_PTR = 12; // per thread: odometer (64 int32), block odometer (64 int32), gather buffer
const SCRATCH_BYTES = 13;

export class Red {
  /** NumPy's pairwise sum of n elements from p, `st` bytes apart, in T arithmetic. */
  static pairwise<T>(p: usize, n: i32, st: usize): T {
    if (n < 8) {
      let res = <T>-0.0;
      for (let i = 0; i < n; i++) res += load<T>(p + <usize>i * st);
      return res;
    }
    if (n <= 128) {
      const end = n - (n % 8);
      let res: T;
      let i = 8;
      if (st == sizeof<T>()) {
        if (sizeof<T>() == 4) {
          let v0 = v128.load(p);
          let v1 = v128.load(p, 16);
          for (; i < end; i += 8) {
            const q = p + <usize>i * 4;
            v0 = f32x4.add(v0, v128.load(q));
            v1 = f32x4.add(v1, v128.load(q, 16));
          }
          res = <T>(
            (f32x4.extract_lane(v0, 0) +
              f32x4.extract_lane(v0, 1) +
              (f32x4.extract_lane(v0, 2) + f32x4.extract_lane(v0, 3)) +
              (f32x4.extract_lane(v1, 0) +
                f32x4.extract_lane(v1, 1) +
                (f32x4.extract_lane(v1, 2) + f32x4.extract_lane(v1, 3))))
          );
        } else {
          let v0 = v128.load(p);
          let v1 = v128.load(p, 16);
          let v2 = v128.load(p, 32);
          let v3 = v128.load(p, 48);
          for (; i < end; i += 8) {
            const q = p + <usize>i * 8;
            v0 = f64x2.add(v0, v128.load(q));
            v1 = f64x2.add(v1, v128.load(q, 16));
            v2 = f64x2.add(v2, v128.load(q, 32));
            v3 = f64x2.add(v3, v128.load(q, 48));
          }
          res = <T>(
            (f64x2.extract_lane(v0, 0) +
              f64x2.extract_lane(v0, 1) +
              (f64x2.extract_lane(v1, 0) + f64x2.extract_lane(v1, 1)) +
              (f64x2.extract_lane(v2, 0) +
                f64x2.extract_lane(v2, 1) +
                (f64x2.extract_lane(v3, 0) + f64x2.extract_lane(v3, 1))))
          );
        }
      } else {
        let r0 = load<T>(p);
        let r1 = load<T>(p + st);
        let r2 = load<T>(p + 2 * st);
        let r3 = load<T>(p + 3 * st);
        let r4 = load<T>(p + 4 * st);
        let r5 = load<T>(p + 5 * st);
        let r6 = load<T>(p + 6 * st);
        let r7 = load<T>(p + 7 * st);
        for (; i < end; i += 8) {
          const q = p + <usize>i * st;
          r0 += load<T>(q);
          r1 += load<T>(q + st);
          r2 += load<T>(q + 2 * st);
          r3 += load<T>(q + 3 * st);
          r4 += load<T>(q + 4 * st);
          r5 += load<T>(q + 5 * st);
          r6 += load<T>(q + 6 * st);
          r7 += load<T>(q + 7 * st);
        }
        res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
      }
      for (; i < n; i++) res += load<T>(p + <usize>i * st);
      return res;
    }
    let n2 = n >> 1;
    n2 -= n2 % 8;
    return Red.pairwise<T>(p, n2, st) + Red.pairwise<T>(p + <usize>n2 * st, n - n2, st);
  }

  /** r ∘ x[0] ∘ x[1] … in order, ∘ = max or min with the js rule. */
  static foldOrdered<T>(isMax: bool, r: T, p: usize, n: i32, st: usize): T {
    if (isMax) {
      for (let i = 0; i < n; i++) {
        const v = load<T>(p + <usize>i * st);
        if (v > r || v != v) r = v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = load<T>(p + <usize>i * st);
        if (v < r || v != v) r = v;
      }
    }
    return r;
  }

  /** One lane-wise step of the js rule: v where v > m (v < m for min) or v is NaN, else m. */
  @inline static pick<T>(isMax: bool, m: v128, v: v128): v128 {
    const better = isMax ? v128.gt<T>(v, m) : v128.lt<T>(v, m);
    return v128.bitselect(v, m, v128.or(better, v128.ne<T>(v, v)));
  }

  /**
   * Max or min of r and a contiguous run with four independent vector chains (the compare-select
   * chain is latency-bound otherwise). Exact: a result that is neither ±0 nor NaN is the unique
   * extreme value whatever the order; those two cases are redone in order.
   */
  static foldRun<T>(isMax: bool, r: T, p: usize, n: i32): T {
    const S = sizeof<T>();
    const L = 16 / <i32>S;
    if (n < 8 * L) return Red.foldOrdered<T>(isMax, r, p, n, S);
    let m0 = v128.splat<T>(r);
    let m1 = m0;
    let m2 = m0;
    let m3 = m0;
    const full = n - (n % (4 * L));
    let i = 0;
    for (; i < full; i += 4 * L) {
      const q = p + <usize>i * S;
      m0 = Red.pick<T>(isMax, m0, v128.load(q));
      m1 = Red.pick<T>(isMax, m1, v128.load(q, 16));
      m2 = Red.pick<T>(isMax, m2, v128.load(q, 32));
      m3 = Red.pick<T>(isMax, m3, v128.load(q, 48));
    }
    const m = Red.pick<T>(isMax, Red.pick<T>(isMax, m0, m1), Red.pick<T>(isMax, m2, m3));
    let res = v128.extract_lane<T>(m, 0);
    for (let j = 1; j < L; j++) {
      const v = Red.lane<T>(m, j);
      if (isMax ? v > res || v != v : v < res || v != v) res = v;
    }
    res = Red.foldOrdered<T>(isMax, res, p + <usize>i * S, n - i, S);
    if (res == 0 || res != res) return Red.foldOrdered<T>(isMax, r, p, n, S);
    return res;
  }

  /** Lane j of a vector of T (j < 16 / sizeof<T>()). */
  static lane<T>(v: v128, j: i32): T {
    if (sizeof<T>() == 8) return <T>(j == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1));
    switch (j) {
      case 0:
        return <T>f32x4.extract_lane(v, 0);
      case 1:
        return <T>f32x4.extract_lane(v, 1);
      case 2:
        return <T>f32x4.extract_lane(v, 2);
      default:
        return <T>f32x4.extract_lane(v, 3);
    }
  }

  /** acc[i·so] = acc[i·so] ∘ x[i·si] for i < n (elementwise accumulation; strides in bytes). */
  static accumulate<T>(kind: i32, n: i32, x: usize, si: usize, acc: usize, so: usize): void {
    const S = sizeof<T>();
    const L = 16 / <i32>S;
    let i = 0;
    if (si == S && so == S) {
      const full = n - (n % L);
      if (kind == SUM) {
        for (; i < full; i += L) {
          const q = <usize>i * S;
          v128.store(acc + q, v128.add<T>(v128.load(acc + q), v128.load(x + q)));
        }
      } else if (kind == MAX) {
        for (; i < full; i += L) {
          const q = <usize>i * S;
          const v = v128.load(x + q);
          const m = v128.load(acc + q);
          v128.store(acc + q, v128.bitselect(v, m, v128.or(v128.gt<T>(v, m), v128.ne<T>(v, v))));
        }
      } else {
        for (; i < full; i += L) {
          const q = <usize>i * S;
          const v = v128.load(x + q);
          const m = v128.load(acc + q);
          v128.store(acc + q, v128.bitselect(v, m, v128.or(v128.lt<T>(v, m), v128.ne<T>(v, v))));
        }
      }
    }
    for (; i < n; i++) {
      const v = load<T>(x + <usize>i * si);
      const at = acc + <usize>i * so;
      const a = load<T>(at);
      if (kind == SUM) store<T>(at, a + v);
      else if (kind == MAX) {
        if (v > a || v != v) store<T>(at, v);
      } else if (v < a || v != v) store<T>(at, v);
    }
  }
}

/** The task loop: see the file comment. */
function reduce<T>(args: usize, tid: i32): void {
  const S = <i32>sizeof<T>();
  const kind = argI(args, KIND);
  const nd = argI(args, ND);
  const mode = argI(args, MODE);
  const callDims = mode == 1 ? argI(args, CALL_DIMS) : 1;
  const block = argI(args, BLOCK);
  const chunk = argI(args, CHUNK);
  const src = argP(args, SRC);
  const acc = argP(args, ACC);
  const taskDim = argI(args, TASK_DIM);
  const per = argI(args, PER_TASK);
  const dims = argP(args, DIMS_PTR);
  const scratch = argP(args, SCRATCH_PTR) + <usize>tid * argP(args, SCRATCH_BYTES);
  const idx = scratch;
  const bidx = scratch + 256;
  const buf = scratch + 512;
  const n0 = load<i32>(dims);
  const si0 = load<i32>(dims, 4) * S;
  const so0 = load<i32>(dims, 8) * S;
  const tLen = taskDim < 0 ? 1 : load<i32>(dims + <usize>taskDim * 12);
  const tasks = taskDim < 0 ? 1 : (tLen + per - 1) / per;
  const gatherLen = min(chunk, block);
  for (let t = nextTask(args); t < tasks; t = nextTask(args)) {
    const lo = taskDim < 0 ? 0 : t * per;
    const hi = taskDim < 0 ? 1 : min(tLen, lo + per);
    // the odometer over dims callDims … nd−1, dim taskDim restricted to [lo, hi)
    let s = src;
    let o = acc;
    for (let d = callDims; d < nd; d++) store<i32>(idx + <usize>d * 4, 0);
    if (taskDim >= callDims) {
      const q = dims + <usize>taskDim * 12;
      store<i32>(idx + <usize>taskDim * 4, lo);
      s += <usize>(lo * load<i32>(q, 4) * S);
      o += <usize>(lo * load<i32>(q, 8) * S);
    }
    // mode 0 with taskDim 0: the innermost run is cut instead
    let i0 = 0;
    let i1 = n0;
    if (taskDim == 0) {
      i0 = lo;
      i1 = hi;
    }
    while (true) {
      if (mode == 1) {
        if (callDims == 1) {
          for (let c = 0; c < block; c += chunk) {
            const p = Red.pairwise<T>(s + <usize>(c * si0), min(chunk, block - c), <usize>si0);
            store<T>(o, load<T>(o) + p);
          }
        } else {
          // gather the block in iteration order, one buffer at a time
          for (let d = 0; d < callDims; d++) store<i32>(bidx + <usize>d * 4, 0);
          let x = s;
          let filled = 0;
          for (let e = 0; e < block; e++) {
            store<T>(buf + <usize>filled * sizeof<T>(), load<T>(x));
            filled++;
            if (filled == gatherLen || e == block - 1) {
              store<T>(o, load<T>(o) + Red.pairwise<T>(buf, filled, sizeof<T>()));
              filled = 0;
            }
            for (let d = 0; d < callDims; d++) {
              const q = dims + <usize>d * 12;
              const at = bidx + <usize>d * 4;
              const id = load<i32>(at) + 1;
              if (id < load<i32>(q)) {
                store<i32>(at, id);
                x += <usize>(load<i32>(q, 4) * S);
                break;
              }
              store<i32>(at, 0);
              x -= <usize>((id - 1) * load<i32>(q, 4) * S);
            }
          }
        }
      } else if (so0 == 0) {
        const isMax = kind == MAX;
        const xs = s + <usize>(i0 * si0);
        const r = load<T>(o);
        const n = i1 - i0;
        store<T>(
          o,
          si0 == S ? Red.foldRun<T>(isMax, r, xs, n) : Red.foldOrdered<T>(isMax, r, xs, n, <usize>si0),
        );
      } else {
        Red.accumulate<T>(
          kind,
          i1 - i0,
          s + <usize>(i0 * si0),
          <usize>si0,
          o + <usize>(i0 * so0),
          <usize>so0,
        );
      }
      // advance the dims outside the block
      let d = callDims;
      for (; d < nd; d++) {
        const q = dims + <usize>d * 12;
        const at = idx + <usize>d * 4;
        const first = d == taskDim ? lo : 0;
        const end = d == taskDim ? hi : load<i32>(q);
        const id = load<i32>(at) + 1;
        if (id < end) {
          store<i32>(at, id);
          s += <usize>(load<i32>(q, 4) * S);
          o += <usize>(load<i32>(q, 8) * S);
          break;
        }
        store<i32>(at, first);
        s -= <usize>((id - 1 - first) * load<i32>(q, 4) * S);
        o -= <usize>((id - 1 - first) * load<i32>(q, 8) * S);
      }
      if (d >= nd) break;
    }
  }
}

/** Sum / max / min of float32 values in float32 arithmetic. */
export function reduceF32(args: usize, tid: i32, _nt: i32): void {
  reduce<f32>(args, tid);
}
/** Sum / max / min of float64 values. */
export function reduceF64(args: usize, tid: i32, _nt: i32): void {
  reduce<f64>(args, tid);
}
