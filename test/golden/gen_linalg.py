#!/usr/bin/env python3
"""Golden cases for nd's linear algebra (products, einsum, numpy.linalg), computed with NumPy.

Writes test/golden/linalg.json; test/nd/linalg.test.ts replays every case against mlseries.

Case format:
  name   unique label
  fn     the mlseries function ('matmul', 'einsum', 'linalg.qr', ...)
  args   positional arguments: {"nd": {...}} arrays (optionally with "view": "T" or an index
         text such as "::2, 1:" applied before the call) or {"raw": value}
  kw     the options object passed last (JS names); {"$": "inf"} / {"$": "-inf"} for ±Infinity
  check  'array' | 'dict' | 'qr' | 'svd' | 'eigh' | 'error'
  out    expected result: an encoded array, {"dict": {...}} of arrays, or for errors
         {"error": NumPy's exception class, "message": str(exc), "js": mlseries' class,
          "prefix": true when only the start of the message is compared}
Arrays: common.enc's {"dtype", "shape", "data": flat C-order list; "inf", "-inf", "nan" as strings}.
Run: python3 test/golden/gen_linalg.py
"""
import json
import math
import os

import numpy as np

from common import enc

np.seterr(all="ignore")
rng = np.random.default_rng(20240601)
cases = []


def arr(x, view=None):
    d = {"nd": enc(x)}
    if view is not None:
        d["view"] = view
    return d


def apply_view(x, view):
    if view is None:
        return x
    if view == "T":
        return x.T
    return eval(f"x[{view}]", {"x": x})


def kw_js(kw):
    out = {}
    for k, v in kw.items():
        if isinstance(v, float) and math.isinf(v):
            out[k] = {"$": "inf" if v > 0 else "-inf"}
        else:
            out[k] = v
    return out


JS_ERROR = {"LinAlgError": "LinAlgError", "TypeError": "ValueError"}


def add(name, fn, np_fn, args, kw=None, check="array", js_kw=None, js_error=None, prefix=False, **extra):
    """args: list of (value, view) for arrays or ('raw', value)."""
    kw = kw or {}
    np_args, js_args = [], []
    for a in args:
        if isinstance(a, tuple) and isinstance(a[0], str) and a[0] == "raw":
            np_args.append(a[1])
            js_args.append({"raw": a[1]})
        else:
            x, view = a if isinstance(a, tuple) else (a, None)
            x = np.asarray(x)
            np_args.append(apply_view(x, view))
            js_args.append(arr(x, view))
    case = {"name": name, "fn": fn, "args": js_args, "kw": kw_js(js_kw if js_kw is not None else kw)}
    try:
        r = np_fn(*np_args, **kw)
    except Exception as e:  # noqa: BLE001 - recording NumPy's error is the point
        kind = type(e).__name__
        case["check"] = "error"
        case["out"] = {
            "error": kind,
            "message": str(e),
            "js": js_error or JS_ERROR.get(kind, "ValueError"),
            "prefix": prefix,
        }
        cases.append(case)
        return
    if check == "error":
        raise RuntimeError(f"{name}: NumPy did not raise")
    case["check"] = check
    if isinstance(r, dict):
        case["out"] = {"dict": {k: enc(v) for k, v in r.items()}}
    else:
        case["out"] = enc(r)
    case.update(extra)
    cases.append(case)


def randn(*shape, dtype=np.float64):
    return rng.standard_normal(shape).astype(dtype)


def randint(*shape, lo=-5, hi=6, dtype=np.int64):
    return rng.integers(lo, hi, shape).astype(dtype)


def well(n, *batch, dtype=np.float64):
    return (rng.standard_normal((*batch, n, n)) + n * np.eye(n)).astype(dtype)


def spd(n, *batch, dtype=np.float64):
    b = rng.standard_normal((*batch, n, n))
    return (b @ np.swapaxes(b, -1, -2) + n * np.eye(n)).astype(dtype)


def sym(n, *batch):
    b = rng.standard_normal((*batch, n, n))
    return (b + np.swapaxes(b, -1, -2)) / 2


ERR = dict(check="error")

