// histogram against NumPy 2.4's printed results: bins over the data's range (float32 data,
// values on the edges, the last bin closed), a given range (values outside counted nowhere),
// equal minimum and maximum, 1000 values, weights (float and int), density, NaN and values out of
// range, and NumPy's errors.

import DRCIR
import XCTest

@testable import DRCArray

final class HistogramFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func ints(_ x: NDArray) throws -> [Int64] {
    try x.scalars().map { if case .int(let v) = $0 { v } else { Int64.min } }
  }

  func testHistogramMatchesNumPy() throws {
    let x = try NDArray([0.5, 1, 1, 2, 3.5, 4, 4, 7, 2.5] as [Float])
    // np.histogram(x, bins=4)
    let (c, e) = try histogram(x, bins: 4)
    XCTAssertEqual(try ints(c), [4, 2, 2, 1])
    XCTAssertEqual(try e.toArray(), [0.5, 2.125, 3.75, 5.375, 7])
    // np.histogram(x, bins=3, range=(1, 4))
    let (c2, e2) = try histogram(x, bins: 3, range: (1, 4))
    XCTAssertEqual(try ints(c2), [2, 2, 3])
    XCTAssertEqual(try e2.toArray(), [1, 2, 3, 4])
    // np.histogram([2, 2, 2], bins=2)
    let (c3, e3) = try histogram(try NDArray([2, 2, 2.0]), bins: 2)
    XCTAssertEqual(try ints(c3), [0, 3])
    XCTAssertEqual(try e3.toArray(), [1.5, 2, 2.5])
    // y_k = ((k * 7919) % 1000) / 37 - 13.5, k < 1000: bins=7, and range (-10, 10) with 5 bins
    let y = try NDArray((0..<1000).map { Double((($0 * 7919) % 1000)) / 37.0 - 13.5 })
    let (c4, e4) = try histogram(y, bins: 7)
    XCTAssertEqual(try ints(c4), [143, 143, 143, 142, 143, 143, 143])
    XCTAssertEqual(try e4.toArray()[3], -1.9285714285714288)
    XCTAssertEqual(
      try ints(histogram(y, bins: 5, range: (-10, 10)).counts), [148, 148, 148, 148, 148])
    XCTAssertThrowsError(try histogram(try NDArray([1, .nan]))) {
      XCTAssertTrue("\($0)".contains("autodetected range of [nan, nan] is not finite"), "\($0)")
    }
    XCTAssertThrowsError(try histogram(y, bins: 0)) {
      XCTAssertTrue("\($0)".contains("must be positive"), "\($0)")
    }
  }

  func testWeightsAndDensity() throws {
    // x = [0.5, 1.5, 2.5, 2.5, 3.0, nan, -1.0, 10.0], range (0, 3), 3 bins
    let x = try NDArray([0.5, 1.5, 2.5, 2.5, 3.0, .nan, -1.0, 10.0])
    let (c, e) = try histogram(x, bins: 3, range: (0, 3))
    XCTAssertEqual(try ints(c), [1, 1, 3])
    XCTAssertEqual(try e.toArray(), [0, 1, 2, 3])
    // weights=np.arange(8.0) -> [0., 1., 9.]
    let w = try arange(0, 8)
    XCTAssertEqual(
      try histogram(x, bins: 3, range: (0, 3), weights: w).counts.toArray(), [0, 1, 9])
    // density=True -> [0.2, 0.2, 0.6]
    XCTAssertEqual(
      try histogram(x, bins: 3, range: (0, 3), density: true).counts.toArray(), [0.2, 0.2, 0.6])
    // weights and density -> [0., 0.1, 0.9]
    XCTAssertEqual(
      try histogram(x, bins: 3, range: (0, 3), weights: w, density: true).counts.toArray(),
      [0, 0.1, 0.9])
    // integer weights keep their dtype: np.arange(8) -> [0, 1, 9]
    let iw = try histogram(x, bins: 3, range: (0, 3), weights: try arange(8)).counts
    XCTAssertEqual(iw.dtype, .int64)
    XCTAssertEqual(try ints(iw), [0, 1, 9])
    // float32 weights: np.histogram([0.1, 0.2, 0.3], bins=2, weights=float32 [1, 2, 3])
    let fw = try histogram(
      try NDArray([0.1, 0.2, 0.3]), bins: 2, weights: try NDArray([1, 2, 3] as [Float])
    ).counts
    XCTAssertEqual(fw.dtype, .float32)
    XCTAssertEqual(try fw.toArray(), [1, 5])
    XCTAssertThrowsError(try histogram(x, weights: try arange(0, 3))) {
      XCTAssertTrue("\($0)".contains("same shape"), "\($0)")
    }
  }

  /// np.histogram(x, bins=array): values on edges, NaN and values outside dropped, a repeated
  /// edge (an empty bin), weights (float and int32, summed in sorted order) and density.
  func testExplicitEdges() throws {
    let x = try NDArray([0.5, 1, 1, 2.5, 3, 3, .nan, -1, 4, 2])
    let e = try NDArray([0, 1, 2, 3.0])
    let (counts, edges) = try histogram(x, edges: e)
    XCTAssertEqual(counts.dtype, .int64)
    XCTAssertEqual(try counts.toArray(), [1, 2, 4])
    XCTAssertEqual(try edges.toArray(), [0, 1, 2, 3])
    let w = try NDArray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10.0])
    XCTAssertEqual(try histogram(x, edges: e, weights: w).counts.toArray(), [1, 5, 25])
    let wi = try NDArray([Int32(1), 2, 3, 4, 5, 6, 7, 8, 9, 10])
    let ints = try histogram(x, edges: e, weights: wi).counts
    XCTAssertEqual(ints.dtype, .int32)
    XCTAssertEqual(try ints.toArray(), [1, 5, 25])
    XCTAssertEqual(
      try histogram(x, edges: e, density: true).counts.toArray(),
      [0.14285714285714285, 0.2857142857142857, 0.5714285714285714])
    XCTAssertEqual(try histogram(x, edges: try NDArray([0, 0.5, 3])).counts.toArray(), [0, 7])
    XCTAssertEqual(
      try histogram(try NDArray([Int64(1), 2, 3]), edges: try NDArray([1, 1, 2, 3.0])).counts
        .toArray(), [0, 1, 2])
    XCTAssertThrowsError(try histogram(x, edges: try NDArray([0, 2, 1.0]))) {
      XCTAssertTrue("\($0)".contains("must increase monotonically"), "\($0)")
    }
  }
}
