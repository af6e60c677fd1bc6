// Least-squares line fit (Pythran's numpy benchmark): slope and intercept of y against x.
// Usage: lstsqr [n]   (default 500,000 points)

import DRCArray
import Foundation

let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 500_000 : 500_000
do {
  let x = try uniform(0, 10, shape: [n], seed: 51, name: "x")
  let y = try 3 * x + 2 + normal(0, 1, shape: [n], seed: 52, name: "noise")
  let xAvg = try x.mean()
  let yAvg = try y.mean()
  let dx = try x - xAvg
  let dy = try y - yAvg
  let slope = try (dx * dy).sum() / (dx ** 2).sum()
  let intercept = try yAvg - slope * xAvg
  try output("slope", slope)
  try output("intercept", intercept)
  print("slope checksum", String(format: "%.17g", try DRC.checksum(slope)))
  print("intercept checksum", String(format: "%.17g", try DRC.checksum(intercept)))
} catch {
  print("error: \(error)")
  exit(1)
}
