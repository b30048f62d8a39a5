"""Golden cases for nd's core: creation, indexing, broadcasting, ufuncs, views.

Run `python3 test/golden/gen_core.py` (NumPy 2.x) to regenerate test/golden/core.json.
Each case names an operation the TypeScript test knows how to replay, its inputs, and either
NumPy's result or NumPy's error.
"""
import os
import warnings

import numpy as np

from common import enc, err, write

warnings.simplefilter("ignore")
cases = []


def case(kind, name, run, **inputs):
    try:
        out = run()
        res = {"result": enc(out)} if not isinstance(out, tuple) else {"results": [enc(o) for o in out]}
    except Exception as e:  # noqa: BLE001
        res = err(e)
    cases.append({"kind": kind, "name": name, **inputs, **res})


# ---------------------------------------------------------------- creation
case("array", "ints", lambda: np.array([1, 2, 3, 4, 5, 6]), values=[1, 2, 3, 4, 5, 6])
case("array", "floats", lambda: np.array([[1.5, 2], [3, 4]]), values=[[1.5, 2], [3, 4]])
case("array", "bools", lambda: np.array([True, False]), values=[True, False])
case("array", "mixed bool int", lambda: np.array([True, 2]), values=[True, 2])
case("array", "dtype f4", lambda: np.array([[1, 2], [3, 4]], dtype="float32"), values=[[1, 2], [3, 4]], dtype="float32")
case("array", "dtype u8 wrap", lambda: np.array([1, 2, 3], dtype="uint8"), values=[1, 2, 3], dtype="uint8")
case("array", "3d", lambda: np.array([[[1], [2]], [[3], [4]]]), values=[[[1], [2]], [[3], [4]]])
case("array", "empty", lambda: np.array([]), values=[])
case("array", "ragged", lambda: np.array([[1, 2], [3]]), values=[[1, 2], [3]])
case("array", "scalar", lambda: np.array(3.5), values=3.5)
for args in [(5,), (2, 9, 2), (2, 3, 0.1), (0, 1, 0.25), (10, 0, -3), (1.5, 4), (0, -5), (-3, 3), (0, 2, 0.3), (1, 2, 1 / 3)]:
    case("arange", f"arange{args}", lambda args=args: np.arange(*args), args=list(args))
for args, kw in [((0, 10, 5), {}), ((0, 1, 10), {"endpoint": False}), ((2, 3, 5), {}), ((0, 1, 1), {}), ((0, 1, 0), {}),
                 ((-1, 1, 7), {}), ((0, 2 * np.pi, 200), {}), ((1, 0, 4), {"endpoint": False}), ((0, 1, 3), {"dtype": "float32"})]:
    case("linspace", f"linspace{args}{kw}", lambda args=args, kw=kw: np.linspace(*args, **kw), args=list(args), kwargs=kw)
case("linspace_step", "retstep", lambda: np.linspace(0, 1, 5, retstep=True)[0], args=[0, 1, 5], step=np.linspace(0, 1, 5, retstep=True)[1])
for args, kw in [((0, 2, 3), {}), ((0, 3, 4), {"base": 2}), ((1, 2, 4), {"endpoint": False})]:
    case("logspace", f"logspace{args}{kw}", lambda args=args, kw=kw: np.logspace(*args, **kw), args=list(args), kwargs=kw)
for fn in ["zeros", "ones", "empty"]:
    for shape, dt in [([2, 3], None), ([3], "int32"), ([2, 0], None), ([], "bool")]:
        kw = {} if dt is None else {"dtype": dt}
        if fn == "empty":
            continue
        case("filled", f"{fn}{shape}{kw}", lambda fn=fn, shape=shape, kw=kw: getattr(np, fn)(shape, **kw), fn=fn, shape=shape, kwargs=kw)
case("full", "full int", lambda: np.full((2, 2), 7), shape=[2, 2], value=7)
case("full", "full float", lambda: np.full((3,), 2.5), shape=[3], value=2.5)
case("full", "full bool", lambda: np.full((2,), True), shape=[2], value=True)

