"""LLaMA-style RMSNorm and rotary embeddings, GELU (tanh form), Huber / smooth-L1 loss; float32."""
import math

import numpy as np
from corpus_inputs import det


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt(np.mean(x ** 2, axis=-1, keepdims=True) + eps) * weight


def rotary(x, base=10000.0):
    T, D = x.shape[-2], x.shape[-1]
    inv_freq = 1.0 / (base ** (np.arange(0, D, 2, dtype=np.float32) / D))
    t = np.arange(T, dtype=np.float32)
    freqs = np.outer(t, inv_freq)
    cos, sin = np.cos(freqs), np.sin(freqs)
    x1 = x[..., ::2]
    x2 = x[..., 1::2]
    out = np.stack([x1 * cos - x2 * sin, x1 * sin + x2 * cos], axis=-1)
    return out.reshape(x.shape)


def gelu(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) *  # original: np.sqrt(2 / np.pi), a strong np.float64 that makes float32 x float64 (NEP 50)
                                (x + 0.044715 * x ** 3)))


def huber(pred, target, delta=1.0):
    err = pred - target
    a = np.abs(err)
    return np.where(a <= delta, 0.5 * err ** 2, delta * (a - 0.5 * delta))


def run(h, T, D):
    x = det((h, T, D), 71, -2.0, 2.0, np.float32)
    w = det((D,), 72, 0.5, 1.5, np.float32)
    y = rms_norm(x, w)
    r = rotary(y)
    g = gelu(r)
    target = det((h, T, D), 73, -1.0, 1.0, np.float32)
    loss = huber(g, target).mean()
    return {"rms": y, "rope": r, "gelu": g, "loss": loss}


ARGS = [2, 5, 8]
