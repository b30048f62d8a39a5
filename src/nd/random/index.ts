/**
 * `nd.random`: NumPy's `default_rng` in TypeScript — PCG64 seeded through SeedSequence, and a
 * `Generator` whose streams equal NumPy 2.x's for the same seed. See README.md in this folder for
 * which methods are bit-equal to NumPy.
 *
 * ```ts
 * const rng = nd.random.defaultRng(42);
 * rng.random([2, 3]); // [[0.77395605, 0.43887844, 0.85859792], [0.69736803, 0.09417735, 0.97562235]]
 * ```
 */
export {
  Generator,
  defaultRng,
  type Size,
  type FloatDType,
  type IntDType,
  type FloatOptions,
  type IntegersOptions,
  type ChoiceOptions,
  type ArrayInput,
} from './generator.js';
export { PCG64, type PCG64State, type PCG64StateInput } from './pcg64.js';
export { SeedSequence, type SeedLike, type SeedSequenceOptions } from './seedsequence.js';
/**
 * Low-level samplers on a PCG64 and typed arrays (no NDArray): `fillStandardNormal(bg, out)` etc.
 * fill a Float64Array / Float32Array in place with exactly the values the Generator methods return.
 */
export {
  fillRandom,
  fillStandardNormal,
  fillStandardExponential,
  fillBoundedInt64,
  fillBounded32,
  fillBounded8,
  fillBoundedBool,
  standardNormal,
  standardNormalF,
  standardExponential,
  standardExponentialF,
  randomInterval,
  boundedUint,
  binomial,
  poisson,
  loggam,
  BinomialCache,
} from './distributions.js';
export { RandomState } from './legacy.js';
