"""logsumexp: NumPy original of Examples/corpus/LogSumExp.swift.

Source: SciPy, scipy/special/_logsumexp.py, `logsumexp` as of SciPy 1.11-1.14 (BSD-3-Clause),
the path without `b` and `return_sign`.
Exercises: max with keepdims, a masked write (~isfinite) into the reduction, exp of a broadcast
difference, log of a sum, squeeze, in-place add; one row is all -inf (the result is -inf).
"""

import numpy as np

from corpus_inputs import det


def logsumexp(a, axis=None, keepdims=False):
    a_max = np.amax(a, axis=axis, keepdims=True)

    if a_max.ndim > 0:
        a_max[~np.isfinite(a_max)] = 0
    elif not np.isfinite(a_max):
        a_max = 0

    tmp = np.exp(a - a_max)

    # suppress warnings about log of zero
    with np.errstate(divide='ignore'):
        s = np.sum(tmp, axis=axis, keepdims=keepdims)
        out = np.log(s)

    if not keepdims:
        a_max = np.squeeze(a_max, axis=axis)
    out += a_max
    return out


def run(rows, cols):
    a = det((rows, cols), 4, -60.0, 40.0)
    a[3, :] = -np.inf
    return {"out": logsumexp(a, axis=1)}


ARGS = [64, 100]
