"""Golden cases for printing arrays like NumPy: repr(a), str(a), print options, and
np.format_float_positional / np.format_float_scientific / str(scalar).

Run `python3 test/golden/gen_format.py` (NumPy 2.4) to regenerate test/golden/format.json.

- "arrays": {name, a (encoded array), view?, opts?, repr, str}. `view` is either "T" or an index
  text applied to `a` (`a[view]` here, `a.get(view)` in the test); `opts` are print options.
- "floats": {fn: positional|scientific, x (repr of the value), dtype, kw (NumPy keywords), out | error}.
- "scalars": {x, dtype, str}: str() of a NumPy scalar.
- "options_errors": {opts, error, message}: np.set_printoptions failures.
"""
import math
import os
import warnings

import numpy as np

from common import enc, err, write

warnings.simplefilter("ignore")

arrays = []


def make_array(spec):
    """Arrays too big to store: rebuilt by the test with the same float64 operations."""
    if spec["kind"] == "heatmap":
        yy, xx = np.mgrid[0:100, 0:100]
        return np.sqrt((xx - 50.0) ** 2 + (yy - 50.0) ** 2)
    if spec["kind"] == "golden":  # (i * 0.6180339887) % 1
        return (np.arange(spec["n"]) * 0.6180339887) % 1.0
    # arange(n) * scale / div, cast to dtype, reshaped
    v = np.arange(spec["n"], dtype=np.float64) * spec.get("scale", 1) / spec.get("div", 1)
    return v.astype(spec.get("dtype", "int64")).reshape(spec.get("shape", [spec["n"]]))


def add(name, a, view=None, opts=None, make=None):
    if make is not None:
        a = make_array(make)
    a = np.asarray(a)
    target = a
    if view == "T":
        target = a.T
    elif view is not None:
        target = eval(f"a[{view}]")  # noqa: S307 - our own index texts
    with np.printoptions(**(opts or {})):
        r, s = repr(target), str(target)
    case = {"name": name, "repr": r, "str": s}
    if make is not None:
        case["make"] = make
    else:
        case["a"] = enc(a)
    if view is not None:
        case["view"] = view
    if opts:
        case["opts"] = opts
    arrays.append(case)


rng = np.random.default_rng(7)

# ---------------------------------------------------------------- Day 1 (COURSE.md)
a = np.array([1, 2, 3, 4, 5, 6])
add("day1 array 1..6", a)
a[0] = 10
add("day1 a[0]=10", a)
b = a[3:]
b[0] = 40
add("day1 b[0]=40 writes through", a)
add("day1 3x4", np.arange(12).reshape(3, 4))
add("day1 nested float32", np.array([[1, 2], [3, 4]], dtype=np.float32))
add("day1 arange(2,9,2)", np.arange(2, 9, 2))
add("day1 arange(2,3,0.1)", np.arange(2, 3, 0.1))
add("day1 linspace(0,10,5)", np.linspace(0, 10, 5))
add("day1 linspace endpoint=False", np.linspace(0, 1, 10, endpoint=False))
add("day1 eye(3,5)", np.eye(3, 5))
add("day1 diag", np.diag([1, 2, 3]))
add("day1 diag k=1", np.diag(np.arange(9).reshape(3, 3), k=1))
add("day1 vander", np.vander([1, 2, 3, 5]))
add("day1 zeros", np.zeros((2, 3)))
add("day1 ones int", np.ones((2, 2), dtype=np.int32))
add("day1 full", np.full((2, 3), 7))
add("day1 empty-like full 2.5", np.full((3,), 2.5))
add("day1 indices", np.indices((3, 3)))
add("day1 block", np.block([[np.ones((2, 2)), np.eye(2)], [np.zeros((2, 2)), np.diag([-3, -4])]]))
add("day1 uint8 wrap", np.array([255, 0, 1], dtype=np.uint8) + np.uint8(1))
add("day1 int8 overflow", np.array([127, -128], dtype=np.int8) + np.int8(1))
y = np.arange(35).reshape(5, 7)
add("day1 y", y)
add("day1 y[[0,2,4],[0,1,2]]", y[[0, 2, 4], [0, 1, 2]])
add("day1 x[-3:3:-1]", np.arange(10), view="-3:3:-1")
arr = np.arange(1, 17).reshape(4, 4)
add("day1 arr[1,2:4]", arr, view="1, 2:4")
add("day1 arr[:,1]", arr, view=":, 1")
add("day1 arr[2:,2:]", arr, view="2:, 2:")
add("day1 arr[1::2,::2]", arr, view="1::2, ::2")
add("day1 rng(42).random((2,3))", np.random.default_rng(42).random((2, 3)))
add("day1 standard_normal", np.random.default_rng(0).standard_normal((3, 4)))
add("day1 integers", np.random.default_rng(0).integers(0, 10, (2, 5)))
add("day1 mean 0-d", np.array([1, 2, 3, 4]).mean())
add("day1 std 0-d", np.array(np.arange(10).std()))
add("day1 sum axis0", np.arange(12).reshape(3, 4).sum(axis=0))
add("day1 mean keepdims", np.arange(12).reshape(3, 4).mean(axis=1, keepdims=True))
add("day1 cumsum", np.cumsum(np.arange(1, 11)))
add("day1 unique", np.unique([3, 1, 2, 3, 1]))
add("day1 sine", np.sin(np.linspace(0, 2 * np.pi, 200)))
add("day1 distance heat map", None, make={"kind": "heatmap"})
add("day1 broadcast outer", np.arange(4)[:, np.newaxis] + np.arange(3))
add("day1 vq distances", np.sqrt(((np.array([[102.0, 203.0], [132.0, 193.0], [45.0, 155.0], [57.0, 173.0]]) - [111.0, 188.0]) ** 2).sum(-1)))
add("day1 bool mask", np.arange(-3, 4) < 0)
add("day1 x[x<0]+=20", np.where(np.arange(-3, 4) < 0, np.arange(-3, 4) + 20, np.arange(-3, 4)))

