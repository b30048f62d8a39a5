/**
 * Day 1, lesson 1-5: the first figures — a sine curve, a heat map with a colour bar, three scatters.
 */
import * as nd from '../../src/nd/index.js';
import * as plot from '../../src/plot/index.js';
import { num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';

export const figuresStep: Step = {
  id: '1-5',
  title: { zh: '画图：正弦曲线、热力图、散点图', en: 'Figures: a sine, a heat map, scatter plots' },
  text: {
    zh: `数组和画图配合使用：
1. \`x = linspace(0, 2π, 200)\`，画 \`sin(x)\`。
2. 100×100 的网格上每个格子到中心的距离：\`d = sqrt(u[:, newaxis]² + u[newaxis, :]²)\`（靠广播，不用循环），
   用 viridis 色图显示并配上颜色条。
3. 三组各 400 个点：[0, 10)² 上的均匀分布、均值 5 标准差 1 的正态分布、标准正态分布（按 x + y > 0 着红/蓝两色）。
   最后一张就是第 3 天分类问题要用的数据的样子。`,
    en: `Arrays meet figures:
1. \`x = linspace(0, 2π, 200)\` and \`sin(x)\`.
2. On a 100×100 grid, each cell's distance from the centre: \`d = sqrt(u[:, newaxis]² + u[newaxis, :]²)\` (by
   broadcasting, no loop), shown with the viridis colormap and a colour bar.
3. Three sets of 400 points: uniform on [0, 10)², normal with mean 5 and standard deviation 1, and standard
   normal coloured red/blue by x + y > 0 — what Day 3's classification data looks like.`,
  },
  async run(ctx: LessonContext) {
    // 1. sine
    const x = nd.linspace(0, 2 * Math.PI, 200); // (200,)
    const y = nd.sin(x); // (200,)
    ctx.print('x = np.linspace(0, 2 * np.pi, 200); np.sin(x)[:3] =', y.get(':3'));
    {
      const { fig, ax } = plot.subplots(1, 1, { width: 640, height: 400 });
      ax.plot(x, y, { label: 'sin(x)' });
      ax.axhline(0, { color: 'gray', lineWidth: 0.8 });
      ax.title('y = sin(x) on linspace(0, 2π, 200)').xlabel('x').ylabel('y').grid().legend();
      await ctx.figure('sine', fig);
    }
    ctx.record('sine.n', x.size);

    // 2. distance from the centre
    const u = nd.linspace(-1, 1, 100); // (100,)
    const d = nd.sqrt(nd.square(u.get(nd.slice(), nd.newaxis)).add(nd.square(u.get(nd.newaxis, nd.slice())))); // (100, 100)
    ctx.print(
      `distance grid: shape (${d.shape.join(', ')}), min ${num(d.min()).toFixed(4)}, max ${num(d.max()).toFixed(4)}`,
    );
    {
      const { fig, ax } = plot.subplots(1, 1, { width: 560, height: 480 });
      const im = ax.imshow(d, { cmap: 'viridis', extent: [-1, 1, -1, 1] });
      ax.title('Distance from the centre (100×100)');
      fig.colorbar(im, { label: 'distance' });
      await ctx.figure('heatmap', fig);
    }
    ctx.record('heatmap.max', num(d.max()));

    // 3. three scatters
    const rng = nd.random.defaultRng(ctx.config.seed);
    const uni = rng.uniform(0, 10, [400, 2]); // (400, 2)
    const gauss = rng.normal(5, 1, [400, 2]); // (400, 2)
    const std = rng.standardNormal([400, 2]); // (400, 2)
    const pos = std.get(':, 0').add(std.get(':, 1')).gt(0); // (400,) x + y > 0
    const nPos = num(pos.sum());
    ctx.print(
      `uniform mean ${uni.mean({ axis: 0 })}, normal mean ${gauss.mean({ axis: 0 })}, x + y > 0: ${nPos} of 400`,
    );
    {
      const { fig, axes } = plot.subplots(1, 3, { width: 1200, height: 400 });
      const [a, b, c] = axes[0]!;
      a!.scatter(uni.get(':, 0'), uni.get(':, 1'), { s: 10 });
      a!.title('uniform [0, 10)²').aspect('equal');
      b!.scatter(gauss.get(':, 0'), gauss.get(':, 1'), { s: 10, color: 'C1' });
      b!.title('normal(5, 1)').aspect('equal');
      const colours = (pos.toArray() as boolean[]).map((p) => (p ? 'red' : 'blue'));
      c!.scatter(std.get(':, 0'), std.get(':, 1'), { s: 10, c: colours });
      c!.plot([-3.5, 3.5], [3.5, -3.5], 'k--', { lineWidth: 1 });
      c!.title('standard normal, red: x + y > 0').aspect('equal').xlim(-3.5, 3.5).ylim(-3.5, 3.5);
      await ctx.figure('scatter', fig);
    }
    ctx.record('scatter.positive', nPos);
  },
};
