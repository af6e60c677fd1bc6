// Harris corner response (Pythran's numpy benchmark) over a random float64 image.
// Usage: harris [n] [m]   (default a 512 x 512 image; an n x m image when m is given)

import DRCArray
import Foundation

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 512 : 512
let cols = args.count > 2 ? Int(args[2]) ?? n : n
do {
  let I = try uniform(0, 1, shape: [n, cols], seed: 31, name: "I")
  let (m, w) = (I.shape[0], I.shape[1])
  let dx = (try I[1..., .all] - I[..<(m - 1), .all])[.all, 1...]
  let dy = (try I[.all, 1...] - I[.all, ..<(w - 1)])[1..., .all]
  let A = try dx * dx
  let B = try dy * dy
  let C = try dx * dy
  let tr = try A + B
  let det = try A * B - C * C
  let k = 0.05
  let response = try det - k * tr * tr
  try output("response", response)
  print("response checksum", String(format: "%.17g", try DRC.checksum(response)))
} catch {
  print("error: \(error)")
  exit(1)
}
