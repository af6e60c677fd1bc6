// Black-Scholes option pricing, call and put, in float32 (the classic GPU benchmark).
// Usage: blackscholes [n]   (default 16,777,216 options; r = 0.02, v = 0.30)

import DRCArray
import Foundation

let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 16_777_216 : 16_777_216

/// The standard normal CDF through erf.
func N(_ x: NDArray) throws -> NDArray {
  try (1 + erf(x / 2.0.squareRoot())) / 2
}

do {
  let S = try uniform(5, 30, shape: [n], seed: 11, dtype: .float32, name: "S")
  let K = try uniform(1, 100, shape: [n], seed: 12, dtype: .float32, name: "K")
  let T = try uniform(0.25, 10, shape: [n], seed: 13, dtype: .float32, name: "T")
  let r = try param("r", Float(0.02))
  let v = try param("v", Float(0.30))
  let d1 = try (log(S / K) + (r + v * v / 2) * T) / (v * sqrt(T))
  let d2 = try d1 - v * sqrt(T)
  let call = try S * N(d1) - K * exp(-r * T) * N(d2)
  let put = try K * exp(-r * T) * N(-d2) - S * N(-d1)
  try output("call", call)
  try output("put", put)
  print("call checksum", String(format: "%.17g", try DRC.checksum(call)))
  print("put checksum", String(format: "%.17g", try DRC.checksum(put)))
} catch {
  print("error: \(error)")
  exit(1)
}
