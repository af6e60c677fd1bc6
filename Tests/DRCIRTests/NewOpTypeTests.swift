// Type rules and trace names of the ufuncs added to trace format v1 (issue 12's, and 1.5's
// inverse hyperbolic functions, cbrt and exp2; docs/ops.md).

import XCTest

@testable import DRCIR

final class NewOpTypeTests: XCTestCase {
  let unary: [UnaryOp] = [
    .rint, .expm1, .log1p, .log2, .log10, .asin, .acos, .atan, .sinh, .cosh, .asinh, .acosh, .atanh,
    .cbrt, .exp2,
  ]

  func testUnaryOpsKeepFloatsAndWidenOthersToFloat64() throws {
    for op in unary {
      XCTAssertTrue(op.isFloatMath, op.rawValue)
      for (from, to) in [
        (DType.float32, DType.float32), (.float64, .float64), (.int32, .float64),
        (.int64, .float64), (.bool, .float64),
      ] {
        let r = try TypeInference.infer(
          .unary(op), [ValueType(from, [2])], declared: ValueType(.bool, [2]))
        XCTAssertEqual(r, ValueType(to, [2]), "\(op.rawValue) of \(from)")
      }
    }
  }

  /// The type of `op` over a [3, 1] array of `a` and a [4] array of `b`.
  func infer(_ op: BinaryOp, _ a: DType, _ b: DType) throws -> ValueType {
    try TypeInference.infer(
      .binary(op), [ValueType(a, [3, 1]), ValueType(b, [4])], declared: ValueType(.bool, []))
  }

  func testCopysignIsNumericAndGivesFloat() throws {
    func infer(_ a: DType, _ b: DType) throws -> ValueType { try self.infer(.copysign, a, b) }
    XCTAssertEqual(try infer(.float32, .float32), ValueType(.float32, [3, 4]))
    XCTAssertEqual(try infer(.int32, .int32), ValueType(.float64, [3, 4]))
    XCTAssertEqual(try infer(.float32, .int32), ValueType(.float64, [3, 4]))
    XCTAssertThrowsError(try infer(.bool, .float32))
    XCTAssertTrue(BinaryOp.copysign.computesInFloat)
    XCTAssertFalse(BinaryOp.add.computesInFloat)
  }

  func testFmodNeedsAFloatAfterPromotion() throws {
    func infer(_ a: DType, _ b: DType) throws -> ValueType { try self.infer(.fmod, a, b) }
    XCTAssertEqual(try infer(.float32, .float32), ValueType(.float32, [3, 4]))
    XCTAssertEqual(try infer(.float32, .float64), ValueType(.float64, [3, 4]))
    XCTAssertThrowsError(try infer(.int32, .int32)) {
      XCTAssertTrue("\($0)".contains("fmod takes float operands"), "\($0)")
    }
    XCTAssertThrowsError(try infer(.bool, .bool))
    XCTAssertFalse(BinaryOp.fmod.computesInFloat)
  }

  func testTraceNames() {
    XCTAssertEqual(
      unary.map(\.rawValue),
      [
        "rint", "expm1", "log1p", "log2", "log10", "asin", "acos", "atan", "sinh", "cosh", "asinh",
        "acosh", "atanh", "cbrt", "exp2",
      ])
    for name in unary.map(\.rawValue) + ["copysign", "fmod"] {
      XCTAssertTrue(Op.allNames.contains(name), name)
    }
  }
}
