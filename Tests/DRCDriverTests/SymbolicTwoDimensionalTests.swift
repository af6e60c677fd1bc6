// A 2-D program with non-square, related extents (an n x (n + 2) grid, a stencil-like pair of
// shifted slices, a row broadcast from an n-long vector) compiled from two recordings, run at
// unrecorded odd and small sizes through the stub's runtime path against the interpreter, and
// the guards a call goes through for each relation.

import DRCDriver
import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class SymbolicTwoDimensionalTests: XCTestCase {
  /// `d = 2 * A[1:, 2:] - A[:-1, :-2] + b` with A float64[n, n+2] and b float64[n].
  func trace(_ n: Int) -> String { trace(n, n) }

  /// The same with A float64[n, m+2] and b float64[m]: d is float64[n-1, m].
  func trace(_ n: Int, _ m: Int) -> String {
    """
    {"format": "drc-trace", "version": 1, "producer": "drc 0.1.0", "program": "grid",
     "inputs": [{"name": "A", "dtype": "float64", "shape": [\(n), \(m + 2)]},
                {"name": "b", "dtype": "float64", "shape": [\(m)]}],
     "params": [],
     "nodes": [
      {"id": 0, "op": "input", "args": [], "dtype": "float64", "shape": [\(n), \(m + 2)], "attrs": {"name": "A"}, "loc": "g.swift:2"},
      {"id": 1, "op": "input", "args": [], "dtype": "float64", "shape": [\(m)], "attrs": {"name": "b"}, "loc": "g.swift:3"},
      {"id": 2, "op": "slice", "args": [0], "dtype": "float64", "shape": [\(n - 1), \(m)], "attrs": {"slice": [{"start": 1, "stop": \(n), "step": 1}, {"start": 2, "stop": \(m + 2), "step": 1}]}, "loc": "g.swift:4"},
      {"id": 3, "op": "slice", "args": [0], "dtype": "float64", "shape": [\(n - 1), \(m)], "attrs": {"slice": [{"start": 0, "stop": \(n - 1), "step": 1}, {"start": 0, "stop": \(m), "step": 1}]}, "loc": "g.swift:5"},
      {"id": 4, "op": "full", "args": [], "dtype": "float64", "shape": [], "attrs": {"value": "0x1p+1"}, "loc": "g.swift:6"},
      {"id": 5, "op": "mul", "args": [2, 4], "dtype": "float64", "shape": [\(n - 1), \(m)], "loc": "g.swift:6"},
      {"id": 6, "op": "sub", "args": [5, 3], "dtype": "float64", "shape": [\(n - 1), \(m)], "loc": "g.swift:6"},
      {"id": 7, "op": "add", "args": [6, 1], "dtype": "float64", "shape": [\(n - 1), \(m)], "loc": "g.swift:7"}
     ],
     "outputs": [{"name": "d", "node": 7}],
     "readbacks": []}
    """
  }

  func testNonSquareGridRunsAtUnrecordedSizesAndChecksItsRelations() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try Repo.write(trace(12), "a.json", in: dir)
    let b = try Repo.write(trace(20), "b.json", in: dir)
    let c = try DynamicCompilation.make(paths: [a, b], options: CompileOptions())
    let symbol = try XCTUnwrap(c.plan.symbol)
    XCTAssertEqual(
      symbol.inputRelations.map { "\($0.input).\($0.axis):\($0.site.relation("n"))" }.sorted(),
      ["0.0:n", "0.1:n + 2", "1.0:n"])
    XCTAssertEqual(c.plan.kernels.map(\.symbolic), [true])
    let source = try Emission.source(of: c, requireCheck: false)
    // The OpenCL C spells no size: the same program for every n.
    XCTAssertFalse(
      source.contains("11L") || source.contains("12L") || source.contains("14L"), source)
    let json = String(decoding: try c.plan.jsonData(), as: UTF8.self)
    let stub: CompiledProgram
    do { stub = try CompiledProgram(planJSON: json, source: source, device: "0") } catch let e
      as CLError
    {
      throw XCTSkip("OpenCL unavailable: \(e)")
    }
    for n in [2, 3, 17, 64] {
      let loaded = try LoadedTrace(path: try Repo.write(trace(n), "run\(n).json", in: dir))
      let inputs = try loaded.inputs(seed: UInt64(n)).values
      let want = try XCTUnwrap(try Interpreter(graph: loaded.graph).run(inputs: inputs)["d"])
      let got = try XCTUnwrap(try stub.call(inputs: inputs, params: [:])["d"])
      XCTAssertEqual(got.shape, [n - 1, n])
      XCTAssertEqual(got.doubles(), want.doubles(), "n = \(n)")
    }
    func call(_ shape: [Int], _ nb: Int) throws {
      let count = shape.reduce(1, *)
      _ = try stub.call(
        inputs: [
          "A": try stub.input("A", [Double](repeating: 1, count: count), shape: shape),
          "b": try stub.input("b", [Double](repeating: 1, count: nb), shape: [nb]),
        ], params: [:])
    }
    XCTAssertNoThrow(try call([5, 7], 5))
    XCTAssertThrowsError(try call([5, 8], 5)) {
      XCTAssertTrue(
        "\($0)".contains(
          "input 'A' has length 8 along axis 1, but it must be n + 2 = 7 (n = 5 from 'A' along axis 0)"
        ), "\($0)")
    }
    XCTAssertThrowsError(try call([5, 7], 6)) {
      XCTAssertTrue("\($0)".contains("input 'b' has length 6"), "\($0)")
    }
    XCTAssertThrowsError(try call([5, 7, 1], 5)) {
      XCTAssertTrue("\($0)".contains("input 'A' must have shape [n, n + 2]"), "\($0)")
    }
    // n = 1 makes the output 0 x 1: nothing to compute, no out-of-bounds access.
    XCTAssertNoThrow(try call([1, 3], 1))
  }

  func testThreeRecordingsSeparateIndependentLengths() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r1 = try Repo.write(trace(12, 18), "r1.json", in: dir)
    let r2 = try Repo.write(trace(20, 26), "r2.json", in: dir)
    let r3 = try Repo.write(trace(12, 38), "r3.json", in: dir)
    // Two recordings cannot tell m from n + 6: one symbol, and a call breaking that is refused.
    let two = try DynamicCompilation.make(paths: [r1, r2], options: CompileOptions())
    XCTAssertEqual(two.plan.symbols.map(\.name), ["n"])
    // The third recording changes m alone: n and m are separate.
    let c = try DynamicCompilation.make(paths: [r1, r2, r3], options: CompileOptions())
    XCTAssertEqual(c.plan.symbols.map(\.name), ["n", "m"])
    XCTAssertEqual(c.plan.symbols.map(\.recorded), [[12, 20, 12], [18, 26, 38]])
    let text = try Explanation(c).table()
    XCTAssertTrue(
      text.contains(
        "symbolic lengths n (recorded 12 and 20 and 12), m (recorded 18 and 26 and 38)"),
      text)
    XCTAssertTrue(text.contains("A axis 1 = m + 2"), text)
    let round = try Plan.read(try c.plan.jsonData())
    XCTAssertEqual(round, c.plan, "two symbols survive the plan format")
    let json = String(decoding: try c.plan.jsonData(), as: UTF8.self)
    let source = try Emission.source(of: c, requireCheck: false)
    let stub: CompiledProgram
    let narrow: CompiledProgram
    do {
      stub = try CompiledProgram(planJSON: json, source: source, device: "0")
      narrow = try CompiledProgram(
        planJSON: String(decoding: try two.plan.jsonData(), as: UTF8.self),
        source: try Emission.source(of: two, requireCheck: false), device: "0")
    } catch let e as CLError {
      throw XCTSkip("OpenCL unavailable: \(e)")
    }
    for (n, m) in [(3, 7), (17, 5), (2, 64), (9, 9)] {
      let loaded = try LoadedTrace(path: try Repo.write(trace(n, m), "run\(n)x\(m).json", in: dir))
      let inputs = try loaded.inputs(seed: UInt64(n * 100 + m)).values
      let want = try XCTUnwrap(try Interpreter(graph: loaded.graph).run(inputs: inputs)["d"])
      let got = try XCTUnwrap(try stub.call(inputs: inputs, params: [:])["d"])
      XCTAssertEqual(got.shape, [n - 1, m])
      XCTAssertEqual(got.doubles(), want.doubles(), "n = \(n), m = \(m)")
      if m == n + 6 { continue }
      XCTAssertThrowsError(try narrow.call(inputs: inputs, params: [:])) {
        XCTAssertTrue("\($0)".contains("but it must be n + "), "\($0)")
      }
    }
  }
}
