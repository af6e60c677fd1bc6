"""Jacobi iteration (Examples/jacobi/main.swift) for the peers benchmark: float64 A (the saved
uniform matrix) plus n on the diagonal, b, x from zeros, `iterations` times x = (b - R x) / D
with D = diag(A), R = A - diag(D). Building A, D and R is timed too, as drc's plan does it.
numexpr has no matrix product: its version is NumPy's (reported as NumPy's time)."""

import numpy as np


def _iterations(args):
    return int(args[1]) if len(args) > 1 else 25


def numpy_version(inp, prm, args):
    n = inp["b"].shape[0]
    A = inp["A"] + np.diagflat(np.full(n, float(n)))
    D = np.diag(A)
    R = A - np.diagflat(D)
    x = np.zeros(n)
    for _ in range(_iterations(args)):
        x = (inp["b"] - R @ x) / D
    return {"x": x}


numexpr_version = None


def jax_version(jnp, jax):
    def make(iterations):
        @jax.jit
        def f(A0, b):
            n = b.shape[0]
            A = A0 + jnp.diagflat(jnp.full(n, float(n)))
            D = jnp.diag(A)
            R = A - jnp.diagflat(D)
            body = lambda _, x: (b - R @ x) / D
            return jax.lax.fori_loop(0, iterations, body, jnp.zeros(n, dtype=b.dtype))

        return f

    cache = {}

    def run(inp, prm, args=("", "25")):
        it = _iterations(args)
        if it not in cache:
            cache[it] = make(it)
        return {"x": cache[it](inp["A"], inp["b"])}

    return run