# ------------------------------------------------------------------ matmul
add("matmul 2-D f64", "matmul", np.matmul, [randn(2, 3), randn(3, 4)])
add("matmul int64", "matmul", np.matmul, [randint(3, 4), randint(4, 2)])
add("matmul int32", "matmul", np.matmul, [randint(3, 4, dtype=np.int32), randint(4, 2, dtype=np.int32)])
add("matmul float32", "matmul", np.matmul, [randn(4, 5, dtype=np.float32), randn(5, 3, dtype=np.float32)])
add("matmul int32 @ float32 -> float64", "matmul", np.matmul, [randint(2, 3, dtype=np.int32), randn(3, 2, dtype=np.float32)])
add("matmul uint8 @ float32 -> float32", "matmul", np.matmul, [randint(2, 3, lo=0, dtype=np.uint8), randn(3, 2, dtype=np.float32)])
add("matmul 1-D @ 2-D", "matmul", np.matmul, [randn(3), randn(3, 4)])
add("matmul 2-D @ 1-D", "matmul", np.matmul, [randn(2, 3), randn(3)])
add("matmul 1-D @ 1-D", "matmul", np.matmul, [randn(5), randn(5)])
add("matmul batched", "matmul", np.matmul, [randn(2, 3, 4), randn(2, 4, 5)])
add("matmul broadcast batch", "matmul", np.matmul, [randn(2, 1, 3, 4), randn(5, 4, 2)])
add("matmul batched @ 2-D", "matmul", np.matmul, [randn(3, 2, 4), randn(4, 3)])
add("matmul batched @ 1-D", "matmul", np.matmul, [randn(2, 3, 4), randn(4)])
add("matmul 1-D @ batched", "matmul", np.matmul, [randn(3), randn(2, 3, 4)])
add("matmul bool", "matmul", np.matmul, [rng.random((3, 4)) > 0.6, rng.random((4, 2)) > 0.6])
add("matmul int8 wraps", "matmul", np.matmul, [np.full((2, 2), 100, np.int8), np.ones((2, 2), np.int8)])
add("matmul transposed views", "matmul", np.matmul, [(randn(4, 3), "T"), (randn(5, 4), "T")])
add("matmul strided views", "matmul", np.matmul, [(randn(6, 7), "::2, 1::2"), (randn(3, 8), ":, ::-2")])
add("matmul blocked 70x50x60", "matmul", np.matmul, [randint(70, 50).astype(float), randint(50, 60).astype(float)])
add("matmul blocked transposed", "matmul", np.matmul, [(randint(45, 66).astype(float), "T"), (randint(60, 45).astype(float), "T")])
add("matmul blocked float32", "matmul", np.matmul, [randint(33, 40, dtype=np.float32), randint(40, 37, dtype=np.float32)])
add("matmul k = 0", "matmul", np.matmul, [np.ones((2, 0)), np.ones((0, 3))])
add("matmul core mismatch", "matmul", np.matmul, [np.ones((2, 3)), np.ones((4, 5))], js_error="ShapeError", **ERR)
add("matmul 1-D mismatch", "matmul", np.matmul, [np.ones(3), np.ones(4)], js_error="ShapeError", **ERR)
add("matmul 0-d operand 0", "matmul", np.matmul, [np.ones(()), np.ones(4)], js_error="ShapeError", **ERR)
add("matmul 0-d operand 1", "matmul", np.matmul, [np.ones(3), np.ones(())], js_error="ShapeError", **ERR)
add("matmul batch mismatch", "matmul", np.matmul, [np.ones((2, 2, 3)), np.ones((3, 3, 4))], js_error="ShapeError", **ERR)

