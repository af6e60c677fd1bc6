// The output check (OutputCheck, ErrorBounds, Agreement) rejects wrong results and accepts right
// ones, without a device.
//
// Every benchmark trace's reference results (the float32/float64 computation a device performs,
// in the reference's order) stand in for device values: as they are they pass, and with one
// element perturbed by 1e-3 (float32) or 1e-9 (float64) relative they fail. Small graphs cover
// the cases a looser or stricter model got wrong: float32 work cast to a float64 output, a
// float32 overflow, subnormal products (rounded or flushed), a sum whose exact value is 0, and
// a product of many factors.

import DRCDriver
import DRCIR
import DRCRuntime
import XCTest

final class OutputCheckTests: XCTestCase {
  static let benchmarks = [
    "blackscholes", "sincos", "contrived", "loglikelihood", "lstsqr", "harris", "grayscott",
    "cronbach", "jacobi",
  ]

  /// `values` with element `i` multiplied by `1 + relative`, in `like`'s dtype and shape.
  func perturbed(_ like: HostArray, at i: Int, by relative: Double) throws -> HostArray {
    if like.dtype == .float32 {
      var v = like.floats()
      v[i] *= Float(1 + relative)
      return try HostArray(v, shape: like.shape)
    }
    var v = like.doubles()
    v[i] *= 1 + relative
    return try HostArray(v, shape: like.shape)
  }

  func testEveryBenchmarkPassesUnperturbedAndFailsPerturbed() throws {
    for name in Self.benchmarks {
      let loaded = try LoadedTrace(path: Repo.path("traces/\(name).json"))
      let (inputs, _) = try loaded.inputs(seed: 0)
      let graph = loaded.graph
      let device = try Interpreter(graph: graph).run(inputs: inputs)
      let oracle = try OutputCheck.oracle(graph: graph, inputs: inputs)
      for verdict in OutputCheck.compare(graph: graph, oracle: oracle, device: device) {
        XCTAssertTrue(verdict.passes, "\(name): \(verdict)")
        XCTAssertTrue(verdict.description.hasSuffix(" ok"), verdict.description)
      }
      for output in graph.outputs {
        guard let value = device[output.name] else { return XCTFail("\(name): no output") }
        XCTAssertTrue(value.dtype.isFloat, "\(name).\(output.name)")
        let magnitudes = value.doubles().map(abs)
        let i = magnitudes.indices.max { magnitudes[$0] < magnitudes[$1] } ?? 0
        let relative = value.dtype == .float32 ? 1e-3 : 1e-9
        var wrong = device
        wrong[output.name] = try perturbed(value, at: i, by: relative)
        let verdicts = OutputCheck.compare(graph: graph, oracle: oracle, device: wrong)
        let verdict = verdicts.first { $0.name == output.name }
        XCTAssertEqual(
          verdict?.passes, false, "\(name).\(output.name) [\(i)]: \(String(describing: verdict))")
        XCTAssertEqual(verdict?.failures, 1, "\(name).\(output.name)")
        XCTAssertTrue(verdict?.description.hasSuffix("MISMATCH") ?? false)
      }
    }
  }

  /// A graph with float32 inputs `x`, `y` of `count` elements and output `out` built by `body`.
  func graph(
    _ count: Int, _ dtype: DType = .float32, _ body: (inout Graph, Int, Int) -> Int
  ) -> Graph {
    var g = Graph(name: "t")
    g.inputs = [
      InputDecl(name: "x", dtype: dtype, shape: [count]),
      InputDecl(name: "y", dtype: dtype, shape: [count]),
    ]
    let x = g.add(.input("x"), dtype: dtype, shape: [count])
    let y = g.add(.input("y"), dtype: dtype, shape: [count])
    g.outputs = [OutputDecl(name: "out", node: body(&g, x, y))]
    return g
  }

  func verdict(_ g: Graph, _ inputs: [String: HostArray], device: HostArray) throws
    -> OutputVerdict
  {
    let verdicts = try OutputCheck.check(graph: g, inputs: inputs, device: ["out": device])
    return try XCTUnwrap(verdicts.first)
  }

  func testFloat32WorkCastToFloat64KeepsItsFloat32Error() throws {
    let g = graph(64) { g, x, y in
      let m = g.add(.binary(.mul), [x, y], dtype: .float32, shape: [64])
      let s = g.add(.binary(.div), [m, x], dtype: .float32, shape: [64])
      let t = g.add(.binary(.add), [s, y], dtype: .float32, shape: [64])
      return g.add(.cast, [t], dtype: .float64, shape: [64])
    }
    let inputs = [
      "x": try HostArray((0..<64).map { Float($0) * 0.37 + 0.1 }, shape: [64]),
      "y": try HostArray((0..<64).map { Float($0) * 1.3 + 0.7 }, shape: [64]),
    ]
    let device = try XCTUnwrap(try Interpreter(graph: g).run(inputs: inputs)["out"])
    let v = try verdict(g, inputs, device: device)
    XCTAssertTrue(v.passes, "\(v)")
    XCTAssertGreaterThan(v.maxAbsoluteError, 0, "the float32 result must differ from the oracle")
    XCTAssertEqual(v.roundingOps, ["float32": 3])
    XCTAssertFalse(try verdict(g, inputs, device: try perturbed(device, at: 5, by: 1e-5)).passes)
  }

