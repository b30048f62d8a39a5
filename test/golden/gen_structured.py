"""Golden cases for structured arrays (named fields): building from records, printing (repr/str),
field access (x['a']), indexing, assignment and NumPy's errors.

Run `python3 test/golden/gen_structured.py` (NumPy 2.4) to regenerate test/golden/structured.json.

Records are stored as JSON lists (NumPy tuples); NaN and infinities as the strings "nan", "inf",
"-inf". Index texts are applied as `x[index]` here and `x.get(index)` / `x.set(index, …)` there.
"""
import json
import math
import os
import warnings

import numpy as np

from common import enc, err, write

warnings.simplefilter("ignore")
cases = []


def jsonable(v):
    """Records → nested lists with non-finite floats as strings."""
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, np.ndarray):
        return jsonable(v.tolist())
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def dtype_of(fields):
    return [tuple(f) if len(f) == 2 else (f[0], f[1], tuple(f[2])) for f in fields]


def tuples(records, depth):
    """JSON lists → NumPy's records (tuples at `depth`)."""
    if depth == 0:
        return tuple(records)
    return [tuples(r, depth - 1) for r in records]


def build(fields, records, depth):
    return np.array(tuples(records, depth), dtype=dtype_of(fields))


def summary(x):
    """What the test compares for a structured array result."""
    out = {"repr": repr(x), "str": str(x), "shape": list(x.shape)}
    if x.size <= 50:
        out["tolist"] = jsonable(x.tolist())
    out["field_reprs"] = {name: {"repr": repr(x[name])} for name in x.dtype.names}
    if x.size <= 50:
        for name in x.dtype.names:
            out["field_reprs"][name]["a"] = enc(x[name])
    return out


def case(kind, name, fields, records, depth=1, **kw):
    c = {"kind": kind, "name": name, "fields": fields, "records": jsonable(records), "depth": depth}
    x = build(fields, records, depth)
    try:
        if kind == "build":
            c.update(summary(x))
        elif kind == "get":
            c["index"] = kw["index"]
            r = eval(f"x[{kw['index']}]")  # noqa: S307 - our own index texts
            if isinstance(r, np.void):
                c["record"] = jsonable(r.tolist())
                c["record_str"] = str(r)
            else:
                c.update(summary(r))
        elif kind == "set":
            c["index"] = kw["index"]
            c["value"] = kw["value"]
            v = kw["value"]
            val = tuple(v["record"]) if "record" in v else [tuple(r) for r in v["records"]] if "records" in v else v["scalar"]
            exec(f"x[{kw['index']}] = val")  # noqa: S102
            c.update(summary(x))
        elif kind == "set_field":
            c["field"] = kw["field"]
            c["value"] = kw["value"]
            x[kw["field"]] = kw["value"]
            c.update(summary(x))
        elif kind == "field_write":  # x[name][index] = value writes through
            c["field"] = kw["field"]
            c["index"] = kw["index"]
            c["value"] = kw["value"]
            f = x[kw["field"]]
            exec(f"f[{kw['index']}] = {kw['value']!r}")  # noqa: S102
            c.update(summary(x))
        elif kind == "field":
            c["field"] = kw["field"]
            c.update({"repr": repr(x[kw["field"]])})
        elif kind == "opts":
            c["opts"] = kw["opts"]
            with np.printoptions(**kw["opts"]):
                c["repr"], c["str"] = repr(x), str(x)
    except Exception as e:  # noqa: BLE001
        c.update(err(e))
    cases.append(c)


AB = [["a", "i4"], ["b", "f8"]]
day1 = [(1, 2.0), (3, 4.0)]

# ---------------------------------------------------------------- Day 1: x['a']
case("build", "day1 x", AB, day1)
case("field", "day1 x['a']", AB, day1, field="a")
case("field", "day1 x['b']", AB, day1, field="b")
case("get", "day1 x[0]", AB, day1, index="0")
case("get", "day1 x[1:]", AB, day1, index="1:")
case("field_write", "day1 x['a'][0] = 10 writes through", AB, day1, field="a", index="0", value=10)
case("field", "unknown field", AB, day1, field="c")

# the NumPy indexing guide: x = np.zeros((2, 2), dtype=[('a', np.int32), ('b', np.float64, (3, 3))])
sub = [["a", "<i4"], ["b", "<f8", [3, 3]]]
zero_rec = (0, [[0.0] * 3] * 3)
case("build", "guide zeros (2,2) with (3,3) sub-array", sub, [[zero_rec, zero_rec], [zero_rec, zero_rec]], depth=2)
case("field", "guide x['b']", sub, [[zero_rec, zero_rec], [zero_rec, zero_rec]], depth=2, field="b")

