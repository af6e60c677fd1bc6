// Tests of reductions: axes, keepdims, empty reductions, NaN, dtypes and pairwise summation.

import DRCIR
import XCTest

@testable import DRCRuntime

final class ReduceTests: XCTestCase {
  let m = try? i32([1, 2, 3, 4, 5, 6], [2, 3])

  func testSumAxes() throws {
    let m = try XCTUnwrap(self.m)
    let s0 = try evalNode(.reduce(.sum, axes: [0], keepdims: false), [m], dtype: .int64, shape: [3])
    XCTAssertEqual(s0.dtype, .int64)
    XCTAssertEqual(s0.int64s(), [5, 7, 9])
    let s1 = try evalNode(
      .reduce(.sum, axes: [1], keepdims: true), [m], dtype: .int64, shape: [2, 1])
    XCTAssertEqual(s1.int64s(), [6, 15])
    let all = try evalNode(
      .reduce(.sum, axes: [0, 1], keepdims: false), [m], dtype: .int64, shape: [])
    XCTAssertEqual(all.int64s(), [21])
    let cube = try i32((0..<8).map { Int32($0) }, [2, 2, 2])
    let multi = try evalNode(
      .reduce(.sum, axes: [0, 2], keepdims: false), [cube], dtype: .int64, shape: [2])
    XCTAssertEqual(multi.int64s(), [10, 18])
    let b = try evalNode(
      .reduce(.sum, axes: [0], keepdims: false), [try bools([true, false, true], [3])],
      dtype: .int64, shape: [])
    XCTAssertEqual(b.int64s(), [2])
  }

  func testProdMinMaxMean() throws {
    let m = try XCTUnwrap(self.m)
    XCTAssertEqual(
      try evalNode(.reduce(.prod, axes: [1], keepdims: false), [m], dtype: .int64, shape: [2])
        .int64s(), [6, 120])
    XCTAssertEqual(
      try evalNode(.reduce(.max, axes: [0], keepdims: false), [m], dtype: .int32, shape: [3])
        .int32s(), [4, 5, 6])
    XCTAssertEqual(
      try evalNode(.reduce(.min, axes: [1], keepdims: true), [m], dtype: .int32, shape: [2, 1])
        .int32s(), [1, 4])
    let mean = try evalNode(
      .reduce(.mean, axes: [1], keepdims: false), [m], dtype: .float64, shape: [2])
    XCTAssertEqual(mean.doubles(), [2, 5])
    let f = try f32([1, .nan, 3], [3])
    assertSame(
      try evalNode(.reduce(.max, axes: [0], keepdims: false), [f], dtype: .float32, shape: [])
        .doubles(), [.nan])
    assertSame(
      try evalNode(.reduce(.min, axes: [0], keepdims: false), [f], dtype: .float32, shape: [])
        .doubles(), [.nan])
    let wrap = try evalNode(
      .reduce(.prod, axes: [0], keepdims: false), [try i64([Int64.max, 2], [2])], dtype: .int64,
      shape: [])
    XCTAssertEqual(wrap.int64s(), [-2])
  }

  func testEmptyReductions() throws {
    let e = try f32([], [0])
    XCTAssertEqual(
      try evalNode(.reduce(.sum, axes: [0], keepdims: false), [e], dtype: .float32, shape: [])
        .floats(), [0])
    XCTAssertEqual(
      try evalNode(.reduce(.prod, axes: [0], keepdims: false), [e], dtype: .float32, shape: [])
        .floats(), [1])
    XCTAssertTrue(
      try evalNode(.reduce(.mean, axes: [0], keepdims: false), [e], dtype: .float32, shape: [])
        .floats()[0].isNaN)
    XCTAssertThrowsError(
      try evalNode(.reduce(.max, axes: [0], keepdims: false), [e], dtype: .float32, shape: []))
    let rows = try i32([], [2, 0])
    XCTAssertEqual(
      try evalNode(.reduce(.sum, axes: [1], keepdims: false), [rows], dtype: .int64, shape: [2])
        .int64s(), [0, 0])
  }

  func testPairwiseSum() throws {
    // float32: 1e8 + 1 == 1e8, so a sequential sum of 1e8 and fifteen ones stays 1e8, while the
    // pairwise sum adds the second block (8) as a whole: 100000008 is exact in float32.
    let x = try f32([1e8] + [Float](repeating: 1, count: 15), [16])
    let s = try evalNode(.reduce(.sum, axes: [0], keepdims: false), [x], dtype: .float32, shape: [])
    XCTAssertEqual(s.floats(), [100_000_008])
    let y = try f32([1e8] + [Float](repeating: 1, count: 23), [24])
    XCTAssertEqual(
      try evalNode(.reduce(.sum, axes: [0], keepdims: false), [y], dtype: .float32, shape: [])
        .floats(), [100_000_016])
    // Within one block the order is sequential: 1e8 then seven ones stays 1e8.
    let z = try f32([1e8] + [Float](repeating: 1, count: 7), [8])
    XCTAssertEqual(
      try evalNode(.reduce(.sum, axes: [0], keepdims: false), [z], dtype: .float32, shape: [])
        .floats(), [1e8])
    let mean = try evalNode(
      .reduce(.mean, axes: [0], keepdims: false), [x], dtype: .float32, shape: [])
    XCTAssertEqual(mean.floats(), [Float(100_000_008) / 16])
  }
}
