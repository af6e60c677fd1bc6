"""Least-squares line fit (Examples/lstsqr/main.swift) for the peers benchmark: float64 x and
noise from the trace, y = 3 x + 2 + noise, slope = sum(dx dy) / sum(dx^2), intercept =
mean(y) - slope mean(x). numexpr evaluates y and the two sums."""

import numexpr as ne
import numpy as np


def numpy_version(inp, prm, args):
    x = inp["x"]
    y = 3 * x + 2 + inp["noise"]
    xa, ya = x.mean(), y.mean()
    dx, dy = x - xa, y - ya
    slope = (dx * dy).sum() / (dx ** 2).sum()
    return {"slope": np.asarray(slope), "intercept": np.asarray(ya - slope * xa)}


def numexpr_version(inp, prm, args):
    x = inp["x"]
    y = ne.evaluate("3 * x + 2 + noise", {"x": x, "noise": inp["noise"]})
    xa, ya = x.mean(), y.mean()
    env = {"x": x, "y": y, "xa": xa, "ya": ya}
    slope = ne.evaluate("sum((x - xa) * (y - ya))", env) / ne.evaluate("sum((x - xa) ** 2)", env)
    return {"slope": np.asarray(slope), "intercept": np.asarray(ya - slope * xa)}


def jax_version(jnp, jax):
    @jax.jit
    def f(x, noise):
        y = 3 * x + 2 + noise
        xa, ya = x.mean(), y.mean()
        dx, dy = x - xa, y - ya
        slope = (dx * dy).sum() / (dx ** 2).sum()
        return {"slope": slope, "intercept": ya - slope * xa}

    return lambda inp, prm, args: f(inp["x"], inp["noise"])
