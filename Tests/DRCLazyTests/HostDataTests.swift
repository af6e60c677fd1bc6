// Device mode's host traffic on PoCL: host data is read in place (direct transfers) and never
// written (its buffers never enter the pool, whose buffers later results write), and
// DRC.checksum sums a device value where it lies, to the same bits as reference mode.

import DRCIR
import DRCOpenCL
import XCTest

@testable import DRCArray
@testable import DRCLazy

final class HostDataTests: DeviceModeTestCase {
  func testHostDataIsReadInPlaceAndNeverWritten() throws {
    let values = (0..<(1 << 16)).map { Float($0) - 100 }
    let x = try NDArray(values)
    let before = DRC.lazyStats
    let y = try (x * 3 + 1).toArray(as: Float.self)
    let after = DRC.lazyStats
    XCTAssertEqual(y, values.map { $0 * 3 + 1 })
    XCTAssertEqual(try x.toArray(as: Float.self), values, "the program's array is unchanged")
    if try direct() {
      XCTAssertEqual(after.inPlaceBytes - before.inPlaceBytes, 4 << 16)
      XCTAssertEqual(after.uploadedBytes - before.uploadedBytes, 0)
    } else {
      XCTAssertEqual(after.uploadedBytes - before.uploadedBytes, 4 << 16)
    }
    // A second use of the same host data binds the same buffer again, without any transfer.
    let again = DRC.lazyStats
    XCTAssertEqual(try (x - 1).toArray(as: Float.self), values.map { $0 - 1 })
    XCTAssertEqual(DRC.lazyStats.inPlaceBytes, again.inPlaceBytes)
    XCTAssertEqual(DRC.lazyStats.uploadedBytes, again.uploadedBytes)
  }

  func testChecksumInPlaceMatchesReferenceBitForBit() throws {
    let n = 10_001
    let programs: [(String, () throws -> NDArray)] = [
      // Correctly rounded operations only, so device and reference values agree exactly and
      // only the summation could differ.
      ("float32", { try arange(0, Double(n), dtype: .float32) * 0.37 }),
      ("float64", { try arange(0, Double(n)) / -7.0 }),
      ("int32", { try (arange(0, Double(n), dtype: .int32) * 7) - 5000 }),
      ("int64", { try arange(0, Double(n), dtype: .int64) * 1_000_003 }),
      ("bool", { try arange(0, Double(n)) % 3 > 0.5 }),
    ]
    for (name, program) in programs {
      let before = DRC.lazyStats
      let got = try DRC.checksum(program())
      let read = DRC.lazyStats.downloadedBytes - before.downloadedBytes
      DRC.mode = .reference
      let want = try DRC.checksum(program())
      DRC.mode = .device
      XCTAssertEqual(got.bitPattern, want.bitPattern, "\(name): \(got) against \(want)")
      XCTAssertGreaterThan(read, 0, "\(name): summed from the device")
    }
  }

  func testThePoolNeverTakesBuffersOverHostArrays() throws {
    guard try direct() else { return }
    let state = try LazyEngine.shared.opened()
    var host = [Float](repeating: 7, count: 1024)
    let pool = BufferPool(context: state.context, capacity: 1 << 20)
    try host.withUnsafeMutableBytes { bytes in
      guard let base = bytes.baseAddress else { return XCTFail("no memory") }
      let wrapper = try CLBuffer.wrapping(
        base, count: bytes.count, access: .readWrite, keeper: nil, context: state.context)
      pool.give(wrapper)
      XCTAssertFalse(try pool.take(bytes.count) === wrapper, "a host array's memory was pooled")
      let plain = try CLBuffer(context: state.context, size: bytes.count)
      pool.give(plain)
      XCTAssertTrue(try pool.take(bytes.count) === plain, "ordinary buffers are reused")
    }
  }

  /// Host data dropped right after the flush that reads it: its array must outlive the kernels
  /// still queued. Each step's small array is read by a large broadcast kernel, and freed early
  /// the next step's array (same size) would take its memory while that kernel runs.
  func testHostArraysOutliveTheKernelsThatReadThem() throws {
    let (rows, n) = (1024, 8192)
    var sum = try zeros([rows, n], dtype: .float32)
    for step in 1...12 {
      let fresh = try NDArray((0..<n).map { Float(step) + Float($0 % 3) })
      sum = try sum + fresh.reshape([1, n])
      try DRC.evaluate(sum)
    }
    let got = try sum.toArray(as: Float.self)
    let base = Float((1...12).reduce(0, +))
    let row = (0..<n).map { base + 12 * Float($0 % 3) }
    for r in stride(from: 0, to: rows, by: 97) {
      XCTAssertEqual(Array(got[(r * n)..<((r + 1) * n)]), row, "row \(r)")
    }
  }
}
