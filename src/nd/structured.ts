/**
 * Structured arrays: arrays of records with named fields, like NumPy's
 * `np.array([(1, 2.0), (3, 4.0)], dtype=[('a', 'i4'), ('b', 'f8')])` and `x['a']`.
 *
 * ```ts
 * const x = nd.structuredArray([[1, 2.0], [3, 4.0]], [['a', 'i4'], ['b', 'f8']]);
 * x.field('a');        // array([1, 3], dtype=int32) — live: writes show in x
 * x.get(0);            // { a: 1, b: 2 }
 * x.set(1, { a: 5, b: 6.5 });
 * x.toString();        // "array([(1, 2. ), (5, 6.5)], dtype=[('a', '<i4'), ('b', '<f8')])"
 * ```
 *
 * NOTE: memory layout. NumPy stores records interleaved (one block of bytes per record, fields at
 * byte offsets). mlseries stores each field as its own NDArray (column-wise): a field of dtype d
 * and sub-shape S is an NDArray of shape [...shape, ...S]. Field access is therefore a plain
 * typed-array view with the fast kernels, and `field()` returns that array itself (writes to it
 * show in the structured array); there are no byte offsets, no padding, and `.data` of one field
 * never contains the others. Indexing (`get`) applies the same index to every field, so slices
 * stay views and integer/boolean array indices give copies, as in NumPy.
 */
import { NDArray, type NestedArray } from './ndarray.js';
import { array, asarray, type ArrayLike } from './creation.js';
import { DTYPE_INFO, castScalar, toDType, type DType } from './dtype.js';
import { DTypeError, IndexError, ValueError } from './errors.js';
import { Slice, ellipsis, parseIndex, type IndexItem } from './indexing.js';
import { structuredRepr, structuredStr, type PrintOverrides, type StructuredColumns } from './format.js';

/** A field: `[name, dtype]` or `[name, dtype, shape]` (a sub-array field), as in NumPy's dtype lists. */
export type FieldSpec =
  | readonly [name: string, dtype: string]
  | readonly [name: string, dtype: string, shape: number | readonly number[]];

/** One field of a structured array. */
export interface FieldInfo {
  readonly name: string;
  readonly dtype: DType;
  /** Sub-array shape; `[]` for a scalar field. */
  readonly shape: readonly number[];
}

/** The value of one field of one record: a number, a boolean, or nested lists for a sub-array field. */
export type FieldValue = number | boolean | NestedArray;

/** One record as a JS object: `{ a: 1, b: 2.5 }`. */
export type StructRecord = Record<string, FieldValue>;

/** One record as a tuple (a JS array with one value per field, in field order). */
export type RecordTuple = FieldValue[];

/** Nested lists of record tuples, as returned by `toArray()` (NumPy's `tolist()`). */
export type NestedRecords = RecordTuple | NestedRecords[];

/** What `structuredArray` and `set` accept as records: tuples or objects, nested in lists. */
export type RecordsLike = readonly unknown[] | Readonly<Record<string, unknown>>;

/** A value for `set`: a record (tuple or object), nested lists of records, a StructuredArray, or a scalar for every field. */
export type StructuredValue = RecordsLike | StructuredArray | number | boolean;

// ------------------------------------------------------------------ dtype text

/** NumPy's type string as printed in a structured dtype ('<i4', 'u1', '?'). */
const TYPESTR: Record<DType, string> = {
  bool: '?',
  uint8: 'u1',
  int8: 'i1',
  uint32: '<u4',
  int32: '<i4',
  int64: '<i8',
  float32: '<f4',
  float64: '<f8',
};

/** Parses a field dtype, accepting NumPy's byte-order prefixes for native order ('<i4', '|u1', '=f8'). */
function fieldDType(spec: string): DType {
  if (spec.startsWith('>') && spec.length > 1 && !spec.endsWith('1')) {
    throw new DTypeError(
      `structuredArray: big-endian field dtype '${spec}' is not supported (fields are native little-endian)`,
    );
  }
  return toDType(/^[<>|=]/.test(spec) ? spec.slice(1) : spec);
}

/** Python's repr of a string: 'a', "it's". */
function pyStr(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s}"`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** NumPy's `str(dtype)` of a structured dtype: `[('a', '<i4'), ('b', '<f8', (3, 3))]`. */
function dtypeText(fields: readonly FieldInfo[]): string {
  const parts = fields.map((f) =>
    f.shape.length === 0
      ? `(${pyStr(f.name)}, '${TYPESTR[f.dtype]}')`
      : `(${pyStr(f.name)}, '${TYPESTR[f.dtype]}', ${pyTuple(f.shape)})`,
  );
  return `[${parts.join(', ')}]`;
}

