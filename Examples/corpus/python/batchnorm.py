"""Batch normalisation forward and backward (CS231n batchnorm_forward / batchnorm_backward_alt)."""
import numpy as np
from corpus_inputs import det


def batchnorm_forward(x, gamma, beta, eps):
    mu = x.mean(axis=0)
    xmu = x - mu
    var = np.var(x, axis=0)
    sqrtvar = np.sqrt(var + eps)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    out = gamma * xhat + beta
    return out, (xhat, gamma, ivar)


def batchnorm_backward_alt(dout, cache):
    xhat, gamma, ivar = cache
    N = dout.shape[0]
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(xhat * dout, axis=0)
    dxhat = dout * gamma
    dx = ivar / N * (N * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0))
    return dx, dgamma, dbeta


def run(n, d):
    x = det((n, d), 101, -3.0, 5.0, dtype=np.float32)
    gamma = det((d,), 102, 0.5, 1.5, dtype=np.float32)
    beta = det((d,), 103, dtype=np.float32)
    dout = det((n, d), 104, dtype=np.float32)
    out, cache = batchnorm_forward(x, gamma, beta, 1e-5)
    dx, dgamma, dbeta = batchnorm_backward_alt(dout, cache)
    return {"out": out, "dx": dx, "dgamma": dgamma, "dbeta": dbeta}


ARGS = [128, 32]
