/**
 * Day 5, lesson 1-14: convolution — the 4×4 example with the vertical Sobel filter (first output
 * 29), valid vs same padding, what a filter does to a digit, and the Conv3x3 layer with 8 filters
 * (28×28 → 26×26×8, 72 weights).
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import type { LessonContext, Step } from '../lesson.js';
import { loadDigits } from '../day3/mnist.js';
import { convForward, convolve2d, initCnn, prepare, SOBEL_VERTICAL } from './cnn.js';

/** The course's 4×4 image. */
export const SMALL_IMAGE = [
  [0, 50, 0, 29],
  [0, 80, 31, 2],
  [33, 90, 0, 75],
  [0, 9, 0, 95],
];

export const convolutionStep: Step = {
  id: '1-14',
  title: { zh: '卷积：Sobel 滤波器与 Conv3x3 层', en: 'Convolution: the Sobel filter and a Conv3x3 layer' },
  text: {
    zh: `卷积就是拿一个小滤波器（这里 3×3）在图上滑动，每个位置把覆盖的 9 个像素和滤波器对应相乘再相加。
（严格说这是互相关：滤波器不翻转；CNN 里都这么做。）

4×4 的小图配竖直 Sobel 滤波器 [[−1,0,1],[−2,0,2],[−1,0,1]]：左上角的输出
0·(−1) + 50·0 + 0·1 + 0·(−2) + 80·0 + 31·2 + 33·(−1) + 90·0 + 0·1 = **29**。
不补边（valid）时 4×4 → 2×2；四周补一圈 0（same）时输出和输入一样大，4×4 → 4×4。
竖直 Sobel 对竖直的边缘（左暗右亮或反过来）反应最强。

网络的第一层 Conv3x3 有 8 个这样的滤波器，但数值不是人定的，而是学出来的（初始为 randn/9）：
28×28 的图 → 26×26×8 的特征图，权重 8 × 3 × 3 = 72 个（原教程不用偏置）。
实现上，我们用 NumPy 的 \`sliding_window_view\` 同款视图取出所有 3×3 小块（676 × 9 的矩阵），
卷积就变成一次矩阵乘法：(676, 9) · (9, 8) → (676, 8)。`,
    en: `A convolution slides a small filter (3×3 here) over the image; at every position it multiplies the 9 pixels
under the filter by the filter's numbers and adds them up. (Strictly a cross-correlation — the filter is not
flipped — as in every CNN.)

The 4×4 example with the vertical Sobel filter [[−1,0,1],[−2,0,2],[−1,0,1]]: the top-left output is
0·(−1) + 50·0 + 0·1 + 0·(−2) + 80·0 + 31·2 + 33·(−1) + 90·0 + 0·1 = **29**. Without padding ('valid') 4×4 → 2×2;
with a ring of zeros ('same') the output is as large as the input, 4×4 → 4×4. The vertical Sobel filter responds
most to vertical edges (dark on one side, bright on the other).

The network's first layer, Conv3x3, has 8 such filters, but their numbers are learned, not chosen (they start as
randn/9): a 28×28 image → 26×26×8 feature maps, with 8 × 3 × 3 = 72 weights (the original uses no bias).
We take all 3×3 patches with a view like NumPy's \`sliding_window_view\` (a 676 × 9 matrix), so the convolution is one
matrix product: (676, 9) · (9, 8) → (676, 8).`,
  },
  async run(ctx: LessonContext) {
    const image = nd.array(SMALL_IMAGE); // (4, 4)
    const sobel = nd.array(SOBEL_VERTICAL); // (3, 3)
    const valid = convolve2d(image, sobel, 'valid'); // (2, 2)
    const same = convolve2d(image, sobel, 'same'); // (4, 4)
    ctx.print('image =');
    ctx.print(image);
    ctx.print('sobel (vertical) =');
    ctx.print(sobel);
    const terms = (
      SMALL_IMAGE.slice(0, 3).flatMap((row, a) =>
        row.slice(0, 3).map((v, b) => `${v}·(${SOBEL_VERTICAL[a][b]})`),
      ) as string[]
    ).join(' + ');
    ctx.print(`out[0, 0] = ${terms} = ${valid.item(0, 0)}`);
    ctx.print('valid (no padding): 4×4 → 2×2 =');
    ctx.print(valid);
    ctx.print('same (zero padding 1): 4×4 → 4×4 =');
    ctx.print(same);
    ctx.record('sobel.first', Number(valid.item(0, 0)));
    ctx.record('sobel:valid', JSON.stringify(valid.toArray()));
    ctx.record('sobel:same', JSON.stringify(same.toArray()));

    // the filters on a real digit
    const { train } = await loadDigits(ctx.config);
    const digit = train.images.get(0).astype('float64'); // (28, 28)
    const vertical = convolve2d(digit, sobel, 'same');
    const horizontal = convolve2d(digit, sobel.T, 'same');
    const zh = ctx.config.lang === 'zh';
    const { fig } = plot.imageGrid([digit, vertical, horizontal], {
      cols: 3,
      titles: zh
        ? [`数字 ${train.labels.item(0)}`, '竖直 Sobel', '水平 Sobel']
        : [`digit ${train.labels.item(0)}`, 'vertical Sobel', 'horizontal Sobel'],
      cmap: 'gray',
      tileSize: 180,
    });
    await ctx.figure('sobel', fig);

    // the Conv3x3 layer: 8 filters of 3×3 on a 28×28 image
    const params = initCnn(ctx.config.seed);
    const { out } = convForward(prepare(train.images.get(0)), params.filters);
    ctx.print(
      `Conv3x3(8): filters ${params.filters.shape.join('×')} = ${params.filters.size} weights; input 28×28 → output ${out.shape.join('×')}`,
    );
    ctx.record('conv.outShape', out.shape.join('×'));
    ctx.record('conv.weights', params.filters.size);
    const maps = nd.moveaxis(out, 2, 0); // (8, 26, 26)
    const grid = plot.imageGrid(maps, {
      cols: 4,
      titles: Array.from({ length: 8 }, (_, i) => `filter ${i}`),
      cmap: 'gray',
      tileSize: 120,
      suptitle: zh
        ? '未训练的 8 个滤波器在数字上的输出（26×26×8）'
        : 'The 8 untrained filters on a digit (26×26×8)',
    });
    await ctx.figure('feature-maps', grid.fig);
  },
};
