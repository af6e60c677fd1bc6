"""Softmax cross-entropy loss and its gradient with one-hot labels by comparison (CS231n softmax_loss)."""
import numpy as np
from corpus_inputs import det


def softmax_loss(x, y):
    shifted = x - np.max(x, axis=1, keepdims=True)
    Z = np.sum(np.exp(shifted), axis=1, keepdims=True)
    log_probs = shifted - np.log(Z)
    probs = np.exp(log_probs)
    N = x.shape[0]
    onehot = y[:, None] == np.arange(x.shape[1])[None, :]
    loss = -np.sum(np.where(onehot, log_probs, 0.0)) / N
    picked = np.take_along_axis(log_probs, y[:, None], axis=1)
    dx = probs.copy()
    dx[onehot] -= 1
    dx /= N
    acc = np.mean(np.argmax(x, axis=1) == y)
    return loss, -picked.mean(), dx, acc


def run(n, c):
    x = det((n, c), 121, -4.0, 4.0)
    y = det((n,), 122, 0.0, float(c)).astype(np.int64)
    loss, loss2, dx, acc = softmax_loss(x, y)
    return {"loss": loss, "loss2": loss2, "dx": dx, "acc": acc}


ARGS = [64, 10]
