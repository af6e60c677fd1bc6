// Power iteration for the top two principal components, ported from python/pca_power.py.

import DRCArray
import Foundation

func powerIteration(_ C: NDArray, tol: Double = 1e-10, maxIter: Int = 500) throws -> (
  NDArray, NDArray, Int
) {
  // v = np.ones(C.shape[0]) / np.sqrt(C.shape[0])
  var v = try ones([C.shape[0]]) / sqrt(Double(C.shape[0]))
  var it = 0
  for i in 0..<maxIter {
    it = i
    // w = C @ v
    var w = try matmul(C, v)
    // w /= np.linalg.norm(w)
    try w /= norm(w)
    // if np.linalg.norm(w - v) < tol:
    if try norm(w - v).item() < tol {
      v = w
      break
    }
    v = w
  }
  // lam = v @ C @ v
  let lam = try matmul(matmul(v, C), v)
  return (lam, v, it)
}

func pcaPowerProgram(_ sizes: [Int]) throws {
  let (n, d) = (size(sizes, 0, 200), size(sizes, 1, 6))
  let X = try detInput("X", [n, d], seed: 31, -1.0, 1.0)
  // X[:, 0] *= 3.0
  try X[.all, 0] *= 3.0
  // X[:, 1] += 0.5 * X[:, 0]
  try X[.all, 1] += 0.5 * X[.all, 0]
  // Xc = X - X.mean(axis=0)
  let Xc = try X - X.mean(axis: 0)
  // C = Xc.T @ Xc / (n - 1)
  let C = try matmul(Xc.T, Xc) / (n - 1)
  let (lam1, v1, it1) = try powerIteration(C)
  // C2 = C - lam1 * np.outer(v1, v1)
  let C2 = try C - lam1 * outer(v1, v1)
  let (lam2, v2, it2) = try powerIteration(C2)
  // proj = Xc @ np.stack([v1, v2], axis=1)
  let proj = try matmul(Xc, stack([v1, v2], axis: 1))
  try report("lam", try stack([lam1, lam2]))
  try report("v1", v1)
  try report("v2", v2)
  try report("proj", proj)
  try report("iters", try NDArray([Int64(it1), Int64(it2)]))
}
