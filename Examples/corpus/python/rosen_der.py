"""rosen_der: NumPy original of Examples/corpus/RosenDer.swift.

Source: SciPy, scipy/optimize/_optimize.py, `rosen_der` (gradient of the Rosenbrock function,
BSD-3-Clause).
Exercises: three shifted slices, zeros_like, writes into a slice and into single elements.
"""

import numpy as np

from corpus_inputs import det


def rosen_der(x):
    x = np.asarray(x)
    xm = x[1:-1]
    xm_m1 = x[:-2]
    xm_p1 = x[2:]
    der = np.zeros_like(x)
    der[1:-1] = (200 * (xm - xm_m1**2) -
                 400 * (xm_p1 - xm**2) * xm - 2 * (1 - xm))
    der[0] = -400 * x[0] * (x[1] - x[0]**2) - 2 * (1 - x[0])
    der[-1] = 200 * (x[-1] - x[-2]**2)
    return der


def run(n):
    x = det((n,), 3, -2.0, 2.0)
    return {"der": rosen_der(x)}


ARGS = [1000]
