/**
 * Recurrent layers with PyTorch's equations, gate order and parameter names:
 *
 *   RNN   h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)                   (or relu)
 *   LSTM  i, f, g, o = split(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh, 4)        gates in this order
 *         c' = σ(f)·c + σ(i)·tanh(g),  h' = σ(o)·tanh(c')
 *   GRU   r, z = σ(x W_ir,izᵀ + b_ir,iz + h W_hr,hzᵀ + b_hr,hz)          gates r, z, n
 *         n = tanh(x W_inᵀ + b_in + r·(h W_hnᵀ + b_hn)),  h' = (1 − z)·n + z·h
 *
 * Parameters `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` (with `_reverse`
 * for the backward direction) are all drawn from U(−1/√H, 1/√H). Each layer projects the whole
 * input sequence with one matrix product, then steps through time.
 */
import * as nd from '../nd/index.js';
import { ValueError, formatShape } from '../nd/errors.js';
import { Tensor } from '../autograd/tensor.js';
import { concat, stack } from '../autograd/ops/movement.js';
import { dropout } from '../autograd/functional.js';
import { Module, type Parameter } from './module.js';
import { emptyParameter, type FloatDType, type LayerOptions } from './options.js';
import { resolveRng, type Generator } from './rng.js';
import * as init from './init.js';

export type RNNMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

export interface RNNOptions extends LayerOptions {
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** Add b_ih and b_hh (default true). */
  bias?: boolean;
  /** Input and output as (B, T, ·) instead of (T, B, ·) (default false). */
  batchFirst?: boolean;
  /** Dropout on the outputs of every layer but the last, while training (default 0). */
  dropout?: number;
  /** Run a second pass from the end and concatenate both (default false). */
  bidirectional?: boolean;
}

/**
 * Splits (T, …) into T tensors (…) by halving, so the backward adds O(size · log T) instead of the
 * O(size · T) of T separate index ops.
 */
function unbindTime(x: Tensor): Tensor[] {
  const T = x.shape[0];
  if (T === 1) return [x.reshape(x.shape.slice(1))];
  const half = T >> 1;
  return [...unbindTime(x.index(nd.slice(0, half))), ...unbindTime(x.index(nd.slice(half, T)))];
}

/** Columns [k·H, (k+1)·H) of a (B, n·H) gate tensor. */
function chunk(g: Tensor, k: number, H: number): Tensor {
  return g.index(nd.slice(), nd.slice(k * H, (k + 1) * H)); // (B, H)
}

/**
 * One RNN step: h' = act(gx + h W_hhᵀ + b_hh), where gx = x W_ihᵀ + b_ih is precomputed.
 * All of x, h are (B, ·); the step functions are shared by the sequence layers and the cells.
 */
export function rnnStep(gx: Tensor, h: Tensor, whh: Tensor, bhh: Tensor | null, relu = false): Tensor {
  let pre = gx.add(h.matmul(whh.transpose(0, 1))); // (B, H)
  if (bhh) pre = pre.add(bhh);
  return relu ? pre.relu() : pre.tanh();
}

/** One LSTM step (gates i, f, g, o in PyTorch's order) → [h', c']. */
export function lstmStep(
  gx: Tensor,
  h: Tensor,
  c: Tensor,
  whh: Tensor,
  bhh: Tensor | null,
): [Tensor, Tensor] {
  const H = h.shape[h.ndim - 1];
  let gates = gx.add(h.matmul(whh.transpose(0, 1))); // (B, 4H)
  if (bhh) gates = gates.add(bhh);
  const i = chunk(gates, 0, H).sigmoid(); // (B, H) input gate
  const f = chunk(gates, 1, H).sigmoid(); // (B, H) forget gate
  const g = chunk(gates, 2, H).tanh(); // (B, H) candidate
  const o = chunk(gates, 3, H).sigmoid(); // (B, H) output gate
  const c2 = f.mul(c).add(i.mul(g)); // (B, H)
  return [o.mul(c2.tanh()), c2];
}

