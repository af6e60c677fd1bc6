"""Log-likelihood of normal data (Examples/loglikelihood/main.swift) for the peers benchmark:
float64 input data, mean 0.1, sigma 1.1: sum(log(exp(-(data - mean)^2 / (2 sigma^2)) /
(sqrt(2 pi) sigma))). numexpr evaluates the whole sum."""

import math

import numexpr as ne
import numpy as np

MEAN, SIGMA = 0.1, 1.1
SCALE = math.sqrt(2 * math.pi) * SIGMA
DENOM = 2 * (SIGMA * SIGMA)


def numpy_version(inp, prm, args):
    s = (inp["data"] - MEAN) ** 2 / DENOM
    return {"result": np.log(np.exp(-s) / SCALE).sum()}


def numexpr_version(inp, prm, args):
    env = {"data": inp["data"], "mean": MEAN, "denom": DENOM, "scale": SCALE}
    return {"result": ne.evaluate("sum(log(exp(-((data - mean) ** 2 / denom)) / scale))", env)}


def jax_version(jnp, jax):
    @jax.jit
    def f(data):
        s = (data - MEAN) ** 2 / DENOM
        return jnp.log(jnp.exp(-s) / SCALE).sum()

    return lambda inp, prm, args: {"result": f(inp["data"])}
