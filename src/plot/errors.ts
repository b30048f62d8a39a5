/**
 * The error the plot package throws for bad input. It names the function and what was expected,
 * like the rest of mlseries: `PlotError: imshow: expected an image of shape (H, W), (H, W, 3) or
 * (H, W, 4), got (2, 3, 5)`.
 */
export class PlotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlotError';
  }
}

/** NumPy-style tuple text for a shape: `(4, 3)`, `(4,)`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