/** One GRU step (gates r, z, n in PyTorch's order; b_hn stays inside r·(…)) → h'. */
export function gruStep(gx: Tensor, h: Tensor, whh: Tensor, bhh: Tensor | null): Tensor {
  const H = h.shape[h.ndim - 1];
  let gh = h.matmul(whh.transpose(0, 1)); // (B, 3H)
  if (bhh) gh = gh.add(bhh);
  const r = chunk(gx, 0, H)
    .add(chunk(gh, 0, H))
    .sigmoid(); // (B, H) reset gate
  const z = chunk(gx, 1, H)
    .add(chunk(gh, 1, H))
    .sigmoid(); // (B, H) update gate
  const n = chunk(gx, 2, H)
    .add(r.mul(chunk(gh, 2, H)))
    .tanh(); // (B, H) candidate
  return z.neg().add(1).mul(n).add(z.mul(h)); // (1 − z)·n + z·h
}

/** The machinery shared by RNN, LSTM and GRU. */
abstract class RNNBase<State> extends Module<[Tensor, State?], [Tensor, State]> {
  readonly numLayers: number;
  readonly hasBias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  private readonly dtype: FloatDType;
  private readonly rng: Generator | null;

  constructor(
    readonly mode: RNNMode,
    readonly inputSize: number,
    readonly hiddenSize: number,
    opts: RNNOptions = {},
  ) {
    super();
    this.numLayers = opts.numLayers ?? 1;
    this.hasBias = opts.bias ?? true;
    this.batchFirst = opts.batchFirst ?? false;
    this.dropout = opts.dropout ?? 0;
    this.bidirectional = opts.bidirectional ?? false;
    this.dtype = opts.dtype ?? 'float32';
    this.rng = opts.rng ?? null;
    if (!(this.dropout >= 0 && this.dropout <= 1))
      throw new ValueError(`${mode}: dropout should be a number in [0, 1], got ${this.dropout}`);
    const gates = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 }[mode] * hiddenSize;
    const dirs = this.bidirectional ? 2 : 1;
    const self = this as unknown as Record<string, unknown>;
    for (let l = 0; l < this.numLayers; l++) {
      for (let d = 0; d < dirs; d++) {
        const sfx = `_l${l}${d === 1 ? '_reverse' : ''}`;
        const inSize = l === 0 ? inputSize : hiddenSize * dirs;
        self[`weight_ih${sfx}`] = emptyParameter([gates, inSize], this.dtype);
        self[`weight_hh${sfx}`] = emptyParameter([gates, hiddenSize], this.dtype);
        if (this.hasBias) {
          self[`bias_ih${sfx}`] = emptyParameter([gates], this.dtype);
          self[`bias_hh${sfx}`] = emptyParameter([gates], this.dtype);
        }
      }
    }
    this.resetParameters(opts);
  }

  /** Every weight and bias ~ U(−1/√hidden_size, 1/√hidden_size). */
  resetParameters(opts: { rng?: Generator | null } = {}): void {
    const k = 1 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) init.uniform(p, -k, k, { rng: opts.rng });
  }

  protected param(name: string): Parameter {
    return (this as unknown as Record<string, Parameter>)[name];
  }
  protected optParam(name: string): Parameter | null {
    return (this as unknown as Record<string, Parameter | undefined>)[name] ?? null;
  }

  /** Number of directions (2 when bidirectional). */
  get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** How many state tensors a step carries: 2 for LSTM (h, c), 1 otherwise. */
  protected abstract readonly stateCount: number;
  protected abstract packState(h: Tensor, c: Tensor | null): State;
  protected abstract unpackState(s: State): [Tensor, Tensor | null];

  /**
   * One time step of one direction: gx = x W_ihᵀ + b_ih (precomputed), h (B, H) and for LSTM
   * c (B, H) → [h', c'].
   */
  protected abstract cell(
    gx: Tensor,
    h: Tensor,
    c: Tensor | null,
    whh: Tensor,
    bhh: Tensor | null,
  ): [Tensor, Tensor | null];

  /**
   * input (T, B, I) — (B, T, I) with batchFirst, or (T, I) unbatched — and optional initial state
   * (numLayers·numDirections, B, H) → [output (T, B, D·H), final state (numLayers·D, B, H)].
   */
  forward(input: Tensor, hx?: State): [Tensor, State] {
    const unbatched = input.ndim === 2;
    if ((input.ndim !== 2 && input.ndim !== 3) || input.shape[input.ndim - 1] !== this.inputSize) {
      const want = this.batchFirst ? `(B, T, ${this.inputSize})` : `(T, B, ${this.inputSize})`;
      throw this.shapeError(
        `expected input ${want} or (T, ${this.inputSize}), got shape ${formatShape(input.shape)}`,
      );
    }
    let x = unbatched ? input.unsqueeze(1) : this.batchFirst ? input.transpose(0, 1) : input; // (T, B, I)
    const [T, B] = x.shape;
    const H = this.hiddenSize;
    const D = this.numDirections;
    const L = this.numLayers;
    let h0: Tensor | null = null;
    let c0: Tensor | null = null;
    if (hx !== undefined) {
      [h0, c0] = this.unpackState(hx);
      const want = unbatched ? [L * D, H] : [L * D, B, H];
      for (const s of [h0, c0]) {
        if (s && (s.ndim !== want.length || s.shape.some((d, i) => d !== want[i]))) {
          throw this.shapeError(
            `expected initial state of shape ${formatShape(want)}, got ${formatShape(s.shape)}`,
          );
        }
      }
      if (unbatched) {
        h0 = h0.unsqueeze(1);
        c0 = c0 ? c0.unsqueeze(1) : null;
      }
    }
    const zeros = new Tensor(nd.zeros([B, H], { dtype: x.dtype }));
    const lastH: Tensor[] = [];
    const lastC: Tensor[] = [];
    for (let l = 0; l < L; l++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < D; d++) {
        const sfx = `_l${l}${d === 1 ? '_reverse' : ''}`;
        const k = l * D + d;
        const wih = this.param(`weight_ih${sfx}`);
        const whh = this.param(`weight_hh${sfx}`);
        const bih = this.optParam(`bias_ih${sfx}`);
        const bhh = this.optParam(`bias_hh${sfx}`);
        const inSize = x.shape[2];
        let gx = x.reshape([T * B, inSize]).matmul(wih.transpose(0, 1)); // (T·B, G)
        if (bih) gx = gx.add(bih);
        const steps = unbindTime(gx.reshape([T, B, -1])); // T × (B, G)
        let h = h0 ? h0.index(k) : zeros; // (B, H)
        let c = this.stateCount === 2 ? (c0 ? c0.index(k) : zeros) : null; // (B, H)
        const hs: Tensor[] = new Array<Tensor>(T);
        for (let s = 0; s < T; s++) {
          const t = d === 0 ? s : T - 1 - s;
          [h, c] = this.cell(steps[t], h, c, whh, bhh); // (B, H)
          hs[t] = h;
        }
        outs.push(stack(hs, 0)); // (T, B, H)
        lastH.push(h);
        if (c) lastC.push(c);
      }
      x = D === 1 ? outs[0] : concat(outs, 2); // (T, B, D·H)
      if (this.dropout > 0 && l < L - 1)
        x = dropout(x, this.dropout, { training: this.training, rng: resolveRng(this.rng) });
    }
    let out = x; // (T, B, D·H)
    let hn = stack(lastH, 0); // (L·D, B, H)
    let cn = lastC.length > 0 ? stack(lastC, 0) : null; // (L·D, B, H)
    if (unbatched) {
      out = out.squeeze(1); // (T, D·H)
      hn = hn.squeeze(1); // (L·D, H)
      cn = cn ? cn.squeeze(1) : null;
    } else if (this.batchFirst) out = out.transpose(0, 1); // (B, T, D·H)
    return [out, this.packState(hn, cn)];
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (this.mode === 'RNN_RELU') s += ", nonlinearity='relu'";
    if (!this.hasBias) s += ', bias=False';
    if (this.batchFirst) s += ', batch_first=True';
    if (this.dropout !== 0) s += `, dropout=${this.dropout}`;
    if (this.bidirectional) s += ', bidirectional=True';
    return s;
  }
}

