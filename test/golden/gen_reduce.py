"""Golden cases for nd's reductions, statistics, sorting and searching (test/nd/reduce.test.ts).

Run `python3 test/golden/gen_reduce.py` (NumPy 2.x) to regenerate test/golden/reduce.json.

Each case: `fn` (the mlseries function: sum, mean, sort, unique, percentile …), `a` (the input:
an encoded array, or `gen` for a long deterministic array both sides compute the same way),
`view` (operations that make a non-contiguous view: ["T"], ["get", "::2, ::-1"],
["transpose", [..]], ["broadcast", shape]), `args` (extra positional arguments such as q or v), `opts` (the options
object in mlseries' camelCase; a typed array value is stored as {"array": encoded}), and NumPy's `result`, `results` (unique's dict) or `error`.
`exact: true` marks float results that mlseries must reproduce to the last bit.

Deviation recorded here, not hidden: NumPy sums unsigned integers to uint64; mlseries has no
uint64 and returns int64, so uint64 results are stored as int64.
"""
import os
import warnings

import numpy as np

from common import enc, err, num, write

warnings.simplefilter("ignore")
cases = []

SNAKE = {"keepdims": "keepdims", "dtype": "dtype", "ddof": "ddof", "initial": "initial", "axis": "axis",
         "kind": "kind", "side": "side", "sorter": "sorter", "returnIndex": "return_index",
         "returnInverse": "return_inverse", "returnCounts": "return_counts", "method": "method",
         "weights": "weights", "equalNan": "equal_nan"}
NP_NAME = {"variance": "var", "countNonzero": "count_nonzero", "averageReturned": "average", "sortInPlace": "sort"}


def mix(n, dtype):
    """The long test array: the same float64 arithmetic in Python and JS, then a cast."""
    return np.array([((i * 7919) % 1000) / 7 + i / 3 - 500 for i in range(n)]).astype(dtype)


def apply_view(a, view):
    for op in view or []:
        if op[0] == "T":
            a = a.T
        elif op[0] == "get":
            a = a[eval(f"np.s_[{op[1]}]")]
        elif op[0] == "transpose":
            a = a.transpose(op[1])
        elif op[0] == "broadcast":
            a = np.broadcast_to(a, op[1])
    return a


def enc_out(r):
    r = np.asarray(r)
    e = enc(r.astype(np.int64) if r.dtype == np.uint64 else r)
    return e


def np_kwargs(opts):
    kw = {}
    for k, v in (opts or {}).items():
        if k == "axis" and isinstance(v, list):
            v = tuple(v)
        kw[SNAKE[k]] = v
    return kw


def jsonable(v):
    """Nested lists with NaN/inf as the strings common.num uses."""
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    return num(v)


def case(name, fn, a, args=None, opts=None, view=None, exact=False, gen=None, tag=None, shape=None):
    """Records one case; `a` is array-like (ignored when `gen` = (n, dtype) is given)."""
    if gen is not None:
        n, dt = gen
        base = mix(n, dt).reshape(shape if shape is not None else (n,))
        spec = {"gen": "mix", "n": n, "dtype": dt, "shape": list(base.shape)}
    else:
        base = np.asarray(a)
        spec = enc(base)
    x = apply_view(base, view)
    kw = np_kwargs(opts)
    if "sorter" in kw:
        kw["sorter"] = np.asarray(kw["sorter"])
    if "weights" in kw:
        kw["weights"] = np.asarray(kw["weights"])
    npfn = getattr(np, NP_NAME.get(fn, fn))
    pargs = [np.asarray(v) if isinstance(v, list) else v for v in (args or [])]
    rec = {"name": name, "fn": fn, "a": spec}
    if view:
        rec["view"] = view
    if args is not None:
        rec["args"] = jsonable(args)
    if opts:
        rec["opts"] = {k: ({"array": enc(v)} if isinstance(v, np.ndarray) else v) for k, v in opts.items()}
    if exact:
        rec["exact"] = True
    if tag:
        rec["tag"] = tag
    try:
        if fn == "sortInPlace":
            y = x.copy() if view else x
            y.sort(**kw)
            out = y
        elif fn == "averageReturned":
            out = np.average(x, *pargs, returned=True, **kw)
        else:
            out = npfn(x, *pargs, **kw)
        if fn == "unique" and isinstance(out, tuple):
            names = ["values"]
            if kw.get("return_index"):
                names.append("indices")
            if kw.get("return_inverse"):
                names.append("inverseIndices")
            if kw.get("return_counts"):
                names.append("counts")
            rec["results"] = {k: enc_out(v) for k, v in zip(names, out)}
        elif isinstance(out, tuple):
            rec["tuple"] = [enc_out(v) for v in out]
        else:
            rec["result"] = enc_out(out)
    except Exception as e:  # noqa: BLE001
        rec.update(err(e))
    cases.append(rec)


