// nancumsum, nancumprod, nanargmax, nanargmin, array_equal, array_equiv, append, delete,
// insert, the list form of select and triu_indices / tril_indices against NumPy 2.4's printed results,
// including NumPy's errors (an all-NaN slice, an index out of bounds, mismatched lists). The
// same tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class NaNAndLogicFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testNaNScansAndIndexReductions() throws {
    let x = try NDArray([1, .nan, 2, .nan, .nan, 3.0], shape: [2, 3])
    XCTAssertEqual(try nancumsum(x, axis: 1).toArray(), [1, 1, 3, 0, 0, 3])
    XCTAssertEqual(try nancumsum(x).toArray(), [1, 1, 3, 3, 3, 6])
    let y = try NDArray([1, .nan, 2, .nan, 4, 3.0], shape: [2, 3])
    XCTAssertEqual(try nancumprod(y, axis: 0).toArray(), [1, 1, 2, 1, 4, 6])
    XCTAssertEqual(try nanargmax(y, axis: 1).toArray(), [2, 1])
    XCTAssertEqual(try nanargmin(y, axis: 0).toArray(), [0, 1, 0])
    XCTAssertEqual(try nanargmax(try NDArray([.nan, 5, 5, 1.0])).toArray(), [1])
    XCTAssertThrowsError(
      try nanargmax(try NDArray([1, .nan, .nan, .nan], shape: [2, 2]), axis: 1)
    ) { XCTAssertTrue("\($0)".contains("All-NaN slice encountered"), "\($0)") }
    XCTAssertEqual(try nanargmin(try NDArray([Int32(4), 2, 9])).toArray(), [1])
  }

  func testArrayEquality() throws {
    let a = try NDArray([1, 2.0])
    XCTAssertTrue(try arrayEqual(a, try NDArray([1, 2.0])))
    XCTAssertFalse(try arrayEqual(a, try NDArray([1, 3.0])))
    let n = try NDArray([1, .nan])
    XCTAssertFalse(try arrayEqual(n, n))
    XCTAssertTrue(try arrayEqual(n, n, equalNaN: true))
    XCTAssertFalse(try arrayEqual(a, try NDArray([1, 2.0], shape: [1, 2])))
    XCTAssertTrue(try arrayEquiv(a, try NDArray([1, 2, 1, 2.0], shape: [2, 2])))
    XCTAssertFalse(try arrayEquiv(a, try NDArray([1, 2, 1, 3.0], shape: [2, 2])))
    XCTAssertFalse(try arrayEquiv(a, try NDArray([1, 2, 3.0])))
  }

  func testAppendAndDelete() throws {
    let m = try NDArray([Int64(1), 2, 3, 4], shape: [2, 2])
    let flat = try append(m, try NDArray([5.5, 6]))
    XCTAssertEqual(flat.dtype, .float64)
    XCTAssertEqual(try flat.toArray(), [1, 2, 3, 4, 5.5, 6])
    let rows = try append(m, try NDArray([Int64(5), 6], shape: [1, 2]), axis: 0)
    XCTAssertEqual(rows.shape, [3, 2])
    XCTAssertEqual(try rows.toArray(), [1, 2, 3, 4, 5, 6])
    let w = try NDArray([Int64(1), 2, 3, 4, 5, 6], shape: [2, 3])
    let d = try delete(w, [0, -1, 0], axis: 1)
    XCTAssertEqual(d.shape, [2, 1])
    XCTAssertEqual(try d.toArray(), [2, 5])
    XCTAssertEqual(try delete(w, [1, 4]).toArray(), [1, 3, 4, 6])
    XCTAssertThrowsError(try delete(w, [3], axis: 1)) {
      XCTAssertTrue("\($0)".contains("index 3 is out of bounds for axis 1 with size 3"), "\($0)")
    }
  }

  func testInsert() throws {
    let a = try NDArray([Int64(1), 2, 3, 4], shape: [2, 2])
    XCTAssertEqual(try insert(a, [1], try NDArray([Int64(5)])).toArray(), [1, 5, 2, 3, 4])
    XCTAssertEqual(
      try insert(a, [1, 1], try NDArray([Int64(7), 8])).toArray(), [1, 7, 8, 2, 3, 4])
    let column = try insert(a, [1], try full([], 9, dtype: .int64), axis: 1)
    XCTAssertEqual(column.shape, [2, 3])
    XCTAssertEqual(try column.toArray(), [1, 9, 2, 3, 9, 4])
    // Values taken in the order of the indices: [5, 6] at 2, [7, 8] at 0.
    let rows = try insert(
      a, [2, 0], try NDArray([Int64(5), 6, 7, 8], shape: [2, 2]), axis: 0)
    XCTAssertEqual(try rows.toArray(), [7, 8, 1, 2, 3, 4, 5, 6])
    XCTAssertEqual(
      try insert(try NDArray([1.0, 2, 3]), [-1, 3], try NDArray([9.5, 8])).toArray(),
      [1, 2, 9.5, 3, 8])
    // Cast to the array's dtype, as NumPy's insert casts (2.7 into int64 is 2).
    XCTAssertEqual(
      try insert(try NDArray([Int64(1), 2, 3]), [1], try full([], 2.7)).toArray(), [1, 2, 2, 3])
    XCTAssertThrowsError(try insert(a, [5], try full([], 0, dtype: .int64))) {
      XCTAssertTrue("\($0)".contains("index 5 is out of bounds for axis 0 with size 4"), "\($0)")
    }
  }

  func testSelectFromLists() throws {
    let x = try NDArray([-2, -1, 0, 1, 2.0])
    let r = try select([x < 0, x > 1], [x * 2, x * x], default: 42)
    XCTAssertEqual(try r.toArray(), [-4, -2, 42, 42, 4])
    let i = try NDArray([Int32(1), 2, 3, 4, 5])
    XCTAssertEqual(try select([x < 0], [i]).dtype, .int32)
    let h = try select([x < 0], [i], default: 0.5)
    XCTAssertEqual(h.dtype, .float64)
    XCTAssertEqual(try h.toArray(), [1, 2, 0.5, 0.5, 0.5])
    XCTAssertThrowsError(try select([x < 0], [x, x])) {
      XCTAssertTrue("\($0)".contains("same length"), "\($0)")
    }
    XCTAssertThrowsError(try select([x], [x])) {
      XCTAssertTrue("\($0)".contains("invalid entry 0 in condlist"), "\($0)")
    }
  }

  func testTriangleIndices() throws {
    func pair(_ p: (rows: NDArray, columns: NDArray)) throws -> [[Double]] {
      [try p.rows.toArray(), try p.columns.toArray()]
    }
    XCTAssertEqual(try pair(triuIndices(3)), [[0, 0, 0, 1, 1, 2], [0, 1, 2, 1, 2, 2]])
    XCTAssertEqual(
      try pair(triuIndices(3, k: 1, m: 4)), [[0, 0, 0, 1, 1, 2], [1, 2, 3, 2, 3, 3]])
    XCTAssertEqual(try pair(trilIndices(3, k: -1)), [[1, 2, 2], [0, 0, 1]])
    XCTAssertEqual(
      try pair(trilIndices(2, k: 5, m: 3)), [[0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]])
    XCTAssertEqual(
      try pair(triuIndices(3, k: -10)),
      [[0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 1, 2, 0, 1, 2, 0, 1, 2]])
    XCTAssertEqual(try pair(triuIndices(3, k: 10)), [[], []])
    XCTAssertEqual(try pair(triuIndices(2, k: Int.max)), [[], []])
    XCTAssertEqual(try pair(trilIndices(2, k: Int.min)), [[], []])
    XCTAssertEqual(try triuIndices(3).rows.dtype, .int64)
  }
}
