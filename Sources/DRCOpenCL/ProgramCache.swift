// ProgramCache: built program binaries on disk, so a kernel is compiled from source only once.
//
// The key is the SHA-256 of everything that affects the binary: the source text, the build
// options, the device name and OpenCL version, the driver and platform versions, and the drc
// version. Entries live in `$DRC_CACHE_DIR` (else `~/.cache/drc/programs`) as `<key>.bin`, are
// written atomically (temporary file + rename) and verified on load against what was asked for
// (`CacheEntry`: format version, key, source hash, payload length and checksum); after loading,
// the program must build and have every kernel the caller names, each of which is created. A
// corrupt, stale or foreign entry, a binary the driver rejects, or one lacking a kernel is
// deleted and rebuilt from source (outcome `.rebuilt(reason:)`): never trusted, never a failure
// that repeats on every run. Failing to write an entry is not an error; the cache only saves time.

import DRCHash
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A directory of verified OpenCL program binaries.
public final class ProgramCache: Sendable {
  /// How a lookup was satisfied.
  public enum Outcome: Sendable, Equatable {
    /// Loaded from a valid entry; nothing was compiled from source.
    case hit
    /// No entry: built from source and stored.
    case miss
    /// An entry existed but was not usable (the reason says why): deleted, rebuilt and stored.
    case rebuilt(reason: String)
  }

  /// A lookup's program and how it was obtained.
  public struct Lookup {
    /// The built program.
    public let program: CLProgram
    /// Hit, miss or rebuilt.
    public let outcome: Outcome
    /// The entry's key (64 hex digits).
    public let key: String
    /// The entry's file.
    public let file: URL
    /// The kernels the caller asked for, created from `program`, by name.
    public let kernels: [String: CLKernel]
    /// Whether the program came from the cache without a source build.
    public var hit: Bool { outcome == .hit }
  }

  /// The environment variable naming the cache directory.
  public static let environmentVariable = "DRC_CACHE_DIR"
  /// Where entries are stored.
  public let directory: URL
  /// The drc version mixed into every key, so a new compiler never reuses old binaries.
  public let toolVersion: String

  /// Creates a cache in `directory`, or `$DRC_CACHE_DIR`, or `~/.cache/drc/programs`.
  public init(
    directory: URL? = nil, toolVersion: String,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.directory = directory ?? ProgramCache.defaultDirectory(environment: environment)
    self.toolVersion = toolVersion
  }

  /// `$DRC_CACHE_DIR` when set, else `~/.cache/drc/programs`.
  public static func defaultDirectory(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    if let dir = environment[environmentVariable], !dir.isEmpty {
      return URL(fileURLWithPath: dir, isDirectory: true)
    }
    let home =
      environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
      ?? FileManager.default.homeDirectoryForCurrentUser
    return home.appendingPathComponent(".cache/drc/programs", isDirectory: true)
  }

  /// The key of `source` built with `options` for `device`.
  public func key(source: String, options: String, device: CLDevice) -> String {
    let fields = [
      ("format", String(decoding: CacheEntry.magic, as: UTF8.self)), ("drc", toolVersion),
      ("platform", device.platform.version), ("device", device.name),
      ("deviceVersion", device.version),
      ("driver", device.driverVersion), ("options", options), ("source", source),
    ]
    var text = ""
    for (name, value) in fields { text += "\(name)=\(value.utf8.count):\(value)\n" }
    return SHA256.hex(Array(text.utf8))
  }

  /// The entry file for `key`.
  public func file(forKey key: String) -> URL {
    directory.appendingPathComponent("\(key).bin")
  }

  /// The built program for `source` and `options`, and whether it came from the cache.
  public func program(source: String, options: String = "", context: CLContext) throws -> (
    program: CLProgram, hit: Bool
  ) {
    let found = try lookup(source: source, options: options, context: context)
    return (found.program, found.hit)
  }

  /// The built program with the full outcome, and the kernels named in `kernels` created from
  /// it. A cached program that does not build or lacks one of them is rebuilt from source; a
  /// source build failure throws with the build log, and a kernel missing from the source's own
  /// program throws the driver's error (`CL_INVALID_KERNEL_NAME`).
  public func lookup(
    source: String, options: String = "", context: CLContext, kernels names: [String] = []
  ) throws -> Lookup {
    let key = key(source: source, options: options, device: context.device)
    let file = file(forKey: key)
    var problem: String?
    if let data = FileManager.default.contents(atPath: file.path) {
      switch CacheEntry.decode(Array(data), key: key, source: source) {
      case .success(let binary):
        do {
          let program = try CLProgram(context: context, binary: binary)
          try program.build(options: options)
          let present = Set(try program.kernelNames())
          if let missing = names.first(where: { !present.contains($0) }) {
            problem = "the cached program has no kernel '\(missing)'"
          } else {
            let kernels = try ProgramCache.kernels(names, of: program)
            return Lookup(program: program, outcome: .hit, key: key, file: file, kernels: kernels)
          }
        } catch let error as CLError {
          problem = "the driver rejected the cached binary: \(error.call) \(error.codeName)"
        }
      case .failure(let reason):
        problem = reason.description
      }
      try? FileManager.default.removeItem(at: file)
    }
    let program = try CLProgram(context: context, source: source)
    try program.build(options: options)
    let kernels = try ProgramCache.kernels(names, of: program)
    if let binary = try? program.binary() {
      store(binary, key: key, source: source, file: file)
    }
    return Lookup(
      program: program, outcome: problem.map { .rebuilt(reason: $0) } ?? .miss, key: key,
      file: file, kernels: kernels)
  }

  /// Creates each kernel `names` lists from `program`.
  private static func kernels(_ names: [String], of program: CLProgram) throws -> [String:
    CLKernel]
  {
    var kernels: [String: CLKernel] = [:]
    for name in names where kernels[name] == nil { kernels[name] = try program.kernel(name) }
    return kernels
  }

  /// Writes an entry atomically: a uniquely named temporary file, then rename over the target.
  private func store(_ binary: [UInt8], key: String, source: String, file: URL) {
    let fm = FileManager.default
    let temporary = directory.appendingPathComponent(".\(key).\(getpid()).\(UUID().uuidString).tmp")
    do {
      try fm.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(CacheEntry.encode(key: key, source: source, payload: binary)).write(to: temporary)
      guard rename(temporary.path, file.path) == 0 else {
        try? fm.removeItem(at: temporary)
        return
      }
    } catch {
      try? fm.removeItem(at: temporary)
    }
  }

  /// Deletes every entry (and leftover temporary file) in the directory.
  public func clear() throws {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
    for name in names where name.hasSuffix(".bin") || name.hasSuffix(".tmp") {
      try fm.removeItem(at: directory.appendingPathComponent(name))
    }
  }
}
