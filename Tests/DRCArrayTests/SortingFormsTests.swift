// Sorting and order statistics against NumPy 2.4's printed results: sort and argsort along each
// axis and flattened (argsort as NumPy's kind="stable"), NaN and infinities, median, percentile
// and quantile (NumPy's linear method: float32 stays float32, integers give float64, a NaN in a
// line gives NaN), and the errors for a bad axis, a bad quantile and an empty axis.

import DRCIR
import XCTest

@testable import DRCArray

final class SortingFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func ints(_ x: NDArray) throws -> [Int64] {
    try x.scalars().map { if case .int(let v) = $0 { v } else { Int64.min } }
  }

  private let x: [Float] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]

  func testSortAndArgsort() throws {
    let a = try NDArray(x, shape: [2, 5])
    // np.sort(x), np.sort(x, axis=0), np.sort(x, axis=None)
    XCTAssertEqual(try a.sort().toArray(), [1, 1, 3, 4, 5, 2, 3, 5, 6, 9])
    XCTAssertEqual(try sort(a, axis: 0).toArray(), [3, 1, 4, 1, 3, 9, 2, 6, 5, 5])
    XCTAssertEqual(try a.sort(axis: nil).toArray(), [1, 1, 2, 3, 3, 4, 5, 5, 6, 9])
    XCTAssertEqual(try a.sort().dtype, .float32)
    // np.argsort(x, kind="stable") along 1 and 0: ties keep their order
    XCTAssertEqual(try ints(a.argsort()), [1, 3, 0, 2, 4, 1, 4, 3, 2, 0])
    XCTAssertEqual(try ints(argsort(a, axis: 0)), [0, 0, 0, 0, 1, 1, 1, 1, 1, 0])
    // NaN last, infinities in place
    let s = try NDArray([3.0, .nan, -.infinity, 1.0, .nan, 0.0])
    let sorted = try s.sort().toArray()
    XCTAssertEqual(Array(sorted.prefix(4)), [-.infinity, 0, 1, 3])
    XCTAssertTrue(sorted[4].isNaN && sorted[5].isNaN)
    XCTAssertEqual(try ints(s.argsort()), [2, 5, 3, 0, 1, 4])
    XCTAssertThrowsError(try a.sort(axis: 2)) { XCTAssertTrue("\($0)".contains("axis 2"), "\($0)") }
  }

  func testMedianPercentileAndQuantile() throws {
    let a = try NDArray(x, shape: [2, 5])
    XCTAssertEqual(try a.median(axis: 1).toArray(), [3, 5])
    XCTAssertEqual(try median(a, axis: 0).toArray(), [6, 1.5, 5, 3, 4])
    XCTAssertEqual(try a.median().toArray(), [3.5])
    XCTAssertEqual(try a.median(axis: 1).dtype, .float32)
    // np.percentile(x, 30, axis=1) in float32: 1.399999976158142, 3.4000000953674316
    XCTAssertEqual(
      try a.percentile(30, axis: 1).toArray(), [Double(Float(1.4)), Double(Float(3.4))])
    XCTAssertEqual(try quantile(a, 0.75, axis: 0).toArray(), [7.5, 1.75, 5.5, 4, 4.5])
    XCTAssertEqual(try percentile(a, 90).toArray(), [Double(Float(6.3))])
    // np.percentile(x, [30, 90], axis=1): the percentiles first
    let both = try percentile(a, [30, 90], axis: 1)
    XCTAssertEqual(both.shape, [2, 2])
    XCTAssertEqual(try both.toArray()[0], Double(Float(1.4)))
    XCTAssertEqual(try quantile(a, [0.75], axis: 0).shape, [1, 5])
    let i = try NDArray([Int32(1), 2, 3, 4])
    XCTAssertEqual(try i.median().toArray(), [2.5])
    XCTAssertEqual(try i.median().dtype, .float64)
    XCTAssertEqual(try i.percentile(40).toArray(), [2.2])
    XCTAssertEqual(try i.quantile(1).toArray(), [4])
    XCTAssertEqual(try i.quantile(0).toArray(), [1])
    // np.median([[1, nan, 3], [1, 2, 3]], axis=1): [nan, 2]
    let m = try NDArray([1, .nan, 3, 1, 2, 3.0], shape: [2, 3]).median(axis: 1).toArray()
    XCTAssertTrue(m[0].isNaN)
    XCTAssertEqual(m[1], 2)
    XCTAssertThrowsError(try a.quantile(1.5)) {
      XCTAssertTrue("\($0)".contains("quantiles must be in [0, 1]"), "\($0)")
    }
    XCTAssertThrowsError(try a.percentile(-1)) {
      XCTAssertTrue("\($0)".contains("percentiles must be in [0, 100]"), "\($0)")
    }
    XCTAssertThrowsError(try zeros([2, 0]).median(axis: 1)) {
      XCTAssertTrue("\($0)".contains("empty axis"), "\($0)")
    }
  }

  func testNaNIgnoringOrderStatistics() throws {
    let nan = Float.nan
    let a = try NDArray(
      [3, nan, 4, 1, 5, nan, nan, nan, nan, nan, 9, 2, 6, 5, nan] as [Float], shape: [3, 5])
    // np.nanmedian(x, axis=1), nanpercentile(x, 30, axis=1), nanquantile(x, 0.9, axis=1)
    func check(_ got: [Double], _ want: [Double], _ what: String) {
      XCTAssertEqual(got.count, want.count, what)
      for (g, w) in zip(got, want) {
        XCTAssertTrue(g == w || (g.isNaN && w.isNaN), "\(what): \(got) against \(want)")
      }
    }
    check(try a.nanmedian(axis: 1).toArray(), [3.5, .nan, 5.5], "nanmedian")
    check(
      try a.nanpercentile(30, axis: 1).toArray(),
      [Double(Float(2.8)), .nan, Double(Float(4.7))], "nanpercentile")
    check(
      try a.nanquantile(0.9, axis: 1).toArray(),
      [Double(Float(4.7)), .nan, Double(Float(8.1))], "nanquantile")
    check(try nanmedian(a, axis: 0).toArray(), [6, 2, 5, 3, 5], "nanmedian axis 0")
    check(try a.nanmedian().toArray(), [4.5], "nanmedian of all")
    check(try nanpercentile(a, 75).toArray(), [5.25], "nanpercentile of all")
    XCTAssertEqual(try NDArray([Int64(1), 4, 2, 8]).nanmedian().toArray(), [3])
  }
}
