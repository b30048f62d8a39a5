/**
 * `nd`: n-dimensional arrays with NumPy's semantics.
 *
 * ```ts
 * import { nd } from 'mlseries';
 * const a = nd.arange(12).reshape(3, 4);
 * a.get('1::2, ::2');            // a view, like a[1::2, ::2]
 * nd.add(a, nd.array([1, 2, 3, 4])).sum({ axis: 0 });
 * ```
 */
export { NDArray, type ArrayFlags, type NestedArray } from './ndarray.js';
export * from './errors.js';
export {
  type DType,
  type TypedArray,
  DTYPES,
  promoteTypes,
  resultType,
  canCastSafe,
  canCastSameKind,
  toDType,
} from './dtype.js';
export { broadcastShapes, shapeSize } from './shape.js';
export * from './creation.js';
export {
  broadcastTo,
  broadcastArrays,
  moveaxis,
  swapaxes,
  expandDims,
  squeeze,
  transpose,
  ravel,
  reshape,
  sharesMemory,
  mayShareMemory,
} from './views.js';
export {
  Slice,
  slice,
  newaxis,
  ellipsis,
  parseIndex,
  addAt,
  nonzero,
  where,
  take,
  put,
  ix_,
  FlatIter,
  type IndexItem,
} from './indexing.js';
export * from './ufunc.js';
export * from './manip.js';
export * from './matrices.js';
export * as random from './random/index.js';
export {
  dot,
  matmul,
  inner,
  outer,
  tensordot,
  einsum,
  trace,
  vdot,
  kron,
  type TensordotAxes,
  type TraceOptions,
} from './linalg/products.js';
export * as linalg from './linalg/index.js';
export {
  parseNpy,
  readNpy,
  parseNpyHeader,
  writeNpy,
  parseNpz,
  writeNpz,
  parseArrayFile,
  parseTxt,
  parseGenfromtxt,
  formatTxt,
  pyFormat,
  parseIdx,
  writeIdx,
  IDX_MAGIC_IMAGES,
  IDX_MAGIC_LABELS,
  type NpyHeader,
  type NpyReadOptions,
  type NpyWriteOptions,
  type NpzArrays,
  type NpzWriteOptions,
  type LoadtxtOptions,
  type GenfromtxtOptions,
  type SavetxtOptions,
  type IdxReadOptions,
  type IdxWriteOptions,
} from './io/index.js';
export {
  load,
  save,
  savez,
  savezCompressed,
  loadtxt,
  genfromtxt,
  savetxt,
  loadIdx,
  type TextSource,
} from './io/node.js';
export {
  setPrintOptions,
  getPrintOptions,
  resetPrintOptions,
  withPrintOptions,
  DEFAULT_PRINT_OPTIONS,
  type PrintOptions,
  type FloatMode,
  type SignMode,
} from './printoptions.js';
export {
  arrayRepr,
  arrayStr,
  array2string,
  formatFloatPositional,
  formatFloatScientific,
  type Array2StringOptions,
  type FormatFloatPositionalOptions,
  type FormatFloatScientificOptions,
  type PrintOverrides,
  type TrimMode,
} from './format.js';
export {
  StructuredArray,
  structuredArray,
  structuredZeros,
  type FieldSpec,
  type FieldInfo,
  type FieldValue,
  type StructRecord,
  type RecordTuple,
  type NestedRecords,
  type RecordsLike,
  type StructuredValue,
} from './structured.js';
export {
  sum,
  prod,
  mean,
  std,
  variance,
  variance as var,
  min,
  max,
  min as amin,
  max as amax,
  ptp,
  argmin,
  argmax,
  all,
  any,
  countNonzero,
  cumsum,
  cumprod,
  type ReduceOptions,
  type VarOptions,
  type ArgReduceOptions,
  type CumOptions,
} from './reduce.js';
export {
  median,
  percentile,
  quantile,
  average,
  averageReturned,
  type MedianOptions,
  type QuantileOptions,
  type QuantileMethod,
  type AverageOptions,
} from './stats.js';
export {
  sort,
  sortInPlace,
  argsort,
  unique,
  searchsorted,
  type SortOptions,
  type UniqueOptions,
  type UniqueResult,
  type SearchsortedOptions,
} from './sort.js';