  func testFloat32OverflowToInfinityIsRight() throws {
    let g = graph(2) { g, x, y in g.add(.binary(.mul), [x, y], dtype: .float32, shape: [2]) }
    let inputs = [
      "x": try HostArray([Float(1e30), 2], shape: [2]),
      "y": try HostArray([Float(1e30), 3], shape: [2]),
    ]
    let device = try XCTUnwrap(try Interpreter(graph: g).run(inputs: inputs)["out"])
    XCTAssertEqual(device.floats()[0], .infinity)
    XCTAssertTrue(try verdict(g, inputs, device: device).passes)
    for wrong: Float in [-.infinity, 0, .greatestFiniteMagnitude] {
      let v = try verdict(g, inputs, device: try HostArray([wrong, 6], shape: [2]))
      XCTAssertFalse(v.passes, "\(wrong): \(v)")
    }
  }

  func testSubnormalProductsRoundedOrFlushedPass() throws {
    let g = graph(3) { g, x, y in g.add(.binary(.mul), [x, y], dtype: .float32, shape: [3]) }
    let inputs = [
      "x": try HostArray([Float(1e-20), 3e-21, 1e-3], shape: [3]),
      "y": try HostArray([Float(1e-20), 7e-19, 2e-36], shape: [3]),
    ]
    let device = try XCTUnwrap(try Interpreter(graph: g).run(inputs: inputs)["out"])
    XCTAssertTrue(device.floats()[0].isSubnormal)
    XCTAssertTrue(try verdict(g, inputs, device: device).passes)
    let flushed = try HostArray([Float(0), 0, 0], shape: [3])
    XCTAssertTrue(try verdict(g, inputs, device: flushed).passes)
    let wrong = try HostArray([0, 0, Float(1e-30)], shape: [3])
    XCTAssertFalse(try verdict(g, inputs, device: wrong).passes)
  }

  func testSumWithExactResultZeroIsBoundedByItsCancellation() throws {
    let g = graph(4) { g, x, _ in
      g.add(.reduce(.sum, axes: [0], keepdims: false), [x], dtype: .float32, shape: [])
    }
    let inputs = [
      "x": try HostArray([Float(1e8), 1, -1e8, -1], shape: [4]),
      "y": try HostArray([Float(0), 0, 0, 0], shape: [4]),
    ]
    // In order, in float32: 1e8 + 1 rounds to 1e8, so the sum ends at -1.
    let v = try verdict(g, inputs, device: try HostArray([Float(-1)], shape: []))
    XCTAssertTrue(v.passes, "\(v)")
    XCTAssertTrue(v.maxAbsoluteError.isFinite)
    XCTAssertFalse(try verdict(g, inputs, device: try HostArray([Float(100)], shape: [])).passes)
  }

  func testProductToleranceGrowsWithItsFactors() throws {
    let n = 4000
    let g = graph(n, .float64) { g, x, _ in
      g.add(.reduce(.prod, axes: [0], keepdims: false), [x], dtype: .float64, shape: [])
    }
    var rng = SplitMix64(seed: 3)
    let xs = (0..<n).map { _ in 1 + (rng.nextUnit() - 0.5) * 2e-3 }
    let inputs = [
      "x": try HostArray(xs, shape: [n]), "y": try HostArray(xs, shape: [n]),
    ]
    // The device's order differs from the reference's: multiply from the end.
    let reversed = xs.reversed().reduce(1.0, *)
    let v = try verdict(g, inputs, device: try HostArray([reversed], shape: []))
    XCTAssertTrue(v.passes, "\(v)")
    XCTAssertGreaterThan(v.bound, Double(n - 1) * 0x1p-53 * abs(reversed))
    let wrong = try HostArray([reversed * (1 + 1e-9)], shape: [])
    XCTAssertFalse(try verdict(g, inputs, device: wrong).passes)
  }

  func testIntegerOutputsMustMatchExactly() throws {
    let g = graph(4, .int32) { g, x, y in g.add(.binary(.add), [x, y], dtype: .int32, shape: [4]) }
    let inputs = [
      "x": try HostArray([Int32(1), 2, 3, 4], shape: [4]),
      "y": try HostArray([Int32(5), 6, 7, 8], shape: [4]),
    ]
    XCTAssertTrue(
      try verdict(g, inputs, device: try HostArray([Int32(6), 8, 10, 12], shape: [4])).passes)
    let v = try verdict(g, inputs, device: try HostArray([Int32(6), 8, 11, 12], shape: [4]))
    XCTAssertFalse(v.passes)
    XCTAssertEqual(v.firstFailure, [2])
  }
}
