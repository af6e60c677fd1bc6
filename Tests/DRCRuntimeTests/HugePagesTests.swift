// Huge-page advice for new arrays: the advised memory is backed by 2 MiB pages where Linux's
// transparent huge pages are on (`always` or `madvise`; counted by the kernel's
// `thp_fault_alloc`; skipped where the kernel had no free huge page and fell back), small
// ranges are left alone, and the advice changes no byte.

import Foundation
import XCTest

@testable import DRCRuntime

final class HugePagesTests: XCTestCase {
  /// The kernel's counts of huge pages allocated at page faults, and of faults in advised
  /// memory that fell back to small pages (/proc/vmstat).
  func hugeFaults() throws -> (allocated: Int, fellBack: Int) {
    let vmstat = try String(contentsOfFile: "/proc/vmstat", encoding: .utf8)
    var counts: [String: Int] = [:]
    for line in vmstat.split(separator: "\n") {
      let fields = line.split(separator: " ")
      if fields.count == 2 { counts[String(fields[0])] = Int(fields[1]) }
    }
    guard let allocated = counts["thp_fault_alloc"] else {
      throw XCTSkip("no thp_fault_alloc in /proc/vmstat")
    }
    return (allocated, counts["thp_fault_fallback"] ?? 0)
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
    let after = try hugeFaults()
    if after.allocated == before.allocated, after.fellBack > before.fellBack {
      throw XCTSkip("the kernel had no free huge page (it fell back to small pages)")
    }
    // At least the 2 MiB pages wholly inside the array (15 of its 16), more if others faulted;
    // without the advice (in `madvise` mode) there would be none.
    XCTAssertGreaterThanOrEqual(
      after.allocated - before.allocated, count / (2 << 20) - 1,
      "too few huge pages behind the array")
    XCTAssertTrue(values.indices.allSatisfy { values[$0] == UInt8(truncatingIfNeeded: $0 &* 31) })
  }

  func testSmallRangesAreLeftAlone() {
    var small = [UInt8](repeating: 7, count: 4096)
    small.withUnsafeMutableBytes { bytes in
      if let base = bytes.baseAddress { HugePages.advise(base, count: bytes.count) }
    }
    XCTAssertEqual(small, [UInt8](repeating: 7, count: 4096))
  }

  func testPrefaultWritesOneZeroPerPageAndLeavesSmallRangesAlone() {
    let count = 8 << 20
    let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 4096)
    defer { memory.deallocate() }
    guard let base = memory.baseAddress else { return XCTFail("no memory") }
    memory.initializeMemory(as: UInt8.self, repeating: 0xAB)
    HugePages.prefault(base, count: count)
    for offset in stride(from: 0, to: count, by: 512) {
      XCTAssertEqual(memory[offset], offset % 4096 == 0 ? 0 : 0xAB, "byte \(offset)")
    }
    // Under the advice's threshold nothing is written.
    memory.initializeMemory(as: UInt8.self, repeating: 0xAB)
    HugePages.prefault(base, count: HugePages.minimumBytes - 1)
    XCTAssertFalse(memory.contains { $0 != 0xAB })
  }
}
