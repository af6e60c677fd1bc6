// Shapes that vary: one plan from Black-Scholes recorded at two sizes runs at sizes it was not
// recorded at; programs whose sizes vary in ways drc cannot make symbolic are refused clearly.

import DRCDriver
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class DynamicShapeTests: XCTestCase {
  /// Records `program` with `arguments` into `directory` and returns the trace's path.
  func record(_ program: String, _ arguments: [String], in directory: URL, as name: String) throws
    -> String
  {
    let path = directory.appendingPathComponent(name).path
    let run = try Repo.run(
      "drc",
      ["record", "-o", path, "--", Repo.products.appendingPathComponent(program).path] + arguments)
    XCTAssertEqual(run.status, 0, run.stderr)
    return path
  }

  func testBlackScholesRunsAtSizesItWasNotRecordedAt() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let small = try record("blackscholes", ["300"], in: dir, as: "a.json")
    let large = try record("blackscholes", ["700"], in: dir, as: "b.json")
    let c = try DynamicCompilation.make(paths: [small, large], options: CompileOptions())
    let symbol = try XCTUnwrap(c.plan.symbol)
    XCTAssertEqual(symbol.recorded, [300, 700])
    XCTAssertEqual(symbol.inputAxes.count, 3, "S, K and T all have length n")
    XCTAssertEqual(c.plan.kernels.map(\.dynamic), [true])
    let source = try Emission.source(of: c, requireCheck: false)
    XCTAssertTrue(source.contains("const long n"), source)
    let context: CLContext
    do { context = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    let runner = try OpenCLPlanRunner(plan: c.plan, source: source, context: context, cache: nil)
    for n in [1, 97, 2048, 5003] {
      var rng = SplitMix64(seed: UInt64(n))
      func values(_ lo: Float, _ hi: Float) -> [Float] {
        (0..<n).map { _ in lo + (hi - lo) * Float(rng.nextUnit()) }
      }
      let (s, k, t) = (values(5, 30), values(1, 100), values(0.25, 10))
      let inputs = [
        "S": try HostArray(s, shape: [n]), "K": try HostArray(k, shape: [n]),
        "T": try HostArray(t, shape: [n]),
      ]
      let out = try runner.run(inputs: inputs, poison: true).outputs
      let call = try XCTUnwrap(out["call"]?.floats())
      XCTAssertEqual(call.count, n)
      for i in 0..<n {
        let (ds, dk, dt, r, v) = (Double(s[i]), Double(k[i]), Double(t[i]), 0.02, 0.30)
        let d1 = (log(ds / dk) + (r + v * v / 2) * dt) / (v * dt.squareRoot())
        let d2 = d1 - v * dt.squareRoot()
        func cdf(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
        let want = ds * cdf(d1) - dk * exp(-r * dt) * cdf(d2)
        XCTAssertEqual(
          Double(call[i]), want, accuracy: 1e-4 * max(1, abs(want)), "n=\(n) call[\(i)]")
      }
    }
    XCTAssertThrowsError(
      try runner.run(inputs: [
        "S": try HostArray([Float](repeating: 1, count: 5), shape: [5]),
        "K": try HostArray([Float](repeating: 1, count: 6), shape: [6]),
        "T": try HostArray([Float](repeating: 1, count: 5), shape: [5]),
      ])
    ) {
      XCTAssertTrue("\($0)".contains("input 'K' has length 6 but 'S' has 5"), "\($0)")
    }
  }

  /// A 2-D program whose slice starts at n / 2 (integer division in Swift): `x[n/2:, :].sum(0)`
  /// with x float64[n, n].
  func halfTrace(_ n: Int) -> String {
    """
    {"format": "drc-trace", "version": 1, "producer": "drc 0.1.0", "program": "half",
     "inputs": [{"name": "x", "dtype": "float64", "shape": [\(n), \(n)]}],
     "params": [],
     "nodes": [
      {"id": 0, "op": "input", "args": [], "dtype": "float64", "shape": [\(n), \(n)], "attrs": {"name": "x"}, "loc": "half.swift:2"},
      {"id": 1, "op": "slice", "args": [0], "dtype": "float64", "shape": [\(n - n / 2), \(n)], "attrs": {"slice": [{"start": \(n / 2), "stop": \(n), "step": 1}, {"start": 0, "stop": \(n), "step": 1}]}, "loc": "half.swift:3"},
      {"id": 2, "op": "sum", "args": [1], "dtype": "float64", "shape": [\(n)], "attrs": {"axes": [0]}, "loc": "half.swift:4"}
     ],
     "outputs": [{"name": "s", "node": 2}],
     "readbacks": []}
    """
  }

  func testSizesThatAreNotAffineAreRefusedWithThePlace() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.appendingPathComponent("a.json")
    let b = dir.appendingPathComponent("b.json")
    try Data(halfTrace(16).utf8).write(to: a)
    try Data(halfTrace(20).utf8).write(to: b)
    let run = try Repo.run("drc", ["compile", a.path, b.path, "--output-dir", dir.path])
    XCTAssertEqual(run.status, 1)
    // n / 2 is 8 at 16 and 10 at 20, not an integer multiple of n plus a constant: the error
    // names the kernel, the trace nodes and their source lines, and what differs.
    XCTAssertTrue(run.stderr.contains("cannot be unified in kernel"), run.stderr)
    XCTAssertTrue(run.stderr.contains("half.swift:"), run.stderr)
    XCTAssertTrue(
      run.stderr.contains("at size 16") && run.stderr.contains("at size 20"), run.stderr)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("half.plan.json").path))
  }

  func testExplainShowsTheSymbol() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try record("sincos", ["1000"], in: dir, as: "a.json")
    let b = try record("sincos", ["3000"], in: dir, as: "b.json")
    let run = try Repo.run("drc", ["explain", a, b])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(
      run.stdout.contains("symbolic length n (recorded 1000 and 3000): input d[n]"), run.stdout)
  }
}
