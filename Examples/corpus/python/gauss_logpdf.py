"""Multivariate normal log-density by a linear solve and slogdet (scipy.stats.multivariate_normal.logpdf's math)."""
import numpy as np
from corpus_inputs import det


def logpdf(X, mean, cov):
    d = X.shape[1]
    diff = X - mean
    sol = np.linalg.solve(cov, diff.T)
    maha = np.sum(diff.T * sol, axis=0)
    sign, logdet = np.linalg.slogdet(cov)
    return -0.5 * (d * np.log(2 * np.pi) + logdet + maha)


def run(n, d):
    X = det((n, d), 131, -2.0, 2.0)
    mean = det((d,), 132, -0.5, 0.5)
    A = det((d, d), 133)
    cov = A @ A.T + d * np.eye(d)
    return {"logpdf": logpdf(X, mean, cov)}


ARGS = [50, 8]
