#!/usr/bin/env python3
"""Golden data for mlseries' nd.random: NumPy's default_rng streams, recorded as JSON.

    python3 test/golden/gen_random.py            # writes test/golden/random.json
    python3 test/golden/gen_random.py --tables   # also rewrites src/nd/random/zigguratTables.ts

Each case seeds `np.random.default_rng(seed)` and makes a list of calls; every call records its
result (shape, dtype and the flat values, or a SHA-256 of the values as little-endian float64 for
big samples), and the case records the bit generator's state at the end, so the TypeScript test
also checks that exactly as many bits were consumed as NumPy consumed.

Integers that do not fit in a double exactly (seeds like 2**40 + 7 are fine; 128-bit states,
raw uint64 outputs) are written as {"bigint": "<decimal>"} or as decimal strings.

--tables reads NumPy's ziggurat tables (ki/wi/fi for the normal, ke/we/fe for the exponential,
double and float versions) out of the static library NumPy ships
(numpy/random/lib/libnpyrandom.a, object distributions.c.o, via `ar` and `objcopy`) and writes
them as a TypeScript module. They cannot be regenerated bit-exactly in double precision (NumPy's
were computed in higher precision), hence the data file.
"""

import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAFE = 2**53 - 1


def enc(v):
    """JSON-encodes an argument: big ints as {"bigint": ...}, tuples as lists."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        v = int(v)
        return v if abs(v) <= SAFE else {"bigint": str(v)}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, np.ndarray):
        return {"ndarray": enc(v.tolist()), "dtype": str(v.dtype), "shape": list(v.shape)}
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    return v


def result(x, hashed=False):
    if isinstance(x, np.ndarray):
        shape, dtype = list(x.shape), str(x.dtype)
        flat = x.ravel().tolist()
    else:
        arr = np.asarray(x)
        shape, dtype = None, str(arr.dtype)
        flat = [arr.item()]
    out = {"shape": shape, "dtype": dtype}
    if hashed:
        b = np.ascontiguousarray(np.asarray(flat, dtype=np.float64)).astype("<f8").tobytes()
        out["sha256"] = hashlib.sha256(b).hexdigest()
        out["n"] = len(flat)
    else:
        out["data"] = [enc(bool(v)) if isinstance(v, bool) else enc(v) for v in flat]
    return out


def state_of(bg):
    s = bg.state
    return {
        "state": str(s["state"]["state"]),
        "inc": str(s["state"]["inc"]),
        "has_uint32": int(s["has_uint32"]),
        "uinteger": int(s["uinteger"]),
    }


CASES = []


def case(name, seed, calls):
    """calls: list of (method, args, kwargs[, hashed]). Methods are Generator methods, plus
    'shuffle' / 'permutation' on an input, and 'random_raw' on the bit generator."""
    g = np.random.default_rng(seed)
    recs = []
    for c in calls:
        method, args, kwargs = c[0], list(c[1]), dict(c[2])
        hashed = len(c) > 3 and c[3]
        if method == "random_raw":
            vals = g.bit_generator.random_raw(*args)
            out = {"raw": [str(int(v)) for v in np.atleast_1d(vals)]}
        elif method == "shuffle":
            x = np.array(args[0]) if not isinstance(args[0], list) else list(args[0])
            g.shuffle(x)
            out = result(np.asarray(x))
        else:
            fn = getattr(g, method)
            out = result(fn(*args, **kwargs), hashed)
        recs.append({"method": method, "args": enc(args), "kwargs": enc(kwargs), "expect": out})
    CASES.append({"name": name, "seed": enc(seed), "calls": recs, "state": state_of(g.bit_generator)})


def build_cases():
    seeds = [0, 1, 42, 12345, 2**40 + 7, 0xDEADBEEF]
    # --- the headline examples from the brief
    case("rng42.random((2,3))", 42, [("random", [(2, 3)], {})])
    case("rng0.standard_normal((200,2))", 0, [("standard_normal", [(200, 2)], {})])
    case("rng0.random(100)", 0, [("random", [100], {})])
    # --- per seed: raw bits, uniform floats, integers, normals, mixed 32/64-bit draws
    for s in seeds:
        case(f"seed {s}: raw", s, [("random_raw", [5], {})])
        case(f"seed {s}: random", s, [("random", [], {}), ("random", [(3, 4)], {}), ("random", [7], {})])
        case(
            f"seed {s}: float32 then float64 (buffered half)",
            s,
            [("random", [5], {"dtype": "float32"}), ("random", [3], {}), ("random", [2], {"dtype": "float32"})],
        )
        case(
            f"seed {s}: integers small ranges",
            s,
            [
                ("integers", [10], {}),
                ("integers", [0, 10, 20], {}),
                ("integers", [-5, 5, (3, 4)], {}),
                ("integers", [1, 6, 10], {"endpoint": True}),
                ("integers", [0, 1, 3], {}),
                ("integers", [7, 8, 3], {}),
            ],
        )
        case(
            f"seed {s}: integers large ranges",
            s,
            [
                ("integers", [0, 2**32, 5], {}),
                ("integers", [0, 2**32 + 1, 5], {}),
                ("integers", [0, 2**40, 6], {}),
                ("integers", [-(2**62), 2**62, 4], {}),
                ("integers", [-(2**63), 2**63 - 1, 4], {"endpoint": True}),
                ("integers", [2**60, 2**60 + 1000, 4], {}),
                ("integers", [0, 2**53, 3], {}),
            ],
        )
        case(
            f"seed {s}: integers other dtypes",
            s,
            [
                ("integers", [0, 100, 9], {"dtype": "int32"}),
                ("integers", [-(2**31), 2**31, 4], {"dtype": "int32"}),
                ("integers", [0, 2**32, 4], {"dtype": "uint32"}),
                ("integers", [0, 200, 9], {"dtype": "uint8"}),
                ("integers", [0, 256, 5], {"dtype": "uint8"}),
                ("integers", [-100, 100, 7], {"dtype": "int8"}),
                ("integers", [0, 2, 40], {"dtype": "bool"}),
                ("integers", [0, 1000, 3], {"dtype": "int64"}),
            ],
        )
        case(f"seed {s}: standard_normal", s, [("standard_normal", [], {}), ("standard_normal", [(10, 3)], {})])
        case(
            f"seed {s}: standard_normal float32",
            s,
            [("standard_normal", [9], {"dtype": "float32"}), ("standard_normal", [4], {})],
        )
        case(
            f"seed {s}: normal / uniform / exponential",
            s,
            [
                ("normal", [2.5, 0.5, 6], {}),
                ("normal", [], {}),
                ("uniform", [-3.0, 7.0, (2, 3)], {}),
                ("uniform", [], {}),
                ("exponential", [2.0, 8], {}),
                ("exponential", [], {}),
                ("standard_exponential", [5], {"dtype": "float32"}),
            ],
        )
        case(
            f"seed {s}: binomial",
            s,
            [
                ("binomial", [10, 0.3, 12], {}),
                ("binomial", [100, 0.4, 12], {}),
                ("binomial", [1000, 0.9, 8], {}),
                ("binomial", [20, 0.95, 8], {}),
                ("binomial", [5, 0.0, 3], {}),
                ("binomial", [0, 0.5, 3], {}),
                ("binomial", [7, 1.0, 3], {}),
                ("binomial", [50, 0.5], {}),
            ],
        )
        case(
            f"seed {s}: poisson",
            s,
            [
                ("poisson", [3.0, 12], {}),
                ("poisson", [50.0, 12], {}),
                ("poisson", [1e6, 4], {}),
                ("poisson", [0.0, 3], {}),
                ("poisson", [], {}),
            ],
        )
        case(
            f"seed {s}: choice",
            s,
            [
                ("choice", [5, 3], {}),
                ("choice", [10, 10], {"replace": False}),
                ("choice", [10, 4], {"replace": False, "shuffle": False}),
                ("choice", [4, 6], {"p": [0.1, 0.2, 0.3, 0.4]}),
                ("choice", [5, 3], {"replace": False, "p": [0.1, 0.0, 0.3, 0.4, 0.2]}),
                ("choice", [[1.5, 2.5, 3.5, 4.5], (2, 2)], {}),
                ("choice", [7], {}),
            ],
        )
        case(
            f"seed {s}: permutation and shuffle",
            s,
            [
                ("permutation", [10], {}),
                ("permutation", [[0.5, 1.5, 2.5, 3.5, 4.5]], {}),
                ("shuffle", [list(range(12))], {}),
            ],
        )
    # --- choice: the tail-shuffle path (pop > 10000 and size > pop // 50) and Floyd on big pops
    case("choice tail shuffle", 7, [("choice", [20000, 1000], {"replace": False}, True)])
    case("choice tail shuffle, shuffle=False", 7, [("choice", [20000, 600], {"replace": False, "shuffle": False}, True)])
    case("choice floyd big pop", 8, [("choice", [20000, 30], {"replace": False})])
    case("choice floyd huge pop", 8, [("choice", [2**40, 5], {"replace": False})])
    case("choice from 2-D rows", 9, [("choice", [np.arange(12.0).reshape(4, 3), 2], {})])
    case("permutation of 2-D", 9, [("permutation", [np.arange(12).reshape(4, 3)], {})])
    case("shuffle 2-D", 9, [("shuffle", [np.arange(15.0).reshape(5, 3)], {})])
    case("permutation big", 10, [("permutation", [5000], {}, True)])
    # --- big samples, hashed: exercise the ziggurat tails / wedges and the rejection loops
    case("standard_normal 200k", 0, [("standard_normal", [200000], {}, True)])
    case("standard_normal float32 200k", 1, [("standard_normal", [200000], {"dtype": "float32"}, True)])
    case("standard_exponential 200k", 2, [("standard_exponential", [200000], {}, True)])
    case("standard_exponential float32 200k", 3, [("standard_exponential", [200000], {"dtype": "float32"}, True)])
    case("random 100k", 4, [("random", [100000], {}, True), ("random", [100001], {"dtype": "float32"}, True)])
    case("integers mixed 50k", 5, [
        ("integers", [0, 1000, 50000], {}, True),
        ("integers", [-(2**45), 2**45, 20000], {}, True),
        ("integers", [0, 3, 50001], {"dtype": "uint8"}, True),
        ("integers", [0, 2, 50001], {"dtype": "bool"}, True),
    ])
    case("binomial 20k", 6, [
        ("binomial", [10, 0.3, 20000], {}, True),
        ("binomial", [1000, 0.3, 20000], {}, True),
        ("binomial", [100000, 0.7, 20000], {}, True),
    ])
    case("poisson 20k", 11, [
        ("poisson", [4.5, 20000], {}, True),
        ("poisson", [30.0, 20000], {}, True),
        ("poisson", [12345.6, 20000], {}, True),
    ])
    # --- other seeds
    case("seed [1, 2, 3]", [1, 2, 3], [("random", [4], {}), ("integers", [0, 100, 4], {})])
    case("seed 2**100", 2**100 + 12345, [("random", [4], {})])


def special_cases():
    out = []
    g = np.random.default_rng(42)
    kids = g.spawn(2)
    out.append({
        "name": "spawn",
        "seed": 42,
        "children": [k.random(4).tolist() for k in kids],
        "grandchild": kids[1].spawn(1)[0].random(3).tolist(),
    })
    bg = np.random.PCG64(12345)
    bg.random_raw()
    j = bg.jumped(3)
    out.append({
        "name": "jumped",
        "seed": 12345,
        "jumped_state": state_of(j),
        "after": np.random.Generator(j).random(3).tolist(),
    })
    ss = np.random.SeedSequence(2**40 + 7, spawn_key=(3, 2**33))
    out.append({
        "name": "seedsequence",
        "entropy": {"bigint": str(2**40 + 7)},
        "spawn_key": [3, 2**33],
        "pool": [int(v) for v in ss.pool],
        "state_u32": [int(v) for v in ss.generate_state(10)],
    })
    return out


# ------------------------------------------------------------------ tables
def extract_tables():
    lib = os.path.join(os.path.dirname(np.__file__), "random", "lib", "libnpyrandom.a")
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["ar", "x", lib], cwd=d, check=True)
        obj = [f for f in os.listdir(d) if "distributions.c" in f and f.endswith(".o")][0]
        syms = subprocess.run(["objdump", "-t", obj], cwd=d, check=True, capture_output=True, text=True).stdout
        subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", obj, "rodata.bin"], cwd=d, check=True)
        with open(os.path.join(d, "rodata.bin"), "rb") as f:
            ro = f.read()
    off = {}
    for line in syms.splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[-1] in NAMES and parts[3] == ".rodata":
            off[parts[-1]] = int(parts[0], 16)
    tabs = {}
    for name, fmt in NAMES.items():
        tabs[name] = list(struct.unpack_from("<256" + fmt, ro, off[name]))
    return tabs


NAMES = {
    "ki_double": "Q", "wi_double": "d", "fi_double": "d",
    "ki_float": "I", "wi_float": "f", "fi_float": "f",
    "ke_double": "Q", "we_double": "d", "fe_double": "d",
    "ke_float": "I", "we_float": "f", "fe_float": "f",
}


def write_tables(tabs):
    # Sanity: the first entries as published in numpy/random/src/distributions/ziggurat_constants.h
    assert tabs["ki_double"][0] == 0x000EF33D8025EF6A and tabs["ke_double"][0] == 0x001C5214272497C6
    assert tabs["wi_double"][0] == 8.68362706080130616677e-16 and tabs["fi_double"][0] == 1.0
    lines = [
        "/**",
        " * NumPy's ziggurat tables (numpy/random/src/distributions/ziggurat_constants.h, BSD-3-Clause,",
        " * after Marsaglia & Tsang 2000), 256 layers each: k* are the acceptance thresholds, w* the",
        " * widths, f* the densities at the layer edges; *_DOUBLE for float64 samplers, *_FLOAT for float32.",
        " * Extracted bit-exactly from NumPy " + np.__version__ + " by `python3 test/golden/gen_random.py --tables`;",
        " * do not edit by hand. They cannot be regenerated exactly in double precision (NumPy's were",
        " * computed in higher precision), hence a data file. Float tables hold float32 values exactly.",
        " */",
    ]
    for name, fmt in NAMES.items():
        const = name.upper()
        arr_t = "Float32Array" if fmt == "f" else "Float64Array"
        if fmt in "QI":
            body = ", ".join("0x%x" % v for v in tabs[name])
        else:
            body = ", ".join(repr(float(v)) for v in tabs[name])
        lines.append(f"export const {const} = new {arr_t}([{body}]);")
    path = os.path.join(ROOT, "src", "nd", "random", "zigguratTables.ts")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    # Same layout as the rest of the code base (one call; skipped if npx is missing).
    subprocess.run(["npx", "prettier", "--write", path], cwd=ROOT, check=False)
    print("wrote", path)


def main():
    if "--tables" in sys.argv:
        write_tables(extract_tables())
    build_cases()
    data = {
        "numpy_version": np.__version__,
        "cases": CASES,
        "special": special_cases(),
    }
    path = os.path.join(HERE, "random.json")
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print("wrote", path, len(CASES), "cases,", sum(len(c["calls"]) for c in CASES), "calls")


if __name__ == "__main__":
    main()
