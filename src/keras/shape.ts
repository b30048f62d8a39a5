/**
 * Shapes with an unknown batch size, as Keras writes them — `(None, 28, 28, 1)` — and the input
 * specifications layers check their inputs against, with Keras's error wording:
 *
 *   Input 0 of layer "dense_1" is incompatible with the layer: expected axis -1 of input shape
 *   to have value 784, but received input with shape (32, 28, 28)
 */
import { ValueError } from '../nd/errors.js';

/** A shape where `null` marks an unknown size (the batch, or a variable sequence length). */
export type Shape = readonly (number | null)[];

/** Python's repr of a shape tuple: `(None, 1)`, `(32,)`, `()`. */
export function pyShape(shape: Shape): string {
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** Whether every size is known. */
export function isConcrete(shape: Shape): shape is readonly number[] {
  return shape.every((d) => d !== null);
}

/** Product of the known sizes (null if any is unknown). */
export function sizeOf(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** What a layer accepts (Keras's InputSpec): a rank, rank bounds, and fixed sizes on some axes. */
export interface InputSpec {
  ndim?: number;
  minNdim?: number;
  maxNdim?: number;
  /** axis (negative counts from the end) → required size. */
  axes?: Readonly<Record<number, number>>;
}

function incompatible(layer: string, i: number): string {
  return `Input ${i} of layer "${layer}" is incompatible with the layer: `;
}

/** Throws Keras's ValueError when `shapes[i]` does not meet `specs[i]`. */
export function assertInputCompatibility(
  layer: string,
  specs: readonly (InputSpec | null)[],
  shapes: readonly Shape[],
): void {
  specs.forEach((spec, i) => {
    const shape = shapes[i];
    if (!spec || !shape) return;
    const r = shape.length;
    if (spec.ndim !== undefined && r !== spec.ndim) {
      throw new ValueError(
        `${incompatible(layer, i)}expected ndim=${spec.ndim}, found ndim=${r}. Full shape received: ${pyShape(shape)}`,
      );
    }
    if (spec.maxNdim !== undefined && r > spec.maxNdim) {
      throw new ValueError(
        `${incompatible(layer, i)}expected max_ndim=${spec.maxNdim}, found ndim=${r}. Full shape received: ${pyShape(shape)}`,
      );
    }
    if (spec.minNdim !== undefined && r < spec.minNdim) {
      throw new ValueError(
        `${incompatible(layer, i)}expected min_ndim=${spec.minNdim}, found ndim=${r}. Full shape received: ${pyShape(shape)}`,
      );
    }
    for (const [key, value] of Object.entries(spec.axes ?? {})) {
      const axis = Number(key);
      const d = shape[axis < 0 ? axis + r : axis];
      if (d !== null && d !== undefined && d !== value) {
        throw new ValueError(
          `${incompatible(layer, i)}expected axis ${axis} of input shape to have value ${value}, but received input with shape ${pyShape(shape)}`,
        );
      }
    }
  });
}

/** Keras's conv arithmetic for one spatial axis: output size for `valid` or `same` padding. */
export function convOutputLength(
  input: number | null,
  kernel: number,
  padding: 'valid' | 'same',
  stride: number,
  dilation = 1,
): number | null {
  if (input === null) return null;
  const k = (kernel - 1) * dilation + 1;
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - k) / stride) + 1;
}

/**
 * The [before, after] zero padding that `same` needs on one axis (TensorFlow's rule: the extra
 * row or column goes after).
 */
export function samePadding(input: number, kernel: number, stride: number, dilation = 1): [number, number] {
  const k = (kernel - 1) * dilation + 1;
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + k - input, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}
