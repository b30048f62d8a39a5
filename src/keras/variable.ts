/**
 * KerasVariable: a layer's weight. It is an nn Parameter (an autograd leaf tensor), so layers
 * compute with it directly and `loss.backward()` fills its `.grad`; on top it has Keras's name
 * (`kernel`), path (`dense/kernel`) and trainable flag.
 */
import type { NDArray } from '../nd/ndarray.js';
import { asarray, type ArrayLike } from '../nd/creation.js';
import { copyto } from '../nd/manip.js';
import { ValueError } from '../nd/errors.js';
import { Parameter } from '../nn/module.js';
import { pyShape } from './shape.js';

export class KerasVariable extends Parameter {
  /** Whether the optimiser updates it when its layer is trainable (false for BatchNorm's moving statistics). */
  readonly ownTrainable: boolean;

  constructor(
    data: NDArray,
    /** The weight's name within its layer: `kernel`, `bias`, `moving_mean`. */
    readonly name: string,
    /** `layer/name`, unique within a model: the key under which it is saved. */
    public path: string,
    trainable = true,
  ) {
    super(data, trainable);
    this.ownTrainable = trainable;
  }

  /** Whether the optimiser updates it now (its own flag and its layer's). */
  get trainable(): boolean {
    return this.requiresGrad;
  }

  /** The current values (shared, not a copy). */
  get value(): NDArray {
    return this.data;
  }

  /** A copy of the values (Keras's `variable.numpy()`). */
  numpy(): NDArray {
    return this.data.copy();
  }

  /** Overwrites the values in place; the shape must match. */
  assign(value: NDArray | ArrayLike): void {
    const v = asarray(value as ArrayLike);
    if (v.ndim !== this.ndim || v.shape.some((d, i) => d !== this.shape[i])) {
      throw new ValueError(
        `The shape of the target variable "${this.path}" and the shape of the value must match: ${pyShape(this.shape)} vs ${pyShape(v.shape)}`,
      );
    }
    copyto(this.data, v, { casting: 'unsafe' });
  }

  override toString(): string {
    return `<KerasVariable shape=${pyShape(this.shape)}, dtype=${this.dtype}, path=${this.path}>`;
  }
}
