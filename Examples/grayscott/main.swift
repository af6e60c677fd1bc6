// Gray-Scott reaction-diffusion (Pythran's numpy benchmark): 5-point Laplacians of the interior
// through shifted slices, updated in place through the views u and v.
// Usage: grayscott [n] [steps]   (default n = 300 interior points, 40 steps)

import DRCArray
import Foundation

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 300 : 300
let counts = args.count > 2 ? Int(args[2]) ?? 40 : 40
let (Du, Dv, F, k) = (0.16, 0.08, 0.04, 0.06)

do {
  let U = try zeros([n + 2, n + 2], dtype: .float32)
  let V = try zeros([n + 2, n + 2], dtype: .float32)
  var u = U[1..<n + 1, 1..<n + 1]
  var v = V[1..<n + 1, 1..<n + 1]
  // The initial square: the cells whose centres lie within n/15 of the grid's centre on both
  // axes (U = 0.5, V = 0.25 there; U = 1 elsewhere). Written with array operations rather than
  // slice bounds such as n / 2 - n / 15, so a plan compiled from two recordings (whose integer
  // bounds would not be affine in n) serves every n.
  let x = try (arange(0, Double(n), dtype: .float32) + 0.5) / Double(n) - 0.5
  let near = try abs(x) < 1.0 / 15
  let square = try near.reshape([n, 1]) & near.reshape([1, n])
  u[.all, .all] = try select(square, 0.50, ones([n, n], dtype: .float32))
  v[.all, .all] = try select(square, 0.25, zeros([n, n], dtype: .float32))
  try u += 0.15 * uniform(0, 1, shape: [n, n], seed: 21, name: "noise_u")
  try v += 0.15 * uniform(0, 1, shape: [n, n], seed: 22, name: "noise_v")
  for _ in 0..<counts {
    let Lu =
      try U[0..<n, 1..<n + 1] + U[1..<n + 1, 0..<n] - 4 * U[1..<n + 1, 1..<n + 1]
      + U[1..<n + 1, 2..<n + 2] + U[2..<n + 2, 1..<n + 1]
    let Lv =
      try V[0..<n, 1..<n + 1] + V[1..<n + 1, 0..<n] - 4 * V[1..<n + 1, 1..<n + 1]
      + V[1..<n + 1, 2..<n + 2] + V[2..<n + 2, 1..<n + 1]
    let uvv = try u * v * v
    try u += Du * Lu - uvv + F * (1 - u)
    try v += Dv * Lv + uvv - (F + k) * v
  }
  try output("V", V)
  print("V checksum", String(format: "%.17g", try DRC.checksum(V)))
} catch {
  print("error: \(error)")
  exit(1)
}
