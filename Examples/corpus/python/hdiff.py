"""hdiff: NumPy original of Examples/corpus/HDiff.swift.

Source: npbench (spcl/npbench, BSD-3-Clause), benchmarks/weather_stencils/hdiff: horizontal
diffusion from the COSMO weather model, a fourth-order stencil with flux limiters.
Exercises: 3-D stencils on a haloed field, np.where with a scalar branch, out[:, :, :] = ...
"""

import numpy as np

from corpus_inputs import det


def hdiff(in_field, out_field, coeff):
    I, J, K = out_field.shape[0], out_field.shape[1], out_field.shape[2]
    lap_field = 4.0 * in_field[1:I + 3, 1:J + 3, :] - (
        in_field[2:I + 4, 1:J + 3, :] + in_field[0:I + 2, 1:J + 3, :] +
        in_field[1:I + 3, 2:J + 4, :] + in_field[1:I + 3, 0:J + 2, :])

    res = lap_field[1:, 1:J + 1, :] - lap_field[:-1, 1:J + 1, :]
    flx_field = np.where(
        (res *
         (in_field[2:I + 3, 2:J + 2, :] - in_field[1:I + 2, 2:J + 2, :])) > 0,
        0,
        res,
    )

    res = lap_field[1:I + 1, 1:, :] - lap_field[1:I + 1, :-1, :]
    fly_field = np.where(
        (res *
         (in_field[2:I + 2, 2:J + 3, :] - in_field[2:I + 2, 1:J + 2, :])) > 0,
        0,
        res,
    )

    out_field[:, :, :] = in_field[2:I + 2, 2:J + 2, :] - coeff[:, :, :] * (
        flx_field[1:, :, :] - flx_field[:-1, :, :] + fly_field[:, 1:, :] -
        fly_field[:, :-1, :])


def run(i, j, k):
    in_field = det((i + 4, j + 4, k), 21, 0.0, 1.0)
    coeff = det((i, j, k), 22, 0.0, 0.2)
    out_field = np.zeros((i, j, k))
    hdiff(in_field, out_field, coeff)
    return {"out_field": out_field}


ARGS = [16, 16, 8]