function normalizeFields(specs: readonly FieldSpec[]): FieldInfo[] {
  if (specs.length === 0) throw new ValueError('structuredArray: at least one field is required');
  const seen = new Set<string>();
  return specs.map((spec) => {
    const [name, dt, shape] = spec as readonly [string, string, (number | readonly number[])?];
    if (typeof name !== 'string') throw new ValueError('structuredArray: field names must be strings');
    if (seen.has(name)) throw new ValueError(`field '${name}' occurs more than once`);
    seen.add(name);
    const sub = shape === undefined ? [] : typeof shape === 'number' ? [shape] : [...shape];
    for (const n of sub) {
      if (!Number.isInteger(n) || n < 0)
        throw new ValueError(`structuredArray: bad shape for field '${name}'`);
    }
    return { name, dtype: fieldDType(dt), shape: sub };
  });
}

// ------------------------------------------------------------------ records → columns

function isScalar(v: unknown): v is number | boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof NDArray) &&
    !ArrayBuffer.isView(v)
  );
}

/** The shape of nested lists, probed along their first elements. */
function probeShape(v: unknown): number[] | null {
  if (v instanceof NDArray) return [...v.shape];
  const shape: number[] = [];
  while (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const list = v as { readonly length: number; readonly [i: number]: unknown };
    shape.push(list.length);
    if (list.length === 0) break;
    v = list[0];
  }
  return isScalar(v) || shape.length > 0 ? shape : null;
}

/** A value for one field of one record: a scalar, or (sub-array fields) nested lists of its shape. */
function fitsField(v: unknown, f: FieldInfo): boolean {
  if (isScalar(v)) return true;
  if (f.shape.length === 0) return false;
  const s = probeShape(v);
  return s !== null && s.length === f.shape.length && s.every((n, i) => n === f.shape[i]);
}

/** A record is an object, or a tuple with one fitting value per field. */
function isRecord(v: unknown, fields: readonly FieldInfo[]): boolean {
  if (isPlainObject(v)) return true;
  if (!Array.isArray(v) || v.length !== fields.length) return false;
  return fields.every((f, i) => fitsField(v[i], f));
}

/** The value of each field of one record (tuple by position, object by name). */
function recordValues(rec: unknown, fields: readonly FieldInfo[], op: string): unknown[] {
  if (Array.isArray(rec)) return rec;
  const obj = rec as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!fields.some((f) => f.name === k)) throw new ValueError(`${op}: no field of name ${k}`);
  }
  return fields.map((f) => {
    if (!(f.name in obj)) throw new ValueError(`${op}: record has no value for field '${f.name}'`);
    return obj[f.name];
  });
}

/** Reads nested lists of records into one contiguous column per field. */
function columnsFromRecords(
  records: unknown,
  fields: readonly FieldInfo[],
  op: string,
): [NDArray[], number[]] {
  const shape: number[] = [];
  let probe = records;
  while (!isRecord(probe, fields)) {
    if (!Array.isArray(probe)) {
      throw new ValueError(
        `${op}: expected a record (a tuple of ${fields.length} values or an object) or a list of records, got ${String(probe)}`,
      );
    }
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const n = shape.reduce((p, s) => p * s, 1);
  const subSizes = fields.map((f) => f.shape.reduce((p, s) => p * s, 1));
  const datas = fields.map((f, i) => new DTYPE_INFO[f.dtype].ctor(n * subSizes[i]));
  let k = 0;
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (!isRecord(v, fields))
        throw new ValueError(`${op}: inhomogeneous records after ${depth} dimensions`);
      const vals = recordValues(v, fields, op);
      fields.forEach((f, i) => {
        const x = vals[i];
        if (f.shape.length === 0 && isScalar(x)) {
          datas[i][k] = castScalar(f.dtype, Number(x));
        } else {
          const sub = array(x as ArrayLike, { dtype: 'float64' });
          let b: NDArray;
          try {
            b = sub.broadcastTo(f.shape);
          } catch {
            throw new ValueError(
              `${op}: value of shape ${pyTuple(sub.shape)} does not fit field '${f.name}' of shape ${pyTuple(f.shape)}`,
            );
          }
          const conv = b.astype(f.dtype).toTypedArray();
          datas[i].set(conv, k * subSizes[i]);
        }
      });
      k++;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth] || isRecord(v, fields)) {
      throw new ValueError(
        `${op}: the records have an inhomogeneous shape after ${depth} dimensions (expected ${shape[depth]} items)`,
      );
    }
    for (const item of v) walk(item, depth + 1);
  };
  walk(records, 0);
  const cols = fields.map((f, i) => NDArray.fromData(datas[i], [...shape, ...f.shape], f.dtype));
  return [cols, shape];
}

