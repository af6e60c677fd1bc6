// contrived (DelayRepay's benchmark): d*x*y*z*xx + yy/zz*d*2 over seven random float64 arrays.
// Usage: contrived [n] [float32|float64]   (default 19,999,000 float64)
import DRCArray
import Foundation

let dtype = DRC.floatArgument(2, default: .float64)
let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 19_999_000 : 19_999_000
do {
  let names = ["d", "x", "y", "z", "xx", "yy", "zz"]
  var a: [NDArray] = []
  for (i, name) in names.enumerated() {
    a.append(try uniform(0.5, 1.5, shape: [n], seed: UInt64(i + 1), dtype: dtype, name: name))
  }
  let (d, x, y, z, xx, yy, zz) = (a[0], a[1], a[2], a[3], a[4], a[5], a[6])
  let result = try d * x * y * z * xx + yy / zz * d * 2
  try output("result", result)
  print("result checksum", String(format: "%.17g", try DRC.checksum(result)))
} catch {
  print("error: \(error)")
  exit(1)
}
