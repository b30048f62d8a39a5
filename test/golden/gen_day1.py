"""Day 1 of the course (COURSE.md): every NumPy example with the text NumPy prints for it.

Writes test/golden/day1.json: name -> repr(result) (or the error NumPy raises). The TypeScript
test runs the same examples with mlseries and compares what it prints.
"""
import os
import warnings

import numpy as np

from common import write

warnings.simplefilter("ignore")
out = []


def ex(name, fn):
    try:
        v = fn()
        # NumPy's scalars print as np.float64(...); mlseries returns 0-d arrays, so compare with
        # what NumPy prints for the 0-d array of the same value
        text = repr(np.asarray(v)) if isinstance(v, np.generic) else repr(v)
    except Exception as e:  # noqa: BLE001
        text = f"{type(e).__name__}: {e}"
    out.append({"name": name, "numpy": text})


def basics_write_through():
    a = np.array([1, 2, 3, 4, 5, 6]); a[0] = 10; b = a[3:]; b[0] = 40; return a
ex("basics: a[0]=10; b=a[3:]; b[0]=40", basics_write_through)
m = np.zeros((3, 4))
ex("basics: ndim, shape, size", lambda: np.array([m.ndim, *m.shape, m.size]))
def reshape_view():
    a = np.arange(6); return np.array([np.shares_memory(a.reshape(2, 3), a), np.shares_memory(a[[0, 1]], a)])
ex("copy: reshape is a view, advanced indexing copies", reshape_view)
def ravel_flatten():
    a = np.arange(6).reshape(2, 3); r = a.ravel(); f = a.flatten(); r[0] = 100; f[1] = 200; return a
ex("copy: ravel views, flatten copies", ravel_flatten)
def inplace_T():
    a = np.arange(6).reshape(2, 3).T; a.shape = (6,); return a
ex("copy: in-place shape change of a transpose", inplace_T)
ex("creation: nested lists with dtype", lambda: np.array([[1, 2], [3, 4]], dtype=np.float32))
ex("creation: arange(2, 9, 2)", lambda: np.arange(2, 9, 2))
ex("creation: arange(2, 3, 0.1)", lambda: np.arange(2, 3, 0.1))
ex("creation: linspace(0, 10, 5)", lambda: np.linspace(0, 10, 5))
ex("creation: linspace(0, 1, 10, endpoint=False)", lambda: np.linspace(0, 1, 10, endpoint=False))
ex("creation: eye(3, 5)", lambda: np.eye(3, 5))
ex("creation: diag([1, 2, 3])", lambda: np.diag([1, 2, 3]))
ex("creation: diag([1, 2], 1)", lambda: np.diag([1, 2], 1))
ex("creation: diag of a matrix", lambda: np.diag(np.arange(9).reshape(3, 3)))
ex("creation: vander([1, 2, 3, 5])", lambda: np.vander([1, 2, 3, 5]))
ex("creation: zeros((2, 3))", lambda: np.zeros((2, 3)))
ex("creation: ones((2, 2), int32)", lambda: np.ones((2, 2), dtype=np.int32))
ex("creation: full((2, 2), 7)", lambda: np.full((2, 2), 7))
ex("creation: zeros_like", lambda: np.zeros_like(np.arange(3)))
ex("creation: indices((3, 3))", lambda: np.indices((3, 3)))
ex("creation: block", lambda: np.block([[np.ones((2, 2)), np.eye(2)], [np.zeros((2, 2)), np.diag([-3, -4])]]))
ex("creation: uint8 wraps", lambda: np.array([255, 1], dtype=np.uint8) + np.array([1, 255], dtype=np.uint8))
ex("creation: int8 overflow", lambda: np.array([127, -128], dtype=np.int8) + np.array([1, -1], dtype=np.int8))
ex("disk: frombuffer with offset", lambda: np.frombuffer(bytes([0, 0, 8, 3, 0, 0, 0, 2, 1, 2, 3, 4]), dtype=">i4", offset=4).astype("i4"))
x = np.arange(10)
ex("indexing: x[2]", lambda: x[2])
ex("indexing: x[-2]", lambda: x[-2])
ex("indexing: x[2:5]", lambda: x[2:5])
ex("indexing: x[-3:3:-1]", lambda: x[-3:3:-1])
ex("indexing: x[::-2]", lambda: x[::-2])
x3 = np.arange(27).reshape(3, 3, 3)
ex("indexing: x3[..., 0]", lambda: x3[..., 0])
ex("indexing: x3[:, np.newaxis, :, 0].shape", lambda: np.array(x3[:, np.newaxis, :, 0].shape))
y = np.arange(35).reshape(5, 7)
ex("indexing: y[[0, 2, 4], [0, 1, 2]]", lambda: y[np.array([0, 2, 4]), np.array([0, 1, 2])])
ex("indexing: y[[0, 2, 4], 1]", lambda: y[np.array([0, 2, 4]), 1])
ex("indexing: y[[[0], [2], [4]], [0, 1, 2]] broadcast", lambda: y[np.array([[0], [2], [4]]), np.array([0, 1, 2])])
ex("indexing: y[ix_([0, 2], [1, 3])]", lambda: y[np.ix_([0, 2], [1, 3])])
def neg_plus20():
    z = np.array([-2, 1, -3, 4]); z[z < 0] += 20; return z