# ------------------------------------------------------------------ dot, inner, outer, vdot, kron
add("dot 1-D", "dot", np.dot, [randn(4), randn(4)])
add("dot int 1-D", "dot", np.dot, [randint(4), randint(4)])
add("dot 2-D", "dot", np.dot, [randn(3, 2), randn(2, 4)])
add("dot 2-D . 1-D", "dot", np.dot, [randn(3, 2), randn(2)])
add("dot 1-D . 2-D", "dot", np.dot, [randn(3), randn(3, 2)])
add("dot 3-D . 1-D", "dot", np.dot, [randn(2, 3, 4), randn(4)])
add("dot 3-D . 3-D", "dot", np.dot, [randn(2, 3, 4), randn(5, 4, 2)])
add("dot scalar", "dot", np.dot, [np.array(3), randint(2, 3)])
add("dot bool", "dot", np.dot, [np.array([True, False, True]), np.array([False, False, True])])
add("dot shapes not aligned", "dot", np.dot, [np.ones((2, 3)), np.ones((4, 5))], js_error="ShapeError", **ERR)
add("dot 1-D not aligned", "dot", np.dot, [np.ones(3), np.ones(4)], js_error="ShapeError", **ERR)
add("dot 3-D not aligned", "dot", np.dot, [np.ones((2, 3, 4)), np.ones((3, 5, 6))], js_error="ShapeError", **ERR)
add("inner 1-D", "inner", np.inner, [randn(3), randn(3)])
add("inner 2-D", "inner", np.inner, [randn(2, 3), randn(4, 3)])
add("inner 3-D . 2-D", "inner", np.inner, [randint(2, 2, 3), randint(4, 3)])
add("inner scalar", "inner", np.inner, [np.array(2.5), randn(3)])
add("inner not aligned", "inner", np.inner, [np.ones((2, 3)), np.ones(4)], js_error="ShapeError", **ERR)
add("inner 2-D not aligned", "inner", np.inner, [np.ones((2, 3)), np.ones((4, 5))], js_error="ShapeError", **ERR)
add("outer 1-D", "outer", np.outer, [randn(3), randn(4)])
add("outer flattens", "outer", np.outer, [randint(2, 2), randint(3)])
add("outer bool", "outer", np.outer, [np.array([True, False]), np.array([True, True, False])])
add("vdot", "vdot", np.vdot, [randn(2, 3), randn(3, 2)])
add("vdot size mismatch", "vdot", np.vdot, [np.ones(3), np.ones(4)], js_error="ShapeError", **ERR)
add("kron 2-D", "kron", np.kron, [randint(2, 2), randint(2, 3)])
add("kron mixed ndim", "kron", np.kron, [randn(3), randn(2, 2)])
add("kron int32", "kron", np.kron, [randint(2, 2, dtype=np.int32), randint(2, dtype=np.int32)])

# ------------------------------------------------------------------ tensordot
A324 = randn(3, 2, 4)
add("tensordot axes=2 default", "tensordot", np.tensordot, [randn(3, 2, 4), randn(2, 4, 5)])
add("tensordot axes=1", "tensordot", lambda a, b, n: np.tensordot(a, b, n), [randn(3, 4), randn(4, 5), ("raw", 1)])
add("tensordot axes=0", "tensordot", lambda a, b, n: np.tensordot(a, b, n), [randn(2), randn(3), ("raw", 0)])
add("tensordot axis lists", "tensordot", lambda a, b, n: np.tensordot(a, b, n), [A324, randn(4, 3, 5), ("raw", [[0, 2], [1, 0]])])
add("tensordot single ints", "tensordot", lambda a, b, n: np.tensordot(a, b, n), [randint(3, 4), randint(5, 3), ("raw", [0, 1])])
add("tensordot negative axes", "tensordot", lambda a, b, n: np.tensordot(a, b, n), [randn(2, 3), randn(3, 2), ("raw", [[-1, -2], [0, 1]])])
add("tensordot shape mismatch", "tensordot", lambda a, b, n: np.tensordot(a, b, n), [np.ones((2, 3)), np.ones((4, 5)), ("raw", 1)], js_error="ShapeError", **ERR)
add("tensordot length mismatch", "tensordot", lambda a, b, n: np.tensordot(a, b, n), [np.ones((2, 3)), np.ones((3, 5)), ("raw", [[1], [0, 1]])], js_error="ShapeError", **ERR)

# ------------------------------------------------------------------ einsum
E = lambda s, *ops: np.einsum(s, *ops)  # noqa: E731


def ein(name, subs, *ops, **kw):
    add(name, "einsum", E, [("raw", subs), *ops], **kw)


