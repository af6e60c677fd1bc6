"""Pairwise cosine similarity and nearest neighbours (sklearn.metrics.pairwise.cosine_similarity style)."""
import numpy as np
from corpus_inputs import det


def cosine_similarity(X, Y):
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    Yn = Y / np.linalg.norm(Y, axis=1, keepdims=True)
    return Xn @ Yn.T


def run(n, m, d):
    X = det((n, d), 61, -1.0, 1.0)
    Y = det((m, d), 62, -1.0, 1.0)
    S = cosine_similarity(X, Y)
    nn = np.argmax(S, axis=1)
    best = S[np.arange(n), nn]
    Sxx = cosine_similarity(X, X)
    np.fill_diagonal(Sxx, -np.inf)
    self_nn = Sxx.argmax(axis=1)
    top3 = np.argsort(-S, axis=1, kind="stable")[:, :3]
    return {"S": S, "nn": nn, "best": best, "self_nn": self_nn, "top3": top3}


ARGS = [7, 33, 5]
