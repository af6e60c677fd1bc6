"""nbody: NumPy original of Examples/corpus/NBody.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/nbody, `getAcc`, from Philip Mocz's
"Create Your Own N-body Simulation (With Python)" (GPL-3.0 original; the formula is textbook
softened Newtonian gravity): accelerations of N particles from all pairwise distances.
Exercises: column slices, x.T - x broadcasting to N x N, a masked in-place power, matrix-vector
products, hstack.
"""

import numpy as np

from corpus_inputs import det


def getAcc(pos, mass, G, softening):
    # positions r = [x,y,z] for all particles
    x = pos[:, 0:1]
    y = pos[:, 1:2]
    z = pos[:, 2:3]

    # matrix that stores all pairwise particle separations: r_j - r_i
    dx = x.T - x
    dy = y.T - y
    dz = z.T - z

    # matrix that stores 1/r^3 for all particle pairwise particle separations
    inv_r3 = (dx**2 + dy**2 + dz**2 + softening**2)
    inv_r3[inv_r3 > 0] = inv_r3[inv_r3 > 0]**(-1.5)

    ax = G * (dx * inv_r3) @ mass
    ay = G * (dy * inv_r3) @ mass
    az = G * (dz * inv_r3) @ mass

    # pack together the acceleration components
    a = np.hstack((ax, ay, az))

    return a


def run(n):
    pos = det((n, 3), 23, -1.0, 1.0)
    mass = det((n, 1), 24, 0.5, 1.5) / n
    return {"a": getAcc(pos, mass, 1.0, 0.1)}


ARGS = [128]
