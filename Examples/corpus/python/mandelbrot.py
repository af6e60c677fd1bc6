"""npbench mandelbrot1 with real arithmetic (masked reads and writes of Z in a loop)."""
import numpy as np


def mandelbrot(xmin, xmax, ymin, ymax, xn, yn, maxiter, horizon=2.0):
    X = np.linspace(xmin, xmax, xn, dtype=np.float64)
    Y = np.linspace(ymin, ymax, yn, dtype=np.float64)
    Cr = X + np.zeros((yn, 1))
    Ci = Y[:, None] + np.zeros((1, xn))
    N = np.zeros(Cr.shape, dtype=np.int64)
    Zr = np.zeros(Cr.shape)
    Zi = np.zeros(Cr.shape)
    for n in range(maxiter):
        I = np.less(np.sqrt(Zr * Zr + Zi * Zi), horizon)
        N[I] = n
        zr, zi = Zr[I], Zi[I]
        Zr[I] = zr * zr - zi * zi + Cr[I]
        Zi[I] = 2 * zr * zi + Ci[I]
    N[N == maxiter - 1] = 0
    return Zr, Zi, N


def run(xn, yn, maxiter):
    Zr, Zi, N = mandelbrot(-2.25, 0.75, -1.25, 1.25, xn, yn, maxiter)
    return {"Zr": Zr, "Zi": Zi, "N": N}


ARGS = [37, 21, 20]
