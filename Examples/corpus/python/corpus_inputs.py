"""Deterministic inputs shared by the corpus's NumPy originals and their Swift ports.

Every input is made by `det`: an integer hash of the element index, turned into a float64 in
[lo, hi) with one division, one multiplication and one addition. Each of those is correctly
rounded in IEEE 754, so NumPy and Swift (Examples/corpus/Inputs.swift) make bit-identical values;
float32 inputs are the float64 values rounded to nearest, on both sides.
"""

import numpy as np


def det(shape, seed, lo=-1.0, hi=1.0, dtype=np.float64):
    """Deterministic values of `shape` in [lo, hi) (seed selects a different sequence)."""
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.int64)
    u = ((i * 7919 + seed * 104729) % 10007) / 10007.0
    return (lo + (hi - lo) * u).reshape(shape).astype(dtype)
