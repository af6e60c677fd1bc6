// Constant folding: splats fold to splats of the node's type; results equal the reference
// interpreter's bit for bit over special values; inexact ops are declined with a remark.

import DRCIR
import DRCRuntime
import XCTest

@testable import DRCOpt

final class ConstantFoldingTests: XCTestCase {
  func testSplatExpressionsAndViewsFold() throws {
    var g = Graph(name: "t", inputs: [InputDecl(name: "x", dtype: .float32, shape: [2, 3])])
    let x = g.add(.input("x"), dtype: .float32, shape: [2, 3])
    let a = g.add(.full(.float(1.5)), dtype: .float32, shape: [3])
    let b = g.add(.full(.float(2)), dtype: .float32, shape: [])
    let m = g.add(.binary(.mul), [a, b], dtype: .float32, shape: [3], loc: "f:3")
    let r = g.add(.broadcast, [m], dtype: .float32, shape: [2, 3])
    let t = g.add(.transpose([1, 0]), [r], dtype: .float32, shape: [3, 2])
    let c = g.add(.cast, [t], dtype: .int32, shape: [3, 2])
    let y = g.add(.binary(.add), [x, r], dtype: .float32, shape: [2, 3])
    g.outputs = [OutputDecl(name: "y", node: y), OutputDecl(name: "c", node: c)]
    let (out, remarks) = try runPass(ConstantFolding(), g)
    XCTAssertEqual(
      shapeOf(out), ["input", "full", "full", "full", "full", "full", "full", "add(0,4)"])
    XCTAssertEqual(out.nodes[3].op, .full(.float(3)))
    XCTAssertEqual(out.nodes[3].loc, "f:3")
    XCTAssertEqual(out.nodes[4].shape, [2, 3])
    XCTAssertEqual(out.nodes[5].shape, [3, 2])
    XCTAssertEqual(out.nodes[6].op, .full(.int(3)))
    XCTAssertEqual(out.nodes[6].dtype, .int32)
    XCTAssertTrue(remarks.isEmpty)
  }

  func testInexactOpsAreNotFolded() throws {
    var g = Graph(name: "t")
    let a = g.add(.full(.float(1)), dtype: .float32, shape: [])
    let b = g.add(.full(.float(3)), dtype: .float32, shape: [])
    let d = g.add(.binary(.div), [a, b], dtype: .float32, shape: [])
    let s = g.add(.unary(.sin), [a], dtype: .float32, shape: [])
    let q = g.add(.unary(.sqrt), [b], dtype: .float32, shape: [])
    let p = g.add(.binary(.pow), [b, b], dtype: .float32, shape: [])
    let e = g.add(.unary(.exp), [a], dtype: .float32, shape: [])
    let w = g.add(.binary(.atan2), [a, b], dtype: .float32, shape: [])
    let ad = g.add(.full(.float(1)), dtype: .float64, shape: [])
    let l = g.add(.unary(.log), [ad], dtype: .float64, shape: [])
    g.outputs = [d, s, q, p, e, w, l].map { OutputDecl(name: "o\($0)", node: $0) }
    let (out, remarks) = try runPass(ConstantFolding(), g)
    XCTAssertEqual(
      shapeOf(out),
      [
        "full", "full", "div(0,1)", "sin(0)", "sqrt(1)", "pow(1,1)", "exp(0)", "atan2(0,1)", "full",
        "log(8)",
      ])
    XCTAssertEqual(remarks.map(\.node), [d, s, q, p, e, w, l])
    XCTAssertTrue(remarks[0].message.contains("float32 division"), remarks[0].message)
    XCTAssertTrue(remarks.allSatisfy { $0.pass == "fold" && $0.message.hasPrefix("not folded") })
  }

  func testFloat64DivisionAndSqrtFold() throws {
    var g = Graph(name: "t")
    let a = g.add(.full(.float(1)), dtype: .float64, shape: [])
    let b = g.add(.full(.int(3)), dtype: .int32, shape: [])
    let d = g.add(.binary(.div), [a, b], dtype: .float64, shape: [])
    let q = g.add(.unary(.sqrt), [b], dtype: .float64, shape: [])
    g.outputs = [OutputDecl(name: "d", node: d), OutputDecl(name: "q", node: q)]
    let (out, _) = try runPass(ConstantFolding(), g)
    XCTAssertEqual(out.nodes[2].op, .full(.float(1.0 / 3.0)))
    XCTAssertEqual(out.nodes[3].op, .full(.float(3.0.squareRoot())))
  }

