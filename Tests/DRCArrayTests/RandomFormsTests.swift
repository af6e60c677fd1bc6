// randint, permutation and choice: their values' ranges, that a permutation is one and a choice
// without replacement repeats nothing, seeded reproducibility, NumPy's errors, and the spread
// of many draws. The spread checks are statistical with bounds at six standard deviations, so a
// correct generator fails them with probability under 1e-8; one with modulo bias (`next() %
// span`) fails the one over a span of 3 * 2^62, where it draws the first third half the time.
// The same tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class RandomFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func ints(_ x: NDArray) throws -> [Int64] {
    try x.scalars().map { if case .int(let v) = $0 { v } else { Int64.min } }
  }

  func testRandint() throws {
    let x = try randint(-3, 7, shape: [400, 50], seed: 11)
    XCTAssertEqual(x.dtype, .int64)
    XCTAssertEqual(x.shape, [400, 50])
    let values = try ints(x)
    XCTAssertTrue(values.allSatisfy { (-3..<7).contains($0) })
    XCTAssertEqual(Set(values).count, 10, "every value appears")
    // Mean of 20,000 uniform draws from -3...6: 1.5, standard deviation sqrt(8.25 / 20000).
    let mean = Double(values.reduce(0, +)) / Double(values.count)
    XCTAssertLessThanOrEqual(Swift.abs(mean - 1.5), 6 * (8.25 / 20000).squareRoot())
    XCTAssertEqual(try ints(randint(-3, 7, shape: [400, 50], seed: 11)), values)
    XCTAssertNotEqual(try ints(randint(-3, 7, shape: [400, 50], seed: 12)), values)
    // A span above 2^63: the top half of the range is drawn half of the time.
    let wide = try ints(randint(Int.min, Int.max, shape: [4000], seed: 3))
    let high = wide.filter { $0 >= 0 }.count
    XCTAssertLessThanOrEqual(Swift.abs(Double(high) - 2000), 6 * 1000.0.squareRoot())
    // A span of 3 * 2^62: each third of it a third of the time (modulo bias would give the first
    // third half of the draws).
    let thirds = try ints(randint(Int.min, 1 << 62, shape: [6000], seed: 8))
    let first = Double(thirds.filter { $0 < Int64.min + (1 << 62) }.count)
    XCTAssertLessThanOrEqual(Swift.abs(first - 2000), 6 * (6000.0 * 2 / 9).squareRoot())
    let small = try randint(0, 5, shape: [6], seed: 1, dtype: .int32)
    XCTAssertEqual(small.dtype, .int32)
    XCTAssertThrowsError(try randint(4, 4, shape: [2], seed: 1)) {
      XCTAssertTrue("\($0)".contains("low >= high"), "\($0)")
    }
  }

  func testPermutation() throws {
    let p = try ints(permutation(1000, seed: 5))
    XCTAssertEqual(p.sorted(), (0..<1000).map { Int64($0) })
    XCTAssertNotEqual(p, (0..<1000).map { Int64($0) })
    XCTAssertEqual(try ints(permutation(1000, seed: 5)), p)
    XCTAssertEqual(try ints(permutation(0, seed: 5)), [])
    let rows = try NDArray((0..<12).map { Double($0) }, shape: [4, 3])
    let shuffled = try permutation(rows, seed: 9)
    XCTAssertEqual(shuffled.shape, [4, 3])
    let order = try ints(permutation(4, seed: 9))
    XCTAssertEqual(
      try shuffled.toArray(), order.flatMap { r in (0..<3).map { Double(Int(r) * 3 + $0) } })
  }

  func testChoice() throws {
    let unique = try ints(choice(50, shape: [50], replace: false, seed: 2))
    XCTAssertEqual(unique.sorted(), (0..<50).map { Int64($0) })
    let some = try ints(choice(100, shape: [5, 4], replace: false, seed: 2))
    XCTAssertEqual(Set(some).count, 20)
    XCTAssertThrowsError(try choice(3, shape: [4], replace: false, seed: 1)) {
      XCTAssertTrue("\($0)".contains("larger sample than population"), "\($0)")
    }
    // Weighted: 20,000 draws with p = [0.1, 0, 0.6, 0.3]; never index 1.
    let weighted = try ints(choice(4, shape: [20000], p: [0.1, 0, 0.6, 0.3], seed: 4))
    XCTAssertFalse(weighted.contains(1))
    for (k, q) in [(0, 0.1), (2, 0.6), (3, 0.3)] {
      let seen = Double(weighted.filter { $0 == Int64(k) }.count)
      XCTAssertLessThanOrEqual(Swift.abs(seen - 20000 * q), 6 * (20000 * q * (1 - q)).squareRoot())
    }
    XCTAssertThrowsError(try choice(2, shape: [1], p: [0.5, 0.4], seed: 1)) {
      XCTAssertTrue("\($0)".contains("do not sum to 1"), "\($0)")
    }
    let weightedUnique = try ints(
      choice(4, shape: [3], replace: false, p: [0.1, 0, 0.6, 0.3], seed: 8))
    XCTAssertEqual(Set(weightedUnique), [0, 2, 3])
    // Every positive entry, one of them nearly impossible: drawn without rejecting (a rejection
    // loop would need about 1e300 tries for the last one).
    let rare = try ints(choice(3, shape: [3], replace: false, p: [0.5, 1e-300, 0.5], seed: 3))
    XCTAssertEqual(Set(rare), [0, 1, 2])
    let table = try NDArray([10.0, 20, 30, 40])
    let picked = try choice(table, shape: [6], seed: 7)
    let positions = try ints(choice(4, shape: [6], seed: 7))
    XCTAssertEqual(try picked.toArray(), positions.map { Double($0 + 1) * 10 })
  }
}