# ---------------------------------------------------------------- building and printing
all_types = [["a", "?"], ["b", "u1"], ["c", "i1"], ["d", "u4"], ["e", "i4"], ["f", "i8"], ["g", "f4"], ["h", "f8"]]
case("build", "every dtype", all_types, [(True, 1, -2, 3, -4, 5, 5.5, 6.25), (False, 255, 127, 4294967295, -2147483648, 2**53 - 1, 0.1, 1 / 3)])
case("build", "one field", [["a", "i4"]], [(1,), (2,), (3,)])
case("build", "one float field", [["x", "f8"]], [(0.5,), (1e-7,)])
case("build", "0-d record", AB, (1, 2.5), depth=0)
case("build", "0-d with bool", [["ok", "?"], ["v", "f4"]], (True, 0.1), depth=0)
case("build", "0-d with sub-array", [["a", "i4"], ["b", "f8", [2]]], (7, [0.5, 1.5]), depth=0)
case("build", "empty", AB, [])
case("build", "2-d records", AB, [[(1, 0.5), (2, 1.5)], [(3, 2.5), (4, 3.5)], [(5, 4.5), (6, 5.5)]], depth=2)
case("build", "exp floats", [["i", "i8"], ["f", "f4"]], [(1, 0.1), (3, 1e-7)])
case("build", "nan inf", [["a", "i8"], ["b", "f4"], ["c", "f8"]], [(1, 1e-7, float("nan")), (-2, float("inf"), 2.5)])
case("build", "negative", [["x", "f8"], ["y", "f8"]], [(-1.5, 2.0), (3.25, -4.0)])
case("build", "bool field", [["flag", "?"], ["n", "i4"]], [(True, 1), (False, 22), (True, 333)])
case("build", "sub-array bool", [["m", "?", [2]], ["n", "u1"]], [([True, False], 1), ([False, False], 2)])
case("build", "sub-array 1-d", [["id", "i4"], ["pos", "f4", [3]]], [(1, [0.5, 1.0, 1.5]), (2, [2.0, 2.5, 3.0])])
case("build", "wide records wrap", [["name_id", "i8"], ["weight", "f8"], ["height", "f8"], ["score", "f4"]],
     [(i, i * 1.25, 100 + i / 3, i / 7) for i in range(8)])
case("build", "summarised 2000", AB, [(i, i / 2) for i in range(2000)])
case("build", "summarised 2-d", [["a", "u1"], ["b", "f4"]], [[(i % 256, j / 4) for j in range(50)] for i in range(30)], depth=2)
case("build", "big sub-array summarised", [["a", "i4"], ["w", "f8", [1200]]], [(1, [k / 8 for k in range(1200)])])
case("build", "names needing quotes", [["it's", "i4"], ["x y", "f8"]], [(1, 2.0)])
case("build", "ints from floats truncate", [["a", "i4"], ["b", "u1"]], [(2.7, 255), (-3.9, 0)])

# ---------------------------------------------------------------- indexing
recs5 = [(i, i * 1.5) for i in range(5)]
for idx in ["2", "-1", "::2", "::-1", "1:4", "[0, 3]", "[True, False, True, False, True]", "None", "...", "[4, 4, 0]"]:
    case("get", f"x[{idx}]", AB, recs5, index=idx)
grid = [[(i * 3 + j, (i * 3 + j) / 4) for j in range(3)] for i in range(2)]
for idx in ["1", "1, 2", "1, ::2", ":, 0", "..., 1", "-1, -1", "[0, 1], [2, 0]", "::-1, 1:"]:
    case("get", f"grid[{idx}]", AB, grid, depth=2, index=idx)
subrecs = [(1, [0.5, 1.0, 1.5]), (2, [2.0, 2.5, 3.0]), (3, [3.5, 4.0, 4.5])]
SUB = [["id", "i4"], ["pos", "f4", [3]]]
for idx in ["0", "1:", "[2, 0]", "..., 1"]:
    case("get", f"sub[{idx}]", SUB, subrecs, index=idx)
case("get", "out of bounds", AB, recs5, index="5")
case("get", "too many indices", AB, recs5, index="1, 2")

# ---------------------------------------------------------------- assignment
case("set", "x[0] = record", AB, recs5, index="0", value={"record": [10, 0.25]})
case("set", "x[1:3] = record broadcast", AB, recs5, index="1:3", value={"record": [7, 8.5]})
case("set", "x[[0, 4]] = records", AB, recs5, index="[0, 4]", value={"records": [[1, 1.0], [2, 2.0]]})
case("set", "x[::2] = scalar to every field", AB, recs5, index="::2", value={"scalar": 9})
case("set", "grid[1] = records", AB, grid, depth=2, index="1", value={"records": [[0, 0.0], [1, 0.5], [2, 1.0]]})
case("set", "sub[1] = record with sub-array", SUB, subrecs, index="1", value={"record": [20, [9.0, 8.0, 7.0]]})
case("set", "sub[:] = record with scalar sub-array", SUB, subrecs, index=":", value={"record": [0, 1.0]})
case("set", "bad record length", AB, recs5, index="0", value={"record": [1, 2.0, 3.0]})
case("set_field", "x['a'] = 5", AB, recs5, field="a", value=5)
case("set_field", "x['b'] = list", AB, recs5, field="b", value=[0.5, 1.5, 2.5, 3.5, 4.5])
case("field_write", "x['b'][1:3] = -1 writes through", AB, recs5, field="b", index="1:3", value=-1.0)

# ---------------------------------------------------------------- print options
case("opts", "precision 2", [["a", "i4"], ["b", "f8"]], [(1, 1 / 3), (2, 2 / 3)], opts={"precision": 2})
case("opts", "threshold 3 edge 1", AB, recs5, opts={"threshold": 3, "edgeitems": 1})
case("opts", "linewidth 30", AB, recs5, opts={"linewidth": 30})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "structured.json")
write(out, cases)
