// Copying large arrays between host memory and mapped device memory on every core.
//
// A host read copies a result into a new array: on this machine kind (2 cores, PoCL), 64 MiB
// into fresh memory took 17-20 ms on one thread and 10-11 ms on two (a standalone C timing, huge
// pages advised as `HugePages` does), because each thread also takes its share of the new pages'
// faults. Black-Scholes in device mode reads two such results per call. So copies from
// `minimumBytes` up are split into page-aligned parts, one per core (at most `maximumParts`),
// run with `DispatchQueue.concurrentPerform`; smaller ones stay a single `memcpy`. The bytes
// copied are the same either way: only the time changes.

import Foundation

/// Copies of host bytes, in parallel when large.
public enum HostCopy {
  /// Copies from this many bytes up are split.
  public static let minimumBytes = 8 << 20
  /// At most this many parts (threads).
  static let maximumParts = 8
  /// Parts meet on the target's boundaries of this many bytes (a page), so no two threads
  /// fault the same page.
  static let partAlignment = 4096
  /// The threads a large copy uses: the cores, at most `maximumParts` (read once).
  static let cores = min(ProcessInfo.processInfo.activeProcessorCount, maximumParts)

  /// Copies `count` bytes from `source` to `target` (the ranges must not overlap).
  public static func copy(
    to target: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int
  ) {
    guard count >= minimumBytes, cores > 1 else {
      target.copyMemory(from: source, byteCount: max(count, 0))
      return
    }
    let part = count / cores
    // Addresses as integers: raw pointers are not Sendable.
    let (to, from) = (Int(bitPattern: target), Int(bitPattern: source))
    /// Where part i starts: inner boundaries on the target's page boundaries.
    @Sendable func boundary(_ i: Int) -> Int {
      guard i > 0 else { return 0 }
      guard i < cores else { return count }
      let page = (to + i * part + partAlignment - 1) / partAlignment * partAlignment
      return min(page - to, count)
    }
    DispatchQueue.concurrentPerform(iterations: cores) { i in
      let start = boundary(i)
      let length = boundary(i + 1) - start
      guard length > 0, let t = UnsafeMutableRawPointer(bitPattern: to + start),
        let f = UnsafeRawPointer(bitPattern: from + start)
      else { return }
      t.copyMemory(from: f, byteCount: length)
    }
  }
}
