// AssemblyScript: elementwise binary and unary ops (and strided copy, the unary op COPY) over
// broadcast, strided operands, with 128-bit SIMD.
//
//   binary: o[i] = a[i] ∘ b[i]      unary: o[i] = f(a[i])      for every index i of a shape
//
// The JS side (src/kernels/wasm/elementwise.ts) merges dimensions first (C order, innermost
// last), so the loops see `rows` rows of `n` elements. A row runs one of these loops:
//   contiguous    every operand steps by 1              (row broadcast also lands here)
//   scalar a / b  one operand has stride 0 in the row   (scalar and column broadcast)
//   gathered      anything else: L elements are gathered into a vector, computed, scattered
// Tasks are groups of rows × chunks of a row. When an operand is strided in the row (a
// transpose), a task walks its rows in column blocks of TILE, so the strided operand's cache
// lines are reused by the next rows instead of being evicted.
//
// Results equal the js loops bit for bit: + − × ÷ and sqrt are IEEE operations in both, float32
// values are computed in float32 (float64 arithmetic rounded once to float32 gives the same for
// these), max/min reproduce `x !== x || y !== y ? NaN : x > y ? x : y`, and exp/log/tanh/sigmoid
// are fdlibm's (vmath.ts) evaluated in float64 and rounded once.
import { argI, argP, nextTask } from './common';
import { VMath } from './vmath';

// Binary ops (src/kernels/wasm/elementwise.ts BINARY_OPS).
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const MAX = 4;
const MIN = 5;
// Unary ops (UNARY_OPS there).
const COPY = 0;
const NEG = 1;
const ABS = 2;
const SQRT = 3;
const EXP = 4;
const LOG = 5;
const TANH = 6;
const SIGMOID = 7;

// Argument record slots.
const OP = 1;
const ND = 2;
const A_PTR = 3;
const B_PTR = 4;
const O_PTR = 5;
const DIMS_PTR = 6; // int32 quadruples per dim: length, a stride, b stride, out stride (elements)
const ROWS = 7;
const ROWS_PER_TASK = 8;
const INNER_PER_TASK = 9;
const INNER_CHUNKS = 10;
const TILED = 11;
const SCRATCH_PTR = 12; // per thread: row odometer (64 int32) + three 16-byte vectors
const SCRATCH_BYTES = 13;

/** Columns per block when a task walks its rows in tiles. */
const TILE = 64;

export class Ew {
  /** One binary op on a vector of lanes of T. */
  @inline static bin<T>(op: i32, a: v128, b: v128): v128 {
    switch (op) {
      case ADD:
        return v128.add<T>(a, b);
      case SUB:
        return v128.sub<T>(a, b);
      case MUL:
        return v128.mul<T>(a, b);
      case DIV:
        return v128.div<T>(a, b);
      case MAX: // pmax(b, a) is b < a ? a : b; a NaN a is kept, a NaN b wins the compare
        return v128.bitselect(a, v128.pmax<T>(b, a), v128.ne<T>(a, a));
      default:
        return v128.bitselect(a, v128.pmin<T>(b, a), v128.ne<T>(a, a));
    }
  }

  /** One unary op on two float64 lanes. */
  @inline static un64(op: i32, x: v128): v128 {
    switch (op) {
      case COPY:
        return x;
      case NEG:
        return f64x2.sub(f64x2.splat(0.0), x);
      case ABS:
        return f64x2.abs(x);
      case SQRT:
        return f64x2.sqrt(x);
      case EXP:
        return VMath.exp(x);
      case LOG:
        return VMath.log(x);
      case TANH:
        return VMath.tanh(x);
      default:
        return VMath.sigmoid(x);
    }
  }

  /** One unary op on a vector of lanes of T (float32 transcendentals go through float64). */
  @inline static un<T>(op: i32, x: v128): v128 {
    if (sizeof<T>() == 8) return Ew.un64(op, x);
    switch (op) {
      case COPY:
        return x;
      case NEG:
        return f32x4.sub(f32x4.splat(0.0), x);
      case ABS:
        return f32x4.abs(x);
      case SQRT:
        return f32x4.sqrt(x);
      default: {
        const lo = Ew.un64(op, f64x2.promote_low_f32x4(x));
        const hi = Ew.un64(op, f64x2.promote_low_f32x4(v128.shuffle<i64>(x, x, 1, 1)));
        return v128.shuffle<i64>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
      }
    }
  }

  /** Copies `n` elements (≤ one vector) from `src` with a stride into the vector buffer `dst`. */
  @inline static gather<T>(n: i32, src: usize, stride: usize, dst: usize): void {
    for (let j = 0; j < n; j++) {
      store<T>(dst + <usize>j * sizeof<T>(), load<T>(src));
      src += stride;
    }
  }

  /** Copies `n` elements from the vector buffer `src` out with a stride. */
  @inline static scatter<T>(n: i32, src: usize, dst: usize, stride: usize): void {
    for (let j = 0; j < n; j++) {
      store<T>(dst, load<T>(src + <usize>j * sizeof<T>()));
      dst += stride;
    }
  }

