/**
 * Merge layers: combine a list of tensors of the same shape — `Add`, `Subtract`, `Multiply`,
 * `Average` — or join them along an axis — `Concatenate`. In a functional model:
 * `keras.layers.Add().apply([x, shortcut])`.
 */
import { ValueError } from '../../nd/errors.js';
import type { Tensor } from '../../autograd/tensor.js';
import { concat } from '../../autograd/ops/movement.js';
import { Layer, type LayerArgs, type ShapeArg } from '../layer.js';
import { pyShape, type Shape } from '../shape.js';

function shapeList(layer: string, shape: ShapeArg, min = 2): Shape[] {
  const list = shape as Shape[];
  if (!Array.isArray(list[0]) || list.length < min) {
    throw new ValueError(
      `A merge layer should be called on a list of at least ${min} inputs. Received: input_shape=${pyShape(shape as Shape)} (layer "${layer}")`,
    );
  }
  return list;
}

/** Elementwise merges: all inputs must have the same shape (unknown sizes aside). */
abstract class Merge extends Layer {
  protected abstract combine(xs: Tensor[]): Tensor;

  override build(shape: ShapeArg): void {
    this.computeOutputShape(shape);
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    return this.combine(xs); // same shape as each input
  }

  override computeOutputShape(shape: ShapeArg): Shape {
    const list = shapeList(this.name, shape);
    const out = [...list[0]];
    for (const s of list.slice(1)) {
      if (s.length !== out.length) {
        throw new ValueError(
          `Inputs to "${this.name}" must have the same shape; received ${list.map((x) => pyShape(x)).join(', ')}`,
        );
      }
      s.forEach((d, i) => {
        if (d !== null && out[i] !== null && d !== out[i]) {
          throw new ValueError(
            `Inputs to "${this.name}" must have the same shape; received ${list.map((x) => pyShape(x)).join(', ')}`,
          );
        }
        out[i] ??= d;
      });
    }
    return out;
  }
}

/** Sum of the inputs (a residual connection). */
export class Add extends Merge {
  static override readonly className: string = 'Add';
  protected combine(xs: Tensor[]): Tensor {
    return xs.slice(1).reduce((a, b) => a.add(b), xs[0]);
  }
}

/** First input minus the second. */
export class Subtract extends Merge {
  static override readonly className: string = 'Subtract';
  protected combine(xs: Tensor[]): Tensor {
    if (xs.length !== 2)
      throw new ValueError(
        `A Subtract layer should be called on exactly 2 inputs. Received: ${xs.length} inputs (layer "${this.name}")`,
      );
    return xs[0].sub(xs[1]);
  }
}

/** Elementwise product of the inputs. */
export class Multiply extends Merge {
  static override readonly className: string = 'Multiply';
  protected combine(xs: Tensor[]): Tensor {
    return xs.slice(1).reduce((a, b) => a.mul(b), xs[0]);
  }
}

/** Mean of the inputs. */
export class Average extends Merge {
  static override readonly className: string = 'Average';
  protected combine(xs: Tensor[]): Tensor {
    return xs
      .slice(1)
      .reduce((a, b) => a.add(b), xs[0])
      .div(xs.length);
  }
}

/** Joins the inputs along `axis` (default −1). */
export class Concatenate extends Layer {
  static override readonly className: string = 'Concatenate';
  readonly axis: number;
  constructor(args: LayerArgs & { axis?: number } = {}) {
    super(args);
    this.axis = args.axis ?? -1;
  }
  override build(shape: ShapeArg): void {
    this.computeOutputShape(shape);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    const ax = this.axis < 0 ? this.axis + xs[0].ndim : this.axis;
    return concat(xs, ax); // (…, Σ sizes along axis, …)
  }
  override computeOutputShape(shape: ShapeArg): Shape {
    const list = shapeList(this.name, shape, 1);
    const rank = list[0].length;
    const ax = this.axis < 0 ? this.axis + rank : this.axis;
    const out = [...list[0]];
    let total: number | null = 0;
    for (const s of list) {
      const bad =
        s.length !== rank || s.some((d, i) => i !== ax && d !== null && out[i] !== null && d !== out[i]);
      if (bad) {
        throw new ValueError(
          `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[${list.map((x) => pyShape(x)).join(', ')}] (layer "${this.name}")`,
        );
      }
      total = total === null || s[ax] === null ? null : total + (s[ax] as number);
    }
    out[ax] = total;
    return out;
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
