"""Harris corner response (Examples/harris/main.swift) for the peers benchmark: float64 image I,
forward differences dx, dy cropped to (n-1) x (n-1), response = det - 0.05 tr^2. numexpr takes
the elementwise part; the slices are NumPy views."""

import numexpr as ne


def _grads(I):
    dx = (I[1:, :] - I[:-1, :])[:, 1:]
    dy = (I[:, 1:] - I[:, :-1])[1:, :]
    return dx, dy


def numpy_version(inp, prm, args):
    dx, dy = _grads(inp["I"])
    A, B, C = dx * dx, dy * dy, dx * dy
    tr = A + B
    return {"response": A * B - C * C - 0.05 * tr * tr}


def numexpr_version(inp, prm, args):
    I = inp["I"]
    env = {"a": I[1:, 1:], "b": I[:-1, 1:], "c": I[1:, :-1]}
    expr = ("((a - b) * (a - b)) * ((a - c) * (a - c)) - ((a - b) * (a - c)) ** 2"
            " - 0.05 * ((a - b) * (a - b) + (a - c) * (a - c)) ** 2")
    return {"response": ne.evaluate(expr, env)}


def jax_version(jnp, jax):
    @jax.jit
    def f(I):
        dx, dy = _grads(I)
        A, B, C = dx * dx, dy * dy, dx * dy
        tr = A + B
        return A * B - C * C - 0.05 * tr * tr

    return lambda inp, prm, args: {"response": f(inp["I"])}
