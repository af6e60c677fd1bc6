// Multivariate normal log-density, ported from python/gauss_logpdf.py.

import DRCArray
import Foundation

func logpdf(_ X: NDArray, _ mean: NDArray, _ cov: NDArray) throws -> NDArray {
  let d = X.shape[1]
  let diff = try X - mean
  // sol = np.linalg.solve(cov, diff.T)
  let sol = try solve(cov, diff.T)
  // maha = np.sum(diff.T * sol, axis=0)
  let maha = try sum(diff.T * sol, axis: 0)
  // sign, logdet = np.linalg.slogdet(cov)
  let (_, logdet) = try slogdet(cov)
  // return -0.5 * (d * np.log(2 * np.pi) + logdet + maha)
  return try -0.5 * (Double(d) * Foundation.log(2 * Double.pi) + logdet + maha)
}

func gaussLogpdfProgram(_ sizes: [Int]) throws {
  let (n, d) = (size(sizes, 0, 50), size(sizes, 1, 8))
  let X = try detInput("X", [n, d], seed: 131, -2.0, 2.0)
  let mean = try detInput("mean", [d], seed: 132, -0.5, 0.5)
  let A = try detInput("A", [d, d], seed: 133)
  // cov = A @ A.T + d * np.eye(d)
  let cov = try matmul(A, A.T) + Double(d) * eye(d)
  try report("logpdf", try logpdf(X, mean, cov))
}
