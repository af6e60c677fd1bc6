// hdiff (npbench weather_stencils/hdiff, horizontal diffusion from the COSMO weather model),
// ported from python/hdiff.py: a Laplacian of a haloed field, x and y fluxes limited by
// np.where, and their divergence written into the output with `out_field[:, :, :] = ...`.

import DRCArray

/// `hdiff(in_field, out_field, coeff)`: in_field is (I+4, J+4, K), the others (I, J, K).
func hdiff(_ in_field: NDArray, _ out_field: NDArray, _ coeff: NDArray) throws {
  // I, J, K = out_field.shape[0], out_field.shape[1], out_field.shape[2]
  let (I, J) = (out_field.shape[0], out_field.shape[1])
  // lap_field = 4.0 * in_field[1:I + 3, 1:J + 3, :] - (
  //     in_field[2:I + 4, 1:J + 3, :] + in_field[0:I + 2, 1:J + 3, :] +
  //     in_field[1:I + 3, 2:J + 4, :] + in_field[1:I + 3, 0:J + 2, :])
  let lap_field =
    try 4.0 * in_field[1..<I + 3, 1..<J + 3, .all]
    - (in_field[2..<I + 4, 1..<J + 3, .all] + in_field[0..<I + 2, 1..<J + 3, .all]
      + in_field[1..<I + 3, 2..<J + 4, .all] + in_field[1..<I + 3, 0..<J + 2, .all])

  // res = lap_field[1:, 1:J + 1, :] - lap_field[:-1, 1:J + 1, :]
  var res = try lap_field[1..., 1..<J + 1, .all] - lap_field[.s(nil, -1), 1..<J + 1, .all]
  // flx_field = np.where((res * (in_field[2:I + 3, 2:J + 2, :] - in_field[1:I + 2, 2:J + 2, :]))
  //                      > 0, 0, res)
  let flx_field = try select(
    (res * (in_field[2..<I + 3, 2..<J + 2, .all] - in_field[1..<I + 2, 2..<J + 2, .all])) > 0.0,
    0.0, res)

  // res = lap_field[1:I + 1, 1:, :] - lap_field[1:I + 1, :-1, :]
  res = try lap_field[1..<I + 1, 1..., .all] - lap_field[1..<I + 1, .s(nil, -1), .all]
  // fly_field = np.where((res * (in_field[2:I + 2, 2:J + 3, :] - in_field[2:I + 2, 1:J + 2, :]))
  //                      > 0, 0, res)
  let fly_field = try select(
    (res * (in_field[2..<I + 2, 2..<J + 3, .all] - in_field[2..<I + 2, 1..<J + 2, .all])) > 0.0,
    0.0, res)

  // out_field[:, :, :] = in_field[2:I + 2, 2:J + 2, :] - coeff[:, :, :] * (
  //     flx_field[1:, :, :] - flx_field[:-1, :, :] + fly_field[:, 1:, :] - fly_field[:, :-1, :])
  out_field[.all, .all, .all] =
    try in_field[2..<I + 2, 2..<J + 2, .all] - coeff[.all, .all, .all]
    * (flx_field[1..., .all, .all] - flx_field[.s(nil, -1), .all, .all]
      + fly_field[.all, 1..., .all] - fly_field[.all, .s(nil, -1), .all])
}

/// `corpus hdiff [i] [j] [k]`: the output is i x j x k.
func hdiffProgram(_ sizes: [Int]) throws {
  let (i, j, k) = (size(sizes, 0, 16), size(sizes, 1, 16), size(sizes, 2, 8))
  // in_field = det((i + 4, j + 4, k), 21, 0.0, 1.0)
  let in_field = try detInput("in_field", [i + 4, j + 4, k], seed: 21, 0.0, 1.0)
  // coeff = det((i, j, k), 22, 0.0, 0.2)
  let coeff = try detInput("coeff", [i, j, k], seed: 22, 0.0, 0.2)
  // out_field = np.zeros((i, j, k))
  let out_field = try zeros([i, j, k])
  // hdiff(in_field, out_field, coeff)
  try hdiff(in_field, out_field, coeff)
  try report("out_field", out_field)
}
