"""Golden cases for nd's shape manipulation and structured creation (src/nd/manip.ts, matrices.ts).

Run `python3 test/golden/gen_manip.py` (NumPy 2.x) to regenerate test/golden/manip.json.

Each case names the mlseries function (`fn`), its arguments in mlseries' calling convention
(`args`: arrays as {"nd": {dtype, shape, data}, "t": transform}, options objects in camelCase),
and NumPy's result (`result`, or `results` for a list of arrays) or NumPy's error. `match` says how
an error message is compared: "exact", "contains" (ours adds context) or "type" (class only).
`view` (when present) says whether the result shares memory with the first argument.
"""
import os

import numpy as np

from common import enc, err, write

cases = []


class A:
    """An array argument; `t` names a transform applied after decoding ('T', 'rev', 'step')."""

    def __init__(self, a, t=None, dtype=None):
        self.a = np.asarray(a, dtype=dtype)
        self.t = t

    def np(self):
        if self.t == "T":
            return self.a.T
        if self.t == "rev":
            return self.a[::-1]
        if self.t == "step":
            return self.a[..., ::2]
        return self.a


def encode(x):
    if isinstance(x, A):
        d = {"nd": enc(x.a)}
        if x.t:
            d["t"] = x.t
        return d
    if isinstance(x, (list, tuple)):
        return [encode(v) for v in x]
    if isinstance(x, dict):
        return {k: encode(v) for k, v in x.items()}
    if isinstance(x, (np.integer, np.floating)):
        return x.item()
    return x


def case(name, fn, args, run, match="exact", view=False, repr_=False, **extra):
    """`repr_`: also record NumPy's repr (the Day 1 examples must print what NumPy prints)."""
    c = {"name": name, "fn": fn, "args": encode(args), **extra}
    try:
        out = run()
        if repr_:
            c["repr"] = [repr(o) for o in out] if isinstance(out, (list, tuple)) else repr(out)
        if isinstance(out, (list, tuple)):
            c["results"] = [enc(o) for o in out]
            if view:
                c["view"] = [bool(np.shares_memory(o, args[0].np())) for o in out]
        else:
            c["result"] = enc(out)
            if view:
                c["view"] = bool(np.shares_memory(out, args[0].np()))
    except Exception as e:  # noqa: BLE001
        c.update(err(e))
        c["match"] = match
    cases.append(c)


ar = np.arange

# ---------------------------------------------------------------- concatenate
a = np.array([[1, 2], [3, 4]])
b = np.array([[5, 6]])
case("concat axis0 (docs)", "concatenate", [[A(a), A(b)]], lambda: np.concatenate((a, b), axis=0), repr_=True)
case("concat axis1 b.T", "concatenate", [[A(a), A(b, "T")], 1], lambda: np.concatenate((a, b.T), axis=1), repr_=True)
case("concat axis null", "concatenate", [[A(a), A(b)], {"axis": None}], lambda: np.concatenate((a, b), axis=None), repr_=True)
case("concat 1-D lists", "concatenate", [[[1, 2, 3], [4, 5]]], lambda: np.concatenate(([1, 2, 3], [4, 5])))
case("concat int+float -> float64", "concatenate", [[A([1, 2]), A([0.5])]], lambda: np.concatenate((np.array([1, 2]), np.array([0.5]))), repr_=True)
i32 = np.array([1, 2], np.int32)
f32 = np.array([0.5], np.float32)
case("concat int32+float32 -> float64", "concatenate", [[A(i32), A(f32)]], lambda: np.concatenate((i32, f32)))
case("concat float32+float32", "concatenate", [[A(f32), A(f32)]], lambda: np.concatenate((f32, f32)))
bo = np.array([True, False])
case("concat bool+int64", "concatenate", [[A(bo), A([7])]], lambda: np.concatenate((bo, np.array([7]))))
case("concat bool+bool", "concatenate", [[A(bo), A(bo)]], lambda: np.concatenate((bo, bo)))
u8 = np.array([200, 255], np.uint8)
case("concat uint8+int32", "concatenate", [[A(u8), A(i32)]], lambda: np.concatenate((u8, i32)))
z = ar(24).reshape(2, 3, 4)
case("concat 3-D axis1", "concatenate", [[A(z), A(z[:, :1])], {"axis": 1}], lambda: np.concatenate((z, z[:, :1]), axis=1))
case("concat 3-D axis -1", "concatenate", [[A(z), A(z)], -1], lambda: np.concatenate((z, z), axis=-1))
case("concat transposed input", "concatenate", [[A(ar(6).reshape(2, 3), "T"), A(ar(2).reshape(1, 2))]],
     lambda: np.concatenate((ar(6).reshape(2, 3).T, ar(2).reshape(1, 2))))
