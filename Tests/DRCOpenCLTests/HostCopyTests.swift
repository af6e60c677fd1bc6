// HostCopy: large copies split across threads copy every byte exactly once, at any size and
// alignment; small ones stay one copy.

import DRCOpenCL
import XCTest

final class HostCopyTests: XCTestCase {
  /// Copies `count` bytes between buffers offset by `sourceOffset` and `targetOffset` from a
  /// page boundary; checks every byte, and that nothing around the target was touched.
  func check(count: Int, sourceOffset: Int, targetOffset: Int) {
    let source = UnsafeMutableRawPointer.allocate(byteCount: count + sourceOffset, alignment: 4096)
    let target = UnsafeMutableRawPointer.allocate(
      byteCount: count + targetOffset + 64, alignment: 4096)
    defer {
      source.deallocate()
      target.deallocate()
    }
    var state: UInt64 = 0x1234_5678_9ABC_DEF1
    for i in 0..<(count + sourceOffset) {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      source.storeBytes(of: UInt8(truncatingIfNeeded: state >> 33), toByteOffset: i, as: UInt8.self)
    }
    target.initializeMemory(as: UInt8.self, repeating: 0xA5, count: count + targetOffset + 64)
    HostCopy.copy(to: target + targetOffset, from: source + sourceOffset, count: count)
    XCTAssertEqual(
      memcmp(target + targetOffset, source + sourceOffset, count), 0,
      "\(count) bytes from offset \(sourceOffset) to \(targetOffset)")
    for i in Array(0..<targetOffset) + Array((targetOffset + count)..<(targetOffset + count + 64)) {
      XCTAssertEqual(target.load(fromByteOffset: i, as: UInt8.self), 0xA5, "byte \(i) untouched")
    }
  }

  func testCopiesEveryByteAtAnySizeAndAlignment() {
    let big = HostCopy.minimumBytes
    for count in [0, 1, 4095, big - 1, big, big + 13, 3 * big + 4097] {
      check(count: count, sourceOffset: 0, targetOffset: 48)
    }
    check(count: big + 12_345, sourceOffset: 7, targetOffset: 3)
  }
}