# ---------------------------------------------------------------- Day 1 (guide §1.2: statistics)
# The guide's statistics examples: a 2×3 matrix reduced over all axes, each axis, with keepdims.
A = [[1, 2, 3], [4, 5, 6]]
D1 = "day1"
for fn in ["sum", "min", "max", "mean", "std", "variance", "median", "argmin", "argmax", "cumsum"]:
    case(f"day1 {fn}(a)", fn, A, tag=D1, exact=True)
    for ax in [0, 1]:
        case(f"day1 {fn}(a, axis={ax})", fn, A, opts={"axis": ax}, tag=D1, exact=True)
    if fn not in ["cumsum"]:
        case(f"day1 {fn}(a, axis=1, keepdims)", fn, A, opts={"axis": 1, "keepdims": True}, tag=D1, exact=True)
case("day1 percentile(a, 50)", "percentile", A, args=[50], tag=D1, exact=True)
case("day1 percentile(a, [25, 75])", "percentile", A, args=[[25, 75]], tag=D1, exact=True)
case("day1 percentile(a, 90, axis=0)", "percentile", A, args=[90], opts={"axis": 0}, tag=D1, exact=True)
case("day1 percentile(a, 50, axis=1, keepdims)", "percentile", A, args=[50], opts={"axis": 1, "keepdims": True},
     tag=D1, exact=True)
S = [3, 1, 4, 1, 5, 9, 2, 6]
case("day1 sort", "sort", S, tag=D1)
case("day1 argsort", "argsort", [3, 1, 2], tag=D1)
case("day1 sort 2d axis 0", "sort", [[3, 7, 1], [9, 2, 5]], opts={"axis": 0}, tag=D1)
case("day1 sort 2d axis None", "sort", [[3, 7, 1], [9, 2, 5]], opts={"axis": None}, tag=D1)
case("day1 unique", "unique", [1, 1, 2, 2, 3, 3], tag=D1)
case("day1 unique 2d", "unique", [[1, 1], [2, 3]], tag=D1)
case("day1 unique counts", "unique", [1, 2, 6, 4, 2, 3, 2], opts={"returnCounts": True}, tag=D1)
case("day1 unique index inverse", "unique", [1, 2, 6, 4, 2, 3, 2],
     opts={"returnIndex": True, "returnInverse": True}, tag=D1)
case("day1 quantile(a, 0.5, axis=0)", "quantile", [[10, 7, 4], [3, 2, 1]], args=[0.5], opts={"axis": 0}, tag=D1, exact=True)

# ---------------------------------------------------------------- dtypes of sums and means
for dt in ["bool", "uint8", "int8", "uint32", "int32", "int64", "float32", "float64"]:
    vals = [[1, 0, 1], [1, 1, 0]] if dt == "bool" else [[1, 2, 3], [4, 5, 7]]
    x = np.array(vals, dtype=dt)
    case(f"sum {dt}", "sum", x, exact=True)
    case(f"sum {dt} axis 0", "sum", x, opts={"axis": 0}, exact=True)
    case(f"prod {dt} axis 1", "prod", x, opts={"axis": 1}, exact=True)
    case(f"mean {dt}", "mean", x, exact=True)
    case(f"max {dt} axis 1", "max", x, opts={"axis": 1})
    case(f"cumsum {dt}", "cumsum", x, exact=True)
    case(f"var {dt}", "variance", x, exact=True)
case("sum int8 dtype int8 wraps", "sum", np.array([100, 100, 100], np.int8), opts={"dtype": "int8"})
case("sum uint8 dtype uint8 wraps", "sum", np.array([200, 100], np.uint8), opts={"dtype": "uint8"})
case("sum int dtype float32", "sum", [1, 2, 3], opts={"dtype": "float32"}, exact=True)
case("sum float dtype int32 truncates first", "sum", [1.7, 2.7, -0.5], opts={"dtype": "int32"})
case("sum bool dtype bool", "sum", [True, True, False], opts={"dtype": "bool"})
case("mean int32 dtype float32", "mean", np.array([1, 2, 4], np.int32), opts={"dtype": "float32"}, exact=True)
case("mean int32 dtype int32", "mean", np.array([1, 2, 4], np.int32), opts={"dtype": "int32"})
case("prod int64 overflow wraps", "prod", np.arange(1, 30))
case("prod int32 axis dtype int32 wraps", "prod", np.array([[65536, 65536], [3, 4]], np.int32),
     opts={"axis": 1, "dtype": "int32"})