  /** o = a ∘ b over n elements with any strides (byte steps), a vector at a time via `tmp`. */
  @inline static binGathered<T>(
    op: i32,
    n: i32,
    a: usize,
    as: usize,
    b: usize,
    bs: usize,
    o: usize,
    os: usize,
    tmp: usize,
  ): void {
    const L = <i32>(16 / sizeof<T>());
    for (let i = 0; i < n; i += L) {
      const c = min(L, n - i);
      Ew.gather<T>(c, a, as, tmp);
      Ew.gather<T>(c, b, bs, tmp + 16);
      v128.store(tmp + 32, Ew.bin<T>(op, v128.load(tmp), v128.load(tmp + 16)));
      Ew.scatter<T>(c, tmp + 32, o, os);
      a += as * <usize>c;
      b += bs * <usize>c;
      o += os * <usize>c;
    }
  }

  /** One row of a binary op: picks the loop for the strides (in elements). */
  @inline static binRow<T>(
    op: i32,
    n: i32,
    a: usize,
    sa: i32,
    b: usize,
    sb: i32,
    o: usize,
    so: i32,
    tmp: usize,
  ): void {
    const S = sizeof<T>();
    const L = 16 / <i32>S;
    const full = n - (n % L);
    let i = 0;
    if (so == 1 && sa == 1 && sb == 1) {
      for (; i < full; i += L) {
        const p = <usize>i * S;
        v128.store(o + p, Ew.bin<T>(op, v128.load(a + p), v128.load(b + p)));
      }
    } else if (so == 1 && sa == 1 && sb == 0) {
      const vb = v128.splat<T>(load<T>(b));
      for (; i < full; i += L) {
        const p = <usize>i * S;
        v128.store(o + p, Ew.bin<T>(op, v128.load(a + p), vb));
      }
    } else if (so == 1 && sa == 0 && sb == 1) {
      const va = v128.splat<T>(load<T>(a));
      for (; i < full; i += L) {
        const p = <usize>i * S;
        v128.store(o + p, Ew.bin<T>(op, va, v128.load(b + p)));
      }
    }
    if (i < n) {
      const as = <usize>(sa * <i32>S);
      const bs = <usize>(sb * <i32>S);
      const os = <usize>(so * <i32>S);
      const at = <usize>i;
      Ew.binGathered<T>(op, n - i, a + at * as, as, b + at * bs, bs, o + at * os, os, tmp);
    }
  }

  /** One row of a unary op. */
  @inline static unRow<T>(op: i32, n: i32, a: usize, sa: i32, o: usize, so: i32, tmp: usize): void {
    const S = sizeof<T>();
    const L = 16 / <i32>S;
    let i = 0;
    if (so == 1 && sa == 1) {
      const full = n - (n % L);
      for (; i < full; i += L) {
        const p = <usize>i * S;
        v128.store(o + p, Ew.un<T>(op, v128.load(a + p)));
      }
    }
    const as = <usize>(sa * <i32>S);
    const os = <usize>(so * <i32>S);
    a += <usize>i * as;
    o += <usize>i * os;
    if (op == COPY) {
      // a strided copy needs no vector: one load and one store per element
      const n4 = n - ((n - i) & 3);
      for (; i < n4; i += 4) {
        const v0 = load<T>(a);
        const v1 = load<T>(a + as);
        const v2 = load<T>(a + 2 * as);
        const v3 = load<T>(a + 3 * as);
        store<T>(o, v0);
        store<T>(o + os, v1);
        store<T>(o + 2 * os, v2);
        store<T>(o + 3 * os, v3);
        a += 4 * as;
        o += 4 * os;
      }
      for (; i < n; i++) {
        store<T>(o, load<T>(a));
        a += as;
        o += os;
      }
      return;
    }
    for (; i < n; i += L) {
      const c = min(L, n - i);
      Ew.gather<T>(c, a, as, tmp);
      v128.store(tmp + 32, Ew.un<T>(op, v128.load(tmp)));
      Ew.scatter<T>(c, tmp + 32, o, os);
      a += as * <usize>c;
      o += os * <usize>c;
    }
  }
}

// The op reaches Ew.binRow / Ew.unRow as a literal constant so that each case compiles into its own
// loop with the op's switch resolved inside it (they are @inline); one call with a variable op
// would leave the switch in the innermost loop.
function binaryRow<T>(
  op: i32,
  n: i32,
  a: usize,
  sa: i32,
  b: usize,
  sb: i32,
  o: usize,
  so: i32,
  tmp: usize,
): void {
  switch (op) {
    case ADD:
      Ew.binRow<T>(ADD, n, a, sa, b, sb, o, so, tmp);
      break;
    case SUB:
      Ew.binRow<T>(SUB, n, a, sa, b, sb, o, so, tmp);
      break;
    case MUL:
      Ew.binRow<T>(MUL, n, a, sa, b, sb, o, so, tmp);
      break;
    case DIV:
      Ew.binRow<T>(DIV, n, a, sa, b, sb, o, so, tmp);
      break;
    case MAX:
      Ew.binRow<T>(MAX, n, a, sa, b, sb, o, so, tmp);
      break;
    default:
      Ew.binRow<T>(MIN, n, a, sa, b, sb, o, so, tmp);
  }
}