# ---------------------------------------------------------------- dtype promotion and wrap-around
types = ["bool", "uint8", "int8", "uint32", "int32", "int64", "float32", "float64"]
for a in types:
    for b in types:
        if (a, b) in [("uint8", "int8"), ("int8", "uint8")]:
            continue  # NumPy gives int16, which we do not have (we give int32; documented)
        cases.append({"kind": "promote", "name": f"{a}+{b}", "a": a, "b": b, "result": str(np.promote_types(a, b))})
case("astype", "f64->u8 wrap", lambda: np.array([255, 256, 257, -1]).astype("uint8"), a=enc(np.array([255, 256, 257, -1])), dtype="uint8")
case("astype", "f64->i8 wrap", lambda: np.array([127, 128, -129]).astype("int8"), a=enc(np.array([127, 128, -129])), dtype="int8")
case("astype", "float->int trunc", lambda: np.array([1.7, -1.7, 2.5]).astype("int64"), a=enc(np.array([1.7, -1.7, 2.5])), dtype="int64")
case("astype", "float->bool", lambda: np.array([0.0, 0.5, -2.0]).astype("bool"), a=enc(np.array([0.0, 0.5, -2.0])), dtype="bool")
case("astype", "int->f32", lambda: np.array([16777217]).astype("float32"), a=enc(np.array([16777217])), dtype="float32")
case("astype", "u32 wrap", lambda: np.array([-1, 4294967296]).astype("uint32"), a=enc(np.array([-1, 4294967296])), dtype="uint32")

# ---------------------------------------------------------------- broadcasting
shape_table = [
    ([8, 1, 6, 1], [7, 1, 5]), ([5, 4], [1]), ([5, 4], [4]), ([15, 3, 5], [15, 1, 5]), ([15, 3, 5], [3, 5]),
    ([15, 3, 5], [3, 1]), ([256, 256, 3], [3]), ([3], [4]), ([2, 1], [8, 4, 3]), ([4, 3], [4]), ([], [2, 3]),
    ([0], [1]), ([0, 3], [3]), ([2, 0], [3]), ([1, 1, 1], [1]), ([6, 7], [5, 1, 7]),
]
for s1, s2 in shape_table:
    case("broadcast", f"{s1}+{s2}", lambda s1=s1, s2=s2: np.zeros(np.broadcast_shapes(tuple(s1), tuple(s2))), shapes=[s1, s2])
    case("add_shapes", f"ones{s1}+ones{s2}", lambda s1=s1, s2=s2: np.ones(s1) + np.ones(s2), shapes=[s1, s2])
case("outer_newaxis", "outer sum", lambda: np.array([0.0, 10.0, 20.0, 30.0])[:, np.newaxis] + np.array([1.0, 2.0, 3.0]))

# ---------------------------------------------------------------- indexing
A = np.arange(1, 17).reshape(4, 4)
X = np.arange(10)
Y = np.arange(35).reshape(5, 7)
Z = np.arange(120).reshape(2, 3, 4, 5)
named = {"A": A, "X": X, "Y": Y, "Z": Z, "E": np.arange(9)}
gets = [
    ("A", "1, 2:4"), ("A", ":, 1"), ("A", "2:, 2:"), ("A", "1::2, ::2"), ("A", "-1"), ("A", "-1, -1"), ("A", "::-1"),
    ("A", "::-2, 1:3"), ("A", "..., 0"), ("A", "None, 1"), ("A", "1, None, :"), ("A", "5"), ("A", "1, 2, 3"),
    ("X", "2:5"), ("X", "-3:3:-1"), ("X", "5:"), ("X", ":-7"), ("X", "1:7:2"), ("X", "100:"), ("X", "-100:3"),
    ("X", "[1, 1, 3, 8]"), ("X", "[3, 3, -3, 8]"), ("X", "[[1, 1], [2, 3]]"), ("X", "[-20]"),
    ("Y", "[0, 2, 4], [0, 1, 2]"), ("Y", "[0, 2, 4], 1"), ("Y", "[[0], [2], [4]], [0, 1, 2]"), ("Y", "1:5:2, ::3"),
    ("Y", "[0, 2, 4], 1:3"), ("Y", "1:3, [0, 2]"), ("Y", "..., [1, 2]"), ("Y", "None, [0, 2], :"), ("Y", "[0, 2, 4], [0, 1]"),
    ("Z", ":, [0, 1], :, [1, 2]"), ("Z", ":, [0, 1], [1, 2]"), ("Z", "0, :, [1, 2]"), ("Z", "[0, 1], :, 0"),
    ("Z", "..., [[0], [1]], [1, 2]"), ("Z", "1, ..., 2"), ("Z", "..., None, 1"), ("Z", "1, [0, 2], [1, 3], :"),
    ("Z", ":, :, :, :, :"), ("E", "20"), ("E", "..., ..."), ("A", "[0, 1], [True, False, True, True]"),
]
for nm, idx in gets:
    case("get", f"{nm}[{idx}]", lambda nm=nm, idx=idx: eval(f"named[nm][{idx}]", {"named": named, "nm": nm, "None": None}), array=nm, index=idx)
