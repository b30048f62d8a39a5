/**
 * Generated data sets with scikit-learn's definitions (the noise comes from a seeded mlseries
 * Generator, so values differ from scikit-learn's MT19937 streams but the geometry is the same).
 */
import * as nd from '../nd/index.js';
import { ValueError } from '../nd/errors.js';
import { defaultRng, type Generator } from '../nd/random/index.js';
import { toRng, type RngLike } from './dataset.js';

/** What the generators need from a random generator (`nd.random.defaultRng(seed)`). */
export interface NormalSource {
  normal(loc: number, scale: number, shape: number[]): nd.NDArray;
  permutation(n: number): nd.NDArray;
}

export interface MoonsOptions {
  noise?: number;
  shuffle?: boolean;
  rng: NormalSource;
}

/**
 * Two interleaving half circles (sklearn.datasets.make_moons): X (n, 2) float64, y (n,) int64
 * with the first ⌊n/2⌋ points on the upper moon (label 0).
 */
export function makeMoons(nSamples: number, opts: MoonsOptions): { X: nd.NDArray; y: nd.NDArray } {
  if (!Number.isInteger(nSamples) || nSamples < 2)
    throw new ValueError(`makeMoons: nSamples must be an integer ≥ 2, got ${nSamples}`);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const tOut = nd.linspace(0, Math.PI, nOut);
  const tIn = nd.linspace(0, Math.PI, nIn);
  const x = nd.concatenate([nd.cos(tOut), nd.cos(tIn).neg().add(1)]);
  const y = nd.concatenate([nd.sin(tOut), nd.sin(tIn).neg().add(0.5)]);
  let X = nd.stack([x, y], { axis: 1 });
  let labels = nd.concatenate([nd.zeros(nOut, { dtype: 'int64' }), nd.ones(nIn, { dtype: 'int64' })]);
  if (opts.shuffle ?? true) {
    const p = opts.rng.permutation(nSamples);
    X = X.get(p);
    labels = labels.get(p);
  }
  if (opts.noise) X = X.add(opts.rng.normal(0, opts.noise, [nSamples, 2]));
  return { X, y: labels };
}

// ---------------------------------------------------------------- more of scikit-learn's sets

/** A labelled 2-d point set: X (n, 2) float64, y (n,) int64. */
export interface PointSet {
  X: nd.NDArray;
  y: nd.NDArray;
}

function checkCount(n: number, what: string, min = 1): void {
  if (!Number.isInteger(n) || n < min)
    throw new ValueError(`${what}: nSamples must be an integer ≥ ${min}, got ${n}`);
}

/** Rows of X and y in the order `rng.permutation(n)` (scikit-learn's `utils.shuffle`). */
function shuffled(set: PointSet, rng: Generator): PointSet {
  const p = rng.permutation(set.y.shape[0]);
  return { X: set.X.get(p), y: set.y.get(p) };
}

function labels(counts: readonly number[]): nd.NDArray {
  return nd.concatenate(counts.map((c, k) => nd.full(c, k, { dtype: 'int64' })));
}

export interface CirclesOptions {
  /** Standard deviation of the Gaussian noise added to X (none when undefined). */
  noise?: number;
  /** Radius of the inner circle relative to the outer one, in [0, 1) (default 0.8). */
  factor?: number;
  /** Shuffle the points (default true). */
  shuffle?: boolean;
  rng: RngLike;
}

/**
 * A large circle containing a smaller one (sklearn.datasets.make_circles): the outer circle
 * (label 0) gets ⌊n/2⌋ points at angles `linspace(0, 2π, ⌊n/2⌋, endpoint=false)`, the inner one
 * (label 1, radius `factor`) the rest; then the rows are shuffled (`rng.permutation`) and
 * `rng.normal(0, noise, (n, 2))` is added. `nSamples` may be `[nOuter, nInner]`.
 */
