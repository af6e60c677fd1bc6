// Host reads that flush on a device sharing the host's memory: the kernels write the value
// straight into the array the read returns (no download), the value stays usable by later
// segments, and nothing later writes the returned array. Small reads and devices without direct
// transfers keep the download.

import DRCIR
import DRCOpenCL
import DRCReplay
import XCTest

@testable import DRCArray
@testable import DRCLazy

final class InPlaceReadTests: DeviceModeTestCase {
  /// 2^19 float32 values (2 MiB, above the in-place threshold) with exact results.
  private let n = 1 << 19
  private var values: [Float] { (0..<n).map { Float($0 % 1000) - 500 } }

  func testAPendingValueIsWrittenIntoTheReturnedArray() throws {
    let isDirect = try direct()
    let x = try NDArray(values)
    let before = DRC.lazyStats
    let y = try (x * 2 + 1).toArray(as: Float.self)
    let after = DRC.lazyStats
    XCTAssertTrue(y == values.map { $0 * 2 + 1 }, "values")
    if isDirect {
      XCTAssertEqual(after.inPlaceReadBytes - before.inPlaceReadBytes, 4 * n)
      XCTAssertEqual(after.downloadedBytes, before.downloadedBytes, "nothing downloaded")
    } else {
      XCTAssertEqual(after.downloadedBytes - before.downloadedBytes, 4 * n)
    }
  }

  func testAValueReadInPlaceFeedsLaterSegmentsAndIsNeverOverwritten() throws {
    _ = try direct()
    let x = try NDArray(values)
    var y: NDArray? = try x * 3
    let read = try y?.toArray(as: Float.self) ?? []
    XCTAssertTrue(read == values.map { $0 * 3 }, "values")
    // Later segments read the value where the read put it.
    let z = try (y.map { try $0 - x } ?? x).toArray(as: Float.self)
    XCTAssertTrue(z == values.map { $0 * 2 }, "values")
    // The array no longer referenced by any node, more values of the same size are computed
    // (pool buffers of that size are reused): the array read first keeps its values.
    y = nil
    for step in 1...4 {
      let w = try (x + Double(step)).toArray(as: Float.self)
      XCTAssertEqual(w.first, values.first.map { $0 + Float(step) })
    }
    // The same segment again (a cache hit) on other data, flushed without a read: it writes
    // the compiled segment's own buffer, not the array the first run wrote into.
    let other = try NDArray(values.map { $0 + 7 })
    let again = try other * 3
    try DRC.evaluate(again)
    XCTAssertEqual(try again.toArray(as: Float.self).first, values.first.map { ($0 + 7) * 3 })
    XCTAssertTrue(read == values.map { $0 * 3 }, "later kernels left the returned array alone")
  }

  func testAValueThatIsAnotherValuesBufferIsCopied() throws {
    let isDirect = try direct()
    let x = try NDArray(values).reshape([512, 1024])
    try DRC.evaluate(x)
    // x * 1 is x (safe algebra): the segment's result is its input's buffer, which the read
    // must not replace, so the value is copied out of it.
    let before = DRC.lazyStats
    XCTAssertTrue(try (x * 1).toArray(as: Float.self) == values, "values")
    let after = DRC.lazyStats
    if isDirect {
      XCTAssertEqual(after.inPlaceReadBytes, before.inPlaceReadBytes)
      XCTAssertEqual(after.downloadedBytes - before.downloadedBytes, 4 * n)
    }
    // A transposed copy is computed in place; a small reduction is downloaded.
    let t = try (x.transpose() + 0).toArray(as: Float.self)
    XCTAssertEqual(t[1], values[1024])
    XCTAssertEqual(t[512], values[1])
    let s = try (x * 2).sum(axis: 1).toArray(as: Float.self)
    XCTAssertEqual(s.count, 512)
    XCTAssertEqual(s[0], values[0..<1024].reduce(0) { $0 + $1 * 2 })
  }

  func testInPlaceReadsMatchReferenceModeForEveryDtype() throws {
    let isDirect = try direct()
    let count = 1 << 21  // 2 MiB of bools, more of the others: all above the threshold
    let programs: [(String, () throws -> NDArray)] = [
      ("float32", { try arange(0, Double(count), dtype: .float32) * 0.25 }),
      ("float64", { try arange(0, Double(count)) / -8.0 }),
      ("int32", { try arange(0, Double(count), dtype: .int32) * 7 - 5000 }),
      ("int64", { try arange(0, Double(count), dtype: .int64) * 1_000_003 }),
      ("bool", { try arange(0, Double(count)) % 3 > 0.5 }),
    ]
    for (name, program) in programs {
      let before = DRC.lazyStats.inPlaceReadBytes
      let device = try program().toArray()
      if isDirect {
        XCTAssertGreaterThanOrEqual(DRC.lazyStats.inPlaceReadBytes - before, count, name)
      }
      let host = try reference { try program().toArray() }
      XCTAssertTrue(device == host, name)
    }
  }
}
