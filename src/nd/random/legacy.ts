/**
 * NumPy's legacy generator (`np.random.RandomState(s)`, what `np.random.seed(s)` sets up; MT19937):
 * `randomSample`, `standardNormal`/`randn`/`normal` (the legacy polar Box–Muller with its cached
 * second value), `shuffle` and `permutation`. Uniforms and permutations are bit-equal to NumPy's;
 * normals agree to a few ulps (they go through log(), which differs between V8 and C libraries).
 * Old tutorials (and scikit-learn's generators) draw from it: Day 4 builds its moons with
 * `makeMoons` on `new RandomState(3)` and its weights on `new RandomState(0)`, reproducing the
 * original's data.
 * New code should use `defaultRng` (PCG64).
 */
import { NDArray } from '../ndarray.js';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** `np.random.RandomState(seed)`: MT19937 seeded like NumPy's `mt19937_seed` (init_genrand). */
export class RandomState {
  private readonly key = new Uint32Array(N);
  private pos = N;
  private gauss: number | null = null;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`RandomState: seed must be between 0 and 2**32 - 1, got ${seed}`);
    }
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.key[i] = s;
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + i + 1) >>> 0;
    }
  }

  /** The next raw 32-bit output (tempered). */
  nextUint32(): number {
    if (this.pos === N) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 random bits (`random_sample`). */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** One standard normal number (legacy polar method; every second call uses the cached value). */
  standardNormal(): number {
    if (this.gauss !== null) {
      const g = this.gauss;
      this.gauss = null;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    return f * x2;
  }

  /** `np.random.randn(...shape)`: float64, filled in C order. */
  randn(...shape: number[]): NDArray {
    const n = shape.reduce((a, b) => a * b, 1);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.standardNormal();
    return NDArray.fromData(out, shape, 'float64');
  }

  /** `np.random.normal(loc, scale, shape)`. */
  normal(loc: number, scale: number, shape: number[]): NDArray {
    const z = this.randn(...shape).toTypedArray() as Float64Array;
    for (let i = 0; i < z.length; i++) z[i] = loc + scale * z[i];
    return NDArray.fromData(z, shape, 'float64');
  }

  /** A uniform integer in [0, max] by masked rejection (NumPy's `random_interval`). */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0;
    while (v > max);
    return v;
  }

  /** Shuffles a 1-d list in place (Fisher–Yates from the end, as `RandomState.shuffle`). */
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.interval(i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }

  /** `np.random.permutation(n)`: a shuffled `arange(n)` (int64). */
  permutation(n: number): NDArray {
    const order = this.shuffle(Array.from({ length: n }, (_, i) => i));
    return NDArray.fromData(Float64Array.from(order), [n], 'int64');
  }

  private generate(): void {
    const k = this.key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (k[i] & UPPER) | (k[i + 1] & LOWER);
      k[i] = k[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      const y = (k[i] & UPPER) | (k[i + 1] & LOWER);
      k[i] = k[i + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (k[N - 1] & UPPER) | (k[0] & LOWER);
    k[N - 1] = k[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }
}
