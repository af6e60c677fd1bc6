// Tests of HostArray: construction, bytes, views, random data and checksums.

import DRCIR
import XCTest

@testable import DRCRuntime

final class HostArrayTests: XCTestCase {
  func testConstructionAndAccess() throws {
    let a = try i32([1, 2, 3, 4, 5, 6], [2, 3])
    XCTAssertEqual(a.count, 6)
    XCTAssertEqual(a.scalar(at: [1, 2]), .int(6))
    XCTAssertNil(a.scalar(at: [2, 0]))
    XCTAssertEqual(a.doubles(), [1, 2, 3, 4, 5, 6])
    XCTAssertThrowsError(try HostArray([Float(1), 2], shape: [3]))
    XCTAssertEqual(HostArray(dtype: .float32, shape: [2, 2]).floats(), [0, 0, 0, 0])
    XCTAssertEqual(HostArray(scalar: .float(2.5), dtype: .int32).int32s(), [2])
    XCTAssertEqual(HostArray(scalar: .int(3), dtype: .float64).shape, [])
  }

  func testLittleEndianBytesRoundTrip() throws {
    let a = try i32([1, -2], [2])
    XCTAssertEqual(a.littleEndianBytes(), [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF])
    let f = try HostArray(littleEndianBytes: [0, 0, 0x80, 0x3F], dtype: .float32, shape: [1])
    XCTAssertEqual(f.floats(), [1.0])
    let b = try HostArray(littleEndianBytes: [1, 0], dtype: .bool, shape: [2])
    XCTAssertEqual(b.bools(), [true, false])
    XCTAssertThrowsError(try HostArray(littleEndianBytes: [2], dtype: .bool, shape: [1]))
    XCTAssertThrowsError(try HostArray(littleEndianBytes: [1, 2, 3], dtype: .int32, shape: [1]))
    let d = try f64([1.5, -0.25], [2])
    XCTAssertEqual(
      try HostArray(littleEndianBytes: d.littleEndianBytes(), dtype: .float64, shape: [2])
        .doubles(), [1.5, -0.25])
  }

  func testViews() throws {
    let a = try i32([0, 1, 2, 3, 4, 5], [2, 3])
    // Reversed columns with step -2: columns 2, 0.
    let s = try a.sliced([.all(2), SliceRange(start: 2, stop: -1, step: -2)])
    XCTAssertEqual(s.shape, [2, 2])
    XCTAssertEqual(s.int32s(), [2, 0, 5, 3])
    let t = try a.transposed([1, 0])
    XCTAssertEqual(t.int32s(), [0, 3, 1, 4, 2, 5])
    XCTAssertEqual(try t.reshaped([6]).int32s(), [0, 3, 1, 4, 2, 5])
    let b = try i32([7, 8], [2, 1]).broadcast(to: [3, 2, 2])
    XCTAssertEqual(b.int32s(), [7, 7, 8, 8, 7, 7, 8, 8, 7, 7, 8, 8])
    XCTAssertThrowsError(try a.broadcast(to: [2, 4]))
    let e = try a.expandingDims([0, 3])
    XCTAssertEqual(e.shape, [1, 2, 3, 1])
    XCTAssertEqual(try e.squeezing([0, 3]).shape, [2, 3])
    XCTAssertThrowsError(try a.squeezing([0]))
    XCTAssertThrowsError(try a.sliced([SliceRange(start: 0, stop: 3, step: 1), .all(3)]))
    XCTAssertEqual(t.contiguous().strides, [2, 1])
  }

  func testOneElementByRowMajorPositionOfAView() throws {
    let a = try i32([0, 1, 2, 3, 4, 5], [2, 3])
    let s = try a.sliced([.all(2), SliceRange(start: 2, stop: -1, step: -2)])
    let t = try a.transposed([1, 0])
    let b = try i32([7, 8], [2, 1]).broadcast(to: [3, 2, 2])
    for view in [a, s, t, b] {
      let all = view.scalars()
      XCTAssertEqual(all.indices.map { view.scalar(atFlat: $0) }, all.map { $0 }, "\(view.shape)")
      XCTAssertNil(view.scalar(atFlat: all.count))
      XCTAssertNil(view.scalar(atFlat: -1))
    }
    XCTAssertEqual(try i32([9], []).scalar(atFlat: 0), .int(9))
    XCTAssertNil(try i32([], [0, 3]).scalar(atFlat: 0))
  }

  func testRandomIsDeterministic() throws {
    let a = try HostArray.random(dtype: .float32, shape: [1000], seed: 42)
    let b = try HostArray.random(dtype: .float32, shape: [1000], seed: 42)
    let c = try HostArray.random(dtype: .float32, shape: [1000], seed: 43)
    XCTAssertEqual(a.floats(), b.floats())
    XCTAssertNotEqual(a.floats(), c.floats())
    XCTAssertTrue(a.floats().allSatisfy { $0 >= 0.5 && $0 < 2.0 })
    let i = try HostArray.random(dtype: .int64, shape: [1000], seed: 1).int64s()
    XCTAssertTrue(i.allSatisfy { $0 >= -100 && $0 <= 100 })
    XCTAssertEqual(i, try HostArray.random(dtype: .int64, shape: [1000], seed: 1).int64s())
    let bits = try HostArray.random(dtype: .bool, shape: [1000], seed: 3).bools()
    XCTAssertTrue(bits.contains(true) && bits.contains(false))
  }

  func testChecksumAndFirstValues() throws {
    let a = try f64([1, 2, 3.5], [3])
    XCTAssertEqual(a.checksum(), 6.5)
    XCTAssertEqual(a.firstValues(2), [.float(1), .float(2)])
    XCTAssertTrue(try f32([1, .nan], [2]).checksum().isNaN)
  }
}