# ---------------------------------------------------------------- every dtype x shapes 0-d .. 4-d
dtypes = ["bool", "uint8", "int8", "uint32", "int32", "int64", "float32", "float64"]
shapes = [(), (0,), (4,), (2, 3), (2, 2, 3), (2, 1, 2, 2), (2, 0), (0, 3), (1, 1)]
for dt in dtypes:
    for shape in shapes:
        n = int(np.prod(shape))
        if dt == "bool":
            v = (np.arange(n) % 3 == 0)
        elif dt in ("uint8", "uint32"):
            v = np.arange(n) * 7
        elif dt in ("int8", "int32", "int64"):
            v = np.arange(n) * 5 - 11
        else:
            v = (np.arange(n) - 3) * 0.75
        add(f"{dt} {shape}", v.astype(dt).reshape(shape))

# ---------------------------------------------------------------- integers
add("int64 extremes", np.array([-(2**53 - 1), 0, 2**53 - 1]))
add("int32 extremes", np.array([-(2**31), 0, 2**31 - 1], dtype=np.int32))
add("uint32 max", np.array([0, 4294967295], dtype=np.uint32))
add("int8 range", np.arange(-128, 128, dtype=np.int8))
add("uint8 range", np.arange(256, dtype=np.uint8))
add("negative ints", np.array([-1, -22, -333]))
add("mixed widths", np.array([[1, -1000], [100000, 7]]))
add("wide int row", np.arange(100) * 12345)
add("int 2d wrap", np.arange(60).reshape(3, 20) * 1001)