/** Elman RNN with tanh (default) or relu. Returns [output, h_n]. */
export class RNN extends RNNBase<Tensor> {
  protected readonly stateCount = 1;
  constructor(
    inputSize: number,
    hiddenSize: number,
    opts: RNNOptions & { nonlinearity?: 'tanh' | 'relu' } = {},
  ) {
    super(opts.nonlinearity === 'relu' ? 'RNN_RELU' : 'RNN_TANH', inputSize, hiddenSize, opts);
  }
  protected packState(h: Tensor): Tensor {
    return h;
  }
  protected unpackState(s: Tensor): [Tensor, Tensor | null] {
    return [s, null];
  }
  protected cell(gx: Tensor, h: Tensor, _c: Tensor | null, whh: Tensor, bhh: Tensor | null): [Tensor, null] {
    return [rnnStep(gx, h, whh, bhh, this.mode === 'RNN_RELU'), null];
  }
}

/** Long short-term memory. Returns [output, [h_n, c_n]]; the initial state is [h_0, c_0]. */
export class LSTM extends RNNBase<[Tensor, Tensor]> {
  protected readonly stateCount = 2;
  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super('LSTM', inputSize, hiddenSize, opts);
  }
  protected packState(h: Tensor, c: Tensor | null): [Tensor, Tensor] {
    return [h, c!];
  }
  protected unpackState(s: [Tensor, Tensor]): [Tensor, Tensor | null] {
    return [s[0], s[1]];
  }
  protected cell(gx: Tensor, h: Tensor, c: Tensor | null, whh: Tensor, bhh: Tensor | null): [Tensor, Tensor] {
    return lstmStep(gx, h, c!, whh, bhh);
  }
}

