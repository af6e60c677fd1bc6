"""arc_distance: NumPy original of Examples/corpus/ArcDistance.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/pythran/arc_distance, from the Pythran
benchmarks: great-circle distances between pairs of points given in radians.
Exercises: sin, cos, sqrt, arctan2 and ** 2 in one elementwise expression.
"""

import numpy as np

from corpus_inputs import det


def arc_distance(theta_1, phi_1, theta_2, phi_2):
    """
    Calculates the pairwise arc distance between all points in vector a and b.
    """
    temp = np.sin((theta_2 - theta_1) / 2)**2 + np.cos(theta_1) * np.cos(
        theta_2) * np.sin((phi_2 - phi_1) / 2)**2
    distance_matrix = 2 * (np.arctan2(np.sqrt(temp), np.sqrt(1 - temp)))
    return distance_matrix


def run(n):
    theta_1 = det((n,), 13, -1.5, 1.5)
    phi_1 = det((n,), 14, -3.0, 3.0)
    theta_2 = det((n,), 15, -1.5, 1.5)
    phi_2 = det((n,), 16, -3.0, 3.0)
    return {"distance": arc_distance(theta_1, phi_1, theta_2, phi_2)}


ARGS = [4096]
