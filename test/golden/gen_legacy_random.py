"""Golden streams of NumPy's legacy RandomState (MT19937) for nd.random.RandomState.

Writes test/golden/legacy_random.json.
"""
import os

import numpy as np

from common import write

cases = []
for seed in [0, 3, 5, 12345, 2**32 - 1]:
    rs = np.random.RandomState(seed)
    cases.append({"seed": seed, "call": "random_sample", "args": [5], "out": rs.random_sample(5).tolist()})
    rs = np.random.RandomState(seed)
    cases.append({"seed": seed, "call": "randn", "args": [2, 3], "out": rs.randn(2, 3).ravel().tolist()})
    rs = np.random.RandomState(seed)
    cases.append({"seed": seed, "call": "normal", "args": [1.5, 0.2, [4]], "out": rs.normal(1.5, 0.2, 4).tolist()})
    rs = np.random.RandomState(seed)
    cases.append({"seed": seed, "call": "permutation", "args": [10], "out": rs.permutation(10).tolist()})
write(os.path.join(os.path.dirname(__file__), "legacy_random.json"), cases)
