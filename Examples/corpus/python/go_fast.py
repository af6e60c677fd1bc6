"""go_fast: NumPy original of Examples/corpus/GoFast.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/go_fast, itself the example of Numba's
"A ~5 minute guide to Numba": add the sum of tanh over the diagonal to every element.
Exercises: a Python loop over 0-d element views, scalar accumulation, broadcasting a 0-d array.
"""

import numpy as np

from corpus_inputs import det


def go_fast(a):
    trace = 0.0
    for i in range(a.shape[0]):
        trace += np.tanh(a[i, i])
    return a + trace


def run(n):
    a = det((n, n), 1, -2.0, 2.0)
    return {"out": go_fast(a)}


ARGS = [48]