ein("einsum ij,jk->ik", "ij,jk->ik", randn(2, 3), randn(3, 4))
ein("einsum ij,jk implicit", "ij,jk", randn(2, 3), randn(3, 4))
ein("einsum ii trace", "ii", randn(4, 4))
ein("einsum ii->i diagonal", "ii->i", randn(3, 3))
ein("einsum ij->ji transpose", "ij->ji", randn(2, 3))
ein("einsum ba implicit transpose", "ba", randn(2, 3))
ein("einsum i,i inner", "i,i", randn(5), randn(5))
ein("einsum i,j->ij outer", "i,j->ij", randn(3), randn(2))
ein("einsum bij,bjk->bik", "bij,bjk->bik", randn(2, 3, 4), randn(2, 4, 2))
ein("einsum ...ij,...jk broadcast", "...ij,...jk", randn(2, 1, 2, 3), randn(3, 3, 4))
ein("einsum ...ij,...jk->...ik", "...ij,...jk->...ik", randn(2, 2, 3), randn(3, 2))
ein("einsum ij-> total", "ij->", randn(3, 4))
ein("einsum ij->j column sums", "ij->j", randint(3, 4))
ein("einsum ijk->kji", "ijk->kji", randn(2, 3, 4))
ein("einsum ij,ij->ij hadamard", "ij,ij->ij", randn(2, 3), randn(2, 3))
ein("einsum ij,ij frobenius", "ij,ij", randn(2, 3), randn(2, 3))
ein("einsum chain of three", "ij,jk,kl->il", randn(2, 3), randn(3, 4), randn(4, 2))
ein("einsum ijj->i", "ijj->i", randn(2, 3, 3))
ein("einsum ...ii->...i", "...ii->...i", randn(2, 3, 3))
ein("einsum int i,i->", "i,i->", randint(4), randint(4))
ein("einsum int8 sum wraps", "ij->", np.full((2, 3), 100, np.int8))
ein("einsum bool", "i,i", np.array([True, False, True]), np.array([True, True, False]))
ein("einsum uppercase order", "Ba,aA", randn(2, 3), randn(3, 4))
ein("einsum size-1 broadcast", "ij,jk", randn(2, 1), randn(3, 4))
ein("einsum i->i copy", "i->i", randn(3))
ein("einsum bilinear", "i,ij,j->", randn(3), randn(3, 4), randn(4))
ein("einsum batch outer", "bi,bj->bij", randn(2, 3), randn(2, 2))
ein("einsum spaces", "ij, jk -> ik", randn(2, 2), randn(2, 2))
ein("einsum collapsing mismatch", "ii", np.ones((2, 3)), **ERR)
ein("einsum output never appeared", "ij->k", np.ones((2, 3)), **ERR)
ein("einsum output repeated", "ij->ii", np.ones((2, 3)), **ERR)
ein("einsum too many subscripts", "ijk", np.ones((2, 3)), **ERR)
ein("einsum no ellipsis", "ij", np.ones((2, 3, 4)), **ERR)
ein("einsum invalid subscript", "i$", np.ones((2, 3)), **ERR)
ein("einsum operands > terms", "ij", np.ones((2, 3)), np.ones(3), **ERR)
ein("einsum operands < terms", "ij,jk", np.ones((2, 3)), **ERR)
ein("einsum output lacks ellipsis", "ij...->ij", np.ones((2, 3, 4)), **ERR)
ein("einsum size mismatch", "ij,jk->ik", np.ones((2, 3)), np.ones((4, 5)), js_error="ShapeError", prefix=True, **ERR)

