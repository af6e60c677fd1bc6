// Memory mappings left to the process, checked before every program build.
//
// PoCL's CPU device (3.1) links every kernel it runs into a shared library and loads it with
// dlopen, once per work-group size, and never unloads one: a process that builds programs
// without end (a fuzz campaign, device mode on shapes that change every call) adds a few
// mappings per kernel until it reaches the system's limit (`vm.max_map_count`, 65,530 by
// default), and then PoCL aborts the process inside `dlopen` ("failed to map segment from shared
// object"). A `drc fuzz` process died that way after about 1,560 programs. Building a program
// therefore first checks that the process keeps a reserve of mappings, and throws a `CLError`
// saying why (start a new process) instead of running into the abort. Where the counts cannot
// be read (not Linux) nothing is checked.

import COpenCL

#if canImport(Glibc)
  import Glibc
#endif

/// The process's memory mappings against the system's limit.
public enum MappingHeadroom {
  /// Mappings kept free for the program about to be built (a few per kernel) and everything
  /// else the process maps; a quarter of the limit when that is smaller.
  public static let reserve = 4096

  /// Why building another program could exhaust the mappings, or nil when there is room.
  public static func shortage(count: Int, limit: Int) -> String? {
    guard limit > 0, count >= 0 else { return nil }
    let kept = min(reserve, limit / 4)
    guard count > limit - kept else { return nil }
    return
      "this process holds \(count) memory mappings of the system's limit of \(limit) "
      + "(vm.max_map_count), and OpenCL drivers such as PoCL keep every kernel library they "
      + "have loaded: building more programs here could abort the process, so start a new one "
      + "(or raise vm.max_map_count)"
  }

  /// The mappings this process holds and the system's limit, or nil where they are unknown.
  public static func current() -> (count: Int, limit: Int)? {
    guard let count = lines(in: "/proc/self/maps"),
      let text = firstLine(of: "/proc/sys/vm/max_map_count"),
      let limit = Int(text)
    else { return nil }
    return (count, limit)
  }

  /// Throws when building another program could exhaust the process's mappings.
  public static func check() throws {
    guard let (count, limit) = current(), let reason = shortage(count: count, limit: limit)
    else { return }
    throw CLError(call: "clBuildProgram", code: CL_OUT_OF_HOST_MEMORY, detail: reason)
  }

  /// The number of newline-terminated lines in a file, read in blocks; nil if it cannot be read.
  static func lines(in path: String) -> Int? {
    #if canImport(Glibc)
      let fd = open(path, O_RDONLY)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var count = 0
      var block = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { return nil }
        if n == 0 { return count }
        for i in 0..<n where block[i] == 10 { count += 1 }
      }
    #else
      return nil
    #endif
  }

  /// The first line of a small file, trimmed; nil if it cannot be read.
  static func firstLine(of path: String) -> String? {
    #if canImport(Glibc)
      let fd = open(path, O_RDONLY)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var block = [UInt8](repeating: 0, count: 64)
      let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { return nil }
      let text = String(decoding: block[0..<n], as: UTF8.self)
      return text.split(separator: "\n").first.map { String($0.filter { !$0.isWhitespace }) }
    #else
      return nil
    #endif
  }
}
