// Algebraic simplification: exact identities fire, inexact ones only under fast-math, and no
// rewrite changes a node's dtype or shape.

import DRCIR
import DRCRuntime
import XCTest

@testable import DRCOpt

final class AlgebraicSimplificationTests: XCTestCase {
  /// `x` (dtype, [3]) and a splat `c` of `value` (dtype `cd`, shape `cshape`) combined by `op`.
  func binary(
    _ op: BinaryOp, _ dtype: DType, _ value: Scalar, _ cd: DType? = nil, cshape: [Int] = [],
    constantFirst: Bool = false
  ) -> Graph {
    var g = Graph(name: "t", inputs: [InputDecl(name: "x", dtype: dtype, shape: [3])])
    let x = g.add(.input("x"), dtype: dtype, shape: [3])
    let c = g.add(.full(value), dtype: cd ?? dtype, shape: cshape)
    let operands = constantFirst ? [c, x] : [x, c]
    let types = operands.map { ValueType(g.nodes[$0].dtype, g.nodes[$0].shape) }
    let type =
      (try? TypeInference.infer(.binary(op), types, declared: ValueType(dtype, [3])))
      ?? ValueType(dtype, [3])
    let y = g.add(.binary(op), operands, dtype: type.dtype, shape: type.shape)
    g.outputs = [OutputDecl(name: "y", node: y)]
    return g
  }

  func simplified(_ g: Graph, fastMath: Bool = false) throws -> [String] {
    shapeOf(try runPass(AlgebraicSimplification(), g, fastMath: fastMath).0)
  }

  func testExactIdentities() throws {
    let kept = ["input", "full"]
    XCTAssertEqual(try simplified(binary(.mul, .float32, .float(1))), kept)
    XCTAssertEqual(try simplified(binary(.mul, .float32, .float(1), constantFirst: true)), kept)
    XCTAssertEqual(try simplified(binary(.mul, .int64, .int(1))), kept)
    XCTAssertEqual(try simplified(binary(.sub, .float64, .float(0))), kept)
    XCTAssertEqual(try simplified(binary(.add, .float32, .float(-0.0))), kept)
    XCTAssertEqual(try simplified(binary(.add, .float32, .float(-0.0), constantFirst: true)), kept)
    XCTAssertEqual(try simplified(binary(.add, .int32, .int(0))), kept)
    XCTAssertEqual(try simplified(binary(.div, .float64, .float(1))), kept)
    XCTAssertEqual(try simplified(binary(.pow, .float32, .float(1))), kept)
  }

  func testInexactOrTypeChangingIdentitiesAreDeclined() throws {
    func same(_ g: Graph) throws -> Bool { try simplified(g).count == 3 }
    XCTAssertTrue(try same(binary(.add, .float32, .float(0))), "x+0.0 is not x for x = -0.0")
    XCTAssertTrue(try same(binary(.add, .float64, .int(0), .int32)), "int zero becomes +0.0")
    XCTAssertTrue(try same(binary(.sub, .float32, .float(-0.0))), "x-(-0.0) is x+0.0")
    XCTAssertTrue(try same(binary(.mul, .float32, .float(1), .float64)), "the result is float64")
    XCTAssertTrue(
      try same(binary(.mul, .float32, .float(1), cshape: [2, 3])), "the result is [2, 3]")
    XCTAssertTrue(try same(binary(.mul, .int32, .float(1), .float32)), "the result is float64")
    XCTAssertTrue(try same(binary(.pow, .float32, .float(0.5))), "pow(x, 0.5) is not sqrt(x)")
    XCTAssertTrue(try same(binary(.div, .float32, .float(3))), "1/3 is not exact")
    XCTAssertTrue(try same(binary(.div, .float32, .float(0x1p-127))), "2^127 overflows float32")
  }

  func testSmallPowersBecomeProducts() throws {
    XCTAssertEqual(
      try simplified(binary(.pow, .float32, .float(2))), ["input", "full", "mul(0,0)"])
    XCTAssertEqual(
      try simplified(binary(.pow, .int32, .int(3))), ["input", "full", "mul(0,0)", "mul(2,0)"])
    XCTAssertEqual(
      try simplified(binary(.pow, .float64, .float(4))), ["input", "full", "mul(0,0)", "mul(2,2)"])
    XCTAssertEqual(
      try simplified(binary(.pow, .float64, .float(5))), ["input", "full", "pow(0,1)"])
  }

