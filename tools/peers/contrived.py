"""d x y z xx + yy / zz d 2 (Examples/contrived/main.swift) for the peers benchmark, seven inputs
of the trace's dtype; the 2 is a weak scalar, so the dtype is kept."""

import numexpr as ne

NAMES = ["d", "x", "y", "z", "xx", "yy", "zz"]


def numpy_version(inp, prm, args):
    d, x, y, z, xx, yy, zz = (inp[n] for n in NAMES)
    two = d.dtype.type(2)
    return {"result": d * x * y * z * xx + yy / zz * d * two}


def numexpr_version(inp, prm, args):
    env = {n: inp[n] for n in NAMES}
    env["two"] = inp["d"].dtype.type(2)
    return {"result": ne.evaluate("d * x * y * z * xx + yy / zz * d * two", env)}


def jax_version(jnp, jax):
    @jax.jit
    def f(d, x, y, z, xx, yy, zz):
        return d * x * y * z * xx + yy / zz * d * d.dtype.type(2)

    return lambda inp, prm, args: {"result": f(*(inp[n] for n in NAMES))}