# ------------------------------------------------------------------ trace, multi_dot, matrix_power
add("trace 2-D", "trace", np.trace, [randn(3, 3)])
add("trace offset 1", "trace", lambda a: np.trace(a, offset=1), [randn(3, 4)], js_kw={"offset": 1})
add("trace offset -2", "trace", lambda a: np.trace(a, offset=-2), [randn(4, 3)], js_kw={"offset": -2})
add("trace 3-D axes", "trace", lambda a: np.trace(a, offset=1, axis1=2, axis2=0), [randn(2, 3, 4)], js_kw={"offset": 1, "axis1": 2, "axis2": 0})
add("trace int32 -> int64", "trace", np.trace, [randint(3, 3, dtype=np.int32)])
add("trace float32", "trace", np.trace, [randn(3, 3, dtype=np.float32)])
add("trace bool", "trace", np.trace, [np.eye(3, dtype=bool)])
add("trace 1-D", "trace", np.trace, [np.ones(3)], **ERR)
add("multi_dot vector ends", "linalg.multiDot", lambda *a: np.linalg.multi_dot(list(a)), [randn(3), randn(3, 4), randn(4, 2), randn(2)], js_kw={})
add("multi_dot matrices", "linalg.multiDot", lambda *a: np.linalg.multi_dot(list(a)), [randn(5, 2), randn(2, 6), randn(6, 3), randn(3, 4)], js_kw={})
MP = lambda a, n: np.linalg.matrix_power(a, n)  # noqa: E731
add("matrix_power 0", "linalg.matrixPower", MP, [randint(3, 3), ("raw", 0)])
add("matrix_power 3 int", "linalg.matrixPower", MP, [randint(3, 3), ("raw", 3)])
add("matrix_power 5 batched", "linalg.matrixPower", MP, [randn(2, 3, 3) / 2, ("raw", 5)])
add("matrix_power -2", "linalg.matrixPower", MP, [well(3), ("raw", -2)])
add("matrix_power non-square", "linalg.matrixPower", MP, [np.ones((2, 3)), ("raw", 2)], **ERR)
add("matrix_power non-integer", "linalg.matrixPower", MP, [np.ones((2, 2)), ("raw", 1.5)], **ERR)

# ------------------------------------------------------------------ det, slogdet, inv, solve
L = np.linalg
SL = lambda a: dict(zip(("sign", "logabsdet"), L.slogdet(a)))  # noqa: E731
add("det 2x2", "linalg.det", L.det, [np.array([[1.0, 2.0], [3.0, 4.0]])])
add("det 4x4", "linalg.det", L.det, [well(4)])
add("det int", "linalg.det", L.det, [randint(3, 3)])
add("det float32", "linalg.det", L.det, [well(3, dtype=np.float32)])
add("det batched", "linalg.det", L.det, [well(3, 2, 2)])
add("det singular", "linalg.det", L.det, [np.array([[1.0, 2.0], [2.0, 4.0]])])
add("det non-square", "linalg.det", L.det, [np.ones((2, 3))], **ERR)
add("det 1-D", "linalg.det", L.det, [np.ones(3)], **ERR)
add("slogdet", "linalg.slogdet", SL, [well(4)], check="dict")
add("slogdet negative", "linalg.slogdet", SL, [np.array([[0.0, 2.0], [3.0, 1.0]])], check="dict")
add("slogdet singular", "linalg.slogdet", SL, [np.array([[1.0, 2.0], [2.0, 4.0]])], check="dict")
add("slogdet batched", "linalg.slogdet", SL, [well(3, 3)], check="dict")
add("inv 3x3", "linalg.inv", L.inv, [well(3)])
add("inv int", "linalg.inv", L.inv, [np.array([[2, 1], [7, 4]])])
add("inv float32", "linalg.inv", L.inv, [well(3, dtype=np.float32)])
add("inv batched", "linalg.inv", L.inv, [well(4, 2, 3)])
add("inv of a view", "linalg.inv", L.inv, [(well(3), "T")])
add("inv singular", "linalg.inv", L.inv, [np.array([[1.0, 2.0], [2.0, 4.0]])], **ERR)
add("inv non-square", "linalg.inv", L.inv, [np.ones((2, 3))], **ERR)
add("inv 1-D", "linalg.inv", L.inv, [np.ones(3)], **ERR)
add("solve vector", "linalg.solve", L.solve, [well(3), randn(3)])
add("solve matrix", "linalg.solve", L.solve, [well(3), randn(3, 2)])
add("solve batched a, 1-D b", "linalg.solve", L.solve, [well(3, 2), randn(3)])
add("solve broadcast batches", "linalg.solve", L.solve, [well(3, 2, 1), randn(4, 3, 2)])
add("solve int", "linalg.solve", L.solve, [np.array([[3, 1], [1, 2]]), np.array([9, 8])])
add("solve float32", "linalg.solve", L.solve, [well(3, dtype=np.float32), randn(3, dtype=np.float32)])
add("solve 1-D mismatch", "linalg.solve", L.solve, [np.eye(3), np.ones(4)], js_error="ShapeError", **ERR)
add("solve 2-D mismatch", "linalg.solve", L.solve, [np.eye(3), np.ones((4, 2))], js_error="ShapeError", **ERR)
add("solve batch mismatch", "linalg.solve", L.solve, [np.ones((2, 3, 3)), np.ones((3, 3, 2))], js_error="ShapeError", **ERR)
add("solve singular", "linalg.solve", L.solve, [np.array([[1.0, 2.0], [2.0, 4.0]]), np.ones(2)], **ERR)
add("solve non-square", "linalg.solve", L.solve, [np.ones((2, 3)), np.ones(2)], **ERR)