# boolean masks
B = np.array([[1, -2, 3], [-4, 5, -6]])
case("mask_get", "B[B<0]", lambda: B[B < 0], a=enc(B), mask=enc(B < 0))
case("mask_get", "B[row mask]", lambda: B[np.array([False, True])], a=enc(B), mask=enc(np.array([False, True])))
case("mask_get", "bad mask", lambda: B[np.array([True, False, True])], a=enc(B), mask=enc(np.array([True, False, True])))
def plus20():
    x = np.array([-3, 1, -1, 4, -5]); x[x < 0] += 20; return x
case("mask_iadd", "x[x<0] += 20", plus20, a=enc(np.array([-3, 1, -1, 4, -5])), add=20)
# assignments
def assign(idx, val, base=None):
    x = np.arange(10) if base is None else base.copy()
    exec(f"x[{idx}] = val", {"x": x, "val": val, "np": np})
    return x
sets = [("2:7", 1), ("[1, 1, 3, 1]", [10, 20, 30, 40]), ("::-2", 0), ("[True, True, True, True, True, False, False, False, False, False]", 7), ("-1", 99), ("1:4", [7, 8, 9]), ("1:4", [7, 8])]
for idx, val in sets:
    case("set", f"x[{idx}] = {val}", lambda idx=idx, val=val: assign(idx, val), index=idx, value=val)
case("set2d", "A2[1:3, [0, 2]] = 0", lambda: assign("1:3, [0, 2]", 0, np.arange(16).reshape(4, 4)), index="1:3, [0, 2]", value=0)
case("set2d", "A2[:, 1] = [1,2,3,4]", lambda: assign(":, 1", [1, 2, 3, 4], np.arange(16).reshape(4, 4)), index=":, 1", value=[1, 2, 3, 4])
def repeated_iadd():
    x = np.zeros(5); x[[0, 0, 2]] += 1; return x
def add_at():
    x = np.zeros(5); np.add.at(x, [0, 0, 2], 1); return x
case("repeated_iadd", "x[[0,0,2]] += 1", repeated_iadd, index=[0, 0, 2])
case("add_at", "np.add.at(x, [0,0,2], 1)", add_at, index=[0, 0, 2])
case("ix", "Y[np.ix_([0,2],[1,3,5])]", lambda: Y[np.ix_([0, 2], [1, 3, 5])], a=[0, 2], b=[1, 3, 5])
case("nonzero", "nonzero", lambda: np.nonzero(np.array([[0, 1, 0], [2, 0, 3]])), a=enc(np.array([[0, 1, 0], [2, 0, 3]])))
case("where3", "where(c, x, y)", lambda: np.where(np.arange(6) > 2, np.arange(6), -np.arange(6)), n=6)
case("take", "take axis 1", lambda: np.take(Y, [0, 6, 6], axis=1), indices=[0, 6, 6], axis=1)
case("take", "take flat", lambda: np.take(Y, [[0, 34], [7, 8]]), indices=[[0, 34], [7, 8]], axis=None)
def put():
    x = np.arange(10); np.put(x, [0, 9, 3], [-1, -2]); return x
case("put", "put cyclic", put, indices=[0, 9, 3], values=[-1, -2])
def flat_set():
    x = np.arange(12).reshape(3, 4).T.copy(order="K")
    x = np.arange(12).reshape(3, 4).T
    x.flat[[1, 5]] = -1
    return x.base