# ---------------------------------------------------------------- floats
add("halves", np.array([1.0, 2.5]))
add("thirds", np.array([0.1, 1 / 3]))
add("tie 1/512", np.array([0.001953125, 0.1]))
add("round up carry", np.array([0.999999999, 1.5]))
add("negatives", np.array([-1.5, 2.25, -3.125]))
add("neg zero", np.array([-0.0, 1.0]))
add("zeros", np.zeros(3))
add("nan inf", np.array([np.nan, np.inf, -np.inf, 1.5]))
add("only nan", np.array([np.nan, np.nan]))
add("only inf", np.array([np.inf, -np.inf]))
add("nan and ints", np.array([np.nan, 1.0, 2.0]))
add("inf and tiny", np.array([np.inf, 1e-10]))
add("tiny", np.array([1e-5, 2e-5]))
add("tiny exact 1e-4", np.array([1e-4, 0.5]))
add("very tiny", np.array([1e-300, 5e-324]))
add("huge", np.array([1e8, 1.5]))
add("just below 1e8", np.array([99999999.0, 1.5e5]))
add("huge 1e300", np.array([1e300, -1.7976931348623157e308]))
add("ratio 1000", np.array([1.0, 1000.0]))
add("ratio 1001", np.array([1.0, 1001.0]))
add("mixed exp neg", np.array([-1e-7, 3.0, 12345.678]))
add("exp different lengths", np.array([1.5e-100, 2.25e100]))
add("exp 3 digits", np.array([1e-120, 1.0]))
add("big positional", np.array([12345678.9, 0.5]))
add("precision cut", np.array([np.pi, np.e, np.sqrt(2)]))
add("1/7 multiples", np.arange(1, 8) / 7)
add("integral floats", np.array([1.0, 20.0, 300.0]))
add("random floats wrap", rng.random(30))
add("random normal 2d", rng.standard_normal((4, 6)))
add("random normal 3d", rng.standard_normal((2, 3, 4)) * 100)
add("random 4d", rng.random((2, 2, 2, 3)))
add("float 0-d neg", np.array(-2.5))
add("float 0-d exp", np.array(1e-5))
add("float 0-d big", np.array(123456789.0))
add("float 0-d nan", np.array(np.nan))
add("int 0-d", np.array(5))
add("int32 0-d", np.array(-7, dtype=np.int32))
add("bool 0-d", np.array(False))
add("linspace 0..1 11", np.linspace(0, 1, 11))
add("arange 0.1 steps", np.arange(0, 1, 0.1))
add("suppressable", np.array([1e-10, 1.0, 2.0]))

# ---------------------------------------------------------------- float32 (shortest float32 digits)
add("f32 0.1", np.array([0.1], dtype=np.float32))
add("f32 thirds", np.array([1 / 3, 2 / 3], dtype=np.float32))
add("f32 pi e", np.array([np.pi, np.e], dtype=np.float32))
add("f32 16777217", np.array([16777217.0, 1.0], dtype=np.float32))
add("f32 1e6 cutoff", np.array([1e6, 2.0], dtype=np.float32))
add("f32 below 1e6", np.array([999999.0, 2.0], dtype=np.float32))
add("f32 1e-4 boundary", np.array([1e-4, 0.05], dtype=np.float32))
add("f32 max", np.array([3.4028235e38, -1.0], dtype=np.float32))
add("f32 subnormal", np.array([1e-45, 1.0], dtype=np.float32))
add("f32 random", rng.random(12).astype(np.float32))
add("f32 normal 2d", rng.standard_normal((3, 4)).astype(np.float32))
add("f32 nan inf", np.array([np.nan, -np.inf, 0.25], dtype=np.float32))
add("f32 0-d", np.array(0.1, dtype=np.float32))
add("f32 ratio", np.array([0.001, 1.0], dtype=np.float32))
add("f32 linspace", np.linspace(0, 1, 7, dtype=np.float32))

# ---------------------------------------------------------------- summarised (size > threshold)
add("arange 2000", None, make={"kind": "arange", "n": 2000})
add("arange 2000 float", None, make={"kind": "arange", "n": 2000, "dtype": "float64"})
add("arange 2000 2d", None, make={"kind": "arange", "n": 2000, "shape": [20, 100]})
add("arange 2000 3d", None, make={"kind": "arange", "n": 2000, "shape": [10, 10, 20]})
add("arange 2400 4d", None, make={"kind": "arange", "n": 2400, "shape": [2, 10, 12, 10]})
add("f32 2000", None, make={"kind": "arange", "n": 2000, "div": 7, "dtype": "float32"})
add("f64 2000 thirds 2d", None, make={"kind": "arange", "n": 2000, "div": 3, "dtype": "float64", "shape": [40, 50]})
add("int32 2000 big", None, make={"kind": "arange", "n": 2000, "scale": 1000003, "dtype": "int32"})
add("uint8 2000", None, make={"kind": "arange", "n": 2000, "dtype": "uint8"})
add("bool 2000", None, make={"kind": "arange", "n": 2000, "dtype": "bool"})
add("size 1000 not summarised", None, make={"kind": "arange", "n": 1000})
add("size 1001 summarised", None, make={"kind": "arange", "n": 1001})
add("summarised short axis", None, make={"kind": "arange", "n": 1002, "shape": [2, 501]})
add("summarised tall", None, make={"kind": "arange", "n": 2000, "shape": [1000, 2]})
add("golden 1500", None, make={"kind": "golden", "n": 1500})