# ------------------------------------------------------------------ lstsq
LS = lambda a, b, **k: dict(zip(("x", "residuals", "rank", "s"), L.lstsq(a, b, **k)))  # noqa: E731
add("lstsq overdetermined 1-D b", "linalg.lstsq", LS, [np.array([[1.0, 0], [1, 1], [1, 2]]), np.array([1.0, 2, 4])], check="dict")
add("lstsq overdetermined 2-D b", "linalg.lstsq", LS, [randn(6, 3), randn(6, 2)], check="dict")
add("lstsq square", "linalg.lstsq", LS, [well(3), randn(3)], check="dict")
add("lstsq underdetermined", "linalg.lstsq", LS, [randn(2, 4), randn(2)], check="dict")
rd = randn(5, 2) @ randn(2, 3)
add("lstsq rank-deficient", "linalg.lstsq", LS, [rd, randn(5)], check="dict")
add("lstsq rcond", "linalg.lstsq", LS, [np.diag([1.0, 1e-3, 1e-8]), np.ones(3)], kw={"rcond": 1e-5}, check="dict")
add("lstsq int", "linalg.lstsq", LS, [randint(4, 2), randint(4)], check="dict")
add("lstsq float32", "linalg.lstsq", LS, [randn(5, 3, dtype=np.float32), randn(5, dtype=np.float32)], check="dict")
add("lstsq incompatible", "linalg.lstsq", LS, [np.eye(3), np.ones(4)], **ERR)
add("lstsq 3-D", "linalg.lstsq", LS, [np.ones((2, 3, 3)), np.ones((2, 3))], **ERR)
add("lstsq 1-D a", "linalg.lstsq", LS, [np.ones(3), np.ones(3)], **ERR)

# ------------------------------------------------------------------ cholesky
add("cholesky 3x3", "linalg.cholesky", L.cholesky, [spd(3)])
add("cholesky 6x6", "linalg.cholesky", L.cholesky, [spd(6)])
add("cholesky batched", "linalg.cholesky", L.cholesky, [spd(3, 2)])
add("cholesky float32", "linalg.cholesky", L.cholesky, [spd(4, dtype=np.float32)])
add("cholesky int", "linalg.cholesky", L.cholesky, [np.array([[4, 2], [2, 5]])])
add("cholesky reads lower", "linalg.cholesky", L.cholesky, [np.tril(spd(3)) + np.triu(np.full((3, 3), 99.0), 1)])
add("cholesky upper", "linalg.cholesky", lambda a: L.cholesky(a, upper=True), [spd(3)], js_kw={"upper": True})
add("cholesky not PD", "linalg.cholesky", L.cholesky, [np.array([[1.0, 2.0], [2.0, 1.0]])], **ERR)
add("cholesky non-square", "linalg.cholesky", L.cholesky, [np.ones((2, 3))], **ERR)

# ------------------------------------------------------------------ qr
QR = lambda a, **k: dict(zip(("Q", "R"), L.qr(a, **k)))  # noqa: E731
add("qr tall reduced", "linalg.qr", QR, [randn(5, 3)], check="qr")
add("qr tall complete", "linalg.qr", QR, [randn(5, 3)], kw={"mode": "complete"}, check="qr")
add("qr wide reduced", "linalg.qr", QR, [randn(3, 5)], check="qr")
add("qr wide complete", "linalg.qr", QR, [randn(3, 5)], kw={"mode": "complete"}, check="qr")
add("qr square", "linalg.qr", QR, [randn(4, 4)], check="qr")
add("qr batched", "linalg.qr", QR, [randn(2, 4, 3)], check="qr")
add("qr int", "linalg.qr", QR, [randint(4, 3)], check="qr")
add("qr float32", "linalg.qr", QR, [randn(4, 3, dtype=np.float32)], check="qr")
add("qr mode r", "linalg.qr", lambda a, **k: L.qr(a, **k), [randn(5, 3)], kw={"mode": "r"}, check="qr")
add("qr bad mode", "linalg.qr", QR, [np.ones((3, 3))], kw={"mode": "x"}, **ERR)
add("qr 1-D", "linalg.qr", QR, [np.ones(3)], **ERR)

