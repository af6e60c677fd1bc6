// Tests of elementwise ops: broadcasting, promotion, integer wrap, pow, div, cast, NaN rules.

import DRCIR
import XCTest

@testable import DRCRuntime

final class ElementwiseTests: XCTestCase {
  func testBroadcastAdd() throws {
    let a = try i32([0, 10, 20], [3, 1])
    let b = try i32([1, 2, 3, 4], [4])
    let r = try evalNode(.binary(.add), [a, b], dtype: .int32, shape: [3, 4])
    XCTAssertEqual(r.int32s(), [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24])
    XCTAssertThrowsError(
      try evalNode(
        .binary(.add), [a, try i32([1, 2, 3, 4, 5, 6, 7, 8], [2, 4])], dtype: .int32, shape: [3, 4])
    )
  }

  func testPromotion() throws {
    let r = try evalNode(
      .binary(.add), [try i32([1], [1]), try f32([0.5], [1])], dtype: .float64, shape: [1])
    XCTAssertEqual(r.dtype, .float64)
    XCTAssertEqual(r.doubles(), [1.5])
    let s = try evalNode(
      .binary(.add), [try bools([true, false], [2]), try i32([5, 5], [2])], dtype: .int32,
      shape: [2])
    XCTAssertEqual(s.dtype, .int32)
    XCTAssertEqual(s.int32s(), [6, 5])
    // A node whose recorded dtype disagrees is an error naming the node.
    XCTAssertThrowsError(
      try evalNode(
        .binary(.add), [try i32([1], [1]), try f32([0.5], [1])], dtype: .float32, shape: [1])
    ) {
      XCTAssertTrue("\($0)".hasPrefix("node 2 (add) at test.swift:1:"), "\($0)")
    }
  }

  func testIntegerWrap() throws {
    let a = try i32([Int32.max, 65536, Int32.min], [3])
    let b = try i32([1, 65536, 1], [3])
    XCTAssertEqual(
      try evalNode(.binary(.add), [a, b], dtype: .int32, shape: [3]).int32s(),
      [Int32.min, 131_072, Int32.min + 1])
    XCTAssertEqual(
      try evalNode(.binary(.mul), [a, b], dtype: .int32, shape: [3]).int32s(),
      [Int32.max, 0, Int32.min])
    XCTAssertEqual(
      try evalNode(.binary(.sub), [b, a], dtype: .int32, shape: [3]).int32s(),
      [Int32.min + 2, 65536 - 65536, Int32.min + 1])
    XCTAssertEqual(
      try evalNode(.unary(.abs), [a], dtype: .int32, shape: [3]).int32s(),
      [Int32.max, 65536, Int32.min])
    XCTAssertEqual(
      try evalNode(.unary(.neg), [a], dtype: .int32, shape: [3]).int32s(),
      [-Int32.max, -65536, Int32.min])
  }

  func testIntPow() throws {
    let base = try i32([3, 2, 1, -1, -1, 2, 0, 5], [8])
    let exp = try i32([4, -1, -5, -3, -2, 31, 0, 0], [8])
    let r = try evalNode(.binary(.pow), [base, exp], dtype: .int32, shape: [8])
    XCTAssertEqual(r.int32s(), [81, 0, 1, -1, 1, Int32.min, 1, 1])
    let f = try evalNode(
      .binary(.pow), [try f64([2, 4], [2]), try f64([0.5, -1], [2])], dtype: .float64, shape: [2])
    XCTAssertEqual(f.doubles(), [Double(2).squareRoot(), 0.25])
  }

  func testIntDivGivesFloat64() throws {
    let r = try evalNode(
      .binary(.div), [try i32([7, 1, -1], [3]), try i32([2, 0, 0], [3])], dtype: .float64,
      shape: [3])
    XCTAssertEqual(r.dtype, .float64)
    XCTAssertEqual(r.doubles(), [3.5, .infinity, -.infinity])
    let f = try evalNode(
      .binary(.div), [try f32([1], [1]), try f32([3], [1])], dtype: .float32, shape: [1])
    XCTAssertEqual(f.floats(), [Float(1) / Float(3)])
  }

  func testCast() throws {
    let x = try f64([3.9, -3.9, 1e10, -1e10, .nan, 0], [6])
    XCTAssertEqual(
      try evalNode(.cast, [x], dtype: .int32, shape: [6]).int32s(),
      [3, -3, Int32.max, Int32.min, 0, 0])
    XCTAssertEqual(
      try evalNode(.cast, [x], dtype: .int64, shape: [6]).int64s(),
      [3, -3, 10_000_000_000, -10_000_000_000, 0, 0])
    XCTAssertEqual(
      try evalNode(.cast, [x], dtype: .bool, shape: [6]).bools(),
      [true, true, true, true, true, false])
    let big = try i64([16_777_217, 16_777_219], [2])
    XCTAssertEqual(
      try evalNode(.cast, [big], dtype: .float32, shape: [2]).floats(), [16_777_216, 16_777_220])
    XCTAssertEqual(
      try evalNode(.cast, [try i64([4_294_967_297], [1])], dtype: .int32, shape: [1]).int32s(), [1])
  }

