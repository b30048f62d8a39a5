"""The Day 3 classifier (COURSE.md) re-simulated in NumPy, step by step as Keras 3 trains it.

Run `python3 test/golden/gen_keras_day3.py` (NumPy only) to regenerate test/golden/keras_day3.json,
which test/keras/day3.test.ts compares mlseries's Keras API against.

The model: Dense(1, sigmoid) on 2 inputs, kernel Constant(0), bias Constant(1); binary
cross-entropy; Adam(learning_rate=0.01) with Keras's defaults (beta_1 0.9, beta_2 0.999,
epsilon 1e-7) and Keras 3's update rule, which differs from PyTorch's in where epsilon sits:

    alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)
    m += (g - m) * (1 - beta_1);  v += (g**2 - v) * (1 - beta_2)
    w -= alpha * m / (sqrt(v) + epsilon)

The loss clips p to [1e-7, 1 - 1e-7] (Keras's backend epsilon), the gradient is zero where the
clip is active. The batch order: `rng = default_rng(0)`, then `rng.permutation(200)` at the start
of every epoch, batches taken in that order -- what `fit(..., shuffle=True)` does with
`keras.utils.setRandomSeed(0)` in mlseries, and what reproduces COURSE.md's numbers (accuracy 0.99,
weights (2.47, 2.45), bias 0.07). `shuffle=False` would end at (2.50, 2.52), bias 0.12, 0.985.

The logs are Keras's: per epoch the batch-size-weighted mean of the batch losses and the running
binary accuracy (prediction > 0.5) over the epoch, both from the forward passes during training.
"""
import json
import os

import numpy as np

EPS = 1e-7


def data():
    X = np.random.default_rng(0).standard_normal((200, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(np.float64)
    return X, y


def bce(p, y):
    q = np.clip(p, EPS, 1 - EPS)
    return -(y * np.log(q) + (1 - y) * np.log(1 - q))


def run(epochs, batch_size, seed=0, lr=0.01, b1=0.9, b2=0.999, shuffle=True):
    X, y = data()
    n = len(X)
    w = np.zeros(2)
    b = 1.0
    m = np.zeros(3)
    v = np.zeros(3)
    t = 0
    rng = np.random.default_rng(seed)
    history = {"accuracy": [], "loss": []}
    for _ in range(epochs):
        order = rng.permutation(n) if shuffle else np.arange(n)
        loss_sum = 0.0
        correct = 0.0
        for s in range(0, n, batch_size):
            idx = order[s:s + batch_size]
            z = X[idx] @ w + b
            p = 1 / (1 + np.exp(-z))
            loss_sum += bce(p, y[idx]).mean() * len(idx)
            correct += np.sum((p > 0.5) == (y[idx] > 0.5))
            inside = (p >= EPS) & (p <= 1 - EPS)
            dz = (p - y[idx]) * inside / len(idx)
            g = np.concatenate([X[idx].T @ dz, [dz.sum()]])
            t += 1
            alpha = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            m += (g - m) * (1 - b1)
            v += (g * g - v) * (1 - b2)
            upd = alpha * m / (np.sqrt(v) + EPS)
            w = w - upd[:2]
            b = b - upd[2]
        history["loss"].append(loss_sum / n)
        history["accuracy"].append(correct / n)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    evaluate = [float(bce(p, y).mean()), float(np.mean((p > 0.5) == (y > 0.5)))]
    return {
        "epochs": epochs,
        "batchSize": batch_size,
        "seed": seed,
        "shuffle": shuffle,
        "kernel": [[float(w[0])], [float(w[1])]],
        "bias": [float(b)],
        "history": history,
        "evaluate": evaluate,
        "steps": t,
    }


def main():
    X, y = data()
    out = {
        "ones": int(y.sum()),
        "first": [float(v) for v in X[0]],
        "runs": [run(5, 1), run(4, 2), run(5, 1, shuffle=False)],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_day3.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for r in out["runs"]:
        print(f"{path}: epochs {r['epochs']} batch {r['batchSize']} shuffle {r['shuffle']}: "
              f"kernel {r['kernel']}, bias {r['bias']}, accuracy {r['evaluate'][1]}")


if __name__ == "__main__":
    main()
