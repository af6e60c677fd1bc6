"""compute (npbench compute, Cython's tutorial): np.clip and arithmetic on int64."""
import numpy as np
from corpus_inputs import det


def compute(array_1, array_2, a, b, c):
    return np.clip(array_1, 2, 10) * a + array_2 * b + c


def run(m, n):
    array_1 = det((m, n), 41, 0.0, 16.0).astype(np.int64)
    array_2 = det((m, n), 42, 0.0, 16.0).astype(np.int64)
    return {"out": compute(array_1, array_2, 4, 3, 9)}


ARGS = [64, 96]
