// StubApp: calls the Black-Scholes stub that DRCStubPlugin generated from blackscholes.json,
// on two input sets with different parameters, and checks every element against a plain-Swift
// float64 Black-Scholes. Prints one line per call and `StubApp: OK`; exits 1 on any mismatch
// and 2 when the program cannot load or run (no OpenCL device, for instance).
//
// The plugin compiles the two recordings of the program (256 and 512 options, blackscholes.json
// and blackscholes-512.json) into one stub whose inputs may have any length; the app calls it at
// 256 and at three sizes it was not recorded at. It then calls a 2-D stub, Harris, at two image
// resolutions it was not recorded at (HarrisCheck.swift).

import Foundation

/// Black-Scholes call and put prices in float64: the reference the device results must match.
func blackScholes(s: Double, k: Double, t: Double, r: Double, v: Double) -> (
  call: Double, put: Double
) {
  func n(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
  let d1 = (log(s / k) + (r + v * v / 2) * t) / (v * t.squareRoot())
  let d2 = d1 - v * t.squareRoot()
  return (s * n(d1) - k * exp(-r * t) * n(d2), k * exp(-r * t) * n(-d2) - s * n(-d1))
}

/// A small deterministic generator (SplitMix64), so every run checks the same inputs.
struct SplitMix64: RandomNumberGenerator {
  /// The generator's state.
  var state: UInt64
  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One call's inputs: prices, strikes, maturities, the rate and the volatility.
struct Case {
  var label: String
  var s: [Float], k: [Float], t: [Float]
  var r: Float, v: Float
}

/// Counts the elements of one output that differ from the reference by more than 1e-4 relative.
func mismatches(_ got: [Float], _ want: [Double], name: String, label: String) -> Int {
  var bad = 0
  for (i, (g, w)) in zip(got, want).enumerated() where abs(Double(g) - w) > 1e-4 * max(1, abs(w)) {
    if bad < 5 { print("StubApp: \(label) \(name)[\(i)] = \(g), expected \(w)") }
    bad += 1
  }
  if got.count != want.count {
    print("StubApp: \(label) \(name) has \(got.count) values, expected \(want.count)")
    bad += 1
  }
  return bad
}

/// Runs both cases; returns the number of mismatching elements.
func run() throws -> Int {
  let bs = try Blackscholes()
  var rng = SplitMix64(state: 2024)
  let n = 256
  func random(_ count: Int, r: Float, v: Float) -> Case {
    Case(
      label: "\(count) options (r=\(r), v=\(v))",
      s: (0..<count).map { _ in Float.random(in: 5...30, using: &rng) },
      k: (0..<count).map { _ in Float.random(in: 1...100, using: &rng) },
      t: (0..<count).map { _ in Float.random(in: 0.25...10, using: &rng) }, r: r, v: v)
  }
  var cases = [
    Case(
      label: "call 1 (r=0.02, v=0.30)",
      s: (0..<n).map { _ in Float.random(in: 5...30, using: &rng) },
      k: (0..<n).map { _ in Float.random(in: 1...100, using: &rng) },
      t: (0..<n).map { _ in Float.random(in: 0.25...10, using: &rng) }, r: 0.02, v: 0.30),
    Case(
      label: "call 2 (r=0.05, v=0.20)",
      s: (0..<n).map { Float(10 + $0 % 50) }, k: (0..<n).map { Float(20 + $0 % 31) },
      t: (0..<n).map { Float(1 + $0 % 7) * 0.5 }, r: 0.05, v: 0.20),
  ]
  // Sizes it was not recorded at (256 and 512): the stub's inputs may have any length.
  cases += [
    random(100, r: 0.03, v: 0.25), random(1000, r: 0.02, v: 0.3), random(4099, r: 0.04, v: 0.35),
  ]
  var total = 0
  for c in cases {
    let n = c.s.count
    let out = try bs(S: c.s, K: c.k, T: c.t, r: c.r, v: c.v)
    let reference = (0..<n).map {
      blackScholes(
        s: Double(c.s[$0]), k: Double(c.k[$0]), t: Double(c.t[$0]), r: Double(c.r), v: Double(c.v))
    }
    let bad =
      mismatches(out.call, reference.map(\.call), name: "call", label: c.label)
      + mismatches(out.put, reference.map(\.put), name: "put", label: c.label)
    print(
      "StubApp: \(c.label): \(n) options, call[0]=\(out.call[0]) put[0]=\(out.put[0]), \(bad) mismatches"
    )
    total += bad
  }
  return total + (try runHarris())
}

/// `StubApp --calls N`: times N calls with the same small inputs, returning new arrays and then
/// writing into one `Outputs` kept across calls, and prints calls per second (the host-side cost
/// per call: argument checks, buffers, launches, waits, results). Each form runs in five
/// alternating rounds; the median round is printed.
func benchmark(_ calls: Int) throws {
  let bs = try Blackscholes()
  let s = [Float](repeating: 20, count: 256)
  let k = [Float](repeating: 25, count: 256)
  let t = [Float](repeating: 2, count: 256)
  var outputs = try bs(S: s, K: k, T: t)
  var times: [String: [Double]] = [:]
  for _ in 0..<5 {
    var start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<calls { _ = try bs(S: s, K: k, T: t) }
    times["new arrays", default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start))
    start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<calls { try bs(S: s, K: k, T: t, into: &outputs) }
    times["into: the caller's", default: []].append(
      Double(DispatchTime.now().uptimeNanoseconds - start))
  }
  for form in ["new arrays", "into: the caller's"] {
    let seconds = (times[form] ?? []).sorted()[2] / 1e9
    print(
      String(
        format: "StubApp: %d calls (%@) in %.3f s: %.0f calls/s, %.1f us per call", calls, form,
        seconds, Double(calls) / seconds, seconds / Double(calls) * 1e6))
  }
}

let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "--calls", let calls = Int(arguments[2]), calls > 0 {
  do {
    try benchmark(calls)
    exit(0)
  } catch {
    print("StubApp: error: \(error)")
    exit(2)
  }
}

do {
  let bad = try run()
  if bad > 0 {
    print("StubApp: FAILED (\(bad) mismatches)")
    exit(1)
  }
  print("StubApp: OK")
} catch {
  print("StubApp: error: \(error)")
  exit(2)
}
