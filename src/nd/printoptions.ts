/**
 * Print options: how `NDArray.toString()` / `str()` print arrays (NumPy's `np.set_printoptions`).
 *
 * The defaults are NumPy's: 8 digits of precision in 'maxprec' mode, summarise with `...` above
 * 1000 elements keeping 3 items at each edge, wrap lines at 75 characters.
 *
 * NOTE: like NumPy's, these options are process-wide state. Prefer `withPrintOptions(opts, fn)`
 * (NumPy's `with np.printoptions(...)`), which restores the previous options when `fn` returns.
 */
import { ValueError } from './errors.js';

/** How `precision` is interpreted for floats (NumPy's `floatmode`). */
export type FloatMode = 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';

/** The sign of positive numbers: omitted ('-'), always printed ('+'), or a space (' '). */
export type SignMode = '-' | '+' | ' ';

/** NumPy's print options (the subset mlseries implements). */
export interface PrintOptions {
  /** Digits after the decimal point (maximum in 'maxprec', exact in 'fixed'). */
  precision: number;
  /** Arrays with more elements than this are summarised with `...`. `Infinity` never summarises. */
  threshold: number;
  /** Items kept at the start and the end of each summarised axis. */
  edgeitems: number;
  /** Characters per line before wrapping. */
  linewidth: number;
  /** Print small floats in fixed notation (rounded to `precision`) instead of switching to scientific. */
  suppress: boolean;
  sign: SignMode;
  floatmode: FloatMode;
  /** Text for NaN. */
  nanstr: string;
  /** Text for infinity. */
  infstr: string;
}

/** NumPy's defaults. */
export const DEFAULT_PRINT_OPTIONS: Readonly<PrintOptions> = Object.freeze({
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
  sign: '-',
  floatmode: 'maxprec',
  nanstr: 'nan',
  infstr: 'inf',
});

let current: PrintOptions = { ...DEFAULT_PRINT_OPTIONS };

const FLOAT_MODES: readonly FloatMode[] = ['fixed', 'unique', 'maxprec', 'maxprec_equal'];

function checkNonNegativeInt(name: string, v: number): void {
  if (!Number.isInteger(v)) throw new ValueError(`${name} must be an integer`);
  if (v < 0) throw new ValueError(`${name} must be >= 0`);
}

/** Checks a partial set of options with NumPy's messages and returns the merged options. */
export function resolvePrintOptions(
  opts: Partial<PrintOptions>,
  base: Readonly<PrintOptions> = current,
): PrintOptions {
  const out: PrintOptions = { ...base };
  for (const [key, value] of Object.entries(opts) as [keyof PrintOptions, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_PRINT_OPTIONS)) throw new ValueError(`setPrintOptions: unknown option '${key}'`);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  checkNonNegativeInt('precision', out.precision);
  checkNonNegativeInt('edgeitems', out.edgeitems);
  if (Number.isNaN(out.threshold)) {
    throw new ValueError('threshold must be non-NAN, try Infinity for untruncated representation');
  }
  if (typeof out.linewidth !== 'number' || !(out.linewidth > 0)) {
    throw new ValueError('linewidth must be a positive number');
  }
  if (!FLOAT_MODES.includes(out.floatmode)) {
    throw new ValueError(`floatmode option must be one of ${FLOAT_MODES.map((m) => `"${m}"`).join(', ')}`);
  }
  if (out.sign !== '-' && out.sign !== '+' && out.sign !== ' ') {
    throw new ValueError("sign option must be one of ' ', '+', or '-'");
  }
  out.suppress = Boolean(out.suppress);
  return out;
}

/**
 * Sets print options for every later `toString()`/`str()` (NumPy's `np.set_printoptions`).
 * Options left out keep their current value.
 *
 * ```ts
 * nd.setPrintOptions({ precision: 3, suppress: true });
 * ```
 */
export function setPrintOptions(opts: Partial<PrintOptions>): void {
  current = resolvePrintOptions(opts);
}

/** A copy of the current print options (NumPy's `np.get_printoptions`). */
export function getPrintOptions(): PrintOptions {
  return { ...current };
}

/** Restores NumPy's default print options. */
export function resetPrintOptions(): void {
  current = { ...DEFAULT_PRINT_OPTIONS };
}

/**
 * Runs `fn` with some options changed and restores the previous options afterwards, even if
 * `fn` throws (NumPy's `with np.printoptions(...):`).
 *
 * ```ts
 * nd.withPrintOptions({ precision: 2 }, () => nd.array([2 / 3]).toString()); // 'array([0.67])'
 * ```
 */
export function withPrintOptions<T>(opts: Partial<PrintOptions>, fn: () => T): T {
  const saved = current;
  current = resolvePrintOptions(opts);
  try {
    return fn();
  } finally {
    current = saved;
  }
}
