// Gathers by computed indices (trace format 1.3's `take`) against NumPy 2.4's printed results:
// np.take with an index array, integer-array subscripts (one array, several adjacent or not,
// integers among them), take_along_axis with given and computed (argmax) indices, and
// out-of-bounds indices, which fail in every mode (at the call in reference mode, when the
// kernels have run in device mode).

import DRCIR
import XCTest

@testable import DRCArray

final class GatherFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func ints(_ v: [Int64], _ shape: [Int]? = nil) throws -> NDArray {
    try NDArray(v, shape: shape)
  }

  func testTakeWithAnIndexArray() throws {
    // x = np.arange(12.0).reshape(3, 4)
    let x = try NDArray((0..<12).map(Double.init), shape: [3, 4])
    // np.take(x, [2, 0, -1], axis=1)
    let t = try x.take(try ints([2, 0, -1]), axis: 1)
    XCTAssertEqual(t.shape, [3, 3])
    XCTAssertEqual(try t.toArray(), [2, 0, 3, 6, 4, 7, 10, 8, 11])
    // np.take(x, [11, -12, 5]) (flattened)
    XCTAssertEqual(try take(x, try ints([11, -12, 5])).toArray(), [11, 0, 5])
    // x[np.array([[0, 2], [1, 1]])]: the index's shape replaces axis 0
    let rows = x[try ints([0, 2, 1, 1], [2, 2])]
    XCTAssertEqual(rows.shape, [2, 2, 4])
    XCTAssertEqual(try rows.toArray(), [0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 4, 5, 6, 7])
    // int32 indices computed by the program: (arange(3) * 2 - 1) % 4 style arithmetic
    let computed = try (arange(3) * 2 - 1).astype(.int32)  // [-1, 1, 3]
    XCTAssertEqual(try x.take(computed, axis: 1).toArray(), [3, 1, 3, 7, 5, 7, 11, 9, 11])
  }

  func testSeveralIndexArraysFollowNumPysPlacement() throws {
    let x = try NDArray((0..<12).map(Double.init), shape: [3, 4])
    // x[[0, 2, 1], [3, 0, -1]]
    XCTAssertEqual(try x[try ints([0, 2, 1]), try ints([3, 0, -1])].toArray(), [3, 8, 7])
    let x3 = try NDArray((0..<24).map(Double.init), shape: [2, 3, 4])
    // x3[:, [2, 0], [1, 3]]: adjacent, in place -> (2, 2)
    let adjacent = x3[.all, try ints([2, 0]), try ints([1, 3])]
    XCTAssertEqual(adjacent.shape, [2, 2])
    XCTAssertEqual(try adjacent.toArray(), [9, 3, 21, 15])
    // x3[[1, 0], :, [3, 0]]: not adjacent, the index axes first -> (2, 3)
    let apart = x3[try ints([1, 0]), .all, try ints([3, 0])]
    XCTAssertEqual(apart.shape, [2, 3])
    XCTAssertEqual(try apart.toArray(), [15, 19, 23, 0, 4, 8])
    // x3[1, :, [3, 0]]: the integer is an index too (not adjacent) -> (2, 3)
    let mixed = x3[1, .all, try ints([3, 0])]
    XCTAssertEqual(mixed.shape, [2, 3])
    XCTAssertEqual(try mixed.toArray(), [15, 19, 23, 12, 16, 20])
    // x3[:, 1, [3, 0]]: adjacent -> (2, 2)
    let inPlace = x3[.all, 1, try ints([3, 0])]
    XCTAssertEqual(inPlace.shape, [2, 2])
    XCTAssertEqual(try inPlace.toArray(), [7, 4, 19, 16])
  }

  func testTakeAlongAxis() throws {
    let a = try NDArray([10, 30, 20, 60, 40, 50.0], shape: [2, 3])
    // np.take_along_axis(a, [[0, 2, 1], [1, 2, 0]], axis=1)
    let sorted = try a.takeAlongAxis(try ints([0, 2, 1, 1, 2, 0], [2, 3]), axis: 1)
    XCTAssertEqual(try sorted.toArray(), [10, 20, 30, 40, 50, 60])
    // np.take_along_axis(a, [[1, 0, 1]], axis=0)
    XCTAssertEqual(
      try takeAlongAxis(a, try ints([1, 0, 1], [1, 3]), axis: 0).toArray(), [60, 30, 50])
    // The row maxima through argmax: np.take_along_axis(y, np.argmax(y, 1)[:, None], 1)
    let y = try NDArray([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.0], shape: [3, 4])
    let best = try y.takeAlongAxis(try y.argmax(axis: 1).expandDims(1), axis: 1)
    XCTAssertEqual(best.shape, [3, 1])
    XCTAssertEqual(try best.toArray(), [4, 9, 8])
  }

  func testOutOfBoundsIndicesFailInEveryMode() throws {
    let x = try NDArray((0..<12).map(Double.init), shape: [3, 4])
    XCTAssertThrowsError(try x.take(try ints([0, 4]), axis: 1).toArray()) {
      XCTAssertTrue("\($0)".contains("out of bounds for axis 1 with size 4"), "\($0)")
      XCTAssertTrue("\($0)".contains("GatherFormsTests.swift:\(#line - 2)"), "\($0)")
    }
    XCTAssertThrowsError(try x.take(try ints([-5]), axis: 1).toArray()) {
      XCTAssertTrue("\($0)".contains("out of bounds"), "\($0)")
    }
    // An index out of its own axis is caught even where the flat position would be in range.
    XCTAssertThrowsError(try x[try ints([0]), try ints([4])].toArray()) {
      XCTAssertTrue("\($0)".contains("out of bounds"), "\($0)")
    }
    XCTAssertThrowsError(try x.take(try NDArray([0.0, 1.0]), axis: 1)) {
      XCTAssertTrue("\($0)".contains("must be integers"), "\($0)")
    }
    XCTAssertThrowsError(try x[.all, try NDArray([true, false, true])].toArray()) {
      XCTAssertTrue("\($0)".contains("boolean index of shape [3] at axis 1"), "\($0)")
    }
  }
}
