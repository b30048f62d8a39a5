// Pixel helpers for the plot tests: read back what a figure drew.
import type { RenderedImage } from '../../src/plot/index.js';

/** RGBA of the pixel that contains the point (x, y) (pixel j spans [j, j + 1)). */
export function pixel(img: RenderedImage, x: number, y: number): [number, number, number, number] {
  const i = 4 * (Math.floor(y) * img.width + Math.floor(x));
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
}

/** Largest per-channel difference between two RGB(A) colours. */
export function colorDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(Math.abs(a[0]! - b[0]!), Math.abs(a[1]! - b[1]!), Math.abs(a[2]! - b[2]!));
}
