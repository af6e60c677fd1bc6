"""heat_3d: NumPy original of Examples/corpus/Heat3D.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/polybench/heat_3d (PolyBench/C's
heat-3d): explicit heat equation steps on a 3-D grid, ping-ponging between A and B.
Exercises: 3-D interior updates, seven shifted slices, repeated subexpressions.
"""

import numpy as np

from corpus_inputs import det


def kernel(TSTEPS, A, B):

    for t in range(1, TSTEPS):
        B[1:-1, 1:-1,
          1:-1] = (0.125 * (A[2:, 1:-1, 1:-1] - 2.0 * A[1:-1, 1:-1, 1:-1] +
                            A[:-2, 1:-1, 1:-1]) + 0.125 *
                   (A[1:-1, 2:, 1:-1] - 2.0 * A[1:-1, 1:-1, 1:-1] +
                    A[1:-1, :-2, 1:-1]) + 0.125 *
                   (A[1:-1, 1:-1, 2:] - 2.0 * A[1:-1, 1:-1, 1:-1] +
                    A[1:-1, 1:-1, 0:-2]) + A[1:-1, 1:-1, 1:-1])
        A[1:-1, 1:-1,
          1:-1] = (0.125 * (B[2:, 1:-1, 1:-1] - 2.0 * B[1:-1, 1:-1, 1:-1] +
                            B[:-2, 1:-1, 1:-1]) + 0.125 *
                   (B[1:-1, 2:, 1:-1] - 2.0 * B[1:-1, 1:-1, 1:-1] +
                    B[1:-1, :-2, 1:-1]) + 0.125 *
                   (B[1:-1, 1:-1, 2:] - 2.0 * B[1:-1, 1:-1, 1:-1] +
                    B[1:-1, 1:-1, 0:-2]) + B[1:-1, 1:-1, 1:-1])


def run(n, tsteps):
    A = det((n, n, n), 19, 0.0, 1.0)
    B = det((n, n, n), 20, 0.0, 1.0)
    kernel(tsteps, A, B)
    return {"A": A, "B": B}


ARGS = [12, 4]
