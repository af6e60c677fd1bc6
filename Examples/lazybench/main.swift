// Device mode's own costs, for tools/bench-lazy.sh: the host time of one flush of a tiny segment
// on a cache hit, and the wall time of a program's steps after the first (compile excluded).
// Usage: lazybench flush [iterations]    a few ops on 256 float32 elements, evaluated each time
//        lazybench blackscholes [n] [repeats]   Black-Scholes on n options, timed per repeat

import DRCArray
import DRCRuntime
import Foundation

/// Seconds since an arbitrary start.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// The standard normal CDF through erf (as in Examples/blackscholes).
func N(_ x: NDArray) throws -> NDArray {
  try (1 + erf(x / 2.0.squareRoot())) / 2
}

/// The median of `xs`.
func median(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : xs.sorted()[xs.count / 2] }

let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "flush"
do {
  switch mode {
  case "flush":
    let iterations = args.count > 2 ? Int(args[2]) ?? 2000 : 2000
    let a = try NDArray((0..<256).map { Float($0) })
    var x = try a * 1
    try DRC.evaluate(x)
    var times: [Double] = []
    let before = DRC.lazyStats
    for _ in 0..<iterations {
      let start = now()
      x = try (x * 0.5 + a) * 0.25 - 1
      try DRC.evaluate(x)
      times.append(now() - start)
    }
    let after = DRC.lazyStats
    print(
      String(
        format: "flush: median %.1f us per evaluate (ops recorded + flush), %d flushes, %d hits",
        median(times) * 1e6, after.flushes - before.flushes, after.hits - before.hits))
    print("x checksum", String(format: "%.17g", try DRC.checksum(x)))
  case "blackscholes":
    let n = args.count > 2 ? Int(args[2]) ?? (1 << 24) : (1 << 24)
    let repeats = args.count > 3 ? Int(args[3]) ?? 5 : 5
    let price = try uniform(5, 30, shape: [n], seed: 11, dtype: .float32)
    let strike = try uniform(1, 100, shape: [n], seed: 12, dtype: .float32)
    let years = try uniform(0.25, 10, shape: [n], seed: 13, dtype: .float32)
    try DRC.evaluate(price, strike, years)
    var times: [Double] = []
    var checksum = 0.0
    for _ in 0..<repeats {
      let start = now()
      // The formula of Examples/blackscholes, unchanged.
      let r = try param("r", Float(0.02))
      let v = try param("v", Float(0.30))
      let d1 = try (log(price / strike) + (r + v * v / 2) * years) / (v * sqrt(years))
      let d2 = try d1 - v * sqrt(years)
      let call = try price * N(d1) - strike * exp(-r * years) * N(d2)
      let put = try strike * exp(-r * years) * N(-d2) - price * N(-d1)
      let c = try call.toArray(as: Float.self)
      let p = try put.toArray(as: Float.self)
      times.append(now() - start)
      checksum = c.reduce(0.0) { $0 + Double($1) } + p.reduce(0.0) { $0 + Double($1) }
    }
    print(
      String(
        format: "blackscholes %d: first %.1f ms, median of the rest %.1f ms (wall, reads included)",
        n, times[0] * 1e3, median(Array(times.dropFirst())) * 1e3))
    print("options checksum", String(format: "%.17g", checksum))
  default:
    print("usage: lazybench flush|blackscholes ...")
    exit(2)
  }
} catch {
  print("error: \(error)")
  exit(1)
}
