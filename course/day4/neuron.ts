/**
 * Day 4, lesson 1-10: one neuron, then two layers of them (forward only).
 */
import * as nd from '../../src/nd/index.js';
import { num } from '../helpers.js';
import type { LessonContext, Step } from '../lesson.js';

/** σ(x) = 1 / (1 + e^(−x)), element-wise. */
export function sigmoid(x: nd.NDArray | number): nd.NDArray {
  return nd.divide(1, nd.exp(nd.negative(x)).add(1));
}

/** A neuron: a weighted sum of the inputs plus a bias, squashed by σ. */
export class Neuron {
  constructor(
    readonly weights: nd.NDArray, // (n,)
    readonly bias: number,
  ) {}

  feedforward(inputs: nd.NDArray): number {
    const total = num(nd.dot(this.weights, inputs)) + this.bias; // w·x + b
    return num(sigmoid(total));
  }
}

/** The 2-2-1 network of the lesson: hidden neurons h1, h2 and output o1, all with the same weights. */
export class TinyNetwork {
  readonly h1: Neuron;
  readonly h2: Neuron;
  readonly o1: Neuron;

  constructor(weights = nd.array([0, 1]), bias = 0) {
    this.h1 = new Neuron(weights, bias);
    this.h2 = new Neuron(weights, bias);
    this.o1 = new Neuron(weights, bias);
  }

  feedforward(x: nd.NDArray): number {
    const outH1 = this.h1.feedforward(x);
    const outH2 = this.h2.feedforward(x);
    // the outputs of h1 and h2 are the inputs of o1
    return this.o1.feedforward(nd.array([outH1, outH2]));
  }
}

export const neuronStep: Step = {
  id: '1-10',
  title: { zh: '一个神经元，和由它们组成的网络', en: 'A neuron, and a network of them' },
  text: {
    zh: `神经元做三件事：输入乘以权重、加上偏置、再通过激活函数。这里用 sigmoid σ(x) = 1/(1 + e^(−x))，
它把任何实数压到 (0, 1) 之间。权重 w = [0, 1]、偏置 b = 4、输入 x = [2, 3] 时：
w·x + b = 0·2 + 1·3 + 4 = 7，σ(7) ≈ 0.9990889。

把神经元连起来就是网络：输入 x₁, x₂ → 隐藏层 h₁, h₂ → 输出 o₁。所有权重都是 [0, 1]、偏置都是 0 时，
h₁ = h₂ = σ(3) ≈ 0.9526，o₁ = σ(0·h₁ + 1·h₂) = σ(0.9526) ≈ 0.7216326。这个从输入一路算到输出的过程叫**前向传播**。`,
    en: `A neuron does three things: multiply its inputs by weights, add a bias, pass the sum through an
activation function — here the sigmoid σ(x) = 1/(1 + e^(−x)), which squashes any number into (0, 1). With
w = [0, 1], b = 4 and input x = [2, 3]: w·x + b = 0·2 + 1·3 + 4 = 7, and σ(7) ≈ 0.9990889.

Neurons wired together make a network: inputs x₁, x₂ → hidden layer h₁, h₂ → output o₁. With every weight
[0, 1] and every bias 0: h₁ = h₂ = σ(3) ≈ 0.9526 and o₁ = σ(0·h₁ + 1·h₂) = σ(0.9526) ≈ 0.7216326. Computing
from the inputs to the output like this is the **feedforward** (forward pass).`,
  },
  run(ctx: LessonContext) {
    const x = nd.array([2, 3]);
    const n = new Neuron(nd.array([0, 1]), 4);
    const single = n.feedforward(x);
    ctx.print('Neuron(w=[0, 1], b=4).feedforward([2, 3]) =', single);
    const network = new TinyNetwork();
    const out = network.feedforward(x);
    ctx.print('OurNeuralNetwork().feedforward([2, 3])     =', out);
    ctx.record('neuron', single);
    ctx.record('network', out);
  },
};
