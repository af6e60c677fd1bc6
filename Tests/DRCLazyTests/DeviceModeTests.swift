// Device mode on PoCL: deferred operations fuse into segments, loops hit the segment cache,
// values agree with the reference, aliasing keeps its meaning across flushes, and errors point at
// the line that made them.

import DRCIR
import XCTest

@testable import DRCArray
@testable import DRCLazy

final class DeviceModeTests: DeviceModeTestCase {
  func testElementwiseChainIsOneFusedLaunch() throws {
    let values = (0..<1000).map { Double($0) / 7 - 50 }
    func program(_ x: NDArray) throws -> NDArray {
      try sqrt(abs(x * 2.5 - 1) + 0.25) / (x * x + 1)
    }
    let before = DRC.lazyStats
    let got = try program(try NDArray(values)).toArray()
    let after = DRC.lazyStats
    XCTAssertEqual(after.flushes - before.flushes, 1)
    XCTAssertEqual(after.launches - before.launches, 1, "the whole chain is one kernel")
    XCTAssertEqual(after.downloadedBytes - before.downloadedBytes, 8000)
    let want = try reference { try program(try NDArray(values)).toArray() }
    XCTAssertEqual(got.count, want.count)
    for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 4e-16 * max(1, abs(w))) }
  }

  func testLoopBodyCompilesOnceAndEveryLaterIterationHits() throws {
    var x = try NDArray((0..<512).map { Float($0) })
    let before = DRC.lazyStats
    var sums: [Double] = []
    for _ in 0..<8 {
      x = try x * 0.5 + 1
      sums.append(try x.sum().item())
    }
    let after = DRC.lazyStats
    XCTAssertEqual(after.flushes - before.flushes, 8)
    XCTAssertLessThanOrEqual(after.misses - before.misses, 2, "the first iteration reads host data")
    XCTAssertGreaterThanOrEqual(after.hits - before.hits, 6)
    let want = try reference { () throws -> [Double] in
      var x = try NDArray((0..<512).map { Float($0) })
      var sums: [Double] = []
      for _ in 0..<8 {
        x = try x * 0.5 + 1
        sums.append(try x.sum().item())
      }
      return sums
    }
    for (g, w) in zip(sums, want) { XCTAssertEqual(g, w, accuracy: 1e-4 * abs(w)) }
  }

  func testItemReadsOneElementNotTheArray() throws {
    let x = try NDArray((0..<100_000).map { Double($0) }).reshape([250, 400])
    let y = try x * 2 + 1
    let before = DRC.lazyStats
    XCTAssertEqual(try y.item(3, 7), 2 * (3 * 400 + 7) + 1)
    XCTAssertEqual(try y.item(-1, -1), 2 * 99_999 + 1)
    XCTAssertEqual(DRC.lazyStats.downloadedBytes - before.downloadedBytes, 16)
  }

  func testChangingConstantsCompileOnceMoreThenHit() throws {
    var x = try NDArray((0..<300).map { Double($0) })
    let before = DRC.lazyStats
    var got: [Double] = []
    for step in 1...6 {
      x = try x * Double(step) - 0.5 * Double(step)
      got.append(try x.sum().item())
    }
    let after = DRC.lazyStats
    XCTAssertLessThanOrEqual(
      after.misses - before.misses, 3, "specialised, generic, and the host-input first step")
    XCTAssertGreaterThanOrEqual(after.hits - before.hits, 3)
    let want = try reference { () throws -> [Double] in
      var x = try NDArray((0..<300).map { Double($0) })
      var out: [Double] = []
      for step in 1...6 {
        x = try x * Double(step) - 0.5 * Double(step)
        out.append(try x.sum().item())
      }
      return out
    }
    for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-12 * abs(w)) }
  }

  func testIntermediatesNobodyHoldsAreNeverMaterialised() throws {
    let x = try NDArray((0..<4096).map { Double($0) })
    let y = try (x + 1) * (x - 1)
    let before = DRC.lazyStats
    _ = try y.sum().item()
    let moved = DRC.lazyStats.bytesMoved - before.bytesMoved
    // y is live (held), so it is written once; x read once; x + 1 and x - 1 never exist.
    // y is live (held), so it is written once and read by the sum; x is read once; x + 1 and
    // x - 1 never exist (they would add four more passes).
    XCTAssertLessThanOrEqual(moved, 4096 * 8 * 3 + 8)
    XCTAssertEqual(try y.item(3), 8)
  }

  func testWritesThroughViewsAcrossFlushesKeepTheirMeaning() throws {
    var a = try NDArray([1.0, 2, 3, 4, 5, 6])
    let view = a[1..<4]
    let before = try a * 1
    try DRC.evaluate(before, view)
    a[2..<3] = try full([], 30)
    try a += 100
    XCTAssertEqual(try view.toArray(), [102, 130, 104], "the view sees both writes")
    XCTAssertEqual(try before.toArray(), [1, 2, 3, 4, 5, 6], "a value computed before keeps it")
    XCTAssertEqual(try a.toArray(), [101, 102, 130, 104, 105, 106])
  }

  func testShapeErrorsAreRaisedWhereTheOperationIsWritten() throws {
    let x = try NDArray([1.0, 2, 3])
    let flushes = DRC.lazyStats.flushes
    XCTAssertThrowsError(try (x * 2).reshape([2, 2]) + 1) { error in
      XCTAssertTrue("\(error)".contains("DeviceModeTests.swift:\(#line - 1)"), "\(error)")
    }
    XCTAssertEqual(DRC.lazyStats.flushes, flushes, "no flush was needed to find it")
  }

  func testADeviceFailureAtFlushNamesTheSegmentsLines() throws {
    let huge = try zeros([1 << 36], dtype: .float32)
    let total = try huge + 1
    XCTAssertThrowsError(try total.item(0)) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("DeviceModeTests.swift:\(#line - 3)"), text)
      XCTAssertTrue(text.contains("bytes"), text)
    }
    // The engine is still usable afterwards.
    XCTAssertEqual(try (try NDArray([1.0, 2]) * 2).toArray(), [2, 4])
  }

  func testALoopThatNeverReadsIsBounded() throws {
    DRC.maxPending = 64
    var x = try NDArray([Float](repeating: 1, count: 256))
    let before = DRC.lazyStats
    for _ in 0..<300 { x = try x * 0.999 + 0.001 }
    let flushed = DRC.lazyStats.flushes - before.flushes
    XCTAssertGreaterThanOrEqual(flushed, 600 / 64 - 1, "the pending graph was cut")
    XCTAssertEqual(try x.item(0), 1, accuracy: 1e-4)
  }

  func testALoopWithoutReadsIsCutAtTheSamePointOfItsBodyEveryTime() throws {
    DRC.maxPending = 100
    let a = try NDArray((0..<64).map { Double($0) / 64 })
    var u = try a * 1
    var v = try a * 2
    let before = DRC.lazyStats
    // A body of 7 operations: cut every 98, each segment after the first is the same.
    for _ in 0..<300 {
      let w = try u * 0.5 - v * 0.25
      v = try u + 0.125
      u = try w * 0.75
    }
    let total = try (u + v).sum().item()
    let after = DRC.lazyStats
    XCTAssertGreaterThanOrEqual(after.flushes - before.flushes, 20)
    XCTAssertLessThanOrEqual(after.misses - before.misses, 4, "\(after.report)")
    let want = try reference { () throws -> Double in
      let a = try NDArray((0..<64).map { Double($0) / 64 })
      var u = try a * 1
      var v = try a * 2
      for _ in 0..<300 {
        let w = try u * 0.5 - v * 0.25
        v = try u + 0.125
        u = try w * 0.75
      }
      return try (u + v).sum().item()
    }
    XCTAssertEqual(total, want, accuracy: 1e-12 * max(abs(want), 1))
  }

  func testPeriodDetection() {
    XCTAssertEqual(FlushCadence.period([1, 2, 3, 1, 2, 3], longest: 3), 3)
    XCTAssertEqual(FlushCadence.period([9, 1, 2, 1, 2], longest: 2), 2)
    XCTAssertEqual(FlushCadence.period([5, 5, 5, 5], longest: 2), 1)
    XCTAssertNil(FlushCadence.period([1, 2, 3, 4, 5, 6], longest: 3))
    XCTAssertNil(FlushCadence.period([1, 2, 1], longest: 1))
  }

  func testVerifyPassesCorrectSegmentsAndCatchesAPerturbedOne() throws {
    DRC.verifyFlushes = true
    let x = try NDArray((1...300).map { Float($0) / 10 })
    XCTAssertEqual(
      try (exp(x) / (x + 1)).sum().item(),
      try reference {
        try
          (exp(try NDArray((1...300).map { Float($0) / 10 }))
          / (try NDArray((1...300).map { Float($0) / 10 }) + 1)).sum().item()
      }, accuracy: 1e9)
    SegmentCheck.perturbation = 1e-3
    defer { SegmentCheck.perturbation = nil }
    let z = try x * 3 - 1
    XCTAssertThrowsError(try z.toArray()) { error in
      XCTAssertTrue("\(error)".contains("DRC_VERIFY"), "\(error)")
      XCTAssertTrue("\(error)".contains("DeviceModeTests.swift"), "\(error)")
    }
  }

  func testBuffersAreReleasedWithTheirLastArray() throws {
    let start = DeviceBuffer.live
    do {
      var x = try NDArray([Double](repeating: 2, count: 1 << 12))
      for _ in 0..<20 {
        x = try x * 1.5 - 1
        try DRC.evaluate(x)
      }
      XCTAssertLessThanOrEqual(DeviceBuffer.live - start, 3)
    }
    XCTAssertEqual(DeviceBuffer.live, start, "no array holds a buffer any more")
  }

  func testBatchedAttentionMatchesTheReference() throws {
    // Two heads of softmax(q k^T / sqrt(d)) v on [2, 8, 4] arrays: stacks of matrices become
    // one 2-D product per head (BatchedMatmul.swift), fused and run on the device.
    func program() throws -> [Double] {
      let q = try NDArray((0..<64).map { sin(Double($0)) }, shape: [2, 8, 4])
      let k = try NDArray((0..<64).map { cos(Double($0) / 3) }, shape: [2, 8, 4])
      let v = try NDArray((0..<64).map { Double($0 % 7) - 3 }, shape: [2, 8, 4])
      let s = try matmul(q, k.swapaxes(-1, -2)) / 2.0
      let e = try exp(s - s.max(axis: -1, keepdims: true))
      return try matmul(e / e.sum(axis: -1, keepdims: true), v).toArray()
    }
    let before = DRC.lazyStats
    let got = try program()
    XCTAssertGreaterThan(DRC.lazyStats.launches, before.launches, "ran on the device")
    let want = try reference { try program() }
    XCTAssertEqual(got.count, 64)
    for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-12 * max(1, abs(w))) }
  }

  func testEinsumFormsMatchTheReference() throws {
    // einsum's transposed reshapes, stacked products and broadcast products on the device.
    func program() throws -> [Double] {
      let a = try NDArray((0..<24).map { sin(Double($0)) }, shape: [2, 3, 4])
      let b = try NDArray((0..<40).map { cos(Double($0) / 5) }, shape: [2, 5, 4])
      let m = try NDArray((0..<12).map { Double($0) - 5 }, shape: [3, 4])
      let scores = try einsum("bqd,bkd->bkq", a, b)
      let outer = try einsum("ij,kj->jik", m, m)
      let chain = try einsum("bqd,qd,bkd->k", a, m, b)
      return try scores.toArray() + outer.toArray() + chain.toArray()
    }
    let got = try program()
    let want = try reference { try program() }
    XCTAssertEqual(got.count, 30 + 36 + 5)
    for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-12 * max(1, abs(w))) }
  }

  func testConvolveIsOneKernel() throws {
    // convolve's padding and its taps fuse into one launch, equal to the reference.
    let a = try NDArray((0..<1000).map { sin(Double($0) / 10) })
    let v = try NDArray([0.25, 0.5, 0.25, -0.125, 0.0625])
    let before = DRC.lazyStats
    let got = try convolve(a, v, mode: .same).toArray()
    let launches = DRC.lazyStats.launches - before.launches
    XCTAssertEqual(launches, 1, "the padding and the five taps fuse into one kernel")
    let want = try reference {
      try convolve(
        try NDArray((0..<1000).map { sin(Double($0) / 10) }),
        try NDArray([0.25, 0.5, 0.25, -0.125, 0.0625]), mode: .same
      ).toArray()
    }
    XCTAssertEqual(got.count, 1000)
    for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-15) }
  }
}
