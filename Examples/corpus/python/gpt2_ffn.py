"""gpt2_ffn: NumPy original of Examples/corpus/GPT2FFN.swift.

Source: picoGPT (jaymody/picoGPT, MIT), gpt2.py, `gelu`, `linear` and `ffn`: GPT-2's
position-wise feed-forward block, with the tanh approximation of GELU. float64: in picoGPT
`np.sqrt(2 / np.pi)` is a NumPy float64 scalar, which under NumPy 2 promotes the block to float64.
Exercises: two matrix products with bias broadcasting, x**3, tanh, a long elementwise tail.
"""

import numpy as np

from corpus_inputs import det


def gelu(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))


def linear(x, w, b):  # [m, in], [in, out], [out] -> [m, out]
    return x @ w + b


def ffn(x, c_fc, c_proj):  # [n_seq, n_embd] -> [n_seq, n_embd]
    # project up
    a = gelu(linear(x, **c_fc))  # [n_seq, n_embd] -> [n_seq, 4*n_embd]

    # project back down
    x = linear(a, **c_proj)  # [n_seq, 4*n_embd] -> [n_seq, n_embd]

    return x


def run(n_seq, n_embd):
    x = det((n_seq, n_embd), 32, -2.0, 2.0)
    c_fc = {"w": det((n_embd, 4 * n_embd), 33, -0.3, 0.3),
            "b": det((4 * n_embd,), 34, -0.1, 0.1)}
    c_proj = {"w": det((4 * n_embd, n_embd), 35, -0.3, 0.3),
              "b": det((n_embd,), 36, -0.1, 0.1)}
    return {"out": ffn(x, c_fc, c_proj)}


ARGS = [16, 32]
