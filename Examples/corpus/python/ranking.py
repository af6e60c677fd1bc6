"""Ranking and counting: top-k accuracy by argsort, ranks by argsort of argsort, unique counts, histogram, bincount."""
import numpy as np
from corpus_inputs import det


def run(n, c, k):
    scores = det((n, c), 151)
    y = det((n,), 152, 0.0, float(c)).astype(np.int64)
    topk = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    topk_acc = np.mean(np.any(topk == y[:, None], axis=1))
    ranks = np.argsort(np.argsort(scores[:, 0], kind="stable"), kind="stable")
    values, counts = np.unique(y, return_counts=True)
    hist, edges = np.histogram(scores[:, 1], bins=8)
    bc = np.bincount(y, minlength=c)
    med = np.median(scores, axis=0)
    above = scores[scores[:, 2] > med[2]]
    return {"topk": topk, "topk_acc": topk_acc, "ranks": ranks, "values": values, "counts": counts,
            "hist": hist, "edges": edges, "bc": bc, "above_mean": above.mean(axis=0)}


ARGS = [96, 7, 3]
