// Conjugate gradient and power iteration, ported from python/cg.py.

import DRCArray
import Foundation

func conjugateGradient(
  _ A: NDArray, _ b: NDArray, _ x0: NDArray, tol: Double = 1e-10, maxiter: Int = 200
)
  throws -> (NDArray, Int)
{
  var x = x0
  // r = b - A @ x
  var r = try b - matmul(A, x)
  // p = r.copy()
  var p = try r.copy()
  // rsold = r @ r
  var rsold = try matmul(r, r)
  var it = 0
  for i in 0..<maxiter {
    it = i
    let Ap = try matmul(A, p)
    let alpha = try rsold / matmul(p, Ap)
    x = try x + alpha * p
    r = try r - alpha * Ap
    let rsnew = try matmul(r, r)
    // if np.sqrt(rsnew) < tol: break
    if try sqrt(rsnew).item() < tol { break }
    p = try r + (rsnew / rsold) * p
    rsold = rsnew
  }
  return (x, it)
}

func powerIteration(_ A: NDArray, _ v0: NDArray, _ iters: Int) throws -> (NDArray, NDArray) {
  var v = v0
  for _ in 0..<iters {
    let w = try matmul(A, v)
    v = try w / norm(w)
  }
  // lam = v @ A @ v
  let lam = try matmul(matmul(v, A), v)
  return (v, lam)
}

func cgProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 64)
  let M = try detInput("M", [n, n], seed: 141)
  // A = M @ M.T / n + np.eye(n)
  let A = try matmul(M, M.T) / n + eye(n)
  let b = try detInput("b", [n], seed: 142)
  let (x, it) = try conjugateGradient(A, b, try zeros([n]))
  let (v, lam) = try powerIteration(A, try ones([n]) / Foundation.sqrt(Double(n)), 30)
  try report("x", x)
  print("iters", it)
  try report("v", v)
  try report("lam", lam)
  try report("resid", try norm(matmul(A, x) - b))
}
