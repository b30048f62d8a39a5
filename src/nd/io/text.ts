/**
 * Text tables on strings (works in Node and in browsers): `parseTxt` is `np.loadtxt`,
 * `parseGenfromtxt` is `np.genfromtxt`, `formatTxt` is `np.savetxt`, each on the text itself.
 * The file-reading forms (`loadtxt`, `genfromtxt`, `savetxt`) are in node.ts.
 *
 * loadtxt is strict: every field must parse (Python float syntax for floats, plain integers for
 * integer dtypes) and every row must have the same number of columns, with NumPy's messages
 * ("could not convert string 'x' to float64 at row 1, column 2."). genfromtxt is forgiving, like
 * NumPy's: a field that does not convert — empty, 'N/A', text — becomes the column's filling value
 * (NaN for floats, −1 for integers, false for bool, unless `fillingValues` says otherwise).
 */
import { NDArray } from '../ndarray.js';
import { FormatError, ValueError } from '../errors.js';
import { DTYPE_INFO, allocate, toDType, type DType } from '../dtype.js';
import { applyFormat, compileFormat } from './printf.js';

/** Options of `parseTxt` / `loadtxt` (NumPy's `loadtxt` keywords in camelCase). */
export interface LoadtxtOptions {
  /** Element type; default float64. */
  dtype?: DType | string;
  /** Comment marker(s): text from one to the end of the line is ignored. Default '#'; null: none. */
  comments?: string | readonly string[] | null;
  /** Field separator; default null = any run of whitespace. */
  delimiter?: string | null;
  /** Lines to skip at the start (comment and blank lines count too). */
  skiprows?: number;
  /** Column(s) to read, 0-based, negative from the end, in the order given. */
  usecols?: number | readonly number[];
  /** Transpose the result and return its rows (`x, y = loadtxt(..., unpack=True)`). */
  unpack?: boolean;
  /** Minimum number of dimensions of the result: 0 (default, squeezed), 1 or 2. */
  ndmin?: 0 | 1 | 2;
  /** Read at most this many data rows (blank and comment lines do not count). */
  maxRows?: number;
}

/** Options of `parseGenfromtxt` / `genfromtxt` (NumPy's `genfromtxt` keywords in camelCase). */
export interface GenfromtxtOptions {
  /** Element type; default float64. */
  dtype?: DType | string;
  /** Comment marker; default '#'; null: none. */
  comments?: string | null;
  /** Field separator; default null = any run of whitespace. */
  delimiter?: string | null;
  /** Lines to skip at the start. */
  skipHeader?: number;
  /** Data rows to drop at the end. */
  skipFooter?: number;
  /** Columns to read: indices (negative from the end) or, with names, column names. */
  usecols?: number | string | readonly (number | string)[];
  /**
   * `true`: read column names from the first line (a leading comment marker is dropped);
   * a list or a comma-separated string: these names. With names the result is an object
   * name → column (NumPy returns a structured array).
   */
  names?: boolean | string | readonly string[];
  /**
   * Strings that mark missing data. As in NumPy, a field is replaced by its filling value whenever
   * it does not convert (empty, 'N/A', text…); a marker that parses as a number stays that number.
   */
  missingValues?: string | readonly string[];
  /** The value for fields that do not convert: one for all columns, a list, or column → value. */
  fillingValues?: number | boolean | readonly (number | boolean)[] | Record<number, number | boolean>;
  /** Read at most this many rows (not with skipFooter). */
  maxRows?: number;
  /** Raise on rows with the wrong number of columns (default); false: drop them. */
  invalidRaise?: boolean;
  /** Strip whitespace around fields before converting (matters for bool 'True'). */
  autostrip?: boolean;
  unpack?: boolean;
  ndmin?: 0 | 1 | 2;
}

/** Options of `formatTxt` / `savetxt` (NumPy's `savetxt` keywords). */
export interface SavetxtOptions {
  /** A %-format for every column, one per column, or one for the whole row; default '%.18e'. */
  fmt?: string | readonly string[];
  delimiter?: string;
  newline?: string;
  header?: string;
  footer?: string;
  /** Prefix of header and footer lines; default '# '. */
  comments?: string;
}