case("sum initial", "sum", [1, 2, 3], opts={"initial": 10})
case("max initial on empty", "max", np.zeros(0), opts={"initial": -5})
case("min initial bigger", "min", [[3, 4], [5, 6]], opts={"axis": 0, "initial": 4})
case("cumprod uint8", "cumprod", np.array([2, 3, 50], np.uint8))
case("cumsum float32", "cumsum", np.array([0.1, 0.2, 0.3, 0.4], np.float32), exact=True)
case("cumsum dtype float32", "cumsum", [1, 2, 3], opts={"dtype": "float32"})
case("cumsum bool", "cumsum", [True, False, True])

# ---------------------------------------------------------------- axes, tuples of axes, keepdims
B = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7
for fn in ["sum", "prod", "mean", "std", "variance", "min", "max", "ptp", "all", "any", "median", "countNonzero"]:
    for ax in [None, 0, -1, [0, 2], [1, 2], []]:
        if fn == "countNonzero" and ax == []:
            continue
        opts = {"axis": ax}
        case(f"{fn} 3d axis {ax}", fn, B, opts=opts, exact=fn not in ["prod"])
    case(f"{fn} 3d axis (0,2) keepdims", fn, B, opts={"axis": [0, 2], "keepdims": True}, exact=fn not in ["prod"])
for fn in ["argmin", "argmax", "cumsum", "cumprod"]:
    for ax in [None, 0, 1, -1]:
        case(f"{fn} 3d axis {ax}", fn, B, opts={"axis": ax}, exact=True)
case("argmax keepdims axis 1", "argmax", B, opts={"axis": 1, "keepdims": True})
case("argmin keepdims axis None", "argmin", B, opts={"axis": None, "keepdims": True})
case("std ddof 1", "std", B, opts={"ddof": 1, "axis": 1}, exact=True)
case("var ddof 1 all", "variance", B, opts={"ddof": 1}, exact=True)
case("var ddof > n", "variance", [1.0, 2.0], opts={"ddof": 3})
case("std float32", "std", np.array([1, 2, 3, 4.5], np.float32), exact=True)
case("std float32 dtype float64", "std", np.array([1, 2, 3, 4.5], np.float32), opts={"dtype": "float64"}, exact=True)
case("var int axis 0", "variance", [[1, 9], [3, 4], [10, -2]], opts={"axis": 0}, exact=True)

# ---------------------------------------------------------------- non-contiguous inputs
C = np.arange(30, dtype=np.float64).reshape(5, 6) * 1.1 - 7
for fn in ["sum", "mean", "std", "max", "argmax", "cumsum", "median", "sort", "argsort"]:
    case(f"{fn} transposed axis 0", fn, C, view=[["T"]], opts={"axis": 0}, exact=True)
    case(f"{fn} stepped slice", fn, C, view=[["get", "::2, ::-2"]], opts={"axis": -1}, exact=True)
case("sum transposed all", "sum", C, view=[["T"]], exact=True)
case("min column slice", "min", C, view=[["get", ":, 3"]])
case("sum reversed 1d", "sum", np.arange(20) / 3, view=[["get", "::-1"]], exact=True)
case("sum 3d transpose (2,0,1) axis (0,1)", "sum", B, view=[["transpose", [2, 0, 1]]], opts={"axis": [0, 1]}, exact=True)
case("unique transposed", "unique", [[3, 1], [1, 2]], view=[["T"]], opts={"returnIndex": True, "returnInverse": True})

# ---------------------------------------------------------------- long float sums: pairwise summation
for n, dt in [(1000, "float32"), (5000, "float32"), (3000, "float64"), (777, "float32")]:
    case(f"sum pairwise {dt} n={n}", "sum", None, gen=(n, dt), exact=True)
    case(f"mean pairwise {dt} n={n}", "mean", None, gen=(n, dt), exact=True)
