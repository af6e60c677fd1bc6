// The recomputation rule of device mode (`Segment`): a large live elementwise value that a flush
// only computes on the way to a needed one is not stored; reading it later, or computing from it,
// computes it again (and stores it then), with the value the program meant, even when the data it
// was computed from has been overwritten since. The tests lower the size threshold to 0 so that
// small arrays take the rule, and compare bytes moved with the rule switched off.

import DRCIR
import XCTest

@testable import DRCArray
@testable import DRCLazy

final class RecomputationTests: DeviceModeTestCase {
  override func setUp() {
    super.setUp()
    DRC.recomputeBytes = 0
  }

  override func tearDown() {
    super.tearDown()
    DRC.recomputeBytes = 1 << 20
  }

  private let values = (0..<4096).map { Double($0) / 512 - 4 }

  /// Black-Scholes' shape: locals d1, d2 still held when the results are read.
  private func program(_ x: NDArray) throws -> (NDArray, NDArray, NDArray, NDArray) {
    let d1 = try x * 0.75 + 0.5
    let d2 = try d1 - 0.25
    let call = try exp(d1) - d2
    let put = try d2 * d2 + d1
    return (d1, d2, call, put)
  }

  /// Bytes moved by reading `call` with d1 and d2 still held, under `threshold`.
  private func bytesReadingCall(threshold: Int) throws -> (moved: Int, recomputed: Int) {
    DRC.recomputeBytes = threshold
    let x = try NDArray(values)
    try DRC.evaluate(x)
    let (d1, d2, call, put) = try program(x)
    let before = DRC.lazyStats
    _ = try call.toArray()
    let after = DRC.lazyStats
    withExtendedLifetime((d1, d2, put)) {}
    return (after.bytesMoved - before.bytesMoved, after.recomputed - before.recomputed)
  }

  func testHeldElementwiseLocalsAreNotStored() throws {
    let stored = try bytesReadingCall(threshold: .max)
    let unstored = try bytesReadingCall(threshold: 0)
    // Stored: x read, d1, d2, call and put written. Unstored: x read, call and put written.
    XCTAssertEqual(stored.moved, 4096 * 8 * 5)
    XCTAssertEqual(unstored.moved, 4096 * 8 * 3)
    XCTAssertEqual(stored.recomputed, 0)
    XCTAssertEqual(unstored.recomputed, 2)
    // Above the threshold the rule does not apply.
    XCTAssertEqual(try bytesReadingCall(threshold: 4096 * 8 + 1).moved, 4096 * 8 * 5)
  }

  func testValuesLeftUnstoredReadBackAsTheReferenceComputesThem() throws {
    let x = try NDArray(values)
    let (d1, d2, call, put) = try program(x)
    let gotCall = try call.toArray()
    let gotD1 = try d1.toArray()
    let gotPut = try put.toArray()
    let gotD2 = try (d2 + 1).toArray()
    let want = try reference { () throws -> [[Double]] in
      let (d1, d2, call, put) = try program(try NDArray(values))
      return [try call.toArray(), try d1.toArray(), try put.toArray(), try (d2 + 1).toArray()]
    }
    XCTAssertEqual(gotD1, want[1], "d1 computed again is the same value, bit for bit")
    XCTAssertEqual(gotPut, want[2])
    XCTAssertEqual(gotD2, want[3])
    for (g, w) in zip(gotCall, want[0]) { XCTAssertEqual(g, w, accuracy: 4e-16 * max(1, abs(w))) }
  }

  func testAValueLeftUnstoredKeepsItsMeaningAfterItsOperandIsOverwritten() throws {
    var a = try NDArray(values)
    try DRC.evaluate(a)
    let doubled = try a * 2
    let total = try (doubled + 1).sum()
    let before = DRC.lazyStats.recomputed
    _ = try total.item()
    XCTAssertEqual(DRC.lazyStats.recomputed - before, 1, "doubled is computed, not stored")
    a[0..<2048] = try full([], 1000)
    try a *= 3
    XCTAssertEqual(try doubled.toArray(), values.map { $0 * 2 }, "computed from a as it was")
    XCTAssertEqual(try a.item(0), 3000)
  }

  func testALoopCarryingAValueCompilesAtMostTwoStructuresAndHitsAfter() throws {
    let start = (0..<4096).map { Float($0) / 64 }
    var x = try NDArray(start)
    try DRC.evaluate(x)
    let before = DRC.lazyStats
    var sums: [Double] = []
    for _ in 0..<10 {
      x = try x * 0.5 + 1
      sums.append(try x.sum().item())
    }
    let after = DRC.lazyStats
    XCTAssertEqual(after.flushes - before.flushes, 10)
    XCTAssertEqual(after.misses - before.misses, 2, "one structure computes x, one stores it")
    XCTAssertEqual(after.recomputed - before.recomputed, 5, "every other iteration stores x")
    let (wantSums, wantX) = try reference { () throws -> ([Double], [Float]) in
      var x = try NDArray(start)
      var sums: [Double] = []
      for _ in 0..<10 {
        x = try x * 0.5 + 1
        sums.append(try x.sum().item())
      }
      return (sums, try x.toArray(as: Float.self))
    }
    for (g, w) in zip(sums, wantSums) { XCTAssertEqual(g, w, accuracy: 1e-4 * abs(w)) }
    XCTAssertEqual(try x.toArray(as: Float.self), wantX)
  }

  func testReductionsAndMovementsAreAlwaysStored() throws {
    let x = try NDArray(values).reshape([64, 64])
    try DRC.evaluate(x)
    let rows = try x.sum(axis: 1)
    let shifted = try x[1..<64, .all] + 1
    let before = DRC.lazyStats.recomputed
    _ = try (rows.sum() + shifted.sum()).item()
    XCTAssertEqual(DRC.lazyStats.recomputed - before, 0)
    withExtendedLifetime((rows, shifted)) {}
  }

  func testAValueLeftUnstoredIsNotStoredByAnUnrelatedFlush() throws {
    // `huge` is never stored: the sum folds, and the later flush does not need it.
    let huge = try zeros([1 << 36], dtype: .float32)
    XCTAssertEqual(try (huge + 1).sum().item(), Double(1 << 36))
    XCTAssertEqual(try (try NDArray([1.0, 2]) * 2).toArray(), [2, 4])
    // Needing it stores it, which fails with the line that needed it.
    XCTAssertThrowsError(try (huge * 2).item(0)) { error in
      XCTAssertTrue("\(error)".contains("RecomputationTests.swift:\(#line - 1)"), "\(error)")
    }
  }
}
