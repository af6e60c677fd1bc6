"""moving_average: NumPy original of Examples/corpus/MovingAverage.swift.

Source: the running mean by cumulative sums from Stack Overflow, "Moving average or running
mean" (question 13728392, answer 14314054 by Jaime, CC BY-SA 3.0), as widely copied:
`moving_average(a, n)` is the mean of every window of n consecutive elements.
Exercises: cumsum, overlapping shifted slices `ret[n:]` and `ret[:-n]`, a write into a slice,
division of a tail slice by a scalar.
"""

import numpy as np

from corpus_inputs import det


def moving_average(a, n=3):
    ret = np.cumsum(a, dtype=float)
    ret[n:] = ret[n:] - ret[:-n]
    return ret[n - 1:] / n


def run(m, n):
    a = det((m,), 41, 0.0, 10.0)
    return {"ma": moving_average(a, n)}


ARGS = [1000, 16]