# ---------------------------------------------------------------- views
add("transpose", np.arange(6).reshape(2, 3), view="T")
add("step slice", np.arange(10.0), view="::3")
add("negative step 2d", np.arange(12).reshape(3, 4), view="::-1, ::-2")
add("newaxis view", np.arange(3), view="None, :")

# ---------------------------------------------------------------- print options
add("precision 3", np.array([np.pi, 1 / 3]), opts={"precision": 3})
add("precision 0", np.array([1.5, 2.5, 3.7]), opts={"precision": 0})
add("precision 2 exp", np.array([1e-5, 1.23456]), opts={"precision": 2})
add("suppress", np.array([1e-10, 1.0, 2.0]), opts={"suppress": True})
add("suppress tiny only", np.array([1e-10, 2e-12]), opts={"suppress": True})
add("suppress precision 3", np.array([1e-4, 123.456]), opts={"suppress": True, "precision": 3})
add("linewidth 20", np.arange(20), opts={"linewidth": 20})
add("linewidth 40 floats", rng.random(10), opts={"linewidth": 40})
add("linewidth 30 2d", np.arange(24).reshape(2, 12), opts={"linewidth": 30})
add("threshold 10", np.arange(20), opts={"threshold": 10})
add("threshold 10 edge 1", np.arange(30).reshape(5, 6), opts={"threshold": 10, "edgeitems": 1})
add("threshold 5 edge 2 3d", np.arange(60).reshape(3, 4, 5), opts={"threshold": 5, "edgeitems": 2})
add("sign plus floats", np.array([1.5, -2.0, 0.0]), opts={"sign": "+"})
add("sign plus ints", np.array([1, -2, 0]), opts={"sign": "+"})
add("sign space floats", np.array([1.5, 2.0]), opts={"sign": " "})
add("sign space ints", np.array([1, 20]), opts={"sign": " "})
add("sign space negative", np.array([1.5, -2.0]), opts={"sign": " "})
add("sign plus nan inf", np.array([np.nan, np.inf, 1.0]), opts={"sign": "+"})
add("sign plus exp", np.array([1e-5, 1.0]), opts={"sign": "+"})
add("floatmode fixed", np.array([1.0, 0.5, 1 / 3]), opts={"floatmode": "fixed"})
add("floatmode fixed p3", np.array([1.0, 0.5]), opts={"floatmode": "fixed", "precision": 3})
add("floatmode fixed exp", np.array([1e-5, 1.0]), opts={"floatmode": "fixed", "precision": 3})
add("floatmode unique", np.array([0.1, 1 / 3, 2.0]), opts={"floatmode": "unique"})
add("floatmode unique exp", np.array([1e-7, 1 / 3]), opts={"floatmode": "unique"})
add("floatmode maxprec_equal", np.array([0.5, 0.25, 1.0]), opts={"floatmode": "maxprec_equal"})
add("floatmode maxprec_equal long", np.array([0.5, 1 / 3]), opts={"floatmode": "maxprec_equal"})
add("nanstr infstr", np.array([np.nan, np.inf, -np.inf, 1.0]), opts={"nanstr": "NaN", "infstr": "Inf"})
add("f32 precision 3", np.array([0.1, 1 / 3], dtype=np.float32), opts={"precision": 3})
add("f32 fixed", np.array([0.1, 0.2], dtype=np.float32), opts={"floatmode": "fixed"})

# ---------------------------------------------------------------- float formatting functions
floats = []


def ffmt(fn, x, dtype, **kw):
    t = np.float32 if dtype == "float32" else np.float64
    v = t(x)
    f = np.format_float_positional if fn == "positional" else np.format_float_scientific
    case = {"fn": fn, "x": repr(float(v)), "dtype": dtype, "kw": kw}
    try:
        case["out"] = f(v, **kw)
    except Exception as e:  # noqa: BLE001
        case.update(err(e))
    floats.append(case)


def random_floats(n, dtype):
    if dtype == "float32":
        bits = rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32)
        vals = bits.view(np.float32)
    else:
        bits = rng.integers(0, 2**63, n, dtype=np.uint64) * np.uint64(2) + rng.integers(0, 2, n, dtype=np.uint64)
        vals = bits.view(np.float64)
    return [float(v) for v in vals if np.isfinite(v)]


