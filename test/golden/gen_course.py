"""Reference numbers for the course lessons (days 1, 2, 4) from NumPy.

Writes test/golden/course.json:
- day1: what NumPy prints for the Day 1 examples that test/golden/day1.json does not cover;
- day2: the best-fit-line numbers;
- day4: the neuron/network/chain-rule numbers, the 2-2-1 training from default_rng(0), and the
  moons (scikit-learn's make_moons after np.random.seed(3), re-implemented here on the legacy
  RandomState so scikit-learn is not needed) with the logistic baseline and the 2-h-2 network.
Run: python3 test/golden/gen_course.py  (about a minute)
"""
import io
import json
import os

import numpy as np

out = {"day1": {}, "day2": {}, "day4": {}}


def ex(name, fn):
    try:
        v = fn()
        text = repr(v) if not isinstance(v, str) else v
    except Exception as e:  # noqa: BLE001
        text = f"{type(e).__name__}: {e}"
    out["day1"][name] = text


# ------------------------------------------------------------------ day 1
m = np.zeros((3, 4))
ex("basics: ndim shape size", lambda: (m.ndim, m.shape, m.size))
ex("basics: dtype", lambda: (np.array([1, 2, 3]).dtype, np.array([1.5, 2]).dtype))
a6 = np.arange(6)
ex("copy: slice base", lambda: a6[3:].base is a6)
ex("copy: fancy index base", lambda: a6[[3, 4, 5]].base is None)
ex("creation: arange(2, 3, 0.1).size", lambda: np.arange(2, 3, 0.1).size)
ex("creation: empty((2, 2)).shape", lambda: np.empty((2, 2)).shape)
ex("creation: ones_like", lambda: np.ones_like(np.eye(2)))
ex("creation: full_like", lambda: np.full_like(np.arange(3), 9))
csv = "x,y\n1,2\n3,4\n5,6\n"
missing = "1,2,3\n4,,6\n7,8,N/A\n"
ex("disk: loadtxt csv skiprows", lambda: np.loadtxt(io.StringIO(csv), delimiter=",", skiprows=1))
ex("disk: genfromtxt missing", lambda: np.genfromtxt(io.StringIO(missing), delimiter=","))
ex("disk: genfromtxt filling_values", lambda: np.genfromtxt(io.StringIO(missing), delimiter=",", filling_values=0))


def npy():
    f = io.BytesIO()
    np.save(f, np.arange(6).reshape(2, 3))
    return f


ex("disk: npy size", lambda: len(npy().getvalue()))
ex("disk: npy round trip", lambda: np.load(io.BytesIO(npy().getvalue())))


def npz():
    f = io.BytesIO()
    np.savez(f, a=np.arange(3), b=np.eye(2))
    d = np.load(io.BytesIO(f.getvalue()))
    return (sorted(d.files), d["b"])


ex("disk: npz", npz)
header = bytes([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28])
ex("disk: idx header", lambda: np.frombuffer(header, dtype=">i4", count=4).astype("i4"))
ex("indexing: structured field",
   lambda: np.array([(1, 2.0), (3, 4.0)], dtype=[("a", "i4"), ("b", "f8")])["a"])
fa = np.array([1.0, 2.0, 3.0])
ex("broadcast: elementwise", lambda: (fa * np.array([2.0, 2.0, 2.0]), fa * 2.0))
ex("reshape: flatten", lambda: np.arange(6).reshape(2, 3).flatten())
ex("reshape: transpose axes", lambda: np.array(np.zeros((2, 3, 4)).transpose(2, 0, 1).shape))
table = {}
for s1, s2 in [((256, 256, 3), (3,)), ((8, 1, 6, 1), (7, 1, 5)), ((5, 4), (1,)), ((5, 4), (4,)),
               ((15, 3, 5), (15, 1, 5)), ((15, 3, 5), (3, 5)), ((15, 3, 5), (3, 1)), ((3,), (4,)),
               ((2, 1), (8, 4, 3))]:
    try:
        table[f"{s1}+{s2}"] = list(np.broadcast_shapes(s1, s2))
    except ValueError:
        table[f"{s1}+{s2}"] = "error"
