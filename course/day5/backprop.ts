/**
 * Day 5, lesson 1-16: the backward pass, checked on one digit — every hand-written gradient against
 * central finite differences — and the original's max-pool bug (#7) made visible.
 */
import * as nd from '../../src/nd/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { loadDigits } from '../day3/mnist.js';
import { backward, countTies, forward, initCnn, numericGradient, prepare } from './cnn.js';

/** Max |a_i − b_i|. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export const backpropStep: Step = {
  id: '1-16',
  title: { zh: '反向传播：三层各自的梯度', en: 'Backpropagation: the gradient of each layer' },
  text: {
    zh: `从损失往回，一层一层地求梯度（代码在 course/day5/cnn.ts，前向和反向并排，每一项一行注释）：

- **Softmax 层**：L = −ln p_c，只有 ∂L/∂p_c = −1/p_c 不为 0；softmax 的雅可比 ∂p_c/∂t_k = p_c(δ_ck − p_k)；
  相乘得 ∂L/∂t = p − onehot。再由 t = x·W + b：∂L/∂W = x ⊗ ∂L/∂t，∂L/∂b = ∂L/∂t，∂L/∂x = W·∂L/∂t。
- **最大池化**：每个输出就是它那块里的一个输入，梯度只流回那**一个**最大值的位置，其余三个为 0。
- **卷积**：out[i,j,f] = Σ image[i+a, j+b]·filter[f,a,b]，所以 ∂L/∂filter[f,a,b] = Σ_ij ∂L/∂out[i,j,f]·image[i+a, j+b]——
  又是一次矩阵乘法：(8, 676) · (676, 9)。第一层不需要对输入求梯度。

**原教程的错误（#7，已改正）：** 它的池化反向把梯度复制给块里**每一个**等于最大值的输入。数字周围的背景是常数，
卷积输出在那里四个一样大，于是梯度被算了好几遍。下面在一张图上对比有限差分：我们的梯度吻合，原教程的不吻合。
（测试里还会和自动求导引擎 src/autograd 的结果逐项对比。）`,
    en: `From the loss backwards, layer by layer (the code is in course/day5/cnn.ts, forward beside backward, one comment
per term):

- **Softmax layer**: L = −ln p_c, so only ∂L/∂p_c = −1/p_c is non-zero; the softmax Jacobian is
  ∂p_c/∂t_k = p_c(δ_ck − p_k); their product is ∂L/∂t = p − onehot. With t = x·W + b: ∂L/∂W = x ⊗ ∂L/∂t,
  ∂L/∂b = ∂L/∂t, ∂L/∂x = W·∂L/∂t.
- **Max-pooling**: each output IS one of its window's inputs, so the gradient flows back to that **one** maximum and
  the other three get 0.
- **Convolution**: out[i,j,f] = Σ image[i+a, j+b]·filter[f,a,b], so ∂L/∂filter[f,a,b] = Σ_ij ∂L/∂out[i,j,f]·image[i+a, j+b]
  — one more matrix product, (8, 676) · (676, 9). The first layer needs no gradient for its input.

**The original's error (#7, fixed):** its pooling backward copies the gradient to **every** input equal to the
window's maximum. The background around a digit is constant, the conv outputs there are four equal values, and the
gradient gets counted several times. Below, on one digit, against finite differences: ours agrees, the original's
does not. (The tests also compare every gradient with the autograd engine, src/autograd.)`,
  },
  async run(ctx: LessonContext) {
    const { train } = await loadDigits(ctx.config);
    const params = initCnn(ctx.config.seed);
    const image = prepare(train.images.get(0));
    const label = Number(train.labels.item(0));
    const fw = forward(image, label, params);
    const ours = backward(label, fw, params);
    const original = backward(label, fw, params, { originalPool: true });
    const ties = countTies(fw.pool);
    ctx.print(
      `image 0 (label ${label}): loss ${fw.loss.toFixed(4)}; ${ties} of ${fw.pool.argmax.size} pooling windows have a tied maximum`,
    );

    // finite differences: all 72 filter weights, all 10 biases, 20 random softmax weights
    const filterIdx = Array.from({ length: params.filters.size }, (_, i) => i);
    const biasIdx = Array.from({ length: params.biases.size }, (_, i) => i);
    const rng = nd.random.defaultRng(ctx.config.seed + 1);
    const weightIdx = Array.from(rng.integers(0, params.weights.size, [20]).toTypedArray(), Number);
    const numFilters = numericGradient(image, label, params, 'filters', filterIdx);
    const numBiases = numericGradient(image, label, params, 'biases', biasIdx);
    const numWeights = numericGradient(image, label, params, 'weights', weightIdx);
    const pick = (a: nd.NDArray, idx: number[]) => idx.map((k) => Number(a.reshape(-1).item(k)));

    const errFilters = maxAbsDiff(pick(ours.filters, filterIdx), numFilters);
    const errBiases = maxAbsDiff(pick(ours.biases, biasIdx), numBiases);
    const errWeights = maxAbsDiff(pick(ours.weights, weightIdx), numWeights);
    const errOriginal = maxAbsDiff(pick(original.filters, filterIdx), numFilters);
    const scale = Math.max(...numFilters.map(Math.abs));
    ctx.print(
      `max |hand − finite difference|: filters ${errFilters.toExponential(2)}, softmax weights ${errWeights.toExponential(2)}, biases ${errBiases.toExponential(2)}`,
    );
    ctx.print(
      `the original's pool backward (gradient to every tied maximum): filters off by up to ${errOriginal.toFixed(4)} (largest filter gradient ${scale.toFixed(4)})`,
    );
    ctx.print('dL/dfilters[0] (ours) =');
    ctx.print(ours.filters.get(0).round(5));
    ctx.print("dL/dfilters[0] (the original's) =");
    ctx.print(original.filters.get(0).round(5));
    ctx.record('grad.filters', errFilters);
    ctx.record('grad.weights', errWeights);
    ctx.record('grad.biases', errBiases);
    ctx.record('grad.originalPool', errOriginal);
    ctx.record('grad:ties', ties);
  },
};
