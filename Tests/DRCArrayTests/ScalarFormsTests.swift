// Swift scalars in comparisons, selects, in-place updates and subscript assignment, with NumPy 2's
// weak-scalar typing; every expected value is NumPy's, written beside it.

import DRCIR
import XCTest

@testable import DRCArray

final class ScalarFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testComparisonsWithScalars() throws {
    let x = try NDArray([0.0, 1.5, -2, 3])
    // x == 0.0 -> [True, False, False, False]
    XCTAssertEqual(try (x == 0.0).toArray(), [1, 0, 0, 0])
    XCTAssertEqual(try (x == 0.0).dtype, .bool)
    // x != 0 -> [False, True, True, True]
    XCTAssertEqual(try (x != 0).toArray(), [0, 1, 1, 1])
    // x < 1.5 -> [True, False, True, False]
    XCTAssertEqual(try (x < 1.5).toArray(), [1, 0, 1, 0])
    // 1.5 <= x -> [False, True, False, True]
    XCTAssertEqual(try (1.5 <= x).toArray(), [0, 1, 0, 1])
    let k = try NDArray([Int32(1), 2, 3])
    // k >= 2 -> [False, True, True]; k == 2 -> [False, True, False]; 2 > k -> [True, False, False]
    XCTAssertEqual(try (k >= 2).toArray(), [0, 1, 1])
    XCTAssertEqual(try (k == 2).toArray(), [0, 1, 0])
    XCTAssertEqual(try (2 > k).toArray(), [1, 0, 0])
    // float32(0.1) == 0.1 is True in NumPy 2: the weak 0.1 becomes float32 first.
    let f = try NDArray([Float(0.1)])
    XCTAssertEqual(try (f == 0.1).toArray(), [1])
    // NaN compares unequal to itself: nan != nan -> True
    XCTAssertEqual(try (try NDArray([Double.nan]) != Double.nan).toArray(), [1])
  }

  func testSelectWithScalarsTakesTheArraysDtype() throws {
    let x = try NDArray([Float(1), -2, 3])
    let c = try x > 0
    // np.where(c, 1.0, x) -> float32 [1, -2, 1]
    let a = try select(c, 1.0, x)
    XCTAssertEqual(a.dtype, .float32)
    XCTAssertEqual(try a.toArray(), [1, -2, 1])
    // np.where(c, k, np.arange(3, dtype=int32)) -> int32 [5, 1, 5]
    let r = try arange(0, 3, dtype: .int32)
    let b = try select(c, 5, r)
    XCTAssertEqual(b.dtype, .int32)
    XCTAssertEqual(try b.toArray(), [5, 1, 5])
    // np.where(c, r, -1) -> int32 [0, -1, 2]
    XCTAssertEqual(try select(c, r, -1).dtype, .int32)
    XCTAssertEqual(try select(c, r, -1).toArray(), [0, -1, 2])
    // np.where(c, 1.0, 0.0) -> float64; np.where(c, 1, 0) -> int64
    XCTAssertEqual(try select(c, 1.0, 0.0).dtype, .float64)
    XCTAssertEqual(try select(c, 1, 0).dtype, .int64)
    XCTAssertEqual(try select(c, 1, 0).toArray(), [1, 0, 1])
    // A Double against an int array is float64: np.where(c, 0.5, r) -> [0.5, 1, 0.5]
    XCTAssertEqual(try select(c, 0.5, r).dtype, .float64)
    XCTAssertEqual(try select(c, 0.5, r).toArray(), [0.5, 1, 0.5])
  }

  func testIntegerCompoundAssignmentKeepsIntegerDtype() throws {
    var k = try NDArray([Int32(1), 2, 3])
    try k += 1  // k += 1 -> int32 [2, 3, 4]
    XCTAssertEqual(k.dtype, .int32)
    XCTAssertEqual(try k.toArray(), [2, 3, 4])
    try k *= 3  // -> [6, 9, 12]
    XCTAssertEqual(try k.toArray(), [6, 9, 12])
    do {
      try k /= 2
      XCTFail("no error")
    } catch {
      // NumPy: UFuncTypeError, true division's float64 cannot be written into int32 in place
      XCTAssertTrue("\(error)".contains("same-kind"), "\(error)")
    }
  }

  func testScalarAssignmentThroughSubscripts() throws {
    let x = try NDArray([1.0, 2, 3, 4, 5])
    x[0..<2] = 0.0  // x[0:2] = 0.0 -> [0, 0, 3, 4, 5]
    XCTAssertEqual(try x.toArray(), [0, 0, 3, 4, 5])
    x[3] = 1.5  // -> [0, 0, 3, 1.5, 5]
    XCTAssertEqual(try x.toArray(), [0, 0, 3, 1.5, 5])
    x[-1] = 7  // an Int literal: -> [0, 0, 3, 1.5, 7]
    XCTAssertEqual(try x.toArray(), [0, 0, 3, 1.5, 7])
    let u = try NDArray([1.0, 2, 3, 4], shape: [2, 2])
    u[.all, .all] = 0.0  // u[:, :] = 0.0
    XCTAssertEqual(try u.toArray(), [0, 0, 0, 0])
    u[.all, 1] = 2.0  // u[:, 1] = 2.0 -> [[0, 2], [0, 2]]
    XCTAssertEqual(try u.toArray(), [0, 2, 0, 2])
    let k = try NDArray([Int32(1), 2, 3])
    k[1] = 2.7  // NumPy casts on assignment: k[1] = 2.7 -> int32 [1, 2, 3]
    let n: Int = 9
    k[2] = n  // -> [1, 2, 9]
    XCTAssertEqual(k.dtype, .int32)
    XCTAssertEqual(try k.toArray(), [1, 2, 9])
    let v: Double = x[3]  // reading as a Double gives one element
    XCTAssertEqual(v, 1.5)
  }

  func testScalarAssignmentOutOfBoundsIsThrownByTheNextOperation() throws {
    let x = try NDArray([1.0, 2, 3])
    x[5] = 1.0  // NumPy: IndexError
    XCTAssertThrowsError(try DRC.check()) {
      XCTAssertTrue("\($0)".contains("out of bounds for axis 0 of length 3"), "\($0)")
      XCTAssertTrue("\($0)".contains("ScalarFormsTests.swift:\(#line - 3)"), "\($0)")
    }
    XCTAssertEqual(try x.toArray(), [1, 2, 3])
  }
}
