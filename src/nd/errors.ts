/**
 * Error classes of mlseries. Each reads like NumPy's message: it names the operation, the shapes or
 * dtypes involved and what was expected, e.g.
 * `ShapeError: operands could not be broadcast together with shapes (4,3) (4,)`.
 */

/** Base class of every error mlseries throws on purpose. */
export class MLSeriesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An index out of bounds, too many indices, or a malformed index expression. */
export class IndexError extends MLSeriesError {}

/** A dtype that an operation cannot accept, or a cast that is not allowed. */
export class DTypeError extends MLSeriesError {}

/** An argument with the right type but a bad value. */
export class ValueError extends MLSeriesError {}

/**
 * Shapes that do not fit together (broadcasting, reshape, matmul, concatenate …). A ValueError,
 * as in NumPy, so catching ValueError catches it too.
 */
export class ShapeError extends ValueError {}

/** A malformed file or byte stream (npy, npz, IDX, safetensors, checkpoints). */
export class FormatError extends MLSeriesError {
  /** Byte offset in the input where the problem was found, when known. */
  readonly offset: number | undefined;
  constructor(message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte offset ${offset})`);
    this.offset = offset;
  }
}

/** NumPy-style tuple text for a shape: `(4,3)`, `(4,)`, `()`. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}
