// fdtd_2d (npbench polybench/fdtd_2d, PolyBench/C's fdtd-2d), ported from python/fdtd_2d.py:
// 2-D finite-difference time-domain steps of three staggered fields; each step sets ey's first
// row from a 0-d element of _fict_, then updates ey, ex and hz in place through shifted views.

import DRCArray

/// `kernel(TMAX, ex, ey, hz, _fict_)`: TMAX steps, in place.
func fdtd2D(_ TMAX: Int, _ ex: NDArray, _ ey: NDArray, _ hz: NDArray, _ _fict_: NDArray) throws {
  let upToLast: AxisSlice = .s(nil, -1)
  // for t in range(TMAX):
  for t in 0..<TMAX {
    // ey[0, :] = _fict_[t]
    let fict: NDArray = _fict_[t]
    ey[0, .all] = fict
    // ey[1:, :] -= 0.5 * (hz[1:, :] - hz[:-1, :])
    try ey[1..., .all] -= 0.5 * (hz[1..., .all] - hz[upToLast, .all])
    // ex[:, 1:] -= 0.5 * (hz[:, 1:] - hz[:, :-1])
    try ex[.all, 1...] -= 0.5 * (hz[.all, 1...] - hz[.all, upToLast])
    // hz[:-1, :-1] -= 0.7 * (ex[:-1, 1:] - ex[:-1, :-1] + ey[1:, :-1] - ey[:-1, :-1])
    try hz[upToLast, upToLast] -=
      0.7
      * (ex[upToLast, 1...] - ex[upToLast, upToLast] + ey[1..., upToLast]
        - ey[upToLast, upToLast])
  }
}

/// `corpus fdtd_2d [nx] [ny] [tmax]`: three nx x ny fields in [0, 1).
func fdtd2DProgram(_ sizes: [Int]) throws {
  let (nx, ny, tmax) = (size(sizes, 0, 24), size(sizes, 1, 32), size(sizes, 2, 5))
  // ex = det((nx, ny), 28, 0.0, 1.0)
  let ex = try detInput("ex", [nx, ny], seed: 28, 0.0, 1.0)
  // ey = det((nx, ny), 29, 0.0, 1.0)
  let ey = try detInput("ey", [nx, ny], seed: 29, 0.0, 1.0)
  // hz = det((nx, ny), 30, 0.0, 1.0)
  let hz = try detInput("hz", [nx, ny], seed: 30, 0.0, 1.0)
  // fict = det((tmax,), 31, 0.0, 1.0)
  let fict = try detInput("fict", [tmax], seed: 31, 0.0, 1.0)
  // kernel(tmax, ex, ey, hz, fict)
  try fdtd2D(tmax, ex, ey, hz, fict)
  try report("ex", ex)
  try report("ey", ey)
  try report("hz", hz)
}
