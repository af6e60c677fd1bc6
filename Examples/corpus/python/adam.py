"""Adam optimizer (Kingma & Ba; PyTorch/optax-style NumPy), float32 params, python float hyperparameters,
minimising a least-squares loss 0.5*||A w - b||^2 / n for a few steps."""
import numpy as np
from corpus_inputs import det


def adam_step(w, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v


def run(n, d, steps):
    A = det((n, d), 3, -1.0, 1.0, np.float32)
    b = det((n,), 4, -1.0, 1.0, np.float32)
    w = np.zeros(d, dtype=np.float32)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    losses = np.zeros(steps, dtype=np.float32)
    for t in range(1, steps + 1):
        r = A @ w - b
        losses[t - 1] = 0.5 * np.mean(r ** 2)
        g = A.T @ r / n
        w, m, v = adam_step(w, g, m, v, t, lr=0.05)
    return {"w": w, "m": m, "v": v, "losses": losses}


ARGS = [33, 7, 10]
