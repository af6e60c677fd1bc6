"""sin(d)^2 + cos(d)^2 (Examples/sincos/main.swift) for the peers benchmark, in the dtype of the
trace's input d (float32 or float64)."""

import numexpr as ne
import numpy as np


def numpy_version(inp, prm, args):
    d = inp["d"]
    return {"result": np.sin(d) ** 2 + np.cos(d) ** 2}


def numexpr_version(inp, prm, args):
    return {"result": ne.evaluate("sin(d) ** 2 + cos(d) ** 2", {"d": inp["d"]})}


def jax_version(jnp, jax):
    f = jax.jit(lambda d: jnp.sin(d) ** 2 + jnp.cos(d) ** 2)
    return lambda inp, prm, args: {"result": f(inp["d"])}
