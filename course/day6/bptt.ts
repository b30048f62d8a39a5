/**
 * Day 6, lesson 1-49: backpropagation through time, and the gradient check that proves it.
 */
import * as nd from '../../src/nd/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { loadPhrases } from './data.js';
import {
  crossEntropy,
  phraseInputs,
  rnnBackward,
  rnnForward,
  PARAM_NAMES,
  type BackwardOptions,
  type RnnGrads,
  type RnnParams,
} from './rnn.js';

/** The loss of one phrase (for finite differences). */
export function phraseLoss(p: RnnParams, xs: nd.NDArray[], target: number): number {
  return crossEntropy(rnnForward(p, xs).y, target).loss;
}

/** ∂L/∂θ for every parameter by central differences: (L(θ + ε) − L(θ − ε)) / 2ε, one entry at a time. */
export function numericalGrads(p: RnnParams, xs: nd.NDArray[], target: number, eps = 1e-5): RnnGrads {
  const out = {} as RnnGrads;
  for (const k of PARAM_NAMES) {
    const w = p[k];
    const g = nd.zerosLike(w);
    for (let i = 0; i < w.size; i++) {
      const orig = w.data[i];
      w.data[i] = orig + eps;
      const up = phraseLoss(p, xs, target);
      w.data[i] = orig - eps;
      const down = phraseLoss(p, xs, target);
      w.data[i] = orig;
      g.data[i] = (up - down) / (2 * eps);
    }
    out[k] = g;
  }
  return out;
}

/** max |a − n| / max |n| for each parameter. */
export function relativeErrors(a: RnnGrads, n: RnnGrads): Record<(typeof PARAM_NAMES)[number], number> {
  const out = {} as Record<(typeof PARAM_NAMES)[number], number>;
  for (const k of PARAM_NAMES) {
    const diff = Number(nd.abs(a[k].sub(n[k])).max().item());
    const scale = Math.max(Number(nd.abs(n[k]).max().item()), 1e-12);
    out[k] = diff / scale;
  }
  return out;
}

/**
 * A small RNN (hidden 8) with weights big enough (std 0.5) that W_hh and W_hhᵀ differ clearly —
 * with randn/1000 both are ≈ 0 and any error would hide.
 */
export function checkParams(rng: nd.random.Generator, vocabSize: number, hidden = 8): RnnParams {
  return {
    Wxh: rng.standardNormal([hidden, vocabSize]).mul(0.5), // (H, V)
    Whh: rng.standardNormal([hidden, hidden]).mul(0.5), // (H, H)
    Why: rng.standardNormal([2, hidden]).mul(0.5), // (2, H)
    bh: rng.standardNormal([hidden, 1]).mul(0.5), // (H, 1)
    by: rng.standardNormal([2, 1]).mul(0.5), // (2, 1)
  };
}

/** BPTT's gradients for one phrase, ours or the tutorial's. */
export function bpttGrads(
  p: RnnParams,
  xs: nd.NDArray[],
  target: number,
  opts: BackwardOptions = {},
): RnnGrads {
  const { y, cache } = rnnForward(p, xs);
  const { dy } = crossEntropy(y, target);
  return rnnBackward(p, cache, dy, opts);
}

