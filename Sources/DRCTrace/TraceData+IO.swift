// Saved input values: encoding them (inline base64 or sidecar file) and loading them back.
//
// Loading checks everything a hostile trace could get wrong: the encoding name, the expected
// byte count before decoding anything, a sidecar name that is a plain file name beside the trace
// (no directories, no `..`), the actual size, and the SHA-256 checksum.

import Foundation

extension TraceData {
  /// Arrays up to this many bytes are stored inline; larger ones go to a sidecar file.
  public static let inlineLimit = 64 * 1024

  /// Describes `bytes` stored inline.
  public static func inline(_ bytes: [UInt8]) -> TraceData {
    TraceData(
      encoding: "inline", base64: Data(bytes).base64EncodedString(), bytes: bytes.count,
      sha256: SHA256.hex(bytes))
  }

  /// Writes `bytes` to `directory/file` and describes them as a sidecar.
  public static func sidecar(_ bytes: [UInt8], file: String, directory: String) throws -> TraceData
  {
    let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
    do {
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      throw TraceError("cannot write sidecar '\(url.path)': \(error.localizedDescription)")
    }
    return TraceData(encoding: "file", file: file, bytes: bytes.count, sha256: SHA256.hex(bytes))
  }

  /// Loads and checks the bytes; `directory` is the folder holding the trace (for sidecars).
  ///
  /// - Parameter expectedBytes: the byte count the input's dtype and shape call for.
  public func load(expectedBytes: Int, directory: String?, input: String) throws -> [UInt8] {
    let who = "input '\(Diagnostic.clean(input))'"
    guard bytes == expectedBytes else {
      throw TraceError("\(who): data has \(bytes) bytes, its dtype and shape need \(expectedBytes)")
    }
    let loaded: [UInt8]
    switch encoding {
    case "inline":
      guard let text = base64 else {
        throw TraceError("\(who): inline data without a base64 field")
      }
      guard text.utf8.count <= (expectedBytes + 2) / 3 * 4 + 4 else {
        throw TraceError("\(who): base64 text is longer than \(expectedBytes) bytes need")
      }
      guard let data = Data(base64Encoded: text) else {
        throw TraceError("\(who): inline data is not valid base64")
      }
      loaded = [UInt8](data)
    case "file":
      guard let name = file else { throw TraceError("\(who): file data without a file field") }
      guard TraceData.isPlainFileName(name) else {
        throw TraceError(
          "\(who): sidecar name '\(Diagnostic.clean(name))' must be a plain file name beside the trace"
        )
      }
      let path = URL(fileURLWithPath: directory ?? ".").appendingPathComponent(name).path
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      guard let size = attributes?[.size] as? NSNumber else {
        throw TraceError("\(who): sidecar file '\(Diagnostic.clean(name))' is missing")
      }
      guard size.intValue == expectedBytes else {
        throw TraceError(
          "\(who): sidecar file '\(Diagnostic.clean(name))' has \(size.intValue) bytes, expected \(expectedBytes)"
        )
      }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw TraceError("\(who): cannot read sidecar file '\(Diagnostic.clean(name))'")
      }
      loaded = [UInt8](data)
    default:
      throw TraceError(
        "\(who): data encoding '\(Diagnostic.clean(encoding))' is not inline or file")
    }
    guard loaded.count == expectedBytes else {
      throw TraceError("\(who): data decodes to \(loaded.count) bytes, expected \(expectedBytes)")
    }
    guard SHA256.hex(loaded) == sha256.lowercased() else {
      throw TraceError("\(who): data checksum mismatch (the data is corrupt or was changed)")
    }
    return loaded
  }

  /// Whether `name` is a file name with no directory part: `[A-Za-z0-9_.-]+`, not `.` or `..`.
  public static func isPlainFileName(_ name: String) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 128, name != ".", name != "..", !name.hasPrefix(".")
    else {
      return false
    }
    return name.utf8.allSatisfy { b in
      (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b == 0x5F || b == 0x2E
        || b == 0x2D
    }
  }
}
