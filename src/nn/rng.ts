/**
 * Where layers get their randomness: the generator passed as `rng`, or the default generator
 * that `manualSeed(seed)` replaces (PyTorch's `torch.manual_seed`). Both are NumPy-compatible
 * PCG64 streams (`nd.random.defaultRng`), so initial weights and dropout masks are reproducible;
 * there is no `Math.random` anywhere.
 */
import { defaultRng, type Generator } from '../nd/random/generator.js';

// NOTE: the one piece of mutable state in nn, seeded (0) so that runs are reproducible by default
let defaultGen: Generator = defaultRng(0);

/** Replaces the default generator with `defaultRng(seed)` and returns it. */
export function manualSeed(seed: number): Generator {
  defaultGen = defaultRng(seed);
  return defaultGen;
}

/** The generator layers use when none is passed. */
export function defaultGenerator(): Generator {
  return defaultGen;
}

/** `rng` if given, else the default generator. */
export function resolveRng(rng?: Generator | null): Generator {
  return rng ?? defaultGen;
}

export type { Generator };
