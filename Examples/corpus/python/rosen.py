"""rosen: NumPy original of Examples/corpus/Rosen.swift.

Source: SciPy, scipy/optimize/_optimize.py, `rosen` (the Rosenbrock function, BSD-3-Clause),
applied to a 2-D array so that axis 0 gives one value per column, as SciPy documents.
Exercises: overlapping slices x[1:] and x[:-1], ** 2.0, a column reduction.
"""

import numpy as np

from corpus_inputs import det


def rosen(x):
    x = np.asarray(x)
    r = np.sum(100.0 * (x[1:] - x[:-1]**2.0)**2.0 + (1 - x[:-1])**2.0,
               axis=0)
    return r


def run(n, m):
    x = det((n, m), 2, -2.0, 2.0)
    return {"r": rosen(x)}


ARGS = [300, 16]
