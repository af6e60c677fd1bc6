"""Descriptive statistics along axes (mean, var, std with ddof, z-scores, ptp, median, percentiles,
running maxima and minima)."""
import numpy as np
from corpus_inputs import det


def describe(x):
    m0 = x.mean(axis=0)
    v1 = x.var(axis=1, ddof=1)
    s0 = x.std(axis=0, ddof=1)
    z = (x - m0) / s0
    zmax = np.abs(z).max(axis=1)
    r = np.ptp(x, axis=0)
    med = np.median(x, axis=1)
    q = np.percentile(x, 90, axis=0)
    total_std = np.std(x)
    frac = (np.abs(z) > 1.0).mean(axis=0)
    cs = np.cumsum(x, axis=1)[:, -1]
    # The largest drawdown of each column read as a series: 1 - x / running maximum.
    drawdown = (1.0 - x / np.maximum.accumulate(x, axis=0)).max(axis=0)
    low = np.minimum.accumulate(x, axis=1)[:, -1]
    return {"m0": m0, "v1": v1, "s0": s0, "zmax": zmax, "ptp": r, "median": med,
            "p90": q, "std": total_std, "frac": frac, "cs": cs, "drawdown": drawdown, "low": low}


def run(n, d):
    x = det((n, d), 111, -2.0, 7.0) ** 2
    return describe(x)


ARGS = [100, 24]
