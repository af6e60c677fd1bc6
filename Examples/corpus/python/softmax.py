"""softmax: NumPy original of Examples/corpus/Softmax.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/deep_learning/softmax: the numerically
stable softmax over the last axis of a 4-D float32 tensor (batch, heads, rows, columns).
Exercises: float32, max and sum over axis -1 with keepdims, broadcasting back.
"""

import numpy as np

from corpus_inputs import det


# Numerically-stable version of softmax
def softmax(x):
    tmp_max = np.max(x, axis=-1, keepdims=True)
    tmp_out = np.exp(x - tmp_max)
    tmp_sum = np.sum(tmp_out, axis=-1, keepdims=True)
    return tmp_out / tmp_sum


def run(n, h, sm):
    x = det((n, h, sm, sm), 5, 0.0, 1.0, np.float32)
    return {"out": softmax(x)}


ARGS = [2, 4, 32]
