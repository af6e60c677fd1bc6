"""1-D heat equation (FTCS with Dirichlet ends) and 2-D wave equation with periodic np.roll Laplacian
and a leapfrog in time (textbook NumPy PDE codes)."""
import numpy as np
from corpus_inputs import det


def heat_1d(u, r, steps):
    for _ in range(steps):
        u[1:-1] = u[1:-1] + r * (u[2:] - 2 * u[1:-1] + u[:-2])
    return u


def wave_2d(u0, c, dt, dx, steps):
    u_prev = u0.copy()
    u = u0.copy()
    coef = (c * dt / dx) ** 2
    for _ in range(steps):
        lap = (np.roll(u, 1, axis=0) + np.roll(u, -1, axis=0) +
               np.roll(u, 1, axis=1) + np.roll(u, -1, axis=1) - 4 * u)
        u_next = 2 * u - u_prev + coef * lap
        u_prev, u = u, u_next
    return u, u_prev


def run(n, ny, nx, steps):
    x = np.linspace(0.0, 1.0, n)
    u = np.sin(np.pi * x) + 0.1 * det((n,), 51)
    u[0] = 0.0
    u[-1] = 0.0
    h = heat_1d(u, 0.4, steps)
    u0 = det((ny, nx), 52, 0.0, 1.0)
    w, wp = wave_2d(u0, 1.0, 0.1, 0.5, steps)
    energy = np.sum(w ** 2) + np.sum((w - wp) ** 2)
    return {"heat": h, "wave": w, "energy": energy}


ARGS = [101, 7, 33, 25]
