// vadv (npbench weather_stencils/vadv), ported from python/vadv.py.

import DRCArray

private let BET_M = 0.5
private let BET_P = 0.5

/// `a[:, :, k]` typed as an array: beside a `Double` operand an untyped `a[.all, .all, k]` is read
/// as one number (docs/numpy.md), which fails the program.
private func col(_ a: NDArray, _ k: Int) -> NDArray { a[.all, .all, k] }

func vadv(
  _ utens_stage: NDArray, _ u_stage: NDArray, _ wcon: NDArray, _ u_pos: NDArray,
  _ utens: NDArray, _ dtr_stage: Double
) throws {
  let (I, J, K) = (utens_stage.shape[0], utens_stage.shape[1], utens_stage.shape[2])
  let ccol = try zeros([I, J, K], dtype: utens_stage.dtype)
  let dcol = try zeros([I, J, K], dtype: utens_stage.dtype)
  let data_col = try zeros([I, J], dtype: utens_stage.dtype)
  let upToLast: AxisSlice = .s(nil, -1)

  for k in 0..<1 {
    let gcv: NDArray = try 0.25 * (wcon[1..., .all, k + 1] + wcon[upToLast, .all, k + 1])
    let cs: NDArray = try gcv * BET_M
    ccol[.all, .all, k] = try gcv * BET_P
    let bcol: NDArray = try dtr_stage - col(ccol, k)
    let correction_term: NDArray = try -cs * (col(u_stage, k + 1) - col(u_stage, k))
    dcol[.all, .all, k] =
      try
      (dtr_stage * col(u_pos, k) + col(utens, k) + col(utens_stage, k)
      + correction_term)
    let divided: NDArray = try 1.0 / bcol
    ccol[.all, .all, k] = try col(ccol, k) * divided
    dcol[.all, .all, k] = try col(dcol, k) * divided
  }

  for k in 1..<(K - 1) {
    let gav: NDArray = try -0.25 * (wcon[1..., .all, k] + wcon[upToLast, .all, k])
    let gcv: NDArray = try 0.25 * (wcon[1..., .all, k + 1] + wcon[upToLast, .all, k + 1])
    let as_: NDArray = try gav * BET_M
    let cs: NDArray = try gcv * BET_M
    let acol: NDArray = try gav * BET_P
    ccol[.all, .all, k] = try gcv * BET_P
    let bcol: NDArray = try dtr_stage - acol - col(ccol, k)
    let correction_term: NDArray =
      try -as_ * (col(u_stage, k - 1) - col(u_stage, k))
      - cs * (col(u_stage, k + 1) - col(u_stage, k))
    dcol[.all, .all, k] =
      try
      (dtr_stage * col(u_pos, k) + col(utens, k) + col(utens_stage, k)
      + correction_term)
    let divided: NDArray = try 1.0 / (bcol - col(ccol, k - 1) * acol)
    ccol[.all, .all, k] = try col(ccol, k) * divided
    dcol[.all, .all, k] = try (col(dcol, k) - (col(dcol, k - 1)) * acol) * divided
  }

  for k in (K - 1)..<K {
    let gav: NDArray = try -0.25 * (wcon[1..., .all, k] + wcon[upToLast, .all, k])
    let as_: NDArray = try gav * BET_M
    let acol: NDArray = try gav * BET_P
    let bcol: NDArray = try dtr_stage - acol
    let correction_term: NDArray = try -as_ * (col(u_stage, k - 1) - col(u_stage, k))
    dcol[.all, .all, k] =
      try
      (dtr_stage * col(u_pos, k) + col(utens, k) + col(utens_stage, k)
      + correction_term)
    let divided: NDArray = try 1.0 / (bcol - col(ccol, k - 1) * acol)
    dcol[.all, .all, k] = try (col(dcol, k) - (col(dcol, k - 1)) * acol) * divided
  }

  for k in stride(from: K - 1, to: K - 2, by: -1) {
    let datacol: NDArray = col(dcol, k)
    data_col[.all] = datacol
    utens_stage[.all, .all, k] = try dtr_stage * (datacol - col(u_pos, k))
  }

  for k in stride(from: K - 2, to: -1, by: -1) {
    let datacol: NDArray = try col(dcol, k) - col(ccol, k) * (data_col[.all, .all] as NDArray)
    data_col[.all] = datacol
    utens_stage[.all, .all, k] = try dtr_stage * (datacol - col(u_pos, k))
  }
}

func vadvProgram(_ sizes: [Int]) throws {
  let (i, j, k) = (size(sizes, 0, 16), size(sizes, 1, 16), size(sizes, 2, 12))
  let utens_stage = try detInput("utens_stage", [i, j, k], seed: 81, 0.0, 1.0)
  let u_stage = try detInput("u_stage", [i, j, k], seed: 82, 0.0, 1.0)
  let wcon = try detInput("wcon", [i + 1, j, k], seed: 83, 0.0, 1.0)
  let u_pos = try detInput("u_pos", [i, j, k], seed: 84, 0.0, 1.0)
  let utens = try detInput("utens", [i, j, k], seed: 85, 0.0, 1.0)
  try vadv(utens_stage, u_stage, wcon, u_pos, utens, 3.0)
  try report("utens_stage", utens_stage)
}