/** Gated recurrent unit. Returns [output, h_n]. */
export class GRU extends RNNBase<Tensor> {
  protected readonly stateCount = 1;
  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super('GRU', inputSize, hiddenSize, opts);
  }
  protected packState(h: Tensor): Tensor {
    return h;
  }
  protected unpackState(s: Tensor): [Tensor, Tensor | null] {
    return [s, null];
  }
  protected cell(gx: Tensor, h: Tensor, _c: Tensor | null, whh: Tensor, bhh: Tensor | null): [Tensor, null] {
    return [gruStep(gx, h, whh, bhh), null];
  }
}

// ------------------------------------------------------------------------------------------ cells

/** One step of a recurrent layer as a module: weight_ih, weight_hh, bias_ih, bias_hh. */
abstract class CellBase<State> extends Module<[Tensor, State?], State> {
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null;
  bias_hh: Parameter | null;

  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    gates: number,
    opts: LayerOptions & { bias?: boolean } = {},
  ) {
    super();
    this.weight_ih = emptyParameter([gates * hiddenSize, inputSize], opts.dtype);
    this.weight_hh = emptyParameter([gates * hiddenSize, hiddenSize], opts.dtype);
    this.bias_ih = opts.bias === false ? null : emptyParameter([gates * hiddenSize], opts.dtype);
    this.bias_hh = opts.bias === false ? null : emptyParameter([gates * hiddenSize], opts.dtype);
    const k = 1 / Math.sqrt(hiddenSize);
    for (const p of this.parameters()) init.uniform(p, -k, k, { rng: opts.rng });
  }

  /** x (B, I) or (I,) → gx = x W_ihᵀ + b_ih (B, G), and whether x was unbatched. */
  protected project(x: Tensor): [Tensor, boolean] {
    if ((x.ndim !== 1 && x.ndim !== 2) || x.shape[x.ndim - 1] !== this.inputSize) {
      throw this.shapeError(
        `expected input (B, ${this.inputSize}) or (${this.inputSize},), got shape ${formatShape(x.shape)}`,
      );
    }
    const unbatched = x.ndim === 1;
    const xb = unbatched ? x.unsqueeze(0) : x; // (B, I)
    let gx = xb.matmul(this.weight_ih.transpose(0, 1)); // (B, G)
    if (this.bias_ih) gx = gx.add(this.bias_ih);
    return [gx, unbatched];
  }

  /** A given state (B, H) / (H,), checked, or zeros. */
  protected state(s: Tensor | undefined, B: number, unbatched: boolean, dtype: FloatDType): Tensor {
    if (s === undefined) return new Tensor(nd.zeros([B, this.hiddenSize], { dtype }));
    const want = unbatched ? [this.hiddenSize] : [B, this.hiddenSize];
    if (s.ndim !== want.length || s.shape.some((d, i) => d !== want[i])) {
      throw this.shapeError(
        `expected hidden state of shape ${formatShape(want)}, got ${formatShape(s.shape)}`,
      );
    }
    return unbatched ? s.unsqueeze(0) : s;
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias_ih ? '' : ', bias=False'}`;
  }
}

/** One Elman step: h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh) (or relu). */
export class RNNCell extends CellBase<Tensor> {
  readonly nonlinearity: 'tanh' | 'relu';
  constructor(
    inputSize: number,
    hiddenSize: number,
    opts: LayerOptions & { bias?: boolean; nonlinearity?: 'tanh' | 'relu' } = {},
  ) {
    super(inputSize, hiddenSize, 1, opts);
    this.nonlinearity = opts.nonlinearity ?? 'tanh';
  }
  forward(x: Tensor, hx?: Tensor): Tensor {
    const [gx, unbatched] = this.project(x); // (B, H)
    const h = this.state(hx, gx.shape[0], unbatched, gx.dtype as FloatDType); // (B, H)
    const h2 = rnnStep(gx, h, this.weight_hh, this.bias_hh, this.nonlinearity === 'relu'); // (B, H)
    return unbatched ? h2.squeeze(0) : h2;
  }
}

/** One LSTM step: (x, [h, c]) → [h', c']. */
export class LSTMCell extends CellBase<[Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, opts: LayerOptions & { bias?: boolean } = {}) {
    super(inputSize, hiddenSize, 4, opts);
  }
  forward(x: Tensor, hx?: [Tensor, Tensor]): [Tensor, Tensor] {
    const [gx, unbatched] = this.project(x); // (B, 4H)
    const B = gx.shape[0];
    const dt = gx.dtype as FloatDType;
    const h = this.state(hx?.[0], B, unbatched, dt); // (B, H)
    const c = this.state(hx?.[1], B, unbatched, dt); // (B, H)
    const [h2, c2] = lstmStep(gx, h, c, this.weight_hh, this.bias_hh); // (B, H) each
    return unbatched ? [h2.squeeze(0), c2.squeeze(0)] : [h2, c2];
  }
}

/** One GRU step: (x, h) → h'. */
export class GRUCell extends CellBase<Tensor> {
  constructor(inputSize: number, hiddenSize: number, opts: LayerOptions & { bias?: boolean } = {}) {
    super(inputSize, hiddenSize, 3, opts);
  }
  forward(x: Tensor, hx?: Tensor): Tensor {
    const [gx, unbatched] = this.project(x); // (B, 3H)
    const h = this.state(hx, gx.shape[0], unbatched, gx.dtype as FloatDType); // (B, H)
    const h2 = gruStep(gx, h, this.weight_hh, this.bias_hh); // (B, H)
    return unbatched ? h2.squeeze(0) : h2;
  }
}