  func testComparisonsWithNaN() throws {
    let a = try f32([.nan, 1, 2], [3])
    let b = try f32([.nan, 2, 2], [3])
    XCTAssertEqual(
      try evalNode(.binary(.eq), [a, b], dtype: .bool, shape: [3]).bools(), [false, false, true])
    XCTAssertEqual(
      try evalNode(.binary(.ne), [a, b], dtype: .bool, shape: [3]).bools(), [true, true, false])
    XCTAssertEqual(
      try evalNode(.binary(.lt), [a, b], dtype: .bool, shape: [3]).bools(), [false, true, false])
    XCTAssertEqual(
      try evalNode(.binary(.le), [a, b], dtype: .bool, shape: [3]).bools(), [false, true, true])
    XCTAssertEqual(
      try evalNode(.binary(.gt), [a, b], dtype: .bool, shape: [3]).bools(), [false, false, false])
    XCTAssertEqual(
      try evalNode(.binary(.ge), [a, b], dtype: .bool, shape: [3]).bools(), [false, false, true])
    // int64 vs float32 compare in float64: 2^53+1 is not 2^53.
    let big = try i64([9_007_199_254_740_993], [1])
    let c = try evalNode(
      .binary(.gt), [big, try f32([9_007_199_254_740_992], [1])], dtype: .bool, shape: [1])
    XCTAssertEqual(c.bools(), [false])  // both become 2^53 in float64
  }

  func testMaximumMinimumNaN() throws {
    let a = try f64([.nan, 1, 3], [3])
    let b = try f64([0, .nan, 2], [3])
    assertSame(
      try evalNode(.binary(.maximum), [a, b], dtype: .float64, shape: [3]).doubles(),
      [.nan, .nan, 3])
    assertSame(
      try evalNode(.binary(.minimum), [a, b], dtype: .float64, shape: [3]).doubles(),
      [.nan, .nan, 2])
    let m = try evalNode(
      .binary(.maximum), [try bools([true, false], [2]), try bools([false, false], [2])],
      dtype: .bool, shape: [2])
    XCTAssertEqual(m.bools(), [true, false])
  }

  func testUnaryMath() throws {
    let x = try f32([4, 0.25], [2])
    XCTAssertEqual(
      try evalNode(.unary(.sqrt), [x], dtype: .float32, shape: [2]).floats(), [2, 0.5])
    let l = try evalNode(.unary(.log), [try i32([1], [1])], dtype: .float64, shape: [1])
    XCTAssertEqual(l.dtype, .float64)
    XCTAssertEqual(l.doubles(), [0])
    XCTAssertEqual(
      try evalNode(.unary(.floor), [try f32([-1.5, 2.5], [2])], dtype: .float32, shape: [2])
        .floats(), [-2, 2])
    XCTAssertEqual(
      try evalNode(.unary(.ceil), [try i32([-3], [1])], dtype: .int32, shape: [1]).int32s(), [-3])
    XCTAssertEqual(
      try evalNode(.unary(.exp), [try f64([0], [1])], dtype: .float64, shape: [1]).doubles(), [1])
    XCTAssertEqual(
      try evalNode(.unary(.erf), [try f64([0], [1])], dtype: .float64, shape: [1]).doubles(), [0])
    XCTAssertEqual(
      try evalNode(.unary(.logicalNot), [try f64([0, .nan, 2], [3])], dtype: .bool, shape: [3])
        .bools(), [true, false, false])
    XCTAssertThrowsError(
      try evalNode(.unary(.neg), [try bools([true], [1])], dtype: .bool, shape: [1]))
  }

  func testWhereAndLogical() throws {
    let c = try bools([true, false], [2])
    let r = try evalNode(
      .select, [c, try i32([1, 2], [2]), try f32([0.5], [1])], dtype: .float64, shape: [2])
    XCTAssertEqual(r.doubles(), [1, 0.5])
    let p = try f64([0, 0, 3, .nan], [4])
    let q = try i32([0, 1, 0, 1], [4])
    XCTAssertEqual(
      try evalNode(.binary(.logicalAnd), [p, q], dtype: .bool, shape: [4]).bools(),
      [false, false, false, true])
    XCTAssertEqual(
      try evalNode(.binary(.logicalOr), [p, q], dtype: .bool, shape: [4]).bools(),
      [false, true, true, true])
  }

  func testFloat64Oracle() throws {
    let options = InterpreterOptions(float64Oracle: true)
    let a = try f32([1], [1])
    let b = try f32([3], [1])
    let r = try evalNode(.binary(.div), [a, b], dtype: .float32, shape: [1], options: options)
    XCTAssertEqual(r.dtype, .float64)
    XCTAssertEqual(r.doubles(), [1.0 / 3.0])
    let i = try evalNode(
      .binary(.add), [try i32([1], [1]), try i32([2], [1])], dtype: .int32, shape: [1],
      options: options)
    XCTAssertEqual(i.dtype, .int32)
  }

  func testMemoryLimit() throws {
    let options = InterpreterOptions(memoryLimitBytes: 1024)
    XCTAssertThrowsError(
      try evalNode(
        .full(.float(0)), [], dtype: .float32, shape: [1 << 40, 1 << 40], options: options)
    ) {
      XCTAssertTrue("\($0)".contains("node 0 (full)"), "\($0)")
    }
    XCTAssertThrowsError(
      try evalNode(.full(.float(0)), [], dtype: .float32, shape: [257], options: options)
    ) {
      XCTAssertTrue("\($0)".contains("memory limit"), "\($0)")
    }
    XCTAssertEqual(
      try evalNode(.full(.float(0)), [], dtype: .float32, shape: [256], options: options).count, 256
    )
    // Tiny operands whose true result is huge are rejected before allocating, whatever the node claims.
    let col = try HostArray(dtype: .float32, shape: [1 << 20, 1]).broadcast(to: [1 << 20, 1])
    let row = HostArray(dtype: .float32, shape: [1, 1 << 20])
    XCTAssertThrowsError(try evalNode(.binary(.add), [col, row], dtype: .float32, shape: [1]))
    let a = HostArray(dtype: .float32, shape: [1 << 20, 0])
    let b = HostArray(dtype: .float32, shape: [0, 1 << 20])
    XCTAssertThrowsError(try evalNode(.matmul, [a, b], dtype: .float32, shape: [1, 1]))
  }
}
