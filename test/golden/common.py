"""Shared helpers for the golden generators: encode NumPy arrays and errors as JSON."""
import json
import math

import numpy as np

DT = {
    "bool": "bool", "uint8": "uint8", "int8": "int8", "uint32": "uint32", "int32": "int32",
    "int64": "int64", "float32": "float32", "float64": "float64",
}


def num(v):
    """A JSON-safe number: NaN and infinities become strings."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    v = v.item() if hasattr(v, "item") else v
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def enc(a):
    """{dtype, shape, data} with data flat in C order."""
    a = np.asarray(a)
    if a.dtype == np.float16:
        # mlseries has no float16; NumPy's float16 results are compared as float32, loosely
        return {"dtype": "float32", "numpy_dtype": "float16", "shape": list(a.shape),
                "data": [num(v) for v in a.astype(np.float32).ravel().tolist()]}
    return {"dtype": DT[str(a.dtype)], "shape": list(a.shape), "data": [num(v) for v in a.ravel().tolist()]}


def err(e):
    return {"error": type(e).__name__, "message": str(e)}


def write(path, cases):
    with open(path, "w") as f:
        json.dump(cases, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(cases)} cases")
