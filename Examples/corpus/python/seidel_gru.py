"""npbench polybench seidel_2d (element loops), and a GRU cell over a sequence (float64)."""
import numpy as np
from corpus_inputs import det


def seidel(TSTEPS, N, A):
    for t in range(0, TSTEPS - 1):
        for i in range(1, N - 1):
            A[i, 1:-1] += (A[i - 1, :-2] + A[i - 1, 1:-1] + A[i - 1, 2:] +
                           A[i, 2:] + A[i + 1, :-2] + A[i + 1, 1:-1] +
                           A[i + 1, 2:])
            for j in range(1, N - 1):
                A[i, j] += A[i, j - 1]
                A[i, j] /= 9.0


def gru(xs, h, Wz, Uz, Wr, Ur, Wh, Uh):
    sig = lambda a: 1.0 / (1.0 + np.exp(-a))
    for x in xs:
        z = sig(x @ Wz + h @ Uz)
        r = sig(x @ Wr + h @ Ur)
        hh = np.tanh(x @ Wh + (r * h) @ Uh)
        h = (1 - z) * h + z * hh
    return h


def run(n, tsteps, T, D, H):
    A = det((n, n), 91, 0.0, 1.0)
    seidel(tsteps, n, A)
    xs = det((T, 2, D), 92)
    h = np.zeros((2, H))
    Ws = [det(s, 93 + i, -0.5, 0.5) for i, s in enumerate([(D, H), (H, H)] * 3)]
    hT = gru(xs, h, *Ws)
    return {"A": A, "h": hT}


ARGS = [7, 3, 4, 3, 5]