# ------------------------------------------------------------------ eigh, eigvalsh
EH = lambda a, **k: dict(zip(("eigenvalues", "eigenvectors"), L.eigh(a, **k)))  # noqa: E731
add("eigh 3x3", "linalg.eigh", EH, [sym(3)], check="eigh", distinct=True)
add("eigh 6x6", "linalg.eigh", EH, [sym(6)], check="eigh", distinct=True)
add("eigh batched", "linalg.eigh", EH, [sym(4, 2)], check="eigh", distinct=True)
add("eigh UPLO U", "linalg.eigh", EH, [np.triu(sym(3)) + np.tril(np.full((3, 3), 7.0), -1)], kw={"UPLO": "U"}, check="eigh", distinct=True)
add("eigh reads lower", "linalg.eigh", EH, [np.tril(sym(3)) + np.triu(np.full((3, 3), 7.0), 1)], check="eigh", distinct=True)
add("eigh int", "linalg.eigh", EH, [np.array([[2, 1, 0], [1, 2, 1], [0, 1, 2]])], check="eigh", distinct=True)
add("eigh float32", "linalg.eigh", EH, [sym(4).astype(np.float32)], check="eigh", distinct=True)
add("eigh repeated eigenvalues", "linalg.eigh", EH, [np.diag([2.0, 1.0, 2.0, 3.0])], check="eigh", distinct=False)
add("eigh diagonal input", "linalg.eigh", EH, [np.diag([3.0, -1.0, 2.0])], check="eigh", distinct=True)
add("eigh bad UPLO", "linalg.eigh", EH, [np.eye(2)], kw={"UPLO": "X"}, **ERR)
add("eigh non-square", "linalg.eigh", EH, [np.ones((2, 3))], **ERR)
add("eigvalsh", "linalg.eigvalsh", L.eigvalsh, [sym(5)])
add("eigvalsh batched", "linalg.eigvalsh", L.eigvalsh, [sym(3, 2, 2)])

# ------------------------------------------------------------------ svd, svdvals, pinv, matrix_rank
SV = lambda a, **k: dict(zip(("U", "S", "Vh"), L.svd(a, **k)))  # noqa: E731
add("svd tall full", "linalg.svd", SV, [randn(5, 3)], check="svd")
add("svd tall reduced", "linalg.svd", SV, [randn(5, 3)], kw={"full_matrices": False}, js_kw={"fullMatrices": False}, check="svd")
add("svd wide full", "linalg.svd", SV, [randn(3, 5)], check="svd")
add("svd wide reduced", "linalg.svd", SV, [randn(3, 5)], kw={"full_matrices": False}, js_kw={"fullMatrices": False}, check="svd")
add("svd square", "linalg.svd", SV, [randn(4, 4)], check="svd")
add("svd batched", "linalg.svd", SV, [randn(2, 4, 3)], check="svd")
add("svd rank-deficient full", "linalg.svd", SV, [randn(5, 2) @ randn(2, 4)], check="svd", rank=2)
add("svd int", "linalg.svd", SV, [randint(3, 3)], check="svd")
add("svd float32", "linalg.svd", SV, [randn(4, 3, dtype=np.float32)], check="svd")
add("svd computeUv false", "linalg.svd", lambda a, **k: L.svd(a, **k), [randn(4, 6)], kw={"compute_uv": False}, js_kw={"computeUv": False})
add("svd 1-D", "linalg.svd", SV, [np.ones(3)], **ERR)
add("svdvals", "linalg.svdvals", L.svdvals, [randn(3, 2, 4)])
add("pinv tall", "linalg.pinv", L.pinv, [randn(5, 3)])
add("pinv wide", "linalg.pinv", L.pinv, [randn(2, 4)])
add("pinv rank-deficient", "linalg.pinv", L.pinv, [randn(4, 2) @ randn(2, 4)])
add("pinv batched", "linalg.pinv", L.pinv, [randn(2, 3, 2)])
add("pinv rtol None", "linalg.pinv", lambda a: L.pinv(a, rtol=None), [np.diag([1.0, 1e-20, 3.0])], js_kw={"rtol": None})
add("matrix_rank full", "linalg.matrixRank", L.matrix_rank, [randn(4, 4)])
add("matrix_rank deficient", "linalg.matrixRank", L.matrix_rank, [randn(5, 2) @ randn(2, 4)])
add("matrix_rank batched", "linalg.matrixRank", L.matrix_rank, [np.stack([np.eye(3), np.diag([1.0, 1.0, 0.0])])])
add("matrix_rank tol", "linalg.matrixRank", lambda a: L.matrix_rank(a, tol=0.5), [np.diag([1.0, 0.4, 0.6])], js_kw={"tol": 0.5})
add("matrix_rank 1-D zeros", "linalg.matrixRank", L.matrix_rank, [np.zeros(4)])
add("matrix_rank 1-D", "linalg.matrixRank", L.matrix_rank, [np.array([0.0, 2.0])])