case("sum float32 (40,50) axis 0", "sum", None, gen=(2000, "float32"), shape=(40, 50), opts={"axis": 0}, exact=True)
case("sum float32 (40,50) axis 1", "sum", None, gen=(2000, "float32"), shape=(40, 50), opts={"axis": 1}, exact=True)
case("sum float32 (40,50) all", "sum", None, gen=(2000, "float32"), shape=(40, 50), exact=True)
case("mean float32 (40,50) axis 0 T", "mean", None, gen=(2000, "float32"), shape=(40, 50), view=[["T"]],
     opts={"axis": 1}, exact=True)
case("var float32 (40,50) axis 0", "variance", None, gen=(2000, "float32"), shape=(40, 50), opts={"axis": 0}, exact=True)
case("std float32 (40,50)", "std", None, gen=(2000, "float32"), shape=(40, 50), exact=True)
case("std float64 (40,50) T axis 1", "std", None, gen=(2000, "float64"), shape=(40, 50), view=[["T"]],
     opts={"axis": 1}, exact=True)
# NumPy's iterator order decides the rounding: reversed, stepped and transposed float32 layouts
for view in [[["get", "::-1"]], [["get", ":, ::-1"]], [["get", "::-1, ::-1"]], [["T"]], [["T"], ["get", "::-1"]],
             [["get", "::3, 1::2"]]]:
    for ax in [None, 0, 1]:
        case(f"sum float32 (30,40) view {view} axis {ax}", "sum", None, gen=(1200, "float32"), shape=(30, 40),
             view=view, opts={"axis": ax}, exact=True)
for perm in [[1, 0, 2], [2, 1, 0], [0, 2, 1]]:
    for ax in [None, 0, 2, [0, 1], [1, 2], [0, 2]]:
        case(f"sum float32 (6,7,8) transpose {perm} axis {ax}", "sum", None, gen=(336, "float32"), shape=(6, 7, 8),
             view=[["transpose", perm]], opts={"axis": ax}, exact=True)
# random layouts (seeded): NumPy's buffered iteration decides where the pairwise sums split
lay = np.random.default_rng(2024)
for i in range(24):
    ndim = int(lay.integers(1, 4))
    shp = [int(t) for t in lay.integers(2, {1: 3000, 2: 60, 3: 14}[ndim], size=ndim)]
    steps = [int(lay.choice([1, 1, -1, 2, -2, 3])) for _ in range(ndim)]
    perm = [int(t) for t in lay.permutation(ndim)]
    k = int(lay.integers(0, ndim + 1))
    ax = sorted(int(t) for t in lay.choice(ndim, size=k, replace=False)) if k else None
    dt = ["float32", "float64"][i % 2]
    view = [["get", ", ".join(f"::{t}" for t in steps)], ["transpose", perm]]
    fn = ["sum", "mean", "sum", "std"][i % 4]
    opts = {"axis": ax}
    if i % 5 == 4 and dt == "float32":
        opts["dtype"] = "float64"
    case(f"{fn} random layout {i} {shp} {view} axis {ax}", fn, None, gen=(int(np.prod(shp)), dt), shape=shp,
         view=view, opts=opts, exact=True)
# broadcast (stride-0) inputs
for ax in [None, 0, 1, 2]:
    case(f"sum float32 broadcast (7,1,30)->(7,9,30) axis {ax}", "sum", None, gen=(210, "float32"), shape=(7, 1, 30),
         view=[["broadcast", [7, 9, 30]]], opts={"axis": ax}, exact=True)
    case(f"sum float32 broadcast (1,9,30)->(7,9,30) T axis {ax}", "sum", None, gen=(270, "float32"), shape=(1, 9, 30),
         view=[["broadcast", [7, 9, 30]], ["T"]], opts={"axis": ax}, exact=True)
# long runs: NumPy's 8192-element buffers
case("sum float32 (200,100)[::-1] all (buffered, > 8192)", "sum", None, gen=(20000, "float32"), shape=(200, 100),
     view=[["get", "::-1"]], exact=True)
case("sum float32 (3,9000)[:, ::2] all", "sum", None, gen=(27000, "float32"), shape=(3, 9000),
     view=[["get", ":, ::2"]], exact=True)
case("sum float32 n=20000 dtype float64 (cast buffers)", "sum", None, gen=(20000, "float32"),
     opts={"dtype": "float64"}, exact=True)
