// Huge-page advice for new arrays: the 2 MiB-aligned part of a large array is marked by the
// kernel as advised (`hg` in /proc/self/smaps) where Linux's transparent huge pages are on,
// small ranges are not advised, and the advice changes no byte. Whether the kernel then grants
// huge pages depends on the machine (CI's machine granted none in one run; docs/lazy.md says
// why this machine kind varies), so no test counts them.

import Foundation
import XCTest

@testable import DRCRuntime

final class HugePagesTests: XCTestCase {
  /// The flags the kernel records for the mapping that holds `address`, from the `VmFlags`
  /// line of its entry in /proc/self/smaps (`hg` marks memory advised to use huge pages).
  func mappingFlags(at address: Int) throws -> [Substring] {
    // Read to the end through a file handle: /proc files report a size of zero.
    guard
      let file = FileHandle(forReadingAtPath: "/proc/self/smaps"),
      let data = try? file.readToEnd(),
      let smaps = String(data: data, encoding: .utf8),
      smaps.contains("VmFlags:")
    else { throw XCTSkip("no VmFlags in /proc/self/smaps") }
    var inside = false
    for line in smaps.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard let first = fields.first else { continue }
      let bounds = first.split(separator: "-")
      if bounds.count == 2, let low = Int(bounds[0], radix: 16),
        let high = Int(bounds[1], radix: 16)
      {
        inside = low <= address && address < high
      } else if inside, first == "VmFlags:" {
        return Array(fields.dropFirst())
      }
    }
    throw XCTSkip("no mapping holds the array in /proc/self/smaps")
  }

  /// The advice reaches the kernel (whether it then grants 2 MiB pages depends on the
  /// machine's free memory and settings, so the test asserts what drc controls: the mapping
  /// is marked), covers the array's 2 MiB-aligned part, and changes no byte.
  func testLargeNewArraysAreAdvisedAndKeepTheirBytes() throws {
    let setting = setting()
    guard setting.contains("[always]") || setting.contains("[madvise]") else {
      throw XCTSkip("transparent huge pages are off here: \(setting)")
    }
    let count = 32 << 20
    var flags: [Substring] = []
    var flagsError: Error?
    let values = [UInt8](unsafeUninitializedCapacity: count) { storage, initialized in
      guard let base = storage.baseAddress else { return }
      HugePages.advise(UnsafeMutableRawPointer(base), count: count)
      for i in 0..<count { storage[i] = UInt8(truncatingIfNeeded: i &* 31) }
      initialized = count
      // An address in the middle of the array lies in its advised, 2 MiB-aligned part.
      do { flags = try mappingFlags(at: Int(bitPattern: base) + count / 2) } catch {
        flagsError = error
      }
    }
    if let flagsError { throw flagsError }
    XCTAssertTrue(flags.contains("hg"), "the array's memory is not advised: \(flags)")
    XCTAssertTrue(values.indices.allSatisfy { values[$0] == UInt8(truncatingIfNeeded: $0 &* 31) })
  }

  /// Under the threshold no advice is given: a range just below it, starting on a 2 MiB
  /// boundary of a fresh mapping (so advising it would mark its first 2 MiB), keeps no `hg`.
  func testSmallRangesAreNotAdvised() throws {
    let huge = 2 << 20
    let mapped = HugePages.minimumBytes + huge
    guard let map = mmap(nil, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      map != MAP_FAILED
    else { return XCTFail("no memory") }
    defer { munmap(map, mapped) }
    let start = (Int(bitPattern: map) + huge - 1) / huge * huge
    guard let base = UnsafeMutableRawPointer(bitPattern: start) else { return XCTFail("no base") }
    HugePages.advise(base, count: HugePages.minimumBytes - 4096)
    let flags = try mappingFlags(at: start + huge / 2)
    XCTAssertFalse(flags.contains("hg"), "a small range was advised: \(flags)")
  }

  /// Linux's transparent huge page setting ("" where there is none).
  func setting() -> String {
    (try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8))
      ?? ""
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
