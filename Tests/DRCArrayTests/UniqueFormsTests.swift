// NumPy's `unique` and the array API's `unique_*` functions against NumPy 2.4's printed results:
// floats with NaNs (merged by `unique`, kept by `unique_all`), int32 with counts and inverse,
// bools, an empty array. The same tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class UniqueFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  /// x = np.array([[3., 1, nan], [1, 2, nan], [3, 0.5, 2]])
  private func data() throws -> NDArray {
    try NDArray([3.0, 1, .nan, 1, 2, .nan, 3, 0.5, 2], shape: [3, 3])
  }

  private func same(
    _ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (p, q) in zip(a, b) where !(p.isNaN && q.isNaN) {
      XCTAssertEqual(p, q, file: file, line: line)
    }
    XCTAssertEqual(a.map(\.isNaN), b.map(\.isNaN), file: file, line: line)
  }

  func testUniqueMergesNaNs() throws {
    // np.unique(x) -> [0.5 1. 2. 3. nan]
    same(try unique(try data()).toArray(), [0.5, 1, 2, 3, .nan])
    // np.unique(x, equal_nan=False) -> [0.5 1. 2. 3. nan nan]
    same(try unique(try data(), equalNaN: false).toArray(), [0.5, 1, 2, 3, .nan, .nan])
    // np.unique(x, return_index=True, return_inverse=True, return_counts=True)
    let all = try uniqueAll(try data(), equalNaN: true)
    XCTAssertEqual(try all.indices.toArray(), [7, 1, 4, 0, 2])
    XCTAssertEqual(all.inverseIndices.shape, [3, 3])
    XCTAssertEqual(try all.inverseIndices.toArray(), [3, 1, 4, 1, 2, 4, 3, 0, 2])
    XCTAssertEqual(try all.counts.toArray(), [1, 2, 2, 2, 2])
  }

  func testArrayAPIFormsKeepEveryNaN() throws {
    // np.unique_all(x)
    let all = try uniqueAll(try data())
    same(try all.values.toArray(), [0.5, 1, 2, 3, .nan, .nan])
    XCTAssertEqual(try all.indices.toArray(), [7, 1, 4, 0, 2, 5])
    XCTAssertEqual(try all.inverseIndices.toArray(), [3, 1, 4, 1, 2, 5, 3, 0, 2])
    XCTAssertEqual(try all.counts.toArray(), [1, 2, 2, 2, 1, 1])
    XCTAssertEqual(try uniqueCounts(try data()).counts.toArray(), [1, 2, 2, 2, 1, 1])
    XCTAssertEqual(
      try uniqueInverse(try data()).inverseIndices.toArray(), [3, 1, 4, 1, 2, 5, 3, 0, 2])
    same(try uniqueValues(try data()).toArray(), [0.5, 1, 2, 3, .nan, .nan])
  }

  func testIntegersBoolsAndEmpty() throws {
    // i = np.array([4, 1, 4, 0, 1, 4], dtype=np.int32)
    let i = try NDArray([Int32(4), 1, 4, 0, 1, 4])
    // np.unique(i, return_counts=True, return_inverse=True)
    let all = try uniqueAll(i, equalNaN: true)
    XCTAssertEqual(all.values.dtype, .int32)
    XCTAssertEqual(try all.values.toArray(), [0, 1, 4])
    XCTAssertEqual(try all.inverseIndices.toArray(), [2, 1, 2, 0, 1, 2])
    XCTAssertEqual(try all.counts.toArray(), [1, 2, 3])
    // np.unique(np.array([True, False, True])) -> [False True]
    XCTAssertEqual(try unique(try NDArray([true, false, true])).toArray(), [0, 1])
    // np.unique(np.array([])) -> []
    let empty = try unique(try NDArray([Double](), shape: [0]))
    XCTAssertEqual(empty.shape, [0])
    // a constant array: one value
    XCTAssertEqual(try uniqueCounts(try full([5], 2.5)).counts.toArray(), [5])
    // perturbed: one more distinct value is seen
    XCTAssertNotEqual(try unique(try NDArray([Int32(4), 1, 4, 0, 2, 4])).toArray(), [0, 1, 4])
  }
}