special = [0.0, -0.0, 1.0, 0.1, 0.5, 1 / 3, 2 / 3, 123.456, 1e16, 1e-4, 9.5, 0.125, 0.001953125, 5e-324,
           1.7976931348623157e308, 2.0**-1022, 2.0**-1074 * 3, 1e23, 9007199254740993.0, 0.3, 2.5, 1e-7, 65504.0]
for dtype in ["float64", "float32"]:
    vals = special + random_floats(40, dtype) + [float(v) for v in rng.standard_normal(20) * 10.0 ** rng.integers(-12, 12, 20)]
    for x in vals:
        xv = float(np.float32(x)) if dtype == "float32" else x
        if not math.isfinite(xv):
            continue
        ffmt("scientific", xv, dtype)
        if xv == 0 or 1e-30 < abs(xv) < 1e30:
            ffmt("positional", xv, dtype)
    for x in vals[:40]:
        xv = float(np.float32(x)) if dtype == "float32" else x
        if not math.isfinite(xv):
            continue
        ffmt("scientific", xv, dtype, precision=3)
        ffmt("scientific", xv, dtype, precision=12, unique=False)
        ffmt("scientific", xv, dtype, min_digits=10, precision=12, trim=".")
        ffmt("positional", xv, dtype, precision=8, trim=".")
        ffmt("positional", xv, dtype, precision=20, unique=False)
        if xv == 0 or 1e-30 < abs(xv) < 1e30:
            ffmt("positional", xv, dtype, precision=4, fractional=False, trim="-")
        if xv == 0 or 1e-30 < abs(xv) < 1e30:
            ffmt("positional", xv, dtype, min_digits=6, trim="0")
        ffmt("positional", xv, dtype, precision=2, pad_left=6, pad_right=4, sign=True)
        ffmt("scientific", xv, dtype, precision=2, pad_left=4, exp_digits=4, sign=True, trim="-")
for x in [0.5, 1.5, 2.5, 0.125, 0.375, 1e22]:
    ffmt("positional", x, "float64", precision=0, unique=False)
    ffmt("positional", x, "float64", precision=2, unique=False)
    ffmt("scientific", x, "float64", precision=0, unique=False)
    ffmt("positional", x, "float64", precision=0, trim="-")
# NumPy docstring examples
ffmt("positional", np.pi, "float64", precision=4)
ffmt("positional", 0.1, "float32", precision=10, unique=False)
ffmt("scientific", np.pi, "float32")
ffmt("scientific", 1.23e24, "float32", precision=15, unique=False)
ffmt("scientific", 1.23e24, "float32", exp_digits=4)
# errors
ffmt("positional", 1.5, "float64", unique=False)
ffmt("positional", 1.5, "float64", precision=-1)
ffmt("positional", 1.5, "float64", precision=0, fractional=False)
ffmt("positional", 1.5, "float64", precision=2, min_digits=3)
ffmt("scientific", 1.5, "float64", unique=False)

scalars = []
for dtype in ["float64", "float32"]:
    t = np.float32 if dtype == "float32" else np.float64
    for x in [0.0, -0.0, 1.0, -1.0, 0.1, 1e-4, 1.0001e-4, 9.9e-5, 1e5, 999999.0, 1e6, 1e15, 1e16, 1.5e-5,
              123456789.0, 1 / 3, np.nan, np.inf, -np.inf, 1e-300, 2.5e20] + random_floats(30, dtype):
        v = t(x)
        scalars.append({"x": repr(float(v)), "dtype": dtype, "str": str(v)})

options_errors = []
for opts in [{"floatmode": "bad"}, {"sign": "x"}, {"threshold": float("nan")}]:
    try:
        np.set_printoptions(**opts)
        options_errors.append({"opts": opts, "error": None})
    except Exception as e:  # noqa: BLE001
        options_errors.append({"opts": {k: (v if not (isinstance(v, float) and math.isnan(v)) else "nan") for k, v in opts.items()}, **err(e)})
np.set_printoptions(precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False, sign="-", floatmode="maxprec")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "format.json")
write(out, {"arrays": arrays, "floats": floats, "scalars": scalars, "options_errors": options_errors})
print(f"  arrays {len(arrays)}, floats {len(floats)}, scalars {len(scalars)}, option errors {len(options_errors)}")
