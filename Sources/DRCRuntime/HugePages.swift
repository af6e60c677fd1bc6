// Asking the kernel for huge pages behind large new arrays, as NumPy does for its own.
//
// A new result array is fresh memory: every 4 KiB page faults on first touch, and a 128 MiB
// output takes 32,768 faults, each with its memory-cgroup accounting. Linux's transparent huge
// pages, in the common `madvise` setting, back a range with 2 MiB pages only when asked
// (`madvise(MADV_HUGEPAGE)`): 64 faults for the same array. NumPy asks for every allocation of
// 4 MiB or more; drc does the same for the result arrays it creates, before anything touches
// them. The advice changes no byte and no lifetime; where it is not supported it is ignored.
//
// Memory a kernel will write is also faulted in on the host first (`prefault`): on PoCL 3.1's
// CPU device (2 cores) a kernel adding two float32[16M] arrays took 48-51 ms when its result
// array was fresh, huge pages advised and granted, and 4-7 ms when the same fresh array had been
// touched by the host first, which itself took 4.5 ms (one byte per 4 KiB page, one thread: the
// operating system zeroes the pages either way); a standalone OpenCL C program, so the faults
// taken inside the device's worker threads, not drc's code, cost the difference.

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
    var offset = 0
    while offset < count {
      start.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self)
      offset += page
    }
  }
}
