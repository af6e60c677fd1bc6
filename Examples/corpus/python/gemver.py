"""gemver (npbench polybench/gemver) plus atax, bicg, mvt, gesummv (polybench)."""
import numpy as np
from corpus_inputs import det


def gemver(alpha, beta, A, u1, v1, u2, v2, w, x, y, z):
    A += np.outer(u1, v1) + np.outer(u2, v2)
    x += beta * y @ A + z
    w += alpha * A @ x


def atax(A, x):
    return (A @ x) @ A


def bicg(A, p, r):
    return r @ A, A @ p


def mvt(x1, x2, y_1, y_2, A):
    x1 += A @ y_1
    x2 += y_2 @ A


def gesummv(alpha, beta, A, B, x):
    return alpha * A @ x + beta * B @ x


def run(n):
    A = det((n, n), 51, 0.0, 1.0)
    u1 = det((n,), 52); v1 = det((n,), 53); u2 = det((n,), 54); v2 = det((n,), 55)
    w = det((n,), 56); x = det((n,), 57); y = det((n,), 58); z = det((n,), 59)
    gemver(1.5, 1.2, A, u1, v1, u2, v2, w, x, y, z)
    B = det((n, n), 60)
    at = atax(B, y)
    s, q = bicg(B, u1, v1)
    x1 = det((n,), 61); x2 = det((n,), 62)
    mvt(x1, x2, u2, v2, B)
    g = gesummv(1.5, 1.2, A, B, z)
    return {"A": A, "x": x, "w": w, "atax": at, "bicg_s": s, "bicg_q": q, "x1": x1, "x2": x2, "gesummv": g}


ARGS = [96]
