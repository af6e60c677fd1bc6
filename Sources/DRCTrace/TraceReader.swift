// Reading a trace from untrusted bytes: size and nesting limits, decoding, friendly errors.
//
// The reader never trusts the file: it refuses non-regular files and files over the size limit
// before reading them, pre-scans the bytes (JSONGuard) before decoding, and turns the decoder's
// errors into one-line messages with the JSON path of the bad value. It then runs the structural
// validator, so a `Trace` returned from here has dense ids, backward references and sane shapes.

import Foundation

/// Reads and structurally validates traces.
public enum TraceReader {
  /// Reads the trace at `path`, validating its structure.
  public static func read(path: String, limits: TraceLimits = .default) throws -> Trace {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw TraceError("cannot read '\(Diagnostic.clean(path))': no such file")
    }
    guard !isDirectory.boolValue else {
      throw TraceError("cannot read '\(Diagnostic.clean(path))': it is a directory")
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
      throw TraceError("cannot read '\(Diagnostic.clean(path))': not a regular file")
    }
    if let size = attributes?[.size] as? NSNumber, size.int64Value > Int64(limits.maxBytes) {
      throw TraceError(
        "'\(Diagnostic.clean(path))' has \(size.int64Value) bytes, over the limit of \(limits.maxBytes)"
      )
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw TraceError("cannot read '\(Diagnostic.clean(path))': \(error.localizedDescription)")
    }
    return try decode(data, limits: limits)
  }

  /// Decodes and structurally validates a trace held in memory.
  public static func decode(_ data: Data, limits: TraceLimits = .default) throws -> Trace {
    guard data.count <= limits.maxBytes else {
      throw TraceError("the trace has \(data.count) bytes, over the limit of \(limits.maxBytes)")
    }
    try JSONGuard.check([UInt8](data), maxDepth: limits.maxDepth)
    try checkHeader(data)
    let trace: Trace
    do {
      trace = try JSONDecoder().decode(Trace.self, from: data)
    } catch let error as DecodingError {
      throw TraceError(describe(error))
    } catch {
      throw TraceError("the trace is not valid JSON: \(error)")
    }
    try TraceValidator.validate(trace, limits: limits)
    return trace
  }

  /// Rejects a wrong format tag or version before the full schema is decoded, so that a trace
  /// from a future version gets a version error rather than a schema error.
  private static func checkHeader(_ data: Data) throws {
    struct Header: Decodable {
      var format: String?
      var version: Int?
    }
    guard let header = try? JSONDecoder().decode(Header.self, from: data) else { return }
    if let format = header.format, format != TraceFormat.tag {
      throw TraceError(
        "not a drc trace: format is '\(Diagnostic.clean(format))', expected '\(TraceFormat.tag)'")
    }
    if let version = header.version, version != TraceFormat.version {
      throw TraceError(
        "unsupported trace version \(version): this drc (\(TraceFormat.drcVersion)) reads version \(TraceFormat.version)"
      )
    }
  }

  /// Turns a decoding error into one line naming the JSON path of the offending value.
  static func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      var out = ""
      for key in keys {
        if let index = key.intValue {
          out += "[\(index)]"
        } else {
          out += (out.isEmpty ? "" : ".") + Diagnostic.clean(key.stringValue)
        }
      }
      return out.isEmpty ? "the top level" : out
    }
    switch error {
    case .typeMismatch(let type, let context):
      return "\(path(context.codingPath)): expected \(typeName(type)) (\(context.debugDescription))"
    case .valueNotFound(let type, let context):
      return "\(path(context.codingPath)): expected \(typeName(type)), found null"
    case .keyNotFound(let key, let context):
      let at = context.codingPath.isEmpty ? "the trace" : path(context.codingPath)
      return "\(at): missing required field '\(key.stringValue)'"
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        return "the trace is not valid JSON (\(Diagnostic.clean(context.debugDescription, limit: 120)))"
      }
      return "\(path(context.codingPath)): \(Diagnostic.clean(context.debugDescription, limit: 120))"
    @unknown default:
      return "the trace could not be decoded"
    }
  }

  private static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type: return "an integer"
    case is String.Type: return "a string"
    case is Bool.Type: return "a boolean"
    default:
      let name = String(describing: type)
      if name.hasPrefix("Array") { return "an array" }
      if name.hasPrefix("Dictionary") { return "an object" }
      return "an object (\(name))"
    }
  }
}