case("mean float32 (40,500) T axis 0 dtype float64", "mean", None, gen=(20000, "float32"), shape=(40, 500),
     view=[["T"]], opts={"axis": 0, "dtype": "float64"}, exact=True)
case("median float32 n=777", "median", None, gen=(777, "float32"), exact=True)
case("percentile float32 n=1000", "percentile", None, gen=(1000, "float32"), args=[[1, 33.3, 50, 99.9]], exact=True)

# ---------------------------------------------------------------- NaN, inf, -0
N = [1.0, np.nan, 3.0, np.nan, -1.0]
for fn in ["sum", "max", "min", "argmax", "argmin", "mean", "median", "sort", "argsort", "cumsum", "ptp", "all"]:
    case(f"{fn} with NaN", fn, N)
case("max NaN axis", "max", [[1.0, np.nan], [3.0, 2.0]], opts={"axis": 1})
case("argmax NaN axis 0", "argmax", [[1.0, 5.0], [np.nan, 2.0], [np.nan, np.nan]], opts={"axis": 0})
case("max inf", "max", [1.0, np.inf, -np.inf])
case("percentile with NaN lane", "percentile", [[1.0, np.nan, 2.0], [1.0, 2.0, 3.0]], args=[40], opts={"axis": 1})
case("percentile [1, inf] at 100 (NumPy gives nan)", "percentile", [1.0, np.inf], args=[100])
case("sort -inf nan inf", "sort", [np.inf, np.nan, -np.inf, 0.0, np.nan, -1.0])
case("unique NaN collapse", "unique", [np.nan, 1.0, np.nan, 0.0], opts={"returnCounts": True})
case("unique NaN kept apart", "unique", [np.nan, 1.0, np.nan], opts={"equalNan": False})
case("searchsorted NaN", "searchsorted", [1.0, 2.0, np.nan], args=[[np.nan, 2.0, 5.0]])

# ---------------------------------------------------------------- argmin/argmax ties, all/any
case("argmax ties first", "argmax", [3, 7, 7, 1, 7])
case("argmin ties first axis 1", "argmin", [[2, 1, 1], [0, 0, 5]], opts={"axis": 1})
case("all ints", "all", [[1, 2], [0, 3]], opts={"axis": 0})
case("any floats keepdims", "any", [[0.0, 0.0], [0.0, 0.5]], opts={"axis": 1, "keepdims": True})
case("all NaN is true", "all", [np.nan])
case("all empty", "all", np.zeros((0,)))
case("any empty", "any", np.zeros((0,)))
case("countNonzero", "countNonzero", [[0, 1, 7, 0], [3, 0, 2, 19]])
case("countNonzero axis keepdims", "countNonzero", [[0, 1, 7, 0], [3, 0, 2, 19]], opts={"axis": 0, "keepdims": True})
case("countNonzero NaN", "countNonzero", [np.nan, 0.0, -0.0, 1.0])
case("ptp int8 wraps", "ptp", np.array([-128, 127], np.int8))
case("ptp axis 0", "ptp", [[4, 9, 2, 10], [6, 9, 7, 12]], opts={"axis": 0})
case("ptp uint8", "ptp", np.array([[250, 3], [1, 255]], np.uint8), opts={"axis": 1})

# ---------------------------------------------------------------- empty arrays
E = np.zeros((0, 3))
case("sum empty", "sum", np.zeros(0))
case("sum empty axis 0", "sum", E, opts={"axis": 0})
case("sum empty axis 1", "sum", E, opts={"axis": 1})
case("prod empty", "prod", np.zeros(0, np.int32))
case("mean empty axis 0", "mean", E, opts={"axis": 0})
case("max empty", "max", np.zeros(0))
case("min empty axis 0", "min", E, opts={"axis": 0})
case("max empty axis 1", "max", E, opts={"axis": 1})
case("max (0,0) axis 0", "max", np.zeros((0, 0)), opts={"axis": 0})
case("argmax empty", "argmax", np.zeros(0))
case("argmin empty axis 0", "argmin", E, opts={"axis": 0})
case("argmax empty axis 1", "argmax", E, opts={"axis": 1})
case("median empty", "median", np.zeros(0))
case("std empty", "std", np.zeros(0))
case("percentile empty", "percentile", np.zeros(0), args=[50])
case("cumsum empty", "cumsum", E, opts={"axis": 0})
case("sort empty", "sort", E)
case("argsort empty", "argsort", E, opts={"axis": 0})
case("unique empty", "unique", np.zeros(0, np.float32), opts={"returnIndex": True, "returnInverse": True, "returnCounts": True})
case("searchsorted into empty", "searchsorted", np.zeros(0), args=[[1.0, 2.0]])

