"""polybench lu and syrk (npbench), in-place triangular loops."""
import numpy as np
from corpus_inputs import det


def lu(A):
    for i in range(A.shape[0]):
        for j in range(i):
            A[i, j] -= A[i, :j] @ A[:j, j]
            A[i, j] /= A[j, j]
        for j in range(i, A.shape[0]):
            A[i, j] -= A[i, :i] @ A[:i, j]


def syrk(alpha, beta, C, A):
    for i in range(A.shape[0]):
        C[i, :i + 1] *= beta
        for k in range(A.shape[1]):
            C[i, :i + 1] += alpha * A[i, k] * A[:i + 1, k]


def run(n, m):
    M = det((n, n), 171)
    A = M @ M.T + n * np.eye(n)
    lu(A)
    C = det((n, n), 172)
    B = det((n, m), 173)
    syrk(1.5, 1.2, C, B)
    return {"lu": A, "syrk": C}


ARGS = [16, 6]