  func testFloat32DenormalsAreNotFolded() throws {
    var g = Graph(name: "t")
    let tiny = g.add(.full(.float(Double(Float.leastNormalMagnitude))), dtype: .float32, shape: [])
    let half = g.add(.full(.float(0.5)), dtype: .float32, shape: [])
    let m = g.add(.binary(.mul), [tiny, half], dtype: .float32, shape: [])
    g.outputs = [OutputDecl(name: "m", node: m)]
    let (out, remarks) = try runPass(ConstantFolding(), g)
    XCTAssertEqual(shapeOf(out), ["full", "full", "mul(0,1)"])
    XCTAssertTrue(remarks.first?.message.contains("denormal") == true)
  }

  /// Every foldable op over special values folds to exactly what the interpreter computes.
  func testFoldingMatchesTheReferenceInterpreter() throws {
    let floats: [Double] = [
      0, -0.0, 1, -1, 2, 0.5, 3.25, -7.5, .infinity, -.infinity, .nan, 1e30, 3e38,
      16_777_217, 2_147_483_648, -2_147_483_649, 9.3e18, 1e-300,
    ]
    let ints: [Int64] = [
      0, 1, -1, 2, 3, -7, 31, 63, 100, Int64(Int32.max), Int64(Int32.min), .max, .min,
    ]
    func samples(_ dtype: DType) -> [Scalar] {
      switch dtype {
      case .bool: return [.bool(false), .bool(true)]
      case .int32:
        return ints.filter { Int64(Int32(truncatingIfNeeded: $0)) == $0 }.map { .int($0) }
      case .int64: return ints.map { .int($0) }
      case .float32: return floats.filter { $0.isNaN || Double(Float($0)) == $0 }.map { .float($0) }
      case .float64: return floats.map { .float($0) }
      }
    }
    var folded = 0
    var graph = Graph(name: "all")
    for ad in DType.allCases {
      for bd in DType.allCases {
        for a in samples(ad) {
          for b in samples(bd) {
            let x = graph.add(.full(a), dtype: ad, shape: [])
            let y = graph.add(.full(b), dtype: bd, shape: [])
            for op in BinaryOp.allCases {
              let operands = [ValueType(ad, []), ValueType(bd, [])]
              guard
                let type = try? TypeInference.infer(
                  .binary(op), operands, declared: ValueType(.bool, []))
              else { continue }
              let n = graph.add(.binary(op), [x, y], dtype: type.dtype, shape: [])
              graph.outputs.append(OutputDecl(name: "n\(n)", node: n))
            }
          }
          if bd == ad {
            let x = graph.add(.full(a), dtype: ad, shape: [2])
            for op in UnaryOp.allCases {
              guard
                let type = try? TypeInference.infer(
                  .unary(op), [ValueType(ad, [2])], declared: ValueType(.bool, [2]))
              else { continue }
              let n = graph.add(.unary(op), [x], dtype: type.dtype, shape: [2])
              graph.outputs.append(OutputDecl(name: "n\(n)", node: n))
            }
            let c = graph.add(.cast, [x], dtype: bd == .float64 ? .float32 : .float64, shape: [2])
            let c2 = graph.add(.cast, [x], dtype: .int32, shape: [2])
            let c3 = graph.add(.cast, [x], dtype: .bool, shape: [2])
            let c4 = graph.add(.cast, [x], dtype: .int64, shape: [2])
            for n in [c, c2, c3, c4] { graph.outputs.append(OutputDecl(name: "n\(n)", node: n)) }
          }
        }
      }
    }
    let (out, _) = try runPass(ConstantFolding(), graph)
    let before = try Interpreter(graph: graph).run(inputs: [:])
    let after = try Interpreter(graph: out).run(inputs: [:])
    for output in out.outputs where out.nodes[output.node].splat != nil {
      folded += 1
      guard let expected = before[output.name], let actual = after[output.name] else {
        return XCTFail("missing \(output.name)")
      }
      let old = graph.nodes[Int(output.name.dropFirst()) ?? 0]
      let operands = old.operands.map { "\(graph.nodes[$0].op)" }.joined(separator: ", ")
      XCTAssertEqual(
        maxUlps(expected, actual), 0,
        "\(old.op.name)(\(operands)) -> \(old.dtype): \(expected) vs \(actual)")
    }
    XCTAssertGreaterThan(folded, 10_000)
  }
}
