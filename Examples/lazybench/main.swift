// Device mode's own costs, for tools/bench-lazy.sh: the host time of one flush of a tiny segment
// on a cache hit, and the wall time of a program's steps after the first (compile excluded).
// Usage: lazybench flush [iterations]    a few ops on 256 float32 elements, evaluated each time
//        lazybench blackscholes [n] [repeats]   Black-Scholes on n options, timed per repeat
//                                               (LAZYBENCH_SPLIT=1: each call's parts too)
//        lazybench grayscott [n] [steps]        Examples/grayscott's computation, LAZYBENCH_RUNS times
//        lazybench jacobi [n] [iterations] [tolerance]   Examples/jacobi (tolerance 0) or
//                                               jacobiconverge's computation, LAZYBENCH_RUNS times

import DRCArray
import DRCIR
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

/// Seconds spent making inputs on the host (seeded `uniform`), which `drc run` loads instead.
nonisolated(unsafe) var inputSeconds = 0.0

/// `uniform`, timed into `inputSeconds`.
func timedUniform(_ shape: [Int], seed: UInt64, dtype: DType = .float64, name: String) throws
  -> NDArray
{
  let start = now()
  defer { inputSeconds += now() - start }
  return try uniform(0, 1, shape: shape, seed: seed, dtype: dtype, name: name)
}

/// Examples/grayscott's computation, unchanged; returns V's checksum.
func grayscott(_ n: Int, _ counts: Int) throws -> Double {
  let (Du, Dv, F, k) = (0.16, 0.08, 0.04, 0.06)
  let U = try zeros([n + 2, n + 2], dtype: .float32)
  let V = try zeros([n + 2, n + 2], dtype: .float32)
  var u = U[1..<n + 1, 1..<n + 1]
  var v = V[1..<n + 1, 1..<n + 1]
  let x = try (arange(0, Double(n), dtype: .float32) + 0.5) / Double(n) - 0.5
  let near = try abs(x) < 1.0 / 15
  let square = try near.reshape([n, 1]) & near.reshape([1, n])
  u[.all, .all] = try select(square, 0.50, ones([n, n], dtype: .float32))
  v[.all, .all] = try select(square, 0.25, zeros([n, n], dtype: .float32))
  try u += 0.15 * timedUniform([n, n], seed: 21, name: "noise_u")
  try v += 0.15 * timedUniform([n, n], seed: 22, name: "noise_v")
  for _ in 0..<counts {
    let Lu =
      try U[0..<n, 1..<n + 1] + U[1..<n + 1, 0..<n] - 4 * U[1..<n + 1, 1..<n + 1]
      + U[1..<n + 1, 2..<n + 2] + U[2..<n + 2, 1..<n + 1]
    let Lv =
      try V[0..<n, 1..<n + 1] + V[1..<n + 1, 0..<n] - 4 * V[1..<n + 1, 1..<n + 1]
      + V[1..<n + 1, 2..<n + 2] + V[2..<n + 2, 1..<n + 1]
    let uvv = try u * v * v
    try u += Du * Lu - uvv + F * (1 - u)
    try v += Dv * Lv + uvv - (F + k) * v
  }
  return try DRC.checksum(V)
}

/// Examples/jacobiconverge's computation (Examples/jacobi's with a fixed `limit` and no
/// tolerance), unchanged; returns the steps taken and x's checksum.
func jacobi(_ n: Int, _ tolerance: Double, _ limit: Int) throws -> (Int, Double) {
  let A = try timedUniform([n, n], seed: 71, name: "A") + diagflat(full([n], Double(n)))
  let b = try timedUniform([n], seed: 72, name: "b")
  var x = try zeros([n])
  let D = try diag(A)
  let R = try A - diagflat(D)
  var steps = 0
  var change = Double.infinity
  while change > tolerance && steps < limit {
    let next = try (b - dot(R, x)) / D
    if tolerance > 0 { change = try abs(next - x).max().item() }
    x = next
    steps += 1
  }
  return (steps, try DRC.checksum(x))
}

/// Runs `body` `runs` times (at least 2) and prints the first run's wall time (it compiles) and
/// the median of the others (every segment is a cache hit: the steady state a long-running
/// program sees), each also without the time spent making inputs on the host.
func repeated(_ label: String, runs: Int, _ body: () throws -> String) throws {
  var times: [Double] = []
  var inputs: [Double] = []
  var result = ""
  for _ in 0..<max(2, runs) {
    inputSeconds = 0
    let start = now()
    result = try body()
    times.append(now() - start)
    inputs.append(inputSeconds)
  }
  let later = Array(zip(times, inputs).dropFirst())
  print(
    String(
      format:
        "%@: first run %.1f ms, median of %d later runs %.1f ms, without making inputs %.1f ms (%@)",
      label, times[0] * 1e3, later.count, median(later.map { $0.0 }) * 1e3,
      median(later.map { $0.0 - $0.1 }) * 1e3, result))
}

let args = CommandLine.arguments
/// Runs of the iterative programs (LAZYBENCH_RUNS, default 7): the first compiles.
let runs = Int(ProcessInfo.processInfo.environment["LAZYBENCH_RUNS"] ?? "") ?? 7
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
      let t0 = now()
      let c = try call.toArray(as: Float.self)
      let t1 = now()
      let p = try put.toArray(as: Float.self)
      times.append(now() - start)
      if ProcessInfo.processInfo.environment["LAZYBENCH_SPLIT"] == "1" {
        // Recording the operations; the flush, its kernel and the read of `call`; `put`'s read.
        print(
          String(
            format: "  record %.1f ms, flush and read call %.1f ms, read put %.1f ms",
            (t0 - start) * 1e3, (t1 - t0) * 1e3, (now() - t1) * 1e3))
      }
      checksum = c.reduce(0.0) { $0 + Double($1) } + p.reduce(0.0) { $0 + Double($1) }
    }
    print(
      String(
        format:
          "blackscholes %d: first %.1f ms, median of the rest %.1f ms, fastest %.1f ms (wall, reads included)",
        n, times[0] * 1e3, median(Array(times.dropFirst())) * 1e3,
        (times.dropFirst().min() ?? times[0]) * 1e3))
    print("options checksum", String(format: "%.17g", checksum))
  case "grayscott":
    let n = args.count > 2 ? Int(args[2]) ?? 1024 : 1024
    let steps = args.count > 3 ? Int(args[3]) ?? 20 : 20
    try repeated("grayscott \(n) \(steps)", runs: runs) { "V checksum \(try grayscott(n, steps))" }
  case "jacobi":
    // jacobi n iterations (no reads inside the loop), or jacobi n iterations tolerance.
    let n = args.count > 2 ? Int(args[2]) ?? 2048 : 2048
    let limit = args.count > 3 ? Int(args[3]) ?? 25 : 25
    let tolerance = args.count > 4 ? Double(args[4]) ?? 0 : 0
    try repeated("jacobi \(n) \(limit) \(tolerance)", runs: runs) {
      let (steps, sum) = try jacobi(n, tolerance, limit)
      return "\(steps) steps, x checksum \(sum)"
    }
  default:
    print("usage: lazybench flush|blackscholes|grayscott|jacobi ...")
    exit(2)
  }
} catch {
  print("error: \(error)")
  exit(1)
}
