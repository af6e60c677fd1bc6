// Reading a trace from untrusted bytes: size and nesting limits, decoding, friendly errors.
//
// The reader never trusts the file: it refuses non-regular files and files over the size limit
// before reading them, and decodes with its own strict one-pass parser (JSONScanner,
// TraceDecoding), which bounds nesting depth. When decoding fails, the error reported is the one
// a user needs first: what JSONGuard finds, then malformed JSON, then a wrong format or version,
// then a minor version newer than this build's (TraceMinor), then the schema problem with the
// JSON path of the bad value. It then runs the structural validator, so a `Trace` returned from
// here has dense ids, backward references, sane shapes and no op newer than its minor version.

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
    let trace = try data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      var scanner = JSONScanner(bytes, maxDepth: limits.maxDepth)
      do {
        return try TraceDecoding.trace(&scanner)
      } catch {
        // The pre-scan's findings (emptiness, nesting, truncation) come first; a trace that
        // decodes cleanly cannot have any of them, so only a failed decode pays for it.
        try JSONGuard.check(bytes, maxDepth: limits.maxDepth)
        throw diagnose(error, bytes, maxDepth: limits.maxDepth)
      }
    }
    try checkHeader(format: trace.format, version: trace.version, minor: trace.minor)
    try TraceValidator.validate(trace, limits: limits)
    return trace
  }

  /// The error to report for a failed decode, in the order a user needs them: malformed JSON
  /// anywhere first, then a wrong format tag, version or minor version, then the schema problem
  /// itself.
  private static func diagnose(
    _ error: any Error, _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int
  ) -> any Error {
    var check = JSONScanner(bytes, maxDepth: maxDepth)
    do {
      try check.skipValue()
      if !check.atEnd() { throw check.unexpected("the end of the text") }
    } catch let syntax as JSONSyntaxError {
      return invalidJSON(syntax)
    } catch {
      return error
    }
    if let header = header(bytes, maxDepth: maxDepth) {
      do {
        try checkHeader(format: header.format, version: header.version, minor: header.minor)
      } catch {
        return error
      }
    }
    if let schema = error as? TraceSchemaError { return TraceError(schema.message) }
    if let syntax = error as? JSONSyntaxError {
      return invalidJSON(syntax)
    }
    return error
  }

  /// The report for malformed JSON.
  private static func invalidJSON(_ syntax: JSONSyntaxError) -> TraceError {
    TraceError("the trace is not valid JSON (\(Diagnostic.clean(syntax.message, limit: 120)))")
  }

  /// The top-level `format`, `version` and `minor` of well-formed JSON, when all are of the right
  /// type (or null or absent); nil otherwise.
  private static func header(
    _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int
  ) -> (format: String?, version: Int?, minor: Int?)? {
    var s = JSONScanner(bytes, maxDepth: maxDepth)
    var format: String?
    var version: Int?
    var minor: Int?
    var sawFormat = false
    var sawVersion = false
    var sawMinor = false
    do {
      try s.object { s, key in
        switch key {
        case "format" where !sawFormat:
          sawFormat = true
          format = try s.optional { try $0.text() }
        case "version" where !sawVersion:
          sawVersion = true
          version = try s.optional { try $0.int() }
        case "minor" where !sawMinor:
          sawMinor = true
          minor = try s.optional { try $0.int() }
        default: try s.skipValue()
        }
      }
    } catch {
      return nil
    }
    return (format, version, minor)
  }

  /// Rejects a wrong format tag, version or minor version before schema problems are reported,
  /// so that a trace from a future version gets a version error rather than a schema error.
  private static func checkHeader(format: String?, version: Int?, minor: Int?) throws {
    if let format, format != TraceFormat.tag {
      throw TraceError(
        "not a drc trace: format is '\(Diagnostic.clean(format))', expected '\(TraceFormat.tag)'")
    }
    if let version, version != TraceFormat.version {
      throw TraceError(
        "unsupported trace version \(version): this drc (\(TraceFormat.drcVersion)) reads version \(TraceFormat.version)"
      )
    }
    if let minor, let problem = TraceMinor.problem(minor) { throw TraceError(problem) }
  }
}