function unaryRow<T>(op: i32, n: i32, a: usize, sa: i32, o: usize, so: i32, tmp: usize): void {
  switch (op) {
    case COPY:
      Ew.unRow<T>(COPY, n, a, sa, o, so, tmp);
      break;
    case NEG:
      Ew.unRow<T>(NEG, n, a, sa, o, so, tmp);
      break;
    case ABS:
      Ew.unRow<T>(ABS, n, a, sa, o, so, tmp);
      break;
    case SQRT:
      Ew.unRow<T>(SQRT, n, a, sa, o, so, tmp);
      break;
    case EXP:
      Ew.unRow<T>(EXP, n, a, sa, o, so, tmp);
      break;
    case LOG:
      Ew.unRow<T>(LOG, n, a, sa, o, so, tmp);
      break;
    case TANH:
      Ew.unRow<T>(TANH, n, a, sa, o, so, tmp);
      break;
    default:
      Ew.unRow<T>(SIGMOID, n, a, sa, o, so, tmp);
  }
}

/** The task loop shared by binary and unary kernels (`binary` false: b is unused). */
function elementwise<T>(args: usize, tid: i32, binary: bool): void {
  const S = <i32>sizeof<T>();
  const op = argI(args, OP);
  const nd = argI(args, ND);
  const a0 = argP(args, A_PTR);
  const b0 = argP(args, B_PTR);
  const o0 = argP(args, O_PTR);
  const dims = argP(args, DIMS_PTR);
  const rows = argI(args, ROWS);
  const rpt = argI(args, ROWS_PER_TASK);
  const ipt = argI(args, INNER_PER_TASK);
  const chunks = argI(args, INNER_CHUNKS);
  const tiled = argI(args, TILED) != 0;
  const idx = argP(args, SCRATCH_PTR) + <usize>tid * argP(args, SCRATCH_BYTES);
  const tmp = idx + 256;
  const inner = dims + <usize>(nd - 1) * 16;
  const n = load<i32>(inner);
  const sa = load<i32>(inner, 4);
  const sb = load<i32>(inner, 8);
  const so = load<i32>(inner, 12);
  const tasks = ((rows + rpt - 1) / rpt) * chunks;
  for (let t = nextTask(args); t < tasks; t = nextTask(args)) {
    const r0 = (t / chunks) * rpt;
    const r1 = min(rows, r0 + rpt);
    const i0 = (t % chunks) * ipt;
    const i1 = min(n, i0 + ipt);
    const step = tiled ? TILE : i1 - i0;
    for (let cb = i0; cb < i1; cb += step) {
      const cn = min(i1, cb + step) - cb;
      // the odometer of the outer dims at row r0
      let pa = a0 + <usize>(cb * sa * S);
      let pb = b0 + <usize>(cb * sb * S);
      let po = o0 + <usize>(cb * so * S);
      let r = r0;
      for (let d = nd - 2; d >= 0; d--) {
        const q = dims + <usize>d * 16;
        const len = load<i32>(q);
        const id = r % len;
        r /= len;
        store<i32>(idx + <usize>d * 4, id);
        pa += <usize>(id * load<i32>(q, 4) * S);
        pb += <usize>(id * load<i32>(q, 8) * S);
        po += <usize>(id * load<i32>(q, 12) * S);
      }
      for (let row = r0; row < r1; row++) {
        if (binary) binaryRow<T>(op, cn, pa, sa, pb, sb, po, so, tmp);
        else unaryRow<T>(op, cn, pa, sa, po, so, tmp);
        for (let d = nd - 2; d >= 0; d--) {
          const q = dims + <usize>d * 16;
          const at = idx + <usize>d * 4;
          const id = load<i32>(at) + 1;
          const len = load<i32>(q);
          if (id < len) {
            store<i32>(at, id);
            pa += <usize>(load<i32>(q, 4) * S);
            pb += <usize>(load<i32>(q, 8) * S);
            po += <usize>(load<i32>(q, 12) * S);
            break;
          }
          store<i32>(at, 0);
          pa -= <usize>((len - 1) * load<i32>(q, 4) * S);
          pb -= <usize>((len - 1) * load<i32>(q, 8) * S);
          po -= <usize>((len - 1) * load<i32>(q, 12) * S);
        }
      }
    }
  }
}

/** Binary op on float32 operands. */
export function binaryF32(args: usize, tid: i32, _nt: i32): void {
  elementwise<f32>(args, tid, true);
}
/** Binary op on float64 operands. */
export function binaryF64(args: usize, tid: i32, _nt: i32): void {
  elementwise<f64>(args, tid, true);
}
/** Unary op (or copy) on float32 operands. */
export function unaryF32(args: usize, tid: i32, _nt: i32): void {
  elementwise<f32>(args, tid, false);
}
/** Unary op (or copy) on float64 operands. */
export function unaryF64(args: usize, tid: i32, _nt: i32): void {
  elementwise<f64>(args, tid, false);
}
