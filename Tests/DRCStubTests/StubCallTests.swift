// Calling generated stubs as an application would: Black-Scholes against plain Swift, repeated
// calls, calls writing into the caller's arrays, guard errors naming the input or output, and a
// stub per benchmark trace that loads and runs.

import DRCReplay
import Foundation
import XCTest

final class StubCallTests: XCTestCase {
  func skipWithoutOpenCL(_ body: () throws -> Void) throws {
    do { try body() } catch let error where "\(error)".contains("no OpenCL platform") {
      throw XCTSkip("OpenCL unavailable (CI installs PoCL): \(error)")
    }
  }

  /// Black-Scholes call and put in plain Swift (float64), the stub's reference.
  func blackScholes(_ s: Float, _ k: Float, _ t: Float, r: Double, v: Double) -> (Double, Double) {
    let (s, k, t) = (Double(s), Double(k), Double(t))
    func n(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
    let d1 = (log(s / k) + (r + v * v / 2) * t) / (v * t.squareRoot())
    let d2 = d1 - v * t.squareRoot()
    return (s * n(d1) - k * exp(-r * t) * n(d2), k * exp(-r * t) * n(-d2) - s * n(-d1))
  }

  func testBlackScholesStubMatchesPlainSwift() throws {
    try skipWithoutOpenCL {
      let bs = try Blackscholes()
      var rng = SystemRandomNumberGenerator()
      for (r, v) in [(Float(0.02), Float(0.30)), (Float(0.05), Float(0.2))] {
        let s = (0..<256).map { _ in Float.random(in: 5...30, using: &rng) }
        let k = (0..<256).map { _ in Float.random(in: 1...100, using: &rng) }
        let t = (0..<256).map { _ in Float.random(in: 0.25...10, using: &rng) }
        let out = try bs(S: s, K: k, T: t, r: r, v: v)
        for i in 0..<256 {
          let (call, put) = blackScholes(s[i], k[i], t[i], r: Double(r), v: Double(v))
          XCTAssertEqual(Double(out.call[i]), call, accuracy: 1e-4 * max(1, abs(call)), "call \(i)")
          XCTAssertEqual(Double(out.put[i]), put, accuracy: 1e-4 * max(1, abs(put)), "put \(i)")
        }
      }
    }
  }

  func testGuardsNameTheInput() throws {
    try skipWithoutOpenCL {
      let bs = try Blackscholes()
      let ok = [Float](repeating: 10, count: 256)
      XCTAssertThrowsError(try bs(S: [1, 2, 3], K: ok, T: ok)) {
        XCTAssertEqual("\($0)", "input 'S' has 3 values for shape [256]")
      }
      XCTAssertThrowsError(
        try bs.program.input("K", [Double](repeating: 1, count: 256), shape: [256])
      ) {
        XCTAssertEqual("\($0)", "input 'K' must be float32, not float64")
      }
      XCTAssertThrowsError(try bs.program.input("T", ok, shape: [16, 16])) {
        XCTAssertEqual("\($0)", "input 'T' must have shape [256], not [16, 16]")
      }
    }
  }

  func testEveryBenchmarkStubLoadsAndRuns() throws {
    try skipWithoutOpenCL {
      let sin = try Sincos()
      let d = (0..<1000).map { Double($0) * 0.01 }
      let result = try sin(d: d).result
      for i in stride(from: 0, to: 1000, by: 97) {
        XCTAssertEqual(
          result[i],
          Foundation.sin(d[i]) * Foundation.sin(d[i]) + Foundation.cos(d[i]) * Foundation.cos(d[i]),
          accuracy: 1e-12)
      }
      _ = try Contrived()
      _ = try Grayscott()
      _ = try Harris()
      _ = try Loglikelihood()
      _ = try Lstsqr()
      _ = try Cronbach()
      _ = try Jacobi()
      _ = try BlackscholesSmall()
    }
  }

  func testCallsIntoTheCallersArraysMatchCallsReturningNewOnes() throws {
    try skipWithoutOpenCL {
      let bs = try Blackscholes()
      var outputs = Blackscholes.Outputs(
        call: [Float](repeating: .nan, count: 256), put: [Float](repeating: .nan, count: 256))
      let ok256 = [Float](repeating: 10, count: 256)
      for seed in 0..<3 {
        let s = (0..<256).map { Float(5 + ($0 * 7 + seed * 13) % 25) }
        let k = (0..<256).map { Float(1 + ($0 * 11 + seed) % 99) }
        let t = (0..<256).map { Float(1 + ($0 + seed) % 9) * 0.5 }
        // The same arrays are written again by every call.
        try bs(S: s, K: k, T: t, r: 0.03, v: 0.25, into: &outputs)
        let fresh = try bs(S: s, K: k, T: t, r: 0.03, v: 0.25)
        XCTAssertEqual(outputs.call.map(\.bitPattern), fresh.call.map(\.bitPattern), "seed \(seed)")
        XCTAssertEqual(outputs.put.map(\.bitPattern), fresh.put.map(\.bitPattern), "seed \(seed)")
      }
      // The recorded program read both results back; a call neither reads those read points
      // nor, where the device shares host memory, copies any byte.
      XCTAssertTrue(bs.program.plan.steps.contains { $0.kind == .readback })
      let copied = bs.program.runner.copiedBytes
      try bs(S: ok256, K: ok256, T: ok256, into: &outputs)
      _ = try bs(S: ok256, K: ok256, T: ok256)
      if bs.program.runner.transferMode == .direct {
        XCTAssertEqual(bs.program.runner.copiedBytes, copied, "a direct call copied bytes")
      }
      var short = Blackscholes.Outputs(call: [0], put: [Float](repeating: 0, count: 256))
      let ok = [Float](repeating: 10, count: 256)
      XCTAssertThrowsError(try bs(S: ok, K: ok, T: ok, into: &short)) {
        XCTAssertEqual(
          "\($0)", "output 'call' is float32[256] (1024 bytes); the memory given has 4")
      }
      let sin = try Sincos()
      let d = (0..<1000).map { Double($0) * 0.01 }
      var result = Sincos.Outputs(result: [Double](repeating: 0, count: 1000))
      try sin(d: d, into: &result)
      XCTAssertEqual(result.result, try sin(d: d).result)
    }
  }
}
