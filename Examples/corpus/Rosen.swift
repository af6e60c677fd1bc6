// rosen (SciPy, scipy.optimize.rosen), ported from python/rosen.py: the Rosenbrock function of
// each column of a 2-D array (reduced over axis 0). Overlapping slices of one input, powers and a
// column sum: one map-reduce kernel when fused.

import DRCArray

/// `rosen(x)`: `sum(100 (x[1:] - x[:-1]**2)**2 + (1 - x[:-1])**2, axis=0)`.
func rosen(_ x: NDArray) throws -> NDArray {
  // r = np.sum(100.0*(x[1:]-x[:-1]**2.0)**2.0 + (1-x[:-1])**2.0, axis=0)
  let r = try (100.0 * (x[1...] - x[.s(nil, -1)] ** 2.0) ** 2.0 + (1 - x[.s(nil, -1)]) ** 2.0)
    .sum(axis: 0)
  // return r
  return r
}

/// `corpus rosen [n] [m]`: x is n x m in [-2, 2).
func rosenProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 300)
  let m = size(sizes, 1, 16)
  // x = det((n, m), 2, -2.0, 2.0)
  let x = try detInput("x", [n, m], seed: 2, -2.0, 2.0)
  try report("r", try rosen(x))
}
