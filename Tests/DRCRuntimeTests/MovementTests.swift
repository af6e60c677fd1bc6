// Tests of views and data movement as nodes, matmul and the creation ops.

import DRCIR
import XCTest

@testable import DRCRuntime

final class MovementTests: XCTestCase {
  let m = try? i32([0, 1, 2, 3, 4, 5], [2, 3])

  func testViewNodes() throws {
    let m = try XCTUnwrap(self.m)
    let s = try evalNode(
      .slice([SliceRange(start: 1, stop: -1, step: -1), SliceRange(start: 2, stop: -1, step: -1)]),
      [m], dtype: .int32, shape: [2, 3])
    XCTAssertEqual(s.int32s(), [5, 4, 3, 2, 1, 0])
    XCTAssertEqual(
      try evalNode(.transpose([1, 0]), [m], dtype: .int32, shape: [3, 2]).int32s(),
      [0, 3, 1, 4, 2, 5])
    let t = try evalNode(.transpose([1, 0]), [m], dtype: .int32, shape: [3, 2])
    XCTAssertEqual(
      try evalNode(.reshape, [t], dtype: .int32, shape: [2, 3]).int32s(), [0, 3, 1, 4, 2, 5])
    XCTAssertEqual(
      try evalNode(.broadcast, [try i32([1, 2], [2])], dtype: .int32, shape: [2, 2]).int32s(),
      [1, 2, 1, 2])
    XCTAssertEqual(
      try evalNode(.expandDims([1]), [m], dtype: .int32, shape: [2, 1, 3]).shape, [2, 1, 3])
    XCTAssertEqual(
      try evalNode(.squeeze([0]), [try i32([7], [1, 1])], dtype: .int32, shape: [1]).int32s(), [7])
    XCTAssertThrowsError(try evalNode(.reshape, [m], dtype: .int32, shape: [4]))
  }

  func testConcatenate() throws {
    let m = try XCTUnwrap(self.m)
    let c0 = try evalNode(
      .concatenate(axis: 0), [m, try i32([6, 7, 8], [1, 3])], dtype: .int32, shape: [3, 3])
    XCTAssertEqual(c0.int32s(), [0, 1, 2, 3, 4, 5, 6, 7, 8])
    let c1 = try evalNode(
      .concatenate(axis: 1), [m, try f32([0.5, 1.5], [2, 1])], dtype: .float64, shape: [2, 4])
    XCTAssertEqual(c1.doubles(), [0, 1, 2, 0.5, 3, 4, 5, 1.5])
    XCTAssertThrowsError(
      try evalNode(
        .concatenate(axis: 0), [m, try i32([1, 2], [1, 2])], dtype: .int32, shape: [3, 3]))
  }

  func testUpdate() throws {
    let m = try XCTUnwrap(self.m)
    // Replace column 1 with [10, 20].
    let region = [SliceRange.all(2), SliceRange(start: 1, stop: 2, step: 1)]
    let u = try evalNode(
      .update(region), [m, try i32([10, 20], [2, 1])], dtype: .int32, shape: [2, 3])
    XCTAssertEqual(u.int32s(), [0, 10, 2, 3, 20, 5])
    XCTAssertEqual(m.int32s(), [0, 1, 2, 3, 4, 5], "operand unchanged")
    // Broadcast scalar float value, cast (truncation) to int32, into a reversed strided region.
    let rev = [SliceRange(start: 1, stop: -1, step: -1), SliceRange(start: 2, stop: -1, step: -2)]
    let v = try evalNode(.update(rev), [m, try f64([9.7], [])], dtype: .int32, shape: [2, 3])
    XCTAssertEqual(v.int32s(), [9, 1, 9, 9, 4, 9])
    // Region values in order: region[0] is row 1 reversed-by-2 (cols 2, 0), region[1] row 0.
    let w = try evalNode(
      .update(rev), [m, try i32([1, 2, 3, 4], [2, 2])], dtype: .int32, shape: [2, 3])
    XCTAssertEqual(w.int32s(), [4, 1, 3, 2, 4, 1])
    XCTAssertEqual(m.int32s(), [0, 1, 2, 3, 4, 5])
  }

  func testMatmulShapes() throws {
    let a = try f32([1, 2, 3, 4, 5, 6], [2, 3])
    let b = try f32([1, 0, 0, 1, 1, 1], [3, 2])
    let v = try f32([1, 2, 3], [3])
    XCTAssertEqual(try evalNode(.matmul, [v, v], dtype: .float32, shape: []).floats(), [14])
    XCTAssertEqual(try evalNode(.matmul, [a, v], dtype: .float32, shape: [2]).floats(), [14, 32])
    XCTAssertEqual(try evalNode(.matmul, [v, b], dtype: .float32, shape: [2]).floats(), [4, 5])
    XCTAssertEqual(
      try evalNode(.matmul, [a, b], dtype: .float32, shape: [2, 2]).floats(), [4, 5, 10, 11])
    let w = try evalNode(
      .matmul, [try i32([65536], [1]), try i32([65536], [1])], dtype: .int32, shape: [])
    XCTAssertEqual(w.int32s(), [0])
    XCTAssertThrowsError(try evalNode(.matmul, [a, a], dtype: .float32, shape: [2, 3]))
  }

  func testCreation() throws {
    XCTAssertEqual(
      try evalNode(.full(.float(1.5)), [], dtype: .float32, shape: [2, 2]).floats(),
      [1.5, 1.5, 1.5, 1.5])
    XCTAssertEqual(
      try evalNode(.arange(start: .int(5), step: .int(-2)), [], dtype: .int32, shape: [4]).int32s(),
      [5, 3, 1, -1])
    XCTAssertEqual(
      try evalNode(.arange(start: .float(0), step: .float(0.1)), [], dtype: .float64, shape: [4])
        .doubles(), [0, 0.1, 0.2, 0.30000000000000004])
    XCTAssertEqual(
      try evalNode(.arange(start: .float(0), step: .float(0.5)), [], dtype: .float32, shape: [3])
        .floats(), [0, 0.5, 1])
    XCTAssertEqual(
      try evalNode(.iota(axis: 1), [], dtype: .int32, shape: [2, 3]).int32s(), [0, 1, 2, 0, 1, 2])
    XCTAssertEqual(
      try evalNode(.iota(axis: 0), [], dtype: .int64, shape: [2, 3]).int64s(), [0, 0, 0, 1, 1, 1])
    XCTAssertThrowsError(try evalNode(.iota(axis: 0), [], dtype: .float32, shape: [2]))
  }
}