// ------------------------------------------------------------------ the class

function fullSlices(k: number): Slice[] {
  return Array.from({ length: k }, () => new Slice());
}

/** Text indices ('1::2, ::2') become index items, so that sub-array axes can be appended. */
function expandIndex(index: readonly IndexItem[]): IndexItem[] {
  const out: IndexItem[] = [];
  for (const it of index) {
    if (typeof it === 'string') out.push(...parseIndex(it));
    else out.push(it);
  }
  return out;
}

/** An array of records with named fields, stored column-wise (one NDArray per field). */
export class StructuredArray implements StructuredColumns {
  /** Shape of the array of records (without sub-array axes). */
  readonly shape: readonly number[];
  /** The fields in order: name, dtype and sub-array shape. */
  readonly fields: readonly FieldInfo[];
  readonly #columns: ReadonlyMap<string, NDArray>;

  /**
   * Wraps existing field arrays (no copy: the StructuredArray and the arrays share memory). Each
   * array has shape `[...shape, ...subshape]`; `shape` defaults to the first array's shape.
   */
  constructor(columns: readonly (readonly [string, NDArray])[], shape?: readonly number[]) {
    if (columns.length === 0) throw new ValueError('StructuredArray: at least one field is required');
    const s = shape ?? columns[0][1].shape;
    const fields: FieldInfo[] = [];
    const map = new Map<string, NDArray>();
    for (const [name, a] of columns) {
      if (map.has(name)) throw new ValueError(`field '${name}' occurs more than once`);
      const lead = a.shape.slice(0, s.length);
      if (a.ndim < s.length || lead.some((n, i) => n !== s[i])) {
        throw new ValueError(
          `StructuredArray: field '${name}' has shape ${pyTuple(a.shape)}, which does not start with the records' shape ${pyTuple(s)}`,
        );
      }
      map.set(name, a);
      fields.push({ name, dtype: a.dtype, shape: Object.freeze(a.shape.slice(s.length)) });
    }
    this.shape = Object.freeze([...s]);
    this.fields = Object.freeze(fields);
    this.#columns = map;
  }

  /**
   * A structured array from one array per field (NumPy's `np.rec.fromarrays`). NDArrays are used
   * as they are (live, no copy); other values are converted with `nd.asarray`.
   *
   * ```ts
   * StructuredArray.fromColumns({ a: nd.array([1, 3], { dtype: 'int32' }), b: [2.0, 4.0] });
   * ```
   */
  static fromColumns(
    columns: Readonly<Record<string, ArrayLike>> | readonly (readonly [string, ArrayLike])[],
    opts: { shape?: readonly number[] } = {},
  ): StructuredArray {
    const entries = Array.isArray(columns)
      ? (columns as readonly (readonly [string, ArrayLike])[])
      : Object.entries(columns as Record<string, ArrayLike>);
    return new StructuredArray(
      entries.map(([name, v]) => [name, asarray(v)] as const),
      opts.shape,
    );
  }

