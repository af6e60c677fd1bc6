// np.diag and np.diagflat with offsets against NumPy 2.4's printed results: every diagonal of a
// 3 x 4 array (including ones past either corner, which are empty), 1-D inputs on diagonals
// above and below, diagflat of a matrix, and NumPy's error for a 3-D input. The same tests run
// in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class DiagonalTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testDiagonalsOfAMatrix() throws {
    let a = try arange(0, 12).reshape([3, 4])
    XCTAssertEqual(try diag(a).toArray(), [0, 5, 10])
    XCTAssertEqual(try diag(a, k: 1).toArray(), [1, 6, 11])
    XCTAssertEqual(try diag(a, k: -1).toArray(), [4, 9])
    XCTAssertEqual(try diag(a, k: 3).toArray(), [3])
    XCTAssertEqual(try diag(a, k: 4).shape, [0])
    XCTAssertEqual(try diag(a, k: -3).shape, [0])
    XCTAssertEqual(try diag(a, k: Int.min).shape, [0])
  }

  func testMatricesFromDiagonals() throws {
    let v = try NDArray([Int64(1), 2])
    let above = try diag(v, k: 1)
    XCTAssertEqual(above.shape, [3, 3])
    XCTAssertEqual(try above.toArray(), [0, 1, 0, 0, 0, 2, 0, 0, 0])
    XCTAssertEqual(try diag(v, k: -2).toArray(), [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0])
    let m = try NDArray([Int64(1), 2, 3, 4], shape: [2, 2])
    let flat = try diagflat(m, k: -1)
    XCTAssertEqual(flat.shape, [5, 5])
    XCTAssertEqual(
      try flat.toArray(),
      [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 4, 0])
    XCTAssertThrowsError(try diag(try zeros([2, 2, 2]))) {
      XCTAssertTrue("\($0)".contains("Input must be 1- or 2-d"), "\($0)")
    }
  }
}
