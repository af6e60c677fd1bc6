// Hash-consing: what merges (constants, reads, view chains, expressions) and what must not
// (different dtype, shape, attribute, or float constants that differ only in the sign of zero).

import DRCIR
import XCTest

@testable import DRCOpt

final class CommonSubexpressionEliminationTests: XCTestCase {
  func testRepeatedReadsConstantsViewsAndExpressionsMerge() throws {
    var g = Graph(name: "t", inputs: [InputDecl(name: "x", dtype: .float32, shape: [2, 3])])
    let x0 = g.add(.input("x"), dtype: .float32, shape: [2, 3], loc: "a:1")
    let x1 = g.add(.input("x"), dtype: .float32, shape: [2, 3], loc: "a:2")
    let t0 = g.add(.transpose([1, 0]), [x0], dtype: .float32, shape: [3, 2])
    let t1 = g.add(.transpose([1, 0]), [x1], dtype: .float32, shape: [3, 2])
    let c0 = g.add(.full(.float(2)), dtype: .float32, shape: [])
    let c1 = g.add(.full(.float(2)), dtype: .float32, shape: [])
    let m0 = g.add(.binary(.mul), [t0, c0], dtype: .float32, shape: [3, 2])
    let m1 = g.add(.binary(.mul), [t1, c1], dtype: .float32, shape: [3, 2])
    let s = g.add(.binary(.add), [m0, m1], dtype: .float32, shape: [3, 2])
    g.outputs = [OutputDecl(name: "s", node: s), OutputDecl(name: "m", node: m1)]
    g.readbacks = [Readback(node: m1, position: 8, kind: "array")]
    let (out, _) = try runPass(CommonSubexpressionElimination(), g)
    XCTAssertEqual(shapeOf(out), ["input", "transpose(0)", "full", "mul(1,2)", "add(3,3)"])
    XCTAssertEqual(out.nodes[0].loc, "a:1", "the first node's location is kept")
    XCTAssertEqual(out.outputs, [OutputDecl(name: "s", node: 4), OutputDecl(name: "m", node: 3)])
    XCTAssertEqual(out.readbacks.map(\.node), [3])
    XCTAssertEqual(out.readbacks.map(\.position), [4])
  }

  func testDifferentDtypeShapeOrAttributesNeverMerge() throws {
    var g = Graph(name: "t")
    let a = g.add(.full(.float(1)), dtype: .float32, shape: [2])
    let b = g.add(.full(.float(1)), dtype: .float64, shape: [2])
    let c = g.add(.full(.float(1)), dtype: .float32, shape: [3])
    let d = g.add(.full(.int(1)), dtype: .int32, shape: [2])
    let e = g.add(.full(.int(1)), dtype: .int64, shape: [2])
    let f = g.add(.cast, [a], dtype: .float64, shape: [2])
    let h = g.add(.cast, [a], dtype: .int32, shape: [2])
    let i = g.add(
      .slice([SliceRange(start: 0, stop: 1, step: 1)]), [a], dtype: .float32, shape: [1])
    let j = g.add(
      .slice([SliceRange(start: 1, stop: 2, step: 1)]), [a], dtype: .float32, shape: [1])
    g.outputs = [a, b, c, d, e, f, h, i, j].map { OutputDecl(name: "o\($0)", node: $0) }
    let (out, _) = try runPass(CommonSubexpressionElimination(), g)
    XCTAssertEqual(out.nodes.count, 9)
  }

  func testSignedZerosAndNaNConstants() throws {
    var g = Graph(name: "t")
    let p = g.add(.full(.float(0)), dtype: .float64, shape: [])
    let n = g.add(.full(.float(-0.0)), dtype: .float64, shape: [])
    let n2 = g.add(.full(.float(-0.0)), dtype: .float64, shape: [])
    let q = g.add(.full(.float(.nan)), dtype: .float64, shape: [])
    let q2 = g.add(.full(.float(.nan)), dtype: .float64, shape: [])
    g.outputs = [p, n, n2, q, q2].map { OutputDecl(name: "o\($0)", node: $0) }
    let (out, _) = try runPass(CommonSubexpressionElimination(), g)
    XCTAssertEqual(out.nodes.count, 3, "+0 and -0 stay apart; equal -0s and NaNs merge")
    XCTAssertEqual(out.outputs.map(\.node), [0, 1, 1, 2, 2])
  }

  func testCommutedOperandsAreNotAssumedEqual() throws {
    var g = Graph(
      name: "t",
      inputs: [
        InputDecl(name: "x", dtype: .int32, shape: [2]),
        InputDecl(name: "y", dtype: .int32, shape: [2]),
      ])
    let x = g.add(.input("x"), dtype: .int32, shape: [2])
    let y = g.add(.input("y"), dtype: .int32, shape: [2])
    let a = g.add(.binary(.sub), [x, y], dtype: .int32, shape: [2])
    let b = g.add(.binary(.sub), [y, x], dtype: .int32, shape: [2])
    g.outputs = [OutputDecl(name: "a", node: a), OutputDecl(name: "b", node: b)]
    let (out, _) = try runPass(CommonSubexpressionElimination(), g)
    XCTAssertEqual(shapeOf(out), ["input", "input", "sub(0,1)", "sub(1,0)"])
  }
}