export function makeCircles(nSamples: number | readonly [number, number], opts: CirclesOptions): PointSet {
  const [nOut, nIn] =
    typeof nSamples === 'number' ? [Math.floor(nSamples / 2), nSamples - Math.floor(nSamples / 2)] : nSamples;
  checkCount(nOut + nIn, 'makeCircles');
  const factor = opts.factor ?? 0.8;
  if (!(factor >= 0 && factor < 1))
    throw new ValueError(`makeCircles: factor must be in [0, 1), got ${factor}`);
  const rng = toRng(opts.rng, 'makeCircles');
  const tOut = nd.linspace(0, 2 * Math.PI, nOut, { endpoint: false });
  const tIn = nd.linspace(0, 2 * Math.PI, nIn, { endpoint: false });
  const x = nd.concatenate([nd.cos(tOut), nd.cos(tIn).mul(factor)]);
  const y = nd.concatenate([nd.sin(tOut), nd.sin(tIn).mul(factor)]);
  let set: PointSet = { X: nd.stack([x, y], { axis: 1 }), y: labels([nOut, nIn]) };
  if (opts.shuffle ?? true) set = shuffled(set, rng);
  if (opts.noise !== undefined) set.X = set.X.add(rng.normal(0, opts.noise, [nOut + nIn, 2]));
  return set;
}

export interface BlobsOptions {
  /** Features per point (default 2; ignored when `centers` are given as coordinates). */
  nFeatures?: number;
  /**
   * Number of centers drawn uniformly from `centerBox` (default 3), or their coordinates
   * (nCenters, nFeatures).
   */
  centers?: number | readonly (readonly number[])[] | nd.NDArray;
  /** Standard deviation of each blob: one for all, or one per center (default 1). */
  clusterStd?: number | readonly number[];
  /** Bounds [min, max) of random centers (default [-10, 10]). */
  centerBox?: readonly [number, number];
  /** Shuffle the points (default true). */
  shuffle?: boolean;
  rng: RngLike;
}

/**
 * Isotropic Gaussian blobs (sklearn.datasets.make_blobs). Random centers come first
 * (`rng.uniform(box[0], box[1], (nCenters, nFeatures))`), then each blob in turn draws
 * `rng.normal(0, std_k, (n_k, nFeatures))` around its center; with an integer `nSamples` the
 * first `n % nCenters` blobs get one extra point. Rows are shuffled at the end.
 *
 * ```ts
 * const { X, y, centers } = makeBlobs(300, { centers: 4, clusterStd: 0.6, rng: 0 });
 * ```
 */
export function makeBlobs(
  nSamples: number | readonly number[],
  opts: BlobsOptions,
): PointSet & { centers: nd.NDArray } {
  const rng = toRng(opts.rng, 'makeBlobs');
  const box = opts.centerBox ?? [-10, 10];
  let nFeatures = opts.nFeatures ?? 2;
  let centers: nd.NDArray;
  const given = opts.centers ?? (typeof nSamples === 'number' ? 3 : nSamples.length);
  if (typeof given === 'number') {
    checkCount(given, 'makeBlobs: centers');
    centers = rng.uniform(box[0], box[1], [given, nFeatures]);
  } else {
    centers =
      given instanceof nd.NDArray
        ? given.astype('float64')
        : nd.array(given as number[][], { dtype: 'float64' });
    if (centers.ndim !== 2) {
      throw new ValueError(
        `makeBlobs: centers must be (nCenters, nFeatures), got shape (${centers.shape.join(',')})`,
      );
    }
    nFeatures = centers.shape[1];
  }
  const k = centers.shape[0];
  let counts: number[];
  if (typeof nSamples === 'number') {
    checkCount(nSamples, 'makeBlobs');
    counts = Array.from({ length: k }, (_, i) => Math.floor(nSamples / k) + (i < nSamples % k ? 1 : 0));
  } else {
    if (nSamples.length !== k) {
      throw new ValueError(
        `makeBlobs: length of nSamples (${nSamples.length}) not consistent with the number of centers (${k})`,
      );
    }
    counts = [...nSamples];
  }
  const std =
    typeof opts.clusterStd === 'object'
      ? [...opts.clusterStd]
      : new Array<number>(k).fill(opts.clusterStd ?? 1);
  if (std.length !== k) {
    throw new ValueError(
      `makeBlobs: length of clusterStd (${std.length}) not consistent with the number of centers (${k})`,
    );
  }
  const parts = counts.map((c, i) => rng.normal(0, std[i], [c, nFeatures]).add(centers.get(i)));
  let set: PointSet = { X: nd.concatenate(parts), y: labels(counts) };
  if (opts.shuffle ?? true) set = shuffled(set, rng);
  return { ...set, centers };
}

