// Log-likelihood of normally distributed data (Pythran's numpy benchmark), mean 0.1, sigma 1.1.
// Usage: loglikelihood [n]   (default 100,000)

import DRCArray
import Foundation

let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let (mean, sigma) = (0.1, 1.1)
do {
  let data = try normal(0, 1, shape: [n], seed: 41, name: "data")
  let s = try (data - mean) ** 2 / (2 * (sigma * sigma))
  var pdfs = try exp(-s)
  try pdfs /= (2 * Double.pi).squareRoot() * sigma
  let result = try log(pdfs).sum()
  try output("result", result)
  print("result checksum", String(format: "%.17g", try DRC.checksum(result)))
} catch {
  print("error: \(error)")
  exit(1)
}
