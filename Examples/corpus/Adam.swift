// Adam optimizer on least squares, ported from python/adam.py (float32).

import DRCArray
import Foundation

func adamStep(
  _ w: NDArray, _ g: NDArray, _ m: NDArray, _ v: NDArray, _ t: Int, lr: Double = 1e-3,
  beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8
) throws -> (NDArray, NDArray, NDArray) {
  // m = beta1 * m + (1 - beta1) * g
  let m = try beta1 * m + (1 - beta1) * g
  // v = beta2 * v + (1 - beta2) * g ** 2
  let v = try beta2 * v + (1 - beta2) * g ** 2
  // m_hat = m / (1 - beta1 ** t)
  let mHat = try m / (1 - pow(beta1, Double(t)))
  // v_hat = v / (1 - beta2 ** t)
  let vHat = try v / (1 - pow(beta2, Double(t)))
  // w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
  let w = try w - lr * mHat / (sqrt(vHat) + eps)
  return (w, m, v)
}

func adamProgram(_ sizes: [Int]) throws {
  let (n, d, steps) = (size(sizes, 0, 33), size(sizes, 1, 7), size(sizes, 2, 10))
  let A = try detInput("A", [n, d], seed: 3, -1.0, 1.0, float32: true)
  let b = try detInput("b", [n], seed: 4, -1.0, 1.0, float32: true)
  var w = try zeros([d], dtype: .float32)
  var m = try zerosLike(w)
  var v = try zerosLike(w)
  let losses = try zeros([steps], dtype: .float32)
  for t in 1...steps {
    // r = A @ w - b
    let r = try matmul(A, w) - b
    // losses[t - 1] = 0.5 * np.mean(r ** 2)
    losses[t - 1] = try 0.5 * (r ** 2).mean()
    // g = A.T @ r / n
    let g = try matmul(A.T, r) / n
    (w, m, v) = try adamStep(w, g, m, v, t, lr: 0.05)
  }
  try report("w", w)
  try report("m", m)
  try report("v", v)
  try report("losses", losses)
}