case("concat reversed input", "concatenate", [[A(ar(5), "rev"), A(ar(3), "step")]], lambda: np.concatenate((ar(5)[::-1], ar(3)[..., ::2])))
case("concat empty part", "concatenate", [[A(np.zeros((0, 3))), A(np.ones((2, 3)))]], lambda: np.concatenate((np.zeros((0, 3)), np.ones((2, 3)))))
case("concat dtype float32", "concatenate", [[A([1, 2]), A([3])], {"dtype": "float32"}], lambda: np.concatenate(([1, 2], [3]), dtype="float32"))
case("concat dtype cast error", "concatenate", [[A([1.5]), A([3])], {"dtype": "int64"}], lambda: np.concatenate(([1.5], [3]), dtype="int64"))
case("concat size mismatch", "concatenate", [[A(np.ones((2, 2))), A(np.ones((2, 3)))]], lambda: np.concatenate((np.ones((2, 2)), np.ones((2, 3)))))
case("concat size mismatch axis1", "concatenate", [[A(np.ones((2, 2))), A(np.ones((3, 2)))], 1], lambda: np.concatenate((np.ones((2, 2)), np.ones((3, 2))), axis=1))
case("concat ndim mismatch", "concatenate", [[A(np.ones((2, 2))), A(np.ones(3))]], lambda: np.concatenate((np.ones((2, 2)), np.ones(3))))
case("concat 0-d", "concatenate", [[A(1), A(2)]], lambda: np.concatenate((np.array(1), np.array(2))))
case("concat nothing", "concatenate", [[]], lambda: np.concatenate(()))
case("concat axis out of bounds", "concatenate", [[A(a), A(a)], 2], lambda: np.concatenate((a, a), axis=2), match="contains")

# ---------------------------------------------------------------- stack family
x1 = np.array([1, 2, 3])
x2 = np.array([4, 5, 6])
case("stack axis0", "stack", [[A(x1), A(x2)]], lambda: np.stack((x1, x2)), repr_=True)
case("stack axis -1", "stack", [[A(x1), A(x2)], -1], lambda: np.stack((x1, x2), axis=-1), repr_=True)
m2 = ar(6).reshape(2, 3)
case("stack 2-D axis1", "stack", [[A(m2), A(m2 * 10), A(m2 * 100)], {"axis": 1}], lambda: np.stack((m2, m2 * 10, m2 * 100), axis=1))
case("stack 2-D axis2", "stack", [[A(m2), A(m2)], 2], lambda: np.stack((m2, m2), axis=2))
case("stack promote", "stack", [[A(x1), A([0.5, 1, 2])]], lambda: np.stack((x1, np.array([0.5, 1, 2]))))
case("stack shape error", "stack", [[A(np.ones((2, 2))), A(np.ones((2, 3)))]], lambda: np.stack((np.ones((2, 2)), np.ones((2, 3)))))
case("stack nothing", "stack", [[]], lambda: np.stack(()))
case("stack axis out of bounds", "stack", [[A(x1), A(x2)], 2], lambda: np.stack((x1, x2), axis=2), match="contains")
case("vstack 1-D", "vstack", [[A(x1), A(x2)]], lambda: np.vstack((x1, x2)), repr_=True)
case("vstack columns", "vstack", [[A([[1], [2], [3]]), A([[4], [5], [6]])]], lambda: np.vstack(([[1], [2], [3]], [[4], [5], [6]])))
case("vstack 2-D with 1-D", "vstack", [[A(m2), A(x1)]], lambda: np.vstack((m2, x1)))
case("vstack scalars", "vstack", [[A(1), A(2.5)]], lambda: np.vstack((np.array(1), np.array(2.5))))
case("vstack mismatch", "vstack", [[A(x1), A([1, 2])]], lambda: np.vstack((x1, [1, 2])))
case("hstack 1-D", "hstack", [[A(x1), A(x2)]], lambda: np.hstack((x1, x2)), repr_=True)
case("hstack columns", "hstack", [[A([[1], [2], [3]]), A([[4], [5], [6]])]], lambda: np.hstack(([[1], [2], [3]], [[4], [5], [6]])))
case("hstack scalars", "hstack", [[A(1), A(2)]], lambda: np.hstack((np.array(1), np.array(2))))
case("hstack 2-D", "hstack", [[A(m2), A(np.ones((2, 1)))]], lambda: np.hstack((m2, np.ones((2, 1)))))
case("dstack 1-D", "dstack", [[A(x1), A(x2)]], lambda: np.dstack((x1, x2)))
case("dstack 2-D", "dstack", [[A([[1], [2], [3]]), A([[4], [5], [6]])]], lambda: np.dstack(([[1], [2], [3]], [[4], [5], [6]])))
case("dstack 3-D", "dstack", [[A(z), A(z)]], lambda: np.dstack((z, z)))
case("column_stack 1-D", "columnStack", [[A(x1), A(x2)]], lambda: np.column_stack((x1, x2)))
case("column_stack mixed", "columnStack", [[A(m2.T), A([7.5, 8, 9])]], lambda: np.column_stack((m2.T, [7.5, 8, 9])))