out["day1_broadcast_table"] = table
u = np.linspace(-1, 1, 100)
out["day1_figures"] = {
    "heatmap.max": float(np.sqrt(u[:, None] ** 2 + u[None, :] ** 2).max()),
}
rng = np.random.default_rng(0)
rng.uniform(0, 10, (400, 2))
rng.normal(5, 1, (400, 2))
std = rng.standard_normal((400, 2))
out["day1_figures"]["scatter.positive"] = int((std[:, 0] + std[:, 1] > 0).sum())

# ------------------------------------------------------------------ day 2
rng = np.random.default_rng(0)
noise = rng.random(100) - 0.5
x = np.linspace(0, 4, 100)
y = 3 * x + 4 + noise
ms = np.linspace(2, 4, 200)
sums = np.array([np.sum((mm * x - y + 4) ** 2) / (mm * mm + 1) for mm in ms])
best = int(sums.argmin())
ls = np.linalg.lstsq(np.vstack([x, np.ones_like(x)]).T, y, rcond=None)[0]
slope = 1.0
hist = []
for _ in range(4):
    for j in range(100):
        slope += 0.01 if slope * x[j] + 4 < y[j] else -0.01
        hist.append(slope)
out["day2"] = {
    "data.y0": float(y[0]),
    "scan.m": float(ms[best]),
    "scan.sum": float(sums[best]),
    "lstsq.m": float(ls[0]),
    "lstsq.b": float(ls[1]),
    "lstsq.mse": float(np.mean((ls[0] * x + ls[1] - y) ** 2)),
    "sign.reach3": int(np.argmax(np.round(np.array(hist) * 100) >= 300)) + 1,
    "sign.final": float(hist[-1]),
}

# ------------------------------------------------------------------ day 4


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


d4 = out["day4"]
d4["neuron"] = float(sigmoid(np.dot([0, 1], [2, 3]) + 4))
h = sigmoid(np.dot([0, 1], [2, 3]))
d4["network"] = float(sigmoid(np.dot([0, 1], [h, h])))
d4["mse"] = float(np.mean((np.array([1, 0, 0, 1]) - np.zeros(4)) ** 2))
s1 = -2 * 1 + -1 * 1
h1 = sigmoid(s1)
so = 2 * h1
o1 = sigmoid(so)
d4["chain.dL_dypred"] = float(-2 * (1 - o1))
d4["chain.dypred_dh1"] = float(sigmoid(so) * (1 - sigmoid(so)))
d4["chain.dh1_dw1"] = float(-2 * sigmoid(s1) * (1 - sigmoid(s1)))
d4["chain.dL_dw1"] = d4["chain.dL_dypred"] * d4["chain.dypred_dh1"] * d4["chain.dh1_dw1"]
d4["bce.0.9"] = float(-np.log(0.9))
d4["bce.0.1"] = float(-np.log(0.1))

# the 2-2-1 network of the article, weights from default_rng(0).normal() x 9
data = np.array([[-2, -1], [25, 6], [17, 4], [-15, -6]], float)
Y = np.array([1, 0, 0, 1.0])
w1, w2, w3, w4, w5, w6, b1, b2, b3 = np.random.default_rng(0).normal(size=9)


def ff(v):
    return sigmoid(w5 * sigmoid(w1 * v[0] + w2 * v[1] + b1) + w6 * sigmoid(w3 * v[0] + w4 * v[1] + b2) + b3)


losses = []
for epoch in range(1000):
    for v, yt in zip(data, Y):
        sh1 = w1 * v[0] + w2 * v[1] + b1
        sh2 = w3 * v[0] + w4 * v[1] + b2
        hh1, hh2 = sigmoid(sh1), sigmoid(sh2)
        so1 = w5 * hh1 + w6 * hh2 + b3
        yp = sigmoid(so1)
        dl = -2 * (yt - yp)
        do = sigmoid(so1) * (1 - sigmoid(so1))
        d1 = sigmoid(sh1) * (1 - sigmoid(sh1))
        d2 = sigmoid(sh2) * (1 - sigmoid(sh2))
        g = dict(w1=dl * w5 * do * v[0] * d1, w2=dl * w5 * do * v[1] * d1, b1=dl * w5 * do * d1,
                 w3=dl * w6 * do * v[0] * d2, w4=dl * w6 * do * v[1] * d2, b2=dl * w6 * do * d2,
                 w5=dl * hh1 * do, w6=dl * hh2 * do, b3=dl * do)
        w1 -= 0.1 * g["w1"]; w2 -= 0.1 * g["w2"]; b1 -= 0.1 * g["b1"]  # noqa: E702
        w3 -= 0.1 * g["w3"]; w4 -= 0.1 * g["w4"]; b2 -= 0.1 * g["b2"]  # noqa: E702
        w5 -= 0.1 * g["w5"]; w6 -= 0.1 * g["w6"]; b3 -= 0.1 * g["b3"]  # noqa: E702
    if epoch % 10 == 0:
        losses.append(float(np.mean((Y - np.array([ff(v) for v in data])) ** 2)))
