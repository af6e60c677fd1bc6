// Writes at computed positions (trace format 1.4's `scatter` and `scatter_add`) against NumPy
// 2.4's printed results: `x[idx] = v` with repeats (the last wins), rows, index arrays beside
// slices, several index arrays, `x[idx] += v` (a repeat adds once), `np.add.at` (every repeat
// adds, in order: float32 cancellation shows the order), `np.put`, `np.bincount`, and
// out-of-range indices, which fail in every mode. The same tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class ScatterFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func ints(_ v: [Int64], _ shape: [Int]? = nil) throws -> NDArray {
    try NDArray(v, shape: shape)
  }

  func testAssignmentThroughIndexArrays() throws {
    // x = np.arange(10.0); x[[1, 3, 1, -1]] = [10, 30, 11, 99]
    let x = try arange(0, 10)
    x[try ints([1, 3, 1, -1])] = try NDArray([10.0, 30, 11, 99])
    XCTAssertEqual(try x.toArray(), [0, 11, 2, 30, 4, 5, 6, 7, 8, 99])
    // y = np.zeros((3, 4)); y[[2, 0, 2]] = rows: the last row for 2 wins
    let y = try zeros([3, 4])
    y[try ints([2, 0, 2])] = try NDArray((1...12).map(Double.init), shape: [3, 4])
    XCTAssertEqual(try y.toArray(), [5, 6, 7, 8, 0, 0, 0, 0, 9, 10, 11, 12])
    // z[:, [0, 3]] = -1
    let z = try arange(0, 12).reshape([3, 4])
    z[.all, try ints([0, 3])] = -1.0
    XCTAssertEqual(try z.toArray(), [-1, 1, 2, -1, -1, 5, 6, -1, -1, 9, 10, -1])
    // w[[0, 2], [1, 3]] = [50, 70]
    let w = try arange(0, 12).reshape([3, 4])
    w[try ints([0, 2]), try ints([1, 3])] = try NDArray([50.0, 70])
    XCTAssertEqual(try w.toArray(), [0, 50, 2, 3, 4, 5, 6, 7, 8, 9, 10, 70])
    // i = np.arange(6); i[[1, 2]] = [1.7, -2.9]: NumPy casts (truncates)
    let i = try arange(6)
    i[try ints([1, 2])] = try NDArray([1.7, -2.9])
    XCTAssertEqual(try i.toArray(), [0, 1, -2, 3, 4, 5])
    // a boolean mask inside a subscript with values per true element: m[m > 2] = [1, 2, 3]
    let m = try arange(0, 6).reshape([2, 3])
    m[.all, try NDArray([false, true, true])] = try NDArray([7.0, 8, 9, 10], shape: [2, 2])
    XCTAssertEqual(try m.toArray(), [0, 7, 8, 3, 9, 10])
  }

  func testCompoundAssignmentAddsOncePerRepeat() throws {
    // z = np.arange(12.).reshape(3, 4); z[[0, 0, 1]] += 100
    let z = try arange(0, 12).reshape([3, 4])
    try z[try ints([0, 0, 1])] += 100.0
    XCTAssertEqual(try z.toArray(), [100, 101, 102, 103, 104, 105, 106, 107, 8, 9, 10, 11])
  }

  func testAddAt() throws {
    // a = np.zeros(5); np.add.at(a, [0, 1, 1, 4, 1], [1, 2, 3, 4, 5])
    let a = try zeros([5])
    try addAt(a, try ints([0, 1, 1, 4, 1]), try NDArray([1.0, 2, 3, 4, 5]))
    XCTAssertEqual(try a.toArray(), [1, 10, 0, 0, 4])
    // int32 rows: np.add.at(a, [2, 2, 0], 1)
    let b = try zeros([3, 2], dtype: .int32)
    try addAt(b, try ints([2, 2, 0]), try full([], 1, dtype: .int32))
    XCTAssertEqual(b.dtype, .int32)
    XCTAssertEqual(try b.toArray(), [1, 1, 0, 0, 2, 2])
    // np.add.at(a, (slice(None), [0, 0, 2]), [1, 2, 3])
    let c = try arange(0, 6).reshape([2, 3])
    try addAt(c, [AxisSlice.all, try ints([0, 0, 2])], try NDArray([1.0, 2, 3]))
    XCTAssertEqual(try c.toArray(), [3, 1, 5, 6, 4, 8])
    // float32 in index order: 1e8 + 1 + 1 - 1e8 == 0 (a pairwise sum would give 2)
    let f = try zeros([1], dtype: .float32)
    try addAt(f, try ints([0, 0, 0, 0]), try NDArray([1e8, 1, 1, -1e8] as [Float]))
    XCTAssertEqual(try f.toArray(), [0])
    XCTAssertThrowsError(try addAt(b, try ints([0]), try NDArray([1.5]))) {
      XCTAssertTrue("\($0)".contains("same-kind"), "\($0)")
    }
  }

  func testPutAndBincount() throws {
    // b = np.arange(5.); np.put(b, [0, 2], [-44, -55])
    let b = try arange(0, 5)
    try put(b, try ints([0, 2]), try NDArray([-44.0, -55]))
    XCTAssertEqual(try b.toArray(), [-44, 1, -55, 3, 4])
    // np.put(b, [0, 1, 2, 3], [7, 8]): v repeats
    let c = try arange(0, 5)
    try put(c, try ints([0, 1, 2, 3]), try NDArray([7.0, 8]))
    XCTAssertEqual(try c.toArray(), [7, 8, 7, 8, 4])
    // np.bincount([0, 1, 1, 3, 2, 1, 7])
    let counts = try bincount(try ints([0, 1, 1, 3, 2, 1, 7]))
    XCTAssertEqual(counts.dtype, .int64)
    XCTAssertEqual(try counts.toArray(), [1, 3, 1, 1, 0, 0, 0, 1])
    // np.bincount([0, 1, 1, 2], weights=[0.3, 0.5, 0.2, 0.7], minlength=6)
    let weighted = try bincount(
      try ints([0, 1, 1, 2]), weights: try NDArray([0.3, 0.5, 0.2, 0.7]), minlength: 6)
    XCTAssertEqual(try weighted.toArray(), [0.3, 0.7, 0.7, 0, 0, 0])
    // np.bincount(np.array([], dtype=int), minlength=3)
    XCTAssertEqual(try bincount(try ints([], [0]), minlength: 3).toArray(), [0, 0, 0])
    XCTAssertThrowsError(try bincount(try ints([1, -1]))) {
      XCTAssertTrue("\($0)".contains("must have no negative elements"), "\($0)")
    }
  }

  func testOutOfRangeIndicesFailInEveryMode() throws {
    // w = np.zeros(4); w[[4]] = 1 -> IndexError
    let w = try zeros([4])
    w[try ints([1, 4])] = 1.0
    // Reference mode raises at the write; device mode when the kernels have run.
    func checkThenRead() throws {
      try DRC.check()
      _ = try w.toArray()
    }
    XCTAssertThrowsError(try checkThenRead()) {
      XCTAssertTrue("\($0)".contains("out of bounds for axis 0 with size 4"), "\($0)")
    }
    let a = try zeros([3])
    func addAndRead() throws {
      try addAt(a, try ints([0, -4]), try NDArray([1.0, 2]))
      _ = try a.toArray()
    }
    XCTAssertThrowsError(try addAndRead()) {
      XCTAssertTrue("\($0)".contains("out of bounds"), "\($0)")
    }
  }

  func testPutAlongAxis() throws {
    let values: [Double] = [10, 30, 20, 60, 40, 50]
    // np.put_along_axis(a, np.argmax(a, axis=1)[:, None], 99, axis=1)
    let a = try NDArray(values, shape: [2, 3])
    let top = try a.argmax(axis: 1, keepdims: true)
    try putAlongAxis(a, top, try full([], 99), axis: 1)
    XCTAssertEqual(try a.toArray(), [10, 99, 20, 99, 40, 50])
    // A repeated position keeps the last value, as NumPy's assignment does.
    let c = try NDArray(values, shape: [2, 3])
    try putAlongAxis(
      c, try NDArray([Int64(0), 2, 1, 1], shape: [2, 2]),
      try NDArray([1, 2, 3, 4.0], shape: [2, 2]),
      axis: 1)
    XCTAssertEqual(try c.toArray(), [1, 30, 2, 60, 4, 50])
    // Indices broadcast along the other axis.
    let d = try NDArray(values, shape: [2, 3])
    try putAlongAxis(d, try NDArray([Int64(1), 0, 1], shape: [1, 3]), try full([], -1), axis: 0)
    XCTAssertEqual(try d.toArray(), [10, -1, 20, -1, 40, -1])
    XCTAssertThrowsError(try putAlongAxis(d, try NDArray([Int64(1)]), try full([], 0), axis: 0)) {
      XCTAssertTrue("\($0)".contains("rank"), "\($0)")
    }
  }
}
