/**
 * Day 3, lesson 1-8: the principle of deep learning in one figure — input → layers (weights) →
 * prediction → loss (against the true target) → optimizer → weight update, and round again.
 */
import * as plot from '../../src/plot/index.js';
import type { Lang, LessonContext, Step } from '../lesson.js';

const LABELS: Record<Lang, Record<string, string>> = {
  zh: {
    title: '深度学习的原理',
    input: '输入 X',
    layer: '层（数据变换）',
    weights: '权重',
    pred: "预测值 Y'",
    target: '真实目标 Y',
    loss: '损失函数',
    score: '损失值',
    optimizer: '优化器',
    update: '更新权重',
  },
  en: {
    title: 'How deep learning works',
    input: 'Input X',
    layer: 'Layer (data transformation)',
    weights: 'Weights',
    pred: "Predictions Y'",
    target: 'True targets Y',
    loss: 'Loss function',
    score: 'Loss score',
    optimizer: 'Optimizer',
    update: 'Weight update',
  },
};

/** A filled, outlined box with its label centred at (x, y) (axes data units). */
function box(ax: plot.Axes, x: number, y: number, w: number, h: number, label: string, color: string): void {
  const [x0, x1, y0, y1] = [x - w / 2, x + w / 2, y - h / 2, y + h / 2];
  ax.fillBetween([x0, x1], y0, y1, { color, alpha: 1, zorder: 1 });
  ax.plot([x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0], { color: '#333', lineWidth: 1.2, zorder: 2 });
  ax.text(x, y, label, { ha: 'center', va: 'center', fontSize: 14, zorder: 3 });
}

/** An arrow from (x0, y0) to (x1, y1). */
function arrow(ax: plot.Axes, x0: number, y0: number, x1: number, y1: number, color = '#333'): void {
  ax.arrow(x0, y0, x1 - x0, y1 - y0, { color, width: 1.8, headLength: 9, headWidth: 7 });
}

/** The principle figure, labelled in `lang`. */
export function principleFigure(lang: Lang): plot.Figure {
  const L = LABELS[lang];
  const { fig, ax } = plot.subplots(1, 1, { width: 760, height: 600 });
  ax.axis('off').xlim(0, 10).ylim(0, 10);
  const layerColor = '#dbe7f7';
  const weightColor = '#f3e0b5';
  // the forward path, top to bottom
  ax.text(3.5, 9.5, L.input, { ha: 'center', va: 'center', fontSize: 15, fontWeight: 'bold' });
  arrow(ax, 3.5, 9.15, 3.5, 8.4);
  box(ax, 3.5, 7.95, 4.4, 0.85, L.layer, layerColor);
  arrow(ax, 3.5, 7.5, 3.5, 6.7);
  box(ax, 3.5, 6.25, 4.4, 0.85, L.layer, layerColor);
  box(ax, 8.2, 7.95, 2.0, 0.85, L.weights, weightColor);
  box(ax, 8.2, 6.25, 2.0, 0.85, L.weights, weightColor);
  arrow(ax, 7.2, 7.95, 5.75, 7.95);
  arrow(ax, 7.2, 6.25, 5.75, 6.25);
  arrow(ax, 3.0, 5.8, 2.2, 4.95);
  ax.text(2.0, 4.6, L.pred, { ha: 'center', va: 'center', fontSize: 14, fontWeight: 'bold' });
  ax.text(5.2, 4.6, L.target, { ha: 'center', va: 'center', fontSize: 14, fontWeight: 'bold' });
  // prediction and target meet in the loss
  arrow(ax, 2.2, 4.25, 3.0, 3.5);
  arrow(ax, 5.0, 4.25, 4.1, 3.5);
  box(ax, 3.5, 3.05, 3.2, 0.85, L.loss, '#f6d2cc');
  arrow(ax, 3.5, 2.6, 3.5, 1.95);
  ax.text(3.5, 1.6, L.score, { ha: 'center', va: 'center', fontSize: 14, fontWeight: 'bold' });
  // the loss score drives the optimizer, which updates the weights
  arrow(ax, 4.6, 1.6, 7.1, 1.6);
  box(ax, 8.2, 1.6, 2.0, 0.85, L.optimizer, '#d5ecd4');
  arrow(ax, 8.2, 2.05, 8.2, 5.8, '#c0392b');
  ax.text(8.35, 3.9, L.update, { ha: 'left', va: 'center', fontSize: 13, color: '#c0392b' });
  ax.title(L.title, { fontSize: 16 });
  return fig;
}

export const principleStep: Step = {
  id: '1-8',
  title: { zh: '深度学习的原理图', en: 'The principle of deep learning' },
  text: {
    zh: `一个网络就是一串**层**，每层用自己的**权重**把输入变换一次，最后一层给出**预测值**。
**损失函数**把预测值和真实目标比一比，得出一个数：损失值，它说明网络错得有多厉害。
**优化器**根据损失值（确切地说，是损失对每个权重的梯度）把权重往让损失变小的方向挪一点。
这就是训练的一圈：前向 → 损失 → 反向求梯度 → 更新权重。重复成千上万圈，网络就学会了。
今天用 Keras 风格的接口（\`Sequential\`、\`compile\`、\`fit\`）把这一圈交给框架去转。`,
    en: `A network is a chain of **layers**; each transforms its input with its own **weights**, and the last one
gives the **predictions**. The **loss function** compares the predictions with the true targets and returns one
number, the loss score: how wrong the network is. The **optimizer** uses that score (precisely: the gradient of the
loss with respect to every weight) to move the weights a little in the direction that lowers the loss.
That is one turn of training: forward → loss → backward for the gradients → weight update. Thousands of turns
later the network has learned. Today the Keras-style API (\`Sequential\`, \`compile\`, \`fit\`) turns the wheel for us.`,
  },
  async run(ctx: LessonContext) {
    await ctx.figure('principle', principleFigure(ctx.config.lang));
  },
};
