"""jacobi_2d: NumPy original of Examples/corpus/Jacobi2D.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/polybench/jacobi_2d (PolyBench/C's
jacobi-2d): a five-point stencil ping-ponging between A and B.
Exercises: 2-D interior updates through views, five shifted slices, a time loop.
"""

import numpy as np

from corpus_inputs import det


def kernel(TSTEPS, A, B):

    for t in range(1, TSTEPS):
        B[1:-1, 1:-1] = 0.2 * (A[1:-1, 1:-1] + A[1:-1, :-2] + A[1:-1, 2:] +
                               A[2:, 1:-1] + A[:-2, 1:-1])
        A[1:-1, 1:-1] = 0.2 * (B[1:-1, 1:-1] + B[1:-1, :-2] + B[1:-1, 2:] +
                               B[2:, 1:-1] + B[:-2, 1:-1])


def run(n, tsteps):
    A = det((n, n), 17, 0.0, 1.0)
    B = det((n, n), 18, 0.0, 1.0)
    kernel(tsteps, A, B)
    return {"A": A, "B": B}


ARGS = [40, 6]
