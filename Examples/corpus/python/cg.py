"""Conjugate gradient (textbook / Wikipedia form) with a residual-norm stopping test, and power iteration."""
import numpy as np
from corpus_inputs import det


def conjugate_gradient(A, b, x, tol=1e-10, maxiter=200):
    r = b - A @ x
    p = r.copy()
    rsold = r @ r
    it = 0
    for it in range(maxiter):
        Ap = A @ p
        alpha = rsold / (p @ Ap)
        x = x + alpha * p
        r = r - alpha * Ap
        rsnew = r @ r
        if np.sqrt(rsnew) < tol:
            break
        p = r + (rsnew / rsold) * p
        rsold = rsnew
    return x, it


def power_iteration(A, v, iters):
    for _ in range(iters):
        w = A @ v
        v = w / np.linalg.norm(w)
    lam = v @ A @ v
    return v, lam


def run(n):
    M = det((n, n), 141)
    A = M @ M.T / n + np.eye(n)
    b = det((n,), 142)
    x, it = conjugate_gradient(A, b, np.zeros(n))
    v, lam = power_iteration(A, np.ones(n) / np.sqrt(n), 30)
    return {"x": x, "v": v, "lam": lam, "resid": np.linalg.norm(A @ x - b)}


ARGS = [64]

# Absolute bounds for the outputs an iterative solve leaves to rounding, instead of the corpus'
# 1e-12 normwise bound. Both implementations stop once ||r|| < 1e-10, and A = M M^T / n + I has
# every eigenvalue at least 1, so ||A^-1|| <= 1 and two stopped solutions differ by at most
# ||A^-1|| (||r1|| + ||r2||) < 2e-10 in the 2-norm (the updated residual drifts from b - A x by
# about n * eps * ||A|| ||x|| per iteration, under 1e-13 here); the true residual norms both
# lie in [0, 1e-10). v and lam take a fixed 30 iterations and keep the 1e-12 bound.
TOLERANCES = {"x": 2e-10, "resid": 1e-10}
