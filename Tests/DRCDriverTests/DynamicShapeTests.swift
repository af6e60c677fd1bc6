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

  func testTwoDimensionalStencilsAreRefusedWithThePlace() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try record("grayscott", ["16", "2"], in: dir, as: "a.json")
    let b = try record("grayscott", ["20", "2"], in: dir, as: "b.json")
    let run = try Repo.run("drc", ["compile", a, b, "--output-dir", dir.path])
    XCTAssertEqual(run.status, 1)
    // Its initial square (n / 2 - r, r = n / 15) is not affine in n: the error names the kernel,
    // the trace nodes and their source lines, and what differs.
    XCTAssertTrue(run.stderr.contains("cannot be unified in kernel"), run.stderr)
    XCTAssertTrue(run.stderr.contains("grayscott/main.swift:"), run.stderr)
    XCTAssertTrue(
      run.stderr.contains("at size 16") && run.stderr.contains("at size 20"), run.stderr)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("grayscott.plan.json").path)
    )
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
