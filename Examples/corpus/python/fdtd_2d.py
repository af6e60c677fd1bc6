"""fdtd_2d: NumPy original of Examples/corpus/FDTD2D.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/polybench/fdtd_2d (PolyBench/C's
fdtd-2d): 2-D finite-difference time-domain electromagnetics, three staggered fields.
Exercises: a row set from a 0-d element of another array, -= through shifted views of three
arrays that depend on each other's updates within a step.
"""

import numpy as np

from corpus_inputs import det


def kernel(TMAX, ex, ey, hz, _fict_):

    for t in range(TMAX):
        ey[0, :] = _fict_[t]
        ey[1:, :] -= 0.5 * (hz[1:, :] - hz[:-1, :])
        ex[:, 1:] -= 0.5 * (hz[:, 1:] - hz[:, :-1])
        hz[:-1, :-1] -= 0.7 * (ex[:-1, 1:] - ex[:-1, :-1] + ey[1:, :-1] -
                               ey[:-1, :-1])


def run(nx, ny, tmax):
    ex = det((nx, ny), 28, 0.0, 1.0)
    ey = det((nx, ny), 29, 0.0, 1.0)
    hz = det((nx, ny), 30, 0.0, 1.0)
    fict = det((tmax,), 31, 0.0, 1.0)
    kernel(tmax, ex, ey, hz, fict)
    return {"ex": ex, "ey": ey, "hz": hz}


ARGS = [24, 32, 5]
