// The pass manager: verification before and after passes, dumps, and dead-code elimination.

import DRCIR
import DRCTrace
import XCTest

@testable import DRCOpt

/// A deliberately broken pass: it changes a node's shape without fixing its users.
private struct BreakShapes: Pass {
  var name: String { "break-shapes" }
  func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var g = graph
    if let i = g.nodes.indices.last { g.nodes[i].shape = [g.nodes[i].count + 1] }
    return g
  }
}

final class PassManagerTests: XCTestCase {
  /// `y = sin(x) + 1` plus a dead `cos(x)`, read back once.
  func sample() -> Graph {
    var g = Graph(name: "t", inputs: [InputDecl(name: "x", dtype: .float32, shape: [4])])
    let x = g.add(.input("x"), dtype: .float32, shape: [4])
    _ = g.add(.unary(.cos), [x], dtype: .float32, shape: [4], loc: "a.swift:2")
    let s = g.add(.unary(.sin), [x], dtype: .float32, shape: [4])
    let one = g.add(.full(.float(1)), dtype: .float32, shape: [])
    let y = g.add(.binary(.add), [s, one], dtype: .float32, shape: [4])
    g.outputs = [OutputDecl(name: "y", node: y)]
    g.readbacks = [Readback(node: y, position: 5, kind: "array")]
    return g
  }

  func testDeadCodeIsRemovedAndInterfaceRemapped() throws {
    let (g, timings) = try PassManager(passes: [DeadCodeElimination()]).run(
      sample(), context: PassContext())
    XCTAssertEqual(g.nodes.map(\.op.name), ["input", "sin", "full", "add"])
    XCTAssertEqual(g.outputs, [OutputDecl(name: "y", node: 3)])
    XCTAssertEqual(g.readbacks.map(\.position), [4])
    XCTAssertEqual(timings.map(\.pass), ["dce"])
    XCTAssertEqual(timings.first?.nodes, 4)
  }

  func testBrokenPassIsReportedByName() {
    XCTAssertThrowsError(
      try PassManager(passes: [BreakShapes()]).run(sample(), context: PassContext())
    ) {
      guard let error = $0 as? PassError else { return XCTFail("wrong error \($0)") }
      XCTAssertEqual(error.pass, "break-shapes")
      XCTAssertTrue(error.description.contains("node 4"), error.description)
    }
  }

  func testInvalidInputNeverReachesPasses() {
    var g = sample()
    g.nodes[2].shape = [5]
    XCTAssertThrowsError(try PassManager(passes: [BreakShapes()]).run(g, context: PassContext())) {
      XCTAssertTrue($0 is TraceError, "expected the verifier's error, got \($0)")
    }
  }

  func testDumpAfterPrintsTheIR() throws {
    var manager = PassManager(passes: [DeadCodeElimination()])
    manager.dumpAfter = ["dce"]
    var dumped = ""
    manager.dump = { dumped += $0 }
    _ = try manager.run(sample(), context: PassContext())
    XCTAssertTrue(dumped.hasPrefix("// after dce: 4 nodes"), dumped)
    XCTAssertFalse(dumped.contains("cos"))
  }
}
