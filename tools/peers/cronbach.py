"""Cronbach's alpha (Examples/cronbach/main.swift) for the peers benchmark: float64 scores X
[n, n]; item variances over axis 0 and the variance of the row sums, both with ddof 1. numexpr
has no axis reductions: its version is NumPy's (reported as NumPy's time)."""

import numpy as np


def numpy_version(inp, prm, args):
    X = inp["X"]
    k = float(X.shape[1])
    itemvars = X.var(axis=0, ddof=1)
    tscores = X.sum(axis=1)
    return {"alpha": np.asarray(k / (k - 1) * (1 - itemvars.sum() / tscores.var(ddof=1)))}


numexpr_version = None


def jax_version(jnp, jax):
    @jax.jit
    def f(X):
        k = float(X.shape[1])
        itemvars = X.var(axis=0, ddof=1)
        tscores = X.sum(axis=1)
        return k / (k - 1) * (1 - itemvars.sum() / tscores.var(ddof=1))

    return lambda inp, prm, args: {"alpha": f(inp["X"])}
