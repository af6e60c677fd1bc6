// Boolean masks in the static-shape forms: `x[mask] = v`, `x[mask] += v` and `select`, against
// NumPy's results; masks that do not fit and writes through integer arrays are errors naming the
// line (reading `x[mask]`: CompactionFormsTests).

import DRCIR
import XCTest

@testable import DRCArray

final class MaskTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testAssignThroughAMask() throws {
    let x = try NDArray([1.0, -2, 3, -4])
    x[try x < 0] = 0.0  // x[x < 0] = 0.0 -> [1, 0, 3, 0]
    XCTAssertEqual(try x.toArray(), [1, 0, 3, 0])
    let y = try NDArray([1.0, 2, 3, 4])
    y[try y > 2] = try NDArray([10.0, 20, 30, 40])  // an array of x's shape: where(mask, v, y)
    XCTAssertEqual(try y.toArray(), [1, 2, 30, 40])
    let k = try NDArray([Int32(1), 5, 9])
    k[try k > 3] = 7  // -> int32 [1, 7, 7]
    XCTAssertEqual(k.dtype, .int32)
    XCTAssertEqual(try k.toArray(), [1, 7, 7])
  }

  func testCompoundAssignmentThroughAMask() throws {
    let x = try NDArray([1.0, -2, 3, -4])
    let before = try x * 1
    try x[try x < 0] += 10  // x[x < 0] += 10 -> [1, 8, 3, 6]
    XCTAssertEqual(try x.toArray(), [1, 8, 3, 6])
    try x[try x > 5] *= 2.0  // -> [1, 16, 3, 12]
    XCTAssertEqual(try x.toArray(), [1, 16, 3, 12])
    XCTAssertEqual(try before.toArray(), [1, -2, 3, -4], "earlier values keep their numbers")
    let alias = x
    try x[try x == 1] -= 1  // every alias sees the write
    XCTAssertEqual(try alias.toArray(), [0, 16, 3, 12])
    var k = try NDArray([Int32(1), 5, 9])
    try k[try k > 3] += 1  // int32 [1, 6, 10]
    XCTAssertEqual(try k.toArray(), [1, 6, 10])
    do {
      try k[try k > 3] += 0.5
      XCTFail("no error")
    } catch {
      // NumPy: UFuncTypeError (same-kind casting) for int32 += 0.5
      XCTAssertTrue("\(error)".contains("same-kind"), "\(error)")
    }
    k = try NDArray([Int32(7), 8])
    try k[try k > 7] %= 3  // -> [7, 2]
    XCTAssertEqual(try k.toArray(), [7, 2])
  }

  func testLeadingMaskSelectsRows() throws {
    let m = try NDArray([1.0, 2, 3, 4, 5, 6], shape: [3, 2])
    let rows = try NDArray([true, false, true])
    m[rows] = 0.0  // m[rows] = 0 zeroes rows 0 and 2 -> [[0, 0], [3, 4], [0, 0]]
    XCTAssertEqual(try m.toArray(), [0, 0, 3, 4, 0, 0])
    try m[rows] += try NDArray([1.0, 2])  // a row broadcast: [[1, 2], [3, 4], [1, 2]]
    XCTAssertEqual(try m.toArray(), [1, 2, 3, 4, 1, 2])
  }

  func testSelectIsWhere() throws {
    let a = try NDArray([1.0, 2, 3])
    let b = try NDArray([10.0, 20, 30])
    // np.where([True, False, True], a, b) -> [1, 20, 3]
    XCTAssertEqual(try select(try NDArray([true, false, true]), a, b).toArray(), [1, 20, 3])
  }

  func testAMaskThatDoesNotFitIsAnError() throws {
    let x = try NDArray([1.0, -2, 3])
    let picked = x[try NDArray([true, false])]  // NumPy: IndexError (mask (2,) against (3,))
    XCTAssertThrowsError(try picked.sum()) {
      XCTAssertTrue("\($0)".contains("does not fit an array of shape [3]"), "\($0)")
      XCTAssertTrue("\($0)".contains("MaskTests.swift:\(#line - 3)"), "\($0)")
    }
    x[try NDArray([true, false])] = 1.0  // mask shape (2,) against (3,): NumPy IndexError
    XCTAssertThrowsError(try DRC.check()) {
      XCTAssertTrue("\($0)".contains("does not match the array's shape [3]"), "\($0)")
    }
    XCTAssertEqual(try x.toArray(), [1, -2, 3], "failed writes change nothing")
    x[try NDArray([Int32(0), 3])] = 1.0  // a scatter with an index past the end
    // Reference mode raises at the write; device mode when the kernels have run.
    func checkThenRead() throws {
      try DRC.check()
      _ = try x.toArray()
    }
    XCTAssertThrowsError(try checkThenRead()) {
      XCTAssertTrue("\($0)".contains("out of bounds for axis 0 with size 3"), "\($0)")
    }
  }
}
