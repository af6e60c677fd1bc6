"""One Lloyd iteration of k-means: argmin assignment, one-hot by comparison, centroid update."""
import numpy as np
from corpus_inputs import det


def kmeans_step(X, C):
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    labels = np.argmin(d2, axis=1)
    onehot = (labels[:, None] == np.arange(C.shape[0])).astype(X.dtype)
    counts = onehot.sum(axis=0)
    sums = onehot.T @ X
    newC = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], C)
    inertia = np.min(d2, axis=1).sum()
    shift = np.linalg.norm(newC - C, axis=1)
    return labels, newC, inertia, shift


def run(n, d, k):
    X = det((n, d), 91, -5.0, 5.0)
    C = X[:k].copy() + 0.5
    labels, newC, inertia, shift = kmeans_step(X, C)
    return {"labels": labels, "centroids": newC, "inertia": inertia, "shift": shift}


ARGS = [200, 4, 6]
