"""Logistic regression by batch gradient descent (the usual from-scratch NumPy tutorial), float64."""
import numpy as np
from corpus_inputs import det


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def log_loss(y, p):
    eps = 1e-15
    p = np.clip(p, eps, 1 - eps)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def fit(X, y, lr, iters):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for _ in range(iters):
        p = sigmoid(X @ w + b)
        losses.append(log_loss(y, p))
        dw = X.T @ (p - y) / n
        db = np.sum(p - y) / n
        w -= lr * dw
        b -= lr * db
    return w, b, np.array(losses)


def run(n, d, iters):
    X = det((n, d), 21, -2.0, 2.0)
    true_w = det((d,), 22, -1.0, 1.0)
    y = (X @ true_w > 0.1).astype(np.float64)
    w, b, losses = fit(X, y, 0.5, iters)
    pred = (sigmoid(X @ w + b) >= 0.5).astype(int)
    acc = np.mean(pred == y)
    return {"w": w, "b": np.float64(b), "losses": losses, "pred": pred, "acc": acc}


ARGS = [1000, 5, 20]