case("flat", "flat assign through transpose", flat_set)
case("flat_get", "flat[2:9:3] of transpose", lambda: np.arange(12).reshape(3, 4).T.flat[2:9:3])

# ---------------------------------------------------------------- ufuncs
rng = np.random.default_rng(7)
fa = np.round(rng.uniform(-3, 3, (3, 4)), 3)
fb = np.round(rng.uniform(0.5, 3, (4,)), 3)
ia = np.array([[7, -7, 3, 0], [-3, 5, 9, -1], [2, 4, 6, 8]])
ib = np.array([2, -3, 4, 5])
binary = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power", "maximum", "minimum",
          "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and", "logical_or",
          "logical_xor", "arctan2", "hypot", "fmax", "fmin"]
for name in binary:
    for (x, y, tag) in [(fa, fb, "float"), (ia, ib, "int"), (fa.astype("float32"), fb.astype("float32"), "f32"),
                        (ia.astype("int32"), fb, "i32,f64")]:
        if name == "power" and tag == "int":
            y = np.abs(y)
        case("ufunc2", f"{name} {tag}", lambda name=name, x=x, y=y: getattr(np, name)(x, y), ufunc=name, a=enc(x), b=enc(y))
for name in ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"]:
    case("ufunc2", f"{name} int", lambda name=name: getattr(np, name)(np.abs(ia), np.array([1, 2, 3, 4])), ufunc=name, a=enc(np.abs(ia)), b=enc(np.array([1, 2, 3, 4])))
case("ufunc2", "bitwise_and float", lambda: np.bitwise_and(fa, fb), ufunc="bitwise_and", a=enc(fa), b=enc(fb))
case("ufunc2", "subtract bool", lambda: np.subtract(np.array([True]), np.array([False])), ufunc="subtract", a=enc(np.array([True])), b=enc(np.array([False])))
case("ufunc2", "add bool", lambda: np.add(np.array([True, False]), np.array([True, True])), ufunc="add", a=enc(np.array([True, False])), b=enc(np.array([True, True])))
case("ufunc2", "u8 + u8 wrap", lambda: np.add(np.array([250, 5], "uint8"), np.array([10, 5], "uint8")), ufunc="add", a=enc(np.array([250, 5], "uint8")), b=enc(np.array([10, 5], "uint8")))
case("ufunc2", "i8 * i8 wrap", lambda: np.multiply(np.array([100, -100], "int8"), np.array([2, 3], "int8")), ufunc="multiply", a=enc(np.array([100, -100], "int8")), b=enc(np.array([2, 3], "int8")))
case("ufunc2", "int pow negative", lambda: np.power(np.array([2]), np.array([-1])), ufunc="power", a=enc(np.array([2])), b=enc(np.array([-1])))
case("ufunc2", "divide by zero", lambda: np.divide(np.array([1.0, -1.0, 0.0]), 0.0), ufunc="divide", a=enc(np.array([1.0, -1.0, 0.0])), b=enc(np.array(0.0)))
case("ufunc2", "nan max", lambda: np.maximum(np.array([np.nan, 1.0]), np.array([0.0, np.nan])), ufunc="maximum", a=enc(np.array([np.nan, 1.0])), b=enc(np.array([0.0, np.nan])))
# weak scalars (NEP 50)
for (x, s, name) in [(np.array([1, 2], "uint8"), 3, "add"), (np.array([1, 2], "uint8"), 300, "add"), (np.array([1, 2]), 0.5, "multiply"),
                     (np.array([1.0, 2.0], "float32"), 2.5, "add"), (np.array([True, False]), 1, "add"), (np.array([1, 2], "int32"), 2, "power"),
                     (np.array([1, 2], "int8"), 2, "divide"), (np.array([7, 8]), 2, "floor_divide"), (np.array([255], "uint8"), 1, "add"),
                     (np.array([127], "int8"), 1, "add"), (np.array([0, 1], "uint8"), 1, "subtract")]:
    case("ufunc2_scalar", f"{name} {x.dtype} {s}", lambda x=x, s=s, name=name: getattr(np, name)(x, s), ufunc=name, a=enc(x), scalar=s)
