// gemver, atax, bicg, mvt, gesummv (npbench polybench), ported from python/gemver.py.

import DRCArray

func gemver(
  _ alpha: Double, _ beta: Double, _ A: inout NDArray, _ u1: NDArray, _ v1: NDArray,
  _ u2: NDArray, _ v2: NDArray, _ w: inout NDArray, _ x: inout NDArray, _ y: NDArray, _ z: NDArray
) throws {
  // A += np.outer(u1, v1) + np.outer(u2, v2)
  try A += outer(u1, v1) + outer(u2, v2)
  // x += beta * y @ A + z
  try x += matmul(beta * y, A) + z
  // w += alpha * A @ x
  try w += matmul(alpha * A, x)
}

func gemverProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 96)
  var A = try detInput("A", [n, n], seed: 51, 0.0, 1.0)
  let u1 = try detInput("u1", [n], seed: 52)
  let v1 = try detInput("v1", [n], seed: 53)
  let u2 = try detInput("u2", [n], seed: 54)
  let v2 = try detInput("v2", [n], seed: 55)
  var w = try detInput("w", [n], seed: 56)
  var x = try detInput("x", [n], seed: 57)
  let y = try detInput("y", [n], seed: 58)
  let z = try detInput("z", [n], seed: 59)
  try gemver(1.5, 1.2, &A, u1, v1, u2, v2, &w, &x, y, z)
  let B = try detInput("B", [n, n], seed: 60)
  // atax: (A @ x) @ A
  let at = try matmul(matmul(B, y), B)
  // bicg: r @ A, A @ p
  let s = try matmul(v1, B)
  let q = try matmul(B, u1)
  var x1 = try detInput("x1", [n], seed: 61)
  var x2 = try detInput("x2", [n], seed: 62)
  // mvt: x1 += A @ y_1; x2 += y_2 @ A
  try x1 += matmul(B, u2)
  try x2 += matmul(v2, B)
  // gesummv: alpha * A @ x + beta * B @ x
  let g = try matmul(1.5 * A, z) + matmul(1.2 * B, z)
  try report("A", A)
  try report("x", x)
  try report("w", w)
  try report("atax", at)
  try report("bicg_s", s)
  try report("bicg_q", q)
  try report("x1", x1)
  try report("x2", x2)
  try report("gesummv", g)
}