# ---------------------------------------------------------------- bad axes and other errors
M = np.arange(6).reshape(2, 3)
for fn in ["sum", "mean", "max", "argmax", "cumsum", "median", "sort", "argsort", "all", "std"]:
    case(f"{fn} axis 2 out of bounds", fn, M, opts={"axis": 2})
case("sum axis -3 out of bounds", "sum", M, opts={"axis": -3})
case("sum duplicate axis", "sum", M, opts={"axis": [0, 0]})
case("sum duplicate axis (negative)", "sum", M, opts={"axis": [1, -1]})
case("sort 0-d", "sort", np.array(5))
case("sort 0-d axis None", "sort", np.array(5), opts={"axis": None})
case("sort bad kind", "sort", [3, 1], opts={"kind": "bogus"})
case("ptp bool", "ptp", [True, False])
case("percentile out of range", "percentile", [1, 2], args=[150])
case("quantile out of range", "quantile", [1, 2], args=[-0.1])
case("quantile q 3-d", "quantile", [1, 2], args=[[[[0.1]]]])
case("percentile bool", "percentile", [True, False], args=[50])
case("searchsorted 2-d a", "searchsorted", np.ones((2, 2)), args=[1])
case("searchsorted bad side", "searchsorted", [1, 2, 3], args=[[2]], opts={"side": "x"})
case("searchsorted sorter size", "searchsorted", [1, 2, 3], args=[2], opts={"sorter": [0, 1]})
case("searchsorted sorter range", "searchsorted", [1, 2, 3], args=[5], opts={"sorter": [0, 1, 5]})
case("unique axis out of bounds", "unique", [3, 1, 2], opts={"axis": 1})
case("average zero weights", "average", M, opts={"weights": [0, 0, 0], "axis": 1})
case("average weights need axis", "average", M, opts={"weights": [1, 2, 3]})
case("average weights wrong length", "average", M, opts={"weights": [1, 2], "axis": 1})

# ---------------------------------------------------------------- median, percentile, quantile
P = [[10, 7, 4], [3, 2, 1]]
case("median even", "median", [4, 1, 3, 2], exact=True)
case("median float32 even", "median", np.array([0.1, 0.7, 0.2, 0.3], np.float32), exact=True)
case("median int8", "median", np.array([-100, 100, 27, 3], np.int8), exact=True)
case("median bool", "median", [True, False, True])
case("median axis tuple", "median", B, opts={"axis": [0, 2]}, exact=True)
case("median 3d axis 1 keepdims", "median", B, opts={"axis": 1, "keepdims": True}, exact=True)
for q in [0, 12.5, 37, 50, 66.6, 100]:
    case(f"percentile {q}", "percentile", P, args=[q], exact=True)
case("percentile q list axis 0", "percentile", P, args=[[10, 50, 90]], opts={"axis": 0}, exact=True)
case("percentile q 2-d axis 1", "percentile", P, args=[[[10, 20], [30, 95]]], opts={"axis": 1}, exact=True)
case("percentile keepdims axis tuple", "percentile", B, args=[[10, 90]], opts={"axis": [0, 1], "keepdims": True}, exact=True)
case("percentile float32 weak q", "percentile", np.array([1, 2, 3, 10], np.float32), args=[30], exact=True)
case("percentile float32 array q", "percentile", np.array([1, 2, 3, 10], np.float32), args=[[30]], exact=True)
case("percentile int8 wraps diff", "percentile", np.array([-100, 100], np.int8), args=[50])
case("quantile 0.3", "quantile", P, args=[0.3], exact=True)
case("quantile float32 0.3", "quantile", np.array([1, 2, 3], np.float32), args=[0.3], exact=True)
case("quantile int q keeps dtype", "quantile", [1, 2, 3], args=[1])
case("quantile int q array", "quantile", [5, 1, 3], args=[[0, 1]])
case("quantile axis 1 keepdims", "quantile", P, args=[0.5], opts={"axis": 1, "keepdims": True}, exact=True)
for m in ["lower", "higher", "nearest", "midpoint"]:
    case(f"quantile method {m}", "quantile", [1, 2, 3, 4, 10], args=[[0.1, 0.3, 0.5, 0.625, 0.9]], opts={"method": m}, exact=True)
