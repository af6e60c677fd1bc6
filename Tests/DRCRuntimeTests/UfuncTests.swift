// Reference values of issue 12's ops (rint, expm1, log1p, log2, log10, asin, acos, atan, sinh,
// cosh, copysign; 1.5's asinh, acosh, atanh, cbrt, exp2) on specials: signed zeros,
// infinities, NaN, subnormals and domain ends.
//
// Expected values are written out by hand; signs of zero are checked through the sign bit.

import DRCIR
import XCTest

@testable import DRCRuntime

final class UfuncTests: XCTestCase {
  let sub64 = Double.leastNonzeroMagnitude
  let sub32 = Float.leastNonzeroMagnitude

  /// `op` of float64 values.
  func f64Unary(_ op: UnaryOp, _ v: [Double]) throws -> [Double] {
    try evalNode(.unary(op), [try f64(v, [v.count])], dtype: .float64, shape: [v.count]).doubles()
  }

  /// `op` of float32 values, computed in float32.
  func f32Unary(_ op: UnaryOp, _ v: [Float]) throws -> HostArray {
    try evalNode(.unary(op), [try f32(v, [v.count])], dtype: .float32, shape: [v.count])
  }

  /// Asserts the same values with the same signs (so -0.0 differs from 0.0), NaN equal to NaN.
  func assertSigned(
    _ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line
  ) {
    assertSame(a, b, file: file, line: line)
    for (x, y) in zip(a, b) where !x.isNaN {
      XCTAssertEqual(x.sign, y.sign, "\(a) vs \(b)", file: file, line: line)
    }
  }

  func testRintRoundsHalvesToEven() throws {
    assertSigned(
      try f64Unary(
        .rint, [0.5, 1.5, 2.5, -0.5, -2.5, 3.7, -0.0, .infinity, -.infinity, .nan, sub64]),
      [0, 2, 2, -0.0, -2, 4, -0.0, .infinity, -.infinity, .nan, 0])
    let r = try f32Unary(.rint, [0.5, 1.5, -1.5, 8_388_609, sub32])
    XCTAssertEqual(r.dtype, .float32)
    assertSigned(r.doubles(), [0, 2, -2, 8_388_609, 0])
  }

  func testExpm1AndLog1pKeepTinyArguments() throws {
    assertSigned(
      try f64Unary(.expm1, [0, -0.0, sub64, .infinity, -.infinity, .nan, 1e-300]),
      [0, -0.0, sub64, .infinity, -1, .nan, 1e-300])
    assertSigned(
      try f64Unary(.log1p, [0, -0.0, sub64, -1, -2, .infinity, .nan, 1e-300]),
      [0, -0.0, sub64, -.infinity, .nan, .infinity, .nan, 1e-300])
    assertSigned(try f32Unary(.expm1, [sub32, -0.0]).doubles(), [Double(sub32), -0.0])
  }

  func testLog2AndLog10() throws {
    assertSigned(
      try f64Unary(.log2, [1, 8, 0.5, 0, -0.0, -1, .infinity, .nan, sub64]),
      [0, 3, -1, -.infinity, -.infinity, .nan, .infinity, .nan, -1074])
    assertSigned(
      try f64Unary(.log10, [1, 1000, 0.01, 0, -1, .infinity]),
      [0, 3, -2, -.infinity, .nan, .infinity])
    assertSigned(try f32Unary(.log2, [sub32, 1024]).doubles(), [-149, 10])
  }

  func testInverseTrigonometry() throws {
    assertSigned(
      try f64Unary(.asin, [0, -0.0, 1, -1, 1.5, .nan, sub64]),
      [0, -0.0, Double.pi / 2, -Double.pi / 2, .nan, .nan, sub64])
    assertSigned(
      try f64Unary(.acos, [1, -1, 0, 2, -.infinity]), [0, Double.pi, Double.pi / 2, .nan, .nan])
    assertSigned(
      try f64Unary(.atan, [0, -0.0, .infinity, -.infinity, .nan, 1, sub64]),
      [0, -0.0, Double.pi / 2, -Double.pi / 2, .nan, Double.pi / 4, sub64])
    assertSigned(try f32Unary(.atan, [.infinity]).doubles(), [Double(Float(Double.pi / 2))])
  }