export interface SpiralsOptions {
  /** Number of arms, one class each (default 3). */
  arms?: number;
  /** How far each arm winds, in turns, from the centre to radius 1 (default 0.75). */
  turns?: number;
  /** Standard deviation of the Gaussian noise on each point's angle, in radians (default 0.2). */
  noise?: number;
  /** Shuffle the points (default false: arm 0's points first). */
  shuffle?: boolean;
  rng: RngLike;
}

/**
 * N interleaved spiral arms (the CS231n / TensorFlow-Playground "spiral" set, K arms): arm k has
 * `nPerArm` points with radius r = linspace(0, 1, nPerArm) and angle
 * θ = 2πk/K + 2π·turns·r + noise·ε, at (r cos θ, r sin θ), labelled k. The angle noise is one draw
 * `rng.normal(0, noise, (K, nPerArm))`, arm by arm.
 */
export function spirals(nPerArm: number, opts: SpiralsOptions): PointSet {
  checkCount(nPerArm, 'spirals');
  const arms = opts.arms ?? 3;
  checkCount(arms, 'spirals: arms');
  const turns = opts.turns ?? 0.75;
  const rng = toRng(opts.rng, 'spirals');
  const eps = rng.normal(0, opts.noise ?? 0.2, [arms, nPerArm]).data;
  const X = new Float64Array(arms * nPerArm * 2);
  for (let k = 0; k < arms; k++) {
    for (let i = 0; i < nPerArm; i++) {
      const r = nPerArm === 1 ? 0 : i / (nPerArm - 1);
      const t = (2 * Math.PI * k) / arms + 2 * Math.PI * turns * r + eps[k * nPerArm + i];
      const row = k * nPerArm + i;
      X[2 * row] = r * Math.cos(t);
      X[2 * row + 1] = r * Math.sin(t);
    }
  }
  let set: PointSet = {
    X: nd.NDArray.fromData(X, [arms * nPerArm, 2], 'float64'),
    y: labels(new Array<number>(arms).fill(nPerArm)),
  };
  if (opts.shuffle ?? false) set = shuffled(set, rng);
  return set;
}

export interface YinYangOptions {
  /** Radius of the two dots (default 0.1). */
  rSmall?: number;
  /** Radius of the whole disk (default 0.5). */
  rBig?: number;
  rng: RngLike;
}

/** Class names of `yinYang`'s labels 0, 1, 2. */
export const YIN_YANG_CLASSES = ['yin', 'yang', 'dot'] as const;

/**
 * The label of a point of the yin-yang disk in raw coordinates (disk centre (rBig, rBig)):
 * 2 inside one of the two dots, 0 on the yin side, 1 on the yang side, −1 outside the disk.
 */
function yinYangRaw(x: number, y: number, rSmall: number, rBig: number): number {
  if (Math.hypot(x - rBig, y - rBig) > rBig) return -1;
  const dRight = Math.hypot(x - 1.5 * rBig, y - rBig);
  const dLeft = Math.hypot(x - 0.5 * rBig, y - rBig);
  if (dRight < rSmall || dLeft < rSmall) return 2;
  const yin =
    dRight <= rSmall || (dLeft > rSmall && dLeft <= 0.5 * rBig) || (y > rBig && dRight > 0.5 * rBig);
  return yin ? 0 : 1;
}

