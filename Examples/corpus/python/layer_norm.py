"""layer_norm: NumPy original of Examples/corpus/LayerNorm.swift.

Source: picoGPT (jaymody/picoGPT, MIT), gpt2.py, `layer_norm`: normalise each row to zero mean
and unit variance, then scale and shift, in float32 (every scalar is a weak Python float).
Exercises: float32 mean and var over axis -1 with keepdims, sqrt, per-column gain and bias.
"""

import numpy as np

from corpus_inputs import det


def layer_norm(x, g, b, eps: float = 1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    variance = np.var(x, axis=-1, keepdims=True)
    x = (x - mean) / np.sqrt(variance + eps)  # normalize x to have mean=0 and var=1 over last axis
    return g * x + b  # scale and offset with gamma/beta params


def run(n_seq, n_embd):
    x = det((n_seq, n_embd), 37, -3.0, 5.0, np.float32)
    g = det((n_embd,), 38, 0.5, 1.5, np.float32)
    b = det((n_embd,), 39, -0.5, 0.5, np.float32)
    return {"out": layer_norm(x, g, b)}


ARGS = [64, 128]