case("percentile nearest half-even", "percentile", [1, 2, 3, 4, 5, 6], args=[[10, 30, 50, 70, 90]], opts={"method": "nearest"})

# ---------------------------------------------------------------- average
case("average no weights", "average", M, opts={"axis": 0}, exact=True)
case("average weights axis 1", "average", M, opts={"weights": [1, 2, 3], "axis": 1}, exact=True)
case("average weights full shape", "average", M, opts={"weights": [[1, 0, 2], [3, 1, 1]]}, exact=True)
case("average weights float32", "average", np.array([1, 2, 4], np.float32), opts={"weights": np.array([1, 1, 2], np.float32)})
case("average weights 2 axes", "average", B, opts={"weights": [[1, 2, 3, 4], [5, 6, 7, 8]], "axis": [0, 2]})
case("average returned", "averageReturned", M, opts={"weights": [1, 2, 3], "axis": 1})

# ---------------------------------------------------------------- sort, argsort
R = np.array([[5, 2, 9, 2], [1, 8, 1, 0], [7, 7, 3, 4]])
for ax in [0, 1, -1, None]:
    case(f"sort axis {ax}", "sort", R, opts={"axis": ax})
    case(f"argsort stable axis {ax}", "argsort", R, opts={"axis": ax, "kind": "stable"})
case("sortInPlace axis 0", "sortInPlace", R, opts={"axis": 0})
case("sortInPlace on a transposed view", "sortInPlace", R, view=[["T"]], opts={"axis": 1})
for dt in ["bool", "uint8", "int8", "uint32", "int32", "float32"]:
    vals = [True, False, True, False] if dt == "bool" else [3, 0, 2, 1, 120, 7, 0]
    case(f"sort {dt}", "sort", np.array(vals, dtype=dt))
    case(f"argsort {dt} stable", "argsort", np.array(vals, dtype=dt), opts={"kind": "stable"})
case("argsort many ties stable", "argsort", [2, 1, 2, 1, 2, 1, 0, 2, 1, 0] * 7, opts={"kind": "stable"})
case("argsort float64 distinct (default kind)", "argsort", (np.arange(53) * 37 % 53) / 3)
case("sort 3d axis 1", "sort", (np.arange(60) * 17 % 23).reshape(3, 4, 5), opts={"axis": 1})

# ---------------------------------------------------------------- unique
U = [3, 1, 2, 3, 1, 1, 7]
case("unique all flags", "unique", U, opts={"returnIndex": True, "returnInverse": True, "returnCounts": True})
case("unique 2d inverse shape", "unique", [[1, 2], [2, 3]], opts={"returnInverse": True})
case("unique bool", "unique", [True, False, True], opts={"returnCounts": True})
case("unique float32", "unique", np.array([0.5, 0.25, 0.5, -1], np.float32))
case("unique axis 0", "unique", [[1, 2], [1, 2], [0, 5]], opts={"axis": 0, "returnInverse": True, "returnCounts": True})
case("unique axis 1", "unique", [[1, 0, 1, 0], [2, 5, 2, 5], [0, 1, 0, 9]],
     opts={"axis": 1, "returnIndex": True, "returnInverse": True})
case("unique 0-d inverse", "unique", np.array(5), opts={"returnInverse": True})

# ---------------------------------------------------------------- searchsorted
SS = [1, 2, 3, 4, 5]
case("searchsorted left scalar", "searchsorted", SS, args=[3])
case("searchsorted right scalar", "searchsorted", SS, args=[3], opts={"side": "right"})
case("searchsorted array", "searchsorted", SS, args=[[-10, 10, 2, 3]])
case("searchsorted array right", "searchsorted", SS, args=[[-10, 10, 2, 3]], opts={"side": "right"})
case("searchsorted 2-d v", "searchsorted", [0.5, 1.5, 2.5], args=[[[0, 1], [2, 3]]])
case("searchsorted sorter", "searchsorted", [40, 10, 30, 20], args=[[25, 10, 50]], opts={"sorter": [1, 3, 2, 0]})
case("searchsorted float32 weak needle", "searchsorted", np.array([0.1, 0.2, 0.3], np.float32), args=[0.2])
case("searchsorted duplicates", "searchsorted", [1, 2, 2, 2, 3], args=[[2]], opts={"side": "right"})

write(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reduce.json"), cases)