/**
 * The true label at a point of `yinYang`'s output coordinates ([-2, 2]²): 0 yin, 1 yang, 2 dot,
 * −1 outside the disk. For drawing the ground truth behind a decision boundary.
 */
export function yinYangLabel(x: number, y: number, opts: { rSmall?: number; rBig?: number } = {}): number {
  const rBig = opts.rBig ?? 0.5;
  return yinYangRaw((x / 2 + 1) * rBig, (y / 2 + 1) * rBig, opts.rSmall ?? 0.1, rBig);
}

/**
 * The 3-class yin-yang set of guide ch.05 (Kriener et al. 2021, "The Yin-Yang dataset", as in
 * Karpathy's micrograd exercise). The points lie in a disk of radius `rBig`, split like the
 * taijitu symbol into yin (label 0) and yang (label 1), with two small dots of radius `rSmall`
 * (label 2) at the centres of the halves. Point i has class i mod 3 (balanced classes): its
 * coordinates are drawn as `x = rng.uniform(0, 2·rBig)`, `y = rng.uniform(0, 2·rBig)` until the
 * point is in the disk and has that class (rejection sampling), then scaled to [-2, 2] by
 * `(v / rBig − 1) · 2`.
 */
export function yinYang(n: number, opts: YinYangOptions): PointSet {
  checkCount(n, 'yinYang');
  const rSmall = opts.rSmall ?? 0.1;
  const rBig = opts.rBig ?? 0.5;
  if (!(rSmall > 0 && rBig > 2 * rSmall)) {
    throw new ValueError(`yinYang: expected 0 < rSmall < rBig / 2, got rSmall ${rSmall}, rBig ${rBig}`);
  }
  const rng = toRng(opts.rng, 'yinYang');
  const X = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const goal = i % 3;
    for (;;) {
      const px = rng.uniform(0, 2 * rBig);
      const py = rng.uniform(0, 2 * rBig);
      if (yinYangRaw(px, py, rSmall, rBig) !== goal) continue;
      X[2 * i] = (px / rBig - 1) * 2;
      X[2 * i + 1] = (py / rBig - 1) * 2;
      y[i] = goal;
      break;
    }
  }
  return { X: nd.NDArray.fromData(X, [n, 2], 'float64'), y: nd.NDArray.fromData(y, [n], 'int64') };
}

// ---------------------------------------------------------------- the course's own sets

/**
 * Day 2's line: `rng = default_rng(seed); noise = rng.random(n) - 0.5; x = linspace(0, 4, n);
 * y = 3x + 4 + noise` — with the defaults (n 100, seed 0) the first point is (0, 4.13696).
 */
export function day2Line(opts: { n?: number; seed?: number } = {}): {
  x: nd.NDArray;
  y: nd.NDArray;
  noise: nd.NDArray;
} {
  const n = opts.n ?? 100;
  checkCount(n, 'day2Line');
  const noise = defaultRng(opts.seed ?? 0)
    .random(n)
    .sub(0.5); // (n,)
  const x = nd.linspace(0, 4, n); // (n,)
  const y = x.mul(3).add(4).add(noise); // (n,)
  return { x, y, noise };
}

/**
 * Day 3's points: `X = default_rng(seed).standard_normal((n, 2))`, label 1 where x + y > 0.
 * With the defaults (n 200, seed 0): 98 ones and 102 zeros. y is int64 (use `astype('float32')`
 * for a sigmoid output).
 */
export function day3Points(opts: { n?: number; seed?: number } = {}): PointSet {
  const n = opts.n ?? 200;
  checkCount(n, 'day3Points');
  const X = defaultRng(opts.seed ?? 0).standardNormal([n, 2]); // (n, 2)
  const y = X.get(nd.slice(), 0).add(X.get(nd.slice(), 1)).gt(0).astype('int64'); // (n,)
  return { X, y };
}
