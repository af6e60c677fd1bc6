// Huge-page advice for new arrays: the advised memory is backed by 2 MiB pages where Linux's
// transparent huge pages are on (`always` or `madvise`; counted by the kernel's
// `thp_fault_alloc`), small ranges are left alone, and the advice changes no byte.

import Foundation
import XCTest

@testable import DRCRuntime

final class HugePagesTests: XCTestCase {
  /// The kernel's count of huge pages allocated at page faults (/proc/vmstat).
  func hugeFaults() throws -> Int {
    let vmstat = try String(contentsOfFile: "/proc/vmstat", encoding: .utf8)
    for line in vmstat.split(separator: "\n") where line.hasPrefix("thp_fault_alloc ") {
      return Int(line.split(separator: " ")[1]) ?? 0
    }
    throw XCTSkip("no thp_fault_alloc in /proc/vmstat")
  }

  func testLargeNewArraysGetHugePagesAndKeepTheirBytes() throws {
    let setting =
      (try? String(
        contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) ?? ""
    guard setting.contains("[always]") || setting.contains("[madvise]") else {
      throw XCTSkip("transparent huge pages are off here: \(setting)")
    }
    let count = 32 << 20
    let before = try hugeFaults()
    let values = [UInt8](unsafeUninitializedCapacity: count) { storage, initialized in
      guard let base = storage.baseAddress else { return }
      HugePages.advise(UnsafeMutableRawPointer(base), count: count)
      for i in 0..<count { storage[i] = UInt8(truncatingIfNeeded: i &* 31) }
      initialized = count
    }
    // At least the 2 MiB pages wholly inside the array (15 of its 16), more if others faulted.
    XCTAssertGreaterThanOrEqual(
      try hugeFaults() - before, count / (2 << 20) - 1, "too few huge pages behind the array")
    XCTAssertTrue(values.indices.allSatisfy { values[$0] == UInt8(truncatingIfNeeded: $0 &* 31) })
  }

  func testSmallRangesAreLeftAlone() {
    var small = [UInt8](repeating: 7, count: 4096)
    small.withUnsafeMutableBytes { bytes in
      if let base = bytes.baseAddress { HugePages.advise(base, count: bytes.count) }
    }
    XCTAssertEqual(small, [UInt8](repeating: 7, count: 4096))
  }
}
