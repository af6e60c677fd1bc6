// sincos (DelayRepay's benchmark): sin(d)**2 + cos(d)**2 over one random float64 array.
// Usage: sincos [n] [float32|float64]   (default 83,361,790 float64 as in the original)
import DRCArray
import Foundation

let dtype = DRC.floatArgument(2, default: .float64)
let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 83_361_790 : 83_361_790
do {
  let d = try uniform(0, 2 * Double.pi, shape: [n], seed: 1, dtype: dtype, name: "d")
  let result = try sin(d) ** 2 + cos(d) ** 2
  try output("result", result)
  print("result checksum", String(format: "%.17g", try DRC.checksum(result)))
} catch {
  print("error: \(error)")
  exit(1)
}