unary = ["negative", "absolute", "sign", "exp", "log", "log2", "log10", "log1p", "expm1", "sqrt", "square", "sin", "cos", "tan",
         "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "floor", "ceil", "trunc", "rint", "isnan", "isinf", "isfinite",
         "logical_not", "invert", "exp2", "reciprocal"]
ua = np.array([[-1.5, -0.5, 0.0, 0.5], [1.5, 2.5, 0.25, 0.75]])
for name in unary:
    ints = np.array([-2, 1, 3, 7]) if name == "reciprocal" else np.array([-2, 0, 3, 7])  # 1/0 is undefined for ints
    for x, tag in [(ua, "f64"), (ua.astype("float32"), "f32"), (ints, "int"), (np.array([1, 2, 200], "uint8"), "u8"),
                   (np.array([True, False]), "bool")]:
        case("ufunc1", f"{name} {tag}", lambda name=name, x=x: getattr(np, name)(x), ufunc=name, a=enc(x))
for dec in [0, 1, 2, -1]:
    case("round", f"round {dec}", lambda dec=dec: np.round(np.array([0.5, 1.5, 2.5, -0.5, 1.25, 12.345, 15.0, 25.0]), dec), a=enc(np.array([0.5, 1.5, 2.5, -0.5, 1.25, 12.345, 15.0, 25.0])), decimals=dec)
case("round", "round int -1", lambda: np.round(np.array([15, 25, 123]), -1), a=enc(np.array([15, 25, 123])), decimals=-1)
case("clip", "clip", lambda: np.clip(np.arange(10), 2, 7), a=enc(np.arange(10)), lo=2, hi=7)
case("clip", "clip float", lambda: np.clip(np.array([-1.5, 0.2, 9.0]), 0, 1), a=enc(np.array([-1.5, 0.2, 9.0])), lo=0, hi=1)
def out_case():
    o = np.zeros(3); np.add(np.array([1, 2, 3]), 1, out=o); return o
case("out", "add into float out", out_case)
def out_bad():
    o = np.zeros(3, "int64"); np.add(np.array([1, 2, 3]), 0.5, out=o); return o
case("out_bad", "float into int out", out_bad)
# vector quantisation (Day 1)
obs = np.array([111.0, 188.0]); codes = np.array([[102.0, 203.0], [132.0, 193.0], [45.0, 155.0], [57.0, 173.0]])
case("vq", "argmin distance", lambda: np.array(np.argmin(np.sqrt(((codes - obs) ** 2).sum(-1)))), obs=enc(obs), codes=enc(codes))

# ---------------------------------------------------------------- views and reshape
case("reshape", "reshape -1", lambda: np.arange(12).reshape(3, -1), shape=[3, -1], n=12)
case("reshape", "reshape bad", lambda: np.arange(12).reshape(5, -1), shape=[5, -1], n=12)
case("reshape", "reshape 2 unknown", lambda: np.arange(12).reshape(-1, -1), shape=[-1, -1], n=12)
case("reshape", "reshape mismatch", lambda: np.arange(12).reshape(5, 3), shape=[5, 3], n=12)
case("squeeze", "squeeze", lambda: np.zeros((1, 3, 1, 2)).squeeze(), shape=[1, 3, 1, 2])
case("expand_dims", "expand_dims", lambda: np.expand_dims(np.zeros((3, 2)), (0, 3)), shape=[3, 2], axis=[0, 3])
case("moveaxis", "moveaxis", lambda: np.moveaxis(np.zeros((3, 4, 5)), 0, -1), shape=[3, 4, 5], src=0, dst=-1)
case("moveaxis", "moveaxis multi", lambda: np.moveaxis(np.zeros((3, 4, 5, 6)), [0, 1], [-1, -2]), shape=[3, 4, 5, 6], src=[0, 1], dst=[-1, -2])
case("transpose", "transpose perm", lambda: np.arange(24).reshape(2, 3, 4).transpose(1, 0, 2), perm=[1, 0, 2])
case("swapaxes", "swapaxes", lambda: np.arange(24).reshape(2, 3, 4).swapaxes(0, 2))
case("broadcast_to", "broadcast_to bad", lambda: np.broadcast_to(np.arange(3), (4, 2)), shape=[4, 2])

write(os.path.join(os.path.dirname(__file__), "core.json"), cases)