# ---------------------------------------------------------------- split
x9 = ar(9.0)
case("split 9 in 3 (docs)", "split", [A(x9), 3], lambda: np.split(x9, 3), view=True, repr_=True)
x8 = ar(8.0)
case("split at indices (docs)", "split", [A(x8), [3, 5, 6, 10]], lambda: np.split(x8, [3, 5, 6, 10]), view=True, repr_=True)
case("split unequal", "split", [A(x8), 3], lambda: np.split(x8, 3))
m46 = ar(24).reshape(4, 6)
case("split axis1", "split", [A(m46), 2, {"axis": 1}], lambda: np.split(m46, 2, axis=1), view=True)
case("split axis1 positional", "split", [A(m46), [1, 4], 1], lambda: np.split(m46, [1, 4], 1), view=True)
case("split rows", "split", [A(m46), 4], lambda: np.split(m46, 4), view=True)
case("split negative indices", "split", [A(x9), [-3, -1]], lambda: np.split(x9, [-3, -1]))
case("split decreasing indices", "split", [A(x9), [5, 2]], lambda: np.split(x9, [5, 2]))
case("array_split 8 in 3 (docs)", "arraySplit", [A(x8), 3], lambda: np.array_split(x8, 3), view=True)
case("array_split 9 in 4 (docs)", "arraySplit", [A(ar(9)), 4], lambda: np.array_split(ar(9), 4))
case("array_split more sections than items", "arraySplit", [A(ar(3)), 5], lambda: np.array_split(ar(3), 5))
case("array_split axis1", "arraySplit", [A(m46), 4, 1], lambda: np.array_split(m46, 4, axis=1))
case("array_split zero sections", "arraySplit", [A(x8), 0], lambda: np.array_split(x8, 0))
case("split transposed", "split", [A(m46, "T"), 2], lambda: np.split(m46.T, 2), view=True)

# ---------------------------------------------------------------- tile / repeat
t3 = np.array([0, 1, 2])
case("tile 1-D x2 (docs)", "tile", [A(t3), 2], lambda: np.tile(t3, 2))
case("tile (2,2) (docs)", "tile", [A(t3), [2, 2]], lambda: np.tile(t3, (2, 2)))
case("tile (2,1,2) (docs)", "tile", [A(t3), [2, 1, 2]], lambda: np.tile(t3, (2, 1, 2)))
tb = np.array([[1, 2], [3, 4]])
case("tile 2-D x2 (docs)", "tile", [A(tb), 2], lambda: np.tile(tb, 2))
case("tile 2-D (2,1) (docs)", "tile", [A(tb), [2, 1]], lambda: np.tile(tb, (2, 1)))
case("tile (4,1) (docs)", "tile", [A([1, 2, 3, 4]), [4, 1]], lambda: np.tile([1, 2, 3, 4], (4, 1)))
case("tile zero reps", "tile", [A(tb), [0, 2]], lambda: np.tile(tb, (0, 2)))
case("tile scalar", "tile", [A(5.5), [2, 3]], lambda: np.tile(np.array(5.5), (2, 3)))
case("tile transposed float32", "tile", [A(np.array([[1, 2, 3], [4, 5, 6]], np.float32), "T"), [1, 2]],
     lambda: np.tile(np.array([[1, 2, 3], [4, 5, 6]], np.float32).T, (1, 2)))
case("tile negative", "tile", [A(t3), -1], lambda: np.tile(t3, -1))
case("repeat scalar (docs)", "repeat", [A(3), 4], lambda: np.repeat(3, 4))
case("repeat flat (docs)", "repeat", [A(tb), 2], lambda: np.repeat(tb, 2))
case("repeat axis1 (docs)", "repeat", [A(tb), 3, {"axis": 1}], lambda: np.repeat(tb, 3, axis=1))
case("repeat per row (docs)", "repeat", [A(tb), [1, 2], 0], lambda: np.repeat(tb, [1, 2], axis=0))
case("repeat per element with zero", "repeat", [A([1.5, 2.5, 3.5]), [2, 0, 1]], lambda: np.repeat([1.5, 2.5, 3.5], [2, 0, 1]))
case("repeat bool", "repeat", [A(bo), 2], lambda: np.repeat(bo, 2))
case("repeat count mismatch", "repeat", [A(ar(3)), [1, 2]], lambda: np.repeat(ar(3), [1, 2]))
case("repeat negative", "repeat", [A(ar(3)), -1], lambda: np.repeat(ar(3), -1))
case("repeat negative in list", "repeat", [A(ar(3)), [1, -1, 2]], lambda: np.repeat(ar(3), [1, -1, 2]))

