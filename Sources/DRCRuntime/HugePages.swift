// Asking the kernel for huge pages behind large new arrays, as NumPy does for its own.
//
// A new result array is fresh memory: every 4 KiB page faults on first touch, and a 128 MiB
// output takes 32,768 faults, each with its memory-cgroup accounting. Linux's transparent huge
// pages, in the common `madvise` setting, back a range with 2 MiB pages only when asked
// (`madvise(MADV_HUGEPAGE)`): 64 faults for the same array. NumPy asks for every allocation of
// 4 MiB or more; drc does the same for the result arrays it creates, before anything touches
// them. The advice changes no byte and no lifetime; where it is not supported it is ignored.
//
// Memory a kernel will write is also faulted in on the host first (`prefault`). On PoCL 3.1's
// CPU device (2 cores) the cost of the faults taken inside the device's worker threads varies
// with the machine's state: in a standalone OpenCL C program adding two float32[16M] arrays, the
// kernel took 48-51 ms writing a fresh result array (huge pages advised and granted) and 4-7 ms
// writing the same fresh array touched by the host first, the touch itself taking 4.5 ms on one
// thread; half an hour later the fresh array cost the kernel 6-9 ms and the touch 3.7 ms. The
// host's faults cost the same in both states, so faulting on the host bounds the worst case at
// the price of a few milliseconds; `prefault` splits the pages between the cores.
// The two states are this machine kind's memory: a VM whose host backs guest memory on first
// touch and, by the timings, takes back large free blocks (virtio_balloon), the blocks huge pages
// come from. A
// process's first 64 MiB of advised memory took 70-196 ms to touch, later ones 5-9 ms, and
// unadvised 4 KiB pages 23-27 ms every time (docs/lazy.md, "Performance"): on such a machine
// the advice costs a short-lived program, and pays from about the eighth reuse on.

import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Huge-page advice for new, untouched memory.
public enum HugePages {
  /// Arrays from this many bytes up are advised (NumPy's threshold).
  public static let minimumBytes = 4 << 20

  /// The 2 MiB-aligned part of `count` bytes at `start` is advised to use huge pages (Linux;
  /// nothing elsewhere or for smaller ranges).
  public static func advise(_ start: UnsafeMutableRawPointer, count: Int) {
    #if os(Linux)
      guard count >= minimumBytes else { return }
      let huge = 2 << 20
      let first = (Int(bitPattern: start) + huge - 1) / huge * huge
      let last = (Int(bitPattern: start) + count) / huge * huge
      guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
      _ = madvise(aligned, last - first, MADV_HUGEPAGE)
    #endif
  }

  /// Advises `count` bytes at `start` like `advise`, then faults every page in from this
  /// thread by writing a zero byte into it: for new memory a device's kernels will write, whose
  /// contents are undefined until they do (arrays under `minimumBytes` are left alone).
  public static func prefault(_ start: UnsafeMutableRawPointer, count: Int) {
    guard count >= minimumBytes else { return }
    advise(start, count: count)
    let page = 4096
    let pages = (count + page - 1) / page
    // One part of the pages per core (at most 8), as the kernels would have spread them.
    let parts = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8, pages)
    let address = Int(bitPattern: start)
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      guard let base = UnsafeMutableRawPointer(bitPattern: address) else { return }
      var p = pages * part / parts
      let end = pages * (part + 1) / parts
      while p < end {
        base.storeBytes(of: 0, toByteOffset: p * page, as: UInt8.self)
        p += 1
      }
    }
  }
}
