// The array API against values computed by hand: broadcasting, promotion, reductions, errors.

import DRCIR
import XCTest

@testable import DRCArray

final class ArrayAPITests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testBroadcastingAndWeakScalars() throws {
    let col = try NDArray([1.0, 2, 3], shape: [3, 1])
    let row = try NDArray([10.0, 20])
    XCTAssertEqual(try (col + row).toArray(), [11, 21, 12, 22, 13, 23])
    let f = try NDArray([Float(1), 2])
    XCTAssertEqual(try (f * 0.5).dtype, .float32, "a float literal takes a float32 array's dtype")
    let i = try NDArray([Int32(3), 4])
    XCTAssertEqual(try (i * 2).dtype, .int32)
    XCTAssertEqual(try (i * 2.5).dtype, .float64)
    XCTAssertEqual(try (i + f).dtype, .float64, "int32 with float32 promotes to float64")
    XCTAssertEqual(try (i / 2).toArray(), [1.5, 2])
    XCTAssertEqual(try (2 - f).toArray(), [1, 0])
  }

  func testUfuncsDelayRepayCouldNotCompile() throws {
    let a = try NDArray([1.0, 5, 3])
    let b = try NDArray([4.0, 2, 3])
    XCTAssertEqual(try maximum(a, b).toArray(), [4, 5, 3])
    XCTAssertEqual(try (a > b).toArray(), [0, 1, 0])
    XCTAssertEqual(try select(a > b, a, b).toArray(), [4, 5, 3])
    XCTAssertEqual(try select(a >= 3, a, 0).toArray(), [0, 5, 3])
  }

  func testReductionsAndVariance() throws {
    let x = try NDArray([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
    XCTAssertEqual(try x.sum().toArray(), [21])
    XCTAssertEqual(try x.sum(axis: 0).toArray(), [5, 7, 9])
    XCTAssertEqual(try x.sum(axis: -1, keepdims: true).shape, [2, 1])
    XCTAssertEqual(try x.mean(axis: 1).toArray(), [2, 5])
    XCTAssertEqual(try x.max().item(), 6)
    XCTAssertEqual(try x.prod(axis: 1).toArray(), [6, 120])
    XCTAssertEqual(try x.variance(axis: 1, ddof: 1).toArray(), [1, 1])
    XCTAssertEqual(try x.variance().item(), 35.0 / 12, accuracy: 1e-15)
    let ints = try NDArray([Int32(1), 2, 3])
    XCTAssertEqual(try ints.sum().dtype, .int64)
  }

  func testMatmulDiagAndCreation() throws {
    let a = try NDArray([1.0, 2, 3, 4], shape: [2, 2])
    let v = try NDArray([1.0, 1])
    XCTAssertEqual(try matmul(a, v).toArray(), [3, 7])
    XCTAssertEqual(try dot(v, v).item(), 2)
    XCTAssertEqual(try diag(a).toArray(), [1, 4])
    XCTAssertEqual(try diagflat(v).toArray(), [1, 0, 0, 1])
    XCTAssertEqual(try arange(0, 5, step: 2).toArray(), [0, 2, 4])
    XCTAssertEqual(try linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1])
    XCTAssertEqual(try concatenate([v, try NDArray([5.0])]).toArray(), [1, 1, 5])
    let u1 = try uniform(0, 1, shape: [4], seed: 3)
    let u2 = try uniform(0, 1, shape: [4], seed: 3)
    XCTAssertEqual(try u1.toArray(), try u2.toArray(), "seeded random data is reproducible")
  }

  func testErrorsNameTheOperationShapesAndLine() throws {
    let a = try NDArray([1.0, 2, 3])
    let b = try NDArray([1.0, 2])
    do {
      _ = try a + b
      XCTFail("no error")
    } catch {
      // The operator cannot take #line: the location comes from the call stack.
      let text = "\(error)"
      XCTAssertTrue(text.contains("add: cannot broadcast shapes [3] and [2]"), text)
      XCTAssertTrue(text.contains("ArrayAPITests.swift:\(#line - 6)"), text)
    }
    XCTAssertThrowsError(try a.sum(axis: 2)) {
      XCTAssertTrue("\($0)".contains("axis 2 is out of range"), "\($0)")
    }
    XCTAssertThrowsError(try a.reshape([2, 2]).toArray()) {
      XCTAssertTrue("\($0)".contains("element count"), "\($0)")
    }
    XCTAssertEqual(try a[1..<5].toArray(), [2, 3], "a stop past the end is clamped, as in NumPy")
    XCTAssertThrowsError(try a[7].toArray()) {
      XCTAssertTrue("\($0)".contains("out of bounds"), "\($0)")
    }
    let flags = try NDArray([true, false])
    XCTAssertThrowsError(try flags - flags) {
      XCTAssertTrue("\($0)".contains("does not take bool"), "\($0)")
    }
    XCTAssertThrowsError(try matmul(a, try NDArray([1.0, 2], shape: [2, 1]))) {
      XCTAssertTrue("\($0)".contains("inner dimensions"), "\($0)")
    }
  }

  func testFailedAssignmentIsThrownByTheNextOperation() throws {
    let a = try NDArray([1.0, 2, 3])
    a[0..<2] = try NDArray([1.0, 2, 3])
    XCTAssertThrowsError(try a + 1) {
      XCTAssertTrue(
        "\($0)".contains("cannot assign an array of shape [3] to a region of shape [2]"), "\($0)")
    }
    XCTAssertEqual(try a.toArray(), [1, 2, 3], "a failed write changes nothing")
  }

  func testNothingIsRetainedWhenNotRecording() throws {
    // DelayRepay's node cache grew without bound; without recording, no graph is kept at all.
    var x = try NDArray([1.0])
    for _ in 0..<10_000 { x = try x + 1 }
    XCTAssertEqual(try x.item(), 10_001)
    XCTAssertEqual(Session.shared.graph.nodes.count, 0)
  }

  func testChecksumIsTheRowMajorSumOfDoubles() throws {
    // DRC.checksum sums without a converted copy; it must add in toArray()'s order, bit for bit.
    let base = try arange(0, 60, dtype: .float32).reshape([6, 10]) * 0.1 + 1e7
    let view = base[1..<5, .s(7, 1, -2)].T  // non-contiguous, reversed
    for a in [base, view, try base.astype(.float64), try base.astype(.int32), try base > 1e7] {
      let expected = try a.toArray().reduce(0, +)
      XCTAssertEqual(try DRC.checksum(a).bitPattern, expected.bitPattern, "\(a.dtype) \(a.shape)")
    }
  }
}
