"""mlp: NumPy original of Examples/corpus/MLP.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/deep_learning/mlp: a 3-layer
perceptron in float32, relu, relu, softmax, written into a preallocated output.
Exercises: float32 matrix products with bias broadcasting, maximum, softmax, output[:, :] = ...
"""

import numpy as np

from corpus_inputs import det


def relu(x):
    return np.maximum(x, 0)


# Numerically-stable version of softmax
def softmax(x):
    tmp_max = np.max(x, axis=-1, keepdims=True)
    tmp_out = np.exp(x - tmp_max)
    tmp_sum = np.sum(tmp_out, axis=-1, keepdims=True)
    return tmp_out / tmp_sum


# 3-layer MLP
def mlp(input, w1, b1, w2, b2, w3, b3, output):
    x = relu(input @ w1 + b1)
    x = relu(x @ w2 + b2)
    output[:, :] = softmax(x @ w3 + b3)  # Softmax call can be omitted if necessary


def run(n, c_in, s0, s1, s2):
    f32 = np.float32
    input = det((n, c_in), 6, -1.0, 1.0, f32)
    w1 = det((c_in, s0), 7, -0.5, 0.5, f32)
    b1 = det((s0,), 8, -0.5, 0.5, f32)
    w2 = det((s0, s1), 9, -0.1, 0.1, f32)
    b2 = det((s1,), 10, -0.5, 0.5, f32)
    w3 = det((s1, s2), 11, -0.1, 0.1, f32)
    b3 = det((s2,), 12, -0.5, 0.5, f32)
    output = np.zeros((n, s2), dtype=f32)
    mlp(input, w1, b1, w2, b2, w3, b3, output)
    return {"output": output}


ARGS = [8, 3, 256, 128, 64]
