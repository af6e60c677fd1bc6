"""kmeans_distances: NumPy original of Examples/corpus/KMeansDistances.swift.

Source: scikit-learn (BSD-3-Clause), sklearn/metrics/pairwise.py, `euclidean_distances` for
dense float64 input (squared=True, no precomputed norms), and the inertia of k-means'
assignment step (sklearn/cluster/_kmeans.py sums each sample's smallest squared distance).
`row_norms(X, squared=True)` is `np.einsum("ij,ij->i", X, X)`; it is written here as the sum it
computes, since drc has no einsum.
Exercises: row norms, X @ Y.T, broadcasting a column and a row, in-place adds, maximum with
out=, a min reduction and a total.
"""

import numpy as np

from corpus_inputs import det


def row_norms(X, squared=False):
    norms = (X * X).sum(axis=1)
    if not squared:
        np.sqrt(norms, norms)
    return norms


def euclidean_distances(X, Y):
    XX = row_norms(X, squared=True)[:, np.newaxis]
    YY = row_norms(Y, squared=True)[np.newaxis, :]
    distances = -2 * X @ Y.T
    distances += XX
    distances += YY
    np.maximum(distances, 0, out=distances)
    return distances


def inertia(X, centers):
    distances = euclidean_distances(X, centers)
    return distances, distances.min(axis=1), distances.min(axis=1).sum()


def run(n, k, d):
    X = det((n, d), 25, -3.0, 3.0)
    centers = det((k, d), 26, -3.0, 3.0)
    distances, nearest, total = inertia(X, centers)
    return {"distances": distances, "nearest": nearest, "inertia": np.asarray(total)}


ARGS = [256, 16, 8]