# ---------------------------------------------------------------- flip / roll
f8 = ar(8).reshape(2, 2, 2)
case("flip axis0 (docs)", "flip", [A(f8), 0], lambda: np.flip(f8, 0), view=True)
case("flip axis1 (docs)", "flip", [A(f8), {"axis": 1}], lambda: np.flip(f8, 1), view=True)
case("flip all (docs)", "flip", [A(f8)], lambda: np.flip(f8), view=True)
case("flip (0,2) (docs)", "flip", [A(f8), [0, 2]], lambda: np.flip(f8, (0, 2)), view=True)
f5 = ar(5.0)
case("flip 1-D", "flip", [A(f5)], lambda: np.flip(f5), view=True)
m23 = ar(6).reshape(2, 3)
case("flip transposed", "flip", [A(m23, "T"), -1], lambda: np.flip(m23.T, -1), view=True)
case("flip axis error", "flip", [A(np.zeros((2, 3))), 2], lambda: np.flip(np.zeros((2, 3)), 2), match="contains")
d3 = np.diag([1.0, 2.0, 3.0])
case("fliplr (docs)", "fliplr", [A(d3)], lambda: np.fliplr(d3), view=True)
case("flipud (docs)", "flipud", [A(d3)], lambda: np.flipud(d3), view=True)
f4 = ar(4)
case("flipud 1-D", "flipud", [A(f4)], lambda: np.flipud(f4), view=True)
case("fliplr 1-D error", "fliplr", [A(np.zeros(3))], lambda: np.fliplr(np.zeros(3)))
case("flipud 0-d error", "flipud", [A(0.0)], lambda: np.flipud(np.array(0.0)))
x10 = ar(10)
case("roll 2 (docs)", "roll", [A(x10), 2], lambda: np.roll(x10, 2))
case("roll -2 (docs)", "roll", [A(x10), -2], lambda: np.roll(x10, -2))
case("roll 12", "roll", [A(x10), 12], lambda: np.roll(x10, 12))
x25 = np.reshape(x10, (2, 5))
case("roll 2-D flat (docs)", "roll", [A(x25), 1], lambda: np.roll(x25, 1))
case("roll 2-D flat -1 (docs)", "roll", [A(x25), -1], lambda: np.roll(x25, -1))
case("roll axis0 (docs)", "roll", [A(x25), 1, {"axis": 0}], lambda: np.roll(x25, 1, axis=0))
case("roll axis0 -1 (docs)", "roll", [A(x25), -1, 0], lambda: np.roll(x25, -1, axis=0))
case("roll axis1 (docs)", "roll", [A(x25), 1, 1], lambda: np.roll(x25, 1, axis=1))
case("roll axis1 -1 (docs)", "roll", [A(x25), -1, 1], lambda: np.roll(x25, -1, axis=1))
case("roll (1,1) axes (1,0) (docs)", "roll", [A(x25), [1, 1], [1, 0]], lambda: np.roll(x25, (1, 1), axis=(1, 0)))
case("roll (2,1) axes (1,0) (docs)", "roll", [A(x25), [2, 1], {"axis": [1, 0]}], lambda: np.roll(x25, (2, 1), axis=(1, 0)))
case("roll same axis twice", "roll", [A(x25), [1, 2], [1, 1]], lambda: np.roll(x25, (1, 2), axis=(1, 1)))
case("roll shift list flat", "roll", [A(x10), [1, 2]], lambda: np.roll(x10, [1, 2]))
case("roll one shift many axes", "roll", [A(x25), 1, [0, 1]], lambda: np.roll(x25, 1, axis=(0, 1)))
case("roll transposed float", "roll", [A(x25.astype(float), "T"), 1, 0], lambda: np.roll(x25.astype(float).T, 1, axis=0))
case("roll mismatch", "roll", [A(x10), [1, 2], [0, 0, 0]], lambda: np.roll(x10, [1, 2], axis=[0, 0, 0]))

# ---------------------------------------------------------------- pad
p5 = np.array([1, 2, 3, 4, 5])
case("pad constant (docs)", "pad", [A(p5), [2, 3], {"mode": "constant", "constantValues": [4, 6]}],
     lambda: np.pad(p5, (2, 3), "constant", constant_values=(4, 6)))
case("pad default int", "pad", [A(p5), 2], lambda: np.pad(p5, 2))
case("pad edge (docs)", "pad", [A(p5), [2, 3], {"mode": "edge"}], lambda: np.pad(p5, (2, 3), "edge"))
case("pad reflect (docs)", "pad", [A(p5), [2, 3], {"mode": "reflect"}], lambda: np.pad(p5, (2, 3), "reflect"))
case("pad symmetric (docs)", "pad", [A(p5), [2, 3], {"mode": "symmetric"}], lambda: np.pad(p5, (2, 3), "symmetric"))
case("pad wrap (docs)", "pad", [A(p5), [2, 3], {"mode": "wrap"}], lambda: np.pad(p5, (2, 3), "wrap"))
p3 = np.array([1, 2, 3])
case("pad reflect wide", "pad", [A(p3), [4, 5], {"mode": "reflect"}], lambda: np.pad(p3, (4, 5), "reflect"))
case("pad symmetric wide", "pad", [A(p3), [7, 8], {"mode": "symmetric"}], lambda: np.pad(p3, (7, 8), "symmetric"))
case("pad wrap wide", "pad", [A(p3), [7, 8], {"mode": "wrap"}], lambda: np.pad(p3, (7, 8), "wrap"))
case("pad reflect singleton", "pad", [A([[5, 6]]), 2, {"mode": "reflect"}], lambda: np.pad([[5, 6]], 2, "reflect"))
case("pad edge 2-D", "pad", [A(tb), [[1, 2], [2, 1]], {"mode": "edge"}], lambda: np.pad(tb, ((1, 2), (2, 1)), "edge"))
case("pad reflect 2-D", "pad", [A(ar(9).reshape(3, 3)), [[2, 1], [1, 2]], {"mode": "reflect"}],
     lambda: np.pad(ar(9).reshape(3, 3), ((2, 1), (1, 2)), "reflect"))
