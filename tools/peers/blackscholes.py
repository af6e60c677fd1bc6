"""Black-Scholes call and put prices (Examples/blackscholes/main.swift) for the peers benchmark:
float32 throughout, inputs S, K, T and parameters r, v from the trace, N(x) = (1 + erf(x /
sqrt(2))) / 2. Neither NumPy nor numexpr has erf: both use SciPy's (installed with JAX), numexpr
computing everything else."""

import numpy as np
import numexpr as ne
from scipy.special import erf

F = np.float32
SQRT2 = F(np.sqrt(2.0))


def _n(x):
    return (F(1) + erf(x / SQRT2)) / F(2)


def numpy_version(inp, prm, args):
    S, K, T, r, v = inp["S"], inp["K"], inp["T"], F(prm["r"]), F(prm["v"])
    d1 = (np.log(S / K) + (r + v * v / F(2)) * T) / (v * np.sqrt(T))
    d2 = d1 - v * np.sqrt(T)
    disc = K * np.exp(-r * T)
    return {"call": S * _n(d1) - disc * _n(d2), "put": disc * _n(-d2) - S * _n(-d1)}


def numexpr_version(inp, prm, args):
    env = dict(S=inp["S"], K=inp["K"], T=inp["T"], r=F(prm["r"]), v=F(prm["v"]), two=F(2),
               one=F(1), sqrt2=SQRT2)
    d1 = ne.evaluate("(log(S / K) + (r + v * v / two) * T) / (v * sqrt(T))", env)
    env["d1"] = d1
    d2 = ne.evaluate("d1 - v * sqrt(T)", env)
    env.update(d2=d2, e1=erf(d1 / SQRT2), e2=erf(d2 / SQRT2))
    call = ne.evaluate("S * ((one + e1) / two) - K * exp(-r * T) * ((one + e2) / two)", env)
    put = ne.evaluate("K * exp(-r * T) * ((one - e2) / two) - S * ((one - e1) / two)", env)
    return {"call": call, "put": put}


def jax_version(jnp, jax):
    from jax.scipy.special import erf as jerf

    def n(x):
        return (F(1) + jerf(x / SQRT2)) / F(2)

    @jax.jit
    def f(S, K, T, r, v):
        d1 = (jnp.log(S / K) + (r + v * v / F(2)) * T) / (v * jnp.sqrt(T))
        d2 = d1 - v * jnp.sqrt(T)
        disc = K * jnp.exp(-r * T)
        return {"call": S * n(d1) - disc * n(d2), "put": disc * n(-d2) - S * n(-d1)}

    return lambda inp, prm, args: f(inp["S"], inp["K"], inp["T"], F(prm["r"]), F(prm["v"]))
