/**
 * dtypes: names, storage and NumPy's promotion rules.
 *
 * Storage: every dtype is a JS typed array. `int64` is stored in a `Float64Array` holding whole
 * numbers, so it is exact for |x| ≤ 2^53 − 1 = 9007199254740991 (`Number.MAX_SAFE_INTEGER`);
 * beyond that, values round to the nearest double and do not wrap at 2^63 as NumPy's do.
 * `bool` is a `Uint8Array` of 0 and 1. The other integer dtypes wrap around exactly like NumPy's
 * (`uint8` 255 + 1 → 0, `int8` 127 + 1 → −128) because typed arrays store modulo 2^bits.
 */
import { DTypeError } from './errors.js';

export type DType = 'bool' | 'uint8' | 'int8' | 'uint32' | 'int32' | 'int64' | 'float32' | 'float64';

export type TypedArray = Float32Array | Float64Array | Int8Array | Int32Array | Uint8Array | Uint32Array;

export const DTYPES: readonly DType[] = [
  'bool',
  'uint8',
  'int8',
  'uint32',
  'int32',
  'int64',
  'float32',
  'float64',
];

interface DTypeInfo {
  kind: 'b' | 'u' | 'i' | 'f';
  /** Bytes per element as NumPy counts them (int64 is 8 bytes in files). */
  itemsize: number;
  ctor:
    | Float32ArrayConstructor
    | Float64ArrayConstructor
    | Int8ArrayConstructor
    | Int32ArrayConstructor
    | Uint8ArrayConstructor
    | Uint32ArrayConstructor;
  min: number;
  max: number;
}

export const DTYPE_INFO: Record<DType, DTypeInfo> = {
  bool: { kind: 'b', itemsize: 1, ctor: Uint8Array, min: 0, max: 1 },
  uint8: { kind: 'u', itemsize: 1, ctor: Uint8Array, min: 0, max: 255 },
  int8: { kind: 'i', itemsize: 1, ctor: Int8Array, min: -128, max: 127 },
  uint32: { kind: 'u', itemsize: 4, ctor: Uint32Array, min: 0, max: 4294967295 },
  int32: { kind: 'i', itemsize: 4, ctor: Int32Array, min: -2147483648, max: 2147483647 },
  int64: {
    kind: 'i',
    itemsize: 8,
    ctor: Float64Array,
    min: -Number.MAX_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
  },
  float32: {
    kind: 'f',
    itemsize: 4,
    ctor: Float32Array,
    min: -3.4028234663852886e38,
    max: 3.4028234663852886e38,
  },
  float64: { kind: 'f', itemsize: 8, ctor: Float64Array, min: -Number.MAX_VALUE, max: Number.MAX_VALUE },
};

/** Accepts NumPy's spellings too: 'f4', 'float', 'int', 'i8', 'u1', '?' … */
const ALIASES: Record<string, DType> = {
  bool: 'bool',
  bool_: 'bool',
  '?': 'bool',
  b1: 'bool',
  uint8: 'uint8',
  u1: 'uint8',
  B: 'uint8',
  int8: 'int8',
  i1: 'int8',
  b: 'int8',
  uint32: 'uint32',
  u4: 'uint32',
  I: 'uint32',
  int32: 'int32',
  i4: 'int32',
  i: 'int32',
  int64: 'int64',
  i8: 'int64',
  int: 'int64',
  l: 'int64',
  q: 'int64',
  float32: 'float32',
  f4: 'float32',
  f: 'float32',
  single: 'float32',
  float64: 'float64',
  f8: 'float64',
  d: 'float64',
  float: 'float64',
  double: 'float64',
};

/** Normalises a dtype spelling to its canonical name, or throws a DTypeError listing the choices. */
export function toDType(name: string): DType {
  const d = ALIASES[name];
  if (d === undefined) {
    throw new DTypeError(`data type '${name}' not understood; expected one of ${DTYPES.join(', ')}`);
  }
  return d;
}

export function isFloat(d: DType): boolean {
  return DTYPE_INFO[d].kind === 'f';
}
export function isInteger(d: DType): boolean {
  const k = DTYPE_INFO[d].kind;
  return k === 'i' || k === 'u';
}

/** Allocates zeroed storage for `n` elements of dtype `d`. */
export function allocate(d: DType, n: number): TypedArray {
  const ctor = DTYPE_INFO[d].ctor;
  if (n * ctor.BYTES_PER_ELEMENT >= POOL_MIN_BYTES) {
    const reused = pool.get(ctor)?.get(n)?.pop();
    if (reused) {
      pooledBytes -= reused.byteLength;
      return reused.fill(0);
    }
  }
  return new ctor(n);
}

// NOTE: the pool. Fresh memory is expensive here (the first touch of a new page costs ≈ 14 µs,
// so a new 32 KiB array costs more to fault in than to compute), while a recycled array costs a
// memset. `recycle` takes arrays that their owner knows nobody can reach any more — today the
// autograd engine's intermediate gradients once their op's backward has consumed them — and
// `allocate` hands them out again, zero-filled, for the next array of the same type and length.
const POOL_MIN_BYTES = 4096;
const POOL_MAX_BYTES = 64 * 2 ** 20;
const pool = new Map<DTypeInfo['ctor'], Map<number, TypedArray[]>>();
let pooledBytes = 0;