  func testDivisionByPowerOfTwoBecomesExactMultiplication() throws {
    let (g, _) = try runPass(AlgebraicSimplification(), binary(.div, .float32, .float(8)))
    XCTAssertEqual(shapeOf(g), ["input", "full", "full", "mul(0,2)"])
    XCTAssertEqual(g.nodes[2].op, .full(.float(0.125)))
    let (h, _) = try runPass(AlgebraicSimplification(), binary(.div, .int32, .int(-4), .int32))
    XCTAssertEqual(shapeOf(h), ["input", "full", "full", "mul(0,2)"])
    XCTAssertEqual(h.nodes[2].op, .full(.float(-0.25)))
    XCTAssertEqual(h.nodes[3].dtype, .float64)
  }

  func testFastMathRewrites() throws {
    XCTAssertEqual(
      try simplified(binary(.pow, .float32, .float(0.5)), fastMath: true),
      ["input", "full", "sqrt(0)"])
    let (g, remarks) = try runPass(
      AlgebraicSimplification(), binary(.div, .float64, .float(3)), fastMath: true)
    XCTAssertEqual(shapeOf(g), ["input", "full", "full", "mul(0,2)"])
    XCTAssertEqual(g.nodes[2].op, .full(.float(1.0 / 3.0)))
    XCTAssertTrue(remarks.contains { $0.message.contains("--fast-math") })
  }

  func testUnaryIdentitiesComposeInOneSweep() throws {
    var g = Graph(
      name: "t",
      inputs: [
        InputDecl(name: "x", dtype: .float32, shape: [3]),
        InputDecl(name: "b", dtype: .int32, shape: [3]),
      ])
    let x = g.add(.input("x"), dtype: .float32, shape: [3])
    var v = x
    for _ in 0..<4 { v = g.add(.unary(.neg), [v], dtype: .float32, shape: [3]) }
    let same = g.add(.cast, [v], dtype: .float32, shape: [3])
    let b = g.add(.input("b"), dtype: .int32, shape: [3])
    let n1 = g.add(.unary(.logicalNot), [b], dtype: .bool, shape: [3])
    let n2 = g.add(.unary(.logicalNot), [n1], dtype: .bool, shape: [3])
    let n3 = g.add(.unary(.logicalNot), [n2], dtype: .bool, shape: [3])
    g.outputs = [
      OutputDecl(name: "y", node: same), OutputDecl(name: "n2", node: n2),
      OutputDecl(name: "n3", node: n3),
    ]
    let (out, _) = try runPass(AlgebraicSimplification(), g)
    // neg(neg(x)) cancels pairwise (the unused negs are left for dce); not(not(int)) is
    // (b != 0), not b; not(not(not(b))) is not(b).
    XCTAssertEqual(
      shapeOf(out), ["input", "neg(0)", "neg(0)", "input", "logical_not(3)", "logical_not(4)"])
    XCTAssertEqual(out.outputs.map(\.node), [0, 5, 4])
  }

  func testPowerRewritesStayWithinAFewUlps() throws {
    for dtype in [DType.float32, .float64] {
      for e in [2.0, 3, 4] {
        let g = binary(.pow, dtype, .float(e))
        let (opt, _) = try runPass(AlgebraicSimplification(), g)
        var inputs = try Interpreter.randomInputs(graph: g, seed: 3)
        inputs["x"] =
          dtype == .float32
          ? try HostArray([-1.7, 0.3, 12345.678] as [Float], shape: [3])
          : try HostArray([-1.7, 0.3, 12345.678], shape: [3])
        let before = try Interpreter(graph: g).run(inputs: inputs)["y"]
        let after = try Interpreter(graph: opt).run(inputs: inputs)["y"]
        guard let before, let after else { return XCTFail("no output") }
        XCTAssertLessThanOrEqual(maxUlps(before, after), e == 2 ? 1 : 3, "\(dtype) x**\(e)")
      }
    }
  }
}
