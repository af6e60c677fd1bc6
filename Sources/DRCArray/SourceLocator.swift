// Finding the user's source line for a recorded operation.
//
// Named functions take `#filePath`/`#line` defaults. Operators and subscripts cannot, so for them
// the recorder captures a short backtrace (frame-pointer unwinding, about 2 µs) and symbolicates
// each distinct call path once, caching the answer: the first frame outside this library is the
// user's line. Symbolication needs debug info (a debug build, or `-g`); without it the location
// is simply absent. Paths are made relative to the working directory so traces are reproducible.

import Foundation
import Runtime

/// Resolves call sites to `file:line` strings.
final class SourceLocator: @unchecked Sendable {
  private let lock = NSLock()
  private var cache: [[Backtrace.Address]: String?] = [:]
  private lazy var images = ImageMap.capture()
  private let libraryDirectory: String = {
    let path = #filePath
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[...slash])
  }()
  private let workingDirectory = FileManager.default.currentDirectoryPath + "/"

  /// `file:line` for an explicit call site.
  func location(file: String, line: Int) -> String {
    "\(relative(file)):\(line)"
  }

  /// `file:line` of the nearest caller outside this library, found from the call stack.
  func callerLocation() -> String? {
    lock.lock()
    defer { lock.unlock() }
    guard let trace = try? Backtrace.capture(algorithm: .fast, limit: 12, top: 0, images: images) else {
      return nil
    }
    let key = trace.frames.map(\.originalProgramCounter)
    if let cached = cache[key] { return cached }
    var found: String?
    for frame in trace.symbolicated()?.frames ?? [] {
      guard let source = frame.symbol?.sourceLocation, source.line > 0 else { continue }
      if source.path.hasPrefix(libraryDirectory) || source.path.hasSuffix("<compiler-generated>") { continue }
      found = "\(relative(source.path)):\(source.line)"
      break
    }
    cache[key] = found
    return found
  }

  /// The path relative to the working directory, or its last two components when outside it.
  private func relative(_ path: String) -> String {
    var p = path
    if p.hasPrefix(workingDirectory) {
      p.removeFirst(workingDirectory.count)
    } else {
      let parts = p.split(separator: "/")
      p = parts.suffix(2).joined(separator: "/")
    }
    // Keep locations within the trace format's character set.
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+-")
    return String(p.map { allowed.contains($0) ? $0 : "_" }.prefix(200))
  }
}