case("pad symmetric 2-D", "pad", [A(ar(6).reshape(2, 3)), 2, {"mode": "symmetric"}], lambda: np.pad(ar(6).reshape(2, 3), 2, "symmetric"))
case("pad wrap 2-D", "pad", [A(ar(6).reshape(2, 3)), [[1, 1], [3, 2]], {"mode": "wrap"}], lambda: np.pad(ar(6).reshape(2, 3), ((1, 1), (3, 2)), "wrap"))
case("pad constant per-axis values", "pad", [A(tb), 1, {"constantValues": [[1, 2], [3, 4]]}],
     lambda: np.pad(tb, 1, constant_values=((1, 2), (3, 4))))
case("pad constant float into int", "pad", [A(p3), 1, {"constantValues": 1.7}], lambda: np.pad(p3, 1, constant_values=1.7))
case("pad float32", "pad", [A(np.array([[1.5, 2.5]], np.float32)), [[0, 1], [1, 0]], {"constantValues": -1}],
     lambda: np.pad(np.array([[1.5, 2.5]], np.float32), ((0, 1), (1, 0)), constant_values=-1))
case("pad widths [[1,2]] broadcast", "pad", [A(tb), [[1, 2]]], lambda: np.pad(tb, [[1, 2]]))
case("pad widths (2,1) column", "pad", [A(tb), A([[1], [2]])], lambda: np.pad(tb, np.array([[1], [2]])))
case("pad 3-D image-like", "pad", [A(ar(8).reshape(2, 2, 2)), [[0, 0], [1, 1], [1, 1]]],
     lambda: np.pad(ar(8).reshape(2, 2, 2), ((0, 0), (1, 1), (1, 1))))
case("pad transposed edge", "pad", [A(ar(6).reshape(2, 3), "T"), 1, {"mode": "edge"}], lambda: np.pad(ar(6).reshape(2, 3).T, 1, "edge"))
case("pad negative", "pad", [A(p3), -1], lambda: np.pad(p3, -1))
case("pad bad widths shape", "pad", [A(tb), [[1, 2], [3, 4], [5, 6]]], lambda: np.pad(tb, ((1, 2), (3, 4), (5, 6))), match="type")
case("pad empty axis edge", "pad", [A(np.zeros((0, 3))), 1, {"mode": "edge"}], lambda: np.pad(np.zeros((0, 3)), 1, "edge"))
case("pad empty axis constant", "pad", [A(np.zeros((0, 3))), 1], lambda: np.pad(np.zeros((0, 3)), 1))
case("pad bad mode", "pad", [A(p3), 1, {"mode": "foo"}], lambda: np.pad(p3, 1, "foo"), match="contains")

# ---------------------------------------------------------------- atleast / contiguous
for k in (1, 2, 3):
    fn = f"atleast{k}d"
    npf = getattr(np, f"atleast_{k}d")
    for name, arr in [("0-d", np.array(7.0)), ("1-D", ar(3)), ("2-D", ar(6).reshape(2, 3)), ("3-D", ar(8).reshape(2, 2, 2))]:
        case(f"{fn} {name}", fn, [A(arr)], lambda npf=npf, arr=arr: npf(arr), view=True)
case("atleast2d several", "atleast2d", [A(1), A([1, 2])], lambda: np.atleast_2d(np.array(1), np.array([1, 2])))
case("ascontiguousarray transposed", "ascontiguousarray", [A(m23, "T")], lambda: np.ascontiguousarray(m23.T), view=True)
case("ascontiguousarray contiguous", "ascontiguousarray", [A(m23)], lambda: np.ascontiguousarray(m23), view=True)
case("ascontiguousarray 0-d", "ascontiguousarray", [A(3.0)], lambda: np.ascontiguousarray(np.array(3.0)))
case("ascontiguousarray dtype", "ascontiguousarray", [A([1, 2]), {"dtype": "float32"}], lambda: np.ascontiguousarray([1, 2], dtype="float32"))


def copyto_case(name, dst, src, opts, np_kw):
    def run():
        d = dst.np().copy()
        np.copyto(d, src.np() if isinstance(src, A) else src, **np_kw)
        return d
    case(name, "copyto", [dst, src, opts], run)


