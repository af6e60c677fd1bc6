// Instantiating a plan with a symbolic length: sites rewritten, the result verified, and lengths
// the plan cannot take refused instead of run out of bounds.

import DRCIR
import DRCPlan
import DRCRuntime
import XCTest

@testable import DRCOpt

final class PlanSymbolTests: XCTestCase {
  /// `y = x[2:] * 2` over float32[n]: sites as `drc compile a.json b.json` would find them.
  func plan(_ n: Int) throws -> Plan {
    var g = Graph(name: "tail", inputs: [InputDecl(name: "x", dtype: .float32, shape: [n])])
    let x = g.add(.input("x"), dtype: .float32, shape: [n])
    let s = g.add(
      .slice([SliceRange(start: 2, stop: n, step: 1)]), [x], dtype: .float32, shape: [n - 2])
    let two = g.add(.full(.float(2)), dtype: .float32, shape: [])
    let y = g.add(.binary(.mul), [s, two], dtype: .float32, shape: [n - 2])
    g.outputs = [OutputDecl(name: "y", node: y)]
    return try PlanBuilder.build(g).0
  }

  func testInstantiationRewritesSitesAndVerifies() throws {
    var p = try plan(10)
    p.symbol = PlanSymbol(
      name: "n", recorded: [10],
      sites: [
        .init(path: ["inputs", "0", "shape", "0"], factor: 1),
        .init(path: ["buffers", "0", "bytes"], factor: 4),
        .init(path: ["kernels", "0", "body", "0", "map", "shape", "0"], factor: 1),
      ])
    let q = try p.instantiated(50)
    XCTAssertEqual(q.inputs[0].shape, [50])
    XCTAssertEqual(q.buffers[0].bytes, 200)
    XCTAssertEqual(q.symbol, p.symbol)
    XCTAssertThrowsError(try p.instantiated(0)) {
      XCTAssertTrue("\($0)".contains("out of range"), "\($0)")
    }
    XCTAssertThrowsError(try p.instantiated(Int.max / 2)) {
      XCTAssertTrue("\($0)".contains("n = "), "\($0)")
    }
  }

  func testALengthTheKernelsCannotTakeIsRefused() throws {
    // The kernel reads x at offset 2 for 8 points: only n >= 10 keeps it in bounds, and the
    // extent 8 is not a site, so n = 5 must fail verification rather than read past the buffer.
    var p = try plan(10)
    p.symbol = PlanSymbol(
      name: "n", recorded: [10],
      sites: [
        .init(path: ["inputs", "0", "shape", "0"], factor: 1),
        .init(path: ["buffers", "0", "bytes"], factor: 4),
        .init(path: ["kernels", "0", "body", "0", "map", "shape", "0"], factor: 1),
      ])
    XCTAssertThrowsError(try p.instantiated(5)) {
      XCTAssertTrue("\($0)".contains("map leaves buffer"), "\($0)")
    }
    var bad = p
    bad.symbol?.sites.append(.init(path: ["kernels", "9", "outer", "0"], factor: 1))
    XCTAssertThrowsError(try bad.instantiated(20)) {
      XCTAssertTrue("\($0)".contains("not in the plan"), "\($0)")
    }
  }
}
