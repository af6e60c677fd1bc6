// searchsorted, interp, partition and argpartition against NumPy 2.4's printed results: both
// sides, NaN in the table and among the values, integer tables, interpolation left of, inside,
// at the end of and right of the table, duplicate breakpoints and NaN points.

import DRCIR
import XCTest

@testable import DRCArray

final class SearchingFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func ints(_ x: NDArray) throws -> [Int64] {
    try x.scalars().map { if case .int(let v) = $0 { v } else { Int64.min } }
  }

  func testSearchsorted() throws {
    let a = try NDArray([1, 2, 2, 3, 5, .nan])
    let v = try NDArray([0, 2, 2.5, .nan], shape: [2, 2])
    // np.searchsorted(a, v), side="right"
    let left = try searchsorted(a, v)
    XCTAssertEqual(left.shape, [2, 2])
    XCTAssertEqual(try ints(left), [0, 1, 3, 5])
    XCTAssertEqual(try ints(searchsorted(a, v, side: .right)), [0, 3, 3, 6])
    let ai = try NDArray([Int32(1), 3, 3, 7])
    let vi = try NDArray([Int32(3), 0, 8, 4])
    XCTAssertEqual(try ints(searchsorted(ai, vi)), [1, 0, 4, 3])
    XCTAssertEqual(try ints(searchsorted(ai, vi, side: .right)), [3, 0, 4, 3])
    XCTAssertThrowsError(try searchsorted(v, a)) { XCTAssertTrue("\($0)".contains("1-D"), "\($0)") }
  }

  /// Large tables take the merged-sort path (over 2^22 pairs); the counts are NumPy's
  /// definition, computed here directly: elements of `a` sorting before (`.left`) or not after
  /// (`.right`) each value, NaN last. Ties, NaN on both sides, and an integer table with float
  /// values (promoted) are covered.
  func testLargeSearchsortedMatchesTheDefinition() throws {
    let table = (0..<3000).map { Double($0 / 3) * 0.5 } + [.nan, .nan]
    let values = (0..<2000).map { k -> Double in
      k % 97 == 0 ? .nan : Double(k % 1100) * 0.25 - 10
    }
    func count(_ x: Double, _ side: SearchSide) -> Int64 {
      Int64(
        table.filter { e in
          if x.isNaN { return side == .right || !e.isNaN }
          return side == .left ? e < x : e <= x
        }.count)
    }
    let a = try NDArray(table)
    let v = try NDArray(values, shape: [40, 50])
    for side in [SearchSide.left, .right] {
      let got = try searchsorted(a, v, side: side)
      XCTAssertEqual(got.shape, [40, 50])
      XCTAssertEqual(try ints(got), values.map { count($0, side) }, "\(side)")
    }
    let ai = try NDArray((0..<2500).map { Int32($0 / 2) })
    let vf = try NDArray((0..<2000).map { Double($0) * 0.75 - 3 })
    let want = (0..<2000).map { k -> Int64 in
      let x = Double(k) * 0.75 - 3
      return Int64((0..<2500).filter { Double($0 / 2) < x }.count)
    }
    XCTAssertEqual(try ints(searchsorted(ai, vf)), want)
  }

  func testInterp() throws {
    let xp = try NDArray([0, 1, 1.5, 4])
    let fp = try NDArray([10, 20, 5, -1.0])
    let x = try NDArray([-1, 0, 0.5, 1, 1.25, 3, 4, 7, .nan])
    let got = try interp(x, xp, fp).toArray()
    let want = [10, 10, 15, 20, 12.5, 1.4000000000000004, -1, -1]
    XCTAssertEqual(Array(got.prefix(8)), want)
    XCTAssertTrue(got[8].isNaN)
    // float32 inputs give float64; duplicate breakpoints as NumPy
    let f = try NDArray([Float(1), 2, 3])
    let r = try interp(f, try NDArray([Float(1), 3]), try NDArray([Float(0), 1]))
    XCTAssertEqual(r.dtype, .float64)
    XCTAssertEqual(try r.toArray(), [0, 0.5, 1])
    let d = try interp(
      try NDArray([0.5, 1.0, 1.5]), try NDArray([0, 1, 1, 2.0]), try NDArray([0, 1, 3, 4.0]))
    XCTAssertEqual(try d.toArray(), [0.5, 3, 3.5])
    // np.interp([-1, 0, 0.5, 4, 7, nan], xp, fp, left=-9, right=99)
    let lr = try interp(
      try NDArray([-1, 0, 0.5, 4, 7, .nan]), xp, fp, left: -9, right: 99
    ).toArray()
    XCTAssertEqual(Array(lr.prefix(5)), [-9, 10, 15, -1, 99])
    XCTAssertTrue(lr[5].isNaN)
    // One point: NumPy's loop gives fp[0] at it and for NaN, left and right beside it.
    let one = (try NDArray([1.0]), try NDArray([5.0]))
    let p = try NDArray([0, 1, 2, .nan])
    XCTAssertEqual(try interp(p, one.0, one.1).toArray(), [5, 5, 5, 5])
    XCTAssertEqual(try interp(p, one.0, one.1, left: -1, right: 7).toArray(), [-1, 5, 7, 5])
  }

  func testPartitionIsAValidPartition() throws {
    let x = try NDArray([3, 1, 4, 1, 5, 9, 2, 6.0])
    let p = try x.partition(3).toArray()
    XCTAssertEqual(p[3], 3)  // np.partition(x, 3)[3]
    XCTAssertTrue(p[..<3].allSatisfy { $0 <= 3 } && p[4...].allSatisfy { $0 >= 3 })
    let k = try ints(x.argpartition(3))
    XCTAssertEqual(try x.take(try NDArray(k), axis: 0).toArray()[3], 3)
    XCTAssertThrowsError(try x.partition(8)) { XCTAssertTrue("\($0)".contains("kth(=8)"), "\($0)") }
  }

  func testLexsort() throws {
    // np.lexsort((b, a)): by a, ties by b.
    let a = try NDArray([Int64(1), 5, 1, 4, 3, 4, 4])
    let b = try NDArray([Int64(9), 4, 0, 4, 0, 2, 1])
    XCTAssertEqual(try ints(lexsort([b, a])), [2, 0, 4, 6, 5, 3, 1])
    // Mixed dtypes and NaN last within a tie: np.lexsort((c, d)).
    let c = try NDArray([2.0, .nan, 1, 2])
    let d = try NDArray([Int32(1), 1, 0, 0])
    XCTAssertEqual(try ints(lexsort([c, d])), [2, 3, 0, 1])
    XCTAssertThrowsError(try lexsort([a, try NDArray([1.0])])) {
      XCTAssertTrue("\($0)".contains("one length"), "\($0)")
    }
  }
}
