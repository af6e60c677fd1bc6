// Recording cost: N elementwise operations on a 4-element array (for tools/bench-record.sh).
// Usage: recordscale [ops]   (default 1,000,000)

import DRCArray
import Foundation

let ops = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
do {
  var x = try NDArray([Float(1), 2, 3, 4], name: "x")
  for _ in 0..<(ops / 2) { x = try x * 1.0001 }
  try output("x", x)
  print("x checksum", String(format: "%.17g", try DRC.checksum(x)))
} catch {
  print("error: \(error)")
  exit(1)
}