d4["train.loss0"] = losses[0]
d4["train.lossFinal"] = losses[-1]
d4["train.emily"] = float(ff([-7, -3]))
d4["train.frank"] = float(ff([20, 2]))


def make_moons(n, noise, state):
    """sklearn.datasets.make_moons(n, noise=noise) drawn from `state` (a legacy RandomState)."""
    n_out = n // 2
    n_in = n - n_out
    ox = np.cos(np.linspace(0, np.pi, n_out))
    oy = np.sin(np.linspace(0, np.pi, n_out))
    ix = 1 - np.cos(np.linspace(0, np.pi, n_in))
    iy = 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5
    X = np.vstack([np.append(ox, ix), np.append(oy, iy)]).T
    labels = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    idx = np.arange(n)
    state.shuffle(idx)
    X, labels = X[idx], labels[idx]
    return X + state.normal(scale=noise, size=X.shape), labels


X, ym = make_moons(200, 0.2, np.random.RandomState(3))
d4["moons.X[:3]"] = X[:3].tolist()
d4["moons.y[:10]"] = ym[:10].tolist()
d4["moons.sum"] = float(X.sum())


def logistic(steps):
    w = np.zeros(2)
    b = 0.0
    for _ in range(steps):
        p = sigmoid(X @ w + b)
        dz = (p - ym) / len(X)
        w -= X.T @ dz
        b -= dz.sum()
    p = sigmoid(X @ w + b)
    loss = -np.mean(ym * np.log(p) + (1 - ym) * np.log(1 - p))
    return float(((p > 0.5) == ym).mean()), float(loss)


d4["moons.logistic.500"] = logistic(500)
d4["moons.logistic.2000"] = logistic(2000)


def net(hdim, passes, reg=0.01, eps=0.01):
    n = len(X)
    np.random.seed(0)
    W1 = np.random.randn(2, hdim) / np.sqrt(2)
    c1 = np.zeros((1, hdim))
    W2 = np.random.randn(hdim, 2) / np.sqrt(hdim)
    c2 = np.zeros((1, 2))
    first = None
    for i in range(passes):
        a1 = np.tanh(X @ W1 + c1)
        e = np.exp(a1 @ W2 + c2)
        p = e / e.sum(1, keepdims=True)
        d3 = p.copy()
        d3[range(n), ym] -= 1
        dW2 = a1.T @ d3 + reg * W2
        dc2 = d3.sum(0, keepdims=True)
        d2 = d3 @ W2.T * (1 - a1 ** 2)
        dW1 = X.T @ d2 + reg * W1
        dc1 = d2.sum(0)
        W1 -= eps * dW1
        c1 -= eps * dc1
        W2 -= eps * dW2
        c2 -= eps * dc2
        if i == 0:
            first = loss_of(W1, c1, W2, c2, reg)
    return float(acc_of(W1, c1, W2, c2)), float(loss_of(W1, c1, W2, c2, reg)), float(first)


def probs_of(W1, c1, W2, c2):
    e = np.exp(np.tanh(X @ W1 + c1) @ W2 + c2)
    return e / e.sum(1, keepdims=True)


def acc_of(*p):
    return (probs_of(*p).argmax(1) == ym).mean()


def loss_of(W1, c1, W2, c2, reg):
    p = probs_of(W1, c1, W2, c2)
    return (-np.log(p[range(len(X)), ym]).sum() + reg / 2 * ((W1 ** 2).sum() + (W2 ** 2).sum())) / len(X)


d4["moons.h3.2000"] = net(3, 2000)
d4["moons.h3.20000"] = net(3, 20000)
d4["moons.panel.500"] = {str(k): net(k, 500)[0] for k in [1, 2, 3, 4, 5, 20, 50]}
d4["moons.panel.20000"] = {str(k): net(k, 20000)[0] for k in [1, 2, 3, 4, 5, 20, 50]}

with open(os.path.join(os.path.dirname(__file__), "course.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
