// moving_average (the Stack Overflow running mean by cumulative sums), ported from
// python/moving_average.py: the mean of every window of n consecutive elements, as the
// difference of two cumulative sums n apart.

import DRCArray

/// `moving_average(a, n)`: `len(a) - n + 1` window means.
func movingAverage(_ a: NDArray, _ n: Int) throws -> NDArray {
  // ret = np.cumsum(a, dtype=float)
  let ret = try cumsum(a.astype(.float64))
  // ret[n:] = ret[n:] - ret[:-n]
  ret[n...] = try ret[n...] - ret[.s(nil, -n)]
  // return ret[n - 1:] / n
  return try ret[(n - 1)...] / Double(n)
}

/// `corpus moving_average [m] [n]`: m values in [0, 10), windows of n.
func movingAverageProgram(_ sizes: [Int]) throws {
  let m = size(sizes, 0, 1000)
  let n = size(sizes, 1, 16)
  // a = det((m,), 41, 0.0, 10.0)
  let a = try detInput("a", [m], seed: 41, 0.0, 10.0)
  try report("ma", try movingAverage(a, n))
}