copyto_case("copyto broadcast", A(np.zeros((2, 3))), A([1, 2, 3]), {}, {})
copyto_case("copyto float->int error", A(np.zeros(3, np.int64)), A([1.5, 2, 3]), {}, {})
copyto_case("copyto unsafe", A(np.zeros(3, np.int64)), A([1.5, 2, 3]), {"casting": "unsafe"}, {"casting": "unsafe"})
copyto_case("copyto where", A(np.zeros(4)), A([1, 2, 3, 4.0]), {"where": A([True, False, True, False])},
            {"where": np.array([True, False, True, False])})
copyto_case("copyto int->float32", A(np.zeros(2, np.float32)), A(np.array([3, 4], np.int32)), {}, {})

# ---------------------------------------------------------------- eye, identity, diag, diagonal, tri
case("eye(3,5) (Day 1)", "eye", [3, 5], lambda: np.eye(3, 5), repr_=True)
case("eye(3)", "eye", [3], lambda: np.eye(3))
case("eye k=1", "eye", [3, {"k": 1}], lambda: np.eye(3, k=1))
case("eye 4x3 k=-2", "eye", [4, 3, {"k": -2}], lambda: np.eye(4, 3, k=-2))
case("eye k beyond", "eye", [2, 3, {"k": 5}], lambda: np.eye(2, 3, k=5))
case("eye int", "eye", [2, {"dtype": "int32"}], lambda: np.eye(2, dtype="int32"))
case("eye negative", "eye", [-1], lambda: np.eye(-1))
case("identity 3", "identity", [3], lambda: np.identity(3))
case("identity bool", "identity", [2, {"dtype": "bool"}], lambda: np.identity(2, dtype=bool))
case("diag 1-D (Day 1)", "diag", [A([1, 2, 3])], lambda: np.diag([1, 2, 3]), repr_=True)
case("diag 1-D k=1 (Day 1)", "diag", [A([1, 2, 3]), 1], lambda: np.diag([1, 2, 3], 1), repr_=True)
case("diag 1-D k=-2", "diag", [A([1.5, 2.5]), {"k": -2}], lambda: np.diag([1.5, 2.5], -2))
x33 = ar(9).reshape(3, 3)
case("diag 2-D (docs)", "diag", [A(x33)], lambda: np.diag(x33), repr_=True)
case("diag 2-D k=1 (docs)", "diag", [A(x33), 1], lambda: np.diag(x33, k=1), repr_=True)
case("diag 2-D k=-1 (docs)", "diag", [A(x33), -1], lambda: np.diag(x33, k=-1))
case("diag 2-D k out of range", "diag", [A(x33), 5], lambda: np.diag(x33, 5))
case("diag 2x4", "diag", [A(ar(8).reshape(2, 4)), 1], lambda: np.diag(ar(8).reshape(2, 4), 1))
case("diag 2-D transposed", "diag", [A(ar(8).reshape(2, 4), "T")], lambda: np.diag(ar(8).reshape(2, 4).T))
case("diag 3-D error", "diag", [A(np.zeros((2, 2, 2)))], lambda: np.diag(np.zeros((2, 2, 2))))
q22 = ar(4).reshape(2, 2)
case("diagonal (docs)", "diagonal", [A(q22)], lambda: np.diagonal(q22), view=True)
case("diagonal offset 1 (docs)", "diagonal", [A(q22), 1], lambda: np.diagonal(q22, 1), view=True)
case("diagonal 3-D (docs)", "diagonal", [A(f8), {"offset": 0, "axis1": 0, "axis2": 1}], lambda: f8.diagonal(0, 0, 1), view=True)
case("diagonal 3-D axes 1,2", "diagonal", [A(z), {"offset": -1, "axis1": 2, "axis2": 1}], lambda: z.diagonal(-1, 2, 1), view=True)
case("diagonal 1-D error", "diagonal", [A(np.zeros(3))], lambda: np.diagonal(np.zeros(3)))
case("diagonal same axes", "diagonal", [A(x33), {"axis1": 1, "axis2": 1}], lambda: np.diagonal(x33, axis1=1, axis2=1))
case("tri 3", "tri", [3], lambda: np.tri(3))
case("tri 3x5 k=2 int (docs)", "tri", [3, 5, {"k": 2, "dtype": "int64"}], lambda: np.tri(3, 5, 2, dtype=int))
case("tri 3x5 k=-1 (docs)", "tri", [3, 5, {"k": -1}], lambda: np.tri(3, 5, -1))
m43 = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])
case("tril k=-1 (docs)", "tril", [A(m43), -1], lambda: np.tril(m43, -1))
case("tril k=0", "tril", [A(m43)], lambda: np.tril(m43))
case("triu k=-1 (docs)", "triu", [A(m43), -1], lambda: np.triu(m43, -1))
case("triu k=1 opts", "triu", [A(m43.astype(np.float32)), {"k": 1}], lambda: np.triu(m43.astype(np.float32), 1))
case("tril 1-D input", "tril", [A([1, 2, 3])], lambda: np.tril([1, 2, 3]))
case("triu 3-D input", "triu", [A(ar(18).reshape(2, 3, 3))], lambda: np.triu(ar(18).reshape(2, 3, 3)))