ex("indexing: x[x < 0] += 20", neg_plus20)
ex("indexing: y[1:5:2, ::3] mixed", lambda: y[1:5:2, ::3])
z4 = np.arange(120).reshape(2, 3, 4, 5)
ex("indexing: adjacent advanced stay in place", lambda: np.array(z4[:, [0, 1], [1, 2], :].shape))
ex("indexing: separated advanced go first", lambda: np.array(z4[:, [0, 1], :, [1, 2]].shape))
def flat_assign():
    a = np.arange(6).reshape(2, 3); a.flat[[1, 4]] = 99; return a
ex("indexing: flat assign", flat_assign)
ex("indexing: flat read", lambda: np.arange(6).reshape(2, 3).T.flat[3])
def tuple_index():
    idx = (1, slice(0, 2)); return y[idx]
ex("indexing: a tuple of indices in a variable", tuple_index)
def assign_slice():
    a = np.arange(10); a[2:7] = 1; return a
ex("indexing: x[2:7] = 1", assign_slice)
def repeated():
    a = np.arange(5); a[[1, 1, 3]] += 1; return a
ex("indexing: repeated indices apply once", repeated)
def add_at():
    a = np.arange(5); np.add.at(a, [1, 1, 3], 1); return a
ex("indexing: add.at accumulates", add_at)
ex("indexing: out of bounds", lambda: np.arange(9)[20])
arr = np.arange(1, 17).reshape(4, 4)
ex("readme: arr[1, 2:4]", lambda: arr[1, 2:4])
ex("readme: arr[:, 1]", lambda: arr[:, 1])
ex("readme: arr[2:, 2:]", lambda: arr[2:, 2:])
ex("readme: arr[1::2, ::2]", lambda: arr[1::2, ::2])
ex("broadcast: (8,1,6,1)+(7,1,5)", lambda: np.array((np.ones((8, 1, 6, 1)) + np.ones((7, 1, 5))).shape))
ex("broadcast: (4,3)+(4,) fails", lambda: np.ones((4, 3)) + np.ones(4))
ex("broadcast: outer sum with newaxis", lambda: np.array([0.0, 10.0, 20.0, 30.0])[:, np.newaxis] + np.array([1.0, 2.0, 3.0]))
obs = np.array([111.0, 188.0]); codes = np.array([[102.0, 203.0], [132.0, 193.0], [45.0, 155.0], [57.0, 173.0]])
ex("broadcast: vector quantisation", lambda: np.argmin(np.sqrt(((codes - obs) ** 2).sum(axis=-1))))
s = np.array([[1, 5, 2], [4, 3, 6]])
ex("stats: sum", lambda: s.sum())
ex("stats: sum axis 0", lambda: s.sum(axis=0))
ex("stats: min axis 1", lambda: s.min(axis=1))
ex("stats: max keepdims", lambda: s.max(axis=1, keepdims=True))
ex("stats: mean", lambda: s.mean())
ex("stats: std", lambda: s.std())
ex("stats: var axis 0", lambda: s.var(axis=0))
ex("stats: median", lambda: np.median(s))
ex("stats: percentile 75", lambda: np.percentile(s, 75))
ex("stats: argmin", lambda: s.argmin())
ex("stats: argmax axis 1", lambda: s.argmax(axis=1))
ex("stats: cumsum", lambda: s.cumsum())
ex("stats: cumsum axis 1", lambda: s.cumsum(axis=1))
ex("stats: sort", lambda: np.sort(np.array([3, 1, 2, 5, 4])))
ex("stats: argsort", lambda: np.argsort(np.array([3, 1, 2, 5, 4])))
ex("stats: unique", lambda: np.unique(np.array([3, 1, 3, 2, 1])))
ex("reshape: reshape(3, -1)", lambda: np.arange(12).reshape(3, -1))
ex("reshape: ravel", lambda: np.arange(6).reshape(2, 3).ravel())
ex("reshape: T", lambda: np.arange(6).reshape(2, 3).T)
ex("reshape: squeeze", lambda: np.array(np.zeros((1, 3, 1)).squeeze().shape))
ex("reshape: expand_dims", lambda: np.array(np.expand_dims(np.arange(3), 0).shape))
ex("reshape: concatenate", lambda: np.concatenate([np.arange(3), np.arange(2)]))
ex("reshape: stack", lambda: np.stack([np.arange(3), np.arange(3)]))
ex("reshape: vstack", lambda: np.vstack([np.arange(3), np.arange(3, 6)]))
ex("reshape: hstack", lambda: np.hstack([np.arange(2), np.arange(3)]))
ex("reshape: split", lambda: np.split(np.arange(6), 3)[1])
ex("random: default_rng(42).random((2, 3))", lambda: np.random.default_rng(42).random((2, 3)))
ex("random: integers(0, 10, 5)", lambda: np.random.default_rng(42).integers(0, 10, 5))
ex("random: standard_normal(3)", lambda: np.random.default_rng(42).standard_normal(3))
ex("random: normal(5, 1, 3)", lambda: np.random.default_rng(42).normal(5, 1, 3))
ex("random: uniform(0, 10, 3)", lambda: np.random.default_rng(42).uniform(0, 10, 3))
ex("random: choice(5, 3, replace=False)", lambda: np.random.default_rng(42).choice(5, 3, replace=False))
ex("random: choice(5, 6)", lambda: np.random.default_rng(42).choice(5, 6))
ex("random: permutation(6)", lambda: np.random.default_rng(42).permutation(6))
def shuffled():
    a = np.arange(6); np.random.default_rng(42).shuffle(a); return a
ex("random: shuffle", shuffled)
ex("figures: sine on linspace(0, 2pi, 200)[:3]", lambda: np.sin(np.linspace(0, 2 * np.pi, 200))[:3])
write(os.path.join(os.path.dirname(__file__), "day1.json"), out)