  func testHyperbolic() throws {
    assertSigned(
      try f64Unary(.sinh, [0, -0.0, .infinity, -.infinity, .nan, 1000, sub64]),
      [0, -0.0, .infinity, -.infinity, .nan, .infinity, sub64])
    assertSigned(
      try f64Unary(.cosh, [0, -0.0, .infinity, -.infinity, .nan, -1000, sub64]),
      [1, 1, .infinity, .infinity, .nan, .infinity, 1])
    assertSigned(try f32Unary(.cosh, [100, -0.0]).doubles(), [.infinity, 1])
  }

  /// Trace format 1.5's inverse hyperbolic functions, cbrt and exp2 at their specials and
  /// domain ends (C99 Annex F, as NumPy gives them). glibc's cbrt is not correctly rounded
  /// (cbrt(27) is 3 + 1 ulp), so the cube roots here are ones it gets exactly.
  func testInverseHyperbolicCbrtAndExp2() throws {
    assertSigned(
      try f64Unary(.asinh, [0, -0.0, .infinity, -.infinity, .nan, sub64]),
      [0, -0.0, .infinity, -.infinity, .nan, sub64])
    assertSigned(
      try f64Unary(.acosh, [1, 0.5, .infinity, -1, .nan]), [0, .nan, .infinity, .nan, .nan])
    assertSigned(
      try f64Unary(.atanh, [0, -0.0, 1, -1, 2, .nan, sub64]),
      [0, -0.0, .infinity, -.infinity, .nan, .nan, sub64])
    assertSigned(
      try f64Unary(.cbrt, [64, -8, 0, -0.0, .infinity, -.infinity, .nan]),
      [4, -2, 0, -0.0, .infinity, -.infinity, .nan])
    assertSigned(
      try f64Unary(.exp2, [0, -0.0, 10, -1, 1024, -1075, .infinity, -.infinity, .nan]),
      [1, 1, 1024, 0.5, .infinity, 0, .infinity, 0, .nan])
    assertSigned(
      try f32Unary(.exp2, [128, -149]).doubles(), [.infinity, Double(Float.leastNonzeroMagnitude)])
  }

  func testIntegerAndBoolOperandsGiveFloat64() throws {
    let r = try evalNode(.unary(.log2), [try i32([1, 4, 0], [3])], dtype: .float64, shape: [3])
    XCTAssertEqual(r.dtype, .float64)
    assertSigned(r.doubles(), [0, 2, -.infinity])
    let b = try evalNode(
      .unary(.rint), [try bools([true, false], [2])], dtype: .float64, shape: [2])
    assertSigned(b.doubles(), [1, 0])
  }

  func testCopysign() throws {
    let x = try f64([1, 1, -2, 0, .infinity, .nan, sub64, 3], [8])
    let y = try f64([-0.0, 0, 5, -1, -.infinity, -1, -3, .nan], [8])
    let r = try evalNode(.binary(.copysign), [x, y], dtype: .float64, shape: [8])
    assertSigned(r.doubles(), [-1, 1, 2, -0.0, -.infinity, .nan, -sub64, 3])
    XCTAssertEqual(r.doubles()[5].sign, .minus, "the NaN takes y's sign")
    let f = try evalNode(
      .binary(.copysign), [try f32([2.5, sub32], [2]), try f32([-1, -0.0], [2])], dtype: .float32,
      shape: [2])
    XCTAssertEqual(f.dtype, .float32)
    assertSigned(f.doubles(), [-2.5, -Double(sub32)])
    let i = try evalNode(
      .binary(.copysign), [try i32([3, -4, 5], [3]), try i64([-1, 0, 2], [3])], dtype: .float64,
      shape: [3])
    assertSigned(i.doubles(), [-3, 4, 5])
  }
}
