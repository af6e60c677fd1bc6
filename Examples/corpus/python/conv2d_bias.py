"""conv2d_bias (npbench deep_learning/conv2d_bias)."""
import numpy as np
from corpus_inputs import det


def conv2d(input, weights):
    K = weights.shape[0]
    N = input.shape[0]
    H_out = input.shape[1] - K + 1
    W_out = input.shape[2] - K + 1
    C_out = weights.shape[3]
    output = np.empty((N, H_out, W_out, C_out), dtype=np.float32)
    for i in range(H_out):
        for j in range(W_out):
            output[:, i, j, :] = np.sum(
                input[:, i:i + K, j:j + K, :, np.newaxis] * weights[np.newaxis, :, :, :],
                axis=(1, 2, 3))
    return output


def conv2d_bias(input, weights, bias):
    return conv2d(input, weights) + bias


def run(n, w, c_in, c_out, k):
    input = det((n, w, w, c_in), 71, dtype=np.float32)
    weights = det((k, k, c_in, c_out), 72, dtype=np.float32)
    bias = det((c_out,), 73, dtype=np.float32)
    return {"out": conv2d_bias(input, weights, bias)}


ARGS = [4, 10, 3, 8, 3]
