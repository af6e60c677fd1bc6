// Symbolic lengths from hand-written traces: a plain `x.sum()`, inputs related by `n + 2`, the
// guards a call goes through, and the errors naming the program when recordings cannot be
// unified.

import DRCCodegen
import DRCDriver
import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class SymbolicRelationTests: XCTestCase {
  /// A trace of `s = sum(x + y[1:n+1])`, `z = x + y[1:n+1]` with x float64[n], y float64[n+2];
  /// `scale`, when given, gives a constant of n that multiplies z (a size baked into the
  /// program).
  func trace(_ n: Int, scale: ((Int) -> Double)? = nil) -> String {
    let scaled =
      scale.map { f in
        """
        {"id": 4, "op": "full", "args": [], "dtype": "float64", "shape": [], "attrs": {"value": "\(String(format: "%a", f(n)))"}, "loc": "t.swift:6"},
        {"id": 5, "op": "mul", "args": [3, 4], "dtype": "float64", "shape": [\(n)], "loc": "t.swift:6"},
        """
      } ?? ""
    let z = scale == nil ? 3 : 5
    let sum = scale == nil ? 4 : 6
    return """
      {"format": "drc-trace", "version": 1, "producer": "drc 0.1.0", "program": "relsum",
       "inputs": [{"name": "x", "dtype": "float64", "shape": [\(n)]},
                  {"name": "y", "dtype": "float64", "shape": [\(n + 2)]}],
       "params": [],
       "nodes": [
        {"id": 0, "op": "input", "args": [], "dtype": "float64", "shape": [\(n)], "attrs": {"name": "x"}, "loc": "t.swift:2"},
        {"id": 1, "op": "input", "args": [], "dtype": "float64", "shape": [\(n + 2)], "attrs": {"name": "y"}, "loc": "t.swift:3"},
        {"id": 2, "op": "slice", "args": [1], "dtype": "float64", "shape": [\(n)], "attrs": {"slice": [{"start": 1, "stop": \(n + 1), "step": 1}]}, "loc": "t.swift:4"},
        {"id": 3, "op": "add", "args": [0, 2], "dtype": "float64", "shape": [\(n)], "loc": "t.swift:5"},
        \(scaled)
        {"id": \(sum), "op": "sum", "args": [\(z)], "dtype": "float64", "shape": [], "attrs": {"axes": [0]}, "loc": "t.swift:7"}
       ],
       "outputs": [{"name": "z", "node": \(z)}, {"name": "s", "node": \(sum)}],
       "readbacks": []}
      """
  }

  func testSumOverNAndAnNPlus2InputRunAtUnrecordedLengths() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // 1000 and 1536 straddle the length at which a fixed-size plan changes reduction strategy.
    let a = try Repo.write(trace(1000), "a.json", in: dir)
    let b = try Repo.write(trace(1536), "b.json", in: dir)
    let c = try DynamicCompilation.make(paths: [a, b], options: CompileOptions())
    let symbol = try XCTUnwrap(c.plan.symbol)
    XCTAssertEqual(symbol.recorded, [1000, 1536])
    XCTAssertEqual(
      symbol.inputRelations.map { "\($0.input):\($0.site.relation("n"))" }, ["0:n", "1:n + 2"])
    // The scalar result's fixed bytes make the byte totals affine, not proportional.
    XCTAssertTrue(
      symbol.sites.contains { $0.path == ["stats", "bytesMoved"] && ($0.offset ?? 0) != 0 },
      "\(symbol.sites)")
    XCTAssertTrue(c.plan.kernels.contains { $0.strategy == .partials && $0.dynamic == true })
    let source = try Emission.source(of: c, requireCheck: false)
    let json = String(decoding: try c.plan.jsonData(), as: UTF8.self)
    let stub: CompiledProgram
    do { stub = try CompiledProgram(planJSON: json, source: source, device: "0") } catch let e
      as CLError
    {
      throw XCTSkip("OpenCL unavailable: \(e)")
    }
    for n in [1, 2, 255, 257, 4099] {
      let path = try Repo.write(trace(n), "run\(n).json", in: dir)
      let loaded = try LoadedTrace(path: path)
      let inputs = try loaded.inputs(seed: UInt64(n)).values
      let want = try Interpreter(graph: loaded.graph).run(inputs: inputs)
      let got = try stub.call(inputs: inputs, params: [:])
      let (z, wz) = (try XCTUnwrap(got["z"]).doubles(), try XCTUnwrap(want["z"]).doubles())
      XCTAssertEqual(z, wz, "n = \(n): z")
      let (s, ws) = (try XCTUnwrap(got["s"]).doubles(), try XCTUnwrap(want["s"]).doubles())
      XCTAssertEqual(s.count, 1)
      XCTAssertEqual(s.first ?? .nan, ws.first ?? 0, accuracy: 1e-9 * max(1, abs(ws.first ?? 0)))
    }
    // Guards: a call breaking a relation throws naming the input and the relation.
    func call(_ nx: Int, _ ny: Int) throws {
      _ = try stub.call(
        inputs: [
          "x": try stub.input("x", [Double](repeating: 1, count: nx), shape: [nx]),
          "y": try stub.input("y", [Double](repeating: 1, count: ny), shape: [ny]),
        ], params: [:])
    }
    XCTAssertThrowsError(try call(10, 13)) {
      XCTAssertTrue(
        "\($0)".contains("input 'y' has length 13, but it must be n + 2 = 12 (n = 10 from 'x')"),
        "\($0)")
    }
    XCTAssertThrowsError(try call(0, 2)) {
      XCTAssertTrue("\($0)".contains("input 'x' has length 0, which is not n"), "\($0)")
    }
    XCTAssertNoThrow(try call(10, 12))
  }

  func testRecordingsThatCannotBeUnifiedNameTheNodeAndLine() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A constant sqrt(n) fits no formula of n that drc infers.
    let a = try Repo.write(trace(100, scale: { Double($0).squareRoot() }), "a.json", in: dir)
    let b = try Repo.write(trace(300, scale: { Double($0).squareRoot() }), "b.json", in: dir)
    XCTAssertThrowsError(try DynamicCompilation.make(paths: [a, b], options: CompileOptions())) {
      let message = "\($0)"
      XCTAssertTrue(message.contains("cannot be unified in kernel"), message)
      XCTAssertTrue(message.contains("mul at t.swift:6"), message)
      XCTAssertTrue(message.contains("at size 100") && message.contains("at size 300"), message)
    }
  }

  func testExplainShowsRelationsAndWhereTheSymbolAppears() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try Repo.write(trace(1000), "a.json", in: dir)
    let b = try Repo.write(trace(1536), "b.json", in: dir)
    let run = try Repo.run("drc", ["explain", a, b])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try Repo.run("drc", ["explain", "--json", a, b])
    XCTAssertEqual(json.status, 0, json.stderr)
    XCTAssertTrue(json.stdout.contains("\"symbols\""), json.stdout)
    XCTAssertTrue(json.stdout.contains("\"offset\" : 2"), json.stdout)
    for text in [
      "symbolic length n (recorded 1000 and 1536): input x[n], y[n + 2]",
      "relations checked at every call: n >= 1, x axis 0 = n, y axis 0 = n + 2",
      "outputs: z[n]", "kernel extents:", "totals: ", "bytesMoved = ",
    ] {
      XCTAssertTrue(run.stdout.contains(text), "missing '\(text)' in:\n\(run.stdout)")
    }
  }

  /// A program with no input whose sizes come from a parameter of its own (`full([n], 2) * s`
  /// and its sum): n is an integer the program was run with.
  func generated(_ n: Int) -> String {
    """
    {"format": "drc-trace", "version": 1, "producer": "drc 0.1.0", "program": "gen",
     "inputs": [], "params": [{"name": "s", "dtype": "float64", "value": "0x1.8p+1"}],
     "nodes": [
      {"id": 0, "op": "full", "args": [], "dtype": "float64", "shape": [\(n)], "attrs": {"value": "0x1p+1"}, "loc": "gen.swift:2"},
      {"id": 1, "op": "param", "args": [], "dtype": "float64", "shape": [], "attrs": {"name": "s"}, "loc": "gen.swift:3"},
      {"id": 2, "op": "mul", "args": [0, 1], "dtype": "float64", "shape": [\(n)], "loc": "gen.swift:4"},
      {"id": 3, "op": "sum", "args": [2], "dtype": "float64", "shape": [], "attrs": {"axes": [0]}, "loc": "gen.swift:5"}
     ],
     "outputs": [{"name": "y", "node": 2}, {"name": "t", "node": 3}],
     "readbacks": []}
    """
  }

  func testSizesFromAParameterAreGivenByTheCaller() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try Repo.write(generated(10), "a.json", in: dir)
    let b = try Repo.write(generated(30), "b.json", in: dir)
    let c = try DynamicCompilation.make(paths: [a, b], options: CompileOptions())
    let symbol = try XCTUnwrap(c.plan.symbol)
    XCTAssertEqual(symbol.given, true)
    XCTAssertTrue(symbol.inputRelations.isEmpty)
    let json = String(decoding: try c.plan.jsonData(), as: UTF8.self)
    let source = try Emission.source(of: c, requireCheck: false)
    let swift = try SwiftStubEmitter.emit(
      plan: c.plan, source: source, planJSON: json, traceName: "a.json", drcVersion: "0.1.0")
    XCTAssertTrue(swift.contains("callAsFunction(n: Int, s: Double = "), swift)
    XCTAssertTrue(swift.contains("sizes: [\"n\": n])"), swift)
    let stub: CompiledProgram
    do { stub = try CompiledProgram(planJSON: json, source: source, device: "0") } catch let e
      as CLError
    {
      throw XCTSkip("OpenCL unavailable: \(e)")
    }
    for n in [1, 7, 2049] {
      let loaded = try LoadedTrace(path: try Repo.write(generated(n), "run\(n).json", in: dir))
      let want = try Interpreter(graph: loaded.graph).run(inputs: [:], params: ["s": .float(0.5)])
      let got = try stub.call(inputs: [:], params: ["s": .float(0.5)], sizes: ["n": n])
      XCTAssertEqual(try XCTUnwrap(got["y"]).doubles(), try XCTUnwrap(want["y"]).doubles())
      XCTAssertEqual(try XCTUnwrap(got["t"]).doubles(), try XCTUnwrap(want["t"]).doubles())
    }
    XCTAssertThrowsError(try stub.call(inputs: [:], params: [:])) {
      XCTAssertTrue("\($0)".contains("size n is not given"), "\($0)")
    }
    XCTAssertThrowsError(try stub.call(inputs: [:], params: [:], sizes: ["n": 0])) {
      XCTAssertTrue("\($0)".contains("must be at least 1"), "\($0)")
    }
  }
}
