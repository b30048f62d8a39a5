/**
 * Printing like the terminal runner does (Python's print): arrays as NumPy's repr, strings as they
 * are, other values compactly — without Node's util.inspect, so it runs in a browser worker.
 */
import { NDArray } from '../../src/nd/index.js';

export function formatValue(v: unknown, depth = 0): string {
  if (typeof v === 'string') return depth ? `'${v}'` : v;
  if (v instanceof NDArray) return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === undefined || v === null) return String(v);
  if (depth > 3) return '…';
  if (Array.isArray(v)) return `[ ${v.map((x) => formatValue(x, depth + 1)).join(', ')} ]`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  const obj = v as { toString?: () => string };
  if (typeof obj.toString === 'function' && obj.toString !== Object.prototype.toString) return String(v);
  const entries = Object.entries(v as Record<string, unknown>).map(
    ([k, x]) => `${k}: ${formatValue(x, depth + 1)}`,
  );
  return `{ ${entries.join(', ')} }`;
}