  /** Field names in order (NumPy's `dtype.names`). */
  get names(): string[] {
    return this.fields.map((f) => f.name);
  }
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of records. */
  get size(): number {
    return this.shape.reduce((p, n) => p * n, 1);
  }
  /** Length of the first axis (like `len(x)`). */
  get length(): number {
    if (this.ndim === 0) throw new ValueError('len() of unsized object');
    return this.shape[0];
  }
  /** NumPy's `str(x.dtype)`: `[('a', '<i4'), ('b', '<f8')]`. */
  get dtypeText(): string {
    return dtypeText(this.fields);
  }
  /** NumPy's `dtype.descr`: `[['a', '<i4'], ['b', '<f8', [3, 3]]]`. */
  get descr(): (readonly [string, string] | readonly [string, string, number[]])[] {
    return this.fields.map((f) => {
      const t =
        DTYPE_INFO[f.dtype].itemsize === 1
          ? `|${f.dtype === 'bool' ? 'b1' : TYPESTR[f.dtype]}`
          : TYPESTR[f.dtype];
      return f.shape.length === 0 ? ([f.name, t] as const) : ([f.name, t, [...f.shape]] as const);
    });
  }
  /** Columns in field order (for printing). */
  get columns(): { name: string; array: NDArray; subshape: readonly number[] }[] {
    return this.fields.map((f) => ({ name: f.name, array: this.#columns.get(f.name)!, subshape: f.shape }));
  }

  /**
   * The array of one field (NumPy's `x['a']`): shape `[...shape, ...subshape]`, sharing memory
   * with this structured array, so writes to it show here. With a list of names, a structured
   * array of those fields (NumPy's `x[['a', 'b']]`), also sharing memory.
   */
  field(name: string): NDArray;
  field(names: readonly string[]): StructuredArray;
  field(name: string | readonly string[]): NDArray | StructuredArray {
    if (typeof name !== 'string') {
      return new StructuredArray(
        name.map((n) => [n, this.field(n)] as const),
        this.shape,
      );
    }
    const a = this.#columns.get(name);
    if (a === undefined) throw new ValueError(`no field of name ${name}`);
    return a;
  }

  /** Applies `fn` to every field's array, given the number of its sub-array axes. */
  #mapColumns(fn: (a: NDArray, subNdim: number) => NDArray): StructuredArray {
    const cols = this.fields.map((f) => [f.name, fn(this.#columns.get(f.name)!, f.shape.length)] as const);
    const first = cols[0][1];
    return new StructuredArray(cols, first.shape.slice(0, first.ndim - this.fields[0].shape.length));
  }

  /**
   * Reads with NumPy's indexing rules, applied to every field (sub-array axes are left whole):
   * a single record gives a plain object (`{ a: 1, b: 2 }`; with `...` in the index a 0-d
   * StructuredArray, as NumPy gives a 0-d array), anything else a StructuredArray —
   * a view for basic indices (integers, slices, `...`, newaxis), a copy for integer or boolean
   * array indices. Accepts the text form: `x.get('1::2')`.
   */
  get(...index: IndexItem[]): StructuredArray | StructRecord {
    if (index.length === 1 && typeof index[0] === 'string' && this.#columns.has(index[0])) {
      throw new IndexError(
        `get('${index[0]}'): '${index[0]}' is a field; use field('${index[0]}') (NumPy's x['${index[0]}'])`,
      );
    }
    const items = expandIndex(index);
    const res = this.#mapColumns((a, k) => a.get(...items, ...fullSlices(k)));
    return res.ndim === 0 && !items.includes(ellipsis) ? res.#record() : res;
  }

  /** One record as an object, by position (`x.item(1)`, `x.item(0, 2)`); every index must be an integer. */
  item(...index: number[]): StructRecord {
    const r = this.get(...index);
    if (r instanceof StructuredArray) {
      throw new ValueError(
        `item: ${index.length} indices do not select one record of shape ${pyTuple(this.shape)}`,
      );
    }
    return r;
  }

  #record(): StructRecord {
    const out: StructRecord = {};
    for (const f of this.fields) {
      const a = this.#columns.get(f.name)!;
      out[f.name] = f.shape.length === 0 ? a.item() : a.toArray();
    }
    return out;
  }

  /**
   * Writes records at `index` (NumPy's `x[index] = value`), broadcasting like NDArray.set. The
   * value is a record (tuple in field order or object by name), nested lists of records, another
   * StructuredArray (fields matched by position, as NumPy does), or one number for every field.
   * A JS array `index` is the tuple of index items, as for `NDArray.set`.
   */
  set(index: IndexItem | readonly IndexItem[], value: StructuredValue): this {
    const items = expandIndex(Array.isArray(index) ? (index as IndexItem[]) : [index as IndexItem]);
    const perField = this.#valuesPerField(value);
    this.fields.forEach((f, i) => {
      this.#columns.get(f.name)!.set([...items, ...fullSlices(f.shape.length)], perField[i] as ArrayLike);
    });
    return this;
  }

  /** Assigns a whole field (NumPy's `x['a'] = value`), broadcasting `value`. */
  setField(name: string, value: ArrayLike): this {
    const a = this.field(name);
    a.set([], value);
    return this;
  }

  #valuesPerField(value: StructuredValue): unknown[] {
    const fields = this.fields;
    if (value instanceof StructuredArray) {
      if (value.fields.length !== fields.length) {
        throw new ValueError(
          `set: cannot assign a structured array with ${value.fields.length} fields to one with ${fields.length} fields`,
        );
      }
      return value.fields.map((f) => value.field(f.name));
    }
    if (isScalar(value)) return fields.map(() => value);
    if (isRecord(value, fields)) return recordValues(value, fields, 'set');
    if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) {
      throw new ValueError(
        `could not assign tuple of length ${value.length} to structure with ${fields.length} fields.`,
      );
    }
    const [cols] = columnsFromRecords(value, fields, 'set');
    return cols;
  }

  /** Nested lists of record tuples (NumPy's `tolist()`: `[[1, 2], [3, 4]]` for `[(1, 2.), (3, 4.)]`). */
  toArray(): NestedRecords {
    const cols = this.fields.map((f) => this.#columns.get(f.name)!.toArray());
    const zip = (parts: NestedArray[], depth: number): NestedRecords => {
      if (depth === this.ndim) return parts as RecordTuple;
      const n = this.shape[depth];
      const out: NestedRecords[] = new Array(n);
      for (let i = 0; i < n; i++)
        out[i] = zip(
          parts.map((p) => (p as NestedArray[])[i]),
          depth + 1,
        );
      return out;
    };
    return zip(cols, 0);
  }

  /** The records as a flat list of objects in C order: `[{ a: 1, b: 2 }, { a: 3, b: 4 }]`. */
  toRecords(): StructRecord[] {
    const flat = this.reshape(-1);
    const out: StructRecord[] = [];
    for (let i = 0; i < flat.size; i++) out.push(flat.get(i) as StructRecord);
    return out;
  }

  /** A copy that owns its memory (each field copied, C order). */
  copy(): StructuredArray {
    return this.#mapColumns((a) => a.copy());
  }

  /** New shape for the records (one dimension may be −1); views when possible, like NDArray.reshape. */
  reshape(...shape: (number | readonly number[])[]): StructuredArray {
    const s = shape.flatMap((x) => (typeof x === 'number' ? [x] : [...x]));
    return this.#mapColumns((a, k) => a.reshape([...s, ...a.shape.slice(a.ndim - k)]));
  }

  /** The records as one flat axis. */
  ravel(): StructuredArray {
    return this.reshape(-1);
  }

  /** Permutes the record axes (reverses them by default); sub-array axes stay last. Always a view. */
  transpose(...axes: number[]): StructuredArray {
    const n = this.ndim;
    const perm =
      axes.length === 0 ? [...Array(n).keys()].reverse() : axes.map((ax) => (ax < 0 ? ax + n : ax));
    return this.#mapColumns((a, k) => a.transpose([...perm, ...Array.from({ length: k }, (_, i) => n + i)]));
  }

  /** The transposed view (`x.T`). */
  get T(): StructuredArray {
    return this.transpose();
  }

  /** NumPy's repr: `array([(1, 2.), (3, 4.)], dtype=[('a', '<i4'), ('b', '<f8')])`. */
  toString(overrides?: PrintOverrides): string {
    return structuredRepr(this, overrides);
  }
  /** NumPy's str: `[(1, 2.) (3, 4.)]`. */
  str(overrides?: PrintOverrides): string {
    return structuredStr(this, overrides);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * A structured array from records and a list of fields (NumPy's
 * `np.array(records, dtype=[('a', 'i4'), ('b', 'f8')])`). A record is a tuple (JS array, one
 * value per field in order; a sub-array field takes nested lists) or an object keyed by field
 * name; records may be nested in lists for more dimensions, and a single record gives a 0-d array.
 *
 * ```ts
 * const x = nd.structuredArray([[1, 2.0], [3, 4.0]], [['a', 'i4'], ['b', 'f8']]);
 * const z = nd.structuredArray([{ a: 1, b: [1, 2, 3] }], [['a', 'int32'], ['b', 'float64', [3]]]);
 * ```
 */
export function structuredArray(records: RecordsLike, fields: readonly FieldSpec[]): StructuredArray {
  const info = normalizeFields(fields);
  const [cols, shape] = columnsFromRecords(records, info, 'structuredArray');
  return new StructuredArray(
    info.map((f, i) => [f.name, cols[i]] as const),
    shape,
  );
}

/** A structured array of `shape` filled with zeros (NumPy's `np.zeros(shape, dtype=[...])`). */
export function structuredZeros(
  shape: number | readonly number[],
  fields: readonly FieldSpec[],
): StructuredArray {
  const info = normalizeFields(fields);
  const s = typeof shape === 'number' ? [shape] : [...shape];
  return new StructuredArray(
    info.map((f) => {
      const full = [...s, ...f.shape];
      const n = full.reduce((p, x) => p * x, 1);
      return [f.name, NDArray.fromData(new DTYPE_INFO[f.dtype].ctor(n), full, f.dtype)] as const;
    }),
    s,
  );
}