# ------------------------------------------------------------------ norm
N = lambda a, **k: L.norm(a, **k)  # noqa: E731
X = randn(3, 4)
add("norm default vector", "linalg.norm", N, [randn(5)])
add("norm default matrix (fro)", "linalg.norm", N, [X])
add("norm default 3-D flattens", "linalg.norm", N, [randn(2, 3, 4)])
add("norm int", "linalg.norm", N, [np.array([3, 4])])
add("norm float32", "linalg.norm", N, [randn(6, dtype=np.float32)])
add("norm keepdims", "linalg.norm", N, [X], kw={"keepdims": True})
for o in [1, 2, np.inf, -np.inf, 0, 3, 0.5, -1]:
    add(f"norm vector ord={o}", "linalg.norm", N, [np.array([3.0, -4.0, 0.0, 1.5])], kw={"ord": o})
for o in [1, -1, 2, -2, np.inf, -np.inf, "fro", "nuc"]:
    add(f"norm matrix ord={o}", "linalg.norm", N, [X], kw={"ord": o})
add("norm axis=0", "linalg.norm", N, [X], kw={"axis": 0})
add("norm axis=1 ord=1 keepdims", "linalg.norm", N, [X], kw={"axis": 1, "ord": 1, "keepdims": True})
add("norm axis=-1 ord=inf", "linalg.norm", N, [randn(2, 3, 4)], kw={"axis": -1, "ord": np.inf})
add("norm matrix axes of 3-D", "linalg.norm", N, [randn(2, 3, 4)], kw={"axis": (2, 0), "ord": 1}, js_kw={"axis": [2, 0], "ord": 1})
add("norm matrix axes nuc keepdims", "linalg.norm", N, [randn(3, 2, 4)], kw={"axis": (0, 2), "ord": "nuc", "keepdims": True}, js_kw={"axis": [0, 2], "ord": "nuc", "keepdims": True})
add("norm batched spectral", "linalg.norm", N, [randn(2, 3, 3)], kw={"axis": (1, 2), "ord": 2}, js_kw={"axis": [1, 2], "ord": 2})
add("norm 3-D with ord", "linalg.norm", N, [np.ones((2, 3, 4))], kw={"ord": 2}, **ERR)
add("norm fro for vector", "linalg.norm", N, [np.ones(3)], kw={"ord": "fro"}, **ERR)
add("norm invalid matrix ord", "linalg.norm", N, [np.ones((3, 3))], kw={"ord": 3}, **ERR)
add("norm duplicate axes", "linalg.norm", N, [np.ones((3, 3))], kw={"axis": (0, 0)}, js_kw={"axis": [0, 0]}, **ERR)
add("norm three axes", "linalg.norm", N, [np.ones((3, 3, 3))], kw={"axis": (0, 1, 2)}, js_kw={"axis": [0, 1, 2]}, **ERR)

names = [c["name"] for c in cases]
assert len(names) == len(set(names)), "duplicate case names"
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linalg.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {out}")
