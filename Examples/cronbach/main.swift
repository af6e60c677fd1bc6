// Cronbach's alpha (Pythran's numpy benchmark) of an n x n matrix of item scores.
// Usage: cronbach [n]   (default 600)

import DRCArray
import Foundation

let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 600 : 600
do {
  let X = try uniform(0, 1, shape: [n, n], seed: 61, name: "X")
  let k = Double(X.shape[1])
  let itemvars = try X.variance(axis: 0, ddof: 1)
  let tscores = try X.sum(axis: 1)
  let alpha = try k / (k - 1) * (1 - itemvars.sum() / tscores.variance(ddof: 1))
  try output("alpha", alpha)
  print("alpha checksum", String(format: "%.17g", try DRC.checksum(alpha)))
} catch {
  print("error: \(error)")
  exit(1)
}
