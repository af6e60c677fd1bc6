// Jacobi iteration until convergence: the same update as `jacobi`, but the loop stops when the
// largest change of x falls below a tolerance, read on the host every step. A recorded plan can
// only replay the iterations it saw; device mode (DRC_MODE=device) runs each step fused, and
// every step after the first is the same segment (a cache hit).
// Usage: jacobiconverge [n] [tolerance] [max iterations]   (default 2048, 1e-10, 500)

import DRCArray
import Foundation

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 2048 : 2048
let tolerance = args.count > 2 ? Double(args[2]) ?? 1e-10 : 1e-10
let limit = args.count > 3 ? Int(args[3]) ?? 500 : 500
do {
  let A = try uniform(0, 1, shape: [n, n], seed: 71, name: "A") + diagflat(full([n], Double(n)))
  let b = try uniform(0, 1, shape: [n], seed: 72, name: "b")
  var x = try zeros([n])
  let D = try diag(A)
  let R = try A - diagflat(D)
  var steps = 0
  var change = Double.infinity
  while change > tolerance && steps < limit {
    let next = try (b - dot(R, x)) / D
    change = try abs(next - x).max().item()
    x = next
    steps += 1
  }
  try output("x", x)
  print("steps", steps)
  print("x checksum", String(format: "%.17g", try DRC.checksum(x)))
} catch {
  print("error: \(error)")
  exit(1)
}
