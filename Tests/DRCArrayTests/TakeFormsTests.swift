// take with indices known on the host (NumPy's np.take and x[:, [3, 0, 1, 2]]) against NumPy's
// results: runs, negative indices, the flattened form, copies, and out-of-bounds errors.

import DRCIR
import XCTest

@testable import DRCArray

final class TakeFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testTakeWithHostIndices() throws {
    // x = np.arange(12.0).reshape(3, 4)
    let x = try NDArray((0..<12).map(Double.init), shape: [3, 4])
    // np.take(x, [3, 0, 1, 2], axis=1): one run (0, 1, 2) and one single index
    let rolled = try x.take([3, 0, 1, 2], axis: 1)
    XCTAssertEqual(rolled.shape, [3, 4])
    XCTAssertEqual(try rolled.toArray(), [3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10])
    // np.take(x, [-1, 0], axis=0); np.take(x, [5, 11, 0]) (flattened)
    XCTAssertEqual(try take(x, [-1, 0], axis: 0).toArray(), [8, 9, 10, 11, 0, 1, 2, 3])
    XCTAssertEqual(try take(x, [5, 11, 0]).toArray(), [5, 11, 0])
    XCTAssertEqual(try x.take([], axis: 1).shape, [3, 0])
    // A copy: writing x afterwards leaves it unchanged.
    let first = try x.take([0], axis: 0)
    x[0, 0] = 100.0
    XCTAssertEqual(try first.toArray(), [0, 1, 2, 3])
    XCTAssertThrowsError(try x.take([4], axis: 1)) {
      XCTAssertTrue(
        "\($0)".contains("take: index 4 is out of bounds for axis 1 with size 4"), "\($0)")
      XCTAssertTrue("\($0)".contains("TakeFormsTests.swift:\(#line - 3)"), "\($0)")
    }
    XCTAssertThrowsError(try x.take([0], axis: 2)) {
      XCTAssertTrue("\($0)".contains("axis 2"), "\($0)")
    }
  }
}