/**
 * Returns `a` to the allocation pool. Only for arrays that nothing references any more: the
 * caller must own the array's whole buffer exclusively (no views, no other NDArray). Small arrays,
 * arrays that share a buffer and anything past the pool's cap (64 MiB) are left to the GC.
 */
export function recycle(a: TypedArray): void {
  const bytes = a.byteLength;
  if (bytes < POOL_MIN_BYTES || a.buffer.byteLength !== bytes || pooledBytes + bytes > POOL_MAX_BYTES) return;
  if (typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer) return;
  const ctor = a.constructor as DTypeInfo['ctor'];
  let byLength = pool.get(ctor);
  if (!byLength) pool.set(ctor, (byLength = new Map()));
  let list = byLength.get(a.length);
  if (!list) byLength.set(a.length, (list = []));
  list.push(a);
  pooledBytes += bytes;
}

/** Bytes held by the allocation pool (see {@link recycle}). */
export function pooledByteCount(): number {
  return pooledBytes;
}

/** The dtype a typed array stores by default (Float64Array → float64, Uint8Array → uint8). */
export function dtypeOfTypedArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'uint8';
  return 'uint32';
}

// Promotion lattice. NumPy has int16/uint16/float16 which we do not: where NumPy would pick one
// of them we take the next larger type we have (int8 + uint8 → int32 instead of int16).
const ORDER: DType[] = ['bool', 'uint8', 'int8', 'uint32', 'int32', 'int64', 'float32', 'float64'];

function signedFor(bits: number): DType {
  return bits <= 8 ? 'int8' : bits <= 32 ? 'int32' : 'int64';
}

/** NumPy's `result_type` for two array dtypes (`np.promote_types`). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  const ia = DTYPE_INFO[a];
  const ib = DTYPE_INFO[b];
  if (ia.kind === 'b') return b;
  if (ib.kind === 'b') return a;
  if (ia.kind === 'f' || ib.kind === 'f') {
    if (ia.kind === 'f' && ib.kind === 'f') return ia.itemsize >= ib.itemsize ? a : b;
    const [f, other] = ia.kind === 'f' ? [a, b] : [b, a];
    if (f === 'float64') return 'float64';
    // float32 holds int8/uint8 (and NumPy's 16-bit ints) exactly; wider ints need float64.
    return DTYPE_INFO[other].itemsize <= 2 ? 'float32' : 'float64';
  }
  if (ia.kind === ib.kind) return ia.itemsize >= ib.itemsize ? a : b;
  const [u, s] = ia.kind === 'u' ? [ia, ib] : [ib, ia];
  if (s.itemsize > u.itemsize) return ia.kind === 'i' ? a : b;
  return signedFor(u.itemsize * 8 * 2);
}

/** Result dtype of several dtypes. */
export function resultType(...dtypes: DType[]): DType {
  if (dtypes.length === 0) throw new DTypeError('resultType: at least one dtype is required');
  return dtypes.reduce(promoteTypes);
}

/**
 * NEP 50 promotion of an array dtype with a JS number ("weak" Python scalar): an integer-valued
 * number keeps the array's dtype (bool becomes int64); a fractional, infinite or NaN number keeps
 * a float array's dtype and turns an integer or bool array into float64.
 */
export function promoteWithScalar(d: DType, v: number | boolean): DType {
  if (typeof v === 'boolean') return d;
  const kind = DTYPE_INFO[d].kind;
  if (Number.isInteger(v)) return kind === 'b' ? 'int64' : d;
  return kind === 'f' ? d : 'float64';
}

/** The dtype NumPy gives a JS value on its own: boolean → bool, integer → int64, else float64. */
export function dtypeOfScalar(v: number | boolean | bigint): DType {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int64';
  return Number.isInteger(v) ? 'int64' : 'float64';
}

/** NumPy's casting='same_kind' check, used for `out=` arguments. */
export function canCastSameKind(from: DType, to: DType): boolean {
  const rank = { b: 0, u: 1, i: 1, f: 2 };
  return rank[DTYPE_INFO[from].kind] <= rank[DTYPE_INFO[to].kind];
}

/** NumPy's casting='safe' check: every value of `from` is representable in `to`. */
export function canCastSafe(from: DType, to: DType): boolean {
  return promoteTypes(from, to) === to;
}

/** Index of a dtype in the promotion order (for sorting/debugging). */
export function dtypeRank(d: DType): number {
  return ORDER.indexOf(d);
}

/**
 * Converts one JS number to what dtype `d` stores. Typed arrays already truncate and wrap for the
 * integer types; bool and int64 (stored as doubles) need the explicit rule.
 */
export function castScalar(d: DType, v: number): number {
  if (d === 'bool') return v !== 0 ? 1 : 0; // NaN → true, as bool(nan) in NumPy
  if (d === 'int64') return Number.isFinite(v) ? Math.trunc(v) : 0;
  return v;
}
