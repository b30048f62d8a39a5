/**
 * Training runs behind the accuracy claims of bench/RESULTS.md (scripts, not unit tests):
 *
 *   npx tsx scripts/train/fashion-mnist.ts mlp [epochs]        Fashion-MNIST 60k/10k, Flatten-Dense(128, relu)-Dense(10)
 *   npx tsx scripts/train/fashion-mnist.ts cnn [epochs]        Fashion-MNIST, a small CNN
 *   npx tsx scripts/train/fashion-mnist.ts mnist-cnn [epochs]  the embedded MNIST 8,000/2,000 split, the small CNN
 *
 * Fashion-MNIST comes from Debian's dataset-fashion-mnist or `mlseries data download fashion-mnist`.
 * Prints per-epoch loss, test accuracy and wall time, and a final line for RESULTS.md.
 */
import * as nd from '../../src/nd/index.js';
import { noGrad, tensor, type Tensor } from '../../src/autograd/index.js';
import * as nn from '../../src/nn/index.js';
import * as optim from '../../src/optim/index.js';
import { loadEmbeddedMnist } from '../../src/data/mnist.js';
import { loadFashionMnist } from '../../src/data/mnist.node.js';

const [kind = 'mlp', epochsArg] = process.argv.slice(2);
const epochs = Number(epochsArg ?? (kind === 'mlp' ? 10 : 3));
nn.manualSeed(0);

function model(): nn.Module & { call(x: Tensor): Tensor } {
  if (kind === 'mlp') {
    return new nn.Sequential(
      new nn.Flatten(),
      new nn.Linear(784, 128),
      new nn.ReLU(),
      new nn.Linear(128, 10),
    );
  }
  // (B, 1, 28, 28) → conv 3×3 ×32 → pool → conv 3×3 ×64 → pool → (B, 64·7·7) → 128 → 10
  return new nn.Sequential(
    new nn.Conv2d(1, 32, 3, { padding: 1 }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(32, 64, 3, { padding: 1 }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(64 * 7 * 7, 128),
    new nn.ReLU(),
    new nn.Linear(128, 10),
  );
}

async function main(): Promise<void> {
  const data = kind === 'mnist-cnn' ? await loadEmbeddedMnist() : await loadFashionMnist();
  const { train, test } = data;
  const shape = (n: number) => (kind === 'mlp' ? [n, 28, 28] : [n, 1, 28, 28]);
  const net = model();
  const opt = new optim.Adam(net.parameters(), { lr: 1e-3 });
  const lossFn = new nn.CrossEntropyLoss();
  const rng = nd.random.defaultRng(0);
  const n = train.images.shape[0];
  const B = 64;
  const t0 = performance.now();
  let acc = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = rng.permutation(n);
    net.train();
    let total = 0;
    let batches = 0;
    const te = performance.now();
    for (let s = 0; s + B <= n; s += B) {
      const idx = order.get(nd.slice(s, s + B));
      const x = tensor(train.images.get(idx).reshape(shape(B)));
      const y = train.labels.get(idx);
      const loss = lossFn.call(net.call(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
      total += loss.item();
      batches++;
    }
    net.eval();
    let correct = 0;
    noGrad(() => {
      const m = test.images.shape[0];
      for (let s = 0; s < m; s += 500) {
        const e = Math.min(m, s + 500);
        const logits = net.call(tensor(test.images.get(nd.slice(s, e)).reshape(shape(e - s))));
        correct += Number(
          logits.data
            .argmax({ axis: 1 })
            .eq(test.labels.get(nd.slice(s, e)))
            .sum()
            .item(),
        );
      }
      acc = correct / m;
    });
    console.log(
      `epoch ${epoch}/${epochs}: loss ${(total / batches).toFixed(4)}, test accuracy ${acc.toFixed(4)}, ${((performance.now() - te) / 1000).toFixed(1)} s`,
    );
  }
  const wall = (performance.now() - t0) / 1000;
  console.log(`RESULT ${kind}: ${epochs} epochs, test accuracy ${acc.toFixed(4)}, wall ${wall.toFixed(0)} s`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