# ---------------------------------------------------------------- vander, indices, meshgrid, fromfunction
vx = np.array([1, 2, 3, 5])
case("vander (Day 1 / docs)", "vander", [A(vx)], lambda: np.vander(vx), repr_=True)
case("vander N=3 (docs)", "vander", [A(vx), 3], lambda: np.vander(vx, 3))
case("vander increasing (docs)", "vander", [A(vx), {"increasing": True}], lambda: np.vander(vx, increasing=True))
case("vander N=5 increasing", "vander", [A(vx), 5, {"increasing": True}], lambda: np.vander(vx, 5, increasing=True))
case("vander float32", "vander", [A(np.array([0.5, -1.5], np.float32))], lambda: np.vander(np.array([0.5, -1.5], np.float32)))
case("vander bool", "vander", [A(bo)], lambda: np.vander(bo))
case("vander N=0", "vander", [A(vx), 0], lambda: np.vander(vx, 0))
case("vander 2-D error", "vander", [A(np.zeros((2, 2)))], lambda: np.vander(np.zeros((2, 2))))
case("indices (3,3) (Day 1)", "indices", [[3, 3]], lambda: np.indices((3, 3)), repr_=True)
case("indices (2,3)", "indices", [[2, 3]], lambda: np.indices((2, 3)))
case("indices (2,1,3) float", "indices", [[2, 1, 3], {"dtype": "float64"}], lambda: np.indices((2, 1, 3), dtype=float))
case("indices sparse", "indices", [[2, 3], {"sparse": True}], lambda: np.indices((2, 3), sparse=True))
case("indices empty dim", "indices", [[0, 2]], lambda: np.indices((0, 2)))
mx = np.array([1, 2, 3])
my = np.array([4.5, 5.5])
mz = np.array([7, 8, 9, 10])
case("meshgrid xy", "meshgrid", [A(mx), A(my)], lambda: np.meshgrid(mx, my))
case("meshgrid ij", "meshgrid", [A(mx), A(my), {"indexing": "ij"}], lambda: np.meshgrid(mx, my, indexing="ij"))
case("meshgrid sparse", "meshgrid", [A(mx), A(my), {"sparse": True}], lambda: np.meshgrid(mx, my, sparse=True))
case("meshgrid 3 xy", "meshgrid", [A(mx), A(my), A(mz)], lambda: np.meshgrid(mx, my, mz))
case("meshgrid 3 ij sparse", "meshgrid", [A(mx), A(my), A(mz), {"indexing": "ij", "sparse": True}],
     lambda: np.meshgrid(mx, my, mz, indexing="ij", sparse=True))
case("meshgrid one", "meshgrid", [A(mx)], lambda: np.meshgrid(mx))
case("meshgrid 2-D input raveled", "meshgrid", [A([[1, 2], [3, 4]]), A(my)], lambda: np.meshgrid([[1, 2], [3, 4]], my))
case("meshgrid bad indexing", "meshgrid", [A(mx), {"indexing": "xyz"}], lambda: np.meshgrid(mx, indexing="xyz"))
case("fromfunction i*10+j", "fromfunction", ["i*10+j", [2, 3]], lambda: np.fromfunction(lambda i, j: i * 10 + j, (2, 3)))
case("fromfunction i==j int (docs)", "fromfunction", ["i==j", [3, 3], {"dtype": "int64"}],
     lambda: np.fromfunction(lambda i, j: i == j, (3, 3), dtype=int))
case("fromfunction i+j int (docs)", "fromfunction", ["i+j", [3, 3], {"dtype": "int64"}],
     lambda: np.fromfunction(lambda i, j: i + j, (3, 3), dtype=int))
case("fromfunction 1-D square", "fromfunction", ["i*i", [4]], lambda: np.fromfunction(lambda i: i * i, (4,)))

# ---------------------------------------------------------------- block
o22 = np.ones((2, 2))
e2 = np.eye(2)
z22 = np.zeros((2, 2))
dm = np.diag([-3, -4])
case("block (Day 1)", "block", [[[A(o22), A(e2)], [A(z22), A(dm)]]], lambda: np.block([[o22, e2], [z22, dm]]), repr_=True)
case("block scalars", "block", [[[1, 2], [3, 4]]], lambda: np.block([[1, 2], [3, 4]]))
case("block 1-D (docs)", "block", [[A([1, 2, 3]), A([4, 5]), A([6])]], lambda: np.block([np.array([1, 2, 3]), np.array([4, 5]), np.array([6])]))
case("block rows (docs)", "block", [[[A([1, 2, 3])], [A([4, 5, 6])]]], lambda: np.block([[np.array([1, 2, 3])], [np.array([4, 5, 6])]]))
A2 = np.eye(2) * 2
B3 = np.eye(3) * 3
case("block mixed (docs)", "block", [[[A(A2), A(np.zeros((2, 3)))], [A(np.ones((3, 2))), A(B3)]]],
     lambda: np.block([[A2, np.zeros((2, 3))], [np.ones((3, 2)), B3]]))
