// isin, union1d, intersect1d, setdiff1d, setxor1d and digitize against NumPy 2.4's printed
// results: NaN in both arrays (never found, merged by unique, kept twice by setxor1d), mixed
// dtypes, an empty test set, increasing, decreasing and constant bins with both sides, and
// bins that are not monotonic. The same tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class SetRoutinesFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func same(
    _ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(a.count, b.count, "\(a) against \(b)", file: file, line: line)
    for (p, q) in zip(a, b) where !(p.isNaN && q.isNaN) {
      XCTAssertEqual(p, q, "\(a) against \(b)", file: file, line: line)
    }
    XCTAssertEqual(a.map(\.isNaN), b.map(\.isNaN), file: file, line: line)
  }

  func testIsin() throws {
    let e = try NDArray([3, 1, .nan, 2, 7, 5], shape: [2, 3])
    let t = try NDArray([5, 3, 3, .nan, 9.0])
    let found = try isin(e, t)
    XCTAssertEqual(found.shape, [2, 3])
    XCTAssertEqual(found.dtype, .bool)
    XCTAssertEqual(try found.toArray(), [1, 0, 0, 0, 0, 1])
    XCTAssertEqual(try isin(e, t, invert: true).toArray(), [0, 1, 1, 1, 1, 0])
    // np.isin(np.array([1, 2, 3], np.int32), [2.0, 3.5]) -> [False, True, False]
    let mixed = try isin(try NDArray([Int32(1), 2, 3]), try NDArray([2.0, 3.5]))
    XCTAssertEqual(try mixed.toArray(), [0, 1, 0])
    let none = try isin(e, try NDArray([Double]()))
    XCTAssertEqual(try none.toArray(), [0, 0, 0, 0, 0, 0])
  }

  func testSetsOfFloatsWithNaN() throws {
    let a = try NDArray([3, 1, 2, 3, .nan, .nan, 7.0])
    let b = try NDArray([7, 2, .nan, 8, 8.0])
    same(try union1d(a, b).toArray(), [1, 2, 3, 7, 8, .nan])
    same(try intersect1d(a, b).toArray(), [2, 7])
    same(try setdiff1d(a, b).toArray(), [1, 3, .nan])
    same(try setxor1d(a, b).toArray(), [1, 3, 8, .nan, .nan])
  }

  func testSetsOfIntegersPromote() throws {
    let a = try NDArray([Int32(5), 1, 5, 2])
    let b = try NDArray([Int64(2), 9])
    let u = try union1d(a, b)
    XCTAssertEqual(u.dtype, .int64)
    XCTAssertEqual(try u.toArray(), [1, 2, 5, 9])
    let i = try intersect1d(a, b)
    XCTAssertEqual(i.dtype, .int64)
    XCTAssertEqual(try i.toArray(), [2])
    let d = try setdiff1d(a, b)
    XCTAssertEqual(d.dtype, .int32)
    XCTAssertEqual(try d.toArray(), [1, 5])
    XCTAssertEqual(try setxor1d(a, b).toArray(), [1, 5, 9])
  }

  func testDigitize() throws {
    let x = try NDArray([-1, 0, 0.5, 1, 2.5, 3, 10, .nan])
    let increasing = try NDArray([0, 1, 1, 3.0])
    XCTAssertEqual(try digitize(x, increasing).toArray(), [0, 1, 1, 3, 3, 4, 4, 4])
    XCTAssertEqual(try digitize(x, increasing, right: true).toArray(), [0, 0, 1, 1, 3, 3, 4, 4])
    let decreasing = try NDArray([3, 1, 1, 0.0])
    XCTAssertEqual(try digitize(x, decreasing).toArray(), [4, 3, 3, 1, 1, 0, 0, 0])
    XCTAssertEqual(try digitize(x, decreasing, right: true).toArray(), [4, 4, 3, 3, 1, 1, 0, 0])
    XCTAssertEqual(try digitize(x, try NDArray([1, 1.0])).toArray(), [0, 0, 0, 2, 2, 2, 2, 2])
    XCTAssertThrowsError(try digitize(x, try NDArray([0, 2, 1.0]))) {
      XCTAssertTrue("\($0)".contains("monotonically increasing or decreasing"), "\($0)")
    }
    XCTAssertThrowsError(try digitize(x, try NDArray([0, 1, 2, 3.0], shape: [2, 2]))) {
      XCTAssertTrue("\($0)".contains("1-D"), "\($0)")
    }
  }
}
