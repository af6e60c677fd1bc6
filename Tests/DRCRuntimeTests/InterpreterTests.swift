// Tests of whole-graph interpretation: inputs, params, outputs, checks and saved data.

import DRCIR
import DRCTrace
import XCTest

@testable import DRCRuntime

final class InterpreterTests: XCTestCase {
  /// y = x * s + 1 with x: float32[3], s a float32 param recorded as 2.
  func makeGraph() -> Graph {
    var g = Graph(
      name: "t", inputs: [InputDecl(name: "x", dtype: .float32, shape: [3])],
      params: [ParamDecl(name: "s", dtype: .float32, value: .float(2))])
    let x = g.add(.input("x"), dtype: .float32, shape: [3])
    let s = g.add(.param("s"), dtype: .float32, shape: [])
    let m = g.add(.binary(.mul), [x, s], dtype: .float32, shape: [3])
    let one = g.add(.full(.float(1)), dtype: .float32, shape: [])
    let y = g.add(.binary(.add), [m, one], dtype: .float32, shape: [3], loc: "prog.py:3")
    g.outputs = [OutputDecl(name: "y", node: y)]
    return g
  }

  func testRunWithParams() throws {
    let interp = Interpreter(graph: makeGraph())
    let x = try f32([1, 2, 3], [3])
    XCTAssertEqual(try interp.run(inputs: ["x": x])["y"]?.floats(), [3, 5, 7])
    XCTAssertEqual(
      try interp.run(inputs: ["x": x], params: ["s": .float(-1)])["y"]?.floats(), [0, -1, -2])
    XCTAssertThrowsError(try interp.run(inputs: ["x": x], params: ["nope": .float(1)]))
    let all = try interp.runAll(inputs: ["x": x])
    XCTAssertEqual(all.count, 5)
    XCTAssertEqual(all[2].floats(), [2, 4, 6])
  }

  func testInputChecks() throws {
    let interp = Interpreter(graph: makeGraph())
    XCTAssertThrowsError(try interp.run(inputs: ["x": try f32([1, 2], [2])])) {
      XCTAssertTrue("\($0)".contains("input 'x'"), "\($0)")
    }
    XCTAssertThrowsError(try interp.run(inputs: ["x": try f64([1, 2, 3], [3])]))
    XCTAssertThrowsError(try interp.run(inputs: [:])) {
      XCTAssertTrue("\($0)".contains("'x'"), "\($0)")
    }
  }

  func testOracleAndRandomInputs() throws {
    let g = makeGraph()
    let inputs = try Interpreter.randomInputs(graph: g, seed: 7)
    XCTAssertEqual(
      inputs["x"]?.floats(), try Interpreter.randomInputs(graph: g, seed: 7)["x"]?.floats())
    let oracle = try Interpreter(graph: g, options: InterpreterOptions(float64Oracle: true)).run(
      inputs: inputs)
    XCTAssertEqual(oracle["y"]?.dtype, .float64)
    let x = try XCTUnwrap(inputs["x"]).doubles()
    XCTAssertEqual(oracle["y"]?.doubles(), x.map { $0 * 2 + 1 })
  }

  func testErrorNamesNode() throws {
    var g = Graph(name: "bad")
    let a = g.add(.full(.int(1)), dtype: .int32, shape: [2])
    let b = g.add(.full(.int(1)), dtype: .int32, shape: [3])
    let c = g.add(.binary(.add), [a, b], dtype: .int32, shape: [3], loc: "main.swift:12")
    g.outputs = [OutputDecl(name: "c", node: c)]
    XCTAssertThrowsError(try Interpreter(graph: g).run(inputs: [:])) {
      XCTAssertTrue("\($0)".hasPrefix("node 2 (add) at main.swift:12:"), "\($0)")
    }
  }

  func testSavedInputs() throws {
    let x = try f32([1.5, -2, 4], [3])
    var g = makeGraph()
    g.inputs[0].data = TraceData.inline(x.littleEndianBytes())
    let loaded = try Interpreter.savedInputs(graph: g, traceDirectory: nil)
    XCTAssertEqual(loaded["x"]?.floats(), [1.5, -2, 4])
    XCTAssertEqual(try Interpreter(graph: g).run(inputs: loaded)["y"]?.floats(), [4, -3, 9])
  }
}
