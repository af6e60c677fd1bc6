"""npbench polybench cholesky and trisolv (loops of dots over growing slices, empty at i=0)."""
import numpy as np
from corpus_inputs import det


def cholesky(A):
    A[0, 0] = np.sqrt(A[0, 0])
    for i in range(1, A.shape[0]):
        for j in range(i):
            A[i, j] -= np.dot(A[i, :j], A[j, :j])
            A[i, j] /= A[j, j]
        A[i, i] -= np.dot(A[i, :i], A[i, :i])
        A[i, i] = np.sqrt(A[i, i])


def trisolv(L, x, b):
    for i in range(x.shape[0]):
        x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]


def run(n):
    M = det((n, n), 41, -1.0, 1.0)
    A = M @ M.T + n * np.eye(n)
    cholesky(A)
    L = np.tril(A)
    b = det((n,), 42, -1.0, 1.0)
    x = np.zeros(n)
    trisolv(L, x, b)
    return {"A": A, "x": x}


ARGS = [9]
