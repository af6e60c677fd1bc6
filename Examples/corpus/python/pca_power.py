"""Top principal component by power iteration on the covariance matrix, with deflation for the second;
loops until the update's norm is below tol (read on the host)."""
import numpy as np
from corpus_inputs import det


def power_iteration(C, tol=1e-10, max_iter=500):
    v = np.ones(C.shape[0]) / np.sqrt(C.shape[0])
    lam = 0.0
    for it in range(max_iter):
        w = C @ v
        w /= np.linalg.norm(w)
        if np.linalg.norm(w - v) < tol:
            v = w
            break
        v = w
    lam = v @ C @ v
    return lam, v, it


def run(n, d):
    X = det((n, d), 31, -1.0, 1.0)
    X[:, 0] *= 3.0
    X[:, 1] += 0.5 * X[:, 0]
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (n - 1)
    lam1, v1, it1 = power_iteration(C)
    C2 = C - lam1 * np.outer(v1, v1)
    lam2, v2, it2 = power_iteration(C2)
    proj = Xc @ np.stack([v1, v2], axis=1)
    return {"lam": np.array([lam1, lam2]), "v1": v1, "v2": v2, "proj": proj,
            "iters": np.array([it1, it2])}


ARGS = [200, 6]
