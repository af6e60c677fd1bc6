// np.repeat with one count per element against NumPy 2.4's printed results: along each axis of
// a matrix, flattened with zero counts, a single count (broadcast), counts as Swift integers and
// as a computed array, and NumPy's errors (a negative count, a length that does not match).
// The same tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class RepeatCountsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testCountsPerElement() throws {
    let x = try NDArray([Int64(1), 2, 3, 4], shape: [2, 2])
    let rows = try x.repeat([1, 0], axis: 0)
    XCTAssertEqual(rows.shape, [1, 2])
    XCTAssertEqual(try rows.toArray(), [1, 2])
    let columns = try `repeat`(x, [2, 3], axis: 1)
    XCTAssertEqual(columns.shape, [2, 5])
    XCTAssertEqual(try columns.toArray(), [1, 1, 2, 2, 2, 3, 3, 4, 4, 4])
    XCTAssertEqual(try x.repeat([0, 1, 2, 3]).toArray(), [2, 3, 3, 4, 4, 4])
    XCTAssertEqual(
      try NDArray([5.0, 6, 7]).repeat([3]).toArray(), [5, 5, 5, 6, 6, 6, 7, 7, 7])
    // Counts computed on the device (read back for the total): x % 3 of [4, 5, 6] = [1, 2, 0].
    let computed = try NDArray([Int64(4), 5, 6]) % 3
    XCTAssertEqual(try NDArray([10.0, 20, 30]).repeat(computed).toArray(), [10, 20, 20])
    XCTAssertEqual(
      try x.repeat(try NDArray([Int32(3)]), axis: 1).toArray(),
      [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    XCTAssertEqual(try NDArray([Double]()).repeat([Int]()).shape, [0])
  }

  func testErrors() throws {
    let x = try NDArray([1.0, 2, 3])
    XCTAssertThrowsError(try x.repeat([1, -1, 1])) {
      XCTAssertTrue("\($0)".contains("non-negative"), "\($0)")
    }
    XCTAssertThrowsError(try x.repeat([1, 2])) {
      XCTAssertTrue("\($0)".contains("could not be broadcast"), "\($0)")
    }
    XCTAssertThrowsError(try x.repeat(try NDArray([Int64(1), -2, 1]))) {
      XCTAssertTrue("\($0)".contains("non-negative"), "\($0)")
    }
  }
}