/** Splits text into lines as Python's universal newlines do ('\n', '\r\n' and '\r'). */
function splitLines(text: string | readonly string[]): string[] {
  if (typeof text !== 'string') return text.map((l) => l.replace(/(\r\n|\r|\n)$/, ''));
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ------------------------------------------------------------------ field conversion

// NumPy's loadtxt float grammar: Python's float() without underscores or hex
const LOADTXT_FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
// Python's float(): digits may be grouped with single underscores
const PY_FLOAT =
  /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;
const PY_INT = /^[+-]?\d(?:_?\d)*$/;

function parseFloatText(s: string): number {
  const t = s.toLowerCase().replace(/_/g, '');
  if (t.endsWith('nan')) return NaN;
  if (t.endsWith('inf') || t.endsWith('infinity')) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

/** An integer from digits, exact; null when outside ±(2^53 − 1). */
function parseIntText(s: string): number | null {
  const t = s.replace(/_/g, '');
  if (t.replace(/^[+-]/, '').length <= 15) return Number(t);
  const b = BigInt(t);
  if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(b);
}

/** One loadtxt field → a number for `dtype`, or null if it does not parse. */
function convertStrict(field: string, dtype: DType): number | null {
  const s = field.trim();
  if (dtype === 'float64' || dtype === 'float32') {
    if (!LOADTXT_FLOAT.test(s)) return null;
    const v = parseFloatText(s);
    return dtype === 'float32' ? Math.fround(v) : v;
  }
  if (!/^[+-]?\d+$/.test(s)) return null;
  const v = parseIntText(s);
  if (v === null) return null;
  if (dtype === 'bool') return v !== 0 ? 1 : 0;
  const { min, max } = DTYPE_INFO[dtype];
  return v < min || v > max ? null : v;
}

function fieldError(field: string, dtype: DType, row: number, col: number): FormatError {
  const extra =
    dtype === 'int64' && /^\s*[+-]?\d{16,}\s*$/.test(field)
      ? ' (beyond ±(2^53 − 1), the exact range of mlseries int64)'
      : '';
  return new FormatError(
    `could not convert string '${field}' to ${dtype} at row ${row}, column ${col}.${extra}`,
  );
}

/** `_ensure_ndmin_ndarray`: squeeze to at most `ndmin` dims, then pad up to `ndmin`. */
function ndminShape(shape: number[], ndmin: number): number[] {
  let s = shape;
  if (s.length > ndmin) s = s.filter((d) => d !== 1);
  if (s.length < ndmin) {
    if (ndmin === 1) s = s.length === 0 ? [1] : s;
    else if (ndmin === 2) s = s.length === 0 ? [1, 1] : [s[0], 1]; // atleast_2d(a).T
  }
  return s;
}

/** The rows of `a.T`, each a fresh array (what Python's `x, y = a.T` unpacks). */
function unpackRows(a: NDArray): NDArray[] {
  if (a.ndim === 0) return [a];
  if (a.ndim === 1) return Array.from({ length: a.shape[0] }, (_, i) => a.get(i).copy());
  const [r, c] = a.shape;
  const out: NDArray[] = [];
  for (let j = 0; j < c; j++) {
    const col = allocate(a.dtype, r);
    for (let i = 0; i < r; i++) col[i] = a.data[a.offset + i * a.strides[0] + j * a.strides[1]];
    out.push(NDArray.fromData(col, [r], a.dtype));
  }
  return out;
}

function checkNdmin(ndmin: number): void {
  if (ndmin !== 0 && ndmin !== 1 && ndmin !== 2)
    throw new ValueError(`Illegal value of ndmin keyword: ${ndmin}`);
}

function checkCount(name: string, v: number | undefined): number | undefined {
  if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
    throw new ValueError(`argument ${name} must be a non-negative integer, got ${v}`);
  }
  return v;
}

/**
 * `np.loadtxt` on text: a table of numbers, one row per line.
 *
 * ```ts
 * nd.parseTxt('a,b\n1,2\n3,4', { delimiter: ',', skiprows: 1 }); // array([[1., 2.], [3., 4.]])
 * ```
 */
export function parseTxt(
  text: string | readonly string[],
  opts: LoadtxtOptions & { unpack: true },
): NDArray[];
export function parseTxt(text: string | readonly string[], opts?: LoadtxtOptions): NDArray;
export function parseTxt(text: string | readonly string[], opts: LoadtxtOptions = {}): NDArray | NDArray[] {
  const dtype = toDType(opts.dtype ?? 'float64');
  const ndmin = opts.ndmin ?? 0;
  checkNdmin(ndmin);
  const skiprows = checkCount('skiprows', opts.skiprows) ?? 0;
  const maxRows = checkCount('max_rows', opts.maxRows) ?? -1;
  const comments =
    opts.comments === null
      ? []
      : typeof opts.comments === 'string'
        ? [opts.comments]
        : [...(opts.comments ?? ['#'])];
  if (comments.includes('')) {
    throw new ValueError('comments cannot be an empty string. Use comments=None to disable comments.');
  }
  const delimiter = opts.delimiter ?? null;
  if (delimiter === '') throw new ValueError('loadtxt: the delimiter must not be empty');
  const usecols =
    opts.usecols === undefined ? null : typeof opts.usecols === 'number' ? [opts.usecols] : [...opts.usecols];

  const lines = splitLines(text);
  const values: number[] = [];
  let ncols = -1; // fields per row (all columns, before usecols)
  let nout = usecols?.length ?? -1;
  let row = 0;
  for (let li = skiprows; li < lines.length; li++) {
    if (row === maxRows) break;
    let line = lines[li];
    for (const c of comments) {
      const k = line.indexOf(c);
      if (k >= 0) line = line.slice(0, k);
    }
    let fields: string[];
    if (delimiter === null) {
      const t = line.trim();
      if (t === '') continue;
      fields = t.split(/\s+/);
    } else {
      // NOTE: NumPy skips only truly empty lines here; '  ' is one (bad) field, as in NumPy
      if (line === '') continue;
      fields = line.split(delimiter);
    }
    if (usecols === null) {
      if (ncols < 0) {
        ncols = fields.length;
        nout = ncols;
      } else if (fields.length !== ncols) {
        throw new FormatError(
          `the number of columns changed from ${ncols} to ${fields.length} at row ${row + 1}; ` +
            'use `usecols` to select a subset and avoid this error',
        );
      }
      for (let j = 0; j < fields.length; j++) {
        const v = convertStrict(fields[j], dtype);
        if (v === null) throw fieldError(fields[j], dtype, row, j + 1);
        values.push(v);
      }
    } else {
      for (const c of usecols) {
        const j = c < 0 ? c + fields.length : c;
        if (!Number.isInteger(c) || j < 0 || j >= fields.length) {
          throw new FormatError(`invalid column index ${c} at row ${row + 1} with ${fields.length} columns`);
        }
        const v = convertStrict(fields[j], dtype);
        if (v === null) throw fieldError(fields[j], dtype, row, j + 1);
        values.push(v);
      }
    }
    row++;
  }
  if (nout < 0) nout = 1;
  const data = allocate(dtype, values.length);
  data.set(values);
  const arr = NDArray.fromData(data, ndminShape([row, nout], ndmin), dtype);
  return opts.unpack ? unpackRows(arr) : arr;
}

// ------------------------------------------------------------------ genfromtxt

const DELETE_CHARS = new Set('~!@#$%^&*()-=+~\\|]}[{\';: /?.>,<"');
const EXCLUDE = new Set(['return', 'file', 'print']);

/** NumPy's NameValidator: strip, spaces → '_', drop punctuation, fill empties, number duplicates. */
function validateNames(names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  let nbempty = 0;
  for (const raw of names) {
    let item = [...raw.trim().replace(/ /g, '_')].filter((c) => !DELETE_CHARS.has(c)).join('');
    if (item === '') {
      item = `f${nbempty}`;
      while (names.includes(item)) item = `f${++nbempty}`;
      nbempty++;
    } else if (EXCLUDE.has(item)) item += '_';
    const cnt = seen.get(item) ?? 0;
    out.push(cnt > 0 ? `${item}_${cnt}` : item);
    seen.set(item, cnt + 1);
  }
  return out;
}

/** Python's str.strip(' \r\n') — what genfromtxt's line splitter strips. */
function stripSpacesNewlines(s: string): string {
  return s.replace(/^[ \r\n]+|[ \r\n]+$/g, '');
}

/**
 * `np.genfromtxt` on text: like `parseTxt`, but fields that do not convert become filling values
 * (NaN by default), and rows with a wrong column count are reported together.
 *
 * ```ts
 * nd.parseGenfromtxt('1,2,3\n4,,6', { delimiter: ',' }); // array([[1., 2., 3.], [4., nan, 6.]])
 * ```
 */
export function parseGenfromtxt(
  text: string | readonly string[],
  opts: GenfromtxtOptions & { names: true | string | readonly string[] },
): Record<string, NDArray>;
export function parseGenfromtxt(
  text: string | readonly string[],
  opts: GenfromtxtOptions & { unpack: true },
): NDArray[];
export function parseGenfromtxt(text: string | readonly string[], opts?: GenfromtxtOptions): NDArray;
export function parseGenfromtxt(
  text: string | readonly string[],
  opts: GenfromtxtOptions = {},
): NDArray | NDArray[] | Record<string, NDArray> {
  const dtype = toDType(opts.dtype ?? 'float64');
  const ndmin = opts.ndmin ?? 0;
  checkNdmin(ndmin);
  const comments = opts.comments === undefined ? '#' : opts.comments;
  const delimiter = opts.delimiter ?? null;
  const skipHeader = checkCount('skip_header', opts.skipHeader) ?? 0;
  let skipFooter = checkCount('skip_footer', opts.skipFooter) ?? 0;
  const maxRows = checkCount('max_rows', opts.maxRows);
  if (maxRows !== undefined && skipFooter > 0) {
    throw new ValueError("The keywords 'skip_footer' and 'max_rows' can not be specified at the same time.");
  }
  if (maxRows === 0) throw new ValueError("'max_rows' must be at least 1.");
  const split = (line: string): string[] => {
    let l = line;
    if (comments !== null && comments !== '') {
      const k = l.indexOf(comments);
      if (k >= 0) l = l.slice(0, k);
    }
    l = stripSpacesNewlines(l);
    if (l === '') return [];
    const f = delimiter === null ? l.split(/\s+/).filter((x) => x !== '') : l.split(delimiter);
    return opts.autostrip ? f.map((x) => x.trim()) : f;
  };

  const lines = splitLines(text);
  let li = skipHeader;
  let firstLine = '';
  let firstValues: string[] = [];
  while (li < lines.length) {
    firstLine = lines[li++];
    if (opts.names === true && comments !== null && comments !== '' && firstLine.includes(comments)) {
      firstLine = firstLine.split(comments).slice(1).join('');
    }
    firstValues = split(firstLine);
    if (firstValues.length > 0) break;
  }
  if (firstValues.length === 0) firstLine = '';
  let names: string[] | null = null;
  if (opts.names === true) {
    if (firstValues.length > 0 && comments !== null && (comments as string).includes(firstValues[0].trim())) {
      firstValues.shift();
    }
    names = validateNames(firstValues.map((x) => x.trim()));
    firstLine = '';
  } else if (typeof opts.names === 'string') {
    names = validateNames(opts.names.split(',').map((x) => x.trim()));
  } else if (Array.isArray(opts.names)) {
    names = validateNames(opts.names as string[]);
  }
  let usecols: number[] | null = null;
  if (opts.usecols !== undefined) {
    const raw =
      typeof opts.usecols === 'string'
        ? opts.usecols.split(',').map((x) => x.trim())
        : typeof opts.usecols === 'number'
          ? [opts.usecols]
          : [...opts.usecols];
    usecols = raw.map((c) => {
      if (typeof c === 'string') {
        const k = names?.indexOf(c) ?? -1;
        if (k < 0) throw new ValueError(`'${c}' is not in list`);
        return k;
      }
      return c < 0 ? c + firstValues.length : c;
    });
  }
  const nbcols = usecols !== null && usecols.length > 0 ? usecols.length : firstValues.length;
  if (names !== null && usecols !== null && names.length > nbcols) names = usecols.map((k) => names![k]);

  // filling values, per output column
  const defaultFill = dtype === 'bool' ? 0 : DTYPE_INFO[dtype].kind === 'f' ? NaN : -1;
  const fills: number[] = new Array<number>(nbcols).fill(defaultFill);
  const fv = opts.fillingValues;
  if (typeof fv === 'number' || typeof fv === 'boolean') fills.fill(Number(fv));
  else if (Array.isArray(fv))
    (fv as (number | boolean)[]).slice(0, nbcols).forEach((v, i) => (fills[i] = Number(v)));
  else if (fv !== undefined) {
    for (const [k, v] of Object.entries(fv as Record<number, number | boolean>)) {
      let key = Number(k);
      if (usecols !== null && usecols.includes(key)) key = usecols.indexOf(key);
      if (key >= 0 && key < nbcols) fills[key] = Number(v);
    }
  }

  const rows: string[][] = [];
  const invalid: [number, number][] = [];
  const all = [firstLine, ...lines.slice(li)];
  for (let i = 0; i < all.length; i++) {
    let values = split(all[i]);
    const nb = values.length;
    if (nb === 0) continue;
    if (usecols !== null && usecols.length > 0) {
      const picked: string[] = [];
      let ok = true;
      for (const c of usecols) {
        const j = c < 0 ? c + nb : c;
        if (j < 0 || j >= nb) {
          ok = false;
          break;
        }
        picked.push(values[j]);
      }
      if (!ok) {
        invalid.push([i + skipHeader + 1, nb]);
        continue;
      }
      values = picked;
    } else if (nb !== nbcols) {
      invalid.push([i + skipHeader + 1, nb]);
      continue;
    }
    rows.push(values);
    if (rows.length === maxRows) break;
  }
  if (invalid.length > 0) {
    let bad = invalid;
    if (skipFooter > 0) {
      const nbrows = rows.length + invalid.length - skipFooter;
      const skipped = invalid.filter(([line]) => line > nbrows + skipHeader).length;
      bad = invalid.slice(0, invalid.length - skipped);
      skipFooter -= skipped;
    }
    if (bad.length > 0 && opts.invalidRaise !== false) {
      throw new FormatError(
        [
          'Some errors were detected !',
          ...bad.map(([l, n]) => `    Line #${l} (got ${n} columns instead of ${nbcols})`),
        ].join('\n'),
      );
    }
  }
  if (skipFooter > 0) rows.splice(Math.max(0, rows.length - skipFooter));

  const nrows = rows.length;
  const data = allocate(dtype, nrows * nbcols);
  const { min, max } = DTYPE_INFO[dtype];
  for (let r = 0; r < nrows; r++) {
    for (let c = 0; c < nbcols; c++) {
      const field = rows[r][c];
      let v: number | null = null;
      if (dtype === 'bool') {
        const u = field.toUpperCase();
        v = u === 'TRUE' ? 1 : u === 'FALSE' ? 0 : null;
      } else {
        const s = field.trim();
        if (DTYPE_INFO[dtype].kind === 'f') {
          if (PY_FLOAT.test(s)) v = parseFloatText(s);
        } else if (PY_INT.test(s)) {
          v = parseIntText(s);
          if (v !== null && (v < min || v > max)) v = null;
        }
      }
      data[r * nbcols + c] = v ?? fills[c];
    }
  }
  if (names !== null) {
    const colShape = ndminShape([nrows], ndmin);
    const out: Record<string, NDArray> = {};
    names.forEach((name, c) => {
      const col = allocate(dtype, nrows);
      for (let r = 0; r < nrows; r++) col[r] = data[r * nbcols + c];
      out[name] = NDArray.fromData(col, colShape, dtype);
    });
    return opts.unpack ? names.map((n) => out[n]) : out;
  }
  // NumPy builds np.array(rows): (nrows, nbcols), or (0,) when there are no rows
  const shape = nrows === 0 ? [0] : [nrows, nbcols];
  const arr = NDArray.fromData(data, ndminShape(shape, ndmin), dtype);
  return opts.unpack ? unpackRows(arr) : arr;
}

// ------------------------------------------------------------------ savetxt

/**
 * `np.savetxt` to a string: one line per row (a 1-d array is one column), each row formatted
 * with Python's %-formatting.
 *
 * ```ts
 * nd.formatTxt(nd.array([[1, 2], [3, 4]]), { fmt: '%d', delimiter: ',' }); // '1,2\n3,4\n'
 * ```
 */
export function formatTxt(a: NDArray, opts: SavetxtOptions = {}): string {
  const delimiter = opts.delimiter ?? ' ';
  const newline = opts.newline ?? '\n';
  const comments = opts.comments ?? '# ';
  const header = opts.header ?? '';
  const footer = opts.footer ?? '';
  if (a.ndim === 0 || a.ndim > 2)
    throw new ValueError(`Expected 1D or 2D array, got ${a.ndim}D array instead`);
  const nrows = a.shape[0];
  const ncol = a.ndim === 1 ? 1 : a.shape[1];
  const fmt = opts.fmt ?? '%.18e';
  let format: string;
  if (typeof fmt !== 'string') {
    if (fmt.length !== ncol) {
      throw new ValueError(`fmt has wrong shape.  [${fmt.map((f) => `'${f}'`).join(', ')}]`);
    }
    format = fmt.join(delimiter);
  } else {
    const n = fmt.split('%').length - 1;
    if (n === 1) format = new Array<string>(ncol).fill(fmt).join(delimiter);
    else if (n !== ncol) throw new ValueError(`fmt has wrong number of % formats:  ${fmt}`);
    else format = fmt;
  }
  const compiled = compileFormat(format);
  const parts: string[] = [];
  if (header.length > 0) parts.push(comments + header.replace(/\n/g, '\n' + comments) + newline);
  const rowVals = new Float64Array(ncol);
  const s0 = a.strides[0];
  const s1 = a.ndim === 2 ? a.strides[1] : 0;
  for (let i = 0; i < nrows; i++) {
    for (let j = 0; j < ncol; j++) rowVals[j] = a.data[a.offset + i * s0 + j * s1];
    parts.push(applyFormat(compiled, rowVals, a.dtype) + newline);
  }
  if (footer.length > 0) parts.push(comments + footer.replace(/\n/g, '\n' + comments) + newline);
  return parts.join('');
}