case("block scalar with 1-D", "block", [[A(1), A([2, 3])]], lambda: np.block([1, np.array([2, 3])]))
case("block depth 3", "block", [[[[A(np.ones((1, 1, 2)))], [A(np.zeros((1, 1, 2)))]]]], lambda: np.block([[[np.ones((1, 1, 2))], [np.zeros((1, 1, 2))]]]))
case("block array alone", "block", [A(ar(3.0))], lambda: np.block(ar(3.0)))
case("block int32+float32", "block", [[A(i32), A(f32)]], lambda: np.block([i32, f32]))
case("block depth mismatch", "block", [[[1, 2], 3]], lambda: np.block([[1, 2], 3]))
case("block empty inner", "block", [[[], [1]]], lambda: np.block([[], [1]]))
case("block empty", "block", [[]], lambda: np.block([]))
case("block size mismatch", "block", [[[A(o22), A(np.ones((3, 1)))]]], lambda: np.block([[o22, np.ones((3, 1))]]))

# ---------------------------------------------------------------- frombuffer
idx_header = np.array([2051, 60000, 28, 28], ">i4").tobytes() + bytes(range(8))


def fb(name, raw, opts, np_kw, **extra):
    def run():
        r = np.frombuffer(raw, **np_kw)
        return r.astype(r.dtype.newbyteorder("="))

    case(name, "frombuffer", [list(raw), opts], run, **extra)


fb("frombuffer uint8", b"\x01\x02\xff", {"dtype": "uint8"}, {"dtype": "uint8"})
fb("frombuffer IDX header >i4", idx_header, {"dtype": ">i4", "count": 4}, {"dtype": ">i4", "count": 4})
fb("frombuffer IDX header byteOrder", idx_header, {"dtype": "int32", "count": 4, "byteOrder": ">"}, {"dtype": ">i4", "count": 4})
fb("frombuffer IDX pixels offset", idx_header, {"dtype": "uint8", "offset": 16}, {"dtype": "uint8", "offset": 16})
fb("frombuffer <i4", np.array([1, -2, 300000], "<i4").tobytes(), {"dtype": "<i4"}, {"dtype": "<i4"})
fb("frombuffer >u4", np.array([1, 4000000000], ">u4").tobytes(), {"dtype": ">u4"}, {"dtype": ">u4"})
fb("frombuffer float32 LE", np.array([1.5, -2.25, 3e-8], "<f4").tobytes(), {"dtype": "float32"}, {"dtype": "<f4"})
fb("frombuffer float32 BE", np.array([1.5, -2.25, 3e-8], ">f4").tobytes(), {"dtype": ">f4"}, {"dtype": ">f4"})
fb("frombuffer float64 default", np.array([0.1, 1e300, -5.0]).tobytes(), {}, {})
fb("frombuffer float64 BE offset", b"\x00" * 3 + np.array([0.1, -7.5], ">f8").tobytes(), {"dtype": ">f8", "offset": 3}, {"dtype": ">f8", "offset": 3})
fb("frombuffer float32 unaligned", b"\x00" + np.array([2.5, 4.0], "<f4").tobytes(), {"dtype": "<f4", "offset": 1}, {"dtype": "<f4", "offset": 1})
fb("frombuffer int64 LE", np.array([1, -2, 2**53 - 1, -(2**53 - 1)], "<i8").tobytes(), {"dtype": "int64"}, {"dtype": "<i8"})
fb("frombuffer int64 BE", np.array([5, -6, 2**40 + 3], ">i8").tobytes(), {"dtype": ">i8"}, {"dtype": ">i8"})
fb("frombuffer int8 count", b"\x80\x7f\x01\x02", {"dtype": "int8", "count": 2}, {"dtype": "int8", "count": 2})
fb("frombuffer bool", b"\x00\x01\x00", {"dtype": "bool"}, {"dtype": "bool"})
fb("frombuffer count 0", b"\x01\x02", {"dtype": "uint8", "count": 0}, {"dtype": "uint8", "count": 0})
fb("frombuffer size not multiple", b"abc", {"dtype": "int32"}, {"dtype": "i4"})
fb("frombuffer offset too big", b"abcd", {"dtype": "uint8", "offset": 5}, {"dtype": "u1", "offset": 5})
fb("frombuffer count too big", b"abcd", {"dtype": "uint8", "count": 5}, {"dtype": "u1", "count": 5})
fb("frombuffer negative offset", b"abcd", {"dtype": "uint8", "offset": -1}, {"dtype": "u1", "offset": -1})

write(os.path.join(os.path.dirname(os.path.abspath(__file__)), "manip.json"), cases)
