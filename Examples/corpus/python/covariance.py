"""covariance: NumPy original of Examples/corpus/Covariance.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/polybench/covariance (PolyBench/C's
covariance): centre the columns, then fill the upper triangle and its mirror row by row.
Exercises: mean over axis 0, an in-place broadcast subtract, 1-D @ 2-D products of column views,
a chained assignment into a column and a row of the same matrix inside a loop.
"""

import numpy as np

from corpus_inputs import det


def kernel(M, float_n, data):

    mean = np.mean(data, axis=0)
    data -= mean
    cov = np.zeros((M, M), dtype=data.dtype)
    for i in range(M):
        cov[i:M, i] = cov[i, i:M] = data[:, i] @ data[:, i:M] / (float_n - 1.0)

    return cov


def run(n, m):
    data = det((n, m), 27, 0.0, 10.0)
    return {"cov": kernel(m, float(n), data)}


ARGS = [64, 16]
