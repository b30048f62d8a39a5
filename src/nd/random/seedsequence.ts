/**
 * SeedSequence: NumPy's seed expansion (`np.random.SeedSequence`, from Melissa O'Neill's
 * `seed_seq_fe`), bit for bit, so that `new SeedSequence(42).generateState(4)` equals
 * `np.random.SeedSequence(42).generate_state(4)`.
 *
 * - The entropy (an integer, or a list of integers) is cut into 32-bit words, least significant
 *   first (`0` → `[0]`, `2**40 + 7` → `[7, 256]`), and the spawn key is appended the same way; with
 *   a spawn key, short entropy is first padded with zeros to the pool size.
 * - `mix_entropy` hashes the words into a pool of 4 uint32 (`hashmix` with the INIT_A/MULT_A
 *   constants, then every pool word is mixed into every other).
 * - `generate_state(n)` cycles over the pool and hashes with INIT_B/MULT_B.
 *
 * All of this is 32-bit arithmetic (`Math.imul`, `>>> 0`); BigInt only splits big seeds.
 */
import { ValueError } from '../errors.js';

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
const DEFAULT_POOL_SIZE = 4;

/** A seed: a non-negative integer (number or bigint) or a list of them; undefined → OS entropy. */
export type SeedLike = number | bigint | readonly (number | bigint)[] | null | undefined;

/** Cuts one non-negative integer into 32-bit words, least significant first (`0` → `[0]`). */
function intToWords(v: number | bigint, out: number[]): void {
  let b: bigint;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new ValueError(`SeedSequence: seed must be an integer, got ${v}`);
    if (!Number.isSafeInteger(v)) {
      throw new ValueError(`SeedSequence: seed ${v} is not exactly representable; pass it as a bigint`);
    }
    b = BigInt(v);
  } else if (typeof v === 'bigint') {
    b = v;
  } else {
    throw new ValueError(`SeedSequence: seed must be an integer or a list of integers, got ${typeof v}`);
  }
  if (b < 0n) throw new ValueError('SeedSequence: expected non-negative integer');
  if (b === 0n) {
    out.push(0);
    return;
  }
  while (b > 0n) {
    out.push(Number(b & 0xffffffffn));
    b >>= 32n;
  }
}

function coerceToWords(x: number | bigint | readonly (number | bigint)[]): number[] {
  const out: number[] = [];
  if (typeof x === 'number' || typeof x === 'bigint') intToWords(x, out);
  else for (const v of x) intToWords(v, out);
  return out;
}

/** 128 bits from `crypto.getRandomValues` (NumPy uses `secrets.randbits(128)`). */
function osEntropy(): bigint {
  const c = (globalThis as { crypto?: { getRandomValues<T extends ArrayBufferView>(a: T): T } }).crypto;
  if (c === undefined) {
    throw new ValueError('SeedSequence: no seed given and globalThis.crypto is unavailable; pass a seed');
  }
  const w = c.getRandomValues(new Uint32Array(4));
  return (BigInt(w[3]) << 96n) | (BigInt(w[2]) << 64n) | (BigInt(w[1]) << 32n) | BigInt(w[0]);
}

function mix(x: number, y: number): number {
  let r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  r = (r ^ (r >>> XSHIFT)) >>> 0;
  return r;
}

export interface SeedSequenceOptions {
  /** Extra words appended to the entropy; children of `spawn` get `[...parentKey, i]`. */
  spawnKey?: readonly (number | bigint)[];
  /** Words in the pool (NumPy's default 4). */
  poolSize?: number;
  /** How many children were already spawned (so that further `spawn` calls continue the count). */
  nChildrenSpawned?: number;
}

export class SeedSequence {
  /** The entropy as given, or the 128 random bits drawn when none was given. */
  readonly entropy: number | bigint | readonly (number | bigint)[];
  readonly spawnKey: readonly (number | bigint)[];
  readonly poolSize: number;
  /** The mixed pool of `poolSize` uint32 words (NumPy's `SeedSequence.pool`). */
  readonly pool: Uint32Array;
  private nChildren: number;

  constructor(entropy?: SeedLike, opts: SeedSequenceOptions = {}) {
    this.entropy = entropy === undefined || entropy === null ? osEntropy() : entropy;
    this.spawnKey = Object.freeze([...(opts.spawnKey ?? [])]);
    this.poolSize = opts.poolSize ?? DEFAULT_POOL_SIZE;
    if (!Number.isInteger(this.poolSize) || this.poolSize < 1) {
      throw new ValueError(`SeedSequence: poolSize must be an integer >= 1, got ${this.poolSize}`);
    }
    this.nChildren = opts.nChildrenSpawned ?? 0;
    this.pool = new Uint32Array(this.poolSize);
    this.mixEntropy(this.assembledEntropy());
  }

  /** Number of children spawned so far (NumPy's `n_children_spawned`). */
  get nChildrenSpawned(): number {
    return this.nChildren;
  }

  /** The uint32 words that get hashed: entropy (zero-padded when there is a spawn key), spawn key. */
  private assembledEntropy(): number[] {
    const run = coerceToWords(this.entropy);
    const spawn = coerceToWords(this.spawnKey);
    if (spawn.length > 0 && run.length < this.poolSize) {
      while (run.length < this.poolSize) run.push(0);
    }
    return run.concat(spawn);
  }

  private mixEntropy(ent: readonly number[]): void {
    let hashConst = INIT_A;
    const hashmix = (value: number): number => {
      value = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_A) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      return (value ^ (value >>> XSHIFT)) >>> 0;
    };
    const pool = this.pool;
    const n = pool.length;
    for (let i = 0; i < n; i++) pool[i] = hashmix(i < ent.length ? ent[i] : 0);
    for (let src = 0; src < n; src++) {
      for (let dst = 0; dst < n; dst++) {
        if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
      }
    }
    for (let src = n; src < ent.length; src++) {
      for (let dst = 0; dst < n; dst++) pool[dst] = mix(pool[dst], hashmix(ent[src]));
    }
  }

  /**
   * `nWords` uint32 words of state (NumPy's `generate_state(n_words, np.uint32)`). For NumPy's
   * `generate_state(k, np.uint64)` ask for `2k` words: uint64 number j is `(w[2j+1] << 32) | w[2j]`.
   */
  generateState(nWords: number): Uint32Array {
    if (!Number.isInteger(nWords) || nWords < 0) {
      throw new ValueError(`generateState: nWords must be a non-negative integer, got ${nWords}`);
    }
    const out = new Uint32Array(nWords);
    let hashConst = INIT_B;
    const pool = this.pool;
    for (let i = 0; i < nWords; i++) {
      let v = (pool[i % pool.length] ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
    }
    return out;
  }

  /** `n` independent child sequences (NumPy's `SeedSequence.spawn`); advances `nChildrenSpawned`. */
  spawn(n: number): SeedSequence[] {
    if (!Number.isInteger(n) || n < 0)
      throw new ValueError(`spawn: n must be a non-negative integer, got ${n}`);
    const out: SeedSequence[] = [];
    for (let i = this.nChildren; i < this.nChildren + n; i++) {
      out.push(new SeedSequence(this.entropy, { spawnKey: [...this.spawnKey, i], poolSize: this.poolSize }));
    }
    this.nChildren += n;
    return out;
  }
}