export const bpttStep: Step = {
  id: '1-49',
  title: {
    zh: '随时间反向传播（BPTT）与梯度检验',
    en: 'Backpropagation through time (BPTT) and a gradient check',
  },
  text: {
    zh: `损失 L = −log p[目标]。softmax 加交叉熵对 y 的导数很简单：∂L/∂y = p − onehot(目标)。从这里往回走：

    ∂L/∂W_hy = ∂L/∂y · h_Tᵀ         ∂L/∂b_y = ∂L/∂y         ∂L/∂h_T = W_hyᵀ · ∂L/∂y
    然后 t = T … 1：
      ∂L/∂a_t     = ∂L/∂h_t ⊙ (1 − h_t²)           （tanh 的导数，a_t 是 tanh 的输入）
      ∂L/∂W_hh   += ∂L/∂a_t · h_{t−1}ᵀ
      ∂L/∂W_xh   += ∂L/∂a_t · x_tᵀ
      ∂L/∂b_h    += ∂L/∂a_t
      ∂L/∂h_{t−1} = W_hhᵀ · ∂L/∂a_t

每一步用的是同一组 W_hh、W_xh、b_h，所以它们的梯度是各步之和（代码里把各步的外积之和写成一次矩阵乘法）。
然后把每个梯度裁剪到 [−1, 1]，防止梯度爆炸。

**教程的错误**：公开教程最后一行写的是 W_hh · ∂L/∂a_t。a_t = W_hh · h_{t−1} 意味着 ∂a_t[i]/∂h_{t−1}[j] = W_hh[i, j]，
链式法则对 i 求和：Σ_i W_hh[i, j] · ∂L/∂a_t[i] = (W_hhᵀ · ∂L/∂a_t)[j]，所以必须转置。教程能训练出来，
是因为 randn/1000 的 W_hh 很小，错误被掩盖了。下面的梯度检验把它揭示出来：用有限差分
(L(θ+ε) − L(θ−ε)) / 2ε 逐个元素算出"真正的"梯度，和两种 BPTT 比较。我们的相对误差在 1e-9 量级，
教程的版本在 W_hh、W_xh、b_h 上错得离谱（W_hy、b_y 不经过时间回传，所以两者一样）。`,
    en: `The loss is L = −log p[target]. For softmax with cross-entropy the gradient at y is simple:
∂L/∂y = p − onehot(target). From there, backwards:

    ∂L/∂W_hy = ∂L/∂y · h_Tᵀ         ∂L/∂b_y = ∂L/∂y         ∂L/∂h_T = W_hyᵀ · ∂L/∂y
    then for t = T … 1:
      ∂L/∂a_t     = ∂L/∂h_t ⊙ (1 − h_t²)           (tanh's derivative; a_t is the input of tanh)
      ∂L/∂W_hh   += ∂L/∂a_t · h_{t−1}ᵀ
      ∂L/∂W_xh   += ∂L/∂a_t · x_tᵀ
      ∂L/∂b_h    += ∂L/∂a_t
      ∂L/∂h_{t−1} = W_hhᵀ · ∂L/∂a_t

Every step uses the same W_hh, W_xh, b_h, so their gradients are sums over the steps (the code writes the
sum of outer products as one matrix product). Then every gradient is clipped to [−1, 1] against exploding
gradients.

**The tutorial's error**: the public tutorial's last line multiplies by W_hh. But a_t = W_hh · h_{t−1} means
∂a_t[i]/∂h_{t−1}[j] = W_hh[i, j], and the chain rule sums over i: Σ_i W_hh[i, j] · ∂L/∂a_t[i] =
(W_hhᵀ · ∂L/∂a_t)[j] — the transpose. The tutorial still trains because its randn/1000 W_hh is tiny and hides
the mistake. The gradient check below exposes it: central finite differences (L(θ+ε) − L(θ−ε)) / 2ε give the
true gradient entry by entry, compared with both versions of BPTT. Ours agrees to ≈ 1e-9; the tutorial's is
far off for W_hh, W_xh and b_h (W_hy and b_y do not flow back through time, so both get those right).`,
  },
  run(ctx: LessonContext) {
    const { vocabulary } = loadPhrases();
    const rng = nd.random.defaultRng(ctx.config.seed + 1);
    const p = checkParams(rng, vocabulary.size);
    const text = 'i am not at all happy';
    const cols = phraseInputs(vocabulary.oneHot(text)); // T × (V, 1)
    const numeric = numericalGrads(p, cols, 0);
    const ours = relativeErrors(bpttGrads(p, cols, 0), numeric);
    const tutorial = relativeErrors(bpttGrads(p, cols, 0, { tutorialBug: true }), numeric);
    ctx.print(
      `gradient check on "${text}" (hidden 8, weights ~ N(0, 0.5²)): max |BPTT − numeric| / max |numeric|`,
    );
    ctx.print(`${'param'.padEnd(6)} ${'ours (W_hhᵀ)'.padStart(14)} ${"tutorial's (W_hh)".padStart(18)}`);
    for (const k of PARAM_NAMES) {
      ctx.print(
        `${k.padEnd(6)} ${ours[k].toExponential(2).padStart(14)} ${tutorial[k].toExponential(2).padStart(18)}`,
      );
    }
    const worstOurs = Math.max(...PARAM_NAMES.map((k) => ours[k]));
    const worstTutorial = Math.max(...PARAM_NAMES.map((k) => tutorial[k]));
    ctx.record('gradcheck.ours', worstOurs);
    ctx.record('gradcheck.tutorial', worstTutorial);
  },
};
