"""attention: NumPy original of Examples/corpus/Attention.swift.

Source: picoGPT (jaymody/picoGPT, MIT), gpt2.py, `softmax`, `attention` and the causal mask of
`mha`: scaled dot-product attention of one head with a causal mask, in float64 (the
`np.sqrt(q.shape[-1])` scalar is a NumPy float64).
Exercises: q @ k.T, np.tri, a -1e10 mask, softmax over the last axis, a second product.
"""

import numpy as np

from corpus_inputs import det


def softmax(x):
    exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)


def attention(q, k, v, mask):  # [n_q, d_k], [n_k, d_k], [n_k, d_v], [n_q, n_k] -> [n_q, d_v]
    return softmax(q @ k.T / np.sqrt(q.shape[-1]) + mask) @ v


def run(n_seq, d):
    q = det((n_seq, d), 40, -2.0, 2.0)
    k = det((n_seq, d), 41, -2.0, 2.0)
    v = det((n_seq, d), 42, -2.0, 2.0)
    # causal mask to hide future inputs from being attended to
    causal_mask = (1 - np.tri(n_seq, dtype=q.dtype)) * -1e10  # [n_seq, n_seq]
    return {"out": attention(q, k, v, causal_mask)}


ARGS = [32, 16]
