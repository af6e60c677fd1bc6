// covariance (npbench polybench/covariance, PolyBench/C's covariance), ported from
// python/covariance.py: centre the columns in place, then fill the upper triangle and its mirror
// one row at a time from 1-D @ 2-D products of column views.

import DRCArray

/// `kernel(M, float_n, data)`: the M x M sample covariance of data's columns (data is centred).
func covariance(_ M: Int, _ float_n: Double, _ data: NDArray) throws -> NDArray {
  // mean = np.mean(data, axis=0)
  let mean = try data.mean(axis: 0)
  // data -= mean
  var data = data
  try data -= mean
  // cov = np.zeros((M, M), dtype=data.dtype)
  let cov = try zeros([M, M])
  // for i in range(M):
  for i in 0..<M {
    // cov[i:M, i] = cov[i, i:M] = data[:, i] @ data[:, i:M] / (float_n - 1.0)
    let value = try matmul(data[.all, i], data[.all, i..<M]) / (float_n - 1.0)
    cov[i..<M, i] = value
    cov[i, i..<M] = value
  }
  // return cov
  return cov
}

/// `corpus covariance [n] [m]`: n observations of m variables in [0, 10).
func covarianceProgram(_ sizes: [Int]) throws {
  let (n, m) = (size(sizes, 0, 64), size(sizes, 1, 16))
  // data = det((n, m), 27, 0.0, 10.0)
  let data = try detInput("data", [n, m], seed: 27, 0.0, 10.0)
  // kernel(m, float(n), data)
  try report("cov", try covariance(m, Double(n), data))
}
