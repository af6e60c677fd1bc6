// Jacobi iteration (Pythran's numpy benchmark): D = diag(A), R = A - diagflat(D), then
// 25 times x = (b - dot(R, x)) / D. A is made diagonally dominant so the iteration converges.
// Usage: jacobi [n] [iterations]   (default n = 4096, 25 iterations)

import DRCArray
import Foundation

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 4096 : 4096
let iterations = args.count > 2 ? Int(args[2]) ?? 25 : 25
do {
  let A = try uniform(0, 1, shape: [n, n], seed: 71, name: "A") + diagflat(full([n], Double(n)))
  let b = try uniform(0, 1, shape: [n], seed: 72, name: "b")
  var x = try zeros([n])
  let D = try diag(A)
  let R = try A - diagflat(D)
  for _ in 0..<iterations {
    x = try (b - dot(R, x)) / D
  }
  try output("x", x)
  print("x checksum", String(format: "%.17g", try DRC.checksum(x)))
} catch {
  print("error: \(error)")
  exit(1)
}
