// Finding the user's source line for a recorded operation.
//
// Named functions take `#filePath`/`#line` defaults. Operators and subscripts cannot, so for them
// the recorder walks the frame-pointer chain (DRCFrames, well under a microsecond) to key a cache
// by call path, and only on a miss captures a full backtrace and symbolicates it: the first frame
// outside this library is the user's line. Symbolication needs debug info (a debug build, or `-g`); without it the location
// is simply absent. Paths are made relative to the working directory so traces are reproducible.

import DRCFrames
import Foundation
import Runtime

/// Resolves call sites to `file:line` strings.
final class SourceLocator: @unchecked Sendable {
  private let lock = NSLock()
  /// Call paths by hash; each entry keeps its frames so a collision cannot mislead.
  private var cache: [UInt64: [(frames: [UInt], site: CallerSite)]] = [:]
  /// Scratch space for the frame walk (guarded by `lock`).
  private let frames = UnsafeMutablePointer<UInt>.allocate(capacity: SourceLocator.depth)
  /// How many return addresses identify a call path.
  private static let depth = 12
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
    callerSite().resolve(self)
  }

  /// The caller's site, captured now and symbolicated only when `resolve` is first called: the
  /// frame walk costs well under a microsecond, a symbolication tens of milliseconds per new
  /// call path, which device mode only pays when a location is shown.
  func callerSite() -> CallerSite {
    lock.lock()
    defer { lock.unlock() }
    let count = Int(drc_caller_frames(frames, Int32(SourceLocator.depth)))
    let hash = drc_frames_hash(frames, Int32(count))
    let key = UnsafeBufferPointer(start: frames, count: count)
    if let entries = cache[hash] {
      for entry in entries where entry.frames.count == count {
        let same = entry.frames.withUnsafeBytes { raw in
          guard let base = raw.baseAddress else { return true }  // both empty
          return memcmp(base, frames, raw.count) == 0
        }
        if same { return entry.site }
      }
    }
    // A new call path: capture the backtrace here, in this frame; symbolicate it later.
    let site = CallerSite(
      try? Backtrace.capture(algorithm: .fast, limit: SourceLocator.depth, top: 0, images: images)
    )
    cache[hash, default: []].append((Array(key), site))
    return site
  }

  /// The first frame of `trace` outside this library, as `file:line`.
  fileprivate func firstUserFrame(_ trace: Backtrace?) -> String? {
    lock.lock()
    defer { lock.unlock() }
    for frame in trace?.symbolicated()?.frames ?? [] {
      guard let source = frame.symbol?.sourceLocation, source.line > 0 else { continue }
      if isLibrary(source.path) || source.path.hasSuffix("<compiler-generated>") { continue }
      return "\(relative(source.path)):\(source.line)"
    }
    return nil
  }

  /// Whether `path` is a source file of this library.
  ///
  /// Optimized builds describe inlined code with paths relative to the package root (such as
  /// `Sources/DRCArray/NDArray.swift`), so a relative path is matched by its folder.
  private func isLibrary(_ path: String) -> Bool {
    if path.hasPrefix("/") { return path.hasPrefix(libraryDirectory) }
    guard let slash = path.lastIndex(of: "/") else { return false }
    return libraryDirectory.hasSuffix("/" + path[...slash])
  }

  /// The path relative to the working directory, or its last two components when outside it.
  ///
  /// A relative path (from an optimized build) is kept when it names a file from here.
  private func relative(_ path: String) -> String {
    var p = path
    if p.hasPrefix(workingDirectory) {
      p.removeFirst(workingDirectory.count)
    } else if !p.hasPrefix("/") && FileManager.default.fileExists(atPath: p) {
      // Already relative to the working directory.
    } else {
      let parts = p.split(separator: "/")
      p = parts.suffix(2).joined(separator: "/")
    }
    // Keep locations within the trace format's character set.
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+-")
    return String(p.map { allowed.contains($0) ? $0 : "_" }.prefix(200))
  }
}

/// A captured call site whose `file:line` is worked out once, when first asked for.
final class CallerSite: @unchecked Sendable {
  private let lock = NSLock()
  private var trace: Backtrace?
  private var resolved: String??

  init(_ trace: Backtrace?) { self.trace = trace }

  /// The location (symbolicating the backtrace the first time).
  func resolve(_ locator: SourceLocator) -> String? {
    lock.lock()
    defer { lock.unlock() }
    if let resolved { return resolved }
    let found = locator.firstUserFrame(trace)
    resolved = .some(found)
    trace = nil
    return found
  }
}
