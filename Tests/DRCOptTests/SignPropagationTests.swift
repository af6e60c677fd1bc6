// Sign propagation: negations move outward exactly, so CSE shares erf(d) and erf(-d).

import DRCIR
import DRCRuntime
import XCTest

@testable import DRCOpt

final class SignPropagationTests: XCTestCase {
  /// `erf(x/c) + erf((-x)/c)` in `dtype`.
  func graph(_ dtype: DType) -> Graph {
    var g = Graph(name: "s", inputs: [InputDecl(name: "x", dtype: dtype, shape: [64])])
    let x = g.add(.input("x"), dtype: dtype, shape: [64])
    let c = g.add(.full(.float(1.5)), dtype: dtype, shape: [])
    let a = g.add(.binary(.div), [x, c], dtype: dtype, shape: [64])
    let n = g.add(.unary(.neg), [x], dtype: dtype, shape: [64])
    let b = g.add(.binary(.div), [n, c], dtype: dtype, shape: [64])
    let ea = g.add(.unary(.erf), [a], dtype: dtype, shape: [64])
    let eb = g.add(.unary(.erf), [b], dtype: dtype, shape: [64])
    let s = g.add(.binary(.add), [ea, eb], dtype: dtype, shape: [64])
    g.outputs = [OutputDecl(name: "y", node: s)]
    return g
  }

  func erfCount(_ g: Graph) -> Int { g.nodes.filter { $0.op == .unary(.erf) }.count }

  func testFloat32ErfOfANegationIsShared() throws {
    let (g, _) = try PassManager.standard().run(graph(.float32), context: PassContext())
    XCTAssertEqual(erfCount(g), 1)
    let inputs = ["x": try HostArray((0..<64).map { Float($0) * 0.1 - 3 }, shape: [64])]
    let before = try Interpreter(graph: graph(.float32)).run(inputs: inputs)["y"]?.floats()
    let after = try Interpreter(graph: g).run(inputs: inputs)["y"]?.floats()
    XCTAssertEqual(before, after, "the rewrite is exact")
  }

  func testFloat64ErfIsLeftAlone() throws {
    let (g, _) = try PassManager.standard().run(graph(.float64), context: PassContext())
    XCTAssertEqual(erfCount(g), 2, "device float64 erf is not promised to be odd")
    XCTAssertEqual(g.nodes.filter { $0.op == .binary(.div) }.count, 1, "(-x)/c still became -(x/c)")
  }
}
