/**
 * Day 3, lesson 1-9: watch the boundary learn — the same classifier trained for 4 epochs at batch
 * 2, a frame recorded after every batch by an `onBatchEnd` callback, drawn as an animation.
 */
import * as keras from '../../src/keras/index.js';
import * as plot from '../../src/plot/index.js';
import { f } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';
import { boundaryY, buildClassifier, weightsOf } from './classifier.js';
import { LIMITS, points, scatterClasses } from './data.js';
import { freshSession, withKerasOutput } from './keras-output.js';

/** One frame: where the weights were after a batch, and the epoch's running accuracy. */
export interface BoundaryFrame {
  epoch: number;
  batch: number;
  w0: number;
  w1: number;
  b: number;
  accuracy: number;
}

/** Draws one frame: the points, the line −(w0·x + b)/w1, the weight and bias labels. */
export function drawBoundaryFrame(
  ax: plot.Axes,
  data: ReturnType<typeof points>,
  fr: BoundaryFrame,
  info: { epochs: number; steps: number },
): void {
  scatterClasses(ax, data.X, data.y, 16);
  if (Math.abs(fr.w1) > 1e-12) {
    const xs = [LIMITS[0], LIMITS[1]];
    ax.plot(
      xs,
      xs.map((x) => boundaryY(x, fr)),
      { color: 'k', lineWidth: 2 },
    );
  }
  const style = { coords: 'axes' as const, fontSize: 14, background: 'rgba(255,255,255,0.85)' };
  ax.text(0.03, 0.96, `epoch ${fr.epoch + 1}/${info.epochs}  batch ${fr.batch + 1}/${info.steps}`, {
    ...style,
    va: 'top',
  });
  ax.text(0.03, 0.12, `w0 = ${f(fr.w0, 3)}   w1 = ${f(fr.w1, 3)}`, style);
  ax.text(0.03, 0.04, `b = ${f(fr.b, 3)}   accuracy = ${f(fr.accuracy, 3)}`, style);
  ax.title('y = −(w0·x + b) / w1');
}

export const boundaryStep: Step = {
  id: '1-9',
  title: { zh: '动画：每个批次之后的分界线', en: 'Animation: the boundary after every batch' },
  text: {
    zh: `再训练一次同样的模型（4 个 epoch，批大小 2，共 400 次更新），用回调 \`onBatchEnd\` 在每个批次之后
记下权重和偏置，一帧一个批次。分界线是 w0·x + w1·y + b = 0，解出 y：**y = −(w0·x + b)/w1**。
4 个 epoch 后准确率 ≈ 0.985。

**原课程的错误（已改正）：** 它把线画成 −(w0/w1)·x + b/w1，偏置项的符号反了——偏置不为 0 时，
画出的线和模型真正的分界线不重合（上一步的图里灰色虚线就是它）。

\`\`\`ts
const frames = [];
const recorder = keras.callbacks.LambdaCallback({
  onBatchEnd: (batch, logs) => frames.push({ ...weightsOf(model), accuracy: logs.accuracy }),
});
await model.fit(X, y, { epochs: 4, batchSize: 2, callbacks: [recorder] });
\`\`\``,
    en: `Train the same model again (4 epochs at batch 2: 400 updates) and let an \`onBatchEnd\` callback record
the weights and the bias after every batch: one frame per batch. The boundary is w0·x + w1·y + b = 0; solved
for y: **y = −(w0·x + b)/w1**. After 4 epochs the accuracy is ≈ 0.985.

**The original's error (fixed):** it drew the line as −(w0/w1)·x + b/w1 — the bias term has the wrong sign, so
whenever the bias is not 0 the drawn line is not the model's boundary (the grey dashed line in the previous figure).

\`\`\`ts
const frames = [];
const recorder = keras.callbacks.LambdaCallback({
  onBatchEnd: (batch, logs) => frames.push({ ...weightsOf(model), accuracy: logs.accuracy }),
});
await model.fit(X, y, { epochs: 4, batchSize: 2, callbacks: [recorder] });
\`\`\``,
  },
  async run(ctx: LessonContext) {
    const data = points(ctx.config.seed);
    freshSession(ctx.config.seed);
    const model = buildClassifier();
    const epochs = 4;
    const batchSize = 2;
    const steps = Math.ceil(data.X.shape[0] / batchSize);
    const frames: BoundaryFrame[] = [];
    let epoch = 0;
    const recorder = keras.callbacks.LambdaCallback({
      onEpochBegin: (e) => {
        epoch = e;
      },
      onBatchEnd: (batch, logs) => {
        frames.push({ epoch, batch, ...weightsOf(model), accuracy: logs?.accuracy ?? NaN });
      },
    });
    await withKerasOutput(ctx, () =>
      model.fit(data.X, data.y, { epochs, batchSize, callbacks: [recorder], verbose: 1 }),
    );
    const [, accuracy] = model.evaluate(data.X, data.y, { verbose: 0 });
    const last = frames[frames.length - 1];
    ctx.print(`frames recorded: ${frames.length} (one per batch)`);
    ctx.print(
      `after ${epochs} epochs at batch ${batchSize}: accuracy ${f(accuracy, 3)}, weights (${f(last.w0, 2)}, ${f(last.w1, 2)}), bias ${f(last.b, 2)}`,
    );
    ctx.record('anim.accuracy', accuracy);
    ctx.record('anim.frames', frames.length);

    // every batch in a full run; every 10th in fast mode (each shown 10× as long)
    const stride = ctx.config.fast ? 10 : 1;
    const shown = frames.filter((_, i) => i % stride === stride - 1 || i === frames.length - 1);
    const bar = ctx.progress(shown.length, 'GIF frames');
    const anim = plot.animate(
      { frames: shown.length, delay: 40 * stride, width: 560, height: 560 },
      (fig, i) => {
        drawBoundaryFrame(fig.subplot(), data, shown[i], { epochs, steps });
        bar.tick();
      },
    );
    await ctx.animation('boundary', anim);
    bar.done();
    ctx.record('anim:gifFrames', shown.length);
  },
};
