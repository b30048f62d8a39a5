#!/usr/bin/env python3
"""Golden data for src/data/generated.ts: scikit-learn's make_moons / make_circles / make_blobs
formulas (sklearn/datasets/_samples_generator.py), the spirals and yin-yang definitions of
generated.ts, and the course's Day 2 / Day 3 sets — all driven by np.random.default_rng(seed)
instead of scikit-learn's legacy RandomState (so the TypeScript port must match bit for bit).
scikit-learn's `utils.shuffle` is `arange(n)` shuffled by the generator, i.e. `rng.permutation(n)`.

    python3 test/data/golden/gen_generated.py    # writes test/data/golden/generated.json
"""
import json
import math
import os

import numpy as np


def enc(a):
    a = np.asarray(a)
    dt = {"float64": "float64", "int64": "int64"}[str(a.dtype)]
    return {"dtype": dt, "shape": list(a.shape), "data": a.ravel().tolist()}


def shuffle(X, y, rng):
    p = rng.permutation(len(y))
    return X[p], y[p]


def make_moons(n, noise, seed):
    rng = np.random.default_rng(seed)
    n_out = n // 2
    n_in = n - n_out
    ox = np.cos(np.linspace(0, np.pi, n_out))
    oy = np.sin(np.linspace(0, np.pi, n_out))
    ix = 1 - np.cos(np.linspace(0, np.pi, n_in))
    iy = 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5
    X = np.vstack([np.append(ox, ix), np.append(oy, iy)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)])
    X, y = shuffle(X, y, rng)
    if noise is not None:
        X += rng.normal(scale=noise, size=X.shape)
    return X, y


def make_circles(n, noise, factor, seed):
    rng = np.random.default_rng(seed)
    n_out = n // 2
    n_in = n - n_out
    lo = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    li = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.append(np.cos(lo), np.cos(li) * factor), np.append(np.sin(lo), np.sin(li) * factor)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)])
    X, y = shuffle(X, y, rng)
    if noise is not None:
        X += rng.normal(scale=noise, size=X.shape)
    return X, y


def make_blobs(n, centers, std, seed, box=(-10.0, 10.0), n_features=2):
    rng = np.random.default_rng(seed)
    if isinstance(centers, int):
        centers = rng.uniform(box[0], box[1], size=(centers, n_features))
    else:
        centers = np.asarray(centers, dtype=np.float64)
    k = len(centers)
    stds = np.full(k, std) if np.isscalar(std) else np.asarray(std)
    per = [n // k] * k
    for i in range(n % k):
        per[i] += 1
    X = np.concatenate([rng.normal(loc=centers[i], scale=stds[i], size=(per[i], centers.shape[1])) for i in range(k)])
    y = np.concatenate([np.full(per[i], i, dtype=np.int64) for i in range(k)])
    X, y = shuffle(X, y, rng)
    return X, y, centers


def spirals(n, arms, turns, noise, seed):
    rng = np.random.default_rng(seed)
    eps = rng.normal(0, noise, (arms, n))
    r = np.arange(n) / (n - 1)
    X, y = [], []
    for k in range(arms):
        t = 2 * np.pi * k / arms + 2 * np.pi * turns * r + eps[k]
        X.append(np.stack([r * np.cos(t), r * np.sin(t)], axis=1))
        y.append(np.full(n, k, dtype=np.int64))
    return np.concatenate(X), np.concatenate(y)


def yin_yang(n, seed, r_small=0.1, r_big=0.5):
    rng = np.random.default_rng(seed)

    def which(x, y):
        if math.hypot(x - r_big, y - r_big) > r_big:
            return -1
        d_right = math.hypot(x - 1.5 * r_big, y - r_big)
        d_left = math.hypot(x - 0.5 * r_big, y - r_big)
        if d_right < r_small or d_left < r_small:
            return 2
        yin = d_right <= r_small or (r_small < d_left <= 0.5 * r_big) or (y > r_big and d_right > 0.5 * r_big)
        return 0 if yin else 1

    X, Y = [], []
    for i in range(n):
        while True:
            x = rng.uniform(0, 2 * r_big)
            y = rng.uniform(0, 2 * r_big)
            if which(x, y) == i % 3:
                X.append([(x / r_big - 1) * 2, (y / r_big - 1) * 2])
                Y.append(i % 3)
                break
    return np.array(X), np.array(Y, dtype=np.int64)


cases = {}
X, y = make_moons(9, 0.2, 3)
cases["moons"] = {"n": 9, "noise": 0.2, "seed": 3, "X": enc(X), "y": enc(y)}
X, y = make_circles(11, 0.05, 0.5, 1)
cases["circles"] = {"n": 11, "noise": 0.05, "factor": 0.5, "seed": 1, "X": enc(X), "y": enc(y)}
X, y, c = make_blobs(10, 3, 1.0, 0)
cases["blobs"] = {"n": 10, "centers": 3, "std": 1.0, "seed": 0, "X": enc(X), "y": enc(y), "C": enc(c)}
X, y, c = make_blobs(7, [[0.0, 0.0], [5.0, 5.0]], [0.5, 2.0], 5)
cases["blobs_given"] = {"n": 7, "centers": [[0.0, 0.0], [5.0, 5.0]], "std": [0.5, 2.0], "seed": 5, "X": enc(X), "y": enc(y)}
X, y = spirals(5, 3, 0.75, 0.2, 2)
cases["spirals"] = {"n": 5, "arms": 3, "turns": 0.75, "noise": 0.2, "seed": 2, "X": enc(X), "y": enc(y)}
X, y = yin_yang(12, 4)
cases["yinyang"] = {"n": 12, "seed": 4, "X": enc(X), "y": enc(y)}
rng = np.random.default_rng(0)
noise = rng.random(100) - 0.5
x = np.linspace(0, 4, 100)
cases["day2"] = {"x": enc(x), "y": enc(3 * x + 4 + noise)}
P = np.random.default_rng(0).standard_normal((200, 2))
cases["day3"] = {"X": enc(P), "y": enc((P[:, 0] + P[:, 1] > 0).astype(np.int64))}

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated.json")
with open(out, "w") as f:
    json.dump(cases, f, separators=(",", ":"))
    f.write("\n")
print(f"{out}: {len(cases)} cases")
